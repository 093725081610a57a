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
//! and dopamine is present: a level below [`NEGLIGIBLE_DOPAMINE`] (`10⁻¹²`) counts as none.
//!
//! Two options of R-STDP:
//! - **Zero-sum rows** (`zero_sum_rows`): each step a presynaptic neuron's mean change is
//!   taken from each of its synapses, `Δw_ij = η·D·(e_ij − ⟨e_i·⟩)·dt`: its outgoing weights
//!   move apart without drifting together.
//! - **Eligibility floor** (`eligibility_floor`, weight units): a pair-rule change smaller than
//!   it is not written, and a trace that decays below it becomes 0. Dopamine walks only the
//!   rows holding eligibility ([`crate::plasticity::eligible_rows`]), so with sparse activity
//!   (place cells) a floor makes modulation cheap. Without one, traces are kept until they
//!   leave the normal range of `f32` (as are the pair rule's `x` and `y`).
//!
//! A projection can be frozen: its traces keep running, its weights do not change.
//!
//! Per step: the pair rule runs in `Learn` ([`stdp_step`], from the shared learning system of
//! [`crate::plasticity`]); for R-STDP, in `Modulate`, after the dopamine update,
//! [`modulate_weights`] turns eligibility into weight changes and decays it.

use crate::plasticity::modulators::{Effect, Modulated};
use bevy::prelude::*;
use neurarium_sim::learning_rate::LearningRate;
use neurarium_sim::prelude::{SimClock, SimSet, schedule_once};
use serde::{Deserialize, Serialize};

use crate::decay::{decay_all, dropped_below};
use crate::error::InvalidParam;
use crate::plasticity::dopamine::{
    Dopamine, DopamineChannels, decay_dopamine, decay_dopamine_channels, take_rewards,
};
use crate::plasticity::eligible_rows::EligibleRows;
use crate::plasticity::state::Plastic;
use crate::plasticity::{LearnStep, RuleParams};
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
    /// Eligibility smaller than this (weight units) is dropped: a pair-rule change below it is
    /// not written, and a trace that decays below it becomes 0. Dopamine visits only the rows
    /// that hold eligibility, so a floor makes a large projection with sparse activity (place
    /// cells) cheap to modulate. 0: kept until it leaves the normal range of `f32`.
    pub eligibility_floor: f64,
    /// Zero-sum rows: each step, the mean of a presynaptic neuron's changes is subtracted from
    /// each of its synapses, `Δw_ij = η·D·(e_ij − ⟨e_i·⟩)·dt`, so its outgoing weights move
    /// apart without drifting together (what one target gains, the others lose; until the
    /// bounds clip them). For a state neuron choosing between action pools: dopamine shifts
    /// its preference instead of silencing or saturating it.
    pub zero_sum_rows: bool,
}

impl Default for RewardStdpParams {
    fn default() -> Self {
        Self {
            stdp: StdpParams::default(),
            tau_eligibility_ms: 200.0,
            learning_rate: 0.01,
            dopamine: None,
            eligibility_floor: 0.0,
            zero_sum_rows: false,
        }
    }
}

/// A projection's eligibility and the list of its rows that hold some.
struct Eligibility<'a> {
    values: &'a mut [f32],
    rows: &'a mut EligibleRows,
}

/// Where a pair-rule change goes: the eligibility trace (reward-modulated) or the weight.
struct ChangeTarget {
    eligible: bool,
    /// Eligibility changes below this are not written.
    floor: f32,
    learns: bool,
    w_min: f32,
    w_max: f32,
}

impl ChangeTarget {
    /// Applies `change` to synapse `s` of row `row`.
    fn apply(
        &self,
        weights: &mut [f32],
        eligibility: &mut Eligibility<'_>,
        (row, s): (u32, usize),
        change: f32,
    ) {
        if self.eligible {
            if change.abs() < self.floor {
                return;
            }
            eligibility.values[s] += change;
            eligibility.rows.mark(row);
        } else if self.learns {
            weights[s] = (weights[s] + change).clamp(self.w_min, self.w_max);
        }
    }
}

