//! XES logs (IEEE 1849), read with quick-xml: a trace is a case (`concept:name`), an event has
//! `concept:name` (the activity), `time:timestamp`, `lifecycle:transition` and `org:resource`
//! from the standard extensions, and the segment, channel and score from attributes the options
//! name, on the event or, failing that, on its trace. A trace's events are held (in one reused
//! text buffer) until the trace ends, since its case id and attributes may come after them: the
//! memory kept is one open trace.

use std::collections::HashSet;
use std::io::Read;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event as Xml};

use crate::event::{Event, Outcome, Position, Sink};
use crate::input::decompress;
use crate::problem::{Problem, ProblemKind};
use crate::time::{self, TimeFormat, ZoneCheck};

/// Which XES attributes hold what, beyond the standard extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XesOptions {
    /// The key of the segment attribute (on the trace or the event), e.g. `segment`.
    pub segment: Option<String>,
    /// The key of the channel attribute, e.g. `channel`.
    pub channel: Option<String>,
    /// The key of a numeric feedback score attribute (int, float or a string holding a number).
    pub score: Option<String>,
}

/// The attributes one element (a trace or an event) carries, as ranges of the trace's buffer.
#[derive(Clone, Debug, Default)]
struct Attributes {
    name: Option<Range<usize>>,
    time: Option<Range<usize>>,
    lifecycle: Option<Range<usize>>,
    resource: Option<Range<usize>>,
    segment: Option<Range<usize>>,
    channel: Option<Range<usize>>,
    score: Option<Range<usize>>,
    at: u64,
}

/// Which attribute a key is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Name,
    Time,
    Lifecycle,
    Resource,
    Segment,
    Channel,
    Score,
}

struct Trace {
    text: String,
    own: Attributes,
    events: Vec<Attributes>,
}

