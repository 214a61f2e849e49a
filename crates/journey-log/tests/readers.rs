//! Each reader on good and bad input: the mapping and the detection of delimiter, header and
//! encoding; Parquet against CSV on the same public log; and every kind of bad input counted,
//! located and reported, never a panic and never a silent drop.

use std::io::Write;
use std::path::{Path, PathBuf};

use journey_log::{
    Check, Column, CsvOptions, OcelOptions, ParquetOptions, Position, ProblemKind, Progress, Stats, StatsOptions,
    TimeFormat, XesOptions, compute, read_csv, read_ocel_json, read_ocel_xml, read_parquet, read_xes,
};

fn log(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/logs").join(name)
}

fn csv(text: &[u8], options: &CsvOptions) -> Check {
    let mut check = Check::default();
    read_csv(text, options, &mut check);
    check
}

fn first(check: &Check, kind: ProblemKind) -> String {
    check.problems.get(kind).map(|t| format!("{} {}", t.first[0].0, t.first[0].1)).unwrap_or_default()
}

#[test]
fn delimiter_header_and_byte_order_mark_are_found() {
    let semicolons =
        "\u{feff}Ticket ID;Event;Created At;Score\nT1;opened;31.03.2024 10:00;4\nT1;closed;31.03.2024 11:00;\n";
    let options = CsvOptions { time_format: TimeFormat::DayFirst, ..CsvOptions::default() };
    let check = csv(semicolons.as_bytes(), &options);
    assert_eq!((check.events, check.problems.is_empty()), (2, true), "{}", check.problems);
    let tabs = "c1\ta\t2024-03-31T10:00:00Z\nc1\tb\t2024-03-31T11:00:00Z\n";
    let by_index = CsvOptions {
        columns: journey_log::Columns {
            case: Some(Column::Index(0)),
            activity: Some(Column::Index(1)),
            time: Some(Column::Index(2)),
            ..Default::default()
        },
        guess: false,
        ..CsvOptions::default()
    };
    assert_eq!(csv(tabs.as_bytes(), &by_index).events, 2, "no header: the first row is an event");
    let with_header = format!("case\tactivity\ttime\n{tabs}");
    assert_eq!(csv(with_header.as_bytes(), &by_index).events, 2, "a header: its time does not parse");
}

#[test]
fn bad_rows_are_counted_and_located() {
    let mut text = b"case,activity,timestamp,score\n".to_vec();
    text.extend_from_slice(b"c1,ok,2024-01-01T00:00:00Z,x\n");
    text.extend_from_slice(b"c1,caf\xe9,2024-01-01T00:00:00Z,\n");
    text.extend_from_slice(b"c1,,2024-01-01T00:00:00Z,\n");
    text.extend_from_slice(b"c1,late,,\n");
    let check = csv(&text, &CsvOptions::default());
    assert_eq!(check.events, 1);
    assert_eq!(first(&check, ProblemKind::BadScore), "line 2 (byte 30) x");
    assert_eq!(
        first(&check, ProblemKind::InvalidUtf8),
        "line 3 (byte 59) the activity is not UTF-8 at its byte 3: \"caf\u{fffd}\""
    );
    assert_eq!(first(&check, ProblemKind::MissingActivity), "line 4 (byte 89) c1");
    assert_eq!(first(&check, ProblemKind::MissingTimestamp), "line 5 (byte 115) c1");
    let utf16 = csv(b"\xff\xfec\x00a\x00", &CsvOptions::default());
    assert_eq!(first(&utf16, ProblemKind::InvalidUtf8), "byte 0 the log is UTF-16; save it as UTF-8");
}

#[test]
fn a_systematic_fault_in_a_big_log_is_one_tally() {
    let mut text = String::from("case,activity,timestamp\n");
    for i in 0..200_000 {
        text.push_str(&format!("c{i},a,2024-13-01\n"));
    }
    let check = csv(text.as_bytes(), &CsvOptions::default());
    let tally = check.problems.get(ProblemKind::BadTimestamp).expect("tally");
    assert_eq!((tally.count, tally.first.len()), (200_000, journey_log::KEPT_PER_KIND));
    assert_eq!(check.problems.to_string().lines().count(), 1);
}

