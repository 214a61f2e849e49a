//! The event-log readers under any bytes: no panic, and the statistics they lead to hold
//! together — their CSV form reads back to the same statistics, every case with a flow event
//! has one start and one end activity, directly-follows pairs number the flow events less the
//! cases that have any, and every histogram holds as many durations as its count.

use journey_log::{
    CsvOptions, OcelOptions, ParquetOptions, Sink, Stats, StatsBuilder, StatsOptions, Window, XesOptions, compute,
    read_csv, read_ocel_json, read_ocel_xml, read_parquet, read_xes, side_by_side,
};

fn holds(read: impl FnMut(&mut StatsBuilder)) {
    let (stats, problems) = compute(StatsOptions { window: Window::Week }, read);
    let _ = problems.to_string();
    let text = stats.to_csv();
    let back = Stats::from_csv(text.as_bytes()).expect("the statistics' CSV form reads back");
    assert_eq!(back, stats, "the statistics' CSV form reads back to the same statistics");
    for group in stats.groups.values() {
        let starts: u64 = group.activities.values().map(|a| a.starts).sum();
        let ends: u64 = group.activities.values().map(|a| a.ends).sum();
        let flow: u64 = group.activities.values().map(|a| a.events).sum();
        let pairs: u64 = group.follows.values().map(|d| d.count).sum();
        assert_eq!(starts, ends, "one start and one end per case with a flow event");
        assert!(starts <= group.cases.count && flow <= group.events);
        assert_eq!(pairs, flow - starts, "m flow events in a case make m − 1 pairs");
        if stats.timed {
            let durations = std::iter::once(&group.cases)
                .chain(group.follows.values())
                .chain(group.activities.values().map(|a| &a.lifecycle));
            for d in durations {
                assert_eq!(d.histogram.values().sum::<u64>(), d.count, "a histogram holds every duration");
                assert!(d.sum_ms >= 0);
            }
        }
    }
}

/// Counting the statistics on another thread than the reading (as `journey fit` does) gives
/// the same statistics and problems.
fn same_side_by_side(read: impl Fn(&mut dyn Sink)) {
    let options = StatsOptions { window: Window::Week };
    let direct = compute(options, |sink| read(sink));
    let handed = compute(options, |sink| side_by_side(sink, |sink| read(sink)));
    assert_eq!(direct.0, handed.0, "the statistics counted side by side differ");
    assert_eq!(direct.1.to_string(), handed.1.to_string(), "the problems counted side by side differ");
}

/// Any bytes as a CSV log, with the usual column names guessed and with the first three
/// columns taken by position.
pub fn csv(data: &[u8]) {
    holds(|sink| {
        read_csv(data, &CsvOptions::default(), sink);
    });
    same_side_by_side(|mut sink| {
        read_csv(data, &CsvOptions::default(), &mut sink);
    });
    let by_position = CsvOptions {
        columns: journey_log::Columns {
            case: Some(journey_log::Column::Index(0)),
            activity: Some(journey_log::Column::Index(1)),
            time: Some(journey_log::Column::Index(2)),
            lifecycle: Some(journey_log::Column::Index(3)),
            score: Some(journey_log::Column::Index(4)),
            ..Default::default()
        },
        guess: false,
        ..CsvOptions::default()
    };
    holds(|sink| {
        read_csv(data, &by_position, sink);
    });
}

/// Any bytes as an XES log.
pub fn xes(data: &[u8]) {
    let options = XesOptions { segment: Some("segment".into()), score: Some("score".into()), ..XesOptions::default() };
    holds(|sink| {
        read_xes(data, &options, sink);
    });
}

/// Any bytes as an OCEL 2.0 log, JSON and XML, flattened on the object type `o`.
pub fn ocel(data: &[u8]) {
    let options = OcelOptions { object_type: "o".into(), segment: Some("s".into()), ..OcelOptions::default() };
    holds(|sink| {
        read_ocel_json(data, &options, sink);
    });
    holds(|sink| {
        read_ocel_xml(data, &options, sink);
    });
}

/// Any bytes as a Parquet file. The parquet crate can panic on a corrupt page (a data page
/// that uses a dictionary the column chunk does not have); `read_parquet` catches that and
/// reports the file as malformed. libFuzzer's panic hook would abort at the panic itself, so a
/// quiet hook stands in while the property runs: what it checks is that no panic escapes the
/// reader, and that the statistics hold together.
pub fn parquet(data: &[u8]) {
    let bytes = bytes::Bytes::copy_from_slice(data);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| {
        holds(|sink| {
            read_parquet(bytes.clone(), &ParquetOptions::default(), sink);
        })
    });
    std::panic::set_hook(hook);
    if let Err(payload) = result {
        let message = payload.downcast_ref::<String>().map(String::as_str).or(payload.downcast_ref::<&str>().copied());
        panic!("a panic escaped the Parquet reader: {}", message.unwrap_or("(no message)"));
    }
}
