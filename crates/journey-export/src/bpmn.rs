//! BPMN 2.0 XML, with BPMN-DI so that bpmn.io and Camunda Modeler open it laid out.
//!
//! A collaboration of two pools, the customer on top (the LOVEM convention):
//! - the **customer's pool** holds the journey as the customer lives it: one start event, a
//!   task per step, exclusive gateways where customers divide (out of a step with several ways
//!   on, and at the start when there are several ways in) or meet again (into a step several
//!   flows reach), and an end event wherever customers leave. Each flow out of a dividing
//!   gateway is named with its share and carries it as its condition's text and documentation.
//! - the **organisation's pool** (the competitor's, for a competitor journey) has one lane per
//!   lane the journey's touchpoints stand in. For every step at such a touchpoint the lane holds
//!   the organisation's side: a message start event (the customer's contact), a task named after
//!   the touchpoint, and an end event. A message flow from the customer's task to it crosses the
//!   line of interaction.
//!
//! Layout: a column per step (its longest path from the entries, loops cut), a row per step
//! sharing a column; flows turn in the free channels between columns and above rows. Ids are
//! built by [`crate::view::ident`]; every text is XML-escaped.

mod layout;

use std::fmt::Write;

use journey_model::ir::{JourneyId, Model};
use journey_model::units;

use crate::view::{EPSILON, View, flow_text, percent};
use layout::{Grid, Point, Rect};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Start,
    MessageStart,
    End,
    Task,
    Gateway,
}

struct Node {
    id: String,
    kind: Kind,
    name: String,
    doc: Option<String>,
    incoming: Vec<usize>,
    outgoing: Vec<usize>,
    bounds: Rect,
    /// The organisation's lane it stands in (index into the org lanes), if any.
    lane: Option<usize>,
}

struct Flow {
    id: String,
    source: usize,
    target: usize,
    name: Option<String>,
    condition: Option<String>,
    doc: Option<String>,
    waypoints: Vec<Point>,
}

#[derive(Default)]
struct Process {
    nodes: Vec<Node>,
    flows: Vec<Flow>,
    /// The flows' ids, to keep them distinct without a search through every flow.
    flow_ids: std::collections::HashSet<String>,
}

impl Process {
    fn node(&mut self, id: String, kind: Kind, name: String, bounds: Rect) -> usize {
        self.nodes.push(Node {
            id,
            kind,
            name,
            doc: None,
            incoming: Vec::new(),
            outgoing: Vec::new(),
            bounds,
            lane: None,
        });
        self.nodes.len() - 1
    }

    fn flow(&mut self, source: usize, target: usize, waypoints: Vec<Point>) -> usize {
        let id = format!("{}_to_{}", self.nodes[source].id, self.nodes[target].id);
        // Two flows between the same nodes (a model may repeat one) keep distinct ids.
        let id = if self.flow_ids.contains(&id) { format!("{id}_{}", self.flows.len()) } else { id };
        self.flow_ids.insert(id.clone());
        self.flows.push(Flow { id, source, target, name: None, condition: None, doc: None, waypoints });
        let f = self.flows.len() - 1;
        self.nodes[source].outgoing.push(f);
        self.nodes[target].incoming.push(f);
        f
    }

    fn share(&mut self, flow: usize, text: String, doc: String) {
        let f = &mut self.flows[flow];
        f.condition = Some(text.split(' ').next().unwrap_or_default().to_string());
        f.name = Some(text);
        f.doc = Some(doc);
    }
}

