//! Statistics computed streaming: [`StatsBuilder`] is a [`Sink`] that keeps, per open case, a
//! few numbers (its group, first and last time, last flow event, open lifecycle starts), and
//! adds each event's share to the counters as it arrives. That is exact while each case's
//! events arrive in time order. A case whose events do not is marked, and [`compute`] reads
//! the log a second time, keeping the events of just those cases to sort them: memory follows
//! the open cases (and the events of disordered ones), never the whole log.

use std::collections::VecDeque;
use std::hash::BuildHasher;

use rustc_hash::{FxHashMap, FxHashSet};
use smol_str::SmolStr;

use super::{Activity, Durations, GroupKey, Stats, StatsOptions, Window, bucket_code, bucket_of_code, score_milli};
use crate::event::{Event, Sink};
use crate::problem::{Problem, ProblemKind, Problems};

const NONE: u32 = u32::MAX;

/// What the statistics make of an event's lifecycle transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Life {
    /// None given: a flow event.
    Plain,
    /// `complete`: a flow event, and the end of a lifecycle pair.
    Complete,
    /// `start`: the beginning of a lifecycle pair only.
    Start,
    /// Any other transition: counts in the case's events and times only.
    Other,
}

impl Life {
    fn of(text: Option<&str>) -> Life {
        match text {
            None => Life::Plain,
            Some(t) if t.eq_ignore_ascii_case("complete") => Life::Complete,
            Some(t) if t.eq_ignore_ascii_case("start") => Life::Start,
            Some("") => Life::Plain,
            Some(_) => Life::Other,
        }
    }
}

/// An event as the statistics keep it, for a case whose events must be sorted.
#[derive(Clone, Copy, Debug)]
struct Kept {
    time: i64,
    seq: u64,
    activity: u32,
    segment: u32,
    life: Life,
    score: Option<i64>,
}

/// The lifecycle pairing of one activity in one case: the k-th `start` pairs with the k-th
/// `complete` when it is not later.
#[derive(Clone, Debug, Default)]
struct Pairing {
    starts: u64,
    completes: u64,
    /// Times of the starts not yet paired whose rank is above `completes`.
    open: VecDeque<i64>,
}

/// What the statistics keep of a case while the log is read: 64 bytes.
#[derive(Clone, Debug)]
struct Case {
    first: i64,
    last: i64,
    last_flow_time: i64,
    /// In the log's order, for the problems: the latest time so far.
    arrived_latest: i64,
    group: u32,
    last_flow: u32,
    first_segment: u32,
    /// In the log's order, for the problems: the previous event's activity and lifecycle (its
    /// time is `last`: the first reading places every event as it comes).
    previous: (u32, Option<Life>),
    /// Set at the case's first event in order.
    placed: bool,
    /// Whether its events came out of order (pass 1) or are kept to be sorted (pass 2).
    disordered: bool,
    /// What few cases need, kept aside so that every case is small.
    more: Option<Box<More>>,
}

