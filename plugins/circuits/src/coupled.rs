//! Coupled learning (Stern, Hexner, Rocks & Liu 2021): two twins of one network, each edge
//! learning from the voltage drops it sees in both.
//!
//! - Free twin: ground at 0 V, the inputs held at the task's voltages; the outputs settle at
//!   `V_O^F`.
//! - Clamped twin: the same, and each output held nudged toward its target `T`:
//!   `V_O^C = V_O^F + η (T − V_O^F)`, `0 < η ≤ 1` (`nudge`).
//!
//! With `ΔV_e = V_a − V_b` the drop across edge `e = (a, b)` in each twin, an edge's update
//! follows `(ΔV_e^F)² − (ΔV_e^C)²`: the clamped twin dissipates less than the free one through
//! an edge whose conductance should grow (the gradient of the difference of the twins' powers,
//! a contrastive estimate of the output error's gradient as `η → 0`):
//!
//! - [`Rule::Continuous`]: `k_e ← clip(k_e + (α / η) [(ΔV_e^F)² − (ΔV_e^C)²], k_min, k_max)`,
//!   `α` in S/V²;
//! - [`Rule::Discrete`], as a board does it (Dillavou et al. 2022): each edge is a digital
//!   potentiometer ([`Potentiometer`]); two comparators read `c₊ = [ΔV^F + ΔV^C > 0]` and
//!   `c₋ = [ΔV^F − ΔV^C > 0]`, and since `(ΔV^F)² − (ΔV^C)² = (ΔV^F + ΔV^C)(ΔV^F − ΔV^C)`, the
//!   XOR of the two says its sign: on each clock tick the potentiometer steps one step toward
//!   more conductance when `c₊ XOR c₋` is 0, toward less when it is 1 (no step when the drops
//!   are equal, the comparators' dead band `dead_band_v`).
//!
//! Desynchronous learning (Wycoff et al. 2022): with `update_probability < 1` each edge takes
//! part in a tick with that probability, independently of the others.
//!
//! One learning step: the free solve, the clamped solve, and every edge's update.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::circuit::{Circuit, Terminals};
use crate::error::CircuitError;
use crate::kirchhoff::KirchhoffSolver;
use crate::potentiometer::Potentiometer;
use crate::relax::{Relaxation, relax};

/// How an edge turns its two drops into a change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    /// Conductances change in proportion to the difference of squared drops.
    Continuous {
        /// `α`, S/V².
        rate: f64,
        /// Smallest conductance, S.
        min_siemens: f64,
        /// Largest conductance, S.
        max_siemens: f64,
    },
    /// One potentiometer step per tick, its direction from the XOR of two comparators.
    Discrete {
        /// The potentiometer of every edge.
        potentiometer: Potentiometer,
        /// Drop differences `|ΔV^F ± ΔV^C|` below this (V) read as no difference.
        dead_band_v: f64,
    },
}

/// Coupled learning's settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Learning {
    /// The rule.
    pub rule: Rule,
    /// `η`: how far the clamped outputs move from the free ones toward the targets, `0..=1`.
    pub nudge: f64,
    /// Each edge's chance of updating on a tick (1: all together; less: desynchronous).
    pub update_probability: f64,
    /// `None`: each twin settles before the edges change (quasistatic); `Some`: each relaxes
    /// only so far per learning step ([`crate::relax`]).
    pub relaxation: Option<Relaxation>,
}

impl Default for Learning {
    /// The Iris benchmark's: the discrete rule on 128-step potentiometers, η = 0.5, each edge
    /// in 30% of the ticks.
    fn default() -> Self {
        Self {
            rule: Rule::Discrete {
                potentiometer: Potentiometer::default(),
                dead_band_v: 0.0,
            },
            nudge: 0.5,
            update_probability: 0.3,
            relaxation: None,
        }
    }
}

/// The clamped twin's output voltages: each free output `V` moved toward its target `T` by
/// `η`, `V + η (T − V)`.
pub fn nudge(free: &[f64], targets: &[f64], eta: f64) -> Vec<f64> {
    free.iter()
        .zip(targets)
        .map(|(v, t)| v + eta * (t - v))
        .collect()
}

/// The free twin's squared error `½ Σ (V − T)²` (V²) of outputs `free` against `targets`.
pub fn squared_error(free: &[f64], targets: &[f64]) -> f64 {
    free.iter()
        .zip(targets)
        .map(|(v, t)| 0.5 * (v - t) * (v - t))
        .sum()
}

