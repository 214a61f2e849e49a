//! journey's PDFs, read by the real tools: `pdfinfo` (page size and count), `pdftotext`
//! (every label is there as text, Vietnamese included) and `qpdf --check`; a long journey cut
//! over pages with its row and stage headers on every page, never printed smaller than the
//! legible size; and the same bytes on every run.

mod common;

use common::*;
use journey_diagram::page::{MIN_SCALE, PageSize, Paper, paginate};
use journey_diagram::{Lang, Options};

/// A small model written in Vietnamese, for the labels pdftotext must give back.
const VIETNAMESE: &str = r#"
lane ban_hang "Bán hàng trực tuyến"
lane cham_soc "Chăm sóc khách hàng"
lane kho "Kho và giao vận"
system erp "Hệ thống ERP" { kind: erp }
system crm "Quản lý quan hệ khách hàng" { kind: crm }
procedure tu_van "Tư vấn cỡ giày qua điện thoại" { lane: cham_soc  uses: crm }
procedure giao "Đóng gói và giao hàng" { lane: kho  uses: erp }
touchpoint web "Cửa hàng trực tuyến" { channel: web  lane: ban_hang  uses: erp }
touchpoint tong_dai "Tổng đài chăm sóc" {
  channel: phone
  lane: cham_soc
  uses: crm
  script: "Chào khách, hỏi mã đơn hàng"
}
touchpoint shipper "Người giao hàng" { channel: delivery  lane: kho  supported_by: giao }
journey dat_hang "Đặt mua giày" {
  volume: 1200 / month
  stage tim_hieu "Tìm hiểu" {
    step xem "Xem sản phẩm trên trang web" at web { entry: 70%  emotion: +1  duration: 15min }
    step goi "Gọi điện hỏi cỡ giày" at tong_dai {
      entry: 30%
      staff: "Đọc bảng cỡ giày cho khách"
      emotion: -1
      via: tu_van
      pain: "Trang sản phẩm không có bảng cỡ"
    }
  }
  stage mua "Mua hàng" {
    step dat "Đặt hàng và thanh toán" at web { emotion: +2  evidence: "Thư xác nhận đơn hàng" }
  }
  stage nhan "Nhận hàng" {
    step nhan_hang "Nhận bưu kiện" at shipper { emotion: +1  duration: 2d  via: giao }
  }
  xem -> dat 80%
  xem -> goi 20%
  goi -> dat
  dat -> nhan_hang
}
"#;

