//! Any bytes through the Mermaid and spreadsheet importers (crates/journey-fuzz/src/import.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::import::import(data));
