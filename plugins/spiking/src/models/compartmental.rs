//! Multi-compartment neurons: a dendrite, a soma and an axon as a passive cable, the soma
//! spiking as a leaky integrate-and-fire neuron.
//!
//! Each neuron is a chain of `C = D + 1 + A` compartments of length `Δx`: the dendrite's `D`
//! (compartment 0 its far tip), the soma (compartment `D`), the axon's `A`. Every compartment
//! `j` has the same membrane, and neighbours are joined by the core's resistance:
//!
//! ```text
//! τ_m dV_j/dt = (v_rest − V_j) + κ Σ_{k neighbour of j} (V_k − V_j),   κ = (λ / Δx)²
//! ```
//!
//! the cable equation `τ_m ∂V/∂t = λ² ∂²V/∂x² − (V − v_rest)` discretised in space, with sealed
//! ends (no current leaves the tips). `λ` is the length constant (`length_constant_um`), `Δx`
//! the compartment length (`compartment_length_um`). A step `dt` is taken by backward Euler,
//!
//! ```text
//! (1 + h + h κ n_j) V_j' − h κ Σ_k V_k' = V_j + h v_rest,   h = dt / τ_m,
//! ```
//!
//! stable for any `κ` and `dt` (the chain's tridiagonal matrix is factorised once, Thomas'
//! algorithm; each step is one forward and one backward sweep, across all neurons at once).
//! Synaptic input arrives as jumps (mV) of the input compartment (`input_compartment`, the
//! dendrite's tip by default) after the step, as in [`crate::models::lif`]. A steady input
//! current at the tip of a long cable decays along it as the cable's steady state
//! `V(x) − v_rest ∝ cosh((L − x)/λ)` (sealed end at `L`): input far out on the dendrite moves
//! the soma less than input near it (a test holds the model to that solution).
//!
//! The soma spikes when `V_soma ≥ v_threshold`: it is reset to `v_reset` and held there for the
//! refractory period; the other compartments are not reset. The axon is passive: it loads the
//! soma and carries its potential out with attenuation (spikes are emitted by the soma, not
//! propagated). Potentials, probes and the raster read the soma.

use bevy::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamics::NeuronDynamics;
use crate::models::threshold::{SpikeRule, check_membrane, fire_above, initial_potentials};
use crate::synapses::delay::take_difference;

/// Parameters of a multi-compartment population, as written in a scene. Every field has a
/// default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompartmentalParams {
    /// Membrane time constant τ_m of every compartment, ms.
    pub tau_m_ms: f64,
    /// Resting potential, mV.
    pub v_rest_mv: f64,
    /// Soma potential after a spike, mV.
    pub v_reset_mv: f64,
    /// Soma spike threshold, mV.
    pub v_threshold_mv: f64,
    /// Absolute refractory period of the soma, ms.
    pub refractory_ms: f64,
    /// Dendrite compartments `D` (0: none).
    pub dendrite_compartments: u32,
    /// Axon compartments `A` (0: none).
    pub axon_compartments: u32,
    /// Length `Δx` of a compartment, µm.
    pub compartment_length_um: f64,
    /// Length constant `λ` of the cable, µm.
    pub length_constant_um: f64,
    /// The compartment synaptic input arrives at: 0 is the dendrite's tip, `D` the soma,
    /// `D + 1 …` the axon.
    pub input_compartment: u32,
    /// Initial soma potentials are drawn uniformly in `[v_reset, v_reset + spread)`, mV (the
    /// other compartments start at rest).
    pub initial_spread_mv: f64,
}

impl Default for CompartmentalParams {
    fn default() -> Self {
        Self {
            tau_m_ms: 20.0,
            v_rest_mv: -65.0,
            v_reset_mv: -65.0,
            v_threshold_mv: -50.0,
            refractory_ms: 2.0,
            dendrite_compartments: 10,
            axon_compartments: 5,
            compartment_length_um: 50.0,
            length_constant_um: 500.0,
            input_compartment: 0,
            initial_spread_mv: 0.0,
        }
    }
}

