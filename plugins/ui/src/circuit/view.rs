//! A resistor network's panel, within the classification and regression views:
//!
//! - **Free twin** and **Clamped twin** side by side ([`super::twins`]): the network in its
//!   last learning step, edges by conductance, nodes by voltage;
//! - **Error per epoch**: the free twin's mean `½Σ(V_out − T)²` over each epoch's training rows;
//! - **Potentiometer steps**: how many edges sit at each step (the discrete rule);
//! - **Damage**: the task's test score (accuracy, or R²) against the share of edges cut, one
//!   point per epoch, and a
//!   control that cuts edges now (the same cut a scene's `damage` makes);
//! - **Backend**: the simulation or a board on a serial port (the ports this machine lists, or
//!   any path, and a baud rate), and what happened on the board's link lately.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points};
use neurarium_circuits::board::link::{BoardSettings, available_ports};
use neurarium_circuits::brain::network::CircuitBrain;
use neurarium_circuits::coupled::Rule;
use neurarium_circuits::damage::cut_so_far;

use super::layout::layout;
use super::twins::{Twin, draw};

/// Height of the plots, points.
const PLOT_HEIGHT: f32 = 180.0;

/// A wiring, as the layout cache knows it: the network's name, nodes and edges.
type WiringKey = (String, u32, usize);

/// What the panel keeps between frames.
#[derive(Resource, Debug)]
pub struct CircuitPanel {
    /// The layout and the wiring it is for (name, nodes, edges).
    layout: Option<(WiringKey, Vec<[f32; 2]>)>,
    /// The share to cut to, percent.
    cut_to: f64,
    /// The ports listed.
    ports: Vec<String>,
    /// The board's port.
    port: String,
    /// Its baud rate.
    baud: u32,
}

impl Default for CircuitPanel {
    fn default() -> Self {
        let settings = BoardSettings::default();
        Self {
            layout: None,
            cut_to: 25.0,
            ports: available_ports(),
            port: settings.port,
            baud: settings.baud,
        }
    }
}

impl CircuitPanel {
    /// The positions of `brain`'s nodes, laid out once per wiring.
    fn positions(&mut self, brain: &CircuitBrain) -> &[[f32; 2]] {
        let net = &brain.net;
        let key = (
            brain.name.clone(),
            net.circuit.nodes,
            net.circuit.edges.len(),
        );
        if self.layout.as_ref().is_none_or(|(k, _)| *k != key) {
            self.layout = Some((key, layout(&net.circuit, &net.terminals)));
        }
        self.layout.as_ref().map_or(&[], |(_, p)| p.as_slice())
    }
}

/// The task's test score of each finished epoch, for the damage plot.
pub struct TestScores<'a> {
    /// Its name on the axis (`"test accuracy"`, `"test R²"`).
    pub name: &'a str,
    /// One per finished epoch, as fractions (shown in percent).
    pub values: Vec<f64>,
}

/// Draws the panel for `brain`; `scores` are the task's test scores per epoch.
pub fn show(
    ui: &mut egui::Ui,
    brain: &mut CircuitBrain,
    scores: &TestScores,
    panel: &mut CircuitPanel,
) {
    twins(ui, brain, panel);
    ui.horizontal_top(|ui| {
        ui.group(|ui| {
            ui.vertical(|ui| {
                ui.strong("Error per epoch (V²)");
                error_plot(ui, brain);
            });
        });
        ui.group(|ui| {
            ui.vertical(|ui| {
                ui.strong("Potentiometer steps");
                step_histogram(ui, brain);
            });
        });
        ui.group(|ui| {
            ui.vertical(|ui| {
                ui.strong("Damage");
                damage(ui, brain, scores, panel);
            });
        });
        ui.group(|ui| {
            ui.vertical(|ui| {
                ui.strong("Backend");
                backend(ui, brain, panel);
            });
        });
    });
}

/// The free and clamped twins side by side.
fn twins(ui: &mut egui::Ui, brain: &CircuitBrain, panel: &mut CircuitPanel) {
    let net = &brain.net;
    let (free, clamped) = net.learning_step_voltages();
    // The colour scale: the largest |V| of a node not held at an input (the inputs saturate).
    let inputs = &net.terminals.inputs;
    let volts = free
        .iter()
        .zip(clamped)
        .enumerate()
        .filter(|(node, _)| !inputs.contains(&(*node as u32)))
        .flat_map(|(_, (f, c))| [*f, *c])
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let positions = panel.positions(brain).to_vec();
    let width = ((ui.available_width() - 40.0) / 2.0).clamp(200.0, 520.0);
    let size = egui::vec2(width, 0.62 * width);
    ui.horizontal_top(|ui| {
        for (title, voltages) in [("Free twin", free), ("Clamped twin", clamped)] {
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong(title);
                    let twin = Twin {
                        positions: &positions,
                        edges: &net.circuit.edges,
                        alive: &net.alive,
                        conductance: &net.conductance,
                        voltages,
                        volts,
                    };
                    draw(ui, &twin, size);
                });
            });
        }
    });
    let outputs = |v: &[f64]| -> String {
        let volts: Vec<String> = net
            .terminals
            .outputs
            .iter()
            .map(|&o| format!("{:+.3}", v.get(o as usize).copied().unwrap_or(f64::NAN)))
            .collect();
        volts.join(", ")
    };
    ui.small(format!(
        "outputs (V): free {}; clamped {}",
        outputs(free),
        outputs(clamped)
    ));
    let cut = net.alive.iter().filter(|a| !**a).count();
    let mut line = format!(
        "the last learning step; {} nodes, {} edges ({cut} cut), epoch {}; inputs left, outputs right, ground below; \
         edges dark blue (least conductance) to yellow (most), nodes blue (−{volts:.2} V) to red (+{volts:.2} V), inputs beyond",
        net.circuit.nodes,
        net.circuit.edges.len(),
        brain.progress.epoch
    );
    if brain.board.is_some() {
        line.push_str("; on the board: the steps are the board's, node voltages are not measured");
    }
    ui.small(line);
    if let Some(why) = &brain.progress.failed {
        ui.colored_label(
            egui::Color32::from_rgb(240, 120, 100),
            format!("failed: {why}"),
        );
    }
}