/// The voltages of the `outputs` nodes in `voltage`.
fn output_voltages(outputs: &[u32], voltage: &[f64]) -> Vec<f64> {
    outputs.iter().map(|&o| voltage[o as usize]).collect()
}

/// A coupled network's state as a checkpoint keeps it (the wiring comes from the scene).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCoupled {
    /// Each edge's conductance, S.
    pub conductance: Vec<f64>,
    /// Each edge's potentiometer step (discrete rule).
    pub steps: Vec<u32>,
    /// Which edges are still there.
    pub alive: Vec<bool>,
    /// Edge updates that changed something.
    pub moves: u64,
    /// The desynchronous updates' random stream.
    pub rng: ChaCha8Rng,
}

/// A network of variable resistors with its free and clamped twins.
pub struct CoupledNetwork {
    /// The wiring.
    pub circuit: Circuit,
    /// Ground, inputs, outputs.
    pub terminals: Terminals,
    /// Each edge's conductance, S.
    pub conductance: Vec<f64>,
    /// Each edge's potentiometer step (discrete rule only; empty otherwise).
    pub steps: Vec<u32>,
    /// The learning settings.
    pub learning: Learning,
    /// Which edges are still there (damage cuts them).
    pub alive: Vec<bool>,
    /// Edge updates that changed something (a potentiometer step, or a conductance), ever.
    pub moves: u64,
    /// The free twin's solver, which also gives the clamped twin (one factorisation a step).
    free: KirchhoffSolver,
    free_voltage: Vec<f64>,
    /// The free twin's voltages of the last learning step (the free ones may since be a
    /// solve that learnt nothing).
    free_at_step: Vec<f64>,
    clamped_voltage: Vec<f64>,
    /// The twins' voltages as they relax between learning steps (non-quasistatic only).
    relaxing: [Vec<f64>; 2],
    sums: Vec<[f64; 2]>,
    held: Vec<f64>,
    rng: ChaCha8Rng,
}

impl CoupledNetwork {
    /// A network on `circuit` with `terminals`, its starting conductances (or potentiometer
    /// steps, for the discrete rule) drawn from `seed`: uniform over the rule's range.
    pub fn new(
        circuit: Circuit,
        terminals: Terminals,
        learning: Learning,
        seed: u64,
    ) -> Result<Self, CircuitError> {
        terminals.check(&circuit)?;
        let free = KirchhoffSolver::with_clamps(
            &circuit,
            &[],
            &terminals.free_held(),
            &terminals.outputs,
        )?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let edges = circuit.edges.len();
        let (conductance, steps) = match learning.rule {
            Rule::Continuous {
                min_siemens,
                max_siemens,
                ..
            } => (
                (0..edges)
                    .map(|_| rng.random_range(min_siemens..=max_siemens))
                    .collect(),
                Vec::new(),
            ),
            Rule::Discrete { potentiometer, .. } => {
                let steps: Vec<u32> = (0..edges)
                    .map(|_| rng.random_range(0..potentiometer.steps.max(1)))
                    .collect();
                (
                    steps
                        .iter()
                        .map(|&s| potentiometer.conductance(s))
                        .collect(),
                    steps,
                )
            }
        };
        let nodes = circuit.nodes as usize;
        Ok(Self {
            circuit,
            terminals,
            conductance,
            steps,
            learning,
            alive: vec![true; edges],
            moves: 0,
            free,
            free_voltage: vec![0.0; nodes],
            free_at_step: vec![0.0; nodes],
            clamped_voltage: vec![0.0; nodes],
            relaxing: [vec![0.0; nodes], vec![0.0; nodes]],
            sums: Vec::new(),
            held: Vec::new(),
            rng,
        })
    }

    /// Cuts `edges` (by index) out of both twins. The nodes this leaves with no path to ground
    /// float and leave the solve; an input or output so cut off is an error naming it, and the
    /// network is left as it was.
    pub fn cut(&mut self, edges: &[usize]) -> Result<(), CircuitError> {
        let mut alive = self.alive.clone();
        for &e in edges {
            if let Some(a) = alive.get_mut(e) {
                *a = false;
            }
        }
        self.set_alive(alive)
    }

