//! A deterministic generator of large, valid journey workspaces for the benchmarks.
//!
//! The workspace is a shared `catalog.journey` (lanes, systems, procedures, touchpoints,
//! segments, experiences, and a few competitors' touchpoints) imported by as many files under
//! `journeys/` as it takes to reach the target size. Each of those files declares a little of
//! its own (a segment, an experience, a procedure) and holds journeys in every shape the language
//! has: linear, staged, flat, with two ways in, with branches whose shares add up to 100%, with
//! loops back and their exits, with steps that may end the journey early; steps with emotions,
//! durations, costs, pains, evidence, procedures and nested risks with their recovery; scenarios
//! that change, add, replace and remove; and a competitor's journey beside ours.
//!
//! The model checks with no diagnostic at all (the bench setup asserts it): every declaration
//! is used, every experience realized, and hand-offs and channel switches stay within the
//! default thresholds because the steps of one stage share a lane and a channel.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use journey_model::MemoryLoader;

/// A generated workspace.
pub struct Generated {
    /// The workspace root (absolute).
    pub root: PathBuf,
    /// Every file, catalog first: its absolute path and its text.
    pub files: Vec<(PathBuf, String)>,
    /// The total size of the files, in bytes.
    pub bytes: usize,
    pub journeys: usize,
    pub steps: usize,
    pub scenarios: usize,
}

impl Generated {
    pub fn loader(&self) -> MemoryLoader {
        let mut loader = MemoryLoader::default();
        for (path, text) in &self.files {
            loader.files.insert(path.clone(), text.as_bytes().to_vec());
        }
        loader
    }

    /// All the files, as `journey check catalog.journey journeys/*.journey` would pass them.
    pub fn roots(&self) -> Vec<PathBuf> {
        self.files.iter().map(|(path, _)| path.clone()).collect()
    }
}

/// xorshift64*: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 33) % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with the probability `percent` in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---- The catalog ----

mod catalog;

use catalog::*;

/// A journey's steps, laid out before it is written so that flows and recoveries can name
/// steps declared later.
struct Plan {
    /// Per stage: its id (None for a journey without stages) and its steps' ids.
    stages: Vec<(Option<String>, Vec<String>)>,
    /// Per stage, the touchpoint group its steps are at.
    groups: Vec<usize>,
    /// Two ways in (the first two steps), rather than one.
    two_entries: bool,
    /// Steps that may end the journey early (`end: true`).
    ends: Vec<String>,
    /// `a -> b P%` and `a -> c (100-P)%` with `b -> c` also a flow, for a scenario to replace.
    branches: Vec<(String, String, String, usize)>,
}

impl Plan {
    fn all_steps(&self) -> impl Iterator<Item = &String> {
        self.stages.iter().flat_map(|(_, steps)| steps.iter())
    }
    fn is_final(&self, step: &str) -> bool {
        let last = self.stages.len() - 1;
        let in_last = self.stages[last].1.iter().any(|s| s == step);
        let staged = self.stages[0].0.is_some();
        (staged && in_last)
            || self.stages[last].1.last().is_some_and(|s| s == step)
            || self.ends.iter().any(|s| s == step)
    }
}

/// Counters that hand out catalog items in turn, so that everything in the catalog is used.
#[derive(Default)]
struct Turns {
    /// The segments of the journey being written: a step may be for one of them only.
    journey_segments: Vec<String>,
    group_start: usize,
    touchpoint: Vec<usize>,
    procedure: usize,
    segment: usize,
    experience: usize,
    rival: usize,
    journey: usize,
}

struct Shape {
    /// With flows (else linear: the steps follow each other).
    flows: bool,
    staged: bool,
}

