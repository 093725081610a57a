//! [`UiPlugin`]: egui, a camera, the panels and the screenshot system.

use bevy::ecs::system::{SystemParam, SystemState};
use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui};
use neurarium_cartpole::task::CartPoleTask;
use neurarium_scene::prelude::{LoadedScene, OpenRequest, OpenStatus, SceneReloadStatus};
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{Critic, Dopamine, Region, SpikeRaster, Spikes, StateProbe};
use neurarium_tasks::classify::task::ClassifyTask;
use neurarium_tasks::grid::task::GridTask;
use neurarium_tasks::prelude::{CarTask, Curriculum, EpisodeHistory};
use neurarium_tasks::regress::task::RegressTask;
use neurarium_tasks::table::task::TableTask;

use crate::membrane::{TracedNeuron, attach_probe};
use crate::pickers::Pickers;
use crate::screenshot::take_requested_screenshot;
use crate::task_views::{TaskViewAppExt, TaskViews};
use crate::weights::PlasticProjections;

/// The visualizer's panels. Needs Bevy's window and render plugins.
///
/// Each task's own view is registered here with one line ([`TaskViewAppExt::add_task_view`]).
pub struct UiPlugin;

impl Plugin for UiPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(EguiPlugin::default())
            .insert_resource(ClearColor(Color::srgb(0.06, 0.07, 0.09)))
            .add_systems(Startup, spawn_camera)
            .add_systems(EguiPrimaryContextPass, draw_panels)
            .init_resource::<TracedNeuron>()
            .init_resource::<TaskViews>()
            .init_resource::<Pickers>()
            .add_systems(Update, (take_requested_screenshot, attach_probe))
            .init_resource::<crate::classify::pad::DrawPad>()
            .init_resource::<crate::circuit::view::CircuitPanel>()
            .init_resource::<crate::classify::cache::NetworkPictures>()
            .init_resource::<crate::classify::fields::FieldsTexture>()
            .add_task_view::<CarTask, _>(crate::car::view::car_view_panel)
            .add_task_view::<CartPoleTask, _>(crate::cartpole::view::cartpole_view_panel)
            .add_task_view::<ClassifyTask, _>(crate::classify::view::classify_view_panel)
            .add_task_view::<GridTask, _>(crate::grid::view::grid_view_panel)
            .add_task_view::<RegressTask, _>(crate::regress::view::regress_view_panel)
            .add_task_view::<neurarium_tasks::pavlov::task::PavlovTask, _>(
                crate::pavlov::view::pavlov_view_panel,
            )
            .add_task_view::<neurarium_tasks::recall::task::RecallTask, _>(
                crate::recall::view::recall_view_panel,
            )
            .add_task_view::<neurarium_tasks::rhythms::task::RhythmsTask, _>(
                crate::rhythms::view::rhythms_view_panel,
            )
            .add_task_view::<TableTask, _>(crate::table::view::table_view_panel);
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
    /// A scene or checkpoint picked, opened before the next step.
    pub open: ResMut<'w, OpenRequest>,
    /// The outcome of the last pick.
    pub open_status: Res<'w, OpenStatus>,
    /// Where the pickers look.
    pub pickers: ResMut<'w, Pickers>,
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
    /// The loaded scene's task.
    pub task: Res<'w, ActiveTask>,
    /// Every episode's outcome (episodic tasks).
    pub history: Res<'w, EpisodeHistory>,
    /// The global dopamine signal.
    pub dopamine: Res<'w, Dopamine>,
    /// The critic, when the network has one.
    pub critic: Res<'w, Critic>,
    /// The factor on every learning change.
    pub learning_rate: Res<'w, LearningRate>,
    /// The task's curriculum, if any.
    pub curricula: Query<'w, 's, &'static Curriculum>,
    /// The plastic projections, for the weight heat map.
    pub plastic: PlasticProjections<'w, 's>,
    /// Every region, looked up by entity.
    pub region_sizes: Query<'w, 's, &'static Region>,
    /// The neuromodulators' levels, sources and effects.
    pub modulators: crate::modulators::ModulatorView<'w, 's>,
    /// The multi-compartment regions, for the traced neuron's profile.
    pub compartments:
        Query<'w, 's, &'static neurarium_spiking::models::compartmental::CompartmentalNeurons>,
    /// The regions with growth: which neurons are alive.
    pub growing: Query<'w, 's, &'static neurarium_spiking::growth::neurons::GrowingRegion>,
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