impl Case {
    fn new(first_segment: u32) -> Case {
        Case {
            first: 0,
            last: 0,
            last_flow_time: 0,
            arrived_latest: i64::MIN,
            group: 0,
            last_flow: NONE,
            first_segment,
            previous: (NONE, None),
            placed: false,
            disordered: false,
            more: None,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct More {
    /// The lifecycle pairings by activity, for a case with `start` and `complete` events.
    pairings: FxHashMap<u32, Pairing>,
    /// The second reading of a disordered case: its events, to sort.
    kept: Vec<Kept>,
}

/// The cases: each one's id and state in the order first seen, found through a table of their
/// indices (a few bytes a case, so that the table stays in the caches with many cases open),
/// and stored in blocks of [`BLOCK`] that are never moved once made.
#[derive(Debug, Default)]
struct Cases {
    index: hashbrown::HashTable<(u32, u32)>,
    blocks: Vec<Vec<(SmolStr, Case)>>,
    /// The case of the last event: a log often gives a case's events one after another.
    last: Option<u32>,
}

const BLOCK: usize = 4096;

/// Where case `i` is: its block and its place in the block.
fn slot(i: u32) -> (usize, usize) {
    (i as usize / BLOCK, i as usize % BLOCK)
}

impl Cases {
    /// The state of case `id`, made by `new` at its first event.
    fn get_or_insert(&mut self, id: &str, new: impl FnOnce() -> Case) -> &mut Case {
        let Cases { index, blocks, last } = self;
        let id_at = |i: u32| {
            let (b, s) = slot(i);
            &blocks[b][s].0
        };
        let i = match last.filter(|&i| id_at(i) == id) {
            Some(i) => i,
            None => {
                // Each slot keeps half of its id's hash, so that growing the table reads only
                // the table: the hash is that half twice over.
                let half = (rustc_hash::FxBuildHasher.hash_one(id) >> 32) as u32;
                let hash = |half: u32| (u64::from(half) << 32) | u64::from(half);
                let same = |&(i, h): &(u32, u32)| h == half && id_at(i) == id;
                match index.entry(hash(half), same, |&(_, h)| hash(h)) {
                    hashbrown::hash_table::Entry::Occupied(found) => found.get().0,
                    hashbrown::hash_table::Entry::Vacant(place) => {
                        let i = blocks.len().saturating_sub(1) * BLOCK + blocks.last().map_or(0, Vec::len);
                        place.insert((i as u32, half));
                        if blocks.last().is_none_or(|b| b.len() == BLOCK) {
                            blocks.push(Vec::with_capacity(BLOCK));
                        }
                        blocks.last_mut().expect("a block").push((SmolStr::new(id), new()));
                        i as u32
                    }
                }
            }
        };
        *last = Some(i);
        let (b, s) = slot(i);
        &mut blocks[b][s].1
    }

    fn iter(&self) -> impl Iterator<Item = &(SmolStr, Case)> {
        self.blocks.iter().flatten()
    }

    fn states_mut(&mut self) -> impl Iterator<Item = &mut Case> {
        self.blocks.iter_mut().flatten().map(|(_, case)| case)
    }
}

#[derive(Clone, Debug, Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.into(), id);
        self.names.push(name.into());
        id
    }
}

#[derive(Clone, Debug, Default)]
struct GroupAcc {
    segment: u32,
    window: i64,
    events: u64,
    cases: u64,
    case_sum: i64,
}

#[derive(Clone, Debug, Default)]
struct ActAcc {
    group: u32,
    activity: u32,
    events: u64,
    starts: u64,
    ends: u64,
    scored: u64,
    score_sum: i64,
    pairs: u64,
    pair_sum: i64,
}

#[derive(Clone, Debug, Default)]
struct PairAcc {
    key: (u32, u32, u32),
    count: u64,
    sum: i64,
}

/// Builds [`Stats`] from events pushed into it; see the module's documentation and [`compute`].
#[derive(Debug)]
pub struct StatsBuilder {
    options: StatsOptions,
    problems: Problems,
    /// The second reading: problems were counted by the first; these cases' events are kept.
    second: Option<FxHashSet<SmolStr>>,
    timed: Option<bool>,
    seq: u64,
    cases: Cases,
    activities: Interner,
    segments: Interner,
    acc: Acc,
    disordered: usize,
}

/// The counters, by group, activity, pair and bucket.
#[derive(Debug, Default)]
struct Acc {
    group_ids: FxHashMap<(u32, i64), u32>,
    groups: Vec<GroupAcc>,
    act_ids: FxHashMap<(u32, u32), u32>,
    acts: Vec<ActAcc>,
    pair_ids: FxHashMap<(u32, u32, u32), u32>,
    pairs: Vec<PairAcc>,
    /// Keyed by the group, pair or activity id in the high half and the [`bucket_code`] in the low.
    case_hist: FxHashMap<u64, u64>,
    pair_hist: FxHashMap<u64, u64>,
    life_hist: FxHashMap<u64, u64>,
}

/// What [`StatsBuilder::finish`] gives: the statistics, or the builder for a second reading
/// of the same log (some case's events were out of order).
#[derive(Debug)]
pub enum Finish {
    Done(Stats, Problems),
    ReadAgain(Box<StatsBuilder>),
}

/// Computes the statistics of a log: `read` pushes the log's events into the sink it is
/// given, once, or twice when some case's events were out of time order.
pub fn compute(options: StatsOptions, mut read: impl FnMut(&mut StatsBuilder)) -> (Stats, Problems) {
    let mut builder = StatsBuilder::new(options);
    loop {
        read(&mut builder);
        match builder.finish() {
            Finish::Done(stats, problems) => return (stats, problems),
            Finish::ReadAgain(again) => builder = *again,
        }
    }
}

impl StatsBuilder {
    pub fn new(options: StatsOptions) -> StatsBuilder {
        StatsBuilder {
            options,
            problems: Problems::default(),
            second: None,
            timed: None,
            seq: 0,
            cases: Cases::default(),
            activities: Interner::default(),
            segments: Interner::default(),
            acc: Acc::default(),
            disordered: 0,
        }
    }

