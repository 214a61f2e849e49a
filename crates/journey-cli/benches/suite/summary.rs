//! The machine-readable mode of the benchmark binaries, which `suite/run` collects into one
//! table. With `JOURNEY_BENCH_SUMMARY=1` a binary skips divan, measures its figures itself and
//! prints one `key value unit` line per figure on standard output (anything for people goes to
//! standard error), then exits; without it, the binary is the divan benchmark it always was.
//!
//! The benchmark binaries include this file with `#[path]`, so that every figure in the table
//! is taken the same way: a closure is run at least a few times and until a time budget is
//! spent, its output dropped after the clock stops, and the fastest run (the one the machine
//! disturbed least) is reported beside the median. Figures that are compared with each other
//! (the same work on inputs of different sizes) are measured interleaved, so that a busy spell
//! of the machine falls on all of them alike. Each binary uses only part of this file.

#![allow(dead_code)]

use std::any::Any;
use std::time::{Duration, Instant};

/// Whether the suite asked for the summary (`JOURNEY_BENCH_SUMMARY` set, and not to `0`).
pub fn requested() -> bool {
    std::env::var_os("JOURNEY_BENCH_SUMMARY").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Prints one figure: `key value unit`, the value with enough digits for a table.
pub fn emit(key: &str, value: f64, unit: &str) {
    println!("{key} {} {unit}", significant(value));
}

/// Whole numbers as they are, others with at least four significant digits; no exponent.
fn significant(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let magnitude = if value == 0.0 { 0 } else { value.abs().log10().floor() as i32 };
    let decimals = (3 - magnitude).clamp(0, 9) as usize;
    format!("{value:.decimals$}")
}

/// How long to go on measuring one figure.
#[derive(Clone, Copy)]
pub struct Budget {
    pub min_runs: usize,
    pub max_runs: usize,
    pub time: Duration,
}

impl Default for Budget {
    /// At least 3 runs, and more until 3 s have passed, at most 1,000.
    fn default() -> Self {
        Budget { min_runs: 3, max_runs: 1000, time: Duration::from_secs(3) }
    }
}

/// The runs of one figure, in seconds.
pub struct Timing {
    /// Wall time of each run, fastest first.
    pub wall: Vec<f64>,
    /// The least time this thread spent on a CPU in one run: unlike wall time, it does not
    /// count waiting for a core on a busy machine (Linux; 0 elsewhere).
    pub cpu_best: f64,
}

impl Timing {
    pub fn best(&self) -> f64 {
        self.wall.first().copied().unwrap_or(f64::NAN)
    }

    pub fn median(&self) -> f64 {
        median(&self.wall)
    }

    /// Prints `key.best_s`, `key.median_s`, `key.runs` and, for runs of 50 ms or more,
    /// `key.cpu_best_s`: the kernel adds up a thread's CPU time at scheduler ticks, which makes
    /// it too coarse for shorter runs.
    pub fn emit(&self, key: &str) {
        emit(&format!("{key}.best_s"), self.best(), "s");
        emit(&format!("{key}.median_s"), self.median(), "s");
        emit(&format!("{key}.runs"), self.wall.len() as f64, "runs");
        if self.best() >= 0.05 {
            emit(&format!("{key}.cpu_best_s"), self.cpu_best, "s");
        }
    }
}

/// Runs `f` as `budget` says, timing each call; what `f` returns is dropped after the clock
/// has stopped, as divan does.
pub fn time<T>(budget: Budget, mut f: impl FnMut() -> T) -> Timing {
    let started = Instant::now();
    let mut runs = Runs::default();
    while runs.wall.len() < budget.min_runs || (runs.wall.len() < budget.max_runs && started.elapsed() < budget.time) {
        runs.once(&mut f);
    }
    runs.finish()
}

/// What a closure of [`interleaved`] returns: boxed, so that closures of different outputs fit
/// in one list.
pub type Output = Box<dyn Any>;

/// A closure of [`interleaved`].
pub type Work<'a> = Box<dyn FnMut() -> Output + 'a>;

/// Runs several closures in rounds, the slowest first: each round runs it once and then each
/// of the others repeatedly for about as long as that took, so that a busy spell of the machine
/// falls on all of them alike. At least `budget.min_runs` rounds, more until `budget.time` has
/// passed for each closure, at most `budget.max_runs` runs of any one.
pub fn interleaved(budget: Budget, mut works: Vec<Work>) -> Vec<Timing> {
    let started = Instant::now();
    let total = budget.time * works.len() as u32;
    let mut runs: Vec<Runs> = works.iter().map(|_| Runs::default()).collect();
    let mut rounds = 0;
    while rounds < budget.min_runs || (started.elapsed() < total && runs.iter().all(|r| r.wall.len() < budget.max_runs))
    {
        let mut slot = Duration::ZERO;
        for (i, (work, runs)) in works.iter_mut().zip(&mut runs).enumerate() {
            let round = Instant::now();
            loop {
                runs.once(work);
                if i == 0 {
                    slot = round.elapsed();
                }
                if round.elapsed() >= slot || runs.wall.len() >= budget.max_runs {
                    break;
                }
            }
        }
        rounds += 1;
    }
    runs.into_iter().map(Runs::finish).collect()
}

/// [`interleaved`] for the same work on several inputs, the largest first.
pub fn interleaved_over<I, T: 'static>(budget: Budget, inputs: &[I], work: impl Fn(&I) -> T + Copy) -> Vec<Timing> {
    interleaved(budget, inputs.iter().map(|input| Box::new(move || Box::new(work(input)) as Output) as Work).collect())
}

/// Wall and CPU times of the runs so far.
#[derive(Default)]
struct Runs {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Runs {
    fn once<T>(&mut self, f: &mut impl FnMut() -> T) {
        let (clock, on_cpu) = (Instant::now(), cpu_seconds());
        let output = std::hint::black_box(f());
        let wall = clock.elapsed().as_secs_f64();
        self.cpu.push(cpu_seconds() - on_cpu);
        self.wall.push(wall);
        drop(output);
    }

    fn finish(mut self) -> Timing {
        self.cpu.sort_by(f64::total_cmp);
        self.wall.sort_by(f64::total_cmp);
        Timing { wall: self.wall, cpu_best: self.cpu.first().copied().unwrap_or(0.0) }
    }
}

/// The middle of sorted values (the mean of the two middle ones for an even count).
pub fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        n => (sorted[(n - 1) / 2] + sorted[n / 2]) / 2.0,
    }
}

/// The time this thread has spent on a CPU, from `/proc/thread-self/schedstat`.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(0.0, |ns| ns / 1e9)
}
