//! Spike-timing-dependent plasticity with traces, plain or reward-modulated.
//!
//! Every plastic projection keeps a presynaptic trace `x` per source neuron and a
//! postsynaptic trace `y` per target neuron:
//!
//! ```text
//! dx/dt = −x / τ₊   (x ← x + 1 at each presynaptic spike)
//! dy/dt = −y / τ₋   (y ← y + 1 at each postsynaptic spike)
//! ```
//!
//! At a presynaptic spike of `i`, each synapse `i → j` is depressed by `A₋ · y_j`; at a
//! postsynaptic spike of `j`, each synapse `i → j` is potentiated by `A₊ · x_i`. So a pair
//! with `Δt = t_post − t_pre` changes the weight by `A₊ e^(−Δt/τ₊)` for `Δt > 0` and
//! `−A₋ e^(Δt/τ₋)` for `Δt < 0` (none for simultaneous spikes: traces are incremented after
//! the updates). Spike times are emission times; axonal delays are not added.
//!
//! - **Additive** rule: the change as above, then `w` is clipped to `[w_min, w_max]`.
//! - **Multiplicative** (soft-bounded) rule: potentiation is scaled by `(w_max − w)` and
//!   depression by `(w − w_min)`.
//!
//! With **reward modulation** (R-STDP), the change goes into a per-synapse eligibility trace
//! `e` instead of the weight; `e` decays with `τ_e`, and every step
//! `w ← clip(w + η · D · e · dt)`, where `D` is the dopamine level ([`crate::plasticity::dopamine`]):
//! the global [`Dopamine`], or the named channel of [`DopamineChannels`] the projection
//! listens to (`dopamine: Some("name")`). So weights move only where a synapse is eligible
//! and dopamine is present.
//!
//! A projection can be frozen: its traces keep running, its weights do not change.
//!
//! Per step: the pair rule runs in `Learn` ([`stdp_step`], from the shared learning system of
//! [`crate::plasticity`]); for R-STDP, in `Modulate`, after the dopamine update,
//! [`modulate_weights`] turns eligibility into weight changes and decays it.

use bevy::prelude::*;
use neurarium_sim::learning_rate::LearningRate;
use neurarium_sim::prelude::{SimClock, SimSet, schedule_once};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::plasticity::RuleParams;
use crate::plasticity::dopamine::{
    Dopamine, DopamineChannels, decay_dopamine, decay_dopamine_channels, take_rewards,
};
use crate::plasticity::state::{IncomingSynapses, Plastic};
use crate::synapses::projection::Synapses;

/// How a weight change depends on the weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StdpRule {
    /// Independent of the weight; hard bounds.
    #[default]
    Additive,
    /// Scaled by the distance to the bound it moves towards; soft bounds.
    Multiplicative,
}

/// STDP parameters, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StdpParams {
    /// Additive or multiplicative.
    pub rule: StdpRule,
    /// Potentiation amplitude A₊ (weight units).
    pub a_plus: f64,
    /// Depression amplitude A₋ (weight units).
    pub a_minus: f64,
    /// Presynaptic trace time constant τ₊, ms.
    pub tau_plus_ms: f64,
    /// Postsynaptic trace time constant τ₋, ms.
    pub tau_minus_ms: f64,
    /// Lower weight bound.
    pub w_min: f64,
    /// Upper weight bound.
    pub w_max: f64,
}

impl Default for StdpParams {
    fn default() -> Self {
        Self {
            rule: StdpRule::Additive,
            a_plus: 0.01,
            a_minus: 0.0105,
            tau_plus_ms: 20.0,
            tau_minus_ms: 20.0,
            w_min: 0.0,
            w_max: 10.0,
        }
    }
}

impl StdpParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::non_negative("a_plus", self.a_plus)?;
        InvalidParam::non_negative("a_minus", self.a_minus)?;
        InvalidParam::positive("tau_plus_ms", self.tau_plus_ms)?;
        InvalidParam::positive("tau_minus_ms", self.tau_minus_ms)?;
        crate::error::weight_bounds(self.w_min, self.w_max)
    }
}

