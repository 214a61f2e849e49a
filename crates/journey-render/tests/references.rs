//! Visual regression: every example's drawings, rendered to PNG here, against the references
//! checked in under `tests/references/` (at half size). journey draws with its bundled font
//! only (the examples need no other), so the pictures do not depend on the machine's fonts;
//! the tolerance (blocks of 4 × 4 pixels: mean difference at most 0.5 of 255, at most 0.1% of
//! the blocks off by more than 48) only forgives floating-point differences between machines.
//!
//! A drawing that changes on purpose: run with `JOURNEY_UPDATE_REFERENCES=1`, look at every
//! changed picture, and commit them.

mod common;

use common::*;
use journey_diagram::{Lang, Options};

const SCALE: f64 = 0.5;

/// (file name, scene) for every drawing the references cover.
fn drawings() -> Vec<(String, journey_diagram::scene::Scene)> {
    let mut out = Vec::new();
    for name in ["web-shop", "garage", "bank", "account-managers", "competitor"] {
        let model = example(name);
        for journey in &model.journeys {
            let id = match journey.variant {
                journey_model::ir::Variant::Scenario { scenario, .. } => {
                    model.scenarios[scenario.index()].decl.id.to_string()
                }
                journey_model::ir::Variant::Base => journey.decl.id.to_string(),
            };
            let options = Options::default();
            out.push((
                format!("{name}.{id}.blueprint"),
                journey_diagram::blueprint_scene(&model, journey, &options).scene,
            ));
            if journey.variant == journey_model::ir::Variant::Base {
                out.push((format!("{name}.{id}.flow"), journey_diagram::flow_scene(&model, journey, &options).scene));
            }
        }
    }
    let model = example("web-shop");
    for lang in [Lang::Vi, Lang::El, Lang::Sv] {
        let options = Options { lang, ..Options::default() };
        out.push((
            format!("web-shop.order.blueprint.{}", lang.tag()),
            journey_diagram::blueprint_scene(&model, &model.journeys[0], &options).scene,
        ));
    }
    out
}

/// The PNG squeezed harder than journey's own output (which favours speed), for the repository.
fn compact(image: &Image) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width as u32, image.height as u32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_compression(png::Compression::Best);
    let mut writer = encoder.write_header().expect("header");
    writer.write_image_data(&image.rgb).expect("data");
    writer.finish().expect("finish");
    bytes
}

#[test]
fn every_example_draws_as_its_reference() {
    let dir = repo().join("crates/journey-render/tests/references");
    let update = std::env::var("JOURNEY_UPDATE_REFERENCES").as_deref() == Ok("1");
    let out = temp_dir("references");
    let mut failures = Vec::new();
    for (name, scene) in drawings() {
        let ours = decode(&journey_render::png(&scene, SCALE).expect("png").bytes);
        let path = dir.join(format!("{name}.png"));
        if update {
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(&path, compact(&ours)).expect("write");
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            failures.push(format!("{name}: no reference (run with JOURNEY_UPDATE_REFERENCES=1)"));
            continue;
        };
        let reference = decode(&bytes);
        if (reference.width, reference.height) != (ours.width, ours.height) {
            std::fs::write(out.join(format!("{name}.png")), compact(&ours)).expect("write");
            failures.push(format!(
                "{name}: {} × {} pixels, the reference {} × {}",
                ours.width, ours.height, reference.width, reference.height
            ));
            continue;
        }
        let d = difference(&ours, &reference, 4, 48.0);
        if d.mean > 0.5 || d.off > 0.001 {
            std::fs::write(out.join(format!("{name}.png")), compact(&ours)).expect("write");
            failures.push(format!("{name}: mean difference {:.3}, {:.2}% of blocks off", d.mean, d.off * 100.0));
        }
    }
    assert!(failures.is_empty(), "drawings changed (new pictures in {}):\n{}", out.display(), failures.join("\n"));
}
