//! Population firing rates over the run, one line per region, from the spiking network's
//! `rate_hz/R` columns ([`RATE_HZ`]) of the metrics table; a task's sleep phases (its
//! [`ASLEEP`] column) shaded purple on the time axis.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, Polygon, log_grid_spacer};
use neurarium_sim::metrics::{ASLEEP, TIME_MS};
use neurarium_sim::prelude::Metrics;
use neurarium_spiking::monitors::RATE_HZ;

use crate::raster::region_color;

/// Grid steps of the rate axis: powers of this base (5, 25, 125 Hz …), so that a short plot of
/// rates up to about 100 Hz still has labelled ticks (with powers of 10 the 10 Hz ticks are too
/// close to label and the 100 Hz ones beyond the data, leaving only the 0).
const RATE_GRID_BASE: i64 = 5;

/// The shade of a sleep phase.
const SLEEP_SHADE: egui::Color32 = egui::Color32::from_rgba_premultiplied(60, 35, 80, 70);

/// The stretches of time (ms) whose rows are asleep.
fn sleep_spans(time: &[f64], metrics: &Metrics) -> Vec<(f64, f64)> {
    let Some(asleep) = metrics.values(&ASLEEP) else {
        return Vec::new();
    };
    let mut spans: Vec<(f64, f64)> = Vec::new();
    let mut previous = 0.0;
    for (&t, &a) in time.iter().zip(&asleep) {
        if a == 1.0 {
            match spans.last_mut() {
                Some(span) if span.1 == previous => span.1 = t,
                _ => spans.push((previous, t)),
            }
        }
        previous = t;
    }
    spans
}

/// Draws the rate plot.
pub fn show(ui: &mut egui::Ui, metrics: &Metrics) {
    ui.heading("Population rates");
    let time = metrics.values(&TIME_MS).unwrap_or_default();
    Plot::new("rates_plot")
        .legend(Legend::default())
        .x_axis_label("simulated time (ms)")
        .y_axis_label("rate (Hz)")
        .include_y(0.0)
        .y_grid_spacer(log_grid_spacer(RATE_GRID_BASE))
        .show(ui, |plot| {
            let top = metrics
                .family_columns(&RATE_HZ)
                .iter()
                .flat_map(|(_, column)| metrics.values_at(*column))
                .fold(1.0, f64::max);
            for (start, end) in sleep_spans(&time, metrics) {
                plot.polygon(
                    Polygon::new(
                        "asleep",
                        PlotPoints::from(vec![[start, 0.0], [end, 0.0], [end, top], [start, top]]),
                    )
                    .fill_color(SLEEP_SHADE)
                    .stroke(egui::Stroke::NONE),
                );
            }
            for (index, (region, column)) in
                metrics.family_columns(&RATE_HZ).into_iter().enumerate()
            {
                let values = metrics.values_at(column);
                let points: PlotPoints = time.iter().zip(&values).map(|(&t, &v)| [t, v]).collect();
                plot.line(
                    Line::new(region, points)
                        .color(region_color(index))
                        .width(1.5),
                );
            }
        });
}
