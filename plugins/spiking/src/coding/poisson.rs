//! Poisson spike sources.
//!
//! Each neuron fires independently in each step with probability `p = rate_hz · dt / 1000`
//! (the Bernoulli approximation of a Poisson process, exact in the limit `p ≪ 1`). Each
//! region draws from its own random stream, forked from the run's seeded generator, so the
//! draws of one region do not depend on the others.
//!
//! With a `rhythm` the source is a pacemaker: its rate is `rate_hz · (1 + m sin φ)`, the phase
//! `φ` shared by all its neurons and drifting ([`crate::coding::rhythm`]); the phase's draws
//! come from the same stream, after the step's spikes.

use bevy::ecs::world::EntityWorldMut;
use bevy::prelude::*;
use neurarium_sim::prelude::{SimClock, schedule_once_with_block};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::coding::rhythm::{Rhythm, RhythmParams};
use crate::coding::source::SourceParams;
use crate::error::InvalidParam;
use crate::models::NeuronModel;
use crate::network::block::advance_poisson_sources;
use crate::network::region::Spikes;
use crate::network::spec::RegionSpec;
use crate::plugin::SpikingSystems;

/// Parameters of a Poisson source, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PoissonParams {
    /// Mean firing rate of every neuron, Hz.
    pub rate_hz: f64,
    /// A pacemaker's rhythm on the rate; `None`: constant.
    pub rhythm: Option<RhythmParams>,
}

impl Default for PoissonParams {
    fn default() -> Self {
        Self {
            rate_hz: 10.0,
            rhythm: None,
        }
    }
}

impl PoissonParams {
    /// Checks every value; the error names the bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::non_negative("rate_hz", self.rate_hz)?;
        match &self.rhythm {
            Some(rhythm) => rhythm.validate().map_err(|e| e.within("rhythm")),
            None => Ok(()),
        }
    }
}

/// A population of independent Poisson spike sources.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoissonSource {
    /// The parameters.
    pub params: PoissonParams,
    /// Number of sources.
    pub size: u32,
    /// This region's random stream.
    pub rng: ChaCha8Rng,
    /// The rhythm's phase, if it has one.
    pub rhythm: Option<Rhythm>,
}

impl PoissonSource {
    /// Draws this step's spikes into `fired`.
    pub fn fire(&mut self, dt_ms: f64, fired: &mut Vec<u32>) {
        let gain = self.rhythm.as_ref().map_or(1.0, Rhythm::gain);
        let p = (self.params.rate_hz * gain * dt_ms / 1000.0).min(1.0);
        fired.clear();
        for i in 0..self.size {
            if self.rng.random::<f64>() < p {
                fired.push(i);
            }
        }
        if let Some(rhythm) = &mut self.rhythm {
            rhythm.advance(dt_ms, &mut self.rng);
        }
    }
}

/// `Spike`: Poisson draws.
pub fn fire_poisson(clock: Res<SimClock>, mut sources: Query<(&mut PoissonSource, &mut Spikes)>) {
    for (mut source, mut spikes) in &mut sources {
        source.fire(clock.dt_ms, &mut spikes.fired);
    }
}

impl SourceParams for PoissonParams {
    type Source = PoissonSource;
    const STATE: &'static str = "poisson";

    fn label(&self) -> String {
        match &self.rhythm {
            Some(r) => format!("Poisson {} Hz, {} Hz rhythm", self.rate_hz, r.frequency_hz),
            None => format!("Poisson {} Hz", self.rate_hz),
        }
    }

    fn validate(&self, _size: u32) -> Result<(), InvalidParam> {
        PoissonParams::validate(self)
    }

    fn spawn(&self, region: &mut EntityWorldMut, spec: &RegionSpec, rng: ChaCha8Rng) {
        region.insert(PoissonSource {
            params: self.clone(),
            size: spec.size,
            rng,
            rhythm: self.rhythm.map(Rhythm::new),
        });
    }

    fn schedule(world: &mut World) {
        let stage = SpikingSystems::Fire(NeuronModel::index_of("Poisson"));
        schedule_once_with_block(
            world,
            "poisson sources",
            fire_poisson.in_set(stage),
            advance_poisson_sources.in_set(stage),
        );
    }
}
