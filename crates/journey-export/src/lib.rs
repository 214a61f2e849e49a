//! The exports of a journey model to the formats other tools read: Mermaid (a `journey`
//! diagram and a `flowchart`), Graphviz DOT, PlantUML, BPMN 2.0 XML with BPMN-DI, draw.io
//! (an editable service blueprint), and JSON with its JSON Schema.
//!
//! Pure: a [`Model`](journey_model::ir::Model) comes in, text goes out, byte-identical for the
//! same model. Each diagram export draws one journey, which may be a baseline, a competitor's
//! journey or a scenario's version of a baseline. Every label is user text and every export
//! escapes what its format needs; ids in the outputs are built from indices and the ASCII
//! letters and digits of the model's ids, never copied from user text (see [`view`]).

mod bpmn;
mod dot;
mod drawio;
mod json;
mod mermaid;
mod plantuml;
mod view;

pub use bpmn::bpmn;
pub use dot::dot;
pub use drawio::drawio;
pub use json::{FORMAT_VERSION, JSON_SCHEMA, json};
pub use mermaid::{mermaid_flowchart, mermaid_journey};
pub use plantuml::plantuml;
