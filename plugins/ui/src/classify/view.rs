//! The classification panel: two rows of small views.
//!
//! - With a resistor network: its own panel first ([`crate::circuit`]).
//! - With a competitive layer (Diehl & Cook) instead of an energy network: the digit on show
//!   with the answer and the spikes it drew, the receptive fields with each neuron's class,
//!   and the adaptive thresholds ([`crate::classify::fields`]).
//! - **Now**: the digit on show (the first of this step's batch) with its label, and the
//!   network's answer as bars (the chosen class orange, the true one's label green).
//! - **Layers**: every layer's states at the free equilibrium of that digit (input, hidden
//!   units on a grid, output), grey from 0 (black) to 1 (white).
//! - **Energy during relaxation**: `E` after each step of that digit's free phase (EqProp).
//! - **Draw a digit**: a pad to paint on with the mouse; the network relaxes to its answer.
//! - **Accuracy per epoch**: training (while learning), validation and test.
//! - **Confusion**: the last finished epoch's test counts, true class by row.
//! - **Dreams**: each class clamped on the output, the input relaxed free: what the network
//!   expects of the class (recomputed every epoch).

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use neurarium_circuits::brain::network::CircuitBrain;
use neurarium_energy::prelude::EnergyBrain;
use neurarium_energy::trace::Traced;
use neurarium_sim::prelude::{ExamplePort, SimClock};
use neurarium_sim::protocol::examples::argmax;
use neurarium_tasks::classify::classifier::Classifier;
use neurarium_tasks::classify::epoch::EpochScores;

use neurarium_spiking::prelude::CompetitiveBrain;

use crate::circuit::view::{CircuitPanel, TestScores};
use crate::classify::cache::NetworkPictures;
use crate::classify::fields::{self, FieldsTexture};
use crate::classify::pad::{self, DrawPad};
use crate::classify::pictures::{answer_bars, confusion, image, units};

/// Width of a small picture, points.
const PICTURE: f32 = 150.0;
/// Height of the plots, points.
const PLOT_HEIGHT: f32 = 200.0;

/// The classification task's view (see the module docs).
#[allow(clippy::too_many_arguments)] // one query or resource per thing the panel shows
pub fn classify_view_panel(
    InMut(ui): InMut<egui::Ui>,
    tasks: Query<&Classifier>,
    brains: Query<(&EnergyBrain, &ExamplePort)>,
    competitive: Query<(&CompetitiveBrain, &ExamplePort)>,
    clock: Res<SimClock>,
    mut pictures: ResMut<NetworkPictures>,
    mut drawing: ResMut<DrawPad>,
    mut fields_texture: ResMut<FieldsTexture>,
    mut circuits: Query<&mut CircuitBrain>,
    mut circuit_panel: ResMut<CircuitPanel>,
) {
    let Ok(task) = tasks.single() else {
        return;
    };
    let brain = brains.iter().next();
    let competitive = competitive.iter().next();
    egui::ScrollArea::both().show(ui, |ui| {
        if let Some(mut circuit) = circuits.iter_mut().next() {
            let scores = TestScores {
                name: "test accuracy",
                values: task.history.iter().map(|s| s.test).collect(),
            };
            crate::circuit::view::show(ui, &mut circuit, &scores, &mut circuit_panel);
        }
        ui.horizontal_top(|ui| {
            if let Some((layer, port)) = competitive {
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.strong("Now");
                        fields::now(ui, layer, port, PICTURE);
                    });
                });
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.strong(format!(
                            "Receptive fields ({} neurons, {} presentations; class in the corner)",
                            layer.layer.neurons(),
                            layer.layer.presentations
                        ));
                        fields::fields(ui, layer, clock.step, &mut fields_texture);
                    });
                });
            } else if let Some((brain, port)) = brain {
                now_and_layers(ui, brain, port, clock.step, &mut pictures);
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.strong("Draw a digit");
                        pad::show(ui, &mut drawing, PICTURE);
                        if drawing.is_blank() {
                            ui.label("drag to draw");
                        } else if let Some(traced) =
                            pictures.pad(brain, &drawing.centred(), drawing.version, clock.step)
                        {
                            ui.small("seen centred, as MNIST's digits are");
                            answer_line(ui, traced, None);
                            answer_bars(ui, traced.output(), None, PICTURE);
                        }
                    });
                });
            } else if circuits.is_empty() {
                ui.label("no network answers this task");
            }
        });
        ui.horizontal_top(|ui| {
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong("Accuracy per epoch");
                    accuracy_plot(ui, &task.history);
                });
            });
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong("Confusion (test, last epoch)");
                    if task.last_confusion.is_empty() {
                        ui.label("after the first epoch");
                    } else {
                        confusion(ui, &task.last_confusion, task.plan.classes, 250.0);
                    }
                });
            });
            if let Some((layer, _)) = competitive {
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.strong("Adaptive thresholds θ");
                        fields::thresholds_and_classes(ui, layer);
                    });
                });
            }
            if let Some((brain, _)) = brain {
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.strong(format!("Dreams (epoch {})", brain.trainer.epoch));
                        let dreams = pictures.dreams(brain, clock.step);
                        egui::Grid::new("dreams").show(ui, |ui| {
                            for (class, dream) in dreams.iter().enumerate() {
                                ui.vertical(|ui| {
                                    image(ui, dream, 80.0);
                                    ui.small(class.to_string());
                                });
                                if class % 5 == 4 {
                                    ui.end_row();
                                }
                            }
                        });
                    });
                });
            }
        });
    });
}