/// Reward-modulated STDP parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RewardStdpParams {
    /// The pair rule that fills the eligibility traces.
    pub stdp: StdpParams,
    /// Eligibility trace time constant τ_e, ms.
    pub tau_eligibility_ms: f64,
    /// Learning rate η, per ms per unit of dopamine.
    pub learning_rate: f64,
    /// The dopamine channel this projection listens to ([`DopamineChannels`]); `None`: the
    /// global [`Dopamine`].
    pub dopamine: Option<String>,
}

impl Default for RewardStdpParams {
    fn default() -> Self {
        Self {
            stdp: StdpParams::default(),
            tau_eligibility_ms: 200.0,
            learning_rate: 0.01,
            dopamine: None,
        }
    }
}

/// Where a pair-rule change goes: the eligibility trace (reward-modulated) or the weight.
struct ChangeTarget {
    eligible: bool,
    learns: bool,
    w_min: f32,
    w_max: f32,
}

impl ChangeTarget {
    fn apply(&self, weights: &mut [f32], eligibility: &mut [f32], s: usize, change: f32) {
        if self.eligible {
            eligibility[s] += change;
        } else if self.learns {
            weights[s] = (weights[s] + change).clamp(self.w_min, self.w_max);
        }
    }
}

/// Applies the pair rule for one step: decays traces, computes the changes of this step's
/// pre- and postsynaptic spikes, then increments the traces. Changes applied straight to the
/// weights are multiplied by `rate_scale` ([`neurarium_sim::learning_rate`]); eligibility is not.
pub fn stdp_step(
    p: &StdpParams,
    plastic: &mut Plastic,
    synapses: &mut Synapses,
    incoming: &IncomingSynapses,
    (pre_fired, post_fired): (&[u32], &[u32]),
    dt_ms: f64,
    rate_scale: f64,
) {
    let decay_pre = (-dt_ms / p.tau_plus_ms).exp() as f32;
    let decay_post = (-dt_ms / p.tau_minus_ms).exp() as f32;
    plastic.pre_trace.iter_mut().for_each(|x| *x *= decay_pre);
    plastic.post_trace.iter_mut().for_each(|y| *y *= decay_post);
    let eligible = !plastic.eligibility.is_empty();
    let amplitude_scale = if eligible { 1.0 } else { rate_scale };
    let (a_plus, a_minus) = (
        (p.a_plus * amplitude_scale) as f32,
        (p.a_minus * amplitude_scale) as f32,
    );
    let (w_min, w_max) = (p.w_min as f32, p.w_max as f32);
    let multiplicative = p.rule == StdpRule::Multiplicative;
    let target = ChangeTarget {
        eligible,
        learns: !plastic.frozen,
        w_min,
        w_max,
    };
    let Plastic {
        pre_trace,
        post_trace,
        eligibility,
        ..
    } = plastic;
    let weights = &mut synapses.weights;
    for &pre in pre_fired {
        let (start, end) = (
            synapses.row_offsets[pre as usize] as usize,
            synapses.row_offsets[pre as usize + 1] as usize,
        );
        for s in start..end {
            let y = post_trace[synapses.targets[s] as usize];
            if y > 0.0 {
                let scale = if multiplicative {
                    weights[s] - w_min
                } else {
                    1.0
                };
                target.apply(weights, eligibility, s, -a_minus * y * scale);
            }
        }
    }
    for &post in post_fired {
        let (start, end) = (
            incoming.offsets[post as usize] as usize,
            incoming.offsets[post as usize + 1] as usize,
        );
        for k in start..end {
            let x = pre_trace[incoming.source[k] as usize];
            if x > 0.0 {
                let s = incoming.synapse[k] as usize;
                let scale = if multiplicative {
                    w_max - weights[s]
                } else {
                    1.0
                };
                target.apply(weights, eligibility, s, a_plus * x * scale);
            }
        }
    }
    pre_fired.iter().for_each(|&i| pre_trace[i as usize] += 1.0);
    post_fired
        .iter()
        .for_each(|&j| post_trace[j as usize] += 1.0);
}

