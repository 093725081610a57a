//! The CartPole view (see [`crate::cartpole`]): the rail from `−x_limit` to `+x_limit` with its
//! ends in red, the cart as a grey box, the pole from the hinge at the cart's centre at angle `θ`
//! (from upright, toward `+x`) in orange, and two faint lines at `±theta_limit` where the episode
//! ends. With active inference: each candidate's last imagined pole as a faint ghost and the
//! chosen candidate's imagined path brighter; under the drawing, the planner's best cost and the
//! world model's errors. Then the step, the state and the last push.

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};
use neurarium_cartpole::systems::PushByHand;
use neurarium_cartpole::world::CartPoleWorld;
use neurarium_sim::prelude::Episodes;

/// The pole's colour.
pub const POLE: egui::Color32 = egui::Color32::from_rgb(235, 150, 50);
/// The cart's colour.
pub const CART: egui::Color32 = egui::Color32::from_rgb(150, 160, 175);
/// An imagined pole of a candidate the planner did not choose (its last imagined state).
pub const GHOST: egui::Color32 = egui::Color32::from_rgba_premultiplied(60, 90, 120, 90);
/// The chosen candidate's imagined poles.
pub const GHOST_CHOSEN: egui::Color32 = egui::Color32::from_rgba_premultiplied(90, 170, 230, 160);

/// The CartPole task's view.
pub fn cartpole_view_panel(
    InMut(ui): InMut<egui::Ui>,
    worlds: Query<&CartPoleWorld>,
    episodes: Res<Episodes>,
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mut by_hand: ResMut<PushByHand>,
) {
    let Ok(world) = worlds.single() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.checkbox(
            &mut by_hand.on,
            "push by hand (the left and right arrow keys)",
        );
        if by_hand.on {
            ui.small("the arrow held pushes each step; none held: the controller's push");
        }
    });
    by_hand.right = keys.and_then(|keys| {
        match (
            keys.pressed(KeyCode::ArrowLeft),
            keys.pressed(KeyCode::ArrowRight),
        ) {
            (true, false) => Some(false),
            (false, true) => Some(true),
            _ => None,
        }
    });
    draw(ui, world, &episodes);
    if let Some(agent) = &world.agent {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.strong("Cost of each imagined future (the chosen one orange)");
                costs_plot(ui, &agent.planner.costs, agent.planner.chosen);
            });
            ui.vertical(|ui| {
                ui.strong("θ that came and θ imagined one step ahead, this episode");
                prediction_plot(ui, &agent.predictions);
            });
        });
    }
}

