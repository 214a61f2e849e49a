//! The event-log properties of the `log_*` fuzz targets hold on the public logs they start from
//! (tests/logs/), whole, and on the inputs fuzzing found (tests/fuzz-regressions/log/, each
//! named after its target's format: `csv-…`, `xes-…`, `ocel-…`, `parquet-…`).

use std::path::Path;

fn property(name: &str) -> Option<fn(&[u8])> {
    Some(if name.contains(".csv") || name.starts_with("csv-") {
        journey_fuzz::log::csv
    } else if name.contains(".xes") || name.starts_with("xes-") {
        journey_fuzz::log::xes
    } else if name.ends_with("ocel") || name.starts_with("ocel-") {
        journey_fuzz::log::ocel
    } else if name.ends_with(".parquet") || name.starts_with("parquet-") {
        journey_fuzz::log::parquet
    } else {
        return None;
    })
}

fn replay(dir: &Path) -> usize {
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let Some(property) = property(&name).filter(|_| path.is_file()) else { continue };
        property(&std::fs::read(&path).expect("log"));
        seen += 1;
    }
    seen
}

#[test]
fn the_log_properties_hold_on_the_public_logs_and_the_kept_inputs() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert_eq!(replay(&repo.join("tests/logs")), 8, "every public log is tried");
    assert!(replay(&repo.join("tests/fuzz-regressions/log")) >= 1);
}

#[test]
fn a_parquet_page_without_its_dictionary_is_malformed() {
    // The parquet crate (58.4) panics on it; the reader catches that and says so.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz-regressions/log/parquet-data-page-without-its-dictionary");
    let bytes = bytes::Bytes::from(std::fs::read(path).expect("kept input"));
    let mut check = journey_log::Check::default();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = journey_log::read_parquet(bytes, &journey_log::ParquetOptions::default(), &mut check);
    std::panic::set_hook(hook);
    assert!(!outcome.complete);
    assert_eq!(check.problems.count(journey_log::ProblemKind::Malformed), 1, "{}", check.problems);
}

fn read_kept_parquet(name: &str) -> (journey_log::Outcome, journey_log::Check) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions/log").join(name);
    let bytes = bytes::Bytes::from(std::fs::read(path).expect("kept input"));
    let mut check = journey_log::Check::default();
    let outcome = journey_log::read_parquet(bytes, &journey_log::ParquetOptions::default(), &mut check);
    (outcome, check)
}

#[test]
fn times_outside_the_years_0000_to_9999_are_bad_timestamps() {
    // Millisecond times near i64's ends made a duration overflow in the statistics.
    let (outcome, check) = read_kept_parquet("parquet-time-outside-the-years");
    assert!(outcome.complete, "{}", check.problems);
    let bad = check.problems.get(journey_log::ProblemKind::BadTimestamp).expect("bad timestamps counted");
    assert_eq!(bad.first[0].1, "a time outside the years 0000 to 9999");
    assert_eq!(check.problems.count(journey_log::ProblemKind::Malformed), 0, "{}", check.problems);
}

#[test]
fn a_parquet_footer_claiming_more_than_it_holds_is_malformed() {
    // Its schema list declares hundreds of millions of elements in a 2 kB file; the parquet
    // crate before 60 reserved memory for all of them before reading one.
    let (outcome, check) = read_kept_parquet("parquet-footer-list-longer-than-the-footer");
    assert!(!outcome.complete);
    assert_eq!(check.problems.count(journey_log::ProblemKind::Malformed), 1, "{}", check.problems);
}
