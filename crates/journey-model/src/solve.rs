//! The linear systems of the metrics: `(I - M)·x = b` for one strongly connected component of
//! a journey, where `M` holds the shares of the flows inside the component. A small component
//! (a loop of a few steps, the usual case) is solved exactly by Gaussian elimination; a large
//! one by Gauss-Seidel sweeps over its flows, which costs the number of flows per sweep
//! instead of the cube of the number of steps. Either way the work is bounded: a loop that
//! would take longer than [`MAX_WORK`] to settle is reported as too large, never left to run.

/// Components of up to this many steps are solved exactly.
pub const DENSE_STEPS: usize = 256;
/// The most work (flows visited, or multiplications) one solve may take: about a tenth of a
/// second. A loop of a million steps that customers leave at every step settles in a few
/// sweeps; one they hardly ever leave would take millions.
pub const MAX_WORK: usize = 50_000_000;
/// Sweeps stop when no value changes by more than this, relative to the largest value.
const TOLERANCE: f64 = 1e-13;

/// Why a system has no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsolved {
    /// Customers in the component never leave it: the system is singular.
    NoExit,
    /// The component would take more than [`MAX_WORK`] to solve.
    TooLarge,
}

/// One entry of `M`: row, column and value, in the component's own numbering.
pub type Entry = (usize, usize, f64);

/// Solves `(I - M)·x = b`, with `M` given by its entries (repeated entries add up).
pub fn solve(entries: &[Entry], b: Vec<f64>) -> Result<Vec<f64>, Unsolved> {
    solve_within(entries, b, MAX_WORK)
}

fn solve_within(entries: &[Entry], b: Vec<f64>, max_work: usize) -> Result<Vec<f64>, Unsolved> {
    let k = b.len();
    if no_exit(entries, k) {
        return Err(Unsolved::NoExit);
    }
    if k <= DENSE_STEPS {
        let mut a = vec![vec![0.0; k]; k];
        for (i, row) in a.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        for &(row, col, x) in entries {
            a[row][col] -= x;
        }
        return dense(a, b).ok_or(Unsolved::NoExit);
    }
    gauss_seidel(entries, b, max_work)
}

/// Whether `M` keeps everything in: in the orientation where its sums are at most 1 (shares
/// out of each step), every sum is 1. An irreducible `M` with a sum below 1 has a spectral
/// radius below 1, and `I - M` is then invertible.
fn no_exit(entries: &[Entry], k: usize) -> bool {
    let (mut rows, mut cols) = (vec![0.0; k], vec![0.0; k]);
    for &(row, col, x) in entries {
        rows[row] += x;
        cols[col] += x;
    }
    let closed = |sums: &[f64]| sums.iter().all(|&s| s >= 1.0 - 1e-12);
    let bounded = |sums: &[f64]| sums.iter().all(|&s| s <= 1.0 + 1e-12);
    (bounded(&rows) && closed(&rows)) || (bounded(&cols) && closed(&cols))
}

/// Gaussian elimination with partial pivoting; `None` when singular.
fn dense(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (above, below) = a.split_at_mut(col + 1);
        let pivot_row = &above[col];
        for (offset, row) in below.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            if factor != 0.0 {
                for (x, p) in row.iter_mut().zip(pivot_row).skip(col) {
                    *x -= factor * p;
                }
                b[col + 1 + offset] -= factor * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - sum) / a[row][row];
    }
    Some(x)
}

