//! Inlay hints, drawn into the source as `⟨label⟩`.

use insta::assert_snapshot;

use crate::fixture::fixture;

#[test]
fn lanes_after_touchpoints_and_implied_shares() {
    let f = fixture(
        r#"lane sales "Sales"
lane service "Service"
touchpoint web "Web" { lane: sales }
touchpoint phone "Phone" { lane: service }
touchpoint kiosk "Kiosk"
journey j "J" {
  step a "A" at web
  step b "B" { at: phone }
  step c "C" at kiosk
  step d "D" at web
  a -> b 25%
  a -> c
  a -> d
  b -> c -> d
}
"#,
    );
    let text = f.text(f.file);
    let hints = f.analysis.inlay_hints(f.file, 0, text.len() as u32);
    let mut out = text.to_string();
    for hint in hints.iter().rev() {
        out.insert_str(hint.offset as usize, &format!("⟨{}⟩", hint.label));
    }
    assert_snapshot!(out);
    let some = f.analysis.inlay_hints(f.file, 0, text.find("step b").expect("b") as u32);
    assert_eq!(some.len(), 1, "only the hints in the range");
}
