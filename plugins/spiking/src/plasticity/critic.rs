//! A temporal-difference critic: dopamine as the error of a learnt prediction of the rewards to
//! come (Schultz, Dayan & Montague 1997), instead of the reward minus its running baseline.
//!
//! One region (the place cells, `critic: Some((…))` on it) is read as the state. Between two
//! rewards the critic counts each neuron's spikes `cᵢ`; at a reward the state's features are the
//! shares `xᵢ = cᵢ / Σⱼ cⱼ` (one-hot place cells give the cell), and its value
//! `V = Σᵢ vᵢ xᵢ`. A reward `r` sent at the end of a decision belongs to the state `s` that
//! decision saw; the state it led to, `s'`, is read from the spikes of the first `settle_ms`
//! after the reward (the place cells of the new state have fired a few times by then; if none
//! has, from the first step one has), and the
//! error of `s` is formed at that moment, while the eligibility of the decision just made is
//! still the freshest:
//!
//! `δ = r + γ V(s') − V(s)`, and `vᵢ ← vᵢ + α δ zᵢ` with the trace `z ← γλ z + x(s)` of
//! the states seen this episode (TD(λ); `λ = 0`: `z = x(s)`, TD(0)),
//!
//! with `V(s') = 0` after a [`Transition::Terminal`] reward (`δ = r − V(s)` at once) and no
//! error after a [`Transition::Cut`] one (what followed is unknown; an episode that ends
//! without either, at the scene's step limit, is treated the same). The state `s'` itself is
//! valued at the next reward from all its spikes. Each `δ` is added to the
//! global dopamine level ([`crate::plasticity::dopamine`]), where reward-modulated STDP turns it
//! into weight changes: the actor learns from the critic's surprise (actor–critic). `γ` is
//! `discount`, `α` `learning_rate` (times the global learning-rate factor, so nothing is learnt
//! with learning off; the error still reaches dopamine); values are in units of reward. The critic's own weights are
//! not synapses of the network: it is a linear readout of the region's spike counts.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::network::region::{Region, Spikes};
use crate::plasticity::dopamine::Dopamine;

/// A critic as a scene writes it, on the region it reads: `critic: Some((discount: 0.9))`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CriticParams {
    /// Discount `γ` of the next state's value, `0..1`.
    pub discount: f32,
    /// Learning rate `α` of the values, per unit of error.
    pub learning_rate: f32,
    /// How long after a reward the next state's spikes are read for its value, ms.
    pub settle_ms: f64,
    /// Trace decay `λ`, `0..1`: how far back in the episode an error reaches (0: only the state
    /// it is about).
    pub trace: f32,
    /// How long an error's dopamine burst lasts: the global dopamine's decay time constant
    /// `τ_D`, ms. Shorter than a decision, so an error teaches the decision it is about more
    /// than the one being made.
    pub burst_ms: f64,
}

impl Default for CriticParams {
    fn default() -> Self {
        Self {
            discount: 0.9,
            learning_rate: 0.1,
            settle_ms: 5.0,
            trace: 0.0,
            burst_ms: 20.0,
        }
    }
}

impl CriticParams {
    /// Checks every value; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(
            (0.0..=1.0).contains(&self.discount),
            "critic.discount",
            || format!("must be between 0 and 1, got {}", self.discount),
        )?;
        InvalidParam::check(
            self.learning_rate.is_finite() && self.learning_rate >= 0.0,
            "critic.learning_rate",
            || format!("must be a number ≥ 0, got {}", self.learning_rate),
        )?;
        InvalidParam::positive("critic.settle_ms", self.settle_ms)?;
        InvalidParam::check((0.0..=1.0).contains(&self.trace), "critic.trace", || {
            format!("must be between 0 and 1, got {}", self.trace)
        })?;
        InvalidParam::positive("critic.burst_ms", self.burst_ms)
    }
}

/// The state a reward was for, waiting for the value of the state after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingState {
    /// Its value when it was seen.
    pub value: f32,
    /// The reward of the move made from it.
    pub reward: f32,
    /// Steps until the state after it is read.
    pub steps_left: u64,
}

