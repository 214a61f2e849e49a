//! `journey fit --write` and `--diff` as a user runs them: a tiny model and log whose
//! calibration is worked out by hand (the largest remainders, the ways out that count), the
//! rewritten file compared whole (comments and layout kept, still formatted), the refusals
//! (too few cases, a scenario, windows), the diff, and a round trip through a simulated log.

mod support;

use std::path::Path;

use support::{code, run, stderr, stdout};

/// Formatted, with a comment at a duration, a labelled flow, a flow without a share and a
/// scenario.
const MODEL: &str = r#"// A tiny shop, as we think it runs.

system shop "Shop" { kind: ecommerce }

touchpoint web "Web shop" { channel: web  uses: shop }

/// Buying online.
journey buy "Buy" {
  step browse "Browse" at web {
    duration: 10min  // a guess
  }
  step cart "Cart" at web
  step pay "Pay" at web { end: true  duration: 1h }
  step help "Help" at web

  // Half go to the cart, we think.
  browse -> cart  50%  "Found it"
  browse -> help

  cart -> pay
  pay -> help     10%
}

scenario quick "Quick checkout" on buy {
  step pay { duration: 30min }
}
"#;

/// Seven cases. Leaving `browse`: 2 to `cart`, 1 to `help`, 2 to `Lost` (no step records it)
/// and 1 ending there (the model does not end at `browse`): N = 6, of which M = 3 along the
/// modelled ways. Leaving `cart`: 2 to `pay` (M = 2). Leaving `pay`: 1 to `help`, 2 ending
/// (M = 3). Every gap after `browse` is 17 min 30 s (5 of them); after `pay`, one of 20 min.
const LOG: &str = "case,activity,time
c1,browse,2024-03-01T10:00:00Z
c1,cart,2024-03-01T10:17:30Z
c1,pay,2024-03-01T10:20:00Z
c2,browse,2024-03-01T11:00:00Z
c2,cart,2024-03-01T11:17:30Z
c2,pay,2024-03-01T11:20:00Z
c2,help,2024-03-01T11:40:00Z
c3,browse,2024-03-01T12:00:00Z
c3,help,2024-03-01T12:17:30Z
c4,browse,2024-03-01T13:00:00Z
c4,Lost,2024-03-01T13:17:30Z
c5,browse,2024-03-01T14:00:00Z
c6,browse,2024-03-01T15:00:00Z
c6,Lost,2024-03-01T15:17:30Z
c7,pay,2024-03-01T16:00:00Z
";

/// A folder with the model, the log and, when given, a `journey.toml` (removed when the test
/// passes).
fn folder(name: &str, config: Option<&str>) -> support::TempDir {
    let dir = support::temp_dir("calibrate", name);
    std::fs::write(dir.join("shop.journey"), MODEL).expect("model");
    std::fs::write(dir.join("shop.csv"), LOG).expect("log");
    if let Some(config) = config {
        std::fs::write(dir.join("journey.toml"), config).expect("config");
    }
    dir
}

const THREE: &str = "[evidence]\nmin-cases = 3\n";

fn model(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("shop.journey")).expect("model")
}