fn step_id(rng: &mut Rng, taken: &mut Vec<String>) -> (String, String) {
    loop {
        let v = rng.below(VERBS.len());
        let o = rng.below(OBJECTS.len());
        let mut id = format!("{}_{}", VERBS[v], OBJECTS[o]);
        if taken.contains(&id) {
            id = format!("{id}_{}", taken.len());
        }
        if taken.contains(&id) {
            continue;
        }
        taken.push(id.clone());
        let label = format!("{} the {}", LABEL_VERBS[v], OBJECTS[o]);
        return (id, label);
    }
}

fn plan(rng: &mut Rng, turns: &mut Turns, shape: &Shape, labels: &mut Vec<(String, String)>) -> Plan {
    let mut taken = Vec::new();
    let stage_count = if shape.staged { rng.range(3, 4) } else { 1 };
    let two_entries = shape.flows && rng.chance(30);
    let mut stages = Vec::new();
    let mut groups = Vec::new();
    let first_stage = rng.below(STAGES.len() - stage_count + 1);
    for k in 0..stage_count {
        let stage_id = shape.staged.then(|| {
            let (id, _, _) = STAGES[first_stage + k];
            taken.push(id.to_string());
            id.to_string()
        });
        let min = if k == 0 && two_entries { 3 } else { 2 };
        let count = if shape.staged { rng.range(min, 5) } else { rng.range(min.max(4), 8) };
        let mut steps = Vec::new();
        for _ in 0..count {
            let (id, label) = step_id(rng, &mut taken);
            labels.push((id.clone(), label));
            steps.push(id);
        }
        stages.push((stage_id, steps));
        groups.push((turns.group_start + k * 4) % GROUPS.len());
    }
    turns.group_start += 1;
    let mut ends = Vec::new();
    if shape.flows && stage_count > 1 && rng.chance(25) {
        // A step in the middle that may end the journey (the customer gives up, satisfied).
        let (_, steps) = &stages[stage_count - 2];
        ends.push(steps[0].clone());
    }
    Plan { stages, groups, two_entries, ends, branches: Vec::new() }
}

fn flows(rng: &mut Rng, plan: &mut Plan) -> Vec<String> {
    let mut out = Vec::new();
    let stage_count = plan.stages.len();
    for k in 0..stage_count {
        let steps = plan.stages[k].1.clone();
        let next_stage = plan.stages.get(k + 1).map(|(_, s)| s[0].clone());
        let m = steps.len();
        let entries_here = k == 0 && plan.two_entries;
        let head = if entries_here { 2 } else { 0 };
        if entries_here {
            out.push(format!("{} -> {}", steps[0], steps[2]));
            out.push(format!("{} -> {} \"prefers to talk first\"", steps[1], steps[2]));
        }
        // A plain chain through the stage now and then: `a -> b -> c`.
        if !entries_here && m >= 3 && rng.chance(20) && !steps.iter().any(|s| plan.ends.contains(s)) {
            let mut chain = steps.join(" -> ");
            if let Some(n) = &next_stage {
                let _ = write!(chain, " -> {n}");
            }
            out.push(chain);
            continue;
        }
        let mut j = head;
        while j < m {
            let here = &steps[j];
            let next = if j + 1 < m { Some(steps[j + 1].clone()) } else { next_stage.clone() };
            let Some(next) = next else {
                // The last step of the journey: now and then some come back to the start.
                if m - head >= 2 && rng.chance(30) {
                    out.push(format!("{here} -> {} {}% \"comes back later\"", steps[head], rng.range(5, 20)));
                }
                j += 1;
                continue;
            };
            let is_final = plan.is_final(here);
            if plan.ends.contains(here) {
                out.push(format!("{here} -> {next} {}%", rng.range(60, 95)));
            } else if j + 1 == m && m - head >= 2 && rng.chance(35) {
                // A loop back to the head of the stage, with its way out.
                let back = rng.range(5, 30);
                out.push(format!("{here} -> {} {back}% \"tries again\"", steps[head]));
                out.push(format!("{here} -> {next} {}%", 100 - back));
            } else if j + 2 < m && rng.chance(35) {
                let p = rng.range(50, 90);
                let skip = steps[j + 2].clone();
                out.push(format!("{here} -> {next} {p}%"));
                out.push(format!("{here} -> {skip} {}% \"knows the way\"", 100 - p));
                plan.branches.push((here.clone(), next, skip, p));
            } else if j + 1 < m && next_stage.is_some() && rng.chance(15) {
                let p = rng.range(70, 95);
                let ahead = next_stage.clone().unwrap_or_default();
                out.push(format!("{here} -> {next} {p}%"));
                out.push(format!("{here} -> {ahead}"));
            } else if is_final && rng.chance(40) {
                out.push(format!("{here} -> {next} {}%", rng.range(5, 60)));
            } else if rng.chance(50) {
                out.push(format!("{here} -> {next}"));
            } else {
                out.push(format!("{here} -> {next} 100%"));
            }
            j += 1;
        }
    }
    out
}

