//! Neurogenesis and apoptosis: which neurons of a region are alive.
//!
//! A growing region keeps all `size` neurons' state for life; [`GrowingRegion::alive`] says
//! which take part. A dead (or unborn) neuron's spikes are dropped before they are recorded or
//! sent ([`GrowingRegion::drop_dead_spikes`]) and it has no synapses, so indices never shift:
//! readout pools, encoders, probes, the raster and checkpoints keep meaning the same neuron.
//! A newborn takes its slot's state as it is (the model kept integrating its background
//! input while the slot was empty).
//!
//! At each check, every `every_ms`:
//! - **apoptosis**: an alive neuron silent for `die_after_silent_ms` or longer dies
//!   ([`RecentActivity`]; a newborn counts from its birth);
//! - **neurogenesis**: if the alive neurons' mean rate over the period,
//!   `r = spikes / (alive · period)`, was above `birth_above_hz`, `births_per_check` neurons are
//!   born in free slots drawn at random (not those that died at this check); with no free slot
//!   the region is at its cap, which the log says once.

use bevy::prelude::*;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::growth::spec::NeuronGrowth;
use crate::network::region::Region;
use crate::network::spec::whole_steps;

/// When each neuron of a region last fired: what apoptosis and synaptogenesis read.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentActivity {
    /// `step + 1` of each neuron's last spike (or birth); 0: never.
    last: Vec<u64>,
}

impl RecentActivity {
    /// No neuron of `size` has fired yet.
    pub fn new(size: u32) -> Self {
        Self {
            last: vec![0; size as usize],
        }
    }

    /// Notes that `fired` fired at `step`.
    pub fn note(&mut self, step: u64, fired: &[u32]) {
        for &i in fired {
            self.last[i as usize] = step + 1;
        }
    }

    /// Steps since `neuron` last fired, counting `now` (`now + 1` if it never did).
    pub fn silent_steps(&self, neuron: u32, now: u64) -> u64 {
        now + 1 - self.last[neuron as usize].min(now + 1)
    }

    /// Whether `neuron` fired in the last `steps` steps, `now` included.
    pub fn fired_within(&self, neuron: u32, now: u64, steps: u64) -> bool {
        self.last[neuron as usize] > 0 && self.silent_steps(neuron, now) < steps
    }
}

/// What changed at this step's check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeuronChanges {
    /// Neurons born, ascending.
    pub born: Vec<u32>,
    /// Neurons that died, ascending.
    pub died: Vec<u32>,
}

impl NeuronChanges {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.born.is_empty() && self.died.is_empty()
    }
}

/// The alive neurons of a region with `growth`, and their births and deaths.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrowingRegion {
    /// The scene's settings.
    pub params: NeuronGrowth,
    /// The check cadence, steps.
    pub every_steps: u64,
    /// Whether each neuron is alive.
    pub alive: Vec<bool>,
    /// How many are.
    pub alive_count: u32,
    /// Spikes of alive neurons since the last check.
    pub spikes_since_check: u64,
    /// Neurons born since the start.
    pub born: u64,
    /// Neurons died since the start.
    pub died: u64,
    /// Whether the log has said that the region reached its cap.
    pub cap_reported: bool,
    /// What this step's check changed (empty on other steps); projections rewire by it.
    #[serde(skip)]
    pub changes: NeuronChanges,
    /// Draws the free slots of newborns.
    pub rng: ChaCha8Rng,
}

impl GrowingRegion {
    /// A region of `size` neurons with `params.alive_at_start` alive, spread evenly: neuron
    /// `i` is alive when `(i · alive) mod size < alive`.
    pub fn new(params: NeuronGrowth, size: u32, dt_ms: f64, rng: ChaCha8Rng) -> Self {
        let start = u64::from(params.alive_at_start.min(size));
        let alive: Vec<bool> = (0..u64::from(size))
            .map(|i| (i * start) % u64::from(size) < start)
            .collect();
        Self {
            params,
            every_steps: params.every_steps(dt_ms),
            alive_count: alive.iter().filter(|&&a| a).count() as u32,
            alive,
            spikes_since_check: 0,
            born: 0,
            died: 0,
            cap_reported: false,
            changes: NeuronChanges::default(),
            rng,
        }
    }

    /// Whether `neuron` is alive.
    pub fn is_alive(&self, neuron: u32) -> bool {
        self.alive[neuron as usize]
    }

    /// Drops the spikes of dead neurons from `fired` and counts the rest.
    pub fn drop_dead_spikes(&mut self, fired: &mut Vec<u32>) {
        if self.alive_count < self.alive.len() as u32 {
            let alive = &self.alive;
            fired.retain(|&i| alive[i as usize]);
        }
        self.spikes_since_check += fired.len() as u64;
    }

