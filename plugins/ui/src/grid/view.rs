//! The grid view: the map seen from above, every free cell shaded by its learnt value (the
//! critic's, when the brain has one: dark blue lowest, yellow highest) with an arrow for the
//! move the brain prefers there (longer and brighter when it is surer, [`super::policy`]),
//! walls in grey, the goal in green, the agent as a white disc. Under the drawing: episode,
//! moves this episode and the shortest from its start, and the last reward.

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_sim::prelude::Episodes;
use neurarium_spiking::prelude::{Critic, ProjectionLink, Region, Synapses};
use neurarium_tasks::grid::agent::Agent;
use neurarium_tasks::grid::map::Move;
use neurarium_tasks::grid::moved_goal::{GoalSchedule, Stage};
use neurarium_tasks::grid::systems::{GridPorts, GridWorld};

use super::policy::{Preference, preferences};

/// The grid task's view: [`show`] for the world's grid, with the brain's preferences and values
/// when it has them.
pub fn grid_view_panel(
    InMut(ui): InMut<egui::Ui>,
    grids: Query<(&Agent, &GridWorld, Option<&GridPorts>)>,
    projections: Query<(&ProjectionLink, &Synapses)>,
    regions: Query<&Region>,
    critic: Option<Res<Critic>>,
    episodes: Res<Episodes>,
) {
    let Ok((agent, grid, ports)) = grids.single() else {
        return;
    };
    let cells = grid.map.rows * grid.map.cols;
    let prefs = ports
        .and_then(|ports| {
            let (_, synapses) = projections
                .iter()
                .find(|(link, _)| link.source == ports.place && link.target == ports.motor)?;
            let motor = regions.get(ports.motor).ok()?;
            (!synapses.weights.is_empty()).then(|| {
                preferences(
                    cells,
                    &synapses.row_offsets,
                    &synapses.targets,
                    &synapses.weights,
                    motor.size,
                )
            })
        })
        .unwrap_or_else(|| vec![None; cells]);
    let values = critic
        .filter(|c| c.region.is_some() && c.values.len() % cells == 0 && !c.values.is_empty())
        .map(|c| {
            let k = c.values.len() / cells;
            (0..cells)
                .map(|cell| c.values[cell * k..(cell + 1) * k].iter().sum::<f32>() / k as f32)
                .collect::<Vec<f32>>()
        });
    show(
        ui,
        agent,
        grid,
        &prefs,
        values.as_deref(),
        episodes.completed,
    );
}

/// Dark blue (0) to yellow (1).
fn heat(t: f32) -> egui::Color32 {
    let t = t.clamp(0.0, 1.0);
    egui::Color32::from_rgb(
        (30.0 + 200.0 * t) as u8,
        (40.0 + 170.0 * t) as u8,
        (90.0 - 50.0 * t) as u8,
    )
}

/// The goal's cell, and the other goal's outline when the scene moves it.
const GOAL_GREEN: egui::Color32 = egui::Color32::from_rgb(60, 170, 90);