struct FileCtx {
    file: usize,
    local_procedure: String,
    local_segment: String,
    /// Whether a step has named the file's own procedure yet.
    local_procedure_used: std::cell::Cell<bool>,
}

#[allow(clippy::too_many_arguments)]
fn write_step(
    w: &mut String,
    rng: &mut Rng,
    turns: &mut Turns,
    ctx: &FileCtx,
    plan: &Plan,
    id: &str,
    label: &str,
    group: usize,
    entry: Option<usize>,
    earlier: &[String],
    indent: &str,
    risk_count: &mut usize,
) {
    let g = &GROUPS[group];
    if turns.touchpoint.len() < GROUPS.len() {
        turns.touchpoint.resize(GROUPS.len(), 0);
    }
    let touchpoint = g.touchpoints[turns.touchpoint[group] % g.touchpoints.len()].0;
    turns.touchpoint[group] += 1;
    if rng.chance(8) {
        let _ = writeln!(w, "{indent}/// {label}, as the customer tells it.");
    }
    let header_at = !rng.chance(15);
    let mut fields: Vec<String> = Vec::new();
    if !header_at {
        fields.push(format!("at: {touchpoint}"));
    }
    if let Some(share) = entry {
        fields.push(format!("entry: {share}%"));
    }
    if plan.ends.iter().any(|s| s == id) {
        fields.push("end: true".to_string());
    }
    fields.push(format!("emotion: {}", rng.pick(EMOTIONS)));
    fields.push(format!("duration: {}", rng.pick(DURATIONS)));
    if rng.chance(15) {
        fields.push(format!("cost: {}.{:02} EUR", rng.range(0, 40), rng.below(100)));
    }
    if rng.chance(25) {
        fields.push(format!("intent: {}", rng.pick(INTENTS)));
    }
    if !ctx.local_procedure_used.get() || rng.chance(40) {
        let a = PROCEDURES[turns.procedure % PROCEDURES.len()].0;
        turns.procedure += 1;
        if !ctx.local_procedure_used.replace(true) || rng.chance(30) {
            fields.push(format!("via: {a}, {}", ctx.local_procedure));
        } else {
            fields.push(format!("via: {a}"));
        }
    }
    if rng.chance(10) {
        if let Some(segment) = turns.journey_segments.get(turns.segment % turns.journey_segments.len().max(1)) {
            fields.push(format!("segments: {segment}"));
        }
        turns.segment += 1;
    }
    for _ in 0..rng.range(0, 2) {
        if rng.chance(50) {
            fields.push(format!("pain: \"{}\"", rng.pick(PAINS)));
        }
    }
    if rng.chance(35) {
        fields.push(format!("evidence: \"{}\"", rng.pick(EVIDENCE)));
    }
    if rng.chance(5) {
        fields.push(format!("description: \"Step {} of file {}; measured in the last survey\"", id, ctx.file));
    }
    let at = if header_at { format!(" at {touchpoint}") } else { String::new() };
    let risky = rng.chance(30);
    let short = fields.iter().map(String::len).sum::<usize>() < 60 && !risky;
    if short {
        let _ = writeln!(w, "{indent}step {id} \"{label}\"{at} {{ {} }}", fields.join("  "));
        return;
    }
    let _ = writeln!(w, "{indent}step {id} \"{label}\"{at} {{");
    for field in &fields {
        let _ = writeln!(w, "{indent}  {field}");
    }
    if risky {
        let (rid, rlabel) = rng.pick(RISKS);
        *risk_count += 1;
        let recovery = if !earlier.is_empty() && rng.chance(50) {
            rng.pick(earlier).clone()
        } else {
            let p = PROCEDURES[turns.procedure % PROCEDURES.len()].0;
            turns.procedure += 1;
            p.to_string()
        };
        let _ = writeln!(w, "{indent}  risk {rid}_{risk_count} \"{rlabel}\" {{");
        let _ = writeln!(w, "{indent}    chance: {}%", rng.range(1, 20));
        let _ = writeln!(w, "{indent}    emotion: -{}", rng.range(1, 2));
        let _ = writeln!(w, "{indent}    recovery: {recovery}");
        let _ = writeln!(w, "{indent}  }}");
    }
    let _ = writeln!(w, "{indent}}}");
}

