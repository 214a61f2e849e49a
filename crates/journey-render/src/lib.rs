//! journey's drawings as PNG and PDF, with no browser. A laid-out scene (from
//! `journey-diagram`) is written as SVG there and read here into usvg's tree, with the bundled
//! font (Journey Sans) and, only when a text needs a script it lacks (CJK, emoji), the
//! machine's fonts; resvg rasterises the tree into a PNG, krilla writes it into a PDF with its
//! text as text (selectable, searchable), one page per piece `journey_diagram::page` cuts.
//! Output is deterministic for the same scene and fonts: no dates, no random ids. Sizes are
//! bounded: a PNG is drawn smaller rather than past [`MAX_PIXELS`], a PDF has at most
//! [`MAX_PAGES`] pages.

use std::sync::Arc;

use journey_diagram::font::{self, Font};
use journey_diagram::page::{PageSize, paginate};
use journey_diagram::scene::Scene;
use krilla_svg::{SurfaceExt, SvgSettings};

/// The most pixels a PNG has (about 200 MB of memory while drawn).
pub const MAX_PIXELS: f64 = 50_000_000.0;
/// The widest or tallest a PNG is, in pixels.
pub const MAX_SIDE: f64 = 32_000.0;
/// The most bytes of pixels a PNG is drawn in at once: a larger one is drawn a band of rows at
/// a time. Drawing the whole tree again costs about as much per band as its pixels, so a band
/// is as large as memory allows.
const BAND_BYTES: usize = 64 << 20;
/// The rows drawn above and below a band and left out of it.
const MARGIN: usize = 16;
/// The most pages a PDF has.
pub const MAX_PAGES: usize = 500;

/// A PNG image and the scale it was drawn at (smaller than asked when the drawing would
/// have been too large).
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub scale: f64,
}

/// A PDF document.
pub struct Document {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Whether some text of the scene needs a font other than the bundled one.
fn needs_other_fonts(scene: &Scene) -> bool {
    scene.texts().iter().any(|t| t.chars().any(|c| !c.is_whitespace() && !c.is_control() && !Font::covers(c)))
}

/// The fonts a scene is drawn with: the bundled ones, and the machine's only if needed.
fn options(scene: &Scene) -> usvg::Options<'static> {
    let mut db = fontdb::Database::new();
    db.load_font_data(font::REGULAR.to_vec());
    db.load_font_data(font::BOLD.to_vec());
    if needs_other_fonts(scene) {
        db.load_system_fonts();
    }
    db.set_sans_serif_family(font::FAMILY);
    usvg::Options { font_family: font::FAMILY.to_string(), fontdb: Arc::new(db), ..usvg::Options::default() }
}

fn tree(scene: &Scene, options: &usvg::Options) -> Result<usvg::Tree, String> {
    let svg = journey_diagram::svg::write(scene, "");
    usvg::Tree::from_str(&svg, options).map_err(|e| format!("cannot read the drawing back: {e}"))
}

/// The scene as a PNG, `scale` pixels per pixel of the drawing (2 for a sharp slide).
pub fn png(scene: &Scene, scale: f64) -> Result<Png, String> {
    png_in_bands(scene, scale, BAND_BYTES)
}

fn png_in_bands(scene: &Scene, scale: f64, band_bytes: usize) -> Result<Png, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("a scale must be a number above 0, not {scale}"));
    }
    let (w, h) = (scene.width.max(1.0), scene.height.max(1.0));
    let scale = scale.min(MAX_SIDE / w).min(MAX_SIDE / h).min((MAX_PIXELS / (w * h)).sqrt());
    let (pw, ph) = ((w * scale).ceil().max(1.0) as u32, (h * scale).ceil().max(1.0) as u32);
    let options = options(scene);
    let tree = tree(scene, &options)?;
    let (r, g, b) = scene.background.rgb();
    let background = resvg::tiny_skia::Color::from_rgba8(r, g, b, 255);
    let failed = |e: std::io::Error| format!("cannot write the PNG: {e}");
    // Drawn into one buffer a band of rows at a time, each band filtered and compressed as it
    // is drawn: no second copy of the image is made.
    let width = pw as usize;
    let band = (band_bytes / (4 * width)).saturating_sub(2 * MARGIN).clamp(1, ph as usize);
    let mut rgba = vec![0; 4 * width * (band + 2 * MARGIN).min(ph as usize)];
    // Each row as PNG stores it: its filter (Up: the difference from the row above) and then
    // its red, green and blue bytes; the background is opaque, so every pixel is.
    let (mut above, mut rgb, mut row) = (vec![0; 3 * width], vec![0; 3 * width], vec![0; 1 + 3 * width]);
    row[0] = 2;
    let mut compressor = fdeflate::Compressor::new(Vec::with_capacity(width * ph as usize / 2)).map_err(failed)?;
    for top in (0..ph as usize).step_by(band) {
        // The band is drawn with a margin of rows around it, where shapes cut by its edges
        // may be drawn differently.
        let (from, to) = (top.saturating_sub(MARGIN), (top + band + MARGIN).min(ph as usize));
        let data = &mut rgba[..4 * width * (to - from)];
        let mut pixmap = resvg::tiny_skia::PixmapMut::from_bytes(data, pw, (to - from) as u32)
            .ok_or_else(|| format!("cannot make an image of {pw} × {} pixels", to - from))?;
        pixmap.fill(background);
        let at =
            resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32).post_translate(0.0, -(from as f32));
        resvg::render(&tree, at, &mut pixmap);
        let rows = pixmap.data_mut().chunks_exact(4 * width).skip(top - from).take(band.min(ph as usize - top));
        for pixels in rows {
            for (to, px) in rgb.chunks_exact_mut(3).zip(pixels.chunks_exact(4)) {
                to.copy_from_slice(&px[..3]);
            }
            for ((to, now), was) in row[1..].iter_mut().zip(&rgb).zip(&above) {
                *to = now.wrapping_sub(*was);
            }
            std::mem::swap(&mut rgb, &mut above);
            compressor.write_data(&row).map_err(failed)?;
        }
    }
    let compressed = compressor.finish().map_err(failed)?;
    let mut bytes = Vec::with_capacity(compressed.len() + 1024);
    {
        let mut encoder = png::Encoder::new(&mut bytes, pw, ph);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let text = format!("{} ({})", scene.title, scene.lang);
        let _ = encoder.add_itxt_chunk("Title".to_string(), text);
        let failed = |e: png::EncodingError| format!("cannot write the PNG: {e}");
        let mut writer = encoder.write_header().map_err(failed)?;
        for chunk in compressed.chunks(1 << 30) {
            writer.write_chunk(png::chunk::IDAT, chunk).map_err(failed)?;
        }
        writer.finish().map_err(failed)?;
    }
    Ok(Png { bytes, width: pw, height: ph, scale })
}

