//! journey's PNG against Chromium's rendering of the same SVG (with the same font): decoded and
//! compared block by block. The tolerance: in blocks of 4 × 4 pixels, the mean colour
//! difference at most 0.8 (of 255), and at most 0.1% of the blocks off by more than 64 in a
//! channel (measured with Debian's Chromium 156: means of 0.26 to 0.44, no block off).
//! Anti-aliasing and glyphs placed a fraction of a pixel apart stay within it; a box moved by
//! a few pixels, or text in another font, does not (the test shows it).

mod common;

use common::*;
use journey_diagram::{Lang, Options};

const BLOCK: usize = 4;
const THRESHOLD: f64 = 64.0;
const MEAN: f64 = 0.8;
const OFF: f64 = 0.001;

/// Renders SVG files in Chromium; returns the PNGs.
fn chromium(svgs: &[(&str, String)], dir: &std::path::Path, scale: f64) -> Vec<Image> {
    let mut args = vec![
        repo().join("tests/oracles/render-svg.mjs").display().to_string(),
        repo().join("crates/journey-diagram/fonts").display().to_string(),
        scale.to_string(),
    ];
    let mut outs = Vec::new();
    for (name, svg) in svgs {
        let path = dir.join(format!("{name}.svg"));
        std::fs::write(&path, svg).expect("write");
        let out = dir.join(format!("{name}.chromium.png"));
        args.push(path.display().to_string());
        args.push(out.display().to_string());
        outs.push(out);
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    run("node", &refs);
    outs.iter().map(|p| decode(&std::fs::read(p).expect("read"))).collect()
}

#[test]
fn png_matches_chromium_pixel_for_pixel_within_the_tolerance() {
    if !have_browser() {
        return;
    }
    let dir = temp_dir("chromium");
    let web = example("web-shop");
    let garage = example("garage");
    let order = &web.journeys[0];
    let cycle = garage.journeys.iter().find(|j| j.decl.id == "service_cycle").expect("service_cycle");
    let vi = Options { lang: Lang::Vi, ..Options::default() };
    let dark = Options { lang: Lang::El, theme: journey_diagram::Theme::Dark, ..Options::default() };
    let scenes = [
        ("order-blueprint-en", journey_diagram::blueprint_scene(&web, order, &Options::default()).scene),
        ("order-flow-vi", journey_diagram::flow_scene(&web, order, &vi).scene),
        ("cycle-blueprint-el-dark", journey_diagram::blueprint_scene(&garage, cycle, &dark).scene),
    ];
    let svgs: Vec<(&str, String)> = scenes.iter().map(|(n, s)| (*n, journey_diagram::svg::write(s, ""))).collect();
    let theirs = chromium(&svgs, &dir, 1.0);
    for ((name, scene), browser) in scenes.iter().zip(&theirs) {
        let ours = journey_render::png(scene, 1.0).expect("png");
        std::fs::write(dir.join(format!("{name}.journey.png")), &ours.bytes).expect("write");
        let d = difference(&decode(&ours.bytes), browser, BLOCK, THRESHOLD);
        eprintln!("{name}: mean {:.3}, off {:.4}", d.mean, d.off);
        assert!(
            d.mean <= MEAN && d.off <= OFF,
            "{name}: mean {:.3}, {:.2}% of blocks off ({})",
            d.mean,
            d.off * 100.0,
            dir.display()
        );
    }

    // The comparison can fail: the same drawing with its cards moved 6 pixels, and in a
    // serif font, are both told apart.
    let (_, scene) = &scenes[0];
    let ours = decode(&journey_render::png(scene, 1.0).expect("png").bytes);
    let moved = svgs[0].1.replace("<rect x=\"", "<rect transform=\"translate(6,0)\" x=\"");
    let serif = svgs[0].1.replace("font-family=\"", "font-family=\"serif, ");
    let wrong = chromium(&[("moved", moved), ("serif", serif)], &dir, 1.0);
    for (what, image) in ["moved", "serif"].iter().zip(&wrong) {
        let d = difference(&ours, image, BLOCK, THRESHOLD);
        eprintln!("{what}: mean {:.3}, off {:.4}", d.mean, d.off);
        assert!(d.mean > MEAN || d.off > OFF, "the {what} drawing passed the comparison");
    }
}