/// The critic of the loaded network (inactive without one). Saved in checkpoints.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Critic {
    /// The region read, by index among the network's regions; `None`: no critic.
    pub region: Option<u32>,
    /// Its parameters.
    pub params: CriticParams,
    /// The value weight `vᵢ` of each neuron of the region.
    pub values: Vec<f32>,
    /// Spikes of each neuron since the last reward.
    pub counts: Vec<f32>,
    /// The trace `z` of this episode's states.
    pub trace: Vec<f32>,
    /// The state the last reward was for, until the state after it is read.
    pub pending: Option<PendingState>,
    /// `settle_ms` in steps.
    pub settle_steps: u64,
    /// The last error `δ` formed.
    pub last_error: f32,
}

impl Critic {
    /// A critic of region `region` (of `size` neurons), values starting at 0, for steps of
    /// `dt_ms`.
    pub fn new(region: u32, size: u32, params: CriticParams, dt_ms: f64) -> Self {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let settle_steps = (params.settle_ms / dt_ms).ceil().max(1.0) as u64;
        Self {
            region: Some(region),
            params,
            values: vec![0.0; size as usize],
            counts: vec![0.0; size as usize],
            trace: vec![0.0; size as usize],
            pending: None,
            settle_steps,
            last_error: 0.0,
        }
    }

    /// The value of features `x`.
    pub fn value(&self, features: &[f32]) -> f32 {
        self.values.iter().zip(features).map(|(v, x)| v * x).sum()
    }

    /// The value of neuron `i` alone firing (for one-hot place cells, its cell's value).
    pub fn value_of_neuron(&self, i: usize) -> f32 {
        self.values.get(i).copied().unwrap_or(0.0)
    }

    /// The features of the spikes counted so far: each neuron's share.
    fn features(&self) -> Vec<f32> {
        let total: f32 = self.counts.iter().sum();
        self.counts
            .iter()
            .map(|c| if total > 0.0 { c / total } else { 0.0 })
            .collect()
    }

    /// A reward arrives: the state seen since the last one is valued and waits for the state
    /// after it ([`Self::settle`]), or, after a terminal reward, learns at once, its rate
    /// times `scale` (the global learning-rate factor; 0 with learning off). Returns the error
    /// `δ` for dopamine formed now (0 while waiting).
    pub fn observe(&mut self, reward: &Reward, scale: f32) -> f32 {
        let mut error = self.settle_now(scale);
        let features = self.features();
        self.counts.iter_mut().for_each(|c| *c = 0.0);
        let value = self.value(&features);
        let fade = self.params.discount * self.params.trace;
        for (z, x) in self.trace.iter_mut().zip(&features) {
            *z = fade * *z + x;
        }
        match reward.transition {
            Transition::Continues => {
                self.pending = Some(PendingState {
                    value,
                    reward: reward.value,
                    steps_left: self.settle_steps,
                });
            }
            Transition::Terminal => {
                let delta = reward.value - value;
                self.learn(delta, scale);
                error += delta;
                self.trace.iter_mut().for_each(|z| *z = 0.0);
            }
            Transition::Cut => self.trace.iter_mut().for_each(|z| *z = 0.0),
        }
        self.last_error = error;
        error
    }

    /// One step after the spikes are counted: once `settle_ms` has passed since the waiting
    /// state's reward and the region has fired since, the state after it is valued from the
    /// spikes so far and the waiting
    /// state's error formed and learnt from (rate times `scale`). Returns that `δ` (0 on other
    /// steps).
    pub fn settle(&mut self, scale: f32) -> f32 {
        let silent = self.counts.iter().all(|&c| c == 0.0);
        match &mut self.pending {
            Some(waiting) if waiting.steps_left > 1 => {
                waiting.steps_left -= 1;
                0.0
            }
            // No spike of the new state yet: valuing it now would call it worthless.
            Some(_) if silent => 0.0,
            Some(_) => {
                let error = self.settle_now(scale);
                self.last_error = error;
                error
            }
            None => 0.0,
        }
    }