/// The digit on show with the answer, the layers' states and the energy trace.
fn now_and_layers(
    ui: &mut egui::Ui,
    brain: &EnergyBrain,
    port: &ExamplePort,
    step: u64,
    pictures: &mut NetworkPictures,
) {
    let shown = (port.count > 0 && port.inputs.len() >= port.features)
        .then(|| &port.inputs[..port.features]);
    let truth = port.labels.first().copied();
    let traced = shown.and_then(|input| pictures.shown(brain, input, step));
    ui.group(|ui| {
        ui.vertical(|ui| {
            ui.strong("Now");
            match (shown, traced) {
                (Some(input), Some(traced)) => {
                    image(ui, input, PICTURE);
                    answer_line(ui, traced, truth);
                    answer_bars(ui, traced.output(), truth, PICTURE);
                }
                _ => {
                    ui.label("no digit on show yet: press play");
                }
            }
        });
    });
    let Some(traced) = traced else {
        return;
    };
    ui.group(|ui| {
        ui.vertical(|ui| {
            ui.strong("Layers at equilibrium");
            ui.horizontal_top(|ui| {
                for (layer, states) in traced.states.iter().enumerate() {
                    ui.vertical(|ui| {
                        let output = layer + 1 == traced.states.len();
                        units(ui, states, if output { 50.0 } else { 110.0 });
                        ui.small(format!("layer {layer}: {}", states.len()));
                    });
                }
            });
        });
    });
    ui.group(|ui| {
        ui.vertical(|ui| {
            ui.strong("Energy during relaxation");
            if traced.energy.is_empty() {
                ui.label("a backprop network does not relax");
            } else {
                Plot::new("relaxation_energy")
                    .width(260.0)
                    .height(PLOT_HEIGHT)
                    .x_axis_label("step")
                    .y_axis_label("E")
                    .show(ui, |plot| {
                        let points: PlotPoints = traced
                            .energy
                            .iter()
                            .enumerate()
                            .map(|(i, &e)| [i as f64, f64::from(e)])
                            .collect();
                        plot.line(Line::new("E", points).width(2.0));
                    });
            }
        });
    });
}

/// "label 7, answer 7, E = …": the answer in words.
fn answer_line(ui: &mut egui::Ui, traced: &Traced, truth: Option<usize>) {
    let answer = argmax(traced.output()).map_or("–".to_owned(), |a| a.to_string());
    let energy = traced
        .energy
        .last()
        .map_or(String::new(), |e| format!(", E = {e:.2}"));
    match truth {
        Some(truth) => ui.label(format!("label {truth}, answer {answer}{energy}")),
        None => ui.label(format!("answer {answer}{energy}")),
    };
}

/// Training, validation and test accuracy per finished epoch, in percent.
fn accuracy_plot(ui: &mut egui::Ui, history: &[EpochScores]) {
    if history.is_empty() {
        ui.label("after the first epoch");
    }
    let series = |pick: fn(&EpochScores) -> f64| -> PlotPoints<'static> {
        history
            .iter()
            .enumerate()
            .filter(|(_, s)| pick(s).is_finite())
            .map(|(i, s)| [(i + 1) as f64, 100.0 * pick(s)])
            .collect()
    };
    Plot::new("accuracy_per_epoch")
        .width(360.0)
        .height(PLOT_HEIGHT)
        .legend(Legend::default())
        .x_axis_label("epoch")
        .y_axis_label("%")
        .show(ui, |plot| {
            plot.line(Line::new("train", series(|s| s.train)));
            plot.line(Line::new("validation", series(|s| s.validation)));
            plot.line(Line::new("test", series(|s| s.test)).width(2.0));
        });
}
