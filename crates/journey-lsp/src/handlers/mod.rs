//! One file per feature: each converts LSP's parameters to the core's files and offsets, calls
//! `journey-ide` (guarded against panics) and converts the answer back.

pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod folding;
pub mod formatting;
pub mod highlight;
pub mod hover;
pub mod inlay_hints;
pub mod lifecycle;
pub mod preview;
pub mod references;
pub mod rename;
pub mod semantic_tokens;
pub mod symbols;
