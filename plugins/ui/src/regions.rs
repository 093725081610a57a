//! The side panel: each region's name, size (alive of the cap where it grows), model and
//! current firing rate; the dopamine level and its baseline (or the critic's last error) when
//! the network learns from reward.

use bevy_egui::egui;
use neurarium_spiking::growth::neurons::alive_neurons;
use neurarium_spiking::prelude::Plasticity;

use crate::plugin::PanelState;
use crate::raster::region_color;

/// Draws the region list.
pub fn show(ui: &mut egui::Ui, state: &PanelState) {
    ui.heading("Regions");
    egui::Grid::new("region_grid").striped(true).show(ui, |ui| {
        ui.strong("region");
        ui.strong("n");
        ui.strong("model");
        ui.strong("rate");
        ui.end_row();
        for (entity, region, spikes, _) in state.regions_in_order() {
            let index = region.index as usize;
            ui.colored_label(region_color(index), &region.name);
            // A growing region: alive of its cap; the rate is per alive neuron.
            let growing = state.growing.get(entity).ok();
            let alive = alive_neurons(region, growing);
            ui.monospace(match growing {
                Some(_) => format!("{alive}/{}", region.size),
                None => region.size.to_string(),
            });
            ui.label(&region.model);
            ui.monospace(format!(
                "{:.1} Hz",
                spikes.rate_hz(alive, state.clock.dt_ms)
            ));
            ui.end_row();
        }
    });
    if state
        .plastic
        .iter()
        .any(|(_, _, plastic)| matches!(plastic.rule, Plasticity::RewardStdp(_)))
    {
        ui.label(if state.critic.region.is_some() {
            format!(
                "dopamine {:+.3} · critic's last error {:+.3}",
                state.dopamine.level, state.critic.last_error
            )
        } else {
            format!(
                "dopamine {:+.3} · reward baseline {:+.3}",
                state.dopamine.level, state.dopamine.baseline
            )
        });
    }
    ui.add_space(8.0);
    ui.label(format!(
        "{} metrics rows · episode {}",
        state.metrics.rows().len(),
        state.metrics.rows().last().map_or(0.0, |row| row[1])
    ));
}
