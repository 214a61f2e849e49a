//! Any bytes through load, lex, parse, lower, the rules and every renderer.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::check(data));
