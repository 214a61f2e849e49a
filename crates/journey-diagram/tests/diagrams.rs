//! The diagrams of every example: snapshots of the SVG, checks that they are well formed and
//! accessible, and that output is byte-identical across runs.

use std::path::{Path, PathBuf};

use journey_model::ir::Model;
use journey_model::{CheckOptions, MemoryLoader, check};

fn examples() -> Vec<(String, Model)> {
    let dir = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")).expect("examples");
    let mut out = Vec::new();
    for name in ["web-shop", "bank", "garage", "account-managers", "competitor"] {
        let path = dir.join(format!("{name}.journey"));
        let loader = MemoryLoader::default().with(&path, std::fs::read(&path).expect("read"));
        let checked =
            check(&loader, std::slice::from_ref(&path), &CheckOptions { root_dir: dir.clone(), config: None });
        out.push((name.to_string(), checked.model));
    }
    out
}

fn preview(name: &str, svg: &str) {
    // Set JOURNEY_PREVIEW=DIR to look at the pictures.
    if let Some(dir) = std::env::var_os("JOURNEY_PREVIEW") {
        let _ = std::fs::write(PathBuf::from(dir).join(name), svg);
    }
}

fn well_formed(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title id=\"title\">") && svg.contains("<desc id=\"desc\">"));
    assert!(!svg.contains("foreignObject"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "no broken coordinates");
    // Every opened element is closed (a cheap structural check; the oracle tests parse it).
    let opened = svg.matches("<g").count() + svg.matches("<text").count();
    let closed = svg.matches("</g>").count() + svg.matches("</text>").count();
    assert_eq!(opened, closed);
}

#[test]
fn blueprints_and_flows_of_every_example() {
    for (name, model) in examples() {
        for (_, journey) in model.base_journeys() {
            let blueprint = journey_diagram::blueprint(&model, journey, "");
            let flow = journey_diagram::flow(&model, journey, "");
            well_formed(&blueprint);
            well_formed(&flow);
            for step in &journey.steps {
                assert!(blueprint.contains(
                    &journey_diagram::svg::escape(&step.decl.label).split_whitespace().next().unwrap_or("").to_string()
                ));
            }
            preview(&format!("{name}.{}.blueprint.svg", journey.decl.id), &blueprint);
            preview(&format!("{name}.{}.flow.svg", journey.decl.id), &flow);
            assert_eq!(blueprint, journey_diagram::blueprint(&model, journey, ""), "deterministic");
        }
    }
}