/// Applies the pair rule for one step: decays traces, computes the changes of this step's
/// pre- and postsynaptic spikes, then increments the traces. Changes applied straight to the
/// weights are multiplied by the step's `rate_scale` ([`neurarium_sim::learning_rate`]);
/// eligibility is not, and changes to it below `eligibility_floor` are not written.
pub fn stdp_step(
    p: &StdpParams,
    plastic: &mut Plastic,
    step: LearnStep<'_>,
    eligibility_floor: f64,
) {
    let LearnStep {
        synapses,
        incoming,
        fired: (pre_fired, post_fired),
        dt_ms,
        rate_scale,
    } = step;
    let decay_pre = (-dt_ms / p.tau_plus_ms).exp() as f32;
    let decay_post = (-dt_ms / p.tau_minus_ms).exp() as f32;
    decay_all(&mut plastic.pre_trace, decay_pre);
    decay_all(&mut plastic.post_trace, decay_post);
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
        floor: eligibility_floor as f32,
        learns: !plastic.frozen,
        w_min,
        w_max,
    };
    let Plastic {
        pre_trace,
        post_trace,
        eligibility,
        eligible_rows,
        ..
    } = plastic;
    let mut eligibility = Eligibility {
        values: eligibility,
        rows: eligible_rows,
    };
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
                target.apply(weights, &mut eligibility, (pre, s), -a_minus * y * scale);
            }
        }
    }
    for &post in post_fired {
        let (start, end) = (
            incoming.offsets[post as usize] as usize,
            incoming.offsets[post as usize + 1] as usize,
        );
        for k in start..end {
            let source = incoming.source[k];
            let x = pre_trace[source as usize];
            if x > 0.0 {
                let s = incoming.synapse[k] as usize;
                let scale = if multiplicative {
                    w_max - weights[s]
                } else {
                    1.0
                };
                target.apply(weights, &mut eligibility, (source, s), a_plus * x * scale);
            }
        }
    }
    pre_fired.iter().for_each(|&i| pre_trace[i as usize] += 1.0);
    post_fired
        .iter()
        .for_each(|&j| post_trace[j as usize] += 1.0);
}

/// A dopamine level below this (in its units, those of a reward) changes no weight: the change
/// `η · D · e · dt` would be below `10⁻¹²` of the eligibility, nothing beside any weight a rule
/// keeps, while the products of such levels with small eligibilities fall below the normal range
/// of `f32`, where arithmetic is tens of times slower (a decaying burst of a critic's dopamine
/// spends most of its life there).
pub const NEGLIGIBLE_DOPAMINE: f32 = 1e-12;

/// `Modulate` (after the dopamine update): eligibility decays, and dopamine (the global level,
/// or the projection's channel) turns it into weight changes on reward-modulated projections.
pub fn modulate_weights(
    clock: Res<SimClock>,
    learning_rate: Res<LearningRate>,
    dopamine: Res<Dopamine>,
    channels: Res<DopamineChannels>,
    mut projections: Query<(&mut Synapses, &mut Plastic, Option<&Modulated>)>,
) {
    for (mut synapses, mut plastic, modulated) in &mut projections {
        let crate::plasticity::Plasticity::RewardStdp(p) = &plastic.rule else {
            continue;
        };
        let level = match &p.dopamine {
            None => dopamine.level,
            Some(name) => channels.level(name),
        };
        let modulation = modulated.map_or(1.0, |m| f64::from(m.factor(Effect::LearningRate)));
        let change = RowModulation {
            rate: (p.learning_rate
                * learning_rate.scale
                * modulation
                * f64::from(level)
                * clock.dt_ms) as f32,
            learns: !plastic.frozen
                && level.abs() >= NEGLIGIBLE_DOPAMINE
                && learning_rate.scale != 0.0,
            zero_sum: p.zero_sum_rows,
            w_min: p.stdp.w_min as f32,
            w_max: p.stdp.w_max as f32,
            decay: (-clock.dt_ms / p.tau_eligibility_ms).exp() as f32,
            floor: (p.eligibility_floor as f32).max(f32::MIN_POSITIVE),
        };
        let Synapses {
            row_offsets,
            weights,
            ..
        } = &mut *synapses;
        let Plastic {
            eligibility,
            eligible_rows,
            ..
        } = &mut *plastic;
        eligible_rows.build_once(eligibility, row_offsets);
        // Rows without eligibility get no change (weights within bounds); only the listed ones
        // are walked.
        eligible_rows.retain(|row| {
            let (start, end) = (
                row_offsets[row as usize] as usize,
                row_offsets[row as usize + 1] as usize,
            );
            change.apply(&mut weights[start..end], &mut eligibility[start..end])
        });
    }
}