    /// Takes `alive` as the edges there (cut ones may come back: dropout during training),
    /// checking that every input and output keeps a path to ground (the network is left as it
    /// was if not), and analyses the new pattern.
    pub fn set_alive(&mut self, alive: Vec<bool>) -> Result<(), CircuitError> {
        let reached = self.circuit.reachable(&[self.terminals.ground], &alive);
        let terminals = self.terminals.inputs.iter().map(|&n| ("input", n));
        let outputs = self.terminals.outputs.iter().map(|&n| ("output", n));
        if let Some((role, node)) = terminals
            .chain(outputs)
            .find(|&(_, n)| !reached[n as usize])
        {
            return Err(CircuitError::CutOffFromGround {
                role,
                node,
                ground: self.terminals.ground,
            });
        }
        // Nodes with no path to a held node float and leave the solve.
        self.free = KirchhoffSolver::with_clamps(
            &self.circuit,
            &alive,
            &self.terminals.free_held(),
            &self.terminals.outputs,
        )?;
        self.alive = alive;
        Ok(())
    }

    /// What a checkpoint keeps: conductances, steps, which edges are cut, the random stream.
    pub fn to_saved(&self) -> SavedCoupled {
        SavedCoupled {
            conductance: self.conductance.clone(),
            steps: self.steps.clone(),
            alive: self.alive.clone(),
            moves: self.moves,
            rng: self.rng.clone(),
        }
    }

    /// Puts a saved state back (the same wiring): refused, changing nothing, when it has
    /// another number of edges or a conductance that is not a finite positive number.
    pub fn restore(&mut self, saved: SavedCoupled) -> Result<(), CircuitError> {
        let edges = self.circuit.edges.len();
        let lengths = [
            (saved.conductance.len(), edges),
            (saved.alive.len(), edges),
            (saved.steps.len(), self.steps.len()),
        ];
        if let Some(&(saved, _)) = lengths.iter().find(|(saved, wanted)| saved != wanted) {
            return Err(CircuitError::SavedEdges { saved, edges });
        }
        if let Some((edge, &value)) = saved
            .conductance
            .iter()
            .enumerate()
            .find(|&(_, &k)| !(k.is_finite() && k > 0.0))
        {
            return Err(CircuitError::BadConductance { edge, value });
        }
        self.set_alive(saved.alive)?;
        self.conductance = saved.conductance;
        self.steps = saved.steps;
        self.moves = saved.moves;
        self.rng = saved.rng;
        Ok(())
    }

    /// The free twin's output voltages for `inputs` (V, one per input node).
    pub fn outputs(&mut self, inputs: &[f64]) -> Result<Vec<f64>, CircuitError> {
        self.solve_free(inputs)?;
        Ok(output_voltages(&self.terminals.outputs, &self.free_voltage))
    }

    /// The free twin's voltage at every node after the last solve, V.
    pub fn free_voltages(&self) -> &[f64] {
        &self.free_voltage
    }

    /// Both twins' voltages at every node in the last learning step, free then clamped, V.
    pub fn learning_step_voltages(&self) -> (&[f64], &[f64]) {
        (&self.free_at_step, &self.clamped_voltage)
    }

    /// The clamped twin's voltage at every node after the last learning step, V.
    pub fn clamped_voltages(&self) -> &[f64] {
        &self.clamped_voltage
    }

    /// One learning step toward `targets` (V, one per output) for `inputs`: the free solve,
    /// the clamped solve, every edge updated. Returns the free twin's squared error
    /// `½ Σ (V_O^F − T)²`, V², before the update.
    pub fn learn(&mut self, inputs: &[f64], targets: &[f64]) -> Result<f64, CircuitError> {
        self.learn_toward(inputs, |_| targets.to_vec())
    }

    /// [`Self::learn`] with targets that depend on the free twin's outputs (`targets` is given
    /// them), as a margin rule's do.
    pub fn learn_toward(
        &mut self,
        inputs: &[f64],
        targets: impl FnOnce(&[f64]) -> Vec<f64>,
    ) -> Result<f64, CircuitError> {
        if let Some(relaxation) = self.learning.relaxation {
            return Ok(self.learn_relaxing(inputs, targets, relaxation.sweeps));
        }
        self.solve_free(inputs)?;
        let free_out = output_voltages(&self.terminals.outputs, &self.free_voltage);
        let targets = targets(&free_out);
        let nudged = nudge(&free_out, &targets, self.learning.nudge);
        self.clamp_and_update(&nudged)?;
        Ok(squared_error(&free_out, &targets))
    }

