//! A document edited at random places, with every editor feature asked after each edit.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| journey_fuzz::lsp::run(data));
