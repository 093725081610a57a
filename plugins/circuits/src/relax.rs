//! Learning faster than the network relaxes: the non-quasistatic regime (Stern et al. 2021).
//!
//! Coupled learning assumes each twin has settled (Kirchhoff's law holds at every node) before
//! the edges change: the learning rate is slow against the relaxation rate. A physical network
//! relaxes at a finite rate; here each twin relaxes by `sweeps` damped Jacobi sweeps per learning
//! step, starting from where the last step left it (its voltages persist: a network that is
//! still settling), with the held nodes at their voltages:
//!
//! `V_i ← (1 − ω) V_i + ω Σ_j k_ij V_j / Σ_j k_ij` at every node not held, `ω = 0.8`.
//!
//! Each sweep lowers the distance to equilibrium by a factor near the Laplacian's spectral gap,
//! so `sweeps` is the relaxation rate in units of the learning rate: many sweeps is the
//! quasistatic limit (the exact solve), one sweep learning as fast as the network relaxes.
//! The answers (`CoupledNetwork::outputs`) are still read at equilibrium.

use serde::{Deserialize, Serialize};

use crate::circuit::Circuit;

/// Relaxation per learning step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relaxation {
    /// Damped Jacobi sweeps of each twin per learning step.
    pub sweeps: u32,
}

/// The Jacobi damping `ω`.
pub const DAMPING: f64 = 0.8;

/// `sweeps` damped Jacobi sweeps of `voltage` (V) on `circuit`'s `alive` edges of
/// `conductance` (S), the nodes with `held[node] = Some(v)` held at `v`; `sums` is scratch of
/// two per node.
pub fn relax(
    circuit: &Circuit,
    alive: &[bool],
    conductance: &[f64],
    held: &[Option<f64>],
    voltage: &mut [f64],
    sweeps: u32,
    sums: &mut Vec<[f64; 2]>,
) {
    for (v, h) in voltage.iter_mut().zip(held) {
        if let Some(h) = h {
            *v = *h;
        } else if !v.is_finite() {
            *v = 0.0;
        }
    }
    for _ in 0..sweeps {
        sums.clear();
        sums.resize(voltage.len(), [0.0; 2]);
        for ((&[a, b], &k), &on) in circuit.edges.iter().zip(conductance).zip(alive) {
            if on {
                let (a, b) = (a as usize, b as usize);
                sums[a][0] += k * voltage[b];
                sums[a][1] += k;
                sums[b][0] += k * voltage[a];
                sums[b][1] += k;
            }
        }
        for ((v, h), [weighted, total]) in voltage.iter_mut().zip(held).zip(sums.iter()) {
            if h.is_none() && *total > 0.0 {
                *v = (1.0 - DAMPING) * *v + DAMPING * weighted / total;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kirchhoff::KirchhoffSolver;

    #[test]
    fn many_sweeps_reach_the_exact_solve_and_few_stop_short() {
        let circuit = Circuit::lattice(5, 5);
        let k: Vec<f64> = (0..circuit.edges.len())
            .map(|e| 1.0 + (e % 3) as f64)
            .collect();
        let alive = vec![true; k.len()];
        let (ground, input) = (0u32, 24u32);
        let mut held = vec![None; 25];
        held[ground as usize] = Some(0.0);
        held[input as usize] = Some(1.0);
        let mut exact = vec![0.0; 25];
        KirchhoffSolver::new(&circuit, &alive, &[ground, input])
            .unwrap()
            .solve(&k, &[0.0, 1.0], &mut exact)
            .unwrap();
        let error = |sweeps| {
            let mut v = vec![0.0; 25];
            relax(&circuit, &alive, &k, &held, &mut v, sweeps, &mut Vec::new());
            v.iter()
                .zip(&exact)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max)
        };
        assert!(
            error(3) > 0.05,
            "three sweeps are far from equilibrium: {}",
            error(3)
        );
        assert!(error(2000) < 1e-9, "two thousand reach it: {}", error(2000));
        assert!(error(30) < error(10));
    }
}
