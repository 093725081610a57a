//! The rhythms panel: a region picker, the task's verdict on its last window, then side by
//! side the power spectrum (dB, the bands shaded), the spectrogram and the coupling (the fast
//! band's mean amplitude by the slow band's phase, with its modulation index against the 95th
//! percentile of 100 time-shifted surrogates), all of the chosen region's last 8 s of rate,
//! analysed four times a second.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Polygon};
use neurarium_sim::signal::coupling::PHASE_BINS;
use neurarium_sim::signal::{Band, Coupling, Spectrum, coupling_test, spectrogram};
use neurarium_spiking::monitors::monitor::PopulationRate;
use neurarium_spiking::network::region::Region;
use neurarium_tasks::rhythms::recording::{Analysis, RateRecording};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::spectrogram::{self as heat_map, TOP_HZ};

/// Welch's segment and the spectrogram's, s.
const SEGMENT_S: f64 = 1.0;
const FRAME_S: f64 = 0.5;
/// The spectrogram's hop, s.
const HOP_S: f64 = 0.1;
/// Surrogates of the live coupling test.
const SURROGATES: usize = 100;
/// The bands' shades on the spectrum.
const BAND_COLOURS: [egui::Color32; 4] = [
    egui::Color32::from_rgba_premultiplied(40, 90, 40, 40),
    egui::Color32::from_rgba_premultiplied(40, 60, 100, 40),
    egui::Color32::from_rgba_premultiplied(90, 60, 30, 40),
    egui::Color32::from_rgba_premultiplied(90, 30, 60, 40),
];

/// Draws the panel.
pub fn rhythms_view_panel(
    InMut(ui): InMut<egui::Ui>,
    recordings: Query<&RateRecording>,
    regions: Query<(&Region, &PopulationRate)>,
    mut chosen: Local<Option<String>>,
    mut analysed: Local<Option<Analysed>>,
) {
    let recording = recordings.single().ok();
    let mut names: Vec<(u32, &str)> = regions
        .iter()
        .map(|(r, _)| (r.index, r.name.as_str()))
        .collect();
    names.sort_unstable();
    // A region of another scene is forgotten.
    if chosen
        .as_ref()
        .is_some_and(|c| !names.iter().any(|(_, n)| n == c))
    {
        *chosen = None;
    }
    let name = chosen
        .get_or_insert_with(|| {
            recording.map_or_else(
                || names.first().map(|n| n.1.to_owned()).unwrap_or_default(),
                |r| r.spec.rate.clone(),
            )
        })
        .clone();
    ui.horizontal(|ui| {
        ui.heading("Rhythms of");
        egui::ComboBox::from_id_salt("rhythm_region")
            .selected_text(&name)
            .show_ui(ui, |ui| {
                for (_, n) in &names {
                    if ui.selectable_label(*n == name, *n).clicked() {
                        *chosen = Some((*n).to_owned());
                    }
                }
            });
    });
    if let Some(analysis) = recording.and_then(|r| r.last.as_ref()) {
        ui.label(verdict(analysis));
    }
    let Some((_, rate)) = regions.iter().find(|(r, _)| r.name == name) else {
        return;
    };
    let (slow, fast) = recording
        .and_then(|r| r.spec.coupling)
        .map_or((Band::Theta, Band::Gamma), |c| (c.phase, c.amplitude));
    let stale = analysed.as_ref().is_none_or(|a| {
        a.region != name || (a.slow, a.fast) != (slow, fast) || a.at.elapsed() >= REFRESH
    });
    if stale {
        *analysed = Some(Analysed::of(&name, rate, slow, fast));
    }
    let Some(analysed) = analysed.as_ref() else {
        return;
    };
    let height = ui.available_height().max(140.0);
    let width = ui.available_width() / 3.0 - 8.0;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(width);
            power_plot(ui, analysed.spectrum.as_ref(), height);
        });
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label("spectrogram");
            heat_map::show(
                ui,
                &analysed.frames,
                HOP_S,
                egui::vec2(width, height - 24.0),
            );
        });
        ui.vertical(|ui| {
            ui.set_width(width);
            coupling_plot(ui, analysed.coupling.as_ref(), slow, fast, height);
        });
    });
}

/// How long an analysis is shown before the rate is analysed again.
const REFRESH: Duration = Duration::from_millis(250);

/// A region's rate analysed: the spectrum, the spectrogram and the coupling, recomputed
/// every [`REFRESH`] rather than every frame.
pub struct Analysed {
    region: String,
    slow: Band,
    fast: Band,
    at: Instant,
    spectrum: Option<Spectrum>,
    frames: Vec<Spectrum>,
    coupling: Option<Coupling>,
}