fn error_plot(ui: &mut egui::Ui, brain: &CircuitBrain) {
    let points: PlotPoints = brain
        .progress
        .history
        .iter()
        .enumerate()
        .filter(|(_, (e, _))| e.is_finite())
        .map(|(i, (e, _))| [(i + 1) as f64, *e])
        .collect();
    Plot::new("circuit_error")
        .width(260.0)
        .height(PLOT_HEIGHT)
        .x_axis_label("epoch")
        .show(ui, |plot| plot.line(Line::new("error", points).width(2.0)));
}

fn step_histogram(ui: &mut egui::Ui, brain: &CircuitBrain) {
    let Rule::Discrete { potentiometer, .. } = brain.net.learning.rule else {
        ui.label("the continuous rule has no steps");
        return;
    };
    let steps = potentiometer.steps.max(1) as usize;
    let width = steps.div_ceil(32).max(1);
    let mut counts = vec![0u32; steps.div_ceil(width)];
    for (&s, &alive) in brain.net.steps.iter().zip(&brain.net.alive) {
        if alive {
            counts[(s as usize).min(steps - 1) / width] += 1;
        }
    }
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            Bar::new((i * width) as f64 + 0.5 * width as f64, f64::from(n))
                .width(width as f64 * 0.9)
        })
        .collect();
    Plot::new("circuit_steps")
        .width(260.0)
        .height(PLOT_HEIGHT)
        .x_axis_label("step (0: most conductance)")
        .y_axis_label("edges")
        .show(ui, |plot| plot.bar_chart(BarChart::new("edges", bars)));
}

fn damage(
    ui: &mut egui::Ui,
    brain: &mut CircuitBrain,
    scores: &TestScores,
    panel: &mut CircuitPanel,
) {
    let points: PlotPoints = brain
        .progress
        .history
        .iter()
        .zip(&scores.values)
        .filter(|(_, s)| s.is_finite())
        .map(|((_, cut), s)| [100.0 * cut, 100.0 * s])
        .collect();
    Plot::new("circuit_damage")
        .width(260.0)
        .height(PLOT_HEIGHT - 40.0)
        .x_axis_label("edges cut, %")
        .y_axis_label(format!("{}, %", scores.name))
        .include_x(0.0)
        .include_y(0.0)
        .include_y(100.0)
        .show(ui, |plot| {
            plot.points(Points::new("epochs", points).radius(3.0))
        });
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut panel.cut_to, 0.0..=100.0).suffix(" %"));
        let now = 100.0 * cut_so_far(&brain.net);
        let enabled = brain.progress.failed.is_none() && panel.cut_to > now + 0.05;
        if ui.add_enabled(enabled, egui::Button::new("Cut")).clicked() {
            let line = brain.cut_to(panel.cut_to / 100.0, "from the window");
            info!("{line}");
        }
    });
    ui.small(format!("{:.1}% cut now", 100.0 * cut_so_far(&brain.net)));
}

fn backend(ui: &mut egui::Ui, brain: &mut CircuitBrain, panel: &mut CircuitPanel) {
    match &brain.board {
        Some(board) => {
            ui.label(format!("board on {}", board.link.port()));
            if ui.button("Back to the simulation").clicked() {
                brain.use_simulation();
            }
        }
        None => {
            ui.label("simulated (Kirchhoff solves in the app)");
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("circuit_port")
                    .selected_text(if panel.ports.is_empty() {
                        "no ports listed"
                    } else {
                        "ports"
                    })
                    .show_ui(ui, |ui| {
                        for port in &panel.ports {
                            ui.selectable_value(&mut panel.port, port.clone(), port);
                        }
                    });
                if ui
                    .small_button("⟳")
                    .on_hover_text("list the ports again")
                    .clicked()
                {
                    panel.ports = available_ports();
                }
            });
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut panel.port).desired_width(150.0));
                ui.add(egui::DragValue::new(&mut panel.baud).prefix("baud "));
            });
            let discrete = matches!(brain.net.learning.rule, Rule::Discrete { .. });
            if ui
                .add_enabled(discrete, egui::Button::new("Use the board"))
                .clicked()
            {
                // A frame waits at most a second for the board.
                let settings = BoardSettings {
                    port: panel.port.clone(),
                    baud: panel.baud,
                    wait_ms: 1000,
                    ..BoardSettings::default()
                };
                brain.use_board(settings);
            }
        }
    }
    if let Some(board) = &brain.board {
        for line in board.log.iter().rev().take(6) {
            ui.small(line);
        }
    }
}
