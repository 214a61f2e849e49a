//! The event-log properties of the `log_*` fuzz targets hold on the public logs they start from
//! (tests/logs/), whole: real logs exercise every figure that the statistics cross-check.

use std::path::Path;

#[test]
fn the_log_properties_hold_on_the_public_logs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/logs");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/logs") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(&path).expect("log");
        let property: fn(&[u8]) = if name.contains(".csv") {
            journey_fuzz::log::csv
        } else if name.contains(".xes") {
            journey_fuzz::log::xes
        } else if name.ends_with("ocel") {
            journey_fuzz::log::ocel
        } else if name.ends_with(".parquet") {
            journey_fuzz::log::parquet
        } else {
            continue;
        };
        property(&bytes);
        seen += 1;
    }
    assert_eq!(seen, 8, "every public log is tried");
}