/// The scene as a PDF on pages of `size`: the whole drawing on one page where it fits
/// legibly, else cut between its columns (and rows) with its headers repeated.
pub fn pdf(scene: &Scene, size: PageSize) -> Result<Document, String> {
    let layout = paginate(scene, size);
    if layout.pages.len() > MAX_PAGES {
        return Err(format!(
            "the drawing would take {} pages (at most {MAX_PAGES}); draw one stage at a time with --stage",
            layout.pages.len()
        ));
    }
    let (pw, ph) = layout.size.points();
    let size = krilla::geom::Size::from_wh(pw as f32, ph as f32).ok_or("cannot write the PDF: no page size")?;
    let mut document = krilla::Document::new();
    for page in &layout.pages {
        let options = options(page);
        let tree = tree(page, &options)?;
        let mut sheet = document.start_page_with(krilla::page::PageSettings::new(size));
        let mut surface = sheet.surface();
        surface
            .draw_svg(&tree, size, SvgSettings { embed_text: true, ..SvgSettings::default() })
            .ok_or("cannot write the PDF: a page could not be drawn")?;
        surface.finish();
        sheet.finish();
    }
    let metadata = krilla::metadata::Metadata::new()
        .title(scene.title.clone())
        .language(scene.lang.to_string())
        .creator("journey".to_string())
        .producer("journey".to_string());
    document.set_metadata(metadata);
    let bytes = document.finish().map_err(|e| format!("cannot write the PDF: {e:?}"))?;
    Ok(Document { bytes, pages: layout.pages.len() })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn pixels(png: &[u8]) -> Vec<u8> {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a frame");
        buf.truncate(info.buffer_size());
        buf
    }

    #[test]
    fn a_png_drawn_in_bands_is_the_png_drawn_whole() {
        let text = "lane a \"Sales\"\nlane b \"Service\"\ntouchpoint web \"Web shop\" { channel: web  lane: a }\n\
            touchpoint phone \"Call centre\" { channel: phone  lane: b }\njourney j \"Ordering a sofa\" {\n\
            step look \"Looks at sofas\" at web { emotion: 1 }\nstep call \"Calls to ask about delivery\" at phone { emotion: -1 }\n\
            step order \"Orders one\" at web\nlook -> call 40%\nlook -> order 60%\ncall -> order\n}\n";
        let checked = journey_model::check_text(Path::new("/m/sofa.journey"), text);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        let model = checked.model;
        for scene in [
            journey_diagram::blueprint_scene(&model, &model.journeys[0], &Default::default()).scene,
            journey_diagram::flow_scene(&model, &model.journeys[0], &Default::default()).scene,
        ] {
            let whole = super::png_in_bands(&scene, 1.5, usize::MAX).expect("png");
            // Seven rows at a time: bands end inside texts, boxes and lines.
            let banded = super::png_in_bands(&scene, 1.5, (7 + 2 * super::MARGIN) * 4 * whole.width as usize);
            let banded = banded.expect("png");
            assert!(whole.height > 7 * 10, "{} is too small to be cut into bands", scene.title);
            let (a, b) = (pixels(&whole.bytes), pixels(&banded.bytes));
            assert_eq!(a.len(), b.len());
            // Curves crossing a band's edge are cut there and drawn a shade differently; nothing
            // else changes.
            let worst = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
            let off = a.iter().zip(&b).filter(|(x, y)| x.abs_diff(**y) > 2).count();
            assert!(
                worst <= 48 && off * 1000 <= a.len(),
                "{}: {off} of {} channels differ, by up to {worst}",
                scene.title,
                a.len()
            );
        }
    }
}
