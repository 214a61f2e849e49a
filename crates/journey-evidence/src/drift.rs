//! Drift: where a flow's observed share changed from one window of the log to the next. Two
//! windows in a row are compared flow by flow with the two-proportion z-test (reference,
//! "Evidence") where each side has at least `min-cases` customers leaving the step. Many flows
//! over many windows make many tests, so the level is Bonferroni's: 5 % for the whole fit,
//! split evenly over its tests. A change counts when it is beyond that and at least the
//! tolerance in size, so that a big log does not report every percentage point.

use serde::Serialize;

use crate::{FlowFit, Options, Part};

/// A flow (or a step's end, `to: None`) whose share changed between two windows in a row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drift {
    /// The journey's segment; `None` for all cases.
    pub segment: Option<String>,
    pub from: String,
    pub to: Option<String>,
    /// The earlier window and its `taken / out_of`.
    pub before: Side,
    /// The later window.
    pub after: Side,
    /// The two-proportion z statistic of the change.
    pub z: f64,
    #[serde(skip)]
    pub from_step: usize,
    #[serde(skip)]
    pub to_step: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub window: String,
    pub share: f64,
    pub taken: u64,
    pub out_of: u64,
}

impl Drift {
    /// `after.share − before.share`.
    pub fn change(&self) -> f64 {
        self.after.share - self.before.share
    }
}

/// The z statistic of `n1` in `t1` against `n2` in `t2`, with the pooled share:
/// `(p₂ − p₁) / √(p̄(1 − p̄)(1/t₁ + 1/t₂))`, `p̄ = (n₁ + n₂)/(t₁ + t₂)`. `None` when either
/// window has no trials, or every trial of both went the same way (no spread to judge by).
pub fn two_proportion_z(n1: u64, t1: u64, n2: u64, t2: u64) -> Option<f64> {
    if t1 == 0 || t2 == 0 {
        return None;
    }
    let (a, b) = (t1 as f64, t2 as f64);
    let pooled = (n1 + n2) as f64 / (a + b);
    let spread = (pooled * (1.0 - pooled) * (1.0 / a + 1.0 / b)).sqrt();
    (spread > 0.0).then(|| (n2 as f64 / b - n1 as f64 / a) / spread)
}

/// The drifts between the windows of a fit's parts, in the order of the parts: for each
/// audience (all cases, then each segment), each pair of windows in a row that both have the
/// audience.
pub fn drift(parts: &[Part], options: &Options) -> Vec<Drift> {
    let mut audiences: Vec<Option<&str>> = Vec::new();
    for p in parts {
        if !audiences.contains(&p.segment.as_deref()) {
            audiences.push(p.segment.as_deref());
        }
    }
    // Every comparison first, for the number of tests the level is split over.
    let mut tests = Vec::new();
    for audience in audiences {
        let series: Vec<&Part> =
            parts.iter().filter(|p| p.window.is_some() && p.segment.as_deref() == audience).collect();
        for pair in series.windows(2) {
            let (earlier, later) = (pair[0], pair[1]);
            for f in &later.flows {
                let Some(e) = earlier.flows.iter().find(|e| e.from_step == f.from_step && e.to_step == f.to_step)
                else {
                    continue;
                };
                if e.out_of < options.min_cases || f.out_of < options.min_cases {
                    continue;
                }
                if let Some(z) = two_proportion_z(e.taken, e.out_of, f.taken, f.out_of) {
                    tests.push((earlier, e, later, f, z));
                }
            }
        }
    }
    let critical = critical_z(0.05 / tests.len().max(1) as f64);
    let mut out = Vec::new();
    for (earlier, e, later, f, z) in tests {
        let (Some(before), Some(after)) = (e.observed, f.observed) else { continue };
        if z.abs() <= critical || (after - before).abs() < options.tolerance {
            continue;
        }
        let side = |p: &Part, share: f64, flow: &FlowFit| Side {
            window: p.window.clone().unwrap_or_default(),
            share,
            taken: flow.taken,
            out_of: flow.out_of,
        };
        out.push(Drift {
            segment: later.segment.clone(),
            from: f.from.clone(),
            to: f.to.clone(),
            before: side(earlier, before, e),
            after: side(later, after, f),
            z,
            from_step: f.from_step,
            to_step: f.to_step,
        });
    }
    out
}

/// The z beyond which a two-sided test rejects at level `alpha`: Φ⁻¹(1 − α/2), found by
/// bisection on the normal tail (1.96 for α = 0.05).
pub fn critical_z(alpha: f64) -> f64 {
    let (mut lo, mut hi) = (0.0_f64, 40.0_f64);
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        if 2.0 * upper_tail(mid) > alpha {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// P(Z > z) for a standard normal Z ≥ 0: erfc(z/√2)/2, erfc by the continued fraction
/// (Lentz's method), accurate far into the tail where 1 − Φ(z) is tiny.
fn upper_tail(z: f64) -> f64 {
    let x = z / std::f64::consts::SQRT_2;
    if x < 2.0 {
        // erfc = 1 − erf, erf by its Maclaurin series (fast enough and exact to 1e-15 here).
        let mut term = x;
        let mut sum = x;
        for n in 1..200 {
            term *= -x * x / n as f64;
            let add = term / (2 * n + 1) as f64;
            sum += add;
            if add.abs() < 1e-17 {
                break;
            }
        }
        return (1.0 - sum * 2.0 / std::f64::consts::PI.sqrt()) / 2.0;
    }
    // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
    let mut f = x;
    let tiny = 1e-300;
    let (mut c, mut d) = (x, 0.0);
    for n in 1..300 {
        let a = n as f64 / 2.0;
        d = x + a * d;
        d = if d.abs() < tiny { tiny } else { d };
        c = x + a / c;
        c = if c.abs() < tiny { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / std::f64::consts::PI.sqrt() / f / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_values_of_the_normal() {
        // Tables of the standard normal: two-sided 5 %, 1 %, 0.1 %, and 5 % split over 100.
        for (alpha, z) in [(0.05, 1.959964), (0.01, 2.575829), (0.001, 3.290527), (0.0005, 3.480756)] {
            assert!((critical_z(alpha) - z).abs() < 1e-5, "{alpha}: {} != {z}", critical_z(alpha));
        }
        assert!((upper_tail(0.0) - 0.5).abs() < 1e-15);
        assert!((upper_tail(5.0) - 2.866516e-7).abs() < 1e-12);
    }

    #[test]
    fn two_proportions_by_hand() {
        // 30 of 100 against 45 of 100: pooled 0.375, spread √(0.375·0.625·0.02) = 0.0684653,
        // z = 0.15 / 0.0684653 = 2.19089.
        let z = two_proportion_z(30, 100, 45, 100).expect("z");
        assert!((z - 2.190890).abs() < 1e-5, "{z}");
        assert_eq!(two_proportion_z(0, 10, 0, 20), None, "no spread");
        assert_eq!(two_proportion_z(1, 0, 1, 2), None);
    }
}
