//! The diagrams journey draws itself, with no browser, JVM or network: the service blueprint
//! ([`blueprint`]) and the flow diagram ([`flow`]) as accessible SVG, and the self-contained
//! HTML report ([`report`]) that puts diagrams, steps, figures and findings on one page.
//! Output is deterministic: the same model gives byte-identical files.

mod blueprint;
mod flow;
pub mod order;
pub mod report;
pub mod svg;

pub use blueprint::blueprint;
pub use flow::flow;
