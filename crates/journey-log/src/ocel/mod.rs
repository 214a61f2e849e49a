//! OCEL 2.0 logs (JSON and XML), flattened on one object type: each object of that type is a
//! case, and an event belongs to every object of that type it relates to (once per object).
//! The activity is the event's type; the segment may come from an attribute of the object,
//! the channel, resource and score from attributes of the event. Both forms are read
//! streaming (serde_json with visitors, quick-xml): what is kept is the objects of the chosen
//! type, and, only when a file lists its events before its objects, those events until the
//! objects are known.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::event::{Event, Outcome, Position, Sink};
use crate::input::decompress;
use crate::problem::{Problem, ProblemKind};
use crate::time::{self, TimeFormat, ZoneCheck};

/// How to flatten an OCEL 2.0 log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OcelOptions {
    /// The object type whose objects are the cases.
    pub object_type: String,
    /// An attribute of those objects holding the segment (its first value).
    pub segment: Option<String>,
    /// Attributes of the events holding the channel, the resource and a numeric score.
    pub channel: Option<String>,
    pub resource: Option<String>,
    pub score: Option<String>,
}

/// An event as read, before it is flattened.
#[derive(Clone, Debug)]
struct OcelEvent {
    kind: String,
    time: String,
    objects: Vec<String>,
    channel: Option<String>,
    resource: Option<String>,
    score: Option<String>,
    at: Position,
}

/// What is known while reading: the objects of the chosen type (with their segment), every
/// object type met, and the events waiting for the objects.
struct Flatten<'a, S: ?Sized> {
    options: &'a OcelOptions,
    sink: &'a mut S,
    objects: HashMap<String, Option<String>>,
    types: std::collections::BTreeSet<String>,
    objects_read: bool,
    waiting: Vec<OcelEvent>,
    zones: ZoneCheck,
    events: u64,
}

impl<'a, S: Sink + ?Sized> Flatten<'a, S> {
    fn new(options: &'a OcelOptions, sink: &'a mut S) -> Self {
        Flatten {
            options,
            sink,
            objects: HashMap::new(),
            types: Default::default(),
            objects_read: false,
            waiting: Vec::new(),
            zones: ZoneCheck::default(),
            events: 0,
        }
    }

    fn object(&mut self, id: String, kind: &str, segment: Option<String>) {
        if !self.types.contains(kind) {
            self.types.insert(kind.to_string());
        }
        if kind == self.options.object_type {
            self.objects.insert(id, segment.filter(|s| !s.is_empty()));
        }
    }

    fn event(&mut self, event: OcelEvent) {
        if !self.objects_read {
            self.waiting.push(event);
            return;
        }
        if event.kind.is_empty() {
            self.sink.problem(Problem::new(ProblemKind::MissingActivity, event.at, ""));
            return;
        }
        let (time, zone) = match time::parse(&event.time, TimeFormat::Iso) {
            Some(parsed) => parsed,
            None => {
                let kind =
                    if event.time.is_empty() { ProblemKind::MissingTimestamp } else { ProblemKind::BadTimestamp };
                self.sink.problem(Problem::new(kind, event.at, event.time.as_str()));
                return;
            }
        };
        if self.zones.differs(zone) {
            self.sink.problem(Problem::new(ProblemKind::MixedTimeZones, event.at, event.time.as_str()));
        }
        let score = event.score.as_deref().and_then(|s| match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                self.sink.problem(Problem::new(ProblemKind::BadScore, event.at, s));
                None
            }
        });
        for (i, object) in event.objects.iter().enumerate() {
            // An event related twice to one object belongs to it once.
            if event.objects.get(..i).is_some_and(|before| before.contains(object)) {
                continue;
            }
            let Some(segment) = self.objects.get(object) else { continue };
            self.sink.event(&Event {
                case: object,
                activity: &event.kind,
                time: Some(time),
                segment: segment.as_deref(),
                channel: event.channel.as_deref(),
                resource: event.resource.as_deref(),
                lifecycle: None,
                score,
                at: event.at,
            });
            self.events += 1;
        }
    }

    /// After the objects: the events that came before them.
    fn objects_done(&mut self) {
        self.objects_read = true;
        for event in std::mem::take(&mut self.waiting) {
            self.event(event);
        }
    }

    fn finish(&mut self) {
        if !self.objects_read {
            self.objects_done();
        }
        if self.objects.is_empty() {
            let known: Vec<&str> = self.types.iter().map(String::as_str).collect();
            let detail =
                format!("no object of type {:?}; the log's types: {}", self.options.object_type, known.join(", "));
            self.sink.problem(Problem::new(ProblemKind::MissingColumn, Position::Log, detail));
        }
    }
}

