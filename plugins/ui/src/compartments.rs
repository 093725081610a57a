//! The potential along a multi-compartment neuron
//! ([`neurarium_spiking::models::compartmental`]): under the membrane trace, for a traced
//! neuron of a `Compartmental` region, every compartment's potential now (mV) against its
//! distance from the soma (µm; the dendrite negative, its tip leftmost, the axon positive), the
//! soma marked and the input compartment ringed. Input far out on the dendrite shows as a
//! depolarisation that falls off towards the soma.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotPoints, Points};
use neurarium_spiking::models::compartmental::CompartmentalNeurons;

use crate::membrane::TracedNeuron;

/// Height of the plot, points.
const PLOT_HEIGHT: f32 = 120.0;

/// Draws the profile of the traced neuron, if its region is multi-compartment.
pub fn show(ui: &mut egui::Ui, traced: &TracedNeuron, regions: &Query<&CompartmentalNeurons>) {
    let Some((entity, neuron)) = traced.neuron else {
        return;
    };
    let Ok(neurons) = regions.get(entity) else {
        return;
    };
    if neuron as usize >= neurons.size {
        return;
    }
    let params = &neurons.params;
    let soma = params.soma();
    let dx = params.compartment_length_um;
    let at = |j: usize| (j as f64 - soma as f64) * dx;
    let profile = neurons.neuron(neuron as usize);
    ui.add_space(4.0);
    ui.label(format!(
        "along the neuron: dendrite {} µm, soma, axon {} µm; input at {:+.0} µm",
        f64::from(params.dendrite_compartments) * dx,
        f64::from(params.axon_compartments) * dx,
        at(params.input_compartment as usize)
    ));
    let line: PlotPoints = profile
        .iter()
        .enumerate()
        .map(|(j, &v)| [at(j), f64::from(v)])
        .collect();
    let soma_point = Points::new("soma", vec![[0.0, f64::from(profile[soma])]])
        .radius(4.0)
        .color(egui::Color32::from_rgb(240, 220, 100));
    let input = params.input_compartment as usize;
    let input_point = Points::new("input", vec![[at(input), f64::from(profile[input])]])
        .radius(6.0)
        .filled(false)
        .color(egui::Color32::from_rgb(120, 200, 255));
    Plot::new("compartment_profile")
        .height(PLOT_HEIGHT)
        .include_y(params.v_rest_mv - 1.0)
        .include_y(params.v_threshold_mv)
        .x_axis_label("distance from the soma (µm)")
        .y_axis_label("mV")
        .show(ui, |plot| {
            plot.line(
                Line::new("v", line)
                    .color(egui::Color32::from_rgb(200, 200, 200))
                    .width(1.5),
            );
            plot.points(soma_point);
            plot.points(input_point);
        });
}