/// `Modulate` (after the dopamine update): eligibility decays, and dopamine (the global level,
/// or the projection's channel) turns it into weight changes on reward-modulated projections.
pub fn modulate_weights(
    clock: Res<SimClock>,
    learning_rate: Res<LearningRate>,
    dopamine: Res<Dopamine>,
    channels: Res<DopamineChannels>,
    mut projections: Query<(&mut Synapses, &mut Plastic)>,
) {
    for (mut synapses, mut plastic) in &mut projections {
        let crate::plasticity::Plasticity::RewardStdp(p) = &plastic.rule else {
            continue;
        };
        let level = match &p.dopamine {
            None => dopamine.level,
            Some(name) => channels.level(name),
        };
        let decay = (-clock.dt_ms / p.tau_eligibility_ms).exp() as f32;
        let rate = (p.learning_rate * learning_rate.scale * f64::from(level) * clock.dt_ms) as f32;
        let (w_min, w_max) = (p.stdp.w_min as f32, p.stdp.w_max as f32);
        let learns = !plastic.frozen && rate != 0.0;
        for (w, e) in synapses
            .weights
            .iter_mut()
            .zip(plastic.eligibility.iter_mut())
        {
            if learns {
                *w = (*w + rate * *e).clamp(w_min, w_max);
            }
            // A trace decayed below the normal range is flushed to 0: subnormal arithmetic is
            // tens of times slower, and such a trace moves no weight.
            let decayed = *e * decay;
            *e = if decayed.abs() < f32::MIN_POSITIVE {
                0.0
            } else {
                decayed
            };
        }
    }
}

impl RuleParams for StdpParams {
    fn validate(&self) -> Result<(), InvalidParam> {
        StdpParams::validate(self)
    }

    fn weight_floor(&self) -> f64 {
        self.w_min
    }

    fn init(&self, _plastic: &mut Plastic, _target_size: u32, _synapses: usize) {}

    fn learn(&self, plastic: &mut Plastic, step: crate::plasticity::LearnStep<'_>) {
        stdp_step(
            self,
            plastic,
            step.synapses,
            step.incoming,
            step.fired,
            step.dt_ms,
            step.rate_scale,
        );
    }
}

impl RuleParams for RewardStdpParams {
    fn validate(&self) -> Result<(), InvalidParam> {
        self.stdp.validate().map_err(|e| e.within("stdp"))?;
        InvalidParam::positive("tau_eligibility_ms", self.tau_eligibility_ms)?;
        InvalidParam::finite("learning_rate", self.learning_rate)?;
        InvalidParam::check(
            self.dopamine.as_ref().is_none_or(|c| !c.trim().is_empty()),
            "dopamine",
            || "a channel name must not be empty".to_owned(),
        )
    }

    fn weight_floor(&self) -> f64 {
        self.stdp.w_min
    }

    fn dopamine_channel(&self) -> Option<&str> {
        self.dopamine.as_deref()
    }

    fn init(&self, plastic: &mut Plastic, _target_size: u32, synapses: usize) {
        plastic.eligibility = vec![0.0; synapses];
    }

    fn learn(&self, plastic: &mut Plastic, step: crate::plasticity::LearnStep<'_>) {
        stdp_step(
            &self.stdp,
            plastic,
            step.synapses,
            step.incoming,
            step.fired,
            step.dt_ms,
            step.rate_scale,
        );
    }

    /// Rewards become dopamine (`Reward`), channels decay and eligibility becomes weight
    /// changes (`Modulate`, after the global dopamine's decay).
    fn schedule(world: &mut World) {
        schedule_once(
            world,
            "reward-modulated STDP",
            (
                take_rewards.in_set(neurarium_sim::prelude::RewardSet::Teach),
                (decay_dopamine_channels, modulate_weights)
                    .chain()
                    .after(decay_dopamine)
                    .in_set(SimSet::Modulate),
            ),
        );
    }
}