pub fn bpmn(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let competitor = model.journey(journey).and_then(|j| j.competitor.as_deref()).map(crate::view::clean);
    let organisation = competitor.filter(|c| !c.is_empty()).unwrap_or_else(|| "Organisation".into());
    let grid = Grid::new(&view);
    let k = &view.key;
    let mut customer = Process::default();
    let n = view.steps.len();

    // The customer's steps, each with the gateways around it.
    let start = customer.node(format!("{k}_start"), Kind::Start, "Start".into(), grid.start());
    let ways_in: Vec<(usize, f64)> =
        view.entries.iter().copied().chain(view.orphans.iter().map(|&o| (o, 0.0))).collect();
    let mut task = Vec::with_capacity(n);
    let mut entry_node = Vec::with_capacity(n);
    let mut ways_in_at = vec![0usize; n];
    for &(e, _) in &ways_in {
        if let Some(count) = ways_in_at.get_mut(e) {
            *count += 1;
        }
    }
    let is_entry: std::collections::HashSet<usize> = view.entries.iter().map(|&(e, _)| e).collect();
    for (i, step) in view.steps.iter().enumerate() {
        let ins = step.incoming + ways_in_at[i];
        let join = (ins > 1)
            .then(|| customer.node(format!("{}_join", step.key), Kind::Gateway, "Customers meet".into(), grid.join(i)));
        let t = customer.node(step.key.clone(), Kind::Task, step.name.clone(), grid.task(i));
        customer.nodes[t].doc = Some(step_doc(&view, i));
        if let Some(j) = join {
            let w = grid.join_to_task(i);
            customer.flow(j, t, w);
        }
        task.push(t);
        entry_node.push(join.unwrap_or(t));
    }
    // Where customers come in.
    match ways_in.as_slice() {
        [] => {
            let end = customer.node(format!("{k}_end"), Kind::End, "Nothing to do".into(), grid.start_end());
            customer.flow(start, end, grid.start_to_end());
        }
        [(only, _)] => {
            let w = grid.route(grid.start_out(), grid.start_channel(), customer.nodes[entry_node[*only]].bounds);
            customer.flow(start, entry_node[*only], w);
        }
        several => {
            let split = customer.node(format!("{k}_start_split"), Kind::Gateway, "Way in".into(), grid.start_split());
            customer.flow(start, split, grid.start_to_split());
            for &(e, share) in several {
                let target = entry_node[e];
                let w = grid.route(grid.start_split_out(), grid.start_channel(), customer.nodes[target].bounds);
                let f = customer.flow(split, target, w);
                let name = if is_entry.contains(&e) { percent(share) } else { format!("{} (no way in)", percent(0.0)) };
                let doc = format!("{} of the customers start at \"{}\".", percent(share), view.steps[e].name);
                customer.share(f, name, doc);
            }
        }
    }
    // Where customers go from each step.
    for (i, step) in view.steps.iter().enumerate() {
        let t = task[i];
        let ways = step.next.len() + usize::from(step.exit > EPSILON || step.next.is_empty());
        if ways == 1 && !step.next.is_empty() {
            let to = step.next[0].to;
            let target = entry_node[to];
            let w = grid.route(grid.task_out(i), grid.channel(i), customer.nodes[target].bounds);
            let f = customer.flow(t, target, w);
            // A name on a flow without a condition is noise to BPMN tools: the label goes into
            // the flow's documentation.
            if let Some(label) = &step.next[0].label {
                customer.flows[f].doc = Some(label.clone());
            }
            continue;
        }
        if ways == 1 {
            let end = customer.node(format!("{}_end", step.key), Kind::End, "Journey ends".into(), grid.end_beside(i));
            customer.flow(t, end, grid.task_to_end(i));
            continue;
        }
        let split = customer.node(format!("{}_split", step.key), Kind::Gateway, "Where next?".into(), grid.split(i));
        customer.nodes[split].doc = Some(format!("Where the customers at \"{}\" go.", step.name));
        customer.flow(t, split, grid.task_to_split(i));
        for next in &step.next {
            let target = entry_node[next.to];
            let w = grid.route(grid.split_out(i), grid.channel(i), customer.nodes[target].bounds);
            let f = customer.flow(split, target, w);
            let doc = format!(
                "{} of the customers at \"{}\" go on to \"{}\".",
                percent(next.share),
                step.name,
                view.steps[next.to].name
            );
            customer.share(f, flow_text(next.share, next.label.as_deref()), doc);
        }
        if step.exit > EPSILON {
            let end = customer.node(format!("{}_end", step.key), Kind::End, "Journey ends".into(), grid.end_below(i));
            let f = customer.flow(split, end, grid.split_to_end(i));
            let doc = format!("{} of the customers at \"{}\" leave the journey there.", percent(step.exit), step.name);
            customer.share(f, format!("{} leave", percent(step.exit)), doc);
        }
    }

    // The organisation's side of every step at a touchpoint in a lane.
    let mut org = Process::default();
    let mut contacts = Vec::new();
    for (i, step) in view.steps.iter().enumerate() {
        let Some(lane) = grid.org_lane(i) else { continue };
        let touchpoint = step.touchpoint.clone().unwrap_or_else(|| "Touchpoint".into());
        let s = org.node(format!("o_{}_contact", step.key), Kind::MessageStart, step.name.clone(), grid.org_start(i));
        let t = org.node(format!("o_{}", step.key), Kind::Task, touchpoint, grid.org_task(i));
        let e = org.node(format!("o_{}_done", step.key), Kind::End, "Served".into(), grid.org_end(i));
        org.nodes[t].doc = Some(format!("The organisation's side of \"{}\".", step.name));
        for node in [s, t, e] {
            org.nodes[node].lane = Some(lane);
        }
        org.flow(s, t, grid.org_start_to_task(i));
        org.flow(t, e, grid.org_task_to_end(i));
        contacts.push((format!("{}_contact", step.key), task[i], s, grid.contact(i)));
    }

    // The document.
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" \
         xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" \
         xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" \
         xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         id=\"{k}_definitions\" targetNamespace=\"http://bpmn.io/schema/bpmn\" \
         exporter=\"journey\" exporterVersion=\"{}\">",
        env!("CARGO_PKG_VERSION")
    );
    let has_org = !org.nodes.is_empty();
    let _ = writeln!(out, "  <bpmn:collaboration id=\"{k}_collaboration\">");
    let _ = writeln!(out, "    <bpmn:documentation>{}</bpmn:documentation>", xml(&view.title));
    let _ = writeln!(
        out,
        "    <bpmn:participant id=\"{k}_customer\" name=\"Customer\" processRef=\"{k}_customer_process\" />"
    );
    if has_org {
        let _ = writeln!(
            out,
            "    <bpmn:participant id=\"{k}_organisation\" name=\"{}\" processRef=\"{k}_organisation_process\" />",
            xml(&organisation)
        );
    } else {
        let _ = writeln!(out, "    <bpmn:participant id=\"{k}_organisation\" name=\"{}\" />", xml(&organisation));
    }
    for (id, from, to, _) in &contacts {
        let _ = writeln!(
            out,
            "    <bpmn:messageFlow id=\"{id}\" sourceRef=\"{}\" targetRef=\"{}\" />",
            customer.nodes[*from].id, org.nodes[*to].id
        );
    }
    out.push_str("  </bpmn:collaboration>\n");
    write_process(&mut out, &format!("{k}_customer_process"), &view.title, &customer, &[], k);
    if has_org {
        let lanes: Vec<(String, String)> =
            grid.org_lanes.iter().map(|&l| (view.lanes[l].key.clone(), view.lanes[l].name.clone())).collect();
        write_process(&mut out, &format!("{k}_organisation_process"), &organisation, &org, &lanes, k);
    }

    // The diagram.
    let _ = writeln!(out, "  <bpmndi:BPMNDiagram id=\"{k}_diagram\">");
    let _ = writeln!(out, "    <bpmndi:BPMNPlane id=\"{k}_plane\" bpmnElement=\"{k}_collaboration\">");
    shape(&mut out, &format!("{k}_customer"), grid.customer_pool(), " isHorizontal=\"true\"");
    shape(&mut out, &format!("{k}_organisation"), grid.org_pool(), " isHorizontal=\"true\"");
    if has_org {
        for (o, &l) in grid.org_lanes.iter().enumerate() {
            shape(&mut out, &format!("{k}_{}", view.lanes[l].key), grid.org_lane_bounds(o), " isHorizontal=\"true\"");
        }
    }
    for process in [&customer, &org] {
        for node in &process.nodes {
            let extra = if node.kind == Kind::Gateway { " isMarkerVisible=\"true\"" } else { "" };
            shape(&mut out, &node.id, node.bounds, extra);
        }
        for flow in &process.flows {
            edge(&mut out, &flow.id, &flow.waypoints);
        }
    }
    for (id, _, _, waypoints) in &contacts {
        edge(&mut out, id, waypoints);
    }
    out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
    out
}