impl CompartmentalParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        check_membrane(
            self.tau_m_ms,
            self.v_rest_mv,
            self.v_threshold_mv,
            self.v_reset_mv,
            self.refractory_ms,
        )?;
        InvalidParam::positive("compartment_length_um", self.compartment_length_um)?;
        InvalidParam::positive("length_constant_um", self.length_constant_um)?;
        InvalidParam::non_negative("initial_spread_mv", self.initial_spread_mv)?;
        InvalidParam::check(self.compartments() <= 1000, "dendrite_compartments", || {
            format!(
                "{} compartments a neuron are too many (at most 1,000)",
                self.compartments()
            )
        })?;
        InvalidParam::check(
            (self.input_compartment as usize) < self.compartments(),
            "input_compartment",
            || {
                format!(
                    "must be below the {} compartments (0: the dendrite's tip, {}: the soma), got {}",
                    self.compartments(),
                    self.dendrite_compartments,
                    self.input_compartment
                )
            },
        )
    }

    /// Compartments per neuron, `D + 1 + A`.
    pub fn compartments(&self) -> usize {
        self.dendrite_compartments as usize + 1 + self.axon_compartments as usize
    }

    /// The soma's compartment, `D`.
    pub fn soma(&self) -> usize {
        self.dendrite_compartments as usize
    }

    /// The coupling `κ = (λ / Δx)²`.
    pub fn coupling(&self) -> f64 {
        (self.length_constant_um / self.compartment_length_um).powi(2)
    }
}

/// The chain's backward-Euler matrix, factorised once (Thomas' algorithm): off-diagonal
/// `−h κ`, and per compartment the factor `c'_j` and the inverse pivot `1 / (b_j − a c'_{j−1})`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CableSolver {
    /// `h = dt / τ_m`.
    pub h: f32,
    /// The off-diagonal entry `−h κ`.
    pub off: f32,
    /// `c'_j` of the forward sweep.
    pub upper: Vec<f32>,
    /// `1 / (b_j − a c'_{j−1})`.
    pub inverse_pivot: Vec<f32>,
}

impl CableSolver {
    /// The factors for `params` stepped by `dt_ms`.
    pub fn new(params: &CompartmentalParams, dt_ms: f64) -> Self {
        let c = params.compartments();
        let h = dt_ms / params.tau_m_ms;
        let hk = h * params.coupling();
        let mut upper = vec![0.0f64; c];
        let mut inverse_pivot = vec![0.0f64; c];
        for j in 0..c {
            let neighbours = usize::from(j > 0) + usize::from(j + 1 < c);
            let diagonal = 1.0 + h + hk * neighbours as f64;
            let pivot = if j == 0 {
                diagonal
            } else {
                diagonal + hk * upper[j - 1]
            };
            inverse_pivot[j] = 1.0 / pivot;
            upper[j] = if j + 1 < c { -hk / pivot } else { 0.0 };
        }
        Self {
            h: h as f32,
            off: -hk as f32,
            upper: upper.into_iter().map(|x| x as f32).collect(),
            inverse_pivot: inverse_pivot.into_iter().map(|x| x as f32).collect(),
        }
    }

    /// One backward-Euler step of every neuron's chain: `v` is compartment-major (`v[j·n + i]`
    /// is compartment `j` of neuron `i`), `rest` the resting potential.
    pub fn step(&self, v: &mut [f32], n: usize, rest: f32) {
        let c = self.upper.len();
        let drive = self.h * rest;
        // Forward sweep: d'_j = (V_j + h v_rest − a d'_{j−1}) / pivot_j, in place.
        for j in 0..c {
            let pivot = self.inverse_pivot[j];
            if j == 0 {
                for x in &mut v[..n] {
                    *x = (*x + drive) * pivot;
                }
            } else {
                let (before, here) = v.split_at_mut(j * n);
                let previous = &before[(j - 1) * n..];
                for (x, &p) in here[..n].iter_mut().zip(previous) {
                    *x = (*x + drive - self.off * p) * pivot;
                }
            }
        }
        // Backward sweep: V_j' = d'_j − c'_j V_{j+1}'.
        for j in (0..c.saturating_sub(1)).rev() {
            let upper = self.upper[j];
            let (here, after) = v.split_at_mut((j + 1) * n);
            for (x, &next) in here[j * n..].iter_mut().zip(&after[..n]) {
                *x -= upper * next;
            }
        }
    }
}

