//! The XML form of OCEL 2.0, read with quick-xml: `<objects>` of `<object id type>` with
//! `<attributes>`, then `<events>` of `<event id type time>` with `<attributes>` and
//! `<objects>` of `<relationship object-id>`.

use std::io::Read;

use quick_xml::events::{BytesStart, Event as Xml};

use super::{Flatten, OcelEvent, OcelOptions};
use crate::event::{Outcome, Position, Sink};
use crate::input::decompress;
use crate::problem::{Problem, ProblemKind};

/// Where the reader is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Elsewhere,
    Objects,
    Events,
}

/// The object being read: its id, type and segment.
#[derive(Default)]
struct ObjectNow {
    id: String,
    kind: String,
    segment: Option<String>,
}

/// Which attribute's text is being read, and for what.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Segment,
    Channel,
    Resource,
    Score,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == name).map(|a| {
        let raw = String::from_utf8_lossy(&a.value);
        quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |t| t.into_owned())
    })
}

/// Reads an OCEL 2.0 XML log (gzip or not), flattened on `options.object_type`.
pub fn read_ocel_xml(input: impl Read, options: &OcelOptions, sink: &mut impl Sink) -> Outcome {
    let mut outcome = Outcome::default();
    let input = match decompress(input) {
        Ok(input) => input,
        Err(error) => {
            sink.problem(Problem::new(ProblemKind::Io, Position::Log, error.to_string()));
            return outcome;
        }
    };
    let mut flatten = Flatten::new(options, sink);
    let mut reader = quick_xml::Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut section = In::Elsewhere;
    let mut object: Option<ObjectNow> = None;
    let mut event: Option<OcelEvent> = None;
    let mut capture = Capture::None;
    let mut text = String::new();
    let mut saw_log = false;
    loop {
        let at = reader.buffer_position();
        let xml = match reader.read_event_into(&mut buf) {
            Ok(xml) => xml,
            Err(error) => {
                let at = Position::Byte(reader.error_position());
                flatten.sink.problem(Problem::new(ProblemKind::Malformed, at, error.to_string()));
                outcome.events = flatten.events;
                return outcome;
            }
        };
        match xml {
            Xml::Start(ref e) | Xml::Empty(ref e) => {
                let empty = matches!(xml, Xml::Empty(_));
                let name = e.local_name();
                match (depth, name.as_ref()) {
                    (0, b"log") => saw_log = true,
                    (1, b"objects") => section = In::Objects,
                    (1, b"events") => section = In::Events,
                    (2, b"object") if section == In::Objects => {
                        object = Some(ObjectNow {
                            id: attr(e, b"id").unwrap_or_default(),
                            kind: attr(e, b"type").unwrap_or_default(),
                            segment: None,
                        });
                    }
                    (2, b"event") if section == In::Events => {
                        event = Some(OcelEvent {
                            kind: attr(e, b"type").unwrap_or_default(),
                            time: attr(e, b"time").unwrap_or_default(),
                            objects: Vec::new(),
                            channel: None,
                            resource: None,
                            score: None,
                            at: Position::Byte(at),
                        });
                    }
                    (4, b"attribute") => {
                        let name = attr(e, b"name");
                        let is = |option: &Option<String>| option.is_some() && option == &name;
                        capture = if object.as_ref().is_some_and(|o| o.segment.is_none()) && is(&options.segment) {
                            Capture::Segment
                        } else if event.is_some() && is(&options.channel) {
                            Capture::Channel
                        } else if event.is_some() && is(&options.resource) {
                            Capture::Resource
                        } else if event.is_some() && is(&options.score) {
                            Capture::Score
                        } else {
                            Capture::None
                        };
                        text.clear();
                        if empty {
                            capture = Capture::None;
                        }
                    }
                    (4, b"relationship") => {
                        if let (Some(event), Some(id)) = (event.as_mut(), attr(e, b"object-id")) {
                            event.objects.push(id);
                        }
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
                if empty && depth == 2 {
                    // A self-closing object or event ends here.
                    finish_item(&mut flatten, &mut object, &mut event);
                }
            }
            Xml::Text(t) if capture != Capture::None => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Xml::GeneralRef(r) if capture != Capture::None => {
                let entity = format!("&{};", String::from_utf8_lossy(&r));
                text.push_str(&quick_xml::escape::unescape(&entity).map_or(entity.clone(), |t| t.into_owned()));
            }
            Xml::CData(t) if capture != Capture::None => text.push_str(&String::from_utf8_lossy(&t)),
            Xml::End(_) => {
                depth = depth.saturating_sub(1);
                match depth {
                    4 if capture != Capture::None => {
                        let value = Some(std::mem::take(&mut text));
                        match capture {
                            Capture::Segment => {
                                if let Some(o) = object.as_mut() {
                                    o.segment = value;
                                }
                            }
                            Capture::Channel => event.iter_mut().for_each(|e| e.channel = value.clone()),
                            Capture::Resource => event.iter_mut().for_each(|e| e.resource = value.clone()),
                            Capture::Score => event.iter_mut().for_each(|e| e.score = value.clone()),
                            Capture::None => {}
                        }
                        capture = Capture::None;
                    }
                    2 => finish_item(&mut flatten, &mut object, &mut event),
                    1 => {
                        if section == In::Objects {
                            flatten.objects_done();
                        }
                        section = In::Elsewhere;
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
        flatten.sink.problem(Problem::new(
            ProblemKind::Malformed,
            Position::Byte(0),
            "no <log> element: not an OCEL 2.0 XML log",
        ));
        return outcome;
    }
    flatten.finish();
    outcome.events = flatten.events;
    outcome.complete = true;
    outcome
}

fn finish_item<S: Sink + ?Sized>(
    flatten: &mut Flatten<'_, S>,
    object: &mut Option<ObjectNow>,
    event: &mut Option<OcelEvent>,
) {
    if let Some(o) = object.take() {
        flatten.object(o.id, &o.kind, o.segment);
    }
    if let Some(e) = event.take() {
        flatten.event(e);
    }
}