fn step_doc(view: &View, i: usize) -> String {
    let step = &view.steps[i];
    let mut doc = String::new();
    match &step.touchpoint {
        Some(t) => {
            let _ = write!(doc, "At \"{t}\"");
        }
        None => doc.push_str("At no touchpoint"),
    }
    if let Some(lane) = view.lanes.get(step.lane) {
        let _ = write!(doc, ", lane \"{}\"", lane.name);
    }
    if let Some(e) = step.emotion {
        let _ = write!(doc, "; emotion {}", units::score(e));
    }
    doc.push('.');
    doc
}

fn write_process(out: &mut String, id: &str, name: &str, process: &Process, lanes: &[(String, String)], k: &str) {
    let _ = writeln!(out, "  <bpmn:process id=\"{id}\" name=\"{}\" isExecutable=\"false\">", xml(name));
    if !lanes.is_empty() {
        let _ = writeln!(out, "    <bpmn:laneSet id=\"{id}_lanes\">");
        for (l, (key, lane_name)) in lanes.iter().enumerate() {
            let _ = writeln!(out, "      <bpmn:lane id=\"{k}_{key}\" name=\"{}\">", xml(lane_name));
            for node in process.nodes.iter().filter(|n| n.lane == Some(l)) {
                let _ = writeln!(out, "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>", node.id);
            }
            out.push_str("      </bpmn:lane>\n");
        }
        out.push_str("    </bpmn:laneSet>\n");
    }
    for node in &process.nodes {
        let tag = match node.kind {
            Kind::Start | Kind::MessageStart => "startEvent",
            Kind::End => "endEvent",
            Kind::Task => "task",
            Kind::Gateway => "exclusiveGateway",
        };
        let _ = writeln!(out, "    <bpmn:{tag} id=\"{}\" name=\"{}\">", node.id, xml(&node.name));
        if let Some(doc) = &node.doc {
            let _ = writeln!(out, "      <bpmn:documentation>{}</bpmn:documentation>", xml(doc));
        }
        for &f in &node.incoming {
            let _ = writeln!(out, "      <bpmn:incoming>{}</bpmn:incoming>", process.flows[f].id);
        }
        for &f in &node.outgoing {
            let _ = writeln!(out, "      <bpmn:outgoing>{}</bpmn:outgoing>", process.flows[f].id);
        }
        if node.kind == Kind::MessageStart {
            let _ = writeln!(out, "      <bpmn:messageEventDefinition id=\"{}_message\" />", node.id);
        }
        let _ = writeln!(out, "    </bpmn:{tag}>");
    }
    for flow in &process.flows {
        let (source, target) = (&process.nodes[flow.source].id, &process.nodes[flow.target].id);
        let name = flow.name.as_deref().map(|n| format!(" name=\"{}\"", xml(n))).unwrap_or_default();
        if flow.doc.is_none() && flow.condition.is_none() {
            let _ = writeln!(
                out,
                "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{source}\" targetRef=\"{target}\" />",
                flow.id
            );
            continue;
        }
        let _ = writeln!(
            out,
            "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{source}\" targetRef=\"{target}\">",
            flow.id
        );
        if let Some(doc) = &flow.doc {
            let _ = writeln!(out, "      <bpmn:documentation>{}</bpmn:documentation>", xml(doc));
        }
        if let Some(condition) = &flow.condition {
            let _ = writeln!(
                out,
                "      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:conditionExpression>",
                xml(condition)
            );
        }
        out.push_str("    </bpmn:sequenceFlow>\n");
    }
    out.push_str("  </bpmn:process>\n");
}

fn shape(out: &mut String, element: &str, r: Rect, extra: &str) {
    let _ = writeln!(out, "      <bpmndi:BPMNShape id=\"{element}_di\" bpmnElement=\"{element}\"{extra}>");
    let _ = writeln!(out, "        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />", r.x, r.y, r.w, r.h);
    out.push_str("      </bpmndi:BPMNShape>\n");
}

fn edge(out: &mut String, element: &str, waypoints: &[Point]) {
    let _ = writeln!(out, "      <bpmndi:BPMNEdge id=\"{element}_di\" bpmnElement=\"{element}\">");
    for p in waypoints {
        let _ = writeln!(out, "        <di:waypoint x=\"{}\" y=\"{}\" />", p.x, p.y);
    }
    out.push_str("      </bpmndi:BPMNEdge>\n");
}

/// Text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_xml() {
        assert_eq!(super::xml("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    }
}
