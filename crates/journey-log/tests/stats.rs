//! The statistics of small logs worked out by hand (see STATS.md for the definitions), through
//! the CSV reader, the CSV form of the statistics and back, and through XES.

use journey_log::{
    Check, CsvOptions, CsvWriter, Event, ProblemKind, Stats, StatsOptions, Window, WriteOptions, XesOptions, XesWriter,
    compute, read_csv, read_xes,
};

/// Every rule at once: an event out of order (c1's call), a tie-free lifecycle pair and a
/// duplicate (c2), a case whose first event is in March and last in April (c2: March), a row
/// without a case, a timestamp that does not parse, and one without a zone among zoned ones.
const LOG: &str = "\
case,activity,timestamp,segment,lifecycle,score
c1,browse,2024-03-01T10:00:00Z,new,,
c1,order,2024-03-01T10:05:00Z,new,,
c2,browse,2024-03-31T23:00:00Z,vip,,
c1,call,2024-03-01T10:02:00Z,new,,
c2,call,2024-04-01T01:00:00Z,,start,
c2,call,2024-04-01T01:30:00Z,,complete,4.5
c2,call,2024-04-01T01:30:00Z,,complete,4.5
,browse,2024-03-01T00:00:00Z,,,
c3,browse,not a time,,,
c3,browse,2024-03-02T00:00:00,,,
";

/// By hand. c1 (new, March) in order: browse 10:00, call 10:02, order 10:05: two pairs of 2 and
/// 3 minutes, 5 minutes in all. c2 (vip, March: its first event is on 31 March at 23:00):
/// browse, then call started 01:00 and completed 01:30 twice; flow events browse, call, call;
/// gaps 2 h 30 min and 0; one lifecycle pair of 30 min (the second complete has no start); two
/// scores of 4.5. c3 (no segment, March): one event, duration 0.
const EXPECTED: &str = "\
record,segment,window,activity,next,bucket,count,sum
stats,,,month,timed,,1,
cases,,2024-03,,,,1,0
events,,2024-03,,,,1,
case-duration,,2024-03,,,0,1,
activity,,2024-03,browse,,,1,
start,,2024-03,browse,,,1,
end,,2024-03,browse,,,1,
cases,new,2024-03,,,,1,300000
events,new,2024-03,,,,3,
case-duration,new,2024-03,,,300000,1,
activity,new,2024-03,browse,,,1,
start,new,2024-03,browse,,,1,
activity,new,2024-03,call,,,1,
activity,new,2024-03,order,,,1,
end,new,2024-03,order,,,1,
follows,new,2024-03,browse,call,,1,120000
follows-gap,new,2024-03,browse,call,120000,1,
follows,new,2024-03,call,order,,1,180000
follows-gap,new,2024-03,call,order,180000,1,
cases,vip,2024-03,,,,1,9000000
events,vip,2024-03,,,,4,
case-duration,vip,2024-03,,,9000000,1,
activity,vip,2024-03,browse,,,1,
start,vip,2024-03,browse,,,1,
activity,vip,2024-03,call,,,2,
end,vip,2024-03,call,,,1,
score,vip,2024-03,call,,,2,9000
lifecycle,vip,2024-03,call,,,1,1800000
lifecycle-duration,vip,2024-03,call,,1800000,1,
follows,vip,2024-03,browse,call,,1,9000000
follows-gap,vip,2024-03,browse,call,9000000,1,
follows,vip,2024-03,call,call,,1,0
follows-gap,vip,2024-03,call,call,0,1,
";

fn stats_of(log: &str, window: Window) -> (Stats, journey_log::Problems, usize) {
    let mut readings = 0;
    let (stats, problems) = compute(StatsOptions { window }, |sink| {
        readings += 1;
        read_csv(log.as_bytes(), &CsvOptions::default(), sink);
    });
    (stats, problems, readings)
}

#[test]
fn hand_worked_statistics_of_a_log_with_every_kind_of_fault() {
    let (stats, problems, readings) = stats_of(LOG, Window::Month);
    assert_eq!(stats.to_csv(), EXPECTED);
    assert_eq!(readings, 2, "c1's call came out of order, so the log is read twice");
    let count = |kind| problems.count(kind);
    assert_eq!(
        [
            ProblemKind::MissingCase,
            ProblemKind::BadTimestamp,
            ProblemKind::MixedTimeZones,
            ProblemKind::OutOfOrder,
            ProblemKind::Duplicate
        ]
        .map(count),
        [1, 1, 1, 1, 1]
    );
    assert_eq!(problems.iter().count(), 5, "{problems}");
    let at = |kind| problems.get(kind).map(|t| t.first[0].0.to_string());
    assert_eq!(at(ProblemKind::MissingCase).as_deref(), Some("line 9 (byte 316)"));
    assert_eq!(at(ProblemKind::OutOfOrder).as_deref(), Some("line 5 (byte 158)"));
    assert_eq!(at(ProblemKind::Duplicate).as_deref(), Some("line 8 (byte 273)"));
}

