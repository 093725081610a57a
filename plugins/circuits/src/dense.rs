//! The Kirchhoff solve of [`crate::kirchhoff`] with a dense matrix: `L_UU` stored in full and
//! factorised by a dense Cholesky (faer) at every solve, `n³/3` flops for `n` unknown nodes.
//! Kept to check the sparse solve and to measure what sparsity saves
//! (`cargo bench --bench circuit_speed`).

use faer::linalg::solvers::Solve;
use faer::{Mat, Side};

use crate::circuit::Circuit;
use crate::error::CircuitError;

/// Every node's voltage (V) with the nodes `held` at `held_voltage` and edge conductances
/// `conductance` (S), every edge alive and every node joined to a held node.
pub fn dense_voltages(
    circuit: &Circuit,
    conductance: &[f64],
    held: &[u32],
    held_voltage: &[f64],
) -> Result<Vec<f64>, CircuitError> {
    let nodes = circuit.nodes as usize;
    let mut held_of = vec![None; nodes];
    for (i, &h) in held.iter().enumerate() {
        held_of[h as usize] = Some(i);
    }
    let mut unknown_of = vec![None; nodes];
    let mut unknowns = 0;
    for (node, slot) in unknown_of.iter_mut().enumerate() {
        if held_of[node].is_none() {
            *slot = Some(unknowns);
            unknowns += 1;
        }
    }
    let mut matrix = Mat::<f64>::zeros(unknowns, unknowns);
    let mut rhs = Mat::<f64>::zeros(unknowns, 1);
    for (&[a, b], &k) in circuit.edges.iter().zip(conductance) {
        let (a, b) = (a as usize, b as usize);
        for (here, there) in [(a, b), (b, a)] {
            let Some(u) = unknown_of[here] else { continue };
            matrix[(u, u)] += k;
            match (unknown_of[there], held_of[there]) {
                (Some(w), _) => matrix[(u, w)] -= k,
                (None, Some(h)) => rhs[(u, 0)] += k * held_voltage[h],
                (None, None) => {}
            }
        }
    }
    let llt = matrix
        .llt(Side::Lower)
        .map_err(|e| CircuitError::Factorisation(format!("{e:?}")))?;
    llt.solve_in_place(rhs.as_mut());
    Ok((0..nodes)
        .map(|node| match (unknown_of[node], held_of[node]) {
            (Some(u), _) => rhs[(u, 0)],
            (None, Some(h)) => held_voltage[h],
            (None, None) => f64::NAN,
        })
        .collect())
}
