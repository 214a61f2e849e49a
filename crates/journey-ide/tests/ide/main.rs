//! The IDE features through the public API of `journey-ide`: each test writes a small
//! workspace as a fixture, with `$0` where the cursor stands, and snapshots what the feature
//! answers drawn under the source (insta).

mod fixture;

mod actions;
mod completion;
mod folding;
mod format;
mod hints;
mod hover;
mod navigation;
mod rename;
mod symbols;
mod tokens;
