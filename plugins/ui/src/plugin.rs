//! [`UiPlugin`]: egui, a camera, the panels and the screenshot system.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use neurarium_scene::prelude::{LoadedScene, SceneReloadStatus};
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{Dopamine, LearningRate, Region, SpikeRaster, Spikes, StateProbe};
use neurarium_tasks::prelude::{
    Car, CarHistory, CarState, CarStatus, Curriculum, ManualDrive, RaySensors, Track,
};

use crate::membrane::{TracedNeuron, attach_probe};
use crate::screenshot::take_requested_screenshot;
use crate::weights::PlasticProjections;

/// The visualizer's panels. Needs Bevy's window and render plugins.
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            .insert_resource(ClearColor(Color::srgb(0.06, 0.07, 0.09)))
            .add_systems(Startup, spawn_camera)
            .add_systems(EguiPrimaryContextPass, draw_panels)
            .init_resource::<TracedNeuron>()
            .add_systems(Update, (take_requested_screenshot, attach_probe));
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

/// The simulation state the panels read and the controls they change.
#[derive(SystemParam)]
pub struct PanelState<'w, 's> {
    /// Play, pause, step, speed.
    pub control: ResMut<'w, SimControl>,
    /// Simulated time.
    pub clock: Res<'w, SimClock>,
    /// The metrics table.
    pub metrics: Res<'w, Metrics>,
    /// A runaway value, if one stopped the run.
    pub fault: Res<'w, SimFault>,
    /// The scene that runs.
    pub scene: Option<Res<'w, LoadedScene>>,
    /// The outcome of the last scene edit.
    pub reload: Res<'w, SceneReloadStatus>,
    /// Every region with its monitors.
    pub regions: Query<
        'w,
        's,
        (
            Entity,
            &'static Region,
            &'static Spikes,
            &'static SpikeRaster,
        ),
    >,
    /// Every region with its state probe, if any.
    pub probes: Query<'w, 's, (&'static Region, Option<&'static StateProbe>)>,
    /// The neuron whose membrane is traced.
    pub traced: ResMut<'w, TracedNeuron>,
    /// Episodes completed.
    pub episodes: Res<'w, Episodes>,
    /// Every episode's outcome (car task).
    pub history: Res<'w, CarHistory>,
    /// The global dopamine signal.
    pub dopamine: Res<'w, Dopamine>,
    /// The factor on every plastic weight change.
    pub learning_rate: Res<'w, LearningRate>,
    /// The car's curriculum, if any.
    pub curricula: Query<'w, 's, &'static Curriculum>,
    /// The plastic projections, for the weight heat map.
    pub plastic: PlasticProjections<'w, 's>,
    /// Every region, looked up by entity.
    pub region_sizes: Query<'w, 's, &'static Region>,
    /// Manual drive of the car.
    pub manual: ResMut<'w, ManualDrive>,
    /// The track of a car task, if any.
    pub tracks: Query<'w, 's, &'static Track>,
    /// The car of a car task, if any.
    pub cars: Query<
        'w,
        's,
        (
            &'static Car,
            &'static CarState,
            &'static CarStatus,
            &'static RaySensors,
        ),
    >,
}

/// One region's components, as the panels read them.
pub type RegionView<'a> = (Entity, &'a Region, &'a Spikes, &'a SpikeRaster);

impl PanelState<'_, '_> {
    /// The regions in scene order.
    pub fn regions_in_order(&self) -> Vec<RegionView<'_>> {
        let mut regions: Vec<RegionView<'_>> = self.regions.iter().collect();
        regions.sort_by_key(|r| r.1.index);
        regions
    }
}

/// Draws every panel, once per frame.
pub fn draw_panels(mut contexts: EguiContexts, mut state: PanelState) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("neurarium_root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::top("top_bar").show(&mut root, |ui| crate::top_bar::show(ui, &mut state));
    crate::problems::show(&mut root, &state);
    egui::Panel::left("regions")
        .default_size(240.0)
        .resizable(true)
        .show(&mut root, |ui| {
            crate::regions::show(ui, &state);
            ui.add_space(8.0);
            crate::weights::show(ui, &state.plastic, &state.region_sizes);
            ui.add_space(8.0);
            crate::membrane::show(ui, &state.traced, &state.probes, state.clock.dt_ms);
        });
    egui::Panel::bottom("rates")
        .default_size(220.0)
        .resizable(true)
        .show(&mut root, |ui| crate::rates::show(ui, &state.metrics));
    egui::CentralPanel::default().show(&mut root, |ui| {
        if let (Ok(track), Ok(car)) = (state.tracks.single(), state.cars.single()) {
            let height = 0.6 * ui.available_height();
            let width = ui.available_width();
            let top_down = egui::Layout::top_down(egui::Align::Min);
            ui.horizontal(|ui| {
                ui.allocate_ui_with_layout(egui::vec2(0.62 * width, height), top_down, |ui| {
                    let episode = state.episodes.completed;
                    crate::car_view::show(ui, track, car, episode, &mut state.manual);
                });
                ui.allocate_ui_with_layout(ui.available_size(), top_down, |ui| {
                    let view = crate::learning::LearningView {
                        history: &state.history,
                        dopamine: &state.dopamine,
                        curriculum: state.curricula.single().ok(),
                        learning_rate: state.learning_rate.scale,
                    };
                    crate::learning::show(ui, &view);
                });
            });
            ui.separator();
        }
        if let Some(neuron) = crate::raster::show(ui, &state) {
            state.traced.neuron = Some(neuron);
        }
    });
    Ok(())
}