// ---- JSON ----

#[derive(Deserialize)]
struct JsonObject {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    attributes: Vec<JsonAttribute>,
}

#[derive(Deserialize)]
struct JsonAttribute {
    name: String,
    #[serde(default)]
    value: serde_json::Value,
}

#[derive(Deserialize)]
struct JsonRelationship {
    #[serde(rename = "objectId")]
    object_id: String,
}

#[derive(Deserialize)]
struct JsonEvent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    attributes: Vec<JsonAttribute>,
    #[serde(default)]
    relationships: Vec<JsonRelationship>,
}

fn json_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn named(attributes: &[JsonAttribute], name: Option<&String>) -> Option<String> {
    let name = name?;
    attributes.iter().find(|a| &a.name == name).and_then(|a| json_text(&a.value))
}

struct Top<'f, 'a, S: ?Sized>(&'f mut Flatten<'a, S>);

impl<'de, S: Sink + ?Sized> Visitor<'de> for Top<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OCEL 2.0 JSON object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "objects" => {
                    map.next_value_seed(Objects(&mut *self.0))?;
                    self.0.objects_done();
                }
                "events" => map.next_value_seed(Events(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de, S: Sink + ?Sized> DeserializeSeed<'de> for Top<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

struct Objects<'f, 'a, S: ?Sized>(&'f mut Flatten<'a, S>);

impl<'de, S: Sink + ?Sized> Visitor<'de> for Objects<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(object) = seq.next_element::<JsonObject>()? {
            let segment = named(&object.attributes, self.0.options.segment.as_ref());
            self.0.object(object.id, &object.kind, segment);
        }
        Ok(())
    }
}

impl<'de, S: Sink + ?Sized> DeserializeSeed<'de> for Objects<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

struct Events<'f, 'a, S: ?Sized>(&'f mut Flatten<'a, S>);

impl<'de, S: Sink + ?Sized> Visitor<'de> for Events<'_, '_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0u64;
        while let Some(event) = seq.next_element::<JsonEvent>()? {
            let options = self.0.options;
            self.0.event(OcelEvent {
                channel: named(&event.attributes, options.channel.as_ref()),
                resource: named(&event.attributes, options.resource.as_ref()),
                score: named(&event.attributes, options.score.as_ref()),
                kind: event.kind,
                time: event.time,
                objects: event.relationships.into_iter().map(|r| r.object_id).collect(),
                // serde does not say where an element is: the event's index in the list.
                at: Position::Row(index),
            });
            index += 1;
        }
        Ok(())
    }
}

impl<'de, S: Sink + ?Sized> DeserializeSeed<'de> for Events<'_, '_, S> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// Reads an OCEL 2.0 JSON log (gzip or not), flattened on `options.object_type`.
pub fn read_ocel_json(input: impl Read, options: &OcelOptions, sink: &mut impl Sink) -> Outcome {
    let mut outcome = Outcome::default();
    let input = match decompress(input) {
        Ok(input) => input,
        Err(error) => {
            sink.problem(Problem::new(ProblemKind::Io, Position::Log, error.to_string()));
            return outcome;
        }
    };
    let mut flatten = Flatten::new(options, sink);
    let mut de = serde_json::Deserializer::from_reader(input);
    let result = Top(&mut flatten).deserialize(&mut de).and_then(|()| de.end());
    if let Err(error) = result {
        let at = Position::Text { line: error.line() as u64, column: error.column() as u64 };
        let kind = match error.classify() {
            serde_json::error::Category::Io => ProblemKind::Io,
            _ if error.to_string().contains("unicode") || error.to_string().contains("UTF-8") => {
                ProblemKind::InvalidUtf8
            }
            _ => ProblemKind::Malformed,
        };
        flatten.sink.problem(Problem::new(kind, at, error.to_string()));
        outcome.events = flatten.events;
        return outcome;
    }
    flatten.finish();
    outcome.events = flatten.events;
    outcome.complete = true;
    outcome
}

mod xml;
pub use xml::read_ocel_xml;
