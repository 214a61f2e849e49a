//! Speed of the analyses on a long journey: exact metrics of a 2,000-step journey with loops
//! (target: within 50 ms), and Monte Carlo simulation (target: a million steps walked a second
//! on one core).
//!
//! With `JOURNEY_BENCH_SUMMARY=1` (the benchmark suite, `crates/journey-cli/benches/suite/run`)
//! the binary prints the same figures as `key value unit` lines instead: the exact metrics of
//! 200 and 2,000 steps, and the steps a simulation of 1,000 walks covers a second (fastest and
//! median of at least 3 runs, more until 3 s are spent, at most 1,000).

/// The allocator of the `journey` binary, so that the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../journey-cli/src/allocator.rs"]
mod allocator;
#[path = "../../journey-cli/benches/suite/summary.rs"]
mod summary;

use std::fmt::Write;
use std::path::Path;

use journey_model::ir::Model;

fn main() {
    allocator::keep_freed_memory();
    if summary::requested() {
        summarize();
    } else {
        divan::main();
    }
}

/// The suite's figures, measured as the benchmarks below measure them.
fn summarize() {
    let budget = summary::Budget::default();
    for steps in [200, 2000] {
        let model = long_journey(steps);
        let journey = &model.journeys[0];
        summary::time(budget, || journey_model::figures::measure(&model, journey).expect("figures"))
            .emit(&format!("metrics.{steps}"));
    }
    let model = long_journey(200);
    let journey = &model.journeys[0];
    let walked = journey_analysis::simulate::simulate(&model, journey, None, 1000, 1).expect("simulated").steps_walked;
    summary::emit("simulate.walks", 1000.0, "walks");
    summary::emit("simulate.steps_walked", walked as f64, "steps");
    summary::time(budget, || journey_analysis::simulate::simulate(&model, journey, None, 1000, 1)).emit("simulate");
}

/// A journey of `steps` steps in stages of ten: each step goes on to the next, branches ahead
/// now and then, and every tenth step loops back a little way; the last stage ends it.
fn long_journey(steps: usize) -> Model {
    let mut text = String::from(
        "lane a \"A\"\nlane b \"B\"\nsystem s \"S\"\ntouchpoint web \"Web\" { channel: web  lane: a  uses: s }\ntouchpoint phone \"Phone\" { channel: phone  lane: b  uses: s  response: 2min }\n",
    );
    text.push_str("journey long \"Long\" {\n  volume: 10000 / month\n");
    for stage in 0..steps.div_ceil(10) {
        let _ = writeln!(text, "  stage g{stage} \"Stage {stage}\" {{");
        for i in stage * 10..(stage * 10 + 10).min(steps) {
            let at = if i % 3 == 0 { "phone" } else { "web" };
            let _ = writeln!(
                text,
                "    step s{i} \"Step {i}\" at {at} {{ duration: 5min  emotion: {} }}",
                (i % 5) as i64 - 2
            );
        }
        text.push_str("  }\n");
    }
    for i in 0..steps - 1 {
        if i % 10 == 9 && i >= 10 {
            let _ = writeln!(text, "  s{i} -> s{} 80%\n  s{i} -> s{} 20%", i + 1, i - 5);
        } else if i % 7 == 3 && i + 3 < steps {
            let _ = writeln!(text, "  s{i} -> s{} 70%\n  s{i} -> s{} 30%", i + 1, i + 3);
        } else {
            let _ = writeln!(text, "  s{i} -> s{}", i + 1);
        }
    }
    text.push_str("}\n");
    let checked = journey_model::check_text(Path::new("/bench/long.journey"), &text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics.iter().take(3).collect::<Vec<_>>());
    checked.model
}

#[divan::bench(args = [200, 2000])]
fn exact_metrics(bencher: divan::Bencher, steps: usize) {
    let model = long_journey(steps);
    let journey = &model.journeys[0];
    bencher.bench(|| journey_model::figures::measure(&model, journey).expect("figures"));
}

#[divan::bench]
fn simulation_steps_walked(bencher: divan::Bencher) {
    let model = long_journey(200);
    let journey = &model.journeys[0];
    let walked = journey_analysis::simulate::simulate(&model, journey, None, 1000, 1).expect("simulated").steps_walked;
    bencher
        .counter(divan::counter::ItemsCount::new(walked as usize))
        .bench(|| journey_analysis::simulate::simulate(&model, journey, None, 1000, 1));
}
