//! A spectrogram as a heat map: time to the right, frequency up, the power of each bin in
//! decibels relative to the loudest bin, from dark blue (−25 dB or less) to yellow (0 dB).

use bevy_egui::egui;
use neurarium_sim::signal::Spectrum;

/// The highest frequency drawn, Hz.
pub const TOP_HZ: f64 = 100.0;
/// The dynamic range of the colours, dB.
const RANGE_DB: f64 = 25.0;

/// Draws `frames` (oldest first, each `seconds_per_frame` apart) into a rect of `size`.
pub fn show(ui: &mut egui::Ui, frames: &[Spectrum], seconds_per_frame: f64, size: egui::Vec2) {
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::from_gray(15));
    let Some(first) = frames.first() else {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "a few seconds of rate are needed",
            egui::FontId::proportional(12.0),
            egui::Color32::GRAY,
        );
        return;
    };
    let bins = ((TOP_HZ / first.resolution_hz) as usize).min(first.power.len() - 1);
    let loudest = frames
        .iter()
        .flat_map(|f| f.power[1..=bins].iter().copied())
        .fold(f64::MIN_POSITIVE, f64::max);
    let width = rect.width() / frames.len() as f32;
    let height = rect.height() / bins as f32;
    for (column, frame) in frames.iter().enumerate() {
        for k in 1..=bins {
            let db = 10.0 * (frame.power[k] / loudest).max(1e-12).log10();
            let level = ((db + RANGE_DB) / RANGE_DB).clamp(0.0, 1.0) as f32;
            let left = rect.left() + column as f32 * width;
            let top = rect.bottom() - k as f32 * height;
            painter.rect_filled(
                egui::Rect::from_min_size(
                    egui::pos2(left, top),
                    egui::vec2(width + 0.5, height + 0.5),
                ),
                0.0,
                heat(level),
            );
        }
    }
    let label = egui::FontId::proportional(11.0);
    for hz in [10.0, 30.0, 50.0, 80.0] {
        let y = rect.bottom() - (hz / first.resolution_hz) as f32 * height;
        painter.text(
            egui::pos2(rect.left() + 2.0, y),
            egui::Align2::LEFT_CENTER,
            format!("{hz} Hz"),
            label.clone(),
            egui::Color32::WHITE,
        );
    }
    painter.text(
        rect.right_bottom() + egui::vec2(-2.0, -2.0),
        egui::Align2::RIGHT_BOTTOM,
        format!("{:.1} s", frames.len() as f64 * seconds_per_frame),
        label,
        egui::Color32::WHITE,
    );
    response.on_hover_text(
        "power of the rate by frequency (up) and time (right), dB below the loudest bin",
    );
}

/// Dark blue → purple → orange → yellow for `level` in `0..=1`.
fn heat(level: f32) -> egui::Color32 {
    const STOPS: [(f32, [f32; 3]); 4] = [
        (0.0, [10.0, 10.0, 60.0]),
        (0.4, [120.0, 30.0, 140.0]),
        (0.75, [240.0, 120.0, 40.0]),
        (1.0, [250.0, 240.0, 120.0]),
    ];
    let upper = STOPS
        .iter()
        .position(|(at, _)| *at >= level)
        .unwrap_or(3)
        .max(1);
    let (a, ca) = STOPS[upper - 1];
    let (b, cb) = STOPS[upper];
    let t = ((level - a) / (b - a)).clamp(0.0, 1.0);
    let mix = |i: usize| (ca[i] + t * (cb[i] - ca[i])) as u8;
    egui::Color32::from_rgb(mix(0), mix(1), mix(2))
}
