//! Synaptogenesis, pruning, and the wiring of newborn and dead neurons, on one projection.
//!
//! At a check of the projection's own `growth` (every `every_ms`), or at any step where a
//! region at either end gained or lost neurons:
//! - synapses to or from a dead neuron are removed;
//! - **pruning** (own check): synapses with `|w| < prune_below` are removed;
//! - **newborns** are wired by the projection's own connectivity rule, drawn among the alive
//!   neurons at the other end (all of them for `AllToAll`, each with probability `p` for
//!   `FixedProbability(p)`, `p_max·exp(−d²/2σ²)` for `Gaussian`, `k` sources for a newborn target
//!   of `FixedInDegree(k)` and each target with probability `k / alive sources` for a newborn
//!   source), with weights drawn from its `weight`;
//! - **synaptogenesis** (own check): up to `new_per_check` new synapses of weight `new_weight`,
//!   each between a source and a target neuron that both fired within the last period and are
//!   not yet connected (pairs drawn at random among the active ones, at most 8 tries per
//!   synapse);
//! - the **cap** `max_synapses` bounds what is added (newborns' wiring first); a projection that
//!   reaches it says so once in the log.
//!
//! The changes are applied in one [`Synapses::restructure`]; a step with nothing to change
//! touches no synapse.

use bevy::prelude::*;
use rand::Rng;
use rand::seq::index::sample;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::growth::neurons::RecentActivity;
use crate::growth::spec::SynapseGrowth;
use crate::synapses::projection::{Connectivity, Layout, Synapses, WeightInit};
use crate::synapses::restructure::{NewSynapse, SynapseRemap};

/// One end of a projection as rewiring sees it.
#[derive(Debug, Clone, Copy)]
pub struct End<'a> {
    /// Which neurons are alive; `None`: all (a region without growth).
    pub alive: Option<&'a [bool]>,
    /// Neurons born at this step.
    pub born: &'a [u32],
    /// When each neuron last fired (needed for synaptogenesis).
    pub activity: Option<&'a RecentActivity>,
    /// Where its neurons lie.
    pub layout: Layout,
}

impl End<'_> {
    fn is_alive(&self, neuron: u32) -> bool {
        self.alive.is_none_or(|alive| alive[neuron as usize])
    }

    fn living(&self) -> Vec<u32> {
        (0..self.layout.size())
            .filter(|&i| self.is_alive(i))
            .collect()
    }

    fn active_neurons(&self, now: u64, steps: u64) -> Vec<u32> {
        let Some(activity) = self.activity else {
            return Vec::new();
        };
        (0..self.layout.size())
            .filter(|&i| self.is_alive(i) && activity.fired_within(i, now, steps))
            .collect()
    }
}

/// The rewiring state of a projection with `growth`, or touching a region with `growth`.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rewiring {
    /// The projection's own synaptogenesis and pruning, if any.
    pub growth: Option<SynapseGrowth>,
    /// Its check cadence in steps (0: none).
    pub every_steps: u64,
    /// How newborns are wired.
    pub connectivity: Connectivity,
    /// The weights of newborns' synapses.
    pub weight: WeightInit,
    /// Synapses made since the start (newborns' and synaptogenesis).
    pub made: u64,
    /// Synapses removed since the start (pruned, or of a dead neuron).
    pub removed: u64,
    /// Whether the log has said that the projection reached its cap.
    pub cap_reported: bool,
    /// Where the source's neurons lie (for `Gaussian` newborns).
    pub source_layout: Layout,
    /// Where the target's neurons lie.
    pub target_layout: Layout,
    /// Draws partners and pairs.
    pub rng: ChaCha8Rng,
}

impl Rewiring {
    /// Rewiring for a projection with this connectivity, initial weights and `growth`.
    pub fn new(
        growth: Option<SynapseGrowth>,
        (connectivity, weight): (Connectivity, WeightInit),
        (source_layout, target_layout): (Layout, Layout),
        dt_ms: f64,
        rng: ChaCha8Rng,
    ) -> Self {
        Self {
            source_layout,
            target_layout,
            every_steps: growth.map_or(0, |g| g.every_steps(dt_ms)),
            growth,
            connectivity,
            weight,
            made: 0,
            removed: 0,
            cap_reported: false,
            rng,
        }
    }

    /// Whether the projection's own check is due at step `now`.
    pub fn due(&self, now: u64) -> bool {
        self.every_steps > 0 && (now + 1).is_multiple_of(self.every_steps)
    }

