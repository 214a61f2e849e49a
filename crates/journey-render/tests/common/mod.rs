//! What the tests of the PNG and PDF outputs share: the examples checked, the real tools
//! (Chromium through playwright-core, poppler, qpdf) found or reported missing, and a
//! comparison of two images that forgives anti-aliasing but not a moved box.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use journey_model::ir::Model;
use journey_model::{CheckOptions, MemoryLoader, check};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("journey-render-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// An example model, checked.
pub fn example(name: &str) -> Model {
    let dir = std::fs::canonicalize(repo().join("examples")).expect("examples");
    let path = dir.join(format!("{name}.journey"));
    let loader = MemoryLoader::default().with(&path, std::fs::read(&path).expect("read"));
    let checked = check(&loader, std::slice::from_ref(&path), &CheckOptions { root_dir: dir, config: None });
    assert!(!checked.has_errors(), "{name}: {:?}", checked.diagnostics);
    checked.model
}

/// A model from text.
pub fn model(text: &str) -> Model {
    let checked = journey_model::check_text(Path::new("/m/model.journey"), text);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    checked.model
}

/// Whether a tool is there; without it the test is skipped, unless JOURNEY_REQUIRE_ORACLES=1,
/// under which a missing tool fails.
pub fn have(what: &str, ready: bool) -> bool {
    if ready {
        return true;
    }
    assert!(
        std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
        "{what} is missing: run tests/oracles/install"
    );
    eprintln!("skipped: {what} is not installed (tests/oracles/install)");
    false
}

pub fn have_browser() -> bool {
    have(
        "playwright-core with Chromium",
        repo().join("tests/oracles/node_modules/playwright-core").exists() && Path::new("/usr/bin/chromium").exists(),
    )
}

pub fn have_tool(tool: &str) -> bool {
    have(tool, Command::new(tool).arg("-v").output().is_ok() || Command::new(tool).arg("--version").output().is_ok())
}

/// Runs a tool and returns its standard output; fails the test if it fails.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A decoded image: width, height and RGB pixels.
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

pub fn decode(bytes: &[u8]) -> Image {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let mut rgb = Vec::with_capacity(info.width as usize * info.height as usize * 3);
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        match channels {
            1 | 2 => rgb.extend_from_slice(&[px[0], px[0], px[0]]),
            _ => rgb.extend_from_slice(&px[..3]),
        }
    }
    Image { width: info.width as usize, height: info.height as usize, rgb }
}

/// How far apart two images of one size are, looked at in blocks of `block` × `block` pixels
/// (averaged, so that anti-aliasing and a glyph placed a fraction of a pixel away cancel
/// out): the mean difference of the blocks' colours (0–255), and the share of blocks whose
/// colours differ by more than `threshold` in some channel.
pub struct Difference {
    pub mean: f64,
    pub off: f64,
}

pub fn difference(a: &Image, b: &Image, block: usize, threshold: f64) -> Difference {
    assert_eq!((a.width, a.height), (b.width, b.height), "the images are of different sizes");
    let (bw, bh) = (a.width / block, a.height / block);
    let mut total = 0.0;
    let mut off = 0usize;
    for by in 0..bh {
        for bx in 0..bw {
            let mut worst: f64 = 0.0;
            for c in 0..3 {
                let (mut sa, mut sb) = (0.0, 0.0);
                for y in by * block..(by + 1) * block {
                    for x in bx * block..(bx + 1) * block {
                        let i = (y * a.width + x) * 3 + c;
                        sa += f64::from(a.rgb[i]);
                        sb += f64::from(b.rgb[i]);
                    }
                }
                let n = (block * block) as f64;
                let d = (sa / n - sb / n).abs();
                total += d / 3.0;
                worst = worst.max(d);
            }
            if worst > threshold {
                off += 1;
            }
        }
    }
    let blocks = (bw * bh).max(1) as f64;
    Difference { mean: total / blocks, off: off as f64 / blocks }
}