struct Written {
    id: String,
    plan: Plan,
    /// Whether the journey has flows (scenarios change those that do).
    flows: bool,
    steps: usize,
}

fn journey(w: &mut String, rng: &mut Rng, turns: &mut Turns, ctx: &FileCtx, local_realizes: Option<&str>) -> Written {
    let n = turns.journey;
    turns.journey += 1;
    let (topic, topic_label) = TOPICS[n % TOPICS.len()];
    let id = format!("{topic}_{n}");
    let shape = match rng.below(10) {
        0 | 1 => Shape { flows: false, staged: true },
        2 => Shape { flows: true, staged: false },
        _ => Shape { flows: true, staged: true },
    };
    let mut labels = Vec::new();
    let mut plan = plan(rng, turns, &shape, &mut labels);
    let flow_lines = if shape.flows { flows(rng, &mut plan) } else { Vec::new() };

    if rng.chance(40) {
        let _ = writeln!(w, "/// {topic_label}, as customers in file {} go through it.", ctx.file);
        let _ = writeln!(w, "/// Measured in the spring survey.");
    }
    let _ = writeln!(w, "journey {id} \"{topic_label} ({n})\" {{");
    let seg_a = SEGMENTS[turns.segment % SEGMENTS.len()].0;
    turns.segment += 1;
    if local_realizes.is_some() || rng.chance(30) {
        let seg_b = SEGMENTS[turns.segment % SEGMENTS.len()].0;
        turns.segment += 1;
        let _ = writeln!(w, "  segments: {seg_a}, {seg_b}, {}", ctx.local_segment);
        turns.journey_segments = vec![seg_a.to_string(), seg_b.to_string(), ctx.local_segment.clone()];
    } else {
        let _ = writeln!(w, "  segments: {seg_a}");
        turns.journey_segments = vec![seg_a.to_string()];
    }
    let experience = EXPERIENCES[turns.experience % EXPERIENCES.len()].0;
    turns.experience += 1;
    match local_realizes {
        Some(local) => {
            let _ = writeln!(w, "  realizes: {experience}, {local}");
        }
        None => {
            let _ = writeln!(w, "  realizes: {experience}");
        }
    }
    let _ = writeln!(
        w,
        "  volume: {} / {}",
        rng.range(1, 400) * 50,
        rng.pick(&["day", "week", "month", "quarter", "year"])
    );
    if rng.chance(30) {
        let _ = writeln!(w, "  owner: \"Head of {topic}\"");
    }
    let _ = writeln!(w);

    let all: Vec<String> = plan.all_steps().cloned().collect();
    let label_of = |id: &str| labels.iter().find(|(s, _)| s == id).map(|(_, l)| l.clone()).unwrap_or_default();
    let mut risk_count = 0;
    let mut index = 0;
    let entry_a = rng.range(50, 90);
    for (k, (stage, steps)) in plan.stages.iter().enumerate() {
        let indent = if stage.is_some() { "    " } else { "  " };
        if let Some(stage) = stage {
            let (_, label, goal) = STAGES.iter().find(|(s, _, _)| s == stage).copied().unwrap_or(("", "", ""));
            let _ = writeln!(w, "  stage {stage} \"{label}\" {{");
            if rng.chance(60) {
                let _ = writeln!(w, "    goal: \"{goal}\"");
            }
        }
        for step in steps {
            let entry = match (plan.two_entries, index) {
                (true, 0) => Some(entry_a),
                (true, 1) => Some(100 - entry_a),
                _ => None,
            };
            let earlier = &all[..index];
            write_step(
                w,
                rng,
                turns,
                ctx,
                &plan,
                step,
                &label_of(step),
                plan.groups[k],
                entry,
                earlier,
                indent,
                &mut risk_count,
            );
            index += 1;
        }
        if stage.is_some() {
            let _ = writeln!(w, "  }}");
        }
    }
    if !flow_lines.is_empty() {
        let _ = writeln!(w);
        if rng.chance(30) {
            let _ = writeln!(w, "  // Shares from the last quarter's analytics.");
        }
        for line in &flow_lines {
            let _ = writeln!(w, "  {line}");
        }
    }
    let _ = writeln!(w, "}}\n");
    Written { id, steps: all.len(), flows: shape.flows, plan }
}