/// Labels that try to break out of SVG and HTML: the drawings stay well-formed XML (judged by
/// xmllint, a real XML parser) and carry no markup of the model's.
#[test]
fn hostile_labels_stay_text() {
    let hostile = [
        r#"Quote \" and <script>alert(1)</script>"#,
        "Amp & lt &lt; ]]> <!-- comment -->",
        "RTL \u{202E}desrever\u{202C} and emoji 🙂👩‍👩‍👧",
        "Bell \u{7} and null-ish \u{1}",
        "A very long label that goes on and on and on without stopping so that it has to wrap over many lines in its card",
    ];
    let mut text = String::from("lane l \"<b>Lane</b>\"\nsystem s \"S & S\"\n");
    text.push_str(&format!("touchpoint t \"{}\" {{ channel: web  lane: l  uses: s }}\n", hostile[0]));
    text.push_str("journey j \"J <i>\" {\n  stage g \"</text></svg>\" {\n");
    for (i, label) in hostile.iter().enumerate() {
        text.push_str(&format!(
            "    step s{i} \"{}\" at t {{ pain: \"{}\"  evidence: \"{}\" }}\n",
            label, label, label
        ));
    }
    text.push_str("  }\n  s0 -> s1 50% \"<b>share</b>\"\n  s0 -> s2 50%\n  s1 -> s3\n  s2 -> s3\n  s3 -> s4\n}\n");
    let checked = journey_model::check_text(Path::new("/h/hostile.journey"), &text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let model = &checked.model;
    let journey = &model.journeys[0];
    let dir = std::env::temp_dir().join(format!("journey-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut files = Vec::new();
    for (name, svg) in [
        ("blueprint.svg", journey_diagram::blueprint(model, journey, "")),
        ("flow.svg", journey_diagram::flow(model, journey, "")),
    ] {
        assert!(
            !svg.contains("<script") && !svg.contains("<b>") && !svg.contains("</svg></text>"),
            "{name} carries markup"
        );
        let path = dir.join(name);
        std::fs::write(&path, &svg).expect("write");
        files.push(path);
    }
    let ids = [journey_model::ir::JourneyId(0)];
    let report = journey_diagram::report::report(&journey_diagram::report::ReportInput {
        model,
        files: checked.files(),
        diagnostics: &checked.diagnostics,
        journeys: &ids,
        title: "<script>x</script>",
        options: Default::default(),
        config: None,
        evidence: &[],
    });
    assert!(!report.contains("<script"), "the report carries markup");
    let xmllint = std::process::Command::new("xmllint").arg("--version").output();
    if xmllint.is_err() {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "xmllint is missing: run tests/oracles/install"
        );
        eprintln!("skipped: xmllint is not installed");
        return;
    }
    let out = std::process::Command::new("xmllint").arg("--noout").args(&files).output().expect("xmllint runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The oracle can fail.
    std::fs::write(dir.join("bad.svg"), "<svg><text>a & b</text></svg>").expect("write");
    let bad =
        std::process::Command::new("xmllint").arg("--noout").arg(dir.join("bad.svg")).output().expect("xmllint runs");
    assert!(!bad.status.success());
}

/// The report's experience scorecard: each target, the customers it is promised to, their
/// expected figure and the verdict, in the report's language.
#[test]
fn the_report_has_an_experience_scorecard() {
    let text = r#"
lane service "Service"
touchpoint web "Web" { channel: web  lane: service }
touchpoint phone "Phone" { channel: phone  lane: service }
segment new "New customers" { share: 40% }
segment old "Returning customers" { share: 60% }
experience quick "Quick answers" {
  segments: new
  duration <= 15min
}
experience calm "Calm" {
  duration <= 30min
}
journey j "J" {
  segments: new, old
  realizes: quick, calm
  step a "A" at web { entry: 60%  duration: 10min }
  step q "Q" at phone { entry: 40%  segments: new  duration: 20min }
  step r "R" at web { segments: new  duration: 6min }
  step p "P" at web { duration: 5min }
  a -> r 50%
  a -> p 50%
  q -> p
  r -> p
}
"#;
    let checked = journey_model::check_text(Path::new("/s/score.journey"), text);
    let ids = [journey_model::ir::JourneyId(0)];
    let report = |lang| {
        journey_diagram::report::report(&journey_diagram::report::ReportInput {
            model: &checked.model,
            files: checked.files(),
            diagnostics: &checked.diagnostics,
            journeys: &ids,
            title: "Scorecard",
            options: journey_diagram::Options { lang, ..Default::default() },
            config: None,
            evidence: &[],
        })
    };
    let en = report(journey_diagram::Lang::default());
    let table = en.split("<table class=\"jr-scorecard\">").nth(1).expect("a scorecard").split("</table>").next();
    let rows: Vec<&str> = table.expect("its end").split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    // New customers take (0.6·10 + 0.4·20 + 0.3·6 + 5) min; everyone 0.4·20.8 + 0.6·15 min.
    // A number and its unit are held together by a no-break space.
    for (row, cells) in rows.iter().zip([
        ["Quick answers", "Duration ≤ 15\u{a0}min", "New customers", "20\u{a0}min 48\u{a0}s", "missed"],
        ["Calm", "Duration ≤ 30\u{a0}min", "All customers", "17\u{a0}min 19\u{a0}s", "met"],
    ]) {
        let shown: Vec<&str> =
            row.split("<td").skip(1).map(|c| c.split('>').nth(1).unwrap_or("").trim_end_matches("</td")).collect();
        assert_eq!(shown, cells, "{row}");
    }
    let vi = report(journey_diagram::Lang::parse("vi").expect("Vietnamese"));
    assert!(vi.contains("Mục tiêu trải nghiệm") && vi.contains("không đạt"), "the Vietnamese scorecard");
}

#[test]
fn the_report_shows_a_log_next_to_the_model() {
    use journey_diagram::report::evidence::{Drift, Evidence, Flow};
    let text = r#"
touchpoint web "Web" { channel: web }
journey j "J" {
  step pay "Pay" at web { end: 95% }
  step ask "Ask" at web
  pay -> ask 5%
}
"#;
    let checked = journey_model::check_text(Path::new("/s/pay.journey"), text);
    let ids = [journey_model::ir::JourneyId(0)];
    // The report lays out what the shell computed: 10 of 40 and 30 of 40, their intervals.
    let flow = |to: Option<&str>, modelled, taken: u64, interval| Flow {
        from: "Pay".into(),
        to: to.map(str::to_string),
        modelled,
        assumed: false,
        observed: Some(taken as f64 / 40.0),
        interval: Some(interval),
        taken,
        out_of: 40,
        off: true,
    };
    let evidence = [Evidence {
        journey: ids[0],
        log: "orders.csv".into(),
        cases: 40,
        fitness: Some(0.975),
        precision: None,
        flows: vec![flow(Some("Ask"), 0.05, 10, (0.142, 0.402)), flow(None, 0.95, 30, (0.598, 0.858))],
        drift: vec![Drift {
            flow: "Pay → Ask".into(),
            before_window: "2024-03".into(),
            before: 0.1,
            after_window: "2024-04".into(),
            after: 0.4,
        }],
        volumes: Default::default(),
    }];
    let report = |lang, evidence: &[Evidence]| {
        journey_diagram::report::report(&journey_diagram::report::ReportInput {
            model: &checked.model,
            files: checked.files(),
            diagnostics: &checked.diagnostics,
            journeys: &ids,
            title: "Evidence",
            options: journey_diagram::Options { lang, ..Default::default() },
            config: None,
            evidence,
        })
    };
    let en = report(journey_diagram::Lang::default(), &evidence);
    assert!(en.contains("orders.csv: 40 cases; fitness 97.5%, precision unknown"), "{en}");
    let row = "<tr class=\"jr-warning\"><td>Pay → Ask</td><td>5%</td><td>25% (14.2%–40.2%)</td><td>10 of 40</td></tr>";
    assert!(en.contains(row), "{en}");
    assert!(en.contains("<td>Pay → (end)</td><td>95%</td>"), "{en}");
    assert!(en.contains("Highlighted: the log contradicts the modelled share"), "{en}");
    assert!(en.contains("<li>Pay → Ask: 10% in 2024-03, 40% in 2024-04</li>"), "{en}");
    let el = report(journey_diagram::Lang::parse("el").expect("Greek"), &evidence);
    assert!(el.contains("Σε σύγκριση με το αρχείο συμβάντων") && el.contains("25% (14,2%–40,2%)"), "{el}");
    assert!(!report(journey_diagram::Lang::default(), &[]).contains("jr-evidence"), "no log, no section");
}

#[test]
fn a_blueprint_draws_its_flows_by_what_a_log_shows() {
    use journey_model::ir::StepId;
    let text = r#"
touchpoint web "Web" { channel: web }
journey j "J" {
  step browse "Browse" at web
  step cart "Cart" at web
  step pay "Pay" at web { end: true }
  browse -> cart 60%
  browse -> pay 40%
  cart -> pay
}
"#;
    let checked = journey_model::check_text(Path::new("/s/j.journey"), text);
    let model = &checked.model;
    let journey = model.journey(journey_model::ir::JourneyId(0)).expect("journey");
    // 30 of 100 browse → cart, 70 of 100 browse → pay, 30 of 30 cart → pay.
    let mut volumes = journey_diagram::Volumes::default();
    volumes.flows.insert((StepId(0), StepId(1)), (30, 100));
    volumes.flows.insert((StepId(0), StepId(2)), (70, 100));
    volumes.flows.insert((StepId(1), StepId(2)), (30, 30));
    let options = journey_diagram::Options::default();
    let drawn = journey_diagram::blueprint_scene_observed(model, journey, &options, &volumes);
    let svg = journey_diagram::svg::write(&drawn.scene, "");
    assert!(svg.contains(">30% (60%)<") && svg.contains(">70% (40%)<"), "observed beside modelled");
    assert!(svg.contains("Flow in the log: as wide as its cases"), "the legend says what the width means");
    // The busiest flow (70 cases) is 1.6 + 4.4 wide; 30 cases 1.6 + 4.4 · 30/70 = 3.49 (3.5 in SVG).
    let widths: Vec<String> =
        svg.split("stroke-width=\"").skip(1).map(|w| w.split('"').next().unwrap_or("").to_string()).collect();
    assert!(widths.iter().any(|w| w == "6"), "{widths:?}");
    assert!(widths.iter().any(|w| w == "3.5"), "{widths:?}");
    // Without a log, the blueprint is as before.
    let plain = journey_diagram::svg::write(&journey_diagram::blueprint_scene(model, journey, &options).scene, "");
    assert!(!plain.contains("(60%)") && plain.contains(">60%<"), "modelled shares only");
}
