//! Any bytes through the Parquet reader into the statistics (crates/journey-fuzz/src/log.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::log::parquet(data));
