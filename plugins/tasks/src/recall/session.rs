//! One session of the recall task: its patterns and cues, its timeline of stages, the counts
//! of the cue under way, replays counted in sleep, and what each cue brought back. Saved whole
//! in checkpoints (section `recall`).
//!
//! The timeline: `presentations` rounds of every pattern in a new order (`Store`, then `Gap`),
//! then `Sleep` and a `Gap` (when `sleep_ms > 0`), then for each pattern its cue and a random
//! cue of as many neurons drawn outside it (`Cue`, each followed by a `Gap`). The learning-rate
//! factor is `store_learning` while storing (and in the gaps before sleep), `sleep_learning`
//! asleep, and 0 from the first cue on, so a cue does not teach the network what it recalls.
//!
//! **Replay**: in each window of the `recall` port during sleep, a pattern is replayed when at
//! least `replay_share` of its neurons fired; the same is counted for as many random sets of
//! `active` neurons (the chance level of such co-activity).

use bevy::prelude::*;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::score::{Recalled, mean_overlap, score};
use super::spec::RecallSpec;
use crate::plugin::TaskState;
use neurarium_sim::clock::whole_steps;

/// What the network is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Pattern `0` shown whole, learning on.
    Store(usize),
    /// Nothing shown.
    Gap,
    /// Asleep: the sleep port driven if `replay`.
    Sleep,
    /// A cue for a pattern (its own half, or a random one), learning off.
    Cue {
        /// The pattern.
        pattern: usize,
        /// A random cue standing in for it.
        random: bool,
    },
}

/// A stretch of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// What happens.
    pub stage: Stage,
    /// For how many steps.
    pub steps: u64,
}

/// One session's state.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecallSession {
    /// The task.
    pub spec: RecallSpec,
    /// Memory neurons (the ports' width).
    pub neurons: usize,
    /// The simulation step, ms.
    pub dt_ms: f64,
    /// Sessions done before this one.
    pub session: u32,
    /// The patterns: disjoint, each sorted.
    pub patterns: Vec<Vec<u32>>,
    /// Each pattern's cue: `cued` of its neurons.
    pub cues: Vec<Vec<u32>>,
    /// Each pattern's random cue: as many neurons drawn outside it.
    pub random_cues: Vec<Vec<u32>>,
    /// Random sets of `active` neurons: the chance level of replay.
    pub shadows: Vec<Vec<u32>>,
    /// The timeline.
    pub segments: Vec<Segment>,
    /// The segment under way.
    pub segment: usize,
    /// Steps into it.
    pub step: u64,
    /// Spikes per neuron during the cue under way.
    pub counts: Vec<u32>,
    /// Replays of the patterns this session's sleep.
    pub replays: u32,
    /// Co-activity of the random sets as often.
    pub chance_replays: u32,
    /// What each cue of this session brought back.
    pub results: Vec<Recalled>,
    /// The last finished session's, for panels.
    pub last: Vec<Recalled>,
    /// The last finished session's replays.
    pub last_replays: u32,
    /// The last finished session's chance replays.
    pub last_chance_replays: u32,
    /// Draws of the patterns and cues.
    pub rng: ChaCha8Rng,
}

impl TaskState for RecallSession {
    const SECTION: &'static str = "recall";
}

impl RecallSession {
    /// The first session for `spec` over `neurons` memory neurons at step `dt_ms`.
    pub fn new(spec: &RecallSpec, neurons: usize, dt_ms: f64, rng: ChaCha8Rng) -> Self {
        let mut session = Self {
            spec: spec.clone(),
            neurons,
            dt_ms,
            session: 0,
            patterns: Vec::new(),
            cues: Vec::new(),
            random_cues: Vec::new(),
            shadows: Vec::new(),
            segments: Vec::new(),
            segment: 0,
            step: 0,
            counts: vec![0; neurons],
            replays: 0,
            chance_replays: 0,
            results: Vec::new(),
            last: Vec::new(),
            last_replays: 0,
            last_chance_replays: 0,
            rng,
        };
        session.draw();
        session
    }

