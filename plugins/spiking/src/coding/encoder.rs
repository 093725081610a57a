//! Encoders: regions whose spikes encode input values that a task (or the scene) sets.
//!
//! Each encoder region is an input port of the brain ([`InputPort`], named after the region):
//! the task writes its `values` in `Sense`, and the encoder fires in `Spike` from its own
//! random stream:
//!
//! - **Rate** (Poisson): neuron `i` fires in a step with probability (no draw when it is 0)
//!   `p_i = clamp(x_i, 0, 1) · max_rate_hz · dt / 1000`, one input per neuron.
//! - **Latency** (time-to-first-spike): time is cut into windows of `window_ms`; at the start
//!   of each window the values are latched and neuron `i` fires once, at step
//!   `round((1 − clamp(x_i, 0, 1)) · (W − 1))` of the `W`-step window — strong inputs fire
//!   early. Inputs `x_i ≤ 0` stay silent. One input per neuron.
//! - **Population** (Gaussian tuning curves): each of `inputs` values is read by
//!   `size / inputs` neurons whose preferred values `μ_j` are spread evenly over
//!   `[min, max]`; neuron `j` of input `c` fires as a Poisson source at
//!   `max_rate_hz · exp(−(x_c − μ_j)² / (2σ²))`, with `σ` the spacing of the preferred values
//!   unless set.

use bevy::ecs::world::EntityWorldMut;
use bevy::prelude::*;
use neurarium_sim::prelude::{SimClock, schedule_once};
use neurarium_sim::protocol::ports::{InputPort, PortDecl, PortDirection};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::coding::source::SourceParams;
use crate::error::InvalidParam;
use crate::models::NeuronModel;
use crate::network::region::Spikes;
use crate::network::spec::RegionSpec;
use crate::plugin::SpikingSystems;

/// How an encoder turns values into spikes, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EncodingKind {
    /// Poisson spikes at `max_rate_hz` × the value (clamped to 0..1).
    Rate {
        /// Rate at value 1, Hz.
        max_rate_hz: f64,
    },
    /// One spike per window, earlier for larger values (clamped to 0..1).
    Latency {
        /// Window length, ms.
        window_ms: f64,
    },
    /// Gaussian tuning curves: `size / inputs` neurons per input value.
    Population {
        /// Number of input values.
        inputs: u32,
        /// Preferred value of the first neuron of each input.
        min: f64,
        /// Preferred value of the last neuron of each input.
        max: f64,
        /// Tuning width σ in value units; 0 means the spacing of the preferred values.
        sigma: f64,
        /// Rate at the preferred value, Hz.
        max_rate_hz: f64,
    },
}

/// An encoder region, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EncoderParams {
    /// The encoding.
    pub encoding: EncodingKind,
    /// Initial input values; empty means all zero. Tasks overwrite them each step.
    pub values: Vec<f64>,
}

impl Default for EncoderParams {
    fn default() -> Self {
        Self {
            encoding: EncodingKind::Rate { max_rate_hz: 100.0 },
            values: Vec::new(),
        }
    }
}

impl EncoderParams {
    /// Number of input values a region of `size` neurons reads.
    pub fn inputs(&self, size: u32) -> u32 {
        match self.encoding {
            EncodingKind::Population { inputs, .. } => inputs,
            _ => size,
        }
    }

    /// Checks every value against a region of `size` neurons; the error names the field.
    pub fn validate(&self, size: u32) -> Result<(), InvalidParam> {
        match self.encoding {
            EncodingKind::Rate { max_rate_hz } => {
                InvalidParam::non_negative("encoding.Rate.max_rate_hz", max_rate_hz)?;
            }
            EncodingKind::Latency { window_ms } => {
                InvalidParam::positive("encoding.Latency.window_ms", window_ms)?;
            }
            EncodingKind::Population {
                inputs,
                min,
                max,
                sigma,
                max_rate_hz,
            } => {
                InvalidParam::check(
                    inputs >= 1 && size.is_multiple_of(inputs),
                    "encoding.Population.inputs",
                    || {
                        format!(
                            "must be at least 1 and divide the region size {size}, got {inputs}"
                        )
                    },
                )?;
                InvalidParam::check(
                    min.is_finite() && max.is_finite() && min < max,
                    "encoding.Population.max",
                    || format!("needs finite min < max, got min {min}, max {max}"),
                )?;
                InvalidParam::non_negative("encoding.Population.sigma", sigma)?;
                InvalidParam::non_negative("encoding.Population.max_rate_hz", max_rate_hz)?;
            }
        }
        let inputs = self.inputs(size) as usize;
        InvalidParam::check(
            self.values.is_empty() || self.values.len() == inputs,
            "values",
            || format!("needs {inputs} values (or none), got {}", self.values.len()),
        )?;
        for &x in &self.values {
            InvalidParam::finite("values", x)?;
        }
        Ok(())
    }
}