    /// Forms the waiting state's error from the spikes counted so far, if a state waits.
    fn settle_now(&mut self, scale: f32) -> f32 {
        let Some(waiting) = self.pending.take() else {
            return 0.0;
        };
        let next = self.value(&self.features());
        let delta = waiting.reward + self.params.discount * next - waiting.value;
        self.learn(delta, scale);
        delta
    }

    /// `v ← v + scale · α δ z`.
    fn learn(&mut self, delta: f32, scale: f32) {
        let rate = self.params.learning_rate * scale * delta;
        for (v, z) in self.values.iter_mut().zip(&self.trace) {
            *v += rate * z;
        }
    }
}

/// `Learn`: the critic's region's spikes of this step are counted, and a waiting state whose
/// successor has settled gets its error, which joins the dopamine level.
pub fn count_critic_spikes(
    mut critic: ResMut<Critic>,
    mut dopamine: ResMut<Dopamine>,
    learning_rate: Res<LearningRate>,
    regions: Query<(&Region, &Spikes)>,
) {
    let Some(index) = critic.region else {
        return;
    };
    for (region, spikes) in &regions {
        if region.index == index {
            for &i in &spikes.fired {
                if let Some(count) = critic.counts.get_mut(i as usize) {
                    *count += 1.0;
                }
            }
        }
    }
    dopamine.level += critic.settle(learning_rate.effective() as f32);
}

/// `Record` (an episode's end): whatever ended the episode, the critic's episode ends too: a
/// state still waiting for its successor learns nothing (as after a `Cut`) and the trace is
/// cleared, so nothing carries over to the next episode's first state.
pub fn end_critic_episode(mut critic: ResMut<Critic>) {
    critic.pending = None;
    critic.trace.iter_mut().for_each(|z| *z = 0.0);
}

/// The `critic` checkpoint section's name.
pub const SECTION: &str = "critic";

/// Encodes the critic (inactive when the network has none).
pub fn save(world: &World) -> Result<Vec<u8>, neurarium_sim::checkpoint::CheckpointError> {
    neurarium_sim::checkpoint::encode(
        SECTION,
        &world.get_resource::<Critic>().cloned().unwrap_or_default(),
    )
}

