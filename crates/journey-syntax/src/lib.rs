//! The syntax of the journey language: [`lexer`] turns text into tokens, [`parser`] turns
//! tokens into the [`ast`], recovering from errors at member and item level so that one mistake
//! gives one diagnostic and the rest of the file is still read.

pub mod ast;
mod balance;
mod errors;
pub mod format;
pub mod lexer;
pub mod parser;

pub use parser::{ParseOptions, parse};
