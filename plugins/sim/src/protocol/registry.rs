//! The registered tasks and network kinds, by the name scenes use.
//!
//! [`KindsAppExt::register_task`] and [`KindsAppExt::register_network`] turn a [`Task`] or a
//! [`NetworkKind`] into an entry of function pointers in [`SceneKinds`], and declare the
//! task's metrics columns. The scene loader parses, checks and spawns sections through the
//! entries; the headless runner and the window use [`ActiveTask`], the entry of the loaded
//! scene's task.

use std::sync::Arc;

use bevy::prelude::*;

use crate::metrics::{MetricsAppExt, UnitRows};
use crate::param::InvalidParam;
use crate::protocol::network::NetworkKind;
use crate::protocol::ports::{BrainPorts, PortDecl};
use crate::protocol::section::{RonError, Section, from_ron};
use crate::protocol::task::{BestScore, Control, Outcome, Task, TrainingUnit};

/// A change a control makes to a task's section.
type SectionEdit = Arc<dyn Fn(&mut Section) + Send + Sync>;

/// A [`Control`] of any task, acting on the task's [`Section`].
#[derive(Clone)]
pub struct AnyControl {
    /// Its name (`untrained`, `fixed left`).
    pub name: &'static str,
    /// What it is.
    pub description: &'static str,
    /// Learning off from the start.
    pub learning_off: bool,
    /// A baseline a sweep trains before evaluating it.
    pub trains: bool,
    edit: Option<SectionEdit>,
}

impl AnyControl {
    fn of<S: crate::protocol::section::SectionSpec>(control: Control<S>) -> Self {
        Self {
            name: control.name,
            description: control.description,
            learning_off: control.learning_off,
            trains: control.trains,
            edit: control.edit.map(|edit| {
                Arc::new(move |section: &mut Section| {
                    if let Some(spec) = section.get_mut::<S>() {
                        edit(spec);
                    }
                }) as SectionEdit
            }),
        }
    }

    /// Applies the control's change to the task section.
    pub fn edit(&self, section: &mut Section) {
        if let Some(edit) = &self.edit {
            edit(section);
        }
    }
}

impl std::fmt::Debug for AnyControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnyControl")
            .field("name", &self.name)
            .field("learning_off", &self.learning_off)
            .field("edits", &self.edit.is_some())
            .finish()
    }
}

/// A registered task, as function pointers over its [`Section`].
#[derive(Debug, Clone, Copy)]
pub struct TaskEntry {
    /// The name scenes use.
    pub name: &'static str,
    /// Its unit of training.
    pub unit: TrainingUnit,
    parse: fn(&str) -> Result<Section, RonError>,
    validate: fn(&Section, &BrainPorts) -> Result<(), InvalidParam>,
    spawn: fn(&mut World, &Section, f64) -> Result<(), InvalidParam>,
    outcome: fn() -> Outcome,
    evaluate: fn(&mut World) -> Result<Option<String>, InvalidParam>,
    best: fn(&UnitRows) -> Option<BestScore>,
    controls: fn() -> Vec<AnyControl>,
}

impl TaskEntry {
    fn of<T: Task>() -> Self {
        Self {
            name: T::NAME,
            unit: T::UNIT,
            parse: |text| from_ron::<T::Spec>(text).map(|spec| Section::new(T::NAME, spec)),
            validate: |section, ports| T::validate(spec_of::<T::Spec>(section)?, ports),
            spawn: |world, section, dt_ms| T::spawn(world, spec_of::<T::Spec>(section)?, dt_ms),
            outcome: T::outcome,
            evaluate: T::evaluate,
            best: T::best,
            controls: || T::controls().into_iter().map(AnyControl::of).collect(),
        }
    }

    /// Reads the section's RON text (the part inside `Name(…)`).
    pub fn parse(&self, text: &str) -> Result<Section, RonError> {
        (self.parse)(text)
    }

    /// Checks the section against the brains' ports.
    pub fn validate(&self, section: &Section, ports: &BrainPorts) -> Result<(), InvalidParam> {
        (self.validate)(section, ports)
    }

    /// Builds the task.
    pub fn spawn(
        &self,
        world: &mut World,
        section: &Section,
        dt_ms: f64,
    ) -> Result<(), InvalidParam> {
        (self.spawn)(world, section, dt_ms)
    }

    /// How a unit turned out.
    pub fn outcome(&self) -> Outcome {
        (self.outcome)()
    }

    /// The `--eval` setting; returns what it did.
    pub fn evaluate(&self, world: &mut World) -> Result<Option<String>, InvalidParam> {
        (self.evaluate)(world)
    }

    /// The best-so-far score of these rows.
    pub fn best(&self, rows: &UnitRows) -> Option<BestScore> {
        (self.best)(rows)
    }