    /// The problems met so far (the reader's and the statistics' own).
    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    fn report(&mut self, problem: Problem<'_>) {
        if self.second.is_none() {
            self.problems.add(&problem);
        }
    }

    fn add_event(&mut self, e: &Event<'_>) {
        // The first event decides whether the log is timed (STATS.md, section 1).
        let timed = *self.timed.get_or_insert(e.time.is_some());
        if timed && e.time.is_none() {
            self.report(Problem::new(ProblemKind::MissingTimestamp, e.at, e.case));
            return;
        }
        let time = if timed { e.time.map_or(0, |t| t.0) } else { 0 };
        self.seq += 1;
        let activity = self.activities.id(e.activity);
        let segment = e.segment.filter(|s| !s.is_empty()).map_or(NONE, |s| self.segments.id(s));
        let life = Life::of(e.lifecycle);
        let kept = Kept { time, seq: self.seq, activity, segment, life, score: e.score.map(score_milli) };
        let second = &self.second;
        let case = self.cases.get_or_insert(e.case, || {
            let mut case = Case::new(segment);
            case.disordered = second.as_ref().is_some_and(|set| set.contains(e.case));
            case
        });
        // The log's own order: what the problems speak of.
        let out_of_order = time < case.arrived_latest;
        let duplicate = case.previous == (activity, Some(life)) && case.last == time;
        let changed = segment != NONE && case.first_segment != segment;
        case.arrived_latest = case.arrived_latest.max(time);
        case.previous = (activity, Some(life));
        let window = if timed { self.options.window } else { Window::None };
        if self.second.is_some() {
            if case.disordered {
                case.more.get_or_insert_default().kept.push(kept);
            } else {
                self.acc.place(case, kept, timed, window);
            }
            return;
        }
        let newly_disordered = out_of_order && !case.disordered;
        case.disordered |= out_of_order;
        self.acc.place(case, kept, timed, window);
        if newly_disordered {
            self.disordered += 1;
        }
        if out_of_order {
            self.report(Problem::new(ProblemKind::OutOfOrder, e.at, e.case));
        }
        if duplicate {
            self.report(Problem::new(ProblemKind::Duplicate, e.at, e.activity));
        }
        if changed {
            self.report(Problem::new(ProblemKind::SegmentChanges, e.at, e.segment.unwrap_or_default()));
        }
    }