    /// The clamped twin of the last free solve, its outputs held at `clamped` (V, one per
    /// output), and every edge's update: the second half of a learning step (a board does it
    /// on a clock tick, the outputs' clamps set by the host).
    pub fn clamp_and_update(&mut self, clamped: &[f64]) -> Result<(), CircuitError> {
        self.free
            .clamped(&self.free_voltage, clamped, &mut self.clamped_voltage)?;
        self.free_at_step.copy_from_slice(&self.free_voltage);
        self.update_edges();
        Ok(())
    }

    /// A learning step in the non-quasistatic regime: each twin relaxes `sweeps` sweeps from
    /// where it was, and the edges learn from the drops they see then.
    fn learn_relaxing(
        &mut self,
        inputs: &[f64],
        targets: impl FnOnce(&[f64]) -> Vec<f64>,
        sweeps: u32,
    ) -> f64 {
        let t = &self.terminals;
        let mut held = vec![None; self.circuit.nodes as usize];
        held[t.ground as usize] = Some(0.0);
        for (&node, &v) in t.inputs.iter().zip(inputs) {
            held[node as usize] = Some(v);
        }
        let [free, clamped] = &mut self.relaxing;
        relax(
            &self.circuit,
            &self.alive,
            &self.conductance,
            &held,
            free,
            sweeps,
            &mut self.sums,
        );
        let free_out = output_voltages(&t.outputs, free);
        let targets = targets(&free_out);
        let nudged = nudge(&free_out, &targets, self.learning.nudge);
        for (&node, &v) in t.outputs.iter().zip(&nudged) {
            held[node as usize] = Some(v);
        }
        relax(
            &self.circuit,
            &self.alive,
            &self.conductance,
            &held,
            clamped,
            sweeps,
            &mut self.sums,
        );
        self.free_voltage.copy_from_slice(free);
        self.clamped_voltage.copy_from_slice(clamped);
        self.free_at_step.copy_from_slice(free);
        self.update_edges();
        squared_error(&free_out, &targets)
    }

    fn solve_free(&mut self, inputs: &[f64]) -> Result<(), CircuitError> {
        self.held.clear();
        self.held.push(0.0);
        self.held.extend_from_slice(inputs);
        self.free
            .solve(&self.conductance, &self.held, &mut self.free_voltage)
    }