    /// Applies this step's structural changes to `synapses` (named `name` in the log);
    /// returns where each synapse came from, or `None` if nothing changed.
    pub fn rewire(
        &mut self,
        name: &str,
        synapses: &mut Synapses,
        (source, target): (End, End),
        now: u64,
        recurrent: bool,
    ) -> Option<SynapseRemap> {
        let due = self.due(now);
        let prune_below = self.growth.filter(|_| due).and_then(|g| g.prune_below);
        let keep = |pre: u32, post: u32, w: f32| {
            source.is_alive(pre)
                && target.is_alive(post)
                && prune_below.is_none_or(|floor| f64::from(w.abs()) >= floor)
        };
        let removed = count_removed(synapses, &keep);
        let mut add = self.newborns_wiring(source, target, recurrent);
        if let Some(growth) = self.growth.filter(|_| due) {
            add.extend(self.coactive_pairs(synapses, growth, (source, target), now));
        }
        if let Some(growth) = self.growth {
            let room = (growth.max_synapses as usize).saturating_sub(synapses.len() - removed);
            if add.len() > room || (room == 0 && due && growth.new_per_check > 0) {
                add.truncate(room);
                if !self.cap_reported {
                    info!(
                        "projection '{name}' reached its cap of {} synapses at step {now}; it goes on without new synapses",
                        growth.max_synapses
                    );
                    self.cap_reported = true;
                }
            }
        }
        if removed == 0 && add.is_empty() {
            return None;
        }
        let remap = synapses.restructure(keep, add);
        self.made += remap.added() as u64;
        self.removed += removed as u64;
        Some(remap)
    }

    /// The synapses of this step's newborns at either end.
    fn newborns_wiring(&mut self, source: End, target: End, recurrent: bool) -> Vec<NewSynapse> {
        let mut add = Vec::new();
        for &pre in source.born {
            for post in self.partners(pre, (source, target), true, recurrent) {
                add.push(self.synapse(pre, post));
            }
        }
        for &post in target.born {
            for pre in self.partners(post, (target, source), false, recurrent) {
                add.push(self.synapse(pre, post));
            }
        }
        add
    }

    fn synapse(&mut self, pre: u32, post: u32) -> NewSynapse {
        NewSynapse {
            pre,
            post,
            weight: self.weight.draw(&mut self.rng),
        }
    }

    /// The partners of `newborn` at the other end, by the projection's connectivity;
    /// `as_source`: the newborn is the source.
    fn partners(
        &mut self,
        newborn: u32,
        (own, other): (End, End),
        as_source: bool,
        recurrent: bool,
    ) -> Vec<u32> {
        let candidates = other.living();
        let rng = &mut self.rng;
        let mut chance = |p: f64| rng.random::<f64>() < p;
        match self.connectivity {
            Connectivity::AllToAll => candidates,
            Connectivity::LateralInhibition => candidates
                .into_iter()
                .filter(|&j| !recurrent || j != newborn)
                .collect(),
            Connectivity::OneToOne => candidates.into_iter().filter(|&j| j == newborn).collect(),
            Connectivity::FixedProbability(p) => {
                candidates.into_iter().filter(|_| chance(p)).collect()
            }
            Connectivity::Gaussian { sigma, p_max } => {
                let (x, y) = own.layout.position(newborn);
                let scale = -1.0 / (2.0 * sigma * sigma);
                candidates
                    .into_iter()
                    .filter(|&j| {
                        let (xj, yj) = other.layout.position(j);
                        chance(p_max * (((x - xj).powi(2) + (y - yj).powi(2)) * scale).exp())
                    })
                    .collect()
            }
            Connectivity::FixedInDegree(k) if as_source => {
                let alive_sources = own.living().len().max(1) as f64;
                let p = (f64::from(k) / alive_sources).min(1.0);
                candidates.into_iter().filter(|_| chance(p)).collect()
            }
            Connectivity::FixedInDegree(k) => {
                let n = (k as usize).min(candidates.len());
                sample(&mut self.rng, candidates.len(), n)
                    .into_iter()
                    .map(|i| candidates[i])
                    .collect()
            }
        }
    }

    /// Synaptogenesis: new synapses between co-active, unconnected pairs.
    fn coactive_pairs(
        &mut self,
        synapses: &Synapses,
        growth: SynapseGrowth,
        (source, target): (End, End),
        now: u64,
    ) -> Vec<NewSynapse> {
        let sources = source.active_neurons(now, self.every_steps);
        let targets = target.active_neurons(now, self.every_steps);
        let mut add: Vec<NewSynapse> = Vec::new();
        if sources.is_empty() || targets.is_empty() {
            return add;
        }
        let wanted = growth.new_per_check as usize;
        for _ in 0..wanted * 8 {
            if add.len() == wanted {
                break;
            }
            let pre = sources[self.rng.random_range(0..sources.len())];
            let post = targets[self.rng.random_range(0..targets.len())];
            if !synapses.connects(pre, post) && !add.iter().any(|s| (s.pre, s.post) == (pre, post))
            {
                add.push(NewSynapse {
                    pre,
                    post,
                    weight: growth.new_weight as f32,
                });
            }
        }
        add
    }
}

/// How many synapses `keep` would remove.
fn count_removed(synapses: &Synapses, keep: &impl Fn(u32, u32, f32) -> bool) -> usize {
    let rows = synapses.row_offsets.len().saturating_sub(1) as u32;
    (0..rows)
        .map(|pre| {
            let (start, end) = synapses.row(pre);
            (start..end)
                .filter(|&s| !keep(pre, synapses.targets[s], synapses.weight(s)))
                .count()
        })
        .sum()
}
