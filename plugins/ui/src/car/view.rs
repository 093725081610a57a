//! The car view: the track's walls, the car and its sensor rays, seen from above.
//!
//! World coordinates are metres with `y` up; the view maps them to the panel with `y` down.
//! "Follow" keeps the car in the middle at [`FOLLOW_SPAN_M`] across (the camera follows it);
//! otherwise the whole track fits the panel. Each ray is drawn from the car to where it hit
//! (`reading · range`), with a dot at the hit when a wall is in range; rays shade from green
//! (far) to red (near). "Drive by hand" steers the car with the arrow keys
//! ([`ManualDrive`]). Under the drawing: episode, car time, progress, laps and the last
//! control step's reward.

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_sim::prelude::Episodes;
use neurarium_tasks::prelude::{
    Car, CarState, CarStatus, ManualDrive, RaySensors, Track, WallLines,
};

/// Width of the view in follow mode, m.
pub const FOLLOW_SPAN_M: f32 = 30.0;

/// One car, as the view draws it.
pub type CarView<'a> = (&'a Car, &'a CarState, &'a CarStatus, &'a RaySensors);

/// Maps world metres to panel points.
struct Projection {
    centre_m: Vec2,
    points_per_m: f32,
    centre_px: egui::Pos2,
}

impl Projection {
    fn to_screen(&self, p: Vec2) -> egui::Pos2 {
        let d = (p - self.centre_m) * self.points_per_m;
        egui::pos2(self.centre_px.x + d.x, self.centre_px.y - d.y)
    }

    /// A view of the box `min..max` (m) fitting `rect`.
    fn fitting(min: Vec2, max: Vec2, rect: egui::Rect) -> Self {
        let span = (max - min).max(Vec2::splat(1.0));
        let points_per_m = (rect.width() / span.x).min(rect.height() / span.y) * 0.92;
        Self {
            centre_m: 0.5 * (min + max),
            points_per_m,
            centre_px: rect.center(),
        }
    }
}

/// The car task's view: [`show`] for the world's track and car, if there are both.
pub fn car_view_panel(
    InMut(ui): InMut<egui::Ui>,
    tracks: Query<&Track>,
    cars: Query<(&Car, &CarState, &CarStatus, &RaySensors)>,
    episodes: Res<Episodes>,
    mut manual: ResMut<ManualDrive>,
) {
    if let (Ok(track), Ok(car)) = (tracks.single(), cars.single()) {
        show(ui, track, car, episodes.completed, &mut manual);
    }
}

/// Draws the car view into `ui`: a follow toggle, the drawing, and a status line.
pub fn show(
    ui: &mut egui::Ui,
    track: &Track,
    car: CarView<'_>,
    episode: u64,
    manual: &mut ManualDrive,
) {
    let (car, state, status, rays) = car;
    let follow_id = egui::Id::new("car_view_follow");
    let mut follow = ui.data(|d| d.get_temp::<bool>(follow_id).unwrap_or(true));
    ui.horizontal(|ui| {
        ui.strong("Track");
        ui.checkbox(&mut follow, "follow the car");
        ui.checkbox(&mut manual.on, "drive by hand (arrow keys)");
    });
    if manual.on {
        manual.steering = ui.input(|input| {
            let key = |k| f32::from(u8::from(input.key_down(k)));
            key(egui::Key::ArrowLeft) - key(egui::Key::ArrowRight)
        });
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "episode {episode} · {:.1} s · progress {:.1} m · laps {} · reward {:+.3}{}",
            status.time_s,
            status.progress_m,
            status.laps,
            status.reward,
            if status.crashed { " · crashed" } else { "" }
        ));
    });
    ui.data_mut(|d| d.insert_temp(follow_id, follow));

    let size = ui.available_size();
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, egui::Color32::from_rgb(18, 22, 28));
    let walls = WallLines::of(track);
    let view = if follow {
        Projection {
            centre_m: state.position,
            points_per_m: rect.width().min(rect.height() * 1.6) / FOLLOW_SPAN_M,
            centre_px: rect.center(),
        }
    } else {
        let all = walls.left.iter().chain(&walls.right);
        let (min, max) = all.fold(
            (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)),
            |(lo, hi), &p| (lo.min(p), hi.max(p)),
        );
        Projection::fitting(min, max, rect)
    };
    let painter = painter.with_clip_rect(rect);
    let wall_stroke = egui::Stroke::new(2.0, egui::Color32::from_rgb(200, 205, 215));
    for wall in [&walls.left, &walls.right] {
        let points: Vec<egui::Pos2> = wall.iter().map(|&p| view.to_screen(p)).collect();
        let shape = if walls.closed {
            egui::Shape::closed_line(points, wall_stroke)
        } else {
            egui::Shape::line(points, wall_stroke)
        };
        painter.add(shape);
    }

    let forward = Vec2::from_angle(state.heading);
    for (&angle, &reading) in rays.angles_rad.iter().zip(&rays.readings) {
        let direction = Vec2::from_angle(state.heading + angle);
        let hit = state.position + direction * reading * rays.range_m;
        let near = 1.0 - reading.clamp(0.0, 1.0);
        let colour = egui::Color32::from_rgb(
            (80.0 + 175.0 * near) as u8,
            (200.0 * (1.0 - near) + 40.0) as u8,
            60,
        );
        painter.line_segment(
            [view.to_screen(state.position), view.to_screen(hit)],
            egui::Stroke::new(1.0, colour),
        );
        if reading < 1.0 {
            painter.circle_filled(view.to_screen(hit), 3.0, colour);
        }
    }

    let side = forward.perp();
    let (half_length, half_width) = (0.5 * car.params.length_m, 0.5 * car.params.width_m);
    let body: Vec<egui::Pos2> = [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)]
        .iter()
        .map(|&(f, s)| {
            view.to_screen(state.position + forward * f * half_length + side * s * half_width)
        })
        .collect();
    let fill = if status.crashed {
        egui::Color32::from_rgb(220, 60, 60)
    } else {
        egui::Color32::from_rgb(90, 160, 255)
    };
    painter.add(egui::Shape::convex_polygon(body, fill, egui::Stroke::NONE));
    // The nose, so the heading is visible when zoomed out.
    painter.circle_filled(
        view.to_screen(state.position + forward * half_length),
        2.5,
        egui::Color32::WHITE,
    );
}