/// Restores the critic saved by [`save`] over the one the scene built, refusing a checkpoint
/// whose critic reads another region or size, or exists where the scene has none (or the
/// reverse): resuming it would silently change how dopamine is made.
pub fn load(
    world: &mut World,
    bytes: &[u8],
) -> Result<(), neurarium_sim::checkpoint::CheckpointError> {
    let saved: Critic = neurarium_sim::checkpoint::decode(SECTION, bytes)?;
    let mut current = world.get_resource_or_init::<Critic>();
    let shape = |c: &Critic| (c.region, c.values.len());
    if shape(&saved) != shape(&current) {
        let describe = |c: &Critic| match c.region {
            Some(r) => format!("a critic on region {r} ({} neurons)", c.values.len()),
            None => "no critic".to_owned(),
        };
        return Err(neurarium_sim::checkpoint::CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has {}, the scene {}",
                describe(&saved),
                describe(&current)
            ),
        ));
    }
    *current = saved;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fire(critic: &mut Critic, neuron: usize) {
        critic.counts[neuron] += 3.0;
    }

    /// One episode along the chain 0 → 1 → 2 → goal (reward 1 at the goal only), each state
    /// settling two steps after the reward before it.
    fn walk_chain(critic: &mut Critic, scale: f32) {
        for state in 0..3 {
            fire(critic, state);
            assert_eq!(critic.settle(1.0), 0.0, "not settled after one step");
            critic.settle(1.0);
            assert!(critic.pending.is_none(), "settled after two");
            let last = state == 2;
            critic.observe(
                &Reward {
                    value: if last { 1.0 } else { 0.0 },
                    transition: if last {
                        Transition::Terminal
                    } else {
                        Transition::Continues
                    },
                },
                scale,
            );
        }
    }

    fn chain_critic(trace: f32) -> Critic {
        let params = CriticParams {
            discount: 0.5,
            learning_rate: 0.2,
            settle_ms: 2.0,
            trace,
            ..CriticParams::default()
        };
        Critic::new(0, 3, params, 1.0)
    }

    #[test]
    fn values_converge_to_discounted_rewards_on_a_chain() {
        // V = γ², γ, 1.
        let mut critic = chain_critic(0.0);
        for _ in 0..300 {
            walk_chain(&mut critic, 1.0);
        }
        let values: Vec<f32> = (0..3).map(|i| critic.value_of_neuron(i)).collect();
        for (v, want) in values.iter().zip([0.25, 0.5, 1.0]) {
            assert!((v - want).abs() < 0.01, "values {values:?}");
        }
        assert!(critic.last_error.abs() < 0.01, "no surprise left");
    }

    #[test]
    fn a_trace_carries_the_goal_back_in_one_episode() {
        let (mut td0, mut traced) = (chain_critic(0.0), chain_critic(1.0));
        walk_chain(&mut td0, 1.0);
        walk_chain(&mut traced, 1.0);
        assert_eq!(
            td0.value_of_neuron(0),
            0.0,
            "TD(0): the goal is two states away"
        );
        // TD(1): the terminal error 1 reaches state 0 through z₀ = γ² = 0.25.
        assert!((traced.value_of_neuron(0) - 0.2 * 0.25).abs() < 1e-6);
        assert!(
            traced.trace.iter().all(|&z| z == 0.0),
            "cleared at the goal"
        );
    }

    #[test]
    fn a_cut_episode_teaches_nothing_about_its_last_state() {
        let mut critic = Critic::new(0, 2, CriticParams::default(), 1.0);
        fire(&mut critic, 0);
        critic.observe(
            &Reward {
                value: 5.0,
                transition: Transition::Cut,
            },
            1.0,
        );
        assert_eq!(critic.values, vec![0.0, 0.0]);
        assert!(critic.pending.is_none());
        fire(&mut critic, 1);
        let error = critic.observe(
            &Reward {
                value: 1.0,
                transition: Transition::Terminal,
            },
            1.0,
        );
        assert!((error - 1.0).abs() < 1e-6);
        assert!((critic.value_of_neuron(1) - 0.1).abs() < 1e-6);
    }

    #[test]
    fn the_next_state_is_valued_only_once_it_has_fired() {
        let mut critic = Critic::new(0, 2, CriticParams::default(), 1.0);
        critic.values = vec![0.0, 1.0];
        fire(&mut critic, 0);
        let step = Reward {
            value: 0.0,
            transition: Transition::Continues,
        };
        critic.observe(&step, 1.0);
        for _ in 0..10 {
            assert_eq!(critic.settle(1.0), 0.0, "silent: still waiting");
        }
        fire(&mut critic, 1);
        // δ = 0 + γ · V(state 1) − V(state 0) = 0.9.
        assert!((critic.settle(1.0) - 0.9).abs() < 1e-6);
    }

    #[test]
    fn a_checkpoint_with_another_critic_is_refused() {
        let mut world = World::new();
        world.insert_resource(Critic::new(0, 4, CriticParams::default(), 1.0));
        let bytes = save(&world).unwrap();
        assert!(load(&mut world, &bytes).is_ok());
        world.insert_resource(Critic::default());
        let error = load(&mut world, &bytes).unwrap_err().to_string();
        assert!(
            error.contains(
                "the checkpoint has a critic on region 0 (4 neurons), the scene no critic"
            ),
            "{error}"
        );
    }

    #[test]
    fn with_learning_off_the_critic_still_signals_but_does_not_learn() {
        let mut critic = Critic::new(0, 2, CriticParams::default(), 1.0);
        fire(&mut critic, 1);
        let reward = Reward {
            value: 1.0,
            transition: Transition::Terminal,
        };
        assert!(
            (critic.observe(&reward, 0.0) - 1.0).abs() < 1e-6,
            "the error is formed"
        );
        assert_eq!(critic.values, vec![0.0, 0.0], "nothing learnt");
    }
}