#[test]
fn write_rewrites_shares_and_durations_by_hand() {
    let dir = folder("write", Some(THREE));
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // browse: 2 and 1 of M = 3 (the 2 to `Lost` and the 1 ending are no modelled way):
    // quotas 66.67 and 33.33, floors 66 + 33, the missing point to the larger remainder.
    // `browse -> help`, assumed, gets its share written. cart: M = 2 < 3, left.
    // pay: 1 of 3 to `help` (33.33 → 33), ending the rest (66.67 → 67, not written).
    // browse's median gap 17 min 30 s is 18min (two figures); pay has 1 timed gap < 3.
    let expected = MODEL
        .replace("duration: 10min  // a guess", "duration: 18min  // a guess")
        .replace("browse -> cart  50%", "browse -> cart  67%")
        .replace("  browse -> help\n", "  browse -> help  33%\n")
        .replace("pay -> help     10%", "pay -> help     33%");
    assert_ne!(expected, MODEL);
    assert_eq!(model(&dir), expected);
    assert_eq!(
        stdout(&out),
        "wrote shop.journey
journey buy: calibrated from 7 cases (min-cases 3)
  browse → cart: 50% → 67% (2 of 3)
  browse → help: 50% (assumed) → 33% (1 of 3)
  pay → help: 10% → 33% (1 of 3)
  browse duration: 10 min → 18 min (median of 5)
left as written:
  cart shares: too few cases (2 of 3)
  pay duration: too few timed gaps (1 of 3)
"
    );
    // Still formatted, still sound, and the log now agrees with the written shares.
    let fmt = run(&dir, &["fmt", "--check", "shop.journey"]);
    assert_eq!(code(&fmt), 0, "{}{}", stdout(&fmt), stderr(&fmt));
    let check = run(&dir, &["check", "shop.journey"]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    let again = run(&dir, &["fit", "shop.csv", "shop.journey", "--diff"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(stdout(&again), "", "a second calibration changes nothing");
}

#[test]
fn a_file_not_formatted_keeps_its_own_layout() {
    let dir = folder("layout", Some(THREE));
    // Spaces, a comment between flows and flows out of alignment: only values change.
    let own = MODEL
        .replace("  browse -> cart  50%  \"Found it\"", "  browse->cart 50%   \"Found it\" // most\n  // the rest")
        .replace("  pay -> help     10%", "  pay   ->   help 10%");
    std::fs::write(dir.join("shop.journey"), &own).expect("model");
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let expected = own
        .replace("duration: 10min  // a guess", "duration: 18min  // a guess")
        .replace("browse->cart 50%", "browse->cart 67%")
        .replace("  browse -> help\n", "  browse -> help  33%\n")
        .replace("pay   ->   help 10%", "pay   ->   help 33%");
    assert_eq!(model(&dir), expected);
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let dir = folder("diff", Some(THREE));
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--diff"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(model(&dir), MODEL, "--diff writes nothing");
    // The changes, three lines around each (those six lines apart make one hunk).
    assert_eq!(
        stdout(&out),
        r#"--- a/shop.journey
+++ b/shop.journey
@@ -7,18 +7,18 @@
 /// Buying online.
 journey buy "Buy" {
   step browse "Browse" at web {
-    duration: 10min  // a guess
+    duration: 18min  // a guess
   }
   step cart "Cart" at web
   step pay "Pay" at web { end: true  duration: 1h }
   step help "Help" at web
 
   // Half go to the cart, we think.
-  browse -> cart  50%  "Found it"
-  browse -> help
+  browse -> cart  67%  "Found it"
+  browse -> help  33%
 
   cart -> pay
-  pay -> help     10%
+  pay -> help     33%
 }
 
 scenario quick "Quick checkout" on buy {
"#
    );
}

#[test]
fn thin_evidence_leaves_the_model_as_it_is() {
    // The default min-cases, 30.
    let dir = folder("thin", None);
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(model(&dir), MODEL);
    assert_eq!(
        stdout(&out),
        "journey buy: calibrated from 7 cases (min-cases 30)
nothing to change
left as written:
  browse shares: too few cases (3 of 30)
  cart shares: too few cases (2 of 30)
  pay shares: too few cases (3 of 30)
  browse duration: too few timed gaps (5 of 30)
  pay duration: too few timed gaps (1 of 30)
"
    );
}

#[test]
fn a_scenario_or_windows_are_refused() {
    let dir = folder("refused", Some(THREE));
    for (args, message) in [
        (vec!["--journey", "quick"], "`quick` is a scenario: calibrate its baseline journey `buy`"),
        (vec!["--window", "month"], "calibrating needs the log as one window"),
    ] {
        for mode in ["--write", "--diff"] {
            let mut all = vec!["fit", "shop.csv", "shop.journey", mode];
            all.extend(&args);
            let out = run(&dir, &all);
            assert_eq!(code(&out), 2, "{all:?}");
            assert!(stderr(&out).contains(message), "{all:?}: {}", stderr(&out));
            assert_eq!(model(&dir), MODEL);
        }
    }
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--write", "--diff"]);
    assert_eq!(code(&out), 2);
}

/// A shop whose shares and durations are the arguments.
fn shop(to_cart: u32, to_help: u32, browse: &str, pay: &str) -> String {
    format!(
        r#"system shop "Shop" {{ kind: ecommerce }}

touchpoint web "Web shop" {{ channel: web  uses: shop }}

journey buy "Buy" {{
  step browse "Browse" at web {{ duration: {browse} }}
  step cart "Cart" at web {{ duration: 3min }}
  step pay "Pay" at web {{ end: true  duration: {pay} }}
  step help "Help" at web

  browse -> cart  {to_cart}%
  browse -> help
  cart -> pay
  pay -> help     {to_help}%
}}
"#
    )
}

#[test]
fn a_simulated_log_calibrates_the_model_it_came_from() {
    let dir = support::temp_dir("calibrate", "round-trip");
    for sub in ["ours", "truth"] {
        std::fs::create_dir_all(dir.join(sub)).expect("folder");
    }
    // Our model is 20 points off on both branches, and wrong on two durations.
    std::fs::write(dir.join("ours/shop.journey"), shop(50, 10, "10min", "1h")).expect("model");
    std::fs::write(dir.join("truth/shop.journey"), shop(70, 30, "25min", "40min")).expect("model");
    let out = run(
        &dir,
        &[
            "simulate",
            "truth/shop.journey",
            "--journey",
            "buy",
            "--runs",
            "2000",
            "--seed",
            "3",
            "--emit-log",
            "log.csv",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(&dir, &["fit", "log.csv", "ours/shop.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let check = run(&dir, &["check", "ours/shop.journey"]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));

    let out = run(&dir, &["fit", "log.csv", "ours/shop.journey", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let part = &json["fits"][0]["parts"][0];
    let truth = |from: &str, to: Option<&str>| match (from, to) {
        ("browse", Some("cart")) => 0.7,
        ("browse", Some("help")) | ("pay", Some("help")) => 0.3,
        ("pay", None) => 0.7,
        _ => 1.0,
    };
    let mut flows = 0;
    for flow in part["flows"].as_array().expect("flows") {
        let (from, to) = (flow["from"].as_str().expect("from"), flow["to"].as_str());
        let written = flow["modelled"].as_f64().expect("modelled");
        let expected = truth(from, to);
        let out_of = flow["out_of"].as_f64().expect("out of");
        assert!(out_of >= 500.0, "{flow}");
        // Three standard errors of the simulating model's share, and the half point a
        // whole percent may round away.
        let se = (expected * (1.0 - expected) / out_of).sqrt();
        assert!(
            (written - expected).abs() <= 3.0 * se + 0.005,
            "{from} -> {to:?}: written {written}, simulated {expected} (SE {se})"
        );
        flows += 1;
    }
    assert_eq!(flows, 6);
    // The simulated steps take exactly their durations.
    let modelled = |id: &str| {
        part["steps"].as_array().expect("steps").iter().find(|s| s["step"] == id).and_then(|s| s["modelled_s"].as_f64())
    };
    assert_eq!(modelled("browse"), Some(1500.0));
    assert_eq!(modelled("pay"), Some(2400.0));
    assert_eq!(modelled("cart"), Some(180.0));
}

#[test]
fn a_chain_takes_no_share() {
    let dir = support::temp_dir("calibrate", "chain");
    let model = r#"system shop "Shop" { kind: ecommerce }

touchpoint web "Web shop" { channel: web  uses: shop }

journey j "J" {
  step a "A" at web
  step b "B" at web
  step c "C" at web
  step d "D" at web

  a -> b -> d
  b -> c       40%
  c -> d
}
"#;
    std::fs::write(dir.join("j.journey"), model).expect("model");
    std::fs::write(dir.join("journey.toml"), THREE).expect("config");
    // a → b four times; then b → d three times and b → c once, c → d once.
    let mut log = String::from("case,activity,time\n");
    for (case, path) in [(1, "abd"), (2, "abd"), (3, "abd"), (4, "abcd")] {
        for (i, step) in path.chars().enumerate() {
            log.push_str(&format!("k{case},{step},2024-03-01T10:0{i}:00Z\n"));
        }
    }
    std::fs::write(dir.join("j.csv"), log).expect("log");
    let out = run(&dir, &["fit", "j.csv", "j.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // `a`'s one way out is forced (100 %), so its chain needs no share; `b`'s would (75 % and
    // 25 %), so `b` is left; `c` has one case, too few. No step writes a duration: those with
    // enough timed gaps (a and b, 4 each) are listed.
    assert_eq!(std::fs::read_to_string(dir.join("j.journey")).expect("model"), model);
    assert_eq!(
        stdout(&out),
        "journey j: calibrated from 4 cases (min-cases 3)
nothing to change
left as written:
  b shares: its flows are written as a chain (`a -> b -> d`), which takes no share: write them one by one
  c shares: too few cases (1 of 3)
  a duration: no `duration:` is written (observed median 1 min): add one to calibrate it
  b duration: no `duration:` is written (observed median 1 min): add one to calibrate it
"
    );
}

#[test]
fn the_configured_window_is_not_used() {
    // journey.toml judges by month; a calibration still reads the log whole.
    let dir = folder("config-window", Some("[evidence]\nmin-cases = 3\nwindow = \"month\"\n"));
    let out = run(&dir, &["fit", "shop.csv", "shop.journey", "--diff"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("+  browse -> cart  67%  \"Found it\"\n"), "{}", stdout(&out));
    assert!(stderr(&out).contains("journey buy: calibrated from 7 cases (min-cases 3)"), "{}", stderr(&out));
}

const ENTRIES: &str = r#"system shop "Shop" { kind: ecommerce }

touchpoint web "Web shop" { channel: web  uses: shop }

journey j "J" {
  step web_in "Web" at web { entry: 50% }
  step call_in "Call" at web { entry: 50% }
  step done "Done" at web

  web_in -> done
  call_in -> done
}
"#;

/// Five cases start at `web_in`, two at `call_in`, one at `done` (no entry); each gap a minute.
fn entries_log() -> String {
    let mut log = String::from("case,activity,time\n");
    let paths: [&[&str]; 8] = [
        &["web_in", "done"],
        &["web_in", "done"],
        &["web_in", "done"],
        &["web_in", "done"],
        &["web_in", "done"],
        &["call_in", "done"],
        &["call_in", "done"],
        &["done"],
    ];
    for (case, path) in paths.iter().enumerate() {
        for (i, step) in path.iter().enumerate() {
            log.push_str(&format!("k{case},{step},2024-03-01T10:0{i}:00Z\n"));
        }
    }
    log
}

#[test]
fn entry_shares_are_calibrated_like_a_steps_shares() {
    let dir = support::temp_dir("calibrate", "entries");
    std::fs::write(dir.join("j.journey"), ENTRIES).expect("model");
    std::fs::write(dir.join("j.csv"), entries_log()).expect("log");
    std::fs::write(dir.join("journey.toml"), THREE).expect("config");
    let out = run(&dir, &["fit", "j.csv", "j.journey", "--write"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Of the 7 cases starting at an entry (the one starting at `done` left out): 5/7 = 71.43 %
    // and 2/7 = 28.57 %, floors 71 + 28, the missing point to the larger remainder, 28.57.
    let expected = ENTRIES
        .replace("{ entry: 50% }\n  step call_in", "{ entry: 71% }\n  step call_in")
        .replace("\"Call\" at web { entry: 50% }", "\"Call\" at web { entry: 29% }")
        .replace("  web_in -> done\n", "  web_in -> done  100%\n");
    assert_eq!(std::fs::read_to_string(dir.join("j.journey")).expect("model"), expected);
    assert_eq!(
        stdout(&out),
        "wrote j.journey
journey j: calibrated from 8 cases (min-cases 3)
  entry at web_in: 50% → 71% (5 of 7)
  entry at call_in: 50% → 29% (2 of 7)
  web_in → done: 100% (assumed) → 100% (5 of 5)
left as written:
  call_in shares: too few cases (2 of 3)
  web_in duration: no `duration:` is written (observed median 1 min): add one to calibrate it
"
    );
}

#[test]
fn a_share_some_segments_skip_is_left() {
    let dir = support::temp_dir("calibrate", "segments");
    // Segment `b` never calls: its customers all start on the web, whatever `entry:` says, so
    // the cases' starts are no measure of the entry shares written.
    let model = ENTRIES
        .replace(
            "journey j \"J\" {\n",
            "segment a \"A\" { share: 50% }\nsegment b \"B\" { share: 50% }\n\njourney j \"J\" {\n  segments: a, b\n\n",
        )
        .replace("\"Call\" at web { entry: 50% }", "\"Call\" at web { entry: 50%  segments: a }");
    std::fs::write(dir.join("j.journey"), &model).expect("model");
    std::fs::write(dir.join("j.csv"), entries_log()).expect("log");
    std::fs::write(dir.join("journey.toml"), THREE).expect("config");
    let out = run(&dir, &["fit", "j.csv", "j.journey", "--diff"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("  j entry shares: segment `b` does not take `call_in`, so all cases do not show its share\n"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("entry: 71%"), "{}", stdout(&out));
    assert!(stdout(&out).contains("+  web_in -> done  100%\n"), "{}", stdout(&out));
}