fn scenario(w: &mut String, rng: &mut Rng, turns: &mut Turns, base: &Written, k: usize) {
    let plan = &base.plan;
    let id = format!("{}_what_if_{k}", base.id);
    let _ = writeln!(w, "scenario {id} \"What if we changed {} ({k})\" on {} {{", base.id, base.id);
    let _ = writeln!(w, "  description: \"Proposed by the journey owner\"");
    // Change a step.
    let all: Vec<&String> = plan.all_steps().collect();
    let changed = rng.pick(&all);
    let _ = writeln!(w, "  step {changed} {{ duration: {}  emotion: +1 }}", rng.pick(DURATIONS));
    // A touchpoint of the scenario's own, in the lane and channel of the stage it serves.
    let stage = rng.below(plan.stages.len());
    let group = &GROUPS[plan.groups[stage]];
    let moved = &plan.stages[stage].1[plan.stages[stage].1.len() - 1];
    let system = SYSTEMS[turns.procedure % SYSTEMS.len()].0;
    turns.procedure += 1;
    let _ = writeln!(w, "  touchpoint {id}_desk \"Dedicated desk\" {{");
    let _ = writeln!(w, "    channel: {}", group.channel);
    let _ = writeln!(w, "    lane: {}", LANES[group.lane].0);
    let _ = writeln!(w, "    uses: {system}");
    let _ = writeln!(w, "    response: 1min");
    let _ = writeln!(w, "  }}");
    let _ = writeln!(w, "  step {moved} {{ at: {id}_desk  emotion: +2 }}");
    // Replace a branch by a straight flow.
    if let Some((a, b, c, _)) = plan.branches.first() {
        let _ = writeln!(w, "  remove {a} -> {b}");
        let _ = writeln!(w, "  remove {a} -> {c}");
        let _ = writeln!(w, "  {a} -> {b}");
    }
    // Add a step at the end of the last stage, where some customers go on. (Without stages
    // only the last step is final, and a step added after it would change that.)
    let last = plan.stages.len() - 1;
    if let Some(stage) = &plan.stages[last].0 {
        let last_step = plan.stages[last].1.last().cloned().unwrap_or_default();
        let touchpoint = GROUPS[plan.groups[last]].touchpoints[0].0;
        let _ = writeln!(w, "  stage {stage} {{");
        let _ = writeln!(
            w,
            "    step follow_up \"We call to check all is well\" at {touchpoint} {{ emotion: +1  duration: 5min }}"
        );
        let _ = writeln!(w, "  }}");
        let _ = writeln!(w, "  {last_step} -> follow_up {}%", rng.range(5, 40));
    }
    let _ = writeln!(w, "  volume: {} / month", rng.range(1, 100) * 100);
    let _ = writeln!(w, "}}\n");
}

