//! A brain of any kind pushing the cart, through its ports
//! ([`neurarium_sim::protocol::ports`]): the comparison a spiking network with reward-modulated
//! STDP makes against the planner.
//!
//! Each simulation step:
//! - `Sense` ([`sense_box`]): the place port gets `k` values per box of the state
//!   ([`crate::bins`]), 1 for the box the cart pole is in and 0 elsewhere (a spiking brain: a
//!   `Rate` encoder region, place cells firing while the state is in their box);
//! - `Act`: when the motor port renews its choice (a winner-take-all window closes), one control
//!   step of `τ`: pool 0 pushes left, pool 1 right. A window in which no motor neuron fired
//!   pushes at random (from the world's stream: CartPole has no "no push"). Between choices the
//!   cart pole waits, so a window of `τ` (20 ms) makes the brain's time the cart pole's;
//! - `Reward`: each control step's reward, `reward.step`, or `reward.fall` for the step in which
//!   the pole fell or the cart left the rail (`Terminal`; the step limit is `Cut`). A spiking
//!   brain turns it into dopamine: the reward minus its running baseline, or its critic's
//!   temporal-difference error.

use bevy::prelude::*;
use neurarium_sim::param::InvalidParam;
use neurarium_sim::prelude::{BrainPorts, InputPort, require_input, require_output};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::bins::StateBins;
use crate::world::CartPoleWorld;

/// The rewards a brain learns from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BrainRewards {
    /// Each control step the pole stays up.
    pub step: f32,
    /// The step in which it falls (or the cart leaves the rail), instead of `step`.
    pub fall: f32,
}

impl Default for BrainRewards {
    /// Only the failure is signalled, as Barto, Sutton & Anderson (1983) did.
    fn default() -> Self {
        Self {
            step: 0.0,
            fall: -1.0,
        }
    }
}

/// The brain that pushes the cart, as a scene gives it: `controller: Brain((…))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CartPoleBrainSpec {
    /// Input port with `k ≥ 1` values per box (a spiking brain: a `Rate` encoder region of
    /// `k · boxes` neurons).
    pub place: String,
    /// Output port choosing one of two pools, left then right (a spiking brain: a
    /// `WinnerTakeAll` readout with 2 pools).
    pub motor: String,
    /// How the state is cut into boxes.
    pub boxes: StateBins,
    /// The rewards.
    pub reward: BrainRewards,
}

impl Default for CartPoleBrainSpec {
    fn default() -> Self {
        Self {
            place: "place".to_owned(),
            motor: "motor".to_owned(),
            boxes: StateBins::default(),
            reward: BrainRewards::default(),
        }
    }
}

impl CartPoleBrainSpec {
    /// Checks the boxes, the rewards and the brains' ports; the error names the field below
    /// `controller.Brain`.
    pub fn check(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        self.boxes.check().map_err(|e| e.within("boxes"))?;
        InvalidParam::finite("reward.step", self.reward.step.into())?;
        InvalidParam::finite("reward.fall", self.reward.fall.into())?;
        let boxes = self.boxes.boxes();
        let place = ports
            .input(&self.place)
            .map_err(|message| InvalidParam::new("place", message))?;
        InvalidParam::check(
            place.width >= boxes && place.width % boxes == 0,
            "place",
            || {
                format!(
                    "input port '{}' ({}) reads {} values, but there are {boxes} boxes: it must read k values per box ({boxes}, {}, …)",
                    self.place,
                    place.what,
                    place.width,
                    2 * boxes
                )
            },
        )?;
        let motor = ports
            .output(&self.motor)
            .map_err(|message| InvalidParam::new("motor", message))?;
        InvalidParam::check(motor.choices == Some(2), "motor", || {
            format!(
                "output port '{}' ({}) must choose one of 2 pools, left and right (a WinnerTakeAll readout with 2 pools)",
                self.motor, motor.what
            )
        })
    }
}

/// The ports that push the cart, found at spawn.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct CartPoleBrain {
    /// The place cells' input port.
    pub place: Entity,
    /// The motor output port.
    pub motor: Entity,
    /// How the state is cut into boxes.
    pub boxes: StateBins,
    /// The rewards.
    pub reward: BrainRewards,
}

impl CartPoleBrain {
    /// Finds the ports `spec` names among the spawned brains'.
    pub fn resolve(world: &mut World, spec: &CartPoleBrainSpec) -> Result<Self, InvalidParam> {
        let within = |e: InvalidParam| e.within("controller.Brain");
        Ok(Self {
            place: require_input(world, "place", &spec.place).map_err(within)?,
            motor: require_output(world, "motor", &spec.motor).map_err(within)?,
            boxes: spec.boxes,
            reward: spec.reward,
        })
    }

    /// The push of a closed window: the chosen pool's (`true`: right), or at random when no
    /// pool fired.
    pub fn push(choice: Option<u32>, rng: &mut ChaCha8Rng) -> bool {
        match choice {
            Some(pool) => pool == 1,
            None => rng.random_bool(0.5),
        }
    }

    /// The reward of a control step that left the pole `fallen` or not.
    pub fn reward(&self, fallen: bool) -> f32 {
        if fallen {
            self.reward.fall
        } else {
            self.reward.step
        }
    }
}

/// `Sense`: ones for the state's box in the place port, zeros elsewhere.
pub fn sense_box(
    worlds: Query<(&CartPoleWorld, &CartPoleBrain)>,
    mut inputs: Query<&mut InputPort>,
) {
    for (world, brain) in &worlds {
        let Ok(mut port) = inputs.get_mut(brain.place) else {
            continue;
        };
        port.set_one_hot(brain.boxes.box_of(&world.state), brain.boxes.boxes());
    }
}
