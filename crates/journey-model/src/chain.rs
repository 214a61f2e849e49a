//! A journey as an absorbing Markov chain, for one audience: steps are the transient states,
//! and customers leave the journey at each step with the share its flows do not take. Two
//! kinds of question are answered exactly, one strongly connected component of the flow graph
//! at a time (linear without loops, the cube of a loop's size with one):
//!
//! - forward, [`Chain::visits`]: the expected visits of every step, `v = start + v·Q`;
//! - backward, [`Chain::backward`]: for each step, the expected value of what lies ahead of a
//!   customer standing there, `x = pass ∘ (exit·at_exit + Q·x)` over a set of steps, with
//!   fixed values at the steps outside the set (the chance of getting through without meeting
//!   a risk; the chance that the next step with a lane is in another lane).

use petgraph::algo::kosaraju_scc;
use serde::Serialize;

use crate::graph::{entries, flow_graph, outgoing};
use crate::ir::*;
use crate::solve::Unsolved;

/// Why a journey (or one segment's version of it) cannot be measured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Unmeasured {
    /// Customers who enter this loop never leave it: expectations are infinite.
    LoopWithoutExit(Vec<StepId>),
    /// A loop of this many steps that would take too long to solve ([`crate::solve::MAX_WORK`]).
    LoopTooLarge(usize),
    NoSteps,
}

/// The chain: per step its next steps with shares (renormalised past the steps an audience
/// skips), and its exit share; the start distribution; and the strongly connected components
/// of the flow graph in topological order (predecessors first), found once.
#[derive(Clone, Debug)]
pub struct Chain {
    pub next: Vec<Vec<(usize, f64)>>,
    pub exit: Vec<f64>,
    pub start: Vec<f64>,
    components: Vec<Vec<usize>>,
}

impl Chain {
    /// The chain of the customers who may take the steps marked in `allowed`: flows into other
    /// steps are dropped and the rest of each step's shares (leaving included) scaled back up to
    /// 100 %, and so are the entry shares.
    pub fn of(journey: &Journey, allowed: &[bool]) -> Chain {
        let may = |s: usize| allowed.get(s).copied().unwrap_or(false);
        let out = outgoing(journey);
        let mut next = Vec::with_capacity(out.len());
        let mut exit = Vec::with_capacity(out.len());
        for o in &out {
            let kept: Vec<(usize, f64)> =
                o.next.iter().filter(|(to, _, _)| may(to.index())).map(|&(to, share, _)| (to.index(), share)).collect();
            let total = kept.iter().map(|k| k.1).sum::<f64>() + o.exit;
            if total > 0.0 {
                next.push(kept.into_iter().map(|(t, s)| (t, s / total)).collect());
                exit.push(o.exit / total);
            } else {
                next.push(Vec::new());
                exit.push(1.0);
            }
        }
        let mut start = vec![0.0; journey.steps.len()];
        let mut total = 0.0;
        for (step, share) in entries(journey) {
            if may(step.index()) {
                if let Some(s) = start.get_mut(step.index()) {
                    *s += share;
                    total += share;
                }
            }
        }
        if total > 0.0 {
            start.iter_mut().for_each(|s| *s /= total);
        }
        let mut components: Vec<Vec<usize>> = kosaraju_scc(&flow_graph(journey))
            .into_iter()
            .map(|c| c.into_iter().map(|n| n.index()).collect())
            .collect();
        components.reverse();
        Chain { next, exit, start, components }
    }

    pub fn len(&self) -> usize {
        self.exit.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exit.is_empty()
    }

    fn successors(&self, s: usize) -> &[(usize, f64)] {
        self.next.get(s).map_or(&[][..], Vec::as_slice)
    }

    /// Solves `(I - M)·x = b` over `rows` (steps of one component, marked in `member`), where
    /// `M[i][j]` is `weight(s_i, s_j, share)` for each flow between two of them.
    fn solve_rows(
        &self,
        rows: &[usize],
        member: &[bool],
        slot: &mut [usize],
        b: Vec<f64>,
        weight: impl Fn(usize, usize, f64) -> (usize, usize, f64),
    ) -> Result<Vec<f64>, Unmeasured> {
        let unsolved = |why| match why {
            Unsolved::NoExit => Unmeasured::LoopWithoutExit(rows.iter().map(|&s| StepId(s as u32)).collect()),
            Unsolved::TooLarge => Unmeasured::LoopTooLarge(rows.len()),
        };
        if let ([s], [b0]) = (rows, b.as_slice()) {
            // A step alone, the usual case: only a flow to itself stays inside.
            let stay: f64 = self.successors(*s).iter().filter(|(t, _)| t == s).map(|&(_, w)| weight(0, 0, w).2).sum();
            let d = 1.0 - stay;
            return if d.abs() > 1e-12 { Ok(vec![b0 / d]) } else { Err(unsolved(Unsolved::NoExit)) };
        }
        for (i, &s) in rows.iter().enumerate() {
            slot[s] = i;
        }
        let mut matrix = Vec::new();
        for &s in rows {
            for &(t, w) in self.successors(s) {
                if member[t] {
                    matrix.push(weight(slot[s], slot[t], w));
                }
            }
        }
        crate::solve::solve(&matrix, b).map_err(unsolved)
    }