/// Draws every panel, once per frame: the app's panels from [`PanelState`], and the loaded
/// task's view ([`TaskViews`]) with the learning panel beside it for a task that trains in
/// episodes.
pub fn draw_panels(world: &mut World, state: &mut SystemState<PanelState>) -> Result {
    // Every resource the panels read is there from the plugins' build on, so once the state
    // is valid at the start of the frame it stays so until the end.
    state.get_mut(world)?;
    macro_rules! panels {
        () => {
            state
                .get_mut(world)
                .expect("the panel state was valid at the start of the frame")
        };
    }
    let ctx = world
        .query_filtered::<&mut EguiContext, With<PrimaryEguiContext>>()
        .single_mut(world)?
        .get_mut()
        .clone();
    crate::fonts::keep_text_whole(&ctx);
    let mut root = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("neurarium_root"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::top("top_bar").show(&mut root, |ui| crate::top_bar::show(ui, &mut panels!()));
    crate::problems::show(&mut root, &panels!());
    let task = world.resource::<ActiveTask>().0;
    let view = task.and_then(|task| world.resource::<TaskViews>().of(task.name));
    // A scene without spiking regions (an energy network alone) has no regions, weights,
    // membranes, raster or rates to show: its task's view takes the whole window.
    let spiking = !panels!().regions.is_empty() || view.is_none();
    if spiking {
        egui::Panel::left("regions")
            .default_size(240.0)
            .resizable(true)
            .show(&mut root, |ui| {
                let state = panels!();
                crate::regions::show(ui, &state);
                crate::modulators::show(ui, &state.modulators);
                ui.add_space(8.0);
                crate::weights::show(ui, &state.plastic, &state.region_sizes);
                ui.add_space(8.0);
                let dt_ms = state.clock.dt_ms;
                crate::membrane::show(ui, &state.traced, &state.probes, dt_ms);
                crate::compartments::show(ui, &state.traced, &state.compartments);
            });
        egui::Panel::bottom("rates")
            .default_size(220.0)
            .resizable(true)
            .show(&mut root, |ui| {
                let metrics = &panels!().metrics;
                if crate::growth::has_growth(metrics) {
                    ui.columns(2, |columns| {
                        crate::rates::show(&mut columns[0], metrics);
                        crate::growth::show(&mut columns[1], metrics);
                    });
                } else {
                    crate::rates::show(ui, metrics);
                }
            });
    }
    egui::CentralPanel::default().show(&mut root, |ui| {
        if let (Some(task), Some(view)) = (task, view) {
            let share = if spiking { 0.6 } else { 1.0 };
            let height = share * ui.available_height();
            let width = ui.available_width();
            // A task that trains in epochs has no episode panel: the view takes the width.
            let view_width = if task.unit == TrainingUnit::Episode {
                0.62
            } else {
                1.0
            };
            let top_down = egui::Layout::top_down(egui::Align::Min);
            ui.horizontal(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(view_width * width, height),
                    top_down,
                    |ui| {
                        if let Err(error) = world.run_system_with(view, ui) {
                            ui.label(format!("the {} view failed: {error}", task.name));
                        }
                    },
                );
                if task.unit == TrainingUnit::Episode {
                    ui.allocate_ui_with_layout(ui.available_size(), top_down, |ui| {
                        let state = panels!();
                        let view = crate::learning::LearningView {
                            history: &state.history,
                            curriculum: state.curricula.iter().next(),
                            learning_rate: state.learning_rate.scale,
                        };
                        crate::learning::show(ui, &view);
                    });
                }
            });
            ui.separator();
        }
        let mut state = panels!();
        if spiking && let Some(neuron) = crate::raster::show(ui, &state) {
            state.traced.neuron = Some(neuron);
        }
    });
    state.apply(world);
    Ok(())
}
