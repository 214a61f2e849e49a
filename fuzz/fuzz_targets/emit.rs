//! Every drawing and export of every journey and scenario of a model that checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::emit::emit(data));