/// One step of dopamine on one row (a presynaptic neuron's synapses).
#[derive(Clone, Copy)]
struct RowModulation {
    /// `η · D · dt`, with the global learning-rate factor.
    rate: f32,
    /// Whether weights change (not frozen, dopamine present).
    learns: bool,
    /// Whether the row's mean change is taken from each synapse.
    zero_sum: bool,
    w_min: f32,
    w_max: f32,
    /// The eligibility's decay this step, `exp(−dt/τ_e)`.
    decay: f32,
    /// Eligibility below this becomes 0.
    floor: f32,
}

impl RowModulation {
    /// Changes the row's `weights` by its `eligibility` and decays the eligibility; returns
    /// whether any eligibility is left. (A method on a copied value, not a closure over
    /// borrowed locals, so the loops vectorise.)
    fn apply(self, weights: &mut [f32], eligibility: &mut [f32]) -> bool {
        if self.learns {
            // Zero-sum: the row's mean change is taken from every synapse of the row.
            let shift = if self.zero_sum && !eligibility.is_empty() {
                self.rate * lane_sum(eligibility) / eligibility.len() as f32
            } else {
                0.0
            };
            for (w, &e) in weights.iter_mut().zip(eligibility.iter()) {
                *w = within(*w + self.rate * e - shift, self.w_min, self.w_max);
            }
        }
        // A separate pass with a counted (not short-circuit) test, so both loops vectorise.
        let mut held = 0_u32;
        for e in eligibility.iter_mut() {
            *e = dropped_below(*e * self.decay, self.floor);
            held |= u32::from(*e != 0.0);
        }
        held != 0
    }
}

/// The sum of `values` in 8 interleaved partial sums, added at the end (a plain sum is one
/// serial chain of additions, which cannot be vectorised).
fn lane_sum(values: &[f32]) -> f32 {
    let mut lanes = [0.0_f32; 8];
    let chunks = values.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane += v;
        }
    }
    lanes.iter().sum::<f32>() + rest
}

/// `x` clipped to `[lo, hi]` by two compares (one `maxps`, one `minps` where vectorised; the
/// NaN-aware `f32::clamp` costs three more instructions per lane, and no weight is NaN).
#[inline]
fn within(x: f32, lo: f32, hi: f32) -> f32 {
    let x = if x > lo { x } else { lo };
    if x < hi { x } else { hi }
}

impl RuleParams for StdpParams {
    fn validate(&self) -> Result<(), InvalidParam> {
        StdpParams::validate(self)
    }

    fn weight_floor(&self) -> f64 {
        self.w_min
    }

    fn init(&self, _plastic: &mut Plastic, _target_size: u32, _synapses: usize) {}

    fn learn(&self, plastic: &mut Plastic, step: LearnStep<'_>) {
        stdp_step(self, plastic, step, 0.0);
    }
}

impl RuleParams for RewardStdpParams {
    fn validate(&self) -> Result<(), InvalidParam> {
        self.stdp.validate().map_err(|e| e.within("stdp"))?;
        InvalidParam::positive("tau_eligibility_ms", self.tau_eligibility_ms)?;
        InvalidParam::finite("learning_rate", self.learning_rate)?;
        InvalidParam::non_negative("eligibility_floor", self.eligibility_floor)?;
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

    fn learn(&self, plastic: &mut Plastic, step: LearnStep<'_>) {
        stdp_step(&self.stdp, plastic, step, self.eligibility_floor);
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