/// State of a multi-compartment population.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompartmentalNeurons {
    /// The parameters.
    pub params: CompartmentalParams,
    /// The factorised chain for the current `dt`.
    pub solver: CableSolver,
    /// Threshold, reset and refractory period of the soma.
    pub spike: SpikeRule,
    /// Neurons.
    pub size: usize,
    /// Potentials, mV, compartment-major: `v[j · size + i]` is compartment `j` of neuron `i`.
    pub v: Vec<f32>,
    /// Steps of refractoriness left.
    pub refractory_left: Vec<u32>,
    /// Synaptic input delivered this step, mV.
    pub input: Vec<f32>,
}

impl CompartmentalNeurons {
    /// `size` neurons at rest, the somata drawn as the parameters say.
    pub fn new(params: CompartmentalParams, size: u32, dt_ms: f64, rng: &mut impl Rng) -> Self {
        let n = size as usize;
        let mut v = vec![params.v_rest_mv as f32; n * params.compartments()];
        let soma = params.soma();
        v[soma * n..(soma + 1) * n].copy_from_slice(&initial_potentials(
            size,
            params.v_reset_mv,
            params.initial_spread_mv,
            rng,
        ));
        Self {
            solver: CableSolver::new(&params, dt_ms),
            spike: SpikeRule::new(
                params.v_threshold_mv,
                params.v_reset_mv,
                params.refractory_ms,
                dt_ms,
            ),
            size: n,
            v,
            refractory_left: vec![0; n],
            input: vec![0.0; n],
            params,
        }
    }

    /// The potentials of compartment `j` of every neuron, mV.
    pub fn compartment(&self, j: usize) -> &[f32] {
        &self.v[j * self.size..(j + 1) * self.size]
    }

    /// Every compartment's potential of neuron `i`, from the dendrite's tip to the axon's, mV.
    pub fn neuron(&self, i: usize) -> Vec<f32> {
        (0..self.params.compartments())
            .map(|j| self.v[j * self.size + i])
            .collect()
    }
}

impl NeuronDynamics for CompartmentalNeurons {
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]) {
        take_difference(&mut self.input, excitatory, inhibitory);
    }

    /// One step of the cable, then the input's jumps; refractory somata held at reset.
    fn integrate(&mut self) -> Option<usize> {
        let n = self.size;
        self.solver
            .step(&mut self.v, n, self.params.v_rest_mv as f32);
        let at = self.params.input_compartment as usize * n;
        for (v, &x) in self.v[at..at + n].iter_mut().zip(&self.input) {
            *v += x;
        }
        let soma = self.params.soma() * n;
        let reset = self.spike.reset_mv;
        for (v, refractory) in self.v[soma..soma + n]
            .iter_mut()
            .zip(self.refractory_left.iter_mut())
        {
            if *refractory > 0 {
                *refractory -= 1;
                *v = reset;
            }
        }
        self.v
            .iter()
            .position(|v| !v.is_finite())
            .map(|k| k % n.max(1))
    }

    fn fire(&mut self, fired: &mut Vec<u32>) {
        let n = self.size;
        let soma = self.params.soma() * n;
        let rule = self.spike;
        fire_above(
            &mut self.v[soma..soma + n],
            &mut self.refractory_left,
            rule.threshold_mv,
            rule.reset_mv,
            rule.refractory_steps,
            fired,
        );
    }

    /// The somata's potentials.
    fn potentials(&self) -> &[f32] {
        self.compartment(self.params.soma())
    }

    fn describe(&self, neuron: usize) -> String {
        format!(
            "neuron {neuron} compartment potentials are {:?} (dendrite tip first, soma at {})",
            self.neuron(neuron),
            self.params.soma()
        )
    }
}

impl crate::models::ModelParams for CompartmentalParams {
    type Neurons = CompartmentalNeurons;
    const STATE: &'static str = "compartmental";

    fn label(&self) -> String {
        format!(
            "{}+1+{} compartments",
            self.dendrite_compartments, self.axon_compartments
        )
    }

    fn validate(&self) -> Result<(), InvalidParam> {
        CompartmentalParams::validate(self)
    }

