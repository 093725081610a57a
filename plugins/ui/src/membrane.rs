//! The membrane trace of one neuron, picked by a click in the spike raster.
//!
//! A click on a raster row sets [`TracedNeuron`]; [`attach_probe`] (in `Update`, outside the
//! simulation step) then adds that neuron to a [`StateProbe`] on its region, scheduling the
//! probe systems if the scene had none. From then on the probe keeps its potential at every
//! step (mV); the panel plots the last [`TRACE_MS`] of it against simulated time (ms) (an
//! integrate-and-fire spike shows as the drop from threshold to the reset potential). Added
//! probes do not write metrics columns. Spike sources (encoders, Poisson) have no membrane:
//! the panel says so. `--trace REGION:NEURON` picks a neuron from the start.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotPoints};
use neurarium_spiking::monitors::monitor::PROBE_STEPS;
use neurarium_spiking::prelude::{Region, StateProbe};

/// Simulated time the plot spans, ms.
pub const TRACE_MS: f64 = 500.0;
/// Height of the plot, points.
const PLOT_HEIGHT: f32 = 150.0;
/// Room above and below the trace's extremes, mV.
const Y_MARGIN_MV: f64 = 5.0;

/// The neuron whose potential is traced: its region and index.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct TracedNeuron {
    /// The region entity and the neuron's row in it, once a neuron was clicked.
    pub neuron: Option<(Entity, u32)>,
}

/// `Update`: makes sure the traced neuron is probed.
pub fn attach_probe(world: &mut World) {
    let Some((region, neuron)) = world.resource::<TracedNeuron>().neuron else {
        return;
    };
    let Ok(mut entity) = world.get_entity_mut(region) else {
        return;
    };
    match entity.get_mut::<StateProbe>() {
        Some(probe) if probe.neurons.contains(&neuron) => return,
        Some(mut probe) => probe.add(neuron),
        None => {
            entity.insert(StateProbe::unrecorded(vec![neuron], PROBE_STEPS));
        }
    }
    neurarium_spiking::models::schedule_all_probes(world);
}

/// Draws the trace panel.
pub fn show(
    ui: &mut egui::Ui,
    traced: &TracedNeuron,
    probes: &Query<(&Region, Option<&StateProbe>)>,
    dt_ms: f64,
) {
    ui.strong("Membrane potential");
    let Some((entity, neuron)) = traced.neuron else {
        ui.label("click a neuron in the spike raster to trace it");
        return;
    };
    let Ok((region, probe)) = probes.get(entity) else {
        ui.label("that region is gone");
        return;
    };
    let samples = probe.and_then(|p| {
        let k = p.neurons.iter().position(|&n| n == neuron)?;
        Some((&p.steps, &p.traces[k]))
    });
    let Some((steps, trace)) = samples.filter(|(steps, _)| !steps.is_empty()) else {
        ui.label(format!(
            "{} #{neuron}: no potential recorded (a spike source has none; otherwise run a step)",
            region.name
        ));
        return;
    };
    let last = trace.back().copied().unwrap_or(f32::NAN);
    if !last.is_finite() {
        ui.label(format!(
            "{} #{neuron}: traced from the next step on",
            region.name
        ));
        return;
    }
    ui.label(format!("{} #{neuron}: {last:.1} mV", region.name));
    let span = (TRACE_MS / dt_ms).ceil() as usize;
    let start = steps.len().saturating_sub(span);
    let points: PlotPoints = steps
        .iter()
        .zip(trace.iter())
        .skip(start)
        .filter(|(_, v)| v.is_finite())
        .map(|(&step, &v)| [step as f64 * dt_ms, f64::from(v)])
        .collect();
    // A silent neuron's flat line would otherwise get an arbitrary span around it.
    let (low, high) = points
        .points()
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.y), hi.max(p.y))
        });
    Plot::new("membrane_plot")
        .height(PLOT_HEIGHT)
        .include_y(low - Y_MARGIN_MV)
        .include_y(high + Y_MARGIN_MV)
        .x_axis_label("simulated time (ms)")
        .y_axis_label("mV")
        .show(ui, |plot| {
            plot.line(
                Line::new("v", points)
                    .color(egui::Color32::from_rgb(240, 220, 100))
                    .width(1.2),
            );
        });
}
