//! The table view: the row shown now (its features as bars, its class and the brain's answer),
//! the training and test accuracy of every finished epoch, and the confusion matrix of the last
//! test pass (rows: the true class, columns: the answer). The class pools' spikes are in the
//! raster below.

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use neurarium_tasks::table::presenter::{Pass, Presenter, TableData};

use crate::classify::pictures::confusion;

/// Height of the accuracy plot, points.
const PLOT_HEIGHT: f32 = 200.0;

/// The table task's view: [`show`] for the world's table, if there is one.
pub fn table_view_panel(InMut(ui): InMut<egui::Ui>, tasks: Query<(&Presenter, &TableData)>) {
    if let Ok((presenter, data)) = tasks.single() {
        show(ui, presenter, data);
    }
}

/// Draws the table view into `ui`.
pub fn show(ui: &mut egui::Ui, presenter: &Presenter, data: &TableData) {
    let row = presenter.row();
    let label = data.table.labels[row];
    let name = |class: usize| {
        data.table
            .class_names
            .as_ref()
            .and_then(|names| names.get(class).cloned())
            .unwrap_or_else(|| class.to_string())
    };
    ui.horizontal(|ui| {
        ui.strong("Table");
        ui.label(format!(
            "epoch {} · {} row {} of {} · class {} · answer {}",
            presenter.epoch + 1,
            if presenter.pass == Pass::Train {
                "training"
            } else {
                "test"
            },
            presenter.position + 1,
            presenter.order.len(),
            name(label),
            match presenter.answer {
                None => "…".to_owned(),
                Some(None) => "none".to_owned(),
                Some(Some(a)) => format!("{}{}", name(a), if a == label { " ✔" } else { " ✘" }),
            }
        ));
    });
    let mut scaled = vec![0.0; data.table.features];
    data.scaled(row, &mut scaled);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label("features (scaled)");
            feature_bars(ui, &scaled, 160.0);
            ui.label("last test pass");
            if presenter.last_confusion.is_empty() {
                ui.label("after the first epoch");
            } else {
                confusion(ui, &presenter.last_confusion, data.table.classes, 160.0);
            }
        });
        ui.vertical(|ui| {
            ui.label("accuracy per epoch (%)");
            let line = |pick: fn(&(f64, f64)) -> f64| -> PlotPoints<'static> {
                presenter
                    .history
                    .iter()
                    .enumerate()
                    .map(|(i, scores)| [(i + 1) as f64, 100.0 * pick(scores)])
                    .collect()
            };
            Plot::new("table_accuracy")
                .height(PLOT_HEIGHT)
                .legend(Legend::default())
                .x_axis_label("epoch")
                .include_y(0.0)
                .include_y(100.0)
                .show(ui, |plot| {
                    plot.line(Line::new("training (while learning)", line(|s| s.0)));
                    plot.line(Line::new("test", line(|s| s.1)).width(2.0));
                });
        });
    });
}

/// One bar per value in `0..1`.
fn feature_bars(ui: &mut egui::Ui, values: &[f32], width: f32) {
    let height = 50.0;
    let (response, painter) = ui.allocate_painter(egui::vec2(width, height), egui::Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, egui::Color32::from_gray(10));
    let bar = width / values.len().max(1) as f32;
    for (i, &v) in values.iter().enumerate() {
        let top = rect.bottom() - v.clamp(0.0, 1.0) * height;
        let bar_rect = egui::Rect::from_min_max(
            egui::pos2(rect.left() + i as f32 * bar + 1.0, top),
            egui::pos2(rect.left() + (i + 1) as f32 * bar - 1.0, rect.bottom()),
        );
        painter.rect_filled(bar_rect, 0.0, egui::Color32::from_rgb(120, 170, 255));
    }
}
