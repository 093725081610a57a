//! Population firing rates over the run, one line per region, from the spiking network's
//! `rate_hz/R` columns ([`RATE_HZ`]) of the metrics table.

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, log_grid_spacer};
use neurarium_sim::metrics::TIME_MS;
use neurarium_sim::prelude::Metrics;
use neurarium_spiking::monitors::RATE_HZ;

use crate::raster::region_color;

/// Grid steps of the rate axis: powers of this base (5, 25, 125 Hz …), so that a short plot of
/// rates up to about 100 Hz still has labelled ticks (with powers of 10 the 10 Hz ticks are too
/// close to label and the 100 Hz ones beyond the data, leaving only the 0).
const RATE_GRID_BASE: i64 = 5;

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