    /// New patterns, cues and timeline.
    fn draw(&mut self) {
        let spec = &self.spec;
        let (patterns, active) = (spec.patterns as usize, spec.active as usize);
        let mut order: Vec<u32> = (0..self.neurons as u32).collect();
        order.shuffle(&mut self.rng);
        self.patterns = order
            .chunks(active)
            .take(patterns)
            .map(|chunk| {
                let mut p = chunk.to_vec();
                p.sort_unstable();
                p
            })
            .collect();
        let cued = spec.cued() as usize;
        self.cues = self
            .patterns
            .iter()
            .map(|p| {
                let mut c = p.clone();
                c.shuffle(&mut self.rng);
                c.truncate(cued);
                c.sort_unstable();
                c
            })
            .collect();
        let neurons = self.neurons as u32;
        self.random_cues = self
            .patterns
            .iter()
            .map(|p| {
                let mut outside: Vec<u32> = (0..neurons)
                    .filter(|i| p.binary_search(i).is_err())
                    .collect();
                outside.shuffle(&mut self.rng);
                outside.truncate(cued);
                outside.sort_unstable();
                outside
            })
            .collect();
        self.shadows = (0..patterns)
            .map(|_| {
                let mut s: Vec<u32> = (0..neurons).collect();
                s.shuffle(&mut self.rng);
                s.truncate(active);
                s
            })
            .collect();
        let dt_ms = self.dt_ms;
        let steps = |ms: f64| whole_steps(ms, dt_ms);
        let gap = Segment {
            stage: Stage::Gap,
            steps: steps(spec.gap_ms),
        };
        let mut segments = Vec::new();
        for _ in 0..spec.presentations {
            let mut shown: Vec<usize> = (0..patterns).collect();
            shown.shuffle(&mut self.rng);
            for p in shown {
                segments.push(Segment {
                    stage: Stage::Store(p),
                    steps: steps(spec.store_ms),
                });
                segments.push(gap);
            }
        }
        if spec.sleep_ms > 0.0 {
            segments.push(Segment {
                stage: Stage::Sleep,
                steps: steps(spec.sleep_ms),
            });
            segments.push(gap);
        }
        for pattern in 0..patterns {
            for random in [false, true] {
                segments.push(Segment {
                    stage: Stage::Cue { pattern, random },
                    steps: steps(spec.cue_ms),
                });
                segments.push(gap);
            }
        }
        self.segments = segments;
        self.segment = 0;
        self.step = 0;
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.replays = 0;
        self.chance_replays = 0;
        self.results.clear();
    }

    /// The stage under way.
    pub fn stage(&self) -> Stage {
        self.segments[self.segment].stage
    }

    /// Whether recall has begun (the first cue or later).
    pub fn testing(&self) -> bool {
        self.segments[..=self.segment]
            .iter()
            .any(|s| matches!(s.stage, Stage::Cue { .. }))
    }

    /// The neurons the cue port lights now.
    pub fn shown(&self) -> &[u32] {
        match self.stage() {
            Stage::Store(p) => &self.patterns[p],
            Stage::Cue {
                pattern,
                random: false,
            } => &self.cues[pattern],
            Stage::Cue {
                pattern,
                random: true,
            } => &self.random_cues[pattern],
            Stage::Gap | Stage::Sleep => &[],
        }
    }

    /// Whether the sleep port is driven now.
    pub fn sleep_driven(&self) -> bool {
        self.stage() == Stage::Sleep && self.spec.replay
    }

    /// The learning-rate factor now.
    pub fn learning_scale(&self) -> f64 {
        match self.stage() {
            _ if self.testing() => 0.0,
            Stage::Sleep => self.spec.sleep_learning,
            _ => self.spec.store_learning,
        }
    }

    /// Takes in one renewal of the recall port's counts.
    pub fn observe(&mut self, counts: &[f32]) {
        match self.stage() {
            Stage::Cue { .. } => {
                for (total, &c) in self.counts.iter_mut().zip(counts) {
                    *total += c as u32;
                }
            }
            Stage::Sleep => {
                let threshold =
                    (self.spec.replay_share * f64::from(self.spec.active)).ceil() as usize;
                let coactive = |set: &Vec<u32>| {
                    set.iter().filter(|&&i| counts[i as usize] > 0.0).count() >= threshold
                };
                self.replays += self.patterns.iter().filter(|p| coactive(p)).count() as u32;
                self.chance_replays += self.shadows.iter().filter(|s| coactive(s)).count() as u32;
            }
            Stage::Store(_) | Stage::Gap => {}
        }
    }

    /// Whether this is the session's last step.
    pub fn last_step(&self) -> bool {
        self.segment + 1 == self.segments.len()
            && self.step + 1 >= self.segments[self.segment].steps
    }

    /// Ends the step: a finished cue is scored, the next segment begins.
    pub fn advance(&mut self) {
        self.step += 1;
        if self.step < self.segments[self.segment].steps {
            return;
        }
        if let Stage::Cue { pattern, random } = self.stage() {
            let cue = if random {
                &self.random_cues[pattern]
            } else {
                &self.cues[pattern]
            };
            let result = score(
                &self.counts,
                pattern,
                &self.patterns[pattern],
                cue,
                random,
                self.spec.recall_spikes,
            );
            self.results.push(result);
            self.counts.iter_mut().for_each(|c| *c = 0);
        }
        self.step = 0;
        self.segment = (self.segment + 1).min(self.segments.len() - 1);
    }