#[test]
fn broken_gzip_xml_and_json_stop_with_a_place() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all("case,activity\nc1,a\n".repeat(10_000).as_bytes()).expect("gzip");
    let mut bytes = gz.finish().expect("gzip");
    bytes.truncate(bytes.len() / 2);
    let truncated = csv(&bytes, &CsvOptions::default());
    assert!(truncated.problems.stopped(), "{}", truncated.problems);
    assert!(truncated.events > 0);

    let mut check = Check::default();
    let xes = "<log><trace><string key=\"concept:name\" value=\"c\"/><event><string key=\"concept:name\" value=\"a\"></event></trace></log>";
    read_xes(xes.as_bytes(), &XesOptions::default(), &mut check);
    assert_eq!(
        first(&check, ProblemKind::Malformed),
        "byte 94 ill-formed document: expected `</string>`, but `</event>` was found"
    );

    let mut check = Check::default();
    read_xes("case,activity\n".as_bytes(), &XesOptions::default(), &mut check);
    assert_eq!(first(&check, ProblemKind::Malformed), "byte 0 no <log> element: not an XES log");

    let options = OcelOptions { object_type: "Order".into(), ..OcelOptions::default() };
    let mut check = Check::default();
    read_ocel_json(
        "{\"objects\": [{\"id\": \"o1\", \"type\": \"Order\"}],\n \"events\": [{\"type\": 3}]}".as_bytes(),
        &options,
        &mut check,
    );
    assert!(
        first(&check, ProblemKind::Malformed).starts_with("line 2, column 23 invalid type: integer `3`"),
        "{}",
        check.problems
    );

    let mut check = Check::default();
    read_ocel_xml("<log><objects><object id='o1' type='Order'></objects></log>".as_bytes(), &options, &mut check);
    assert!(check.problems.stopped(), "{}", check.problems);

    let mut check = Check::default();
    read_ocel_json(
        std::fs::File::open(log("ocel20_example.jsonocel")).expect("log"),
        &OcelOptions { object_type: "Truck".into(), ..options },
        &mut check,
    );
    assert_eq!(
        first(&check, ProblemKind::MissingColumn),
        "the log no object of type \"Truck\"; the log's types: Invoice, Payment, Purchase Order, Purchase Requisition"
    );
}

#[test]
fn xes_problems_name_their_byte() {
    let xes = r#"<log>
<trace><event><string key="concept:name" value="orphan"/></event></trace>
<trace><string key="concept:name" value="c1"/>
<event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
<event><string key="concept:name" value="b"/><date key="time:timestamp" value="yesterday"/></event>
<event><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
</trace>
<trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="c"/><date key="time:timestamp" value="2024-01-02T00:00:00"/></event></trace>
</log>"#;
    let mut check = Check::default();
    read_xes(xes.as_bytes(), &XesOptions::default(), &mut check);
    assert_eq!(check.events, 2);
    assert_eq!(first(&check, ProblemKind::MissingCase), "byte 13 a trace without concept:name");
    assert_eq!(first(&check, ProblemKind::BadTimestamp), "byte 238 yesterday");
    assert_eq!(first(&check, ProblemKind::MissingActivity), "byte 338 c1");
    assert_eq!(first(&check, ProblemKind::DuplicateCase), "byte 420 c1");
    assert_eq!(first(&check, ProblemKind::MixedTimeZones), "byte 466 2024-01-02T00:00:00");
}

#[test]
fn parquet_reads_as_the_csv_of_the_same_log() {
    let stats = |name: &str| -> Stats {
        let (stats, problems) = compute(StatsOptions::default(), |sink| {
            let file = std::fs::File::open(log(name)).expect("log");
            if name.contains(".parquet") {
                read_parquet(file, &ParquetOptions::default(), sink);
            } else {
                read_csv(file, &CsvOptions::default(), sink);
            }
        });
        assert!(problems.is_empty(), "{name}: {problems}");
        stats
    };
    assert_eq!(stats("running-example.parquet").to_csv(), stats("running-example.csv").to_csv());
    // PM4Py's receipt.parquet keeps local clock times as if they were UTC, where the CSV has
    // their offsets: durations across a change of summer time differ by an hour, the order
    // of every case does not.
    let (parquet, csv) = (stats("receipt.parquet"), stats("receipt.csv.gz"));
    let (p, c) = (&parquet.groups[&Default::default()], &csv.groups[&Default::default()]);
    assert_eq!(p.activities, c.activities);
    let counts = |g: &journey_log::Group| g.follows.iter().map(|(k, d)| (k.clone(), d.count)).collect::<Vec<_>>();
    assert_eq!(counts(p), counts(c));
    assert_eq!(p.cases.count, 1434);
}

#[test]
fn garbage_parquet_is_malformed() {
    for bytes in [&b""[..], b"PAR1", b"PAR1\x00\x00\x00\x00PAR1", &[0u8; 64]] {
        let mut check = Check::default();
        let outcome = read_parquet(bytes::Bytes::copy_from_slice(bytes), &ParquetOptions::default(), &mut check);
        assert!(!outcome.complete && check.problems.count(ProblemKind::Malformed) == 1, "{}", check.problems);
    }
    let mut check = Check::default();
    let file = std::fs::File::open(log("running-example.parquet")).expect("log");
    let options = ParquetOptions {
        columns: journey_log::Columns { segment: Some(Column::Name("region".into())), ..Default::default() },
        ..ParquetOptions::default()
    };
    read_parquet(file, &options, &mut check);
    assert_eq!(check.problems.count(ProblemKind::MissingColumn), 1, "{}", check.problems);
}

#[test]
fn progress_follows_the_raw_bytes_of_a_compressed_log() {
    let raw = std::fs::read(log("receipt.csv.gz")).expect("log");
    let mut seen = Vec::new();
    let mut check = Check::default();
    read_csv(Progress::new(&raw[..], 16_384, |n| seen.push(n)), &CsvOptions::default(), &mut check);
    assert_eq!(check.events, 8577);
    assert_eq!(seen.last(), Some(&(raw.len() as u64)));
    assert!(seen.len() >= raw.len() / 65_536, "{seen:?}");
    let _ = Position::Log;
}