impl Analysed {
    fn of(region: &str, rate: &PopulationRate, slow: Band, fast: Band) -> Self {
        let samples: Vec<f32> = rate.bins.iter().copied().collect();
        let sample_hz = 1000.0 / rate.bin_ms;
        let mut rng = ChaCha8Rng::seed_from_u64(0);
        Self {
            region: region.to_owned(),
            slow,
            fast,
            at: Instant::now(),
            spectrum: (samples.len() as f64 >= 2.0 * sample_hz)
                .then(|| Spectrum::welch(&samples, sample_hz, (SEGMENT_S * sample_hz) as usize))
                .flatten(),
            frames: spectrogram(
                &samples,
                sample_hz,
                (FRAME_S * sample_hz) as usize,
                (HOP_S * sample_hz) as usize,
            ),
            coupling: coupling_test(&samples, sample_hz, slow, fast, SURROGATES, &mut rng),
        }
    }
}

/// The task's last window, in words.
fn verdict(analysis: &Analysis) -> String {
    let mut parts: Vec<String> = analysis
        .peaks
        .iter()
        .map(|(band, peak)| match peak {
            Some(p) => format!(
                "{} peak {:.0} Hz at {:.1}× the median",
                band.key(),
                p.hz,
                p.prominence
            ),
            None => format!("no {} peak", band.key()),
        })
        .collect();
    if let Some(c) = &analysis.coupling {
        parts.push(format!(
            "coupling {:.4} against {:.4} (95% of surrogates)",
            c.index, c.surrogate_p95
        ));
    }
    format!(
        "last window: {}; {}",
        parts.join(", "),
        if analysis.rhythmic {
            "rhythmic"
        } else {
            "not rhythmic"
        }
    )
}

/// The power spectrum in dB up to [`TOP_HZ`], the bands shaded.
fn power_plot(ui: &mut egui::Ui, spectrum: Option<&Spectrum>, height: f32) {
    ui.label("power spectrum of the rate");
    let points: Vec<[f64; 2]> = spectrum.map_or_else(Vec::new, |s| {
        (1..s.power.len())
            .map(|k| [s.frequency(k), 10.0 * s.power[k].max(1e-12).log10()])
            .take_while(|p| p[0] <= TOP_HZ)
            .collect()
    });
    let (low, high) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p[1]), hi.max(p[1]))
    });
    Plot::new("rhythm_spectrum")
        .height(height - 24.0)
        .x_axis_label("Hz")
        .y_axis_label("dB (Hz²/Hz)")
        .include_x(0.0)
        .include_x(TOP_HZ)
        .show(ui, |plot| {
            if points.is_empty() {
                return;
            }
            for (band, colour) in Band::ALL.into_iter().zip(BAND_COLOURS) {
                let (a, b) = band.hz();
                plot.polygon(
                    Polygon::new(
                        band.key(),
                        PlotPoints::from(vec![[a, low], [b, low], [b, high], [a, high]]),
                    )
                    .fill_color(colour)
                    .stroke(egui::Stroke::NONE),
                );
            }
            plot.line(
                Line::new("power", PlotPoints::from(points))
                    .color(egui::Color32::from_rgb(250, 200, 90))
                    .width(1.5),
            );
        });
}

/// The fast band's mean amplitude by the slow band's phase, as bars.
fn coupling_plot(
    ui: &mut egui::Ui,
    coupling: Option<&Coupling>,
    slow: Band,
    fast: Band,
    height: f32,
) {
    match coupling {
        Some(c) => ui.label(format!(
            "{} amplitude by {} phase: index {:.4}, surrogates' 95% {:.4}{}",
            fast.key(),
            slow.key(),
            c.index,
            c.surrogate_p95,
            if c.significant() { ", coupled" } else { "" }
        )),
        None => ui.label(format!("{} amplitude by {} phase", fast.key(), slow.key())),
    };
    let bin_degrees = 360.0 / PHASE_BINS as f64;
    let bars: Vec<Bar> = coupling.map_or_else(Vec::new, |c| {
        c.amplitude_by_phase
            .iter()
            .enumerate()
            .map(|(j, &a)| {
                Bar::new(-180.0 + (j as f64 + 0.5) * bin_degrees, a).width(bin_degrees * 0.85)
            })
            .collect()
    });
    Plot::new("rhythm_coupling")
        .height(height - 24.0)
        .x_axis_label(format!("{} phase (degrees; 0 at the crest)", slow.key()))
        .y_axis_label(format!("{} amplitude (Hz)", fast.key()))
        .include_y(0.0)
        .include_x(-180.0)
        .include_x(180.0)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("amplitude", bars).color(egui::Color32::from_rgb(120, 170, 240)),
            );
        });
}