    /// Expected visits of every step per customer: `v = start + v·Q`.
    pub fn visits(&self) -> Result<Vec<f64>, Unmeasured> {
        let n = self.len();
        let mut v = vec![0.0; n];
        let mut member = vec![false; n];
        let mut slot = vec![0usize; n];
        // Inflow from solved components, accumulated as they are solved.
        let mut inflow = self.start.clone();
        for component in &self.components {
            component.iter().for_each(|&s| member[s] = true);
            let b: Vec<f64> = component.iter().map(|&t| inflow.get(t).copied().unwrap_or(0.0)).collect();
            // Row i is the target t_i: x_i - Σ_j x_j·Q[s_j][t_i] = b_i.
            let x = self.solve_rows(component, &member, &mut slot, b, |from, to, w| (to, from, w))?;
            for (&s, &visits) in component.iter().zip(&x) {
                v[s] = visits;
                for &(t, share) in self.successors(s) {
                    if !member[t] {
                        inflow[t] += visits * share;
                    }
                }
            }
            component.iter().for_each(|&s| member[s] = false);
        }
        Ok(v)
    }

    /// For each step `s` marked in `inside`: `x(s) = pass(s)·(exit(s)·at_exit + Σ_t Q(s,t)·y(t))`
    /// where `y(t)` is `x(t)` for a step inside and `fixed(t)` for one outside. The values of
    /// the steps outside are `fixed` as given.
    pub fn backward(&self, inside: &[bool], pass: &[f64], fixed: &[f64], at_exit: f64) -> Result<Vec<f64>, Unmeasured> {
        let n = self.len();
        let is_inside = |s: usize| inside.get(s).copied().unwrap_or(false);
        let mut x: Vec<f64> =
            (0..n).map(|s| if is_inside(s) { 0.0 } else { fixed.get(s).copied().unwrap_or(0.0) }).collect();
        let mut member = vec![false; n];
        let mut slot = vec![0usize; n];
        for component in self.components.iter().rev() {
            let rows: Vec<usize> = component.iter().copied().filter(|&s| is_inside(s)).collect();
            if rows.is_empty() {
                continue;
            }
            rows.iter().for_each(|&s| member[s] = true);
            let b: Vec<f64> = rows
                .iter()
                .map(|&s| {
                    let p = pass.get(s).copied().unwrap_or(1.0);
                    let mut rhs = self.exit.get(s).copied().unwrap_or(0.0) * at_exit;
                    for &(t, share) in self.successors(s) {
                        if !member[t] {
                            rhs += share * x[t];
                        }
                    }
                    p * rhs
                })
                .collect();
            // Row i is the step s_i: x_i - Σ_j pass(s_i)·Q[s_i][s_j]·x_j = b_i.
            let solved = self.solve_rows(&rows, &member, &mut slot, b, |from, to, w| {
                let s = rows.get(from).copied().unwrap_or(0);
                (from, to, pass.get(s).copied().unwrap_or(1.0) * w)
            })?;
            for (&s, value) in rows.iter().zip(solved) {
                x[s] = value;
            }
            rows.iter().for_each(|&s| member[s] = false);
        }
        Ok(x)
    }

    /// The chance of leaving the journey without ever being stopped, when each visit to step
    /// `s` lets the customer through with probability `pass[s]`.
    pub fn survival(&self, pass: &[f64]) -> Result<f64, Unmeasured> {
        let all = vec![true; self.len()];
        let h = self.backward(&all, pass, &[], 1.0)?;
        Ok(self.start.iter().zip(&h).map(|(p, h)| p * h).sum())
    }
}

/// The most likely path: from the likeliest entry, the likeliest way on at each step (leaving
/// counts as a way), never visiting a step twice. `start`, `next` and `exit` are a chain's, or
/// the shares an observer of all customers sees.
pub fn likely_path(start: &[f64], next: &[Vec<(usize, f64)>], exit: &[f64]) -> Vec<StepId> {
    let mut path = Vec::new();
    let first =
        start.iter().enumerate().filter(|(_, p)| **p > 0.0).max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    let mut seen = vec![false; start.len()];
    let mut current = first.map(|(i, _)| i);
    while let Some(s) = current {
        if seen.get(s).copied().unwrap_or(true) {
            break;
        }
        seen[s] = true;
        path.push(StepId(s as u32));
        let leave = exit.get(s).copied().unwrap_or(1.0);
        let best = next
            .get(s)
            .and_then(|n| {
                n.iter()
                    .filter(|(t, _)| !seen.get(*t).copied().unwrap_or(true))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            })
            .copied();
        current = match best {
            Some((t, share)) if share >= leave && share > 0.0 => Some(t),
            _ => None,
        };
    }
    path
}
