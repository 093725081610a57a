//! Axonal delays: a ring buffer of future synaptic input per target region.
//!
//! Slot `s mod L` of a region's ring holds the summed synaptic input that arrives at step
//! `s`, one column per [`Receptor`] channel, where `L = max delay + 1` over the projections
//! into the region. A spike emitted at step `t` on a projection with delay `d ≥ 1` steps is
//! added to slot `(t + d) mod L` of its receptor's channel; at step `t + d`, in `Deliver`, the
//! neuron model takes the slot and it is cleared. So a spike arrives exactly `d` steps after
//! it was emitted.
//!
//! What a unit of input means is the target model's business: a jump of the membrane
//! potential in mV for [`crate::models::lif`], a conductance increment in nS for [`crate::models::coba`].

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The synaptic channel a projection feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Receptor {
    /// Excitatory (glutamate; `Glutamate` in scenes too): added to the potential (LIF) or to
    /// g_e (conductance-based LIF).
    #[default]
    #[serde(alias = "Glutamate")]
    Excitatory,
    /// Inhibitory (GABA; `Gaba` in scenes too): subtracted from the potential (LIF) or added
    /// to g_i (conductance-based).
    #[serde(alias = "Gaba")]
    Inhibitory,
}

impl Receptor {
    /// Number of channels.
    pub const COUNT: usize = 2;

    /// Column of this receptor in a ring slot.
    pub fn channel(self) -> usize {
        match self {
            Receptor::Excitatory => 0,
            Receptor::Inhibitory => 1,
        }
    }
}

/// Future synaptic input of one region.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelayRing {
    size: usize,
    /// `slots[s][channel * size + neuron]`.
    slots: Vec<Vec<f32>>,
}

impl DelayRing {
    /// A ring for `size` neurons and delays up to `max_delay_steps`.
    pub fn new(size: u32, max_delay_steps: u32) -> Self {
        Self {
            size: size as usize,
            slots: vec![vec![0.0; size as usize * Receptor::COUNT]; max_delay_steps as usize + 1],
        }
    }

    /// The longest delay the ring can hold, in steps.
    pub fn max_delay_steps(&self) -> u32 {
        (self.slots.len() - 1) as u32
    }

    fn slot_index(&self, step: u64) -> usize {
        (step % self.slots.len() as u64) as usize
    }

    /// The input of `receptor` arriving at step `step`, to add into.
    pub fn slot_mut(&mut self, step: u64, receptor: Receptor) -> &mut [f32] {
        let (size, index) = (self.size, self.slot_index(step));
        let start = receptor.channel() * size;
        &mut self.slots[index][start..start + size]
    }

    /// Hands the input of step `step`, `(excitatory, inhibitory)`, to `take`, which must
    /// leave both slices zeroed ([`take_sum`], [`take_difference`]): reading and clearing in
    /// one pass halves the memory traffic of a separate clear.
    pub fn drain(&mut self, step: u64, take: impl FnOnce(&mut [f32], &mut [f32])) {
        let (size, index) = (self.size, self.slot_index(step));
        let (excitatory, inhibitory) = self.slots[index].split_at_mut(size);
        take(excitatory, inhibitory);
        debug_assert!(
            self.slots[index].iter().all(|&x| x == 0.0),
            "slot left unconsumed"
        );
    }
}

/// `total[i] += input[i]`, leaving `input` zeroed.
pub fn take_sum(total: &mut [f32], input: &mut [f32]) {
    for (t, x) in total.iter_mut().zip(input.iter_mut()) {
        *t += *x;
        *x = 0.0;
    }
}

/// `out[i] = excitatory[i] − inhibitory[i]`, leaving both inputs zeroed.
pub fn take_difference(out: &mut Vec<f32>, excitatory: &mut [f32], inhibitory: &mut [f32]) {
    out.clear();
    out.extend(
        excitatory
            .iter_mut()
            .zip(inhibitory.iter_mut())
            .map(|(e, i)| {
                let net = *e - *i;
                (*e, *i) = (0.0, 0.0);
                net
            }),
    );
}