#[test]
fn the_csv_form_reads_back_to_the_same_statistics() {
    for window in Window::ALL {
        let (stats, _, _) = stats_of(LOG, window);
        let back = Stats::from_csv(stats.to_csv().as_bytes()).expect("reads back");
        assert_eq!(back, stats, "{window:?}");
        // Rows in another order read the same.
        let text = stats.to_csv();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let reversed = lines.join("\n");
        assert_eq!(Stats::from_csv(reversed.as_bytes()).expect("reversed"), stats);
    }
}

#[test]
fn weeks_and_no_window() {
    let (stats, _, _) = stats_of(LOG, Window::Week);
    // 1 and 2 March 2024 are in ISO week 9; 31 March (a Sunday) in week 13.
    let keys: Vec<_> = stats.groups.keys().map(|k| (k.segment.as_deref(), k.window.as_deref())).collect();
    assert_eq!(keys, [(None, Some("2024-W09")), (Some("new"), Some("2024-W09")), (Some("vip"), Some("2024-W13"))]);
    let (none, _, _) = stats_of(LOG, Window::None);
    assert!(none.groups.keys().all(|k| k.window.is_none()));
    assert_eq!(none.groups.values().map(|g| g.cases.count).sum::<u64>(), 3);
}

#[test]
fn a_log_without_timestamps_has_counts_and_no_durations() {
    let log = "case;activity\nc1;a\nc1;b\nc2;a\n";
    let (stats, problems, _) = stats_of(log, Window::Month);
    assert!(problems.is_empty(), "{problems}");
    assert_eq!(
        stats.to_csv(),
        "record,segment,window,activity,next,bucket,count,sum\n\
         stats,,,none,untimed,,1,\n\
         cases,,,,,,2,\n\
         events,,,,,,3,\n\
         activity,,,a,,,2,\n\
         start,,,a,,,2,\n\
         end,,,a,,,1,\n\
         activity,,,b,,,1,\n\
         end,,,b,,,1,\n\
         follows,,,a,b,,1,\n"
    );
}

#[test]
fn a_log_that_matches_nothing_says_so() {
    let (stats, problems, _) = stats_of("case,activity,timestamp\n,a,2024-01-01\n", Window::None);
    assert!(stats.groups.is_empty());
    assert_eq!(problems.count(ProblemKind::NoEvents), 1);
    assert_eq!(problems.count(ProblemKind::MissingCase), 1);
    let (_, problems, _) = stats_of("who,what\nc1,a\n", Window::None);
    assert_eq!(problems.count(ProblemKind::MissingColumn), 1, "{problems}");
}

/// An event with its own strings: case, activity, time, segment, lifecycle, score.
type Owned = (String, String, i64, Option<String>, Option<String>, Option<f64>);

/// The events of LOG that the statistics keep, grouped by case in time order.
fn kept_events() -> Vec<Owned> {
    let mut sink = Collect::default();
    read_csv(LOG.as_bytes(), &CsvOptions::default(), &mut sink);
    let mut events = sink.0;
    events.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    events
}

#[derive(Default)]
struct Collect(Vec<Owned>);

impl journey_log::Sink for Collect {
    fn event(&mut self, e: &Event<'_>) {
        let owned = |s: Option<&str>| s.map(str::to_string);
        self.0.push((
            e.case.into(),
            e.activity.into(),
            e.time.map_or(0, |t| t.0),
            owned(e.segment),
            owned(e.lifecycle),
            e.score,
        ));
    }
    fn problem(&mut self, _: journey_log::Problem<'_>) {}
}

#[test]
fn written_csv_and_xes_read_back_to_the_same_statistics() {
    let options = WriteOptions { segment: true, lifecycle: true, score: true, ..WriteOptions::default() };
    let mut csv = CsvWriter::new(Vec::new(), options).expect("csv");
    let mut xes = XesWriter::new(Vec::new(), options).expect("xes");
    for (case, activity, time, segment, lifecycle, score) in kept_events() {
        let mut e = Event::new(&case, &activity, Some(journey_log::Timestamp(time)));
        e.segment = segment.as_deref();
        e.lifecycle = lifecycle.as_deref();
        e.score = score;
        csv.write(&e).expect("row");
        xes.write(&e).expect("event");
    }
    let csv = String::from_utf8(csv.finish().expect("csv")).expect("utf-8");
    let xes = String::from_utf8(xes.finish().expect("xes")).expect("utf-8");
    let (from_csv, problems) = compute(StatsOptions { window: Window::Month }, |sink| {
        read_csv(csv.as_bytes(), &CsvOptions::default(), sink);
    });
    assert_eq!(problems.count(ProblemKind::Duplicate), 1, "{problems}");
    assert_eq!(from_csv.to_csv(), EXPECTED);
    let xes_options =
        XesOptions { segment: Some("segment".into()), score: Some("score".into()), ..XesOptions::default() };
    let (from_xes, problems) = compute(StatsOptions { window: Window::Month }, |sink| {
        read_xes(xes.as_bytes(), &xes_options, sink);
    });
    assert_eq!(problems.count(ProblemKind::Duplicate), 1, "{problems}");
    assert_eq!(from_xes.to_csv(), EXPECTED);
    let mut check = Check::default();
    read_xes(xes.as_bytes(), &xes_options, &mut check);
    assert_eq!(check.events, 8);
}
