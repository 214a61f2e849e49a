//! The formatter's round trip: idempotent, and the model unchanged.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::fmt::round_trip(data));