/// Draws the grid view into `ui`.
pub fn show(
    ui: &mut egui::Ui,
    agent: &Agent,
    grid: &GridWorld,
    prefs: &[Option<Preference>],
    values: Option<&[f32]>,
    episode: u64,
) {
    let map = &grid.map;
    let shortest = map.distance(agent.start).unwrap_or(0);
    ui.horizontal(|ui| {
        ui.strong("Grid");
        ui.label(format!(
            "episode {episode} · moves {} (shortest from its start {shortest}) · bumps {} · last reward {}",
            agent.moves,
            agent.bumps,
            agent.moved.map_or("–".to_owned(), |r| format!("{r:+.2}"))
        ));
    });
    ui.label(match values {
        Some(_) => "cells shaded by the critic's value (blue low, yellow high); arrows: the move the brain prefers",
        None => "arrows: the move the brain prefers (no critic: no values)",
    });
    if let Some(schedule) = &grid.schedule {
        ui.label(goal_line(schedule, agent));
    }
    let size = ui.available_size();
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, egui::Color32::from_rgb(18, 22, 28));
    let cell = (rect.width() / map.cols as f32)
        .min(rect.height() / map.rows as f32)
        .max(1.0);
    let origin =
        rect.center() - egui::vec2(cell * map.cols as f32 / 2.0, cell * map.rows as f32 / 2.0);
    let centre =
        |r: usize, c: usize| origin + egui::vec2((c as f32 + 0.5) * cell, (r as f32 + 0.5) * cell);
    let (low, high) = values.map_or((0.0, 1.0), |v| {
        v.iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)))
    });
    for r in 0..map.rows {
        for c in 0..map.cols {
            let square =
                egui::Rect::from_center_size(centre(r, c), egui::vec2(cell - 2.0, cell - 2.0));
            let index = r * map.cols + c;
            let fill = if !map.is_free((r, c)) {
                egui::Color32::from_rgb(90, 95, 105)
            } else if (r, c) == map.goal {
                GOAL_GREEN
            } else if let Some(v) = values {
                heat((v[index] - low) / (high - low).max(1e-6))
            } else {
                egui::Color32::from_rgb(40, 46, 56)
            };
            painter.rect_filled(square, 2.0, fill);
            if map.is_free((r, c))
                && (r, c) != map.goal
                && let Some(Some(pref)) = prefs.get(index)
            {
                let (dr, dc) = Move::ALL[pref.pool].delta();
                let direction = egui::vec2(dc as f32, dr as f32);
                let length = cell * (0.3 + 0.35 * pref.margin);
                let from = centre(r, c) - direction * length * 0.5;
                let alpha = (120.0 + 135.0 * pref.margin) as u8;
                let ink = contrasting(fill);
                painter.arrow(
                    from,
                    direction * length,
                    egui::Stroke::new(
                        2.0,
                        egui::Color32::from_rgba_unmultiplied(ink, ink, ink, alpha),
                    ),
                );
            }
        }
    }
    if let Some(schedule) = &grid.schedule {
        // The other goal, outlined: where the goal was or will be.
        let other = schedule.map(!agent.goal_moved).goal;
        painter.rect_stroke(
            egui::Rect::from_center_size(
                centre(other.0, other.1),
                egui::vec2(cell - 8.0, cell - 8.0),
            ),
            2.0,
            egui::Stroke::new(3.0, GOAL_GREEN),
            egui::StrokeKind::Inside,
        );
    }
    painter.circle_filled(
        centre(agent.cell.0, agent.cell.1),
        cell * 0.22,
        egui::Color32::WHITE,
    );
    painter.circle_stroke(
        centre(agent.cell.0, agent.cell.1),
        cell * 0.22,
        egui::Stroke::new(2.0, egui::Color32::from_rgb(230, 80, 80)),
    );
}

/// Where the goal is in a run that moves it, and when it moves.
fn goal_line(schedule: &GoalSchedule, agent: &Agent) -> String {
    let moved = &schedule.moved;
    let (home, away) = (schedule.home.goal, moved.cell);
    let back_at = moved.after_episodes + moved.for_episodes;
    let stage = match moved.stage(agent.episode) {
        Stage::Before => format!(
            "task A: the goal at {home:?}; it moves to {away:?} at episode {}",
            moved.after_episodes
        ),
        Stage::Moved => {
            let now = if agent.goal_moved {
                format!("task B: the goal at {away:?}")
            } else {
                format!("replay of task A: the goal at {home:?}")
            };
            format!(
                "{now} ({:.0}% of episodes replay A); back to {home:?} at episode {back_at}",
                100.0 * moved.replay
            )
        }
        Stage::Back => format!("task A again: the goal back at {home:?} since episode {back_at}"),
    };
    format!("{stage} · the other goal outlined")
}

/// The grey level (0 black, 255 white) an arrow is drawn in on a cell of colour `fill`: dark
/// on light cells (the high values' yellow), white on dark ones.
fn contrasting(fill: egui::Color32) -> u8 {
    let luminance =
        0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if luminance > 140.0 { 20 } else { 255 }
}
