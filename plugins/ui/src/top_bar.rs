//! The top bar: play / pause, single step, speed, the scene and checkpoint pickers, scene
//! name, simulated time, steps/s.

use bevy_egui::egui;
use neurarium_sim::prelude::Speed;

use crate::plugin::PanelState;

/// Draws the top bar and applies the user's clicks to the clock controls.
pub fn show(ui: &mut egui::Ui, state: &mut PanelState) {
    ui.horizontal(|ui| {
        let control = &mut state.control;
        let play_label = if control.paused {
            "▶ Play"
        } else {
            "⏸ Pause"
        };
        if ui.button(play_label).on_hover_text("Space").clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Space))
        {
            control.paused = !control.paused;
        }
        let step = ui.add_enabled(control.paused, egui::Button::new("⏭ Step"));
        if step
            .on_hover_text("One simulation step (while paused)")
            .clicked()
        {
            control.request_single_step();
        }
        ui.separator();
        ui.label("Speed");
        for speed in Speed::ALL {
            ui.selectable_value(&mut control.speed, speed, speed.label());
        }
        ui.separator();
        crate::pickers::show(ui, state);
        ui.separator();
        let name = state
            .scene
            .as_ref()
            .map_or("no scene", |s| s.document.scene.name.as_str());
        ui.label(egui::RichText::new(name).strong());
        ui.separator();
        ui.monospace(format!("t = {}", format_sim_time(state.clock.time_ms())));
        ui.monospace(format!("step {}", state.clock.step));
        ui.separator();
        ui.monospace(format!("{:.0} steps/s", state.control.steps_per_second));
    });
}

/// `1234.5 ms` → `1.234 s`; below a second stays in ms.
pub fn format_sim_time(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{:.3} s", ms / 1000.0)
    }
}
