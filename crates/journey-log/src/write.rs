//! Logs written from events: CSV with the column names PM4Py and [`read_csv`](crate::read_csv)
//! both recognise, and XES (IEEE 1849). Deterministic bytes: the same events give the same
//! file. Times are written in UTC with milliseconds; scores in Rust's shortest round-trip form.

use std::io::{self, Write};

use crate::event::Event;
use crate::time::format_rfc3339;

/// Which optional fields a writer writes, beside case, activity and time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    pub segment: bool,
    pub channel: bool,
    pub resource: bool,
    pub lifecycle: bool,
    pub score: bool,
}

/// Writes a CSV log: a header, then one row per event.
pub struct CsvWriter<W: Write> {
    out: ::csv::Writer<W>,
    options: WriteOptions,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header: `case:concept:name,concept:name,time:timestamp`, then those of
    /// `lifecycle:transition`, `org:resource`, `segment`, `channel`, `score` that are chosen.
    pub fn new(out: W, options: WriteOptions) -> io::Result<Self> {
        let out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(out);
        let mut writer = CsvWriter { out, options };
        let mut header = vec!["case:concept:name", "concept:name", "time:timestamp"];
        for (on, name) in writer.optional() {
            if on {
                header.push(name);
            }
        }
        writer.out.write_record(&header)?;
        Ok(writer)
    }

    fn optional(&self) -> [(bool, &'static str); 5] {
        let o = self.options;
        [
            (o.lifecycle, "lifecycle:transition"),
            (o.resource, "org:resource"),
            (o.segment, "segment"),
            (o.channel, "channel"),
            (o.score, "score"),
        ]
    }

    pub fn write(&mut self, e: &Event<'_>) -> io::Result<()> {
        let time = e.time.map(format_rfc3339).unwrap_or_default();
        let score = e.score.map(|s| s.to_string()).unwrap_or_default();
        let o = self.options;
        let mut row: Vec<&str> = vec![e.case, e.activity, &time];
        for (on, value) in [
            (o.lifecycle, e.lifecycle.unwrap_or("")),
            (o.resource, e.resource.unwrap_or("")),
            (o.segment, e.segment.unwrap_or("")),
            (o.channel, e.channel.unwrap_or("")),
            (o.score, &score),
        ] {
            if on {
                row.push(value);
            }
        }
        self.out.write_record(&row).map_err(io::Error::other)
    }

    /// Flushes and gives the output back.
    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }
}

/// Writes an XES log. Events must come grouped by case: each run of events of one case becomes
/// a trace (named by the case, with the segment of its first event as a trace attribute
/// `segment`); channel, resource, lifecycle and score are event attributes.
pub struct XesWriter<W: Write> {
    out: W,
    options: WriteOptions,
    open: Option<String>,
}

const XES_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <classifier name="Activity" keys="concept:name"/>
"#;

impl<W: Write> XesWriter<W> {
    pub fn new(mut out: W, options: WriteOptions) -> io::Result<Self> {
        out.write_all(XES_HEAD.as_bytes())?;
        Ok(XesWriter { out, options, open: None })
    }

    pub fn write(&mut self, e: &Event<'_>) -> io::Result<()> {
        if self.open.as_deref() != Some(e.case) {
            if self.open.is_some() {
                self.out.write_all(b"  </trace>\n")?;
            }
            self.out.write_all(b"  <trace>\n")?;
            attribute(&mut self.out, 4, "string", "concept:name", e.case)?;
            if let Some(segment) = e.segment.filter(|_| self.options.segment) {
                attribute(&mut self.out, 4, "string", "segment", segment)?;
            }
            self.open = Some(e.case.to_string());
        }
        let o = self.options;
        self.out.write_all(b"    <event>\n")?;
        attribute(&mut self.out, 6, "string", "concept:name", e.activity)?;
        if let Some(time) = e.time {
            attribute(&mut self.out, 6, "date", "time:timestamp", &format_rfc3339(time))?;
        }
        for (on, kind, key, value) in [
            (o.lifecycle, "string", "lifecycle:transition", e.lifecycle),
            (o.resource, "string", "org:resource", e.resource),
            (o.channel, "string", "channel", e.channel),
        ] {
            if let Some(value) = value.filter(|_| on) {
                attribute(&mut self.out, 6, kind, key, value)?;
            }
        }
        if let Some(score) = e.score.filter(|_| o.score) {
            attribute(&mut self.out, 6, "float", "score", &score.to_string())?;
        }
        self.out.write_all(b"    </event>\n")
    }

    /// Closes the last trace and the log, and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        if self.open.is_some() {
            self.out.write_all(b"  </trace>\n")?;
        }
        self.out.write_all(b"</log>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn attribute(out: &mut impl Write, indent: usize, kind: &str, key: &str, value: &str) -> io::Result<()> {
    write!(out, "{:indent$}<{kind} key=\"{key}\" value=\"", "")?;
    escape(out, value)?;
    out.write_all(b"\"/>\n")
}

/// Escapes for an attribute value in double quotes; characters XML 1.0 does not allow become
/// U+FFFD, and line breaks and tabs are written as references so that they survive.
fn escape(out: &mut impl Write, value: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in value.char_indices() {
        let replacement: Option<&str> = match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\n' => Some("&#10;"),
            '\r' => Some("&#13;"),
            '\t' => Some("&#9;"),
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => Some("\u{fffd}"),
            _ => None,
        };
        if let Some(r) = replacement {
            out.write_all(value.get(start..i).unwrap_or_default().as_bytes())?;
            out.write_all(r.as_bytes())?;
            start = i + c.len_utf8();
        }
    }
    out.write_all(value.get(start..).unwrap_or_default().as_bytes())
}