fn have_poppler() -> bool {
    have_tool("pdftotext") && have_tool("pdfinfo") && have_tool("qpdf")
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

/// The text of the whole PDF, or of one page, with runs of white space made one space.
fn text(pdf: &str, page: Option<usize>) -> String {
    let raw = match page {
        Some(p) => run("pdftotext", &["-f", &p.to_string(), "-l", &p.to_string(), pdf, "-"]),
        None => run("pdftotext", &[pdf, "-"]),
    };
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every word of `label` is in `text`.
fn has_words(text: &str, label: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    label.split_whitespace().all(|w| words.contains(&w))
}

#[test]
fn the_real_tools_read_every_page_size_and_every_label() {
    if !have_poppler() {
        return;
    }
    let dir = temp_dir("pdf");
    let model = model(VIETNAMESE);
    let journey = &model.journeys[0];
    let options = Options { lang: Lang::Vi, ..Options::default() };
    let blueprint = journey_diagram::blueprint_scene(&model, journey, &options).scene;
    for (page, expect) in [
        ("a4-landscape", "841.89 x 595.28 pts (A4)"),
        ("a4-portrait", "595.28 x 841.89 pts (A4)"),
        ("a3-landscape", "1190.55 x 841.89 pts (A3)"),
        ("letter-portrait", "612 x 792 pts (letter)"),
    ] {
        let size = PageSize::parse(page).expect("a page size");
        let pdf = journey_render::pdf(&blueprint, size).expect("pdf");
        let path = write(&dir, &format!("{page}.pdf"), &pdf.bytes);
        let info = run("pdfinfo", &[&path]);
        assert!(info.contains(&format!("Pages:           {}\n", pdf.pages)), "{page}: {info}");
        assert!(info.contains(expect), "{page}: {info}");
        assert!(info.contains("Title:           Đặt mua giày"), "{page}: {info}");
        run("qpdf", &["--check", &path]);
        let all = text(&path, None);
        assert!(!all.contains('\u{FFFD}'), "{page}: unreadable text");
        let mut labels: Vec<&str> = journey.steps.iter().map(|s| s.decl.label.as_str()).collect();
        labels.extend(model.lanes.iter().map(|l| l.decl.label.as_str()));
        labels.extend(model.procedures.iter().map(|p| p.decl.label.as_str()));
        labels.extend([
            "Đọc bảng cỡ giày cho khách",
            "Thư xác nhận đơn hàng",
            "Đường hữu hình",
            "Đường tương tác nội bộ",
        ]);
        labels.extend(["Bản thiết kế dịch vụ", "Hành động của khách hàng", "Điểm đau:", "1.200"]);
        for label in labels {
            assert!(has_words(&all, label), "{page}: `{label}` is not in the text:\n{all}");
        }
    }
    // The oracle can fail: a label that is not there is not found.
    let path = dir.join("a4-landscape.pdf").display().to_string();
    assert!(!has_words(&text(&path, None), "Không có trong bản vẽ"));
}

/// A journey of 60 steps in 6 stages over 5 lanes, each lane with touchpoints and procedures.
fn long_journey() -> String {
    let lanes = ["Sales", "Customer care", "Workshop", "Logistics", "Finance"];
    let mut text = String::new();
    for (i, lane) in lanes.iter().enumerate() {
        text.push_str(&format!("lane l{i} \"{lane}\"\nsystem s{i} \"System {i}\"\n"));
        text.push_str(&format!("procedure p{i} \"Procedure of {lane}\" {{ lane: l{i}  uses: s{i} }}\n"));
        text.push_str(&format!("touchpoint t{i} \"Desk of {lane}\" {{ channel: phone  lane: l{i}  uses: s{i} }}\n"));
    }
    text.push_str("journey long \"A long journey\" {\n");
    for g in 0..6 {
        text.push_str(&format!("  stage g{g} \"Stage number {g}\" {{\n"));
        for k in 0..10 {
            let i = g * 10 + k;
            text.push_str(&format!(
                "    step s{i} \"Step {i} of the journey\" at t{} {{ emotion: {}  via: p{}  staff: \"Helps with step {i}\" }}\n",
                i % 5,
                i % 5 - 2,
                (i + 1) % 5
            ));
        }
        text.push_str("  }\n");
    }
    for i in 0..59 {
        if i % 7 == 3 && i + 3 < 60 {
            text.push_str(&format!("  s{i} -> s{} 70%\n  s{i} -> s{} 30%\n", i + 1, i + 3));
        } else {
            text.push_str(&format!("  s{i} -> s{}\n", i + 1));
        }
    }
    text.push_str("}\n");
    text
}

#[test]
fn a_long_journey_prints_legibly_with_its_headers_on_every_page() {
    let model = model(&long_journey());
    let journey = &model.journeys[0];
    let blueprint = journey_diagram::blueprint_scene(&model, journey, &Options::default()).scene;
    let flow = journey_diagram::flow_scene(&model, journey, &Options::default()).scene;
    for size in
        [PageSize { paper: Paper::A4, portrait: None }, PageSize { paper: Paper::Letter, portrait: Some(false) }]
    {
        for scene in [&blueprint, &flow] {
            let layout = paginate(scene, size);
            assert!(layout.pages.len() > 1, "{} fits on one page?", scene.title);
            assert!(layout.scale >= MIN_SCALE, "{}: printed at {}", scene.title, layout.scale);
        }
    }
    // The flow diagram names its lanes along its length, not only at the left.
    let texts = flow.texts();
    for lane in ["Sales", "Customer care", "Workshop", "Logistics", "Finance"] {
        assert!(texts.iter().filter(|t| **t == lane).count() >= 5, "{lane} is named {} times", texts.len());
    }
    if !have_poppler() {
        return;
    }
    let dir = temp_dir("long");
    let pdf = journey_render::pdf(&blueprint, PageSize::default()).expect("pdf");
    let path = write(&dir, "long.pdf", &pdf.bytes);
    run("qpdf", &["--check", &path]);
    let all = text(&path, None);
    for step in &journey.steps {
        assert!(has_words(&all, &step.decl.label), "{} is on no page", step.decl.label);
    }
    for page in 1..=pdf.pages {
        let on_page = text(&path, Some(page));
        // Row headers and stage headers on every page.
        for lane in ["Sales", "Customer care", "Workshop", "Logistics", "Finance"] {
            assert!(has_words(&on_page, lane), "page {page} lacks the row of {lane}:\n{on_page}");
        }
        assert!(has_words(&on_page, "Stage number"), "page {page} lacks its stage header:\n{on_page}");
        assert!(has_words(&on_page, &format!("page {page} of {}", pdf.pages)), "page {page}:\n{on_page}");
    }
}

#[test]
fn outputs_are_the_same_bytes_every_time() {
    let model = model(VIETNAMESE);
    let journey = &model.journeys[0];
    let scene = journey_diagram::blueprint_scene(&model, journey, &Options::default()).scene;
    assert_eq!(
        journey_render::png(&scene, 1.0).expect("png").bytes,
        journey_render::png(&scene, 1.0).expect("png").bytes
    );
    let a = journey_render::pdf(&scene, PageSize::default()).expect("pdf");
    let b = journey_render::pdf(&scene, PageSize::default()).expect("pdf");
    assert!(a.bytes == b.bytes, "the PDF differs between runs");
}

#[test]
fn a_png_too_large_is_drawn_smaller_and_a_bad_scale_refused() {
    let model = model(&long_journey());
    let scene = journey_diagram::blueprint_scene(&model, &model.journeys[0], &Options::default()).scene;
    let png = journey_render::png(&scene, 16.0).expect("png");
    assert!(png.scale < 16.0);
    assert!(f64::from(png.width) * f64::from(png.height) <= journey_render::MAX_PIXELS * 1.01);
    assert!(f64::from(png.width) <= journey_render::MAX_SIDE + 1.0);
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(journey_render::png(&scene, bad).is_err(), "{bad}");
    }
}

#[test]
fn text_the_bundled_font_lacks_is_drawn_with_the_machines_fonts_without_failing() {
    let model = model(
        "touchpoint t \"客服中心 🙂\" { channel: phone }\njourney j \"顧客の旅 👩‍👩‍👧\" {\n  step a \"打电话问尺码\" at t\n}\n",
    );
    let scene = journey_diagram::blueprint_scene(&model, &model.journeys[0], &Options::default()).scene;
    let png = journey_render::png(&scene, 1.0).expect("png");
    assert!(png.width > 0);
    let pdf = journey_render::pdf(&scene, PageSize::default()).expect("pdf");
    assert!(pdf.pages >= 1);
}