/// Reads an XES log (gzip or not) and pushes its events and problems into `sink`.
pub fn read_xes(input: impl Read, options: &XesOptions, sink: &mut impl Sink) -> Outcome {
    let mut outcome = Outcome::default();
    let input = match decompress(input) {
        Ok(input) => input,
        Err(error) => {
            sink.problem(Problem::new(ProblemKind::Io, Position::Log, error.to_string()));
            return outcome;
        }
    };
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::with_capacity(1 << 12);
    let mut trace: Option<Trace> = None;
    let mut spare = String::new();
    let mut in_event: Option<Attributes> = None;
    // How deep inside an attribute (a list's or container's children are not the element's own).
    let mut nested = 0usize;
    let mut seen_cases: HashSet<Box<str>> = HashSet::new();
    let mut zones = ZoneCheck::default();
    let mut saw_log = false;
    loop {
        let at = reader.buffer_position();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(error) => {
                let at = Position::Byte(reader.error_position());
                sink.problem(Problem::new(ProblemKind::Malformed, at, error.to_string()));
                outcome.bytes = reader.buffer_position();
                return outcome;
            }
        };
        match event {
            Xml::Start(e) => match e.local_name().as_ref() {
                b"log" if !saw_log => saw_log = true,
                b"trace" if trace.is_none() && nested == 0 => {
                    let mut text = std::mem::take(&mut spare);
                    text.clear();
                    trace = Some(Trace { text, own: Attributes { at, ..Attributes::default() }, events: Vec::new() });
                }
                b"event" if trace.is_some() && in_event.is_none() && nested == 0 => {
                    in_event = Some(Attributes { at, ..Attributes::default() });
                }
                _ => {
                    if nested == 0 {
                        attribute(&e, options, trace.as_mut(), in_event.as_mut(), at, sink);
                    }
                    nested += 1;
                }
            },
            Xml::Empty(e) if nested == 0 => match e.local_name().as_ref() {
                b"event" if trace.is_some() && in_event.is_none() => {
                    if let Some(t) = trace.as_mut() {
                        t.events.push(Attributes { at, ..Attributes::default() });
                    }
                }
                _ => attribute(&e, options, trace.as_mut(), in_event.as_mut(), at, sink),
            },
            Xml::End(e) => {
                if nested > 0 {
                    nested -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"event" => {
                        if let (Some(t), Some(event)) = (trace.as_mut(), in_event.take()) {
                            t.events.push(event);
                        }
                    }
                    b"trace" => {
                        if let Some(t) = trace.take() {
                            outcome.events += emit(&t, &mut seen_cases, &mut zones, sink);
                            spare = t.text;
                        }
                    }
                    _ => {}
                }
            }
            Xml::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    outcome.bytes = reader.buffer_position();
    if !saw_log {
        sink.problem(Problem::new(ProblemKind::Malformed, Position::Byte(0), "no <log> element: not an XES log"));
        return outcome;
    }
    outcome.complete = true;
    outcome
}

/// Notes one attribute element (`<string key=… value=…/>` and its kin) of the trace or event
/// being read, if its key is one the reader wants.
fn attribute(
    e: &BytesStart<'_>,
    options: &XesOptions,
    trace: Option<&mut Trace>,
    event: Option<&mut Attributes>,
    at: u64,
    sink: &mut impl Sink,
) {
    let Some(trace) = trace else { return };
    let mut key: Option<Key> = None;
    let mut value = None;
    for attr in e.attributes().with_checks(false).flatten() {
        match attr.key.as_ref() {
            b"key" => {
                key = match &*attr.value {
                    b"concept:name" => Some(Key::Name),
                    b"time:timestamp" => Some(Key::Time),
                    b"lifecycle:transition" => Some(Key::Lifecycle),
                    b"org:resource" => Some(Key::Resource),
                    k if options.segment.as_deref().is_some_and(|s| s.as_bytes() == k) => Some(Key::Segment),
                    k if options.channel.as_deref().is_some_and(|s| s.as_bytes() == k) => Some(Key::Channel),
                    k if options.score.as_deref().is_some_and(|s| s.as_bytes() == k) => Some(Key::Score),
                    _ => return,
                }
            }
            b"value" => value = Some(attr.value),
            _ => {}
        }
    }
    let (Some(key), Some(value)) = (key, value) else { return };
    let text = match std::str::from_utf8(&value) {
        Ok(text) => text,
        Err(error) => {
            let detail = format!("an attribute value is not UTF-8 at its byte {}", error.valid_up_to());
            sink.problem(Problem::new(ProblemKind::InvalidUtf8, Position::Byte(at), detail));
            return;
        }
    };
    let text = match quick_xml::escape::unescape(text) {
        Ok(text) => text,
        Err(error) => {
            sink.problem(Problem::new(ProblemKind::Malformed, Position::Byte(at), error.to_string()));
            return;
        }
    };
    let start = trace.text.len();
    trace.text.push_str(&text);
    let range = Some(start..trace.text.len());
    let target = match event {
        Some(event) => event,
        None => &mut trace.own,
    };
    match key {
        Key::Name => target.name = range,
        Key::Time => target.time = range,
        Key::Lifecycle => target.lifecycle = range,
        Key::Resource => target.resource = range,
        Key::Segment => target.segment = range,
        Key::Channel => target.channel = range,
        Key::Score => target.score = range,
    }
}

/// Pushes a finished trace's events; returns how many went out.
fn emit(trace: &Trace, seen: &mut HashSet<Box<str>>, zones: &mut ZoneCheck, sink: &mut impl Sink) -> u64 {
    let text = |r: &Option<Range<usize>>| r.clone().and_then(|r| trace.text.get(r)).filter(|s| !s.is_empty());
    let Some(case) = text(&trace.own.name) else {
        for e in &trace.events {
            sink.problem(Problem::new(ProblemKind::MissingCase, Position::Byte(e.at), "a trace without concept:name"));
        }
        return 0;
    };
    if !trace.events.is_empty() && !seen.insert(case.into()) {
        sink.problem(Problem::new(ProblemKind::DuplicateCase, Position::Byte(trace.own.at), case));
    }
    let mut sent = 0;
    for e in &trace.events {
        let at = Position::Byte(e.at);
        let Some(activity) = text(&e.name) else {
            sink.problem(Problem::new(ProblemKind::MissingActivity, at, case));
            continue;
        };
        let time = match text(&e.time) {
            // Left to the sink: a log may have no timestamps at all.
            None => None,
            Some(t) => match time::parse(t, TimeFormat::Iso) {
                Some((time, zone)) => {
                    if zones.differs(zone) {
                        sink.problem(Problem::new(ProblemKind::MixedTimeZones, at, t));
                    }
                    Some(time)
                }
                None => {
                    sink.problem(Problem::new(ProblemKind::BadTimestamp, at, t));
                    continue;
                }
            },
        };
        let score = text(&e.score).or_else(|| text(&trace.own.score)).and_then(|s| match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                sink.problem(Problem::new(ProblemKind::BadScore, at, s));
                None
            }
        });
        sink.event(&Event {
            case,
            activity,
            time,
            segment: text(&e.segment).or_else(|| text(&trace.own.segment)),
            channel: text(&e.channel).or_else(|| text(&trace.own.channel)),
            resource: text(&e.resource),
            lifecycle: text(&e.lifecycle),
            score,
            at,
        });
        sent += 1;
    }
    sent
}