    /// The task's controls.
    pub fn controls(&self) -> Vec<AnyControl> {
        (self.controls)()
    }
}

/// A registered network kind, as function pointers over its [`Section`].
#[derive(Debug, Clone, Copy)]
pub struct NetworkEntry {
    /// The name scenes use.
    pub name: &'static str,
    parse: fn(&str) -> Result<Section, RonError>,
    validate: fn(&Section) -> Result<(), InvalidParam>,
    ports: fn(&Section) -> Vec<PortDecl>,
    spawn: fn(&mut World, &Section, f64) -> Result<(), InvalidParam>,
    freeze: fn(&mut World),
}

impl NetworkEntry {
    fn of<K: NetworkKind>() -> Self {
        Self {
            name: K::NAME,
            parse: |text| from_ron::<K::Spec>(text).map(|spec| Section::new(K::NAME, spec)),
            validate: |section| K::validate(spec_of::<K::Spec>(section)?),
            ports: |section| section.get::<K::Spec>().map(K::ports).unwrap_or_default(),
            spawn: |world, section, dt_ms| K::spawn(world, spec_of::<K::Spec>(section)?, dt_ms),
            freeze: K::freeze,
        }
    }

    /// Reads the section's RON text (the part inside `Name(…)`).
    pub fn parse(&self, text: &str) -> Result<Section, RonError> {
        (self.parse)(text)
    }

    /// Checks the section.
    pub fn validate(&self, section: &Section) -> Result<(), InvalidParam> {
        (self.validate)(section)
    }

    /// The ports the network will offer.
    pub fn ports(&self, section: &Section) -> Vec<PortDecl> {
        (self.ports)(section)
    }

    /// Builds the network.
    pub fn spawn(
        &self,
        world: &mut World,
        section: &Section,
        dt_ms: f64,
    ) -> Result<(), InvalidParam> {
        (self.spawn)(world, section, dt_ms)
    }

    /// Turns learning off for every network of this kind.
    pub fn freeze(&self, world: &mut World) {
        (self.freeze)(world);
    }
}

/// The spec of `section`, which the registry only hands to the entry of its own kind.
fn spec_of<S: crate::protocol::section::SectionSpec>(
    section: &Section,
) -> Result<&S, InvalidParam> {
    section.get::<S>().ok_or_else(|| {
        InvalidParam::new(
            section.kind(),
            format!("a {} section was handed to another kind", section.kind()),
        )
    })
}

/// Every registered task and network kind.
#[derive(Resource, Debug, Clone, Default)]
pub struct SceneKinds {
    tasks: Vec<TaskEntry>,
    networks: Vec<NetworkEntry>,
}

impl SceneKinds {
    /// The task called `name`.
    pub fn task(&self, name: &str) -> Option<&TaskEntry> {
        self.tasks.iter().find(|t| t.name == name)
    }

    /// The network kind called `name`.
    pub fn network(&self, name: &str) -> Option<&NetworkEntry> {
        self.networks.iter().find(|n| n.name == name)
    }

    /// Every task, in registration order.
    pub fn tasks(&self) -> &[TaskEntry] {
        &self.tasks
    }

    /// Every network kind, in registration order.
    pub fn networks(&self) -> &[NetworkEntry] {
        &self.networks
    }

    /// Learning off in every network of every kind.
    pub fn freeze_all(&self, world: &mut World) {
        for network in &self.networks {
            network.freeze(world);
        }
        world
            .get_resource_or_init::<crate::learning_rate::LearningRate>()
            .learning_off = true;
    }
}

/// The task of the loaded scene, if it has one (set when a scene is applied).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct ActiveTask(pub Option<TaskEntry>);

/// Registering tasks and network kinds from a plugin's `build`: one line each.
pub trait KindsAppExt {
    /// Registers task `T` and declares its metrics columns.
    fn register_task<T: Task>(&mut self) -> &mut Self;
    /// Registers network kind `K`.
    fn register_network<K: NetworkKind>(&mut self) -> &mut Self;
}

impl KindsAppExt for App {
    fn register_task<T: Task>(&mut self) -> &mut Self {
        let mut kinds = self.world_mut().get_resource_or_init::<SceneKinds>();
        assert!(
            kinds.task(T::NAME).is_none(),
            "task '{}' registered twice",
            T::NAME
        );
        kinds.tasks.push(TaskEntry::of::<T>());
        self.declare_metrics(T::COLUMNS, &[])
    }

    fn register_network<K: NetworkKind>(&mut self) -> &mut Self {
        let mut kinds = self.world_mut().get_resource_or_init::<SceneKinds>();
        assert!(
            kinds.network(K::NAME).is_none(),
            "network kind '{}' registered twice",
            K::NAME
        );
        kinds.networks.push(NetworkEntry::of::<K>());
        self
    }
}
