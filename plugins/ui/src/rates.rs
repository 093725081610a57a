//! Population firing rates over the run, one line per region, from the spiking network's
//! `rate_hz/R` columns ([`RATE_HZ`]) of the metrics table.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use neurarium_sim::metrics::TIME_MS;
use neurarium_sim::prelude::Metrics;
use neurarium_spiking::monitors::RATE_HZ;

use crate::raster::region_color;

/// Draws the rate plot.
pub fn show(ui: &mut egui::Ui, metrics: &Metrics) {
    ui.heading("Population rates");
    let time = metrics.values(&TIME_MS).unwrap_or_default();
    Plot::new("rates_plot")
        .legend(Legend::default())
        .x_axis_label("simulated time (ms)")
        .y_axis_label("rate (Hz)")
        .include_y(0.0)
        .show(ui, |plot| {
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