    /// The statistics, or, when some case's events came out of order, a builder to read the
    /// log with once more (the problems stay those of the first reading).
    pub fn finish(mut self) -> Finish {
        if self.second.is_none() {
            if self.disordered > 0 {
                let set = self.cases.iter().filter(|(_, case)| case.disordered).map(|(id, _)| id.clone()).collect();
                let mut again = StatsBuilder::new(self.options);
                again.second = Some(set);
                again.problems = self.problems;
                return Finish::ReadAgain(Box::new(again));
            }
            if self.seq == 0 {
                self.report(Problem::new(ProblemKind::NoEvents, crate::Position::Log, ""));
            }
        }
        let timed = self.timed == Some(true);
        let window = if timed { self.options.window } else { Window::None };
        let acc = &mut self.acc;
        for case in self.cases.states_mut() {
            if let Some(mut events) = case.more.as_mut().map(|more| std::mem::take(&mut more.kept)) {
                events.sort_by_key(|e| (e.time, e.seq));
                for e in events.iter() {
                    acc.place(case, *e, timed, window);
                }
            }
            let group = &mut acc.groups[case.group as usize];
            group.cases += 1;
            if timed {
                let duration = case.last - case.first;
                group.case_sum = group.case_sum.saturating_add(duration);
                *acc.case_hist.entry(hist_key(case.group, duration)).or_default() += 1;
            }
            if case.last_flow != NONE {
                let act = act_index(&mut acc.act_ids, &mut acc.acts, case.group, case.last_flow);
                acc.acts[act as usize].ends += 1;
            }
        }
        Finish::Done(self.stats(timed), self.problems)
    }

