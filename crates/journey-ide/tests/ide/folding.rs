//! Folding ranges, as the lines they fold.

use insta::assert_snapshot;

use crate::fixture::fixture;

#[test]
fn blocks_comments_and_imports() {
    let f = fixture(
        r#"//- a.journey
lane l "L"
//- b.journey
import "a.journey"
import "a.journey"

// A comment
// on two lines.
touchpoint t "T" { lane: l }
journey j "J" {
  stage one "One" {
    step a "A" at t { emotion: +1 }
    step b "B" at t {
      emotion: -1
    }
  }
}$0
"#,
    );
    let text = f.text(f.file);
    let line = |offset: u32| text[..offset as usize].matches('\n').count() + 1;
    let mut out = String::new();
    for fold in f.analysis.folding_ranges(f.file) {
        out.push_str(&format!("{:?} lines {}-{}\n", fold.kind, line(fold.span.start), line(fold.span.end)));
    }
    assert_snapshot!(out);
}
