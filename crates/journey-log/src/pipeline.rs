//! Reading a log and using what is read, side by side: [`side_by_side`] runs a reader on one
//! thread and hands what it finds, a batch at a time and in the order found, to a sink on
//! another, so that parsing and, say, the statistics each have a core.

use std::ops::Range;
use std::sync::mpsc;

use crate::event::{Event, Position, Sink, Timestamp};
use crate::problem::{Problem, ProblemKind};

/// Events and problems in a batch before it is handed over.
const BATCH: usize = 4096;
/// Batches handed over and not yet taken: what bounds the memory in between.
const IN_FLIGHT: usize = 2;

/// Runs `read` with a sink whose events and problems reach `sink` on another thread, in the
/// order `read` gives them, and returns what `read` returns once `sink` has had them all.
/// With one core, or where no thread can be started, `read` is given `sink` itself.
pub fn side_by_side<S: Sink + Send, R>(sink: &mut S, read: impl FnOnce(&mut dyn Sink) -> R) -> R {
    if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        return read(sink);
    }
    let (full, taken) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let (emptied, empty) = mpsc::channel::<Batch>();
    let outcome = std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().name("journey-log sink".into()).spawn_scoped(scope, || {
            for mut batch in taken {
                batch.replay(&mut *sink);
                batch.clear();
                // The reader may be done and gone; the batch is then simply dropped.
                let _ = emptied.send(batch);
            }
        });
        if worker.is_err() {
            return Err(read);
        }
        let mut handover = Handover { batch: Batch::default(), full, empty };
        let result = read(&mut handover);
        handover.hand_over();
        // Dropping the sender ends the worker's loop; the scope waits for it.
        drop(handover);
        Ok(result)
    });
    match outcome {
        Ok(result) => result,
        Err(read) => read(sink),
    }
}

/// An event or a problem, with its strings kept in its batch's text.
enum Found {
    Event {
        case: Range<usize>,
        activity: Range<usize>,
        time: Option<Timestamp>,
        segment: Option<Range<usize>>,
        channel: Option<Range<usize>>,
        resource: Option<Range<usize>>,
        lifecycle: Option<Range<usize>>,
        score: Option<f64>,
        at: Position,
    },
    Problem {
        kind: ProblemKind,
        at: Position,
        detail: Range<usize>,
    },
}

#[derive(Default)]
struct Batch {
    text: String,
    found: Vec<Found>,
}

impl Batch {
    fn keep(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    fn replay(&self, sink: &mut impl Sink) {
        let text = |range: &Range<usize>| &self.text[range.clone()];
        for found in &self.found {
            match found {
                Found::Event { case, activity, time, segment, channel, resource, lifecycle, score, at } => {
                    sink.event(&Event {
                        case: text(case),
                        activity: text(activity),
                        time: *time,
                        segment: segment.as_ref().map(text),
                        channel: channel.as_ref().map(text),
                        resource: resource.as_ref().map(text),
                        lifecycle: lifecycle.as_ref().map(text),
                        score: *score,
                        at: *at,
                    });
                }
                Found::Problem { kind, at, detail } => sink.problem(Problem::new(*kind, *at, text(detail))),
            }
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.found.clear();
    }
}

/// The sink a reader is given by [`side_by_side`]: it fills a batch and hands it over when
/// full, taking an emptied one back when there is one.
struct Handover {
    batch: Batch,
    full: mpsc::SyncSender<Batch>,
    empty: mpsc::Receiver<Batch>,
}

impl Handover {
    fn hand_over(&mut self) {
        if self.batch.found.is_empty() {
            return;
        }
        let next = self.empty.try_recv().unwrap_or_default();
        // Only fails when the worker has stopped, which the scope then reports.
        let _ = self.full.send(std::mem::replace(&mut self.batch, next));
    }

    fn push(&mut self, found: Found) {
        self.batch.found.push(found);
        if self.batch.found.len() >= BATCH {
            self.hand_over();
        }
    }
}

impl Sink for Handover {
    fn event(&mut self, e: &Event<'_>) {
        let b = &mut self.batch;
        let found = Found::Event {
            case: b.keep(e.case),
            activity: b.keep(e.activity),
            time: e.time,
            segment: e.segment.map(|s| b.keep(s)),
            channel: e.channel.map(|s| b.keep(s)),
            resource: e.resource.map(|s| b.keep(s)),
            lifecycle: e.lifecycle.map(|s| b.keep(s)),
            score: e.score,
            at: e.at,
        };
        self.push(found);
    }

    fn problem(&mut self, problem: Problem<'_>) {
        let detail = self.batch.keep(&problem.detail);
        self.push(Found::Problem { kind: problem.kind, at: problem.at, detail });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a sink is told, in order, as text.
    #[derive(Default)]
    struct Record(Vec<String>);

    impl Sink for Record {
        fn event(&mut self, e: &Event<'_>) {
            self.0.push(format!("{e:?}"));
        }
        fn problem(&mut self, p: Problem<'_>) {
            self.0.push(format!("{:?} {:?} {}", p.kind, p.at, p.detail));
        }
    }

    fn tell(sink: &mut dyn Sink, n: usize) -> usize {
        for i in 0..n {
            let (case, activity) = (format!("c{}", i % 7), format!("a{i}"));
            let mut e = Event::new(&case, &activity, Some(Timestamp(i as i64)));
            e.segment = (i % 3 == 0).then_some("new");
            e.lifecycle = (i % 5 == 0).then_some("start");
            e.score = (i % 11 == 0).then_some(i as f64 / 2.0);
            e.at = Position::Line { line: i as u64 + 2, byte: i as u64 * 10 };
            sink.event(&e);
            if i % 1000 == 999 {
                sink.problem(Problem::new(ProblemKind::Duplicate, Position::Row(i as u64), format!("p{i}")));
            }
        }
        n
    }

    #[test]
    fn the_sink_is_told_what_it_would_be_told_directly_in_the_same_order() {
        // More than two batches, so that emptied batches are used again.
        let n = 3 * BATCH + 17;
        let mut direct = Record::default();
        tell(&mut direct, n);
        let mut handed = Record::default();
        assert_eq!(side_by_side(&mut handed, |sink| tell(sink, n)), n);
        assert_eq!(direct.0.len(), n + n / 1000);
        assert!(direct.0 == handed.0, "the events or their order differ");
    }
}
