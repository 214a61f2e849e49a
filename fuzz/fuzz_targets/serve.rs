//! Any request to the preview server's answers (crates/journey-fuzz/src/serve.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::serve::serve(data));
