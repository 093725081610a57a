//! Shared by the benchmarks: load a scene headless, run it timed, count spikes and synaptic
//! events from the same metrics a user sees.

// Each benchmark is its own crate and uses a different part of this module.
#![allow(dead_code)]

use std::path::Path;
use std::time::Instant;

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_sim::metrics::TIME_MS;
use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::RATE_HZ;
use neurarium_spiking::prelude::{ProjectionLink, Region, Synapses};

/// What a timed run measured.
pub struct Measured {
    /// Wall-clock seconds of the stepping (construction excluded).
    pub wall_seconds: f64,
    /// Steps run.
    pub steps: u64,
    /// Simulated seconds.
    pub simulated_seconds: f64,
    /// Neurons in all regions.
    pub neurons: u32,
    /// Synapses in all projections.
    pub synapses: usize,
    /// Spikes emitted.
    pub spikes: f64,
    /// Synaptic events (spikes × out-degree of their region).
    pub events: f64,
}

impl Measured {
    /// Mean firing rate per neuron, Hz.
    pub fn rate_hz(&self) -> f64 {
        self.spikes / f64::from(self.neurons) / self.simulated_seconds
    }

    /// Steps per wall-clock second.
    pub fn steps_per_second(&self) -> f64 {
        self.steps as f64 / self.wall_seconds
    }
}

/// Loads `scenes/<name>` headless, lets `edit` change the scene, and returns the app.
pub fn load(name: &str, edit: impl FnOnce(&mut neurarium_scene::prelude::SceneFile)) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenes")
        .join(name);
    let mut setup = RunSetup::read(&path, true, None, None).expect("scene loads");
    edit(&mut setup.scene.scene);
    let mut app = build_app(Mode::Headless);
    setup.apply(&mut app).expect("scene applies");
    finish_plugins(&mut app);
    app
}

/// Runs `steps` steps timed and measures spikes and synaptic events.
pub fn run(app: &mut App, steps: u64) -> Measured {
    app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(steps);
    app.insert_resource(Pacing::Unpaced {
        steps_per_update: 10_000,
    });
    let started = Instant::now();
    while app.world().resource::<SimClock>().step < steps {
        app.update();
        if let Some(fault) = &app.world().resource::<SimFault>().0 {
            panic!("{fault}");
        }
    }
    let wall_seconds = started.elapsed().as_secs_f64();
    let dt_ms = app.world().resource::<SimClock>().dt_ms;

    let world = app.world_mut();
    let regions: Vec<(Entity, Region)> = world
        .query::<(Entity, &Region)>()
        .iter(world)
        .map(|(e, r)| (e, r.clone()))
        .collect();
    let mut out_synapses = vec![0usize; regions.len()];
    for (link, synapses) in world.query::<(&ProjectionLink, &Synapses)>().iter(world) {
        let source = regions
            .iter()
            .position(|(e, _)| *e == link.source)
            .expect("source");
        out_synapses[source] += synapses.len();
    }
    let metrics = world.resource::<Metrics>();
    let time = metrics.values(&TIME_MS).expect("time column");
    let (mut spikes, mut events) = (0.0, 0.0);
    for (i, (_, region)) in regions.iter().enumerate() {
        let rates = metrics
            .values_in(&RATE_HZ, &region.name)
            .expect("rate column");
        let mut previous = 0.0;
        let mut region_spikes = 0.0;
        for (rate, t) in rates.iter().zip(&time) {
            region_spikes += rate * f64::from(region.size) * (t - previous) / 1000.0;
            previous = *t;
        }
        spikes += region_spikes;
        events += region_spikes * out_synapses[i] as f64 / f64::from(region.size);
    }
    Measured {
        wall_seconds,
        steps,
        simulated_seconds: steps as f64 * dt_ms / 1000.0,
        neurons: regions.iter().map(|(_, r)| r.size).sum(),
        synapses: out_synapses.iter().sum(),
        spikes,
        events,
    }
}