    /// Mean overlap of this session's pattern cues (`random: false`) or random ones.
    pub fn mean_overlap(&self, random: bool) -> f64 {
        mean_overlap(&self.results, random)
    }

    /// The next session: the results kept as `last`, new patterns (the weights carry over).
    pub fn next_session(&mut self) {
        self.last = std::mem::take(&mut self.results);
        self.last_replays = self.replays;
        self.last_chance_replays = self.chance_replays;
        self.session += 1;
        self.draw();
    }

    /// The whole timeline's length, steps.
    pub fn total_steps(&self) -> u64 {
        self.segments.iter().map(|s| s.steps).sum()
    }

    /// Steps done this session.
    pub fn steps_done(&self) -> u64 {
        self.segments[..self.segment]
            .iter()
            .map(|s| s.steps)
            .sum::<u64>()
            + self.step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn session(sleep_ms: f64) -> RecallSession {
        let spec = RecallSpec {
            patterns: 3,
            active: 10,
            presentations: 2,
            sleep_ms,
            ..RecallSpec::default()
        };
        RecallSession::new(&spec, 40, 1.0, ChaCha8Rng::seed_from_u64(1))
    }

    #[test]
    fn patterns_are_disjoint_and_cues_lie_inside_them_and_random_cues_outside() {
        let s = session(0.0);
        let mut all: Vec<u32> = s.patterns.concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 30);
        for p in 0..3 {
            assert_eq!(s.cues[p].len(), 5);
            assert!(s.cues[p].iter().all(|i| s.patterns[p].contains(i)));
            assert!(s.random_cues[p].iter().all(|i| !s.patterns[p].contains(i)));
        }
    }

    #[test]
    fn the_timeline_stores_then_sleeps_then_tests_with_learning_off() {
        let mut s = session(500.0);
        // 2 rounds × 3 patterns × (store + gap), sleep + gap, 3 × 2 cues × (cue + gap).
        assert_eq!(s.segments.len(), 12 + 2 + 12);
        assert_eq!(s.total_steps(), 6 * 200 + 600 + 6 * 200);
        let mut stages = Vec::new();
        for _ in 0..s.total_steps() {
            stages.push((s.stage(), s.learning_scale(), s.sleep_driven()));
            if let Stage::Cue {
                pattern,
                random: false,
            } = s.stage()
            {
                // The whole pattern fires twice during its cue.
                let mut counts = vec![0.0; 40];
                s.patterns[pattern]
                    .iter()
                    .for_each(|&i| counts[i as usize] = 1.0);
                s.observe(&counts);
            }
            let last = s.last_step();
            s.advance();
            if last {
                break;
            }
        }
        assert_eq!(stages.len() as u64, s.total_steps());
        assert!(
            stages
                .iter()
                .filter(|s| matches!(s.0, Stage::Store(_)))
                .all(|s| s.1 == 1.0)
        );
        assert!(stages.iter().filter(|s| s.0 == Stage::Sleep).all(|s| s.2));
        assert!(
            stages
                .iter()
                .filter(|s| matches!(s.0, Stage::Cue { .. }))
                .all(|s| s.1 == 0.0)
        );
        assert_eq!(s.results.len(), 6);
        // Every pattern cue's rest fired (a hundred times); random cues' targets did not.
        assert_eq!(s.mean_overlap(false), 1.0);
        assert_eq!(s.mean_overlap(true), 0.0);
        s.next_session();
        assert_eq!((s.session, s.last.len(), s.results.len()), (1, 6, 0));
    }

    #[test]
    fn a_pattern_firing_in_sleep_is_a_replay_and_scattered_spikes_are_not() {
        let mut s = session(500.0);
        while s.stage() != Stage::Sleep {
            s.advance();
        }
        let mut counts = vec![0.0; 40];
        s.patterns[1]
            .iter()
            .take(5)
            .for_each(|&i| counts[i as usize] = 1.0);
        s.observe(&counts);
        assert_eq!(s.replays, 1);
        let mut scattered = vec![0.0; 40];
        for p in &s.patterns {
            p.iter().take(4).for_each(|&i| scattered[i as usize] = 1.0);
        }
        s.observe(&scattered);
        assert_eq!(s.replays, 1);
    }
}
