//! The outline of a file and the workspace search.

use insta::assert_snapshot;
use journey_ide::Symbol;

use crate::fixture::fixture;

fn outline(symbols: &[Symbol], depth: usize, out: &mut String) {
    for s in symbols {
        let detail = s.detail.as_deref().map(|d| format!(" \"{d}\"")).unwrap_or_default();
        out.push_str(&format!(
            "{}{} {}{detail} @{}..{}\n",
            "  ".repeat(depth),
            s.kind.keyword(),
            s.name,
            s.full.start,
            s.full.end
        ));
        outline(&s.children, depth + 1, out);
    }
}

const MODEL: &str = r#"
//- catalog.journey
lane sales "Sales"
touchpoint web "Web shop" { lane: sales }
//- order.journey
import "catalog.journey"
journey order "Order a product" {
  stage research "Research" {
    step browse "Browse" at web { risk slow "Slow pages" { chance: 5% } }
  }
  stage buy "Buy" { step place "Place the order" at web }
}
scenario faster "Faster pages" on order {
  touchpoint web { channel: web }
  step browse { duration: 2min }
}
experience easy$0 "Easy"
"#;

#[test]
fn document_outline() {
    let f = fixture(MODEL);
    let mut out = String::new();
    outline(&f.analysis.document_symbols(f.file), 0, &mut out);
    assert_snapshot!(out);
}

#[test]
fn workspace_search() {
    let f = fixture(MODEL);
    let mut out = String::new();
    for query in ["", "pla", "web", "shop", "odr"] {
        out.push_str(&format!("{query:?}:\n"));
        for s in f.analysis.workspace_symbols(query) {
            let container = s.container.map(|c| format!(" in {c}")).unwrap_or_default();
            out.push_str(&format!("  {} {}{container} ({})\n", s.kind.keyword(), s.name, f.name(s.focus.file)));
        }
    }
    assert_snapshot!(out);
}
