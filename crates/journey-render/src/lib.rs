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
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("a scale must be a number above 0, not {scale}"));
    }
    let (w, h) = (scene.width.max(1.0), scene.height.max(1.0));
    let scale = scale.min(MAX_SIDE / w).min(MAX_SIDE / h).min((MAX_PIXELS / (w * h)).sqrt());
    let (pw, ph) = ((w * scale).ceil().max(1.0) as u32, (h * scale).ceil().max(1.0) as u32);
    let options = options(scene);
    let tree = tree(scene, &options)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(pw, ph).ok_or_else(|| format!("cannot make an image of {pw} × {ph} pixels"))?;
    let (r, g, b) = scene.background.rgb();
    pixmap.fill(resvg::tiny_skia::Color::from_rgba8(r, g, b, 255));
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32), &mut pixmap.as_mut());
    // The background is opaque, so every pixel is: three channels are enough.
    let mut rgb = Vec::with_capacity(pw as usize * ph as usize * 3);
    for px in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&px[..3]);
    }
    let mut bytes = Vec::with_capacity(rgb.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut bytes, pw, ph);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
        encoder.set_filter(png::FilterType::Up);
        let text = format!("{} ({})", scene.title, scene.lang);
        let _ = encoder.add_itxt_chunk("Title".to_string(), text);
        let mut writer = encoder.write_header().map_err(|e| format!("cannot write the PNG: {e}"))?;
        writer.write_image_data(&rgb).map_err(|e| format!("cannot write the PNG: {e}"))?;
        writer.finish().map_err(|e| format!("cannot write the PNG: {e}"))?;
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
