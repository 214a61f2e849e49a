//! Speed of the drawings: the service blueprint and the flow diagram of journeys of 50, 200
//! and 2,000 steps (target: 2,000 steps well under a second; 10× the steps ≤ 12× the time).
//!
//! With `JOURNEY_BENCH_SUMMARY=1` (the benchmark suite, `crates/journey-cli/benches/suite/run`)
//! the binary prints the same figures as `key value unit` lines instead (the sizes interleaved
//! in rounds; fastest and median of at least 3 runs, more until 3 s a size are spent).
//!
//! For profiling, `JOURNEY_BENCH_PROFILE=blueprint|flow` draws only that drawing of a journey
//! of `JOURNEY_BENCH_STEPS` steps (2,000), `JOURNEY_BENCH_RUNS` times (10), printing the fastest
//! run: run the binary under `perf record`, or compare sizes at equal work (200 steps 100 times
//! against 2,000 steps 10 times).

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
    } else if let Ok(drawing) = std::env::var("JOURNEY_BENCH_PROFILE") {
        profile(&drawing);
    } else {
        divan::main();
    }
}

/// One drawing, many times, and nothing else (`JOURNEY_BENCH_PROFILE`).
fn profile(drawing: &str) {
    let number = |name: &str, default: usize| std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    let (steps, runs) = (number("JOURNEY_BENCH_STEPS", 2000), number("JOURNEY_BENCH_RUNS", 10));
    let model = long_journey(steps);
    let journey = &model.journeys[0];
    let mut fastest = f64::INFINITY;
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let svg = match drawing {
            "flow" => journey_diagram::flow(&model, journey, ""),
            _ => journey_diagram::blueprint(&model, journey, ""),
        };
        fastest = fastest.min(started.elapsed().as_secs_f64());
        drop(std::hint::black_box(svg));
    }
    println!("{drawing} of {steps} steps: fastest of {runs} runs {:.3} ms", fastest * 1e3);
}

/// The suite's figures, measured as the benchmarks below measure them; the sizes of one drawing
/// interleaved, so that the scaling from one to the next is not a busy spell of the machine.
fn summarize() {
    let budget = summary::Budget::default();
    let sizes = [2000, 200, 50];
    let models: Vec<Model> = sizes.iter().map(|&steps| long_journey(steps)).collect();
    let drawings = [
        (
            "blueprint",
            summary::interleaved_over(budget, &models, |m| journey_diagram::blueprint(m, &m.journeys[0], "")),
        ),
        ("flow", summary::interleaved_over(budget, &models, |m| journey_diagram::flow(m, &m.journeys[0], ""))),
    ];
    for (name, timings) in drawings {
        for (steps, timing) in sizes.iter().zip(timings) {
            timing.emit(&format!("{name}.{steps}"));
        }
    }
}

/// A journey of `steps` steps in stages of ten, with branches ahead and loops back, over three
/// lanes and channels, each step with evidence, a pain now and then, and a risk.
pub fn long_journey(steps: usize) -> Model {
    let mut text = String::from(
        "lane a \"Sales\"\nlane b \"Service\"\nlane c \"Warehouse\"\nsystem s \"CRM\"\nsystem e \"ERP\"\n\
         procedure p \"Order handling\" { lane: c  uses: e }\n\
         touchpoint web \"Web shop\" { channel: web  lane: a  uses: s }\n\
         touchpoint phone \"Call centre\" { channel: phone  lane: b  uses: s  supported_by: p }\n\
         touchpoint van \"Delivery\" { channel: delivery  lane: c  supported_by: p }\n",
    );
    text.push_str("journey long \"A long journey\" {\n  volume: 10000 / month\n");
    for stage in 0..steps.div_ceil(10) {
        let _ = writeln!(text, "  stage g{stage} \"Stage {stage}\" {{");
        for i in stage * 10..(stage * 10 + 10).min(steps) {
            let at = ["web", "phone", "van"][i % 3];
            let _ = write!(
                text,
                "    step s{i} \"Step {i} of the customer's journey\" at {at} {{ duration: 5min  emotion: {}  evidence: \"Receipt {i}\"",
                (i % 5) as i64 - 2
            );
            if i % 4 == 1 {
                text.push_str("  pain: \"Waits too long\"");
            }
            text.push_str(" }\n");
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
    journey_model::check_text(Path::new("/bench/long.journey"), &text).model
}

#[divan::bench(args = [50, 200, 2000])]
fn blueprint(bencher: divan::Bencher, steps: usize) {
    let model = long_journey(steps);
    bencher.bench(|| journey_diagram::blueprint(&model, &model.journeys[0], ""));
}

#[divan::bench(args = [50, 200, 2000])]
fn flow(bencher: divan::Bencher, steps: usize) {
    let model = long_journey(steps);
    bencher.bench(|| journey_diagram::flow(&model, &model.journeys[0], ""));
}
