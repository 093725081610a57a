//! Counts over time of a network that grows: alive neurons of each growing region
//! (`neurons/R`, [`NEURONS`]) and synapses of each rewired projection (`synapses/P`,
//! [`SYNAPSES`]), from the metrics table. Births and deaths are marked in the raster
//! ([`crate::raster`]).

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use neurarium_sim::metrics::{ColumnFamily, TIME_MS};
use neurarium_sim::prelude::Metrics;
use neurarium_spiking::monitors::{NEURONS, SYNAPSES};

use crate::raster::region_color;

/// Whether the run has growth counts to plot.
pub fn has_growth(metrics: &Metrics) -> bool {
    [NEURONS, SYNAPSES]
        .iter()
        .any(|family| !metrics.family_columns(family).is_empty())
}

/// Draws the two count plots, one above the other.
pub fn show(ui: &mut egui::Ui, metrics: &Metrics) {
    ui.heading("Growth");
    let height = (ui.available_height() - 8.0) / 2.0;
    for (family, label) in [(NEURONS, "alive neurons"), (SYNAPSES, "synapses")] {
        counts(ui, metrics, &family, label, height);
    }
}

fn counts(ui: &mut egui::Ui, metrics: &Metrics, family: &ColumnFamily, label: &str, height: f32) {
    let time = metrics.values(&TIME_MS).unwrap_or_default();
    Plot::new(family.prefix)
        .height(height)
        .legend(Legend::default())
        .x_axis_label("simulated time (ms)")
        .y_axis_label(label)
        .include_y(0.0)
        .show(ui, |plot| {
            for (index, (name, column)) in metrics.family_columns(family).into_iter().enumerate() {
                let values = metrics.values_at(column);
                let points: PlotPoints = time.iter().zip(&values).map(|(&t, &v)| [t, v]).collect();
                // The UI font has no arrow: "input→cortex" reads "input to cortex".
                let name = name.replace('→', " to ");
                plot.line(
                    Line::new(name, points)
                        .color(region_color(index))
                        .width(1.5),
                );
            }
        });
}
