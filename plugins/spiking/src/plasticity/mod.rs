//! Plasticity: learning rules, neuromodulation and homeostasis.
//!
//! | module | what | equations |
//! |---|---|---|
//! | [`stdp`] | pair STDP (additive or multiplicative) and reward-modulated STDP | `Δw = A₊x` at a post spike, `−A₋y` at a pre spike; R-STDP: `e += Δw`, `dw = η·D·e·dt` |
//! | [`bcm`] | BCM with a sliding threshold | `dw/dt = η·x·y·(y − θ)`, `τ_θ dθ/dt = y²/r* − θ` |
//! | [`dopamine`] | reward prediction error, global and named channels | `D += r − b`, `b += α(r − b)`, `τ_D dD/dt = −D` |
//! | [`homeostasis`] | synaptic scaling towards a target rate | `w ← w·max(0, 1 + η(r* − r)/r*·T)` |
//! | [`state`] | what every plastic projection keeps: traces, eligibility, thresholds | |
//! | [`eligible_rows`] | the rows with eligibility, the only ones dopamine visits | |
//!
//! Every weight change is multiplied by the global
//! [`LearningRate`] factor.
//!
//! **Adding a rule** is one line in `plasticity_rules!`'s invocation below, plus its file: a
//! parameters type implementing [`RuleParams`] (validation, weight floor, its state, one step of
//! learning, any systems of its own). That line drives the scene schema (the [`Plasticity`]
//! variant), validation, the state at spawn, the shared `Learn` system and the rule's own
//! scheduling; the state is the one [`Plastic`] component, saved in
//! checkpoints. The test that walks [`Plasticity::examples`] checks every rule changes weights
//! and survives a checkpoint.

pub mod bcm;
pub mod critic;
pub mod dopamine;
pub mod eligible_rows;
pub mod homeostasis;
pub mod modulators;
pub mod state;
pub mod stdp;

use crate::plasticity::modulators::{Effect, Modulated};
use bevy::prelude::*;
use neurarium_sim::learning_rate::LearningRate;
use neurarium_sim::prelude::{SimClock, SimSet, schedule_once};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::error::InvalidParam;
use crate::network::region::Spikes;
use crate::synapses::projection::{ProjectionLink, Synapses};
use bcm::BcmParams;
use state::{IncomingSynapses, Plastic};
use stdp::{RewardStdpParams, StdpParams};

/// What one step of learning sees besides the projection's own state.
pub struct LearnStep<'a> {
    /// The projection's synapses (weights change in place).
    pub synapses: &'a mut Synapses,
    /// Their transpose.
    pub incoming: &'a IncomingSynapses,
    /// Who fired this step: (source neurons, target neurons).
    pub fired: (&'a [u32], &'a [u32]),
    /// The step, ms.
    pub dt_ms: f64,
    /// The global learning-rate factor.
    pub rate_scale: f64,
}