fn rival(w: &mut String, turns: &mut Turns, compares: &str, n: usize) {
    let (name, _, _, touchpoints) = RIVALS[turns.rival % RIVALS.len()];
    turns.rival += 1;
    let _ = writeln!(w, "journey rival_{compares}_{n} \"The same at {name}\" {{");
    let _ = writeln!(w, "  competitor: \"{name}\"");
    let _ = writeln!(w, "  compares: {compares}");
    let _ = writeln!(
        w,
        "  step rival_start \"Start in the {}\" at {} {{ emotion: +1  duration: 3min }}",
        touchpoints[0].2, touchpoints[0].0
    );
    let _ = writeln!(
        w,
        "  step rival_finish \"Finish at the {}\" at {} {{ emotion: 0  duration: 1d }}",
        touchpoints[1].2, touchpoints[1].0
    );
    let _ = writeln!(w, "}}\n");
}

/// One file of journeys: what it declares itself, a few journeys, scenarios on some of them, and
/// a competitor's journey.
fn journey_file(rng: &mut Rng, turns: &mut Turns, file: usize, stats: &mut (usize, usize, usize)) -> String {
    let mut w = String::new();
    let ctx = FileCtx {
        file,
        local_procedure: format!("rule_f{file}"),
        local_segment: format!("pilot_f{file}"),
        local_procedure_used: std::cell::Cell::new(false),
    };
    let _ = writeln!(w, "// Journeys of team {file}. Generated for the benchmarks.");
    let _ = writeln!(w, "import \"../catalog.journey\"\n");
    let lane = LANES[file % LANES.len()].0;
    let _ = writeln!(
        w,
        "procedure {} \"Team {file} house rule\" {{ lane: {lane}  uses: crm  kind: rule }}",
        ctx.local_procedure
    );
    let _ = writeln!(w, "segment {} \"Pilot customers of team {file}\" {{ share: 1% }}", ctx.local_segment);
    let local_experience = format!("promise_f{file}");
    let _ = writeln!(
        w,
        "experience {local_experience} \"Team {file} keeps its promise\" {{ segments: {}  contacts <= 80  emotion >= -2  handoffs <= 4 }}\n",
        ctx.local_segment
    );

    let journeys = 6;
    let mut written = Vec::new();
    for j in 0..journeys {
        let local = (j == 0).then_some(local_experience.as_str());
        let journey = journey(&mut w, rng, turns, &ctx, local);
        stats.0 += 1;
        stats.1 += journey.steps;
        written.push(journey);
    }
    for (k, base) in written.iter().filter(|j| j.flows).take(2).enumerate() {
        scenario(&mut w, rng, turns, base, k);
        stats.2 += 1;
    }
    rival(&mut w, turns, &written[0].id, file);
    stats.0 += 1;
    stats.1 += 2;
    w
}

/// A valid workspace of about `target` bytes (at least), the same for the same `seed`.
pub fn workspace(target: usize, seed: u64) -> Generated {
    let root = PathBuf::from("/bench/workspace");
    let mut rng = Rng::new(seed);
    let mut turns = Turns::default();
    let catalog = catalog();
    let mut bytes = catalog.len();
    let mut files = vec![(root.join("catalog.journey"), catalog)];
    let mut stats = (0, 0, 0);
    let mut file = 0;
    while bytes < target {
        let text = journey_file(&mut rng, &mut turns, file, &mut stats);
        bytes += text.len();
        files.push((Path::new(&root).join("journeys").join(format!("team_{file:04}.journey")), text));
        file += 1;
    }
    let (journeys, steps, scenarios) = stats;
    Generated { root, files, bytes, journeys, steps, scenarios }
}