    fn build(
        &self,
        size: u32,
        dt_ms: f64,
        mut rng: rand_chacha::ChaCha8Rng,
    ) -> CompartmentalNeurons {
        CompartmentalNeurons::new(self.clone(), size, dt_ms, &mut rng)
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    /// A cable of `d` dendrite compartments and a soma, no axon, λ = 20 Δx, no spikes; after
    /// `steps` steps of 1 ms with `w` mV arriving at `input` each step.
    fn steady(d: u32, input: u32, w: f32, steps: usize) -> CompartmentalNeurons {
        let params = CompartmentalParams {
            dendrite_compartments: d,
            axon_compartments: 0,
            compartment_length_um: 25.0,
            length_constant_um: 500.0,
            input_compartment: input,
            v_threshold_mv: 1000.0,
            ..CompartmentalParams::default()
        };
        let mut neurons =
            CompartmentalNeurons::new(params, 2, 1.0, &mut ChaCha8Rng::seed_from_u64(1));
        for _ in 0..steps {
            let (mut e, mut i) = (vec![w, 0.0], vec![0.0; 2]);
            neurons.receive(&mut e, &mut i);
            assert_eq!(neurons.integrate(), None);
        }
        neurons
    }

    #[test]
    fn a_steady_input_at_the_tip_decays_along_the_cable_as_the_cable_equation_says() {
        // 40 compartments of λ/20: a sealed cable of L = 2λ with a steady current into its
        // tip. The cable equation's steady state: V(x) − v_rest ∝ cosh((L − x)/λ), x at each
        // compartment's centre.
        let neurons = steady(39, 0, 0.5, 2000);
        // The state between the step and the next jump: the jump of 0.5 mV a step at the tip
        // is a steady current there, and this the discretised cable's steady state under it.
        let mut v = neurons.neuron(0);
        v[0] -= 0.5;
        let rest = -65.0f64;
        let (dx, lambda, length) = (25.0, 500.0, 40.0 * 25.0);
        let cable = |j: usize| ((length - (j as f64 + 0.5) * dx) / lambda).cosh();
        let mut worst = 0.0f64;
        for (j, &vj) in v.iter().enumerate() {
            let model = (f64::from(vj) - rest) / (f64::from(v[0]) - rest);
            let theory = cable(j) / cable(0);
            worst = worst.max((model - theory).abs());
        }
        // The discretisation's error is of order (Δx/λ)² = 0.25 %.
        assert!(
            worst < 0.01,
            "largest deviation from the cable's profile: {worst}"
        );
        // At the soma, 2λ away, about a quarter of the tip's depolarisation arrives
        // (1/cosh(2) = 0.27); the neuron without input stays at rest.
        let soma = (f64::from(v[39]) - rest) / (f64::from(v[0]) - rest);
        println!(
            "largest deviation from the cable's profile {worst:.5}; soma/tip {soma:.4} (1/cosh 2 = {:.4})",
            1.0 / 2.0f64.cosh()
        );
        assert!((soma - 1.0 / 2.0f64.cosh()).abs() < 0.02, "soma/tip {soma}");
        assert!(
            neurons
                .neuron(1)
                .iter()
                .all(|&x| (f64::from(x) - rest).abs() < 1e-4)
        );
    }

    #[test]
    fn input_nearer_the_soma_moves_it_more_and_the_soma_alone_fires() {
        let soma_depolarisation = |input| {
            let neurons = steady(20, input, 0.5, 500);
            f64::from(neurons.potentials()[0]) + 65.0
        };
        let (far, middle, near) = (
            soma_depolarisation(0),
            soma_depolarisation(10),
            soma_depolarisation(20),
        );
        assert!(far < middle && middle < near, "{far} {middle} {near}");
        // A soma spikes and resets; its dendrite does not.
        let params = CompartmentalParams {
            input_compartment: 10,
            ..CompartmentalParams::default()
        };
        let mut neurons =
            CompartmentalNeurons::new(params, 1, 0.1, &mut ChaCha8Rng::seed_from_u64(1));
        let mut fired = Vec::new();
        let mut spikes = 0;
        for _ in 0..5000 {
            let (mut e, mut i) = (vec![2.0], vec![0.0]);
            neurons.receive(&mut e, &mut i);
            neurons.integrate();
            neurons.fire(&mut fired);
            spikes += fired.len();
        }
        assert!(spikes > 0, "a strong steady input at the soma fires it");
        assert!(
            neurons.compartment(0)[0] > -65.0,
            "the dendrite stays depolarised"
        );
    }
}
