//! Problems, in red under the top bar: a fault that stopped the run, a scene edit that was
//! rejected or a picked file that could not be opened, while the last good scene keeps
//! running.

use bevy_egui::egui;

use crate::plugin::PanelState;

/// Draws the problems panel when there is a problem.
pub fn show(root: &mut egui::Ui, state: &PanelState) {
    let fault = state.fault.0.as_ref().map(|f| format!("Stopped: {f}"));
    let reload = state
        .reload
        .error
        .as_ref()
        .map(|e| format!("Scene edit rejected, still running the last good scene:\n{e}"));
    let open = state
        .open_status
        .error
        .as_ref()
        .map(|e| format!("Could not open it, still running the scene before:\n{e}"));
    let messages: Vec<String> = fault.into_iter().chain(reload).chain(open).collect();
    if messages.is_empty() {
        return;
    }
    egui::Panel::top("problems").show(root, |ui| {
        for message in messages {
            ui.label(
                egui::RichText::new(message)
                    .color(egui::Color32::from_rgb(255, 110, 110))
                    .monospace(),
            );
        }
    });
}