    /// Whether a check is due at step `now` (the last step of each period).
    pub fn due(&self, now: u64) -> bool {
        (now + 1).is_multiple_of(self.every_steps)
    }

    /// Apoptosis then neurogenesis at step `now` of `dt_ms`; the result is in
    /// [`changes`](Self::changes). Newborns count as just fired in `activity`.
    pub fn check(&mut self, name: &str, activity: &mut RecentActivity, now: u64, dt_ms: f64) {
        self.changes = NeuronChanges::default();
        if let Some(silent_ms) = self.params.die_after_silent_ms {
            let limit = whole_steps(silent_ms, dt_ms);
            for i in 0..self.alive.len() as u32 {
                if self.alive[i as usize] && activity.silent_steps(i, now) >= limit {
                    self.alive[i as usize] = false;
                    self.changes.died.push(i);
                }
            }
        }
        let period_s = self.every_steps as f64 * dt_ms / 1000.0;
        let rate_hz = self.spikes_since_check as f64 / (f64::from(self.alive_count) * period_s);
        self.spikes_since_check = 0;
        if self
            .params
            .birth_above_hz
            .is_some_and(|above| rate_hz > above)
        {
            let died = &self.changes.died;
            let free: Vec<u32> = (0..self.alive.len() as u32)
                .filter(|&i| !self.alive[i as usize] && died.binary_search(&i).is_err())
                .collect();
            let births = (self.params.births_per_check as usize).min(free.len());
            if births == 0 && !self.cap_reported {
                info!(
                    "region '{name}' reached its cap of {} neurons at {:.0} ms; it goes on without neurogenesis",
                    self.alive.len(),
                    now as f64 * dt_ms
                );
                self.cap_reported = true;
            }
            for k in sample(&mut self.rng, free.len(), births) {
                let i = free[k];
                self.alive[i as usize] = true;
                self.changes.born.push(i);
            }
            self.changes.born.sort_unstable();
            activity.note(now, &self.changes.born);
        }
        self.born += self.changes.born.len() as u64;
        self.died += self.changes.died.len() as u64;
        self.alive_count = self.alive.iter().filter(|&&a| a).count() as u32;
    }
}

/// The number of alive neurons of a region: all of them without growth.
pub fn alive_neurons(region: &Region, growing: Option<&GrowingRegion>) -> u32 {
    growing.map_or(region.size, |g| g.alive_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn region(params: NeuronGrowth, size: u32) -> GrowingRegion {
        GrowingRegion::new(params, size, 1.0, ChaCha8Rng::seed_from_u64(1))
    }

    #[test]
    fn the_first_alive_neurons_are_spread_over_the_indices() {
        let r = region(
            NeuronGrowth {
                alive_at_start: 4,
                ..default()
            },
            40,
        );
        let alive: Vec<usize> = (0..40).filter(|&i| r.alive[i]).collect();
        assert_eq!(alive, vec![0, 10, 20, 30]);
        assert_eq!(r.alive_count, 4);
    }

    #[test]
    fn dead_neurons_spikes_are_dropped_and_alive_ones_counted() {
        let mut r = region(
            NeuronGrowth {
                alive_at_start: 2,
                ..default()
            },
            4,
        );
        let mut fired = vec![0, 1, 2, 3];
        r.drop_dead_spikes(&mut fired);
        assert_eq!(fired, vec![0, 2]);
        assert_eq!(r.spikes_since_check, 2);
    }

    #[test]
    fn a_silent_neuron_dies_and_an_active_region_grows_to_its_cap_once() {
        let params = NeuronGrowth {
            alive_at_start: 2,
            every_ms: 10.0,
            birth_above_hz: Some(5.0),
            births_per_check: 1,
            die_after_silent_ms: Some(50.0),
        };
        let mut r = region(params, 4);
        let mut activity = RecentActivity::new(4);
        // Neuron 0 fires every step, neuron 2 never: at step 49, 2 has been silent 50 steps.
        for step in 0..50 {
            let mut fired = vec![0];
            r.drop_dead_spikes(&mut fired);
            activity.note(step, &fired);
            if r.due(step) {
                r.check("r", &mut activity, step, 1.0);
                if step < 49 {
                    assert!(r.changes.died.is_empty(), "step {step}");
                }
            }
        }
        assert_eq!(r.changes.died, vec![2]);
        assert!(
            r.changes.born.is_empty(),
            "the only free slot is the one that died at this check: not reborn at once"
        );
        assert_eq!(r.alive_count, 3);
        // Born at steps 9 and 19 (then the cap: 4 alive), one death at 49.
        assert_eq!((r.born, r.died), (2, 1));
        assert!(r.cap_reported);
    }
}
