//! Any bytes through the OCEL 2.0 readers (JSON and XML) into the statistics (crates/journey-fuzz/src/log.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::log::ocel(data));