/// Gauss-Seidel: `x[row] = (b[row] + Σ M[row][col]·x[col]) / (1 - M[row][row])`, row by row,
/// sweep after sweep. Rows are taken in the order the values flow (from the rows that `b`
/// feeds, along the entries), so that one sweep carries a value along a whole chain of steps.
fn gauss_seidel(entries: &[Entry], b: Vec<f64>, max_work: usize) -> Result<Vec<f64>, Unsolved> {
    let k = b.len();
    let mut diagonal = vec![1.0; k];
    // The entries of each row, and which rows each column feeds.
    let mut by_row: Vec<Vec<(usize, f64)>> = vec![Vec::new(); k];
    let mut feeds: Vec<Vec<usize>> = vec![Vec::new(); k];
    for &(row, col, x) in entries {
        if row == col {
            diagonal[row] -= x;
        } else {
            by_row[row].push((col, x));
            feeds[col].push(row);
        }
    }
    if diagonal.iter().any(|&d| d <= 1e-12) {
        return Err(Unsolved::NoExit);
    }
    let order = flow_order(&b, &feeds);
    let mut x = vec![0.0; k];
    let per_sweep = entries.len() + k;
    let mut work = 0;
    loop {
        let (mut change, mut largest) = (0.0f64, 0.0f64);
        for &row in &order {
            let sum: f64 = by_row[row].iter().map(|&(col, m)| m * x[col]).sum();
            let value = (b[row] + sum) / diagonal[row];
            change = change.max((value - x[row]).abs());
            largest = largest.max(value.abs());
            x[row] = value;
        }
        work += per_sweep;
        if !largest.is_finite() {
            return Err(Unsolved::NoExit);
        }
        if change <= TOLERANCE * largest.max(1.0) {
            return Ok(x);
        }
        if work + per_sweep > max_work {
            return Err(Unsolved::TooLarge);
        }
    }
}

/// The rows breadth first from those `b` feeds, along `feeds`; rows not reached last.
fn flow_order(b: &[f64], feeds: &[Vec<usize>]) -> Vec<usize> {
    let k = b.len();
    let mut seen = vec![false; k];
    let mut order: Vec<usize> = (0..k).filter(|&i| b[i] != 0.0).collect();
    order.iter().for_each(|&i| seen[i] = true);
    let mut next = 0;
    while let Some(&row) = order.get(next) {
        next += 1;
        for &fed in &feeds[row] {
            if !seen[fed] {
                seen[fed] = true;
                order.push(fed);
            }
        }
    }
    order.extend((0..k).filter(|&i| !seen[i]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ring of `k` steps, each going on to the next with `stay`, entered at step 0.
    fn ring(k: usize, stay: f64) -> (Vec<Entry>, Vec<f64>) {
        let entries = (0..k).map(|i| ((i + 1) % k, i, stay)).collect();
        let mut b = vec![0.0; k];
        b[0] = 1.0;
        (entries, b)
    }

    #[test]
    fn small_and_large_systems_agree_with_the_closed_form() {
        // Visits of step i of a ring: stay^i / (1 - stay^k).
        for k in [3, DENSE_STEPS, DENSE_STEPS + 1, 5_000] {
            let stay = 0.999;
            let (entries, b) = ring(k, stay);
            let x = solve(&entries, b).expect("solvable");
            let cycle = 1.0 - stay.powi(k as i32);
            for i in [0, k / 2, k - 1] {
                let expected = stay.powi(i as i32) / cycle;
                assert!((x[i] - expected).abs() <= 1e-9 * expected, "k {k}, step {i}: {} vs {expected}", x[i]);
            }
        }
    }

    #[test]
    fn a_closed_loop_has_no_exit() {
        for k in [2, 1_000] {
            let (entries, b) = ring(k, 1.0);
            assert_eq!(solve(&entries, b), Err(Unsolved::NoExit));
        }
    }

    #[test]
    fn a_loop_that_takes_too_long_to_settle_is_too_large() {
        // Customers leave once in a billion steps: hundreds of thousands of sweeps.
        let (entries, b) = ring(1_000, 1.0 - 1e-9);
        assert_eq!(solve_within(&entries, b, 1_000_000), Err(Unsolved::TooLarge));
        // The same loop, left by one customer in a hundred at each step, settles within it.
        let (entries, b) = ring(1_000, 0.99);
        assert!(solve_within(&entries, b, 1_000_000).is_ok());
    }
}