    fn update_edges(&mut self) {
        let p = self.learning.update_probability;
        let eta = self.learning.nudge;
        for (e, &[a, b]) in self.circuit.edges.iter().enumerate() {
            if !self.alive[e] || (p < 1.0 && !self.rng.random_bool(p.clamp(0.0, 1.0))) {
                continue;
            }
            let free = self.free_voltage[a as usize] - self.free_voltage[b as usize];
            let clamped = self.clamped_voltage[a as usize] - self.clamped_voltage[b as usize];
            if !(free.is_finite() && clamped.is_finite()) {
                continue; // an edge of a floating island carries no current
            }
            match self.learning.rule {
                Rule::Continuous {
                    rate,
                    min_siemens,
                    max_siemens,
                } => {
                    let change = rate / eta * (free * free - clamped * clamped);
                    let k = (self.conductance[e] + change).clamp(min_siemens, max_siemens);
                    self.moves += u64::from(k != self.conductance[e]);
                    self.conductance[e] = k;
                }
                Rule::Discrete {
                    potentiometer,
                    dead_band_v,
                } => {
                    let (sum, difference) = (free + clamped, free - clamped);
                    if sum.abs() <= dead_band_v || difference.abs() <= dead_band_v {
                        continue;
                    }
                    let comparators_differ = (sum > 0.0) != (difference > 0.0);
                    let step = potentiometer.step(self.steps[e], !comparators_differ);
                    self.moves += u64::from(step != self.steps[e]);
                    self.steps[e] = step;
                    self.conductance[e] = potentiometer.conductance(step);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn divider(rule: Rule) -> CoupledNetwork {
        // Input 1 V at node 1, ground 0, output node 2 joined to both by one edge each:
        // V_out = k_in / (k_in + k_ground).
        let circuit = Circuit::new(3, vec![[1, 2], [2, 0]]).unwrap();
        let terminals = Terminals {
            ground: 0,
            inputs: vec![1],
            outputs: vec![2],
        };
        let learning = Learning {
            rule,
            nudge: 0.5,
            update_probability: 1.0,
            relaxation: None,
        };
        CoupledNetwork::new(circuit, terminals, learning, 1).unwrap()
    }

    #[test]
    fn the_continuous_rule_drives_a_divider_to_its_target() {
        let mut net = divider(Rule::Continuous {
            rate: 0.5,
            min_siemens: 0.01,
            max_siemens: 1.0,
        });
        let first = net.learn(&[1.0], &[0.2]).unwrap();
        let mut last = first;
        for _ in 0..2000 {
            last = net.learn(&[1.0], &[0.2]).unwrap();
        }
        assert!(first > 1e-3, "it starts away from the target: {first}");
        assert!(last < 1e-6, "the error fell from {first} to {last}");
        let out = net.outputs(&[1.0]).unwrap()[0];
        assert!((out - 0.2).abs() < 2e-3, "{out}");
    }

    #[test]
    fn twins_that_relax_only_partly_still_learn_the_divider() {
        for sweeps in [1, 20] {
            let mut net = divider(Rule::Continuous {
                rate: 0.5,
                min_siemens: 0.01,
                max_siemens: 1.0,
            });
            net.learning.relaxation = Some(Relaxation { sweeps });
            let first = net.learn(&[1.0], &[0.2]).unwrap();
            for _ in 0..3000 {
                net.learn(&[1.0], &[0.2]).unwrap();
            }
            let out = net.outputs(&[1.0]).unwrap()[0];
            assert!(first > 1e-3, "{sweeps} sweeps: it starts away: {first}");
            assert!(
                (out - 0.2).abs() < 5e-3,
                "{sweeps} sweeps: at equilibrium {out}"
            );
        }
    }

    #[test]
    fn the_discrete_rule_steps_toward_the_target_and_both_ways() {
        for target in [0.85, 0.15] {
            let mut net = divider(Rule::Discrete {
                potentiometer: Potentiometer::default(),
                dead_band_v: 0.0,
            });
            let start = net.outputs(&[1.0]).unwrap()[0];
            for _ in 0..300 {
                net.learn(&[1.0], &[target]).unwrap();
            }
            let out = net.outputs(&[1.0]).unwrap()[0];
            assert!(
                (out - target).abs() < 0.05 && (out - target).abs() < (start - target).abs(),
                "target {target}: from {start} to {out}"
            );
        }
    }

    #[test]
    fn cutting_an_edge_floats_what_it_held_and_refuses_to_cut_off_an_output() {
        // 1 V at node 1; output 2 joined to 1 and to ground 0; node 3 hangs off 2 by edge 2.
        let circuit = Circuit::new(4, vec![[1, 2], [2, 0], [2, 3]]).unwrap();
        let terminals = Terminals {
            ground: 0,
            inputs: vec![1],
            outputs: vec![2],
        };
        let learning = Learning {
            rule: Rule::Continuous {
                rate: 0.1,
                min_siemens: 1.0,
                max_siemens: 1.0,
            },
            nudge: 0.5,
            update_probability: 1.0,
            relaxation: None,
        };
        let mut net = CoupledNetwork::new(circuit, terminals, learning, 1).unwrap();
        net.cut(&[2]).unwrap();
        assert!((net.outputs(&[1.0]).unwrap()[0] - 0.5).abs() < 1e-12);
        assert!(net.free_voltages()[3].is_nan(), "node 3 floats");
        // Cutting 2-0 leaves input 1 and output 2 joined to each other only.
        let error = net.cut(&[1]).unwrap_err();
        assert!(matches!(
            error,
            CircuitError::CutOffFromGround {
                role: "input",
                node: 1,
                ..
            }
        ));
        assert_eq!(
            net.alive,
            vec![true, true, false],
            "a refused cut changes nothing"
        );
        net.learn(&[1.0], &[0.3]).unwrap();
    }

    #[test]
    fn with_learning_off_the_clamped_twin_holds_the_nudged_outputs() {
        let mut net = divider(Rule::Continuous {
            rate: 0.0,
            min_siemens: 0.01,
            max_siemens: 1.0,
        });
        let free = net.outputs(&[1.0]).unwrap()[0];
        let k = net.conductance.clone();
        net.learn(&[1.0], &[0.0]).unwrap();
        assert_eq!(net.conductance, k, "a rate of 0 changes nothing");
        let clamped = net.clamped_voltages()[2];
        assert!((clamped - 0.5 * free).abs() < 1e-12, "{clamped} vs {free}");
    }
}