/// A learning rule's parameters, as a scene gives them, and what the rule does.
pub trait RuleParams:
    Clone + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Default + Send + Sync + 'static
{
    /// Checks every value; the error names the field below the rule.
    fn validate(&self) -> Result<(), InvalidParam>;
    /// The lowest weight the rule can reach.
    fn weight_floor(&self) -> f64;
    /// The dopamine channel the rule listens to, if any.
    fn dopamine_channel(&self) -> Option<&str> {
        None
    }
    /// Sets up the rule's own state in `plastic` for a projection onto `target_size` neurons
    /// with `synapses` synapses (traces are already there).
    fn init(&self, plastic: &mut Plastic, target_size: u32, synapses: usize);
    /// One step of learning in `Learn`.
    fn learn(&self, plastic: &mut Plastic, step: LearnStep<'_>);
    /// Schedules the rule's own systems besides the shared `Learn` one (once per scene).
    fn schedule(_world: &mut World) {}
}

/// Declares every learning rule: see the module docs.
macro_rules! plasticity_rules {
    ($( $(#[$doc:meta])* $rule:ident($params:ty), )*) => {
        /// Plasticity of a projection, as written in a scene.
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        pub enum Plasticity {
            /// Fixed weights.
            #[default]
            None,
            $( $(#[$doc])* $rule($params), )*
        }

        impl Plasticity {
            /// The lowest weight the rule can reach (`None` for fixed weights).
            pub fn weight_floor(&self) -> Option<f64> {
                match self {
                    Plasticity::None => None,
                    $( Plasticity::$rule(p) => Some(p.weight_floor()), )*
                }
            }

            /// The dopamine channel the rule listens to, if any.
            pub fn dopamine_channel(&self) -> Option<&str> {
                match self {
                    Plasticity::None => None,
                    $( Plasticity::$rule(p) => p.dopamine_channel(), )*
                }
            }

            /// Checks every value; the error names the field (`RewardStdp.stdp.a_plus`).
            pub fn validate(&self) -> Result<(), InvalidParam> {
                match self {
                    Plasticity::None => Ok(()),
                    $( Plasticity::$rule(p) => p.validate().map_err(|e| e.within(stringify!($rule))), )*
                }
            }

            /// Sets up the rule's own state.
            pub(crate) fn init(&self, plastic: &mut Plastic, target_size: u32, synapses: usize) {
                match self {
                    Plasticity::None => {}
                    $( Plasticity::$rule(p) => p.init(plastic, target_size, synapses), )*
                }
            }

            /// One step of the rule on `plastic`.
            fn learn(&self, plastic: &mut Plastic, step: LearnStep<'_>) {
                match self {
                    Plasticity::None => {}
                    $( Plasticity::$rule(p) => p.learn(plastic, step), )*
                }
            }

            /// Schedules the shared `Learn` system and the rule's own (once per scene).
            pub(crate) fn schedule(&self, world: &mut World) {
                if *self == Plasticity::None {
                    return;
                }
                schedule_once(world, "plasticity", learn.in_set(SimSet::Learn));
                match self {
                    Plasticity::None => {}
                    $( Plasticity::$rule(_) => <$params>::schedule(world), )*
                }
            }

            /// Every rule with default parameters, for tests that walk every rule.
            pub fn examples() -> Vec<Plasticity> {
                vec![$( Plasticity::$rule(<$params>::default()), )*]
            }
        }
    };
}

plasticity_rules! {
    /// Pair-based STDP ([`stdp`]).
    Stdp(StdpParams),
    /// Reward-modulated STDP with eligibility traces and dopamine ([`stdp`], [`dopamine`]).
    RewardStdp(RewardStdpParams),
    /// BCM rule with a sliding threshold ([`bcm`]).
    Bcm(BcmParams),
}

/// `Learn`: one step of every plastic projection's rule, its rate times the modulators'
/// `LearningRate` factor where the projection is [`Modulated`].
pub fn learn(
    clock: Res<SimClock>,
    learning_rate: Res<LearningRate>,
    mut projections: Query<(
        &ProjectionLink,
        &mut Synapses,
        &mut Plastic,
        &IncomingSynapses,
        Option<&Modulated>,
    )>,
    spikes: Query<&Spikes>,
) {
    for (link, mut synapses, mut plastic, incoming, modulated) in &mut projections {
        let (Ok(pre), Ok(post)) = (spikes.get(link.source), spikes.get(link.target)) else {
            continue;
        };
        // The rule is moved out while it changes the rest of the state, then put back.
        let rule = std::mem::take(&mut plastic.rule);
        rule.learn(
            &mut plastic,
            LearnStep {
                synapses: &mut synapses,
                incoming,
                fired: (&pre.fired, &post.fired),
                dt_ms: clock.dt_ms,
                rate_scale: learning_rate.scale
                    * modulated.map_or(1.0, |m| f64::from(m.factor(Effect::LearningRate))),
            },
        );
        plastic.rule = rule;
    }
}