/// The cart and the pole, the imagined poles, and the lines under them.
fn draw(ui: &mut egui::Ui, world: &CartPoleWorld, episodes: &Episodes) {
    let params = world.body.params();
    let s = world.state;
    let width = ui.available_width().clamp(300.0, 900.0);
    let (response, painter) = ui.allocate_painter(egui::vec2(width, 260.0), egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 4.0, egui::Color32::from_gray(20));
    // Metres to points: the rail (±x_limit) fills the width, less a margin.
    let scale = (rect.width() - 40.0) / (2.0 * params.x_limit) as f32;
    let rail_y = rect.bottom() - 50.0;
    let at = |x: f64, up: f64| {
        egui::pos2(
            rect.center().x + x as f32 * scale,
            rail_y - up as f32 * scale,
        )
    };
    let rail = egui::Stroke::new(2.0, egui::Color32::from_gray(110));
    painter.line_segment([at(-params.x_limit, 0.0), at(params.x_limit, 0.0)], rail);
    for end in [-params.x_limit, params.x_limit] {
        let red = egui::Stroke::new(3.0, egui::Color32::from_rgb(200, 60, 60));
        painter.line_segment([at(end, -0.1), at(end, 0.1)], red);
    }
    let pole_length = 2.0 * params.half_length;
    for limit in [-params.theta_limit, params.theta_limit] {
        let tip = at(s.x + pole_length * limit.sin(), pole_length * limit.cos());
        let faint = egui::Stroke::new(1.0, egui::Color32::from_gray(70));
        painter.line_segment([at(s.x, 0.0), tip], faint);
    }
    // The planner's imagined futures: each candidate's last imagined pole, faint; the chosen one's
    // whole imagined path brighter.
    if let Some(agent) = &world.agent {
        let planner = &agent.planner;
        for (j, path) in planner.imagined.iter().enumerate() {
            let chosen = j == planner.chosen;
            let shown: Vec<_> = if chosen {
                path.iter().collect()
            } else {
                path.last().into_iter().collect()
            };
            for ghost in shown {
                let tip = at(
                    ghost.x + pole_length * ghost.theta.sin(),
                    pole_length * ghost.theta.cos(),
                );
                let colour = if chosen { GHOST_CHOSEN } else { GHOST };
                painter.line_segment([at(ghost.x, 0.0), tip], egui::Stroke::new(2.0, colour));
            }
        }
    }
    let cart = egui::Rect::from_center_size(at(s.x, 0.0), egui::vec2(0.5 * scale, 0.3 * scale));
    painter.rect_filled(cart, 3.0, CART);
    let tip = at(
        s.x + pole_length * s.theta.sin(),
        pole_length * s.theta.cos(),
    );
    painter.line_segment([at(s.x, 0.0), tip], egui::Stroke::new(0.06 * scale, POLE));
    painter.circle_filled(at(s.x, 0.0), 4.0, egui::Color32::from_gray(230));
    // The last push as an arrow from the cart's side it pushes from (a brain pushes once a
    // window, so most steps push nothing new).
    if let Some(right) = world.last_push {
        let sign = if right { 1.0 } else { -1.0 };
        let from = at(s.x - sign * 0.55, 0.0);
        let arrow = egui::vec2(sign as f32 * 0.25 * scale, 0.0);
        painter.arrow(
            from,
            arrow,
            egui::Stroke::new(3.0, egui::Color32::from_rgb(240, 200, 80)),
        );
    }
    let push = match (world.pushed, world.last_push) {
        (Some(true), _) => "pushed right",
        (Some(false), _) => "pushed left",
        (None, Some(true)) => "last pushed right",
        (None, Some(false)) => "last pushed left",
        (None, None) => "not pushed yet",
    };
    if let Some(agent) = &world.agent {
        let costs = &agent.planner.costs;
        let best = costs.iter().copied().fold(f64::INFINITY, f64::min);
        ui.label(format!(
            "planner: {} candidates of {} steps imagined, the best costs {best:.2} (Σ (θ/12°)² + 0.1 (x/2.4)² + falls); the model's θ error this episode: {} rad one step ahead, {} ten",
            costs.len(),
            agent.planner.spec.horizon,
            radians(agent.errors.one_step_mean()),
            radians(agent.errors.ten_step_mean())
        ));
    }
    ui.label(format!(
        "episode {}, step {}: x {:+.3} m, dx/dt {:+.3} m/s, θ {:+.1}°, dθ/dt {:+.2} rad/s; {push}",
        episodes.completed + 1,
        world.steps,
        s.x,
        s.x_dot,
        s.theta.to_degrees(),
        s.theta_dot
    ));
}

/// `value` to 4 decimals, or a dash before there is one.
fn radians(value: f64) -> String {
    if value.is_finite() {
        format!("{value:.4}")
    } else {
        "—".to_owned()
    }
}

/// Each candidate's cost as a bar, the chosen one orange.
fn costs_plot(ui: &mut egui::Ui, costs: &[f64], chosen: usize) {
    let bars: Vec<Bar> = costs
        .iter()
        .enumerate()
        .map(|(j, &c)| {
            let bar = Bar::new(j as f64, c).width(0.7);
            if j == chosen {
                bar.fill(POLE)
            } else {
                bar.fill(CART)
            }
        })
        .collect();
    Plot::new("cartpole_costs")
        .width(360.0)
        .height(140.0)
        .include_y(0.0)
        .x_axis_label("candidate")
        .show(ui, |plot| plot.bar_chart(BarChart::new("cost", bars)));
}

/// θ that came and θ imagined a step earlier, against the step.
fn prediction_plot(ui: &mut egui::Ui, predictions: &[[f64; 2]]) {
    let series = |k: usize| -> PlotPoints<'static> {
        predictions
            .iter()
            .enumerate()
            .map(|(t, p)| [t as f64 + 1.0, p[k].to_degrees()])
            .collect()
    };
    Plot::new("cartpole_predictions")
        .width(360.0)
        .height(140.0)
        .legend(Legend::default())
        .y_axis_label("θ, °")
        .show(ui, |plot| {
            plot.line(Line::new("came", series(0)));
            plot.line(Line::new("imagined", series(1)));
        });
}
