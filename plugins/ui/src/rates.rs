//! Population firing rates over the run, one line per region, from the `rate_hz/…` columns of
//! the metrics table.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use neurarium_sim::prelude::Metrics;

use crate::raster::region_color;

/// Draws the rate plot.
pub fn show(ui: &mut egui::Ui, metrics: &Metrics) {
    ui.heading("Population rates");
    let time = metrics.column("time_ms").unwrap_or_default();
    Plot::new("rates_plot")
        .legend(Legend::default())
        .x_axis_label("simulated time (ms)")
        .y_axis_label("rate (Hz)")
        .include_y(0.0)
        .show(ui, |plot| {
            let rate_columns = metrics
                .columns()
                .iter()
                .filter(|c| c.starts_with("rate_hz/"));
            for (index, column) in rate_columns.enumerate() {
                let Some(values) = metrics.column(column) else {
                    continue;
                };
                let points: PlotPoints = time.iter().zip(&values).map(|(&t, &v)| [t, v]).collect();
                let name = column.trim_start_matches("rate_hz/");
                plot.line(
                    Line::new(name, points)
                        .color(region_color(index))
                        .width(1.5),
                );
            }
        });
}
