//! Allostery (Rocks et al. 2017; Stern et al. 2021): a source drop across the input pair must
//! give chosen drops at the outputs, each a set ratio of it: `V_o = r_o · V_s` for every output
//! `o` (drops from ground). One learning step shows the same source again; success is the
//! largest `|V_o / V_s − r_o|` falling toward 0.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::coupled::CoupledNetwork;
use crate::error::CircuitError;

/// The task: the source drop (V) and each output's ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct Allostery {
    /// The source drop across the input pair, V (the inputs held at `+s/2`, `−s/2`).
    pub source_v: f64,
    /// Each output's wanted drop as a share of the source drop.
    pub ratios: Vec<f64>,
}

impl Allostery {
    /// `outputs` ratios drawn from `seed`, each in `(−0.3, 0.3)`.
    pub fn random(outputs: usize, source_v: f64, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        Self {
            source_v,
            ratios: (0..outputs).map(|_| rng.random_range(-0.3..0.3)).collect(),
        }
    }

    /// The input voltages: `+s/2` and `−s/2` on the first two inputs.
    pub fn inputs(&self) -> [f64; 2] {
        [0.5 * self.source_v, -0.5 * self.source_v]
    }

    /// The largest miss `|V_o / V_s − r_o|` of `net` as it is.
    pub fn miss(&self, net: &mut CoupledNetwork) -> Result<f64, CircuitError> {
        let out = net.outputs(&self.inputs())?;
        Ok(out
            .iter()
            .zip(&self.ratios)
            .map(|(v, r)| (v / self.source_v - r).abs())
            .fold(0.0, f64::max))
    }

    /// `steps` learning steps toward the ratios.
    pub fn learn(&self, net: &mut CoupledNetwork, steps: usize) -> Result<(), CircuitError> {
        let targets: Vec<f64> = self.ratios.iter().map(|r| r * self.source_v).collect();
        for _ in 0..steps {
            net.learn(&self.inputs(), &targets)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::circuit::{Circuit, Terminals};
    use crate::coupled::{Learning, Rule};

    #[test]
    fn a_lattice_learns_its_ratios_and_learning_off_does_not() {
        let terminals = Terminals {
            ground: 0,
            inputs: vec![3, 60],
            outputs: vec![27, 45, 92],
        };
        let learning = Learning {
            rule: Rule::Continuous {
                rate: 1.0,
                min_siemens: 1e-3,
                max_siemens: 1.0,
            },
            nudge: 0.5,
            update_probability: 1.0,
            relaxation: None,
        };
        let task = Allostery::random(3, 1.0, 2);
        let net = || {
            CoupledNetwork::new(Circuit::lattice(10, 10), terminals.clone(), learning, 3).unwrap()
        };
        let mut trained = net();
        let before = task.miss(&mut trained).unwrap();
        task.learn(&mut trained, 10_000).unwrap();
        let after = task.miss(&mut trained).unwrap();
        assert!(before > 0.05 && after < 0.01, "miss {before} → {after}");
        let mut frozen = net();
        frozen.learning.rule = Rule::Continuous {
            rate: 0.0,
            min_siemens: 1e-3,
            max_siemens: 1.0,
        };
        task.learn(&mut frozen, 2000).unwrap();
        assert!((task.miss(&mut frozen).unwrap() - before).abs() < 1e-12);
    }
}