/// An encoder region's state: its encoding and its random stream. Its input values are in
/// the region's [`InputPort`].
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    /// The encoding.
    pub params: EncoderParams,
    /// Number of neurons.
    pub size: u32,
    /// Latency coding: the step of the window at which each neuron fires (`u32::MAX`: none).
    pub fire_at: Vec<u32>,
    /// Steps since the current latency window began.
    pub step_in_window: u32,
    /// This region's random stream.
    pub rng: ChaCha8Rng,
}

impl Encoder {
    /// An encoder of `size` neurons.
    pub fn new(params: EncoderParams, size: u32, rng: ChaCha8Rng) -> Self {
        Self {
            params,
            size,
            fire_at: vec![u32::MAX; size as usize],
            step_in_window: 0,
            rng,
        }
    }

    /// The input port of an encoder region named `name`, holding the scene's initial values.
    pub fn input_port(params: &EncoderParams, name: &str, size: u32) -> InputPort {
        let mut values: Vec<f32> = params.values.iter().map(|&x| x as f32).collect();
        values.resize(params.inputs(size) as usize, 0.0);
        InputPort {
            name: name.to_owned(),
            values,
        }
    }

    /// Draws this step's spikes for input `values` into `fired`.
    pub fn fire(&mut self, values: &[f32], dt_ms: f64, fired: &mut Vec<u32>) {
        fired.clear();
        match self.params.encoding {
            EncodingKind::Rate { max_rate_hz } => {
                let scale = max_rate_hz * dt_ms / 1000.0;
                for (i, &x) in values.iter().enumerate() {
                    // A silent input draws nothing (a one-hot code costs one draw per step).
                    let p = f64::from(x.clamp(0.0, 1.0)) * scale;
                    if p > 0.0 && self.rng.random::<f64>() < p {
                        fired.push(i as u32);
                    }
                }
            }
            EncodingKind::Latency { window_ms } => {
                self.fire_latency(values, window_ms, dt_ms, fired);
            }
            EncodingKind::Population {
                inputs,
                min,
                max,
                sigma,
                max_rate_hz,
            } => {
                let per_input = self.size / inputs.max(1);
                let spacing = (max - min) / f64::from(per_input.saturating_sub(1).max(1));
                let sigma = if sigma > 0.0 { sigma } else { spacing };
                let scale = max_rate_hz * dt_ms / 1000.0;
                for (c, &x) in values.iter().enumerate() {
                    for j in 0..per_input {
                        let preferred = min + spacing * f64::from(j);
                        let d = (f64::from(x) - preferred) / sigma;
                        let p = scale * (-0.5 * d * d).exp();
                        if self.rng.random::<f64>() < p {
                            fired.push(c as u32 * per_input + j);
                        }
                    }
                }
            }
        }
    }

    fn fire_latency(&mut self, values: &[f32], window_ms: f64, dt_ms: f64, fired: &mut Vec<u32>) {
        let window_steps = ((window_ms / dt_ms).round() as u32).max(1);
        if self.step_in_window == 0 {
            let last = (window_steps - 1) as f32;
            for (at, &x) in self.fire_at.iter_mut().zip(values) {
                *at = if x > 0.0 {
                    ((1.0 - x.min(1.0)) * last).round() as u32
                } else {
                    u32::MAX
                };
            }
        }
        let now = self.step_in_window;
        fired.extend(
            self.fire_at
                .iter()
                .enumerate()
                .filter(|&(_, &at)| at == now)
                .map(|(i, _)| i as u32),
        );
        self.step_in_window = (now + 1) % window_steps;
    }
}

/// `Spike`: encoders fire.
pub fn fire_encoders(
    clock: Res<SimClock>,
    mut encoders: Query<(&mut Encoder, &InputPort, &mut Spikes)>,
) {
    for (mut encoder, port, mut spikes) in &mut encoders {
        encoder.fire(&port.values, clock.dt_ms, &mut spikes.fired);
    }
}

impl SourceParams for EncoderParams {
    type Source = Encoder;
    const STATE: &'static str = "encoder";

    fn label(&self) -> String {
        match self.encoding {
            EncodingKind::Rate { .. } => "Rate encoder".to_owned(),
            EncodingKind::Latency { .. } => "Latency encoder".to_owned(),
            EncodingKind::Population { .. } => "Population encoder".to_owned(),
        }
    }

    fn validate(&self, size: u32) -> Result<(), InvalidParam> {
        EncoderParams::validate(self, size)
    }

    fn spawn(&self, region: &mut EntityWorldMut, spec: &RegionSpec, rng: ChaCha8Rng) {
        region.insert((
            Encoder::new(self.clone(), spec.size, rng),
            Encoder::input_port(self, &spec.name, spec.size),
        ));
    }

    fn schedule(world: &mut World) {
        schedule_once(
            world,
            "encoders",
            fire_encoders.in_set(SpikingSystems::Fire(NeuronModel::index_of("Encoder"))),
        );
    }

    fn ports(&self, spec: &RegionSpec) -> Vec<PortDecl> {
        vec![PortDecl {
            name: spec.name.clone(),
            direction: PortDirection::Input,
            width: self.inputs(spec.size) as usize,
            choices: None,
            answers: 0,
            what: format!("{} region", self.label()),
        }]
    }
}