    fn stats(&self, timed: bool) -> Stats {
        let window = if timed { self.options.window } else { Window::None };
        let mut keys = Vec::with_capacity(self.acc.groups.len());
        let mut stats = Stats { window, timed, groups: Default::default() };
        for g in &self.acc.groups {
            let key = GroupKey {
                segment: (g.segment != NONE).then(|| self.segments.names[g.segment as usize].to_string()),
                window: window.label(g.window),
            };
            let group = stats.groups.entry(key.clone()).or_default();
            group.cases.count = g.cases;
            group.cases.sum_ms = g.case_sum;
            group.events = g.events;
            keys.push(key);
        }
        let name = |id: u32| self.activities.names[id as usize].to_string();
        let mut by_act: Vec<(&GroupKey, String)> = Vec::with_capacity(self.acc.acts.len());
        for a in &self.acc.acts {
            let key = &keys[a.group as usize];
            let activity = Activity {
                events: a.events,
                starts: a.starts,
                ends: a.ends,
                scored: a.scored,
                score_sum_milli: a.score_sum,
                lifecycle: Durations { count: a.pairs, sum_ms: a.pair_sum, histogram: Default::default() },
            };
            if let Some(group) = stats.groups.get_mut(key) {
                group.activities.insert(name(a.activity), activity);
            }
            by_act.push((key, name(a.activity)));
        }
        let mut by_pair = Vec::with_capacity(self.acc.pairs.len());
        for p in &self.acc.pairs {
            let (g, a, b) = p.key;
            let key = &keys[g as usize];
            let names = (name(a), name(b));
            if let Some(group) = stats.groups.get_mut(key) {
                group
                    .follows
                    .insert(names.clone(), Durations { count: p.count, sum_ms: p.sum, histogram: Default::default() });
            }
            by_pair.push((key, names));
        }
        for ((g, b), n) in unpack(&self.acc.case_hist) {
            if let Some(group) = stats.groups.get_mut(&keys[g as usize]) {
                group.cases.histogram.insert(b, n);
            }
        }
        for ((act, b), n) in unpack(&self.acc.life_hist) {
            let (key, activity) = &by_act[act as usize];
            if let Some(a) = stats.groups.get_mut(*key).and_then(|g| g.activities.get_mut(activity)) {
                a.lifecycle.histogram.insert(b, n);
            }
        }
        for ((pair, b), n) in unpack(&self.acc.pair_hist) {
            let (key, names) = &by_pair[pair as usize];
            if let Some(d) = stats.groups.get_mut(*key).and_then(|g| g.follows.get_mut(names)) {
                d.histogram.insert(b, n);
            }
        }
        stats
    }
}

impl Acc {
    /// Adds an event that comes in time order within its case.
    fn place(&mut self, case: &mut Case, e: Kept, timed: bool, window: Window) {
        if !case.placed {
            case.placed = true;
            case.first = e.time;
            let window = window.code(e.time);
            let next = self.groups.len() as u32;
            case.group = *self.group_ids.entry((e.segment, window)).or_insert(next);
            if case.group == next {
                self.groups.push(GroupAcc { segment: e.segment, window, ..GroupAcc::default() });
            }
        }
        case.last = e.time;
        let group = case.group;
        self.groups[group as usize].events += 1;
        if matches!(e.life, Life::Start | Life::Complete) {
            let pairing = case.more.get_or_insert_default().pairings.entry(e.activity).or_default();
            if e.life == Life::Start {
                pairing.starts += 1;
                if pairing.starts > pairing.completes {
                    pairing.open.push_back(e.time);
                }
            } else {
                pairing.completes += 1;
                if pairing.starts >= pairing.completes {
                    let started = pairing.open.pop_front().unwrap_or(e.time);
                    let act = act_index(&mut self.act_ids, &mut self.acts, group, e.activity);
                    let acc = &mut self.acts[act as usize];
                    acc.pairs += 1;
                    if timed {
                        acc.pair_sum = acc.pair_sum.saturating_add(e.time - started);
                        *self.life_hist.entry(hist_key(act, e.time - started)).or_default() += 1;
                    }
                }
            }
        }
        if !matches!(e.life, Life::Plain | Life::Complete) {
            return;
        }
        let previous = (case.last_flow, case.last_flow_time);
        case.last_flow = e.activity;
        case.last_flow_time = e.time;
        let act = act_index(&mut self.act_ids, &mut self.acts, group, e.activity);
        let acc = &mut self.acts[act as usize];
        acc.events += 1;
        if let Some(score) = e.score {
            acc.scored += 1;
            acc.score_sum = acc.score_sum.saturating_add(score);
        }
        if previous.0 == NONE {
            acc.starts += 1;
            return;
        }
        let key = (group, previous.0, e.activity);
        let next = self.pairs.len() as u32;
        let pair = *self.pair_ids.entry(key).or_insert(next);
        if pair == next {
            self.pairs.push(PairAcc { key, ..PairAcc::default() });
        }
        let acc = &mut self.pairs[pair as usize];
        acc.count += 1;
        if timed {
            let gap = e.time - previous.1;
            acc.sum = acc.sum.saturating_add(gap);
            *self.pair_hist.entry(hist_key(pair, gap)).or_default() += 1;
        }
    }
}

fn hist_key(id: u32, ms: i64) -> u64 {
    (u64::from(id) << 32) | bucket_code(ms)
}

/// A histogram's counts by (id, bucket).
fn unpack(hist: &FxHashMap<u64, u64>) -> Vec<((u32, i64), u64)> {
    hist.iter().map(|(key, n)| (((key >> 32) as u32, bucket_of_code(key & 0xffff_ffff)), *n)).collect()
}

fn act_index(ids: &mut FxHashMap<(u32, u32), u32>, acts: &mut Vec<ActAcc>, group: u32, activity: u32) -> u32 {
    let next = acts.len() as u32;
    let id = *ids.entry((group, activity)).or_insert(next);
    if id == next {
        acts.push(ActAcc { group, activity, ..ActAcc::default() });
    }
    id
}

impl Sink for StatsBuilder {
    fn event(&mut self, event: &Event<'_>) {
        self.add_event(event);
    }

    fn problem(&mut self, problem: Problem<'_>) {
        self.report(problem);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_case_is_kept_in_64_bytes() {
        assert_eq!(std::mem::size_of::<super::Case>(), 64);
    }
}
