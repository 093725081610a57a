//! Node voltages from Kirchhoff's current law, by a sparse Cholesky factorisation.
//!
//! Some nodes are held at given voltages `V_H` (ground at 0 V, the inputs, and in the clamped
//! twin the outputs); the rest, `U`, settle where the current into each sums to zero:
//!
//! `Σ_{e = (i, j)} k_e (V_i − V_j) = 0` for every `i ∈ U`, i.e. `L_UU V_U = −L_UH V_H`,
//!
//! with `L` the weighted graph Laplacian (`L_ii = Σ k_e` over the edges at `i`, `L_ij = −k_e`)
//! and `k_e` each edge's conductance (S). `L_UU` is symmetric positive definite when every
//! node of `U` is joined to a held node (a node that is not, after edges are cut, floats: it
//! leaves the solve and its voltage is NaN).
//!
//! The conductances change at every learning step; the wiring does not. So the sparsity
//! pattern of `L_UU` and its fill-reducing (approximate minimum degree) ordering and symbolic
//! factorisation are computed once, in [`KirchhoffSolver::new`]; each [`KirchhoffSolver::solve`]
//! writes the conductances into the pattern's slots, refactorises numerically into a buffer
//! kept between solves, and solves.
//!
//! The clamped twin needs no factorisation of its own. Holding the outputs `O` (unknowns of the
//! free twin) at `c` is the free system with currents `λ` injected at them,
//! `L_UU V^C = b + E λ` (`E`: the outputs' columns of the identity), so with `Y = L_UU⁻¹ E`
//! (one more column per output in the same triangular solves) and `S = Eᵀ Y` (`k × k` for `k`
//! outputs), `λ = S⁻¹ (c − V_O^F)` and `V^C = V^F + Y λ` ([`KirchhoffSolver::clamped`]).
//! faer's sparse Cholesky does both parts (chosen because faer
//! is already the energy networks' dense kernel; `cargo bench --bench circuit_speed` measures
//! it against a dense solve).

use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::linalg::cholesky::llt::factor::LltRegularization;
use faer::linalg::solvers::Solve;
use faer::sparse::linalg::amd;
use faer::sparse::linalg::cholesky::{
    SymbolicCholesky, SymmetricOrdering, factorize_symbolic_cholesky,
};
use faer::sparse::{SparseColMatRef, SymbolicSparseColMat};
use faer::{Conj, Mat, MatMut, Par, Side};

use crate::circuit::Circuit;
use crate::error::CircuitError;

/// Marks a node that is not among the unknowns (held or floating).
const NOT_UNKNOWN: u32 = u32::MAX;

/// Where one edge's conductance goes in the matrix and right-hand side.
#[derive(Debug, Clone, Copy)]
enum EdgeSlots {
    /// Both ends unknown: two diagonal slots and the off-diagonal one (upper triangle).
    Inner { diagonal: [usize; 2], off: usize },
    /// One end unknown (its diagonal slot and row), the other held (its index among the held).
    ToHeld {
        diagonal: usize,
        row: usize,
        held: usize,
    },
    /// Cut, between two held nodes, or at a floating node: no unknown sees it.
    Outside,
}

/// A solver for one set of held nodes on one wiring.
pub struct KirchhoffSolver {
    /// Each node's index among the unknowns (`NOT_UNKNOWN`: held or floating).
    unknown_of: Vec<u32>,
    /// Which nodes float (no path to a held node).
    floating: Vec<bool>,
    /// Each node's index among the held nodes (the order of the voltages given to
    /// [`Self::solve`]), `None` for the others.
    held_of: Vec<Option<usize>>,
    slots: Vec<EdgeSlots>,
    pattern: SymbolicSparseColMat<usize>,
    values: Vec<f64>,
    symbolic: SymbolicCholesky<usize>,
    factor: Vec<f64>,
    buffer: MemBuffer,
    /// The right-hand sides, column-major: the held voltages' currents, then one unit column
    /// per clamp node; after a solve, `V_U` and `Y`.
    rhs: Vec<f64>,
    /// The unknown index of each node the clamped twin also holds.
    clamps: Vec<usize>,
}

impl KirchhoffSolver {
    /// Analyses `circuit` with only its `alive` edges (all, if empty) and the nodes `held`
    /// held: which nodes are unknown, the pattern of `L_UU`, its ordering and symbolic
    /// factorisation.
    pub fn new(circuit: &Circuit, alive: &[bool], held: &[u32]) -> Result<Self, CircuitError> {
        Self::with_clamps(circuit, alive, held, &[])
    }

    /// [`Self::new`], and each solve also prepares [`Self::clamped`] for holding `clamps` (nodes
    /// that are unknown here, joined to a held node) as well.
    pub fn with_clamps(
        circuit: &Circuit,
        alive: &[bool],
        held: &[u32],
        clamps: &[u32],
    ) -> Result<Self, CircuitError> {
        let all = vec![true; circuit.edges.len()];
        let alive = if alive.is_empty() { &all[..] } else { alive };
        let reached = circuit.reachable(held, alive);
        let mut floating = vec![false; circuit.nodes as usize];
        let mut unknown_of = vec![NOT_UNKNOWN; circuit.nodes as usize];
        let mut unknowns = 0usize;
        let mut held_of = vec![None; circuit.nodes as usize];
        for (i, &node) in held.iter().enumerate() {
            held_of[node as usize] = Some(i);
        }
        for node in 0..circuit.nodes as usize {
            if !reached[node] {
                floating[node] = true;
            } else if held_of[node].is_none() {
                unknown_of[node] = u32::try_from(unknowns).unwrap_or(NOT_UNKNOWN);
                unknowns += 1;
            }
        }
        // Number the unknowns in a fill-reducing (approximate minimum degree) order once, so
        // the factorisation need not permute the matrix at every solve.
        let (col_ptr, row_idx) = upper_pattern(circuit, alive, &unknown_of, unknowns);
        let mut order = vec![0usize; unknowns];
        let mut new_of_old = vec![0usize; unknowns];
        let nnz = row_idx.len();
        let amd_pattern =
            SymbolicSparseColMat::new_checked(unknowns, unknowns, col_ptr, None, row_idx);
        amd::order(
            &mut order,
            &mut new_of_old,
            amd_pattern.as_ref(),
            amd::Control::default(),
            MemStack::new(&mut MemBuffer::new(amd::order_scratch::<usize>(
                unknowns, nnz,
            ))),
        )
        .map_err(|e| CircuitError::Factorisation(format!("{e:?}")))?;
        for u in unknown_of.iter_mut().filter(|u| **u != NOT_UNKNOWN) {
            *u = u32::try_from(new_of_old[*u as usize]).unwrap_or(NOT_UNKNOWN);
        }
        let (col_ptr, row_idx) = upper_pattern(circuit, alive, &unknown_of, unknowns);
        let slot = |row: usize, col: usize| -> usize {
            let start = col_ptr[col];
            start + row_idx[start..col_ptr[col + 1]].partition_point(|&r| r < row)
        };
        let slots = circuit
            .edges
            .iter()
            .zip(alive)
            .map(|(&[a, b], &on)| {
                let (ua, ub) = (unknown_of[a as usize], unknown_of[b as usize]);
                match (on, ua != NOT_UNKNOWN, ub != NOT_UNKNOWN) {
                    (true, true, true) => {
                        let (ua, ub) = (ua as usize, ub as usize);
                        EdgeSlots::Inner {
                            diagonal: [slot(ua, ua), slot(ub, ub)],
                            off: slot(ua.min(ub), ua.max(ub)),
                        }
                    }
                    (true, true, false) => match held_of[b as usize] {
                        Some(held) => EdgeSlots::ToHeld {
                            diagonal: slot(ua as usize, ua as usize),
                            row: ua as usize,
                            held,
                        },
                        None => EdgeSlots::Outside,
                    },
                    (true, false, true) => match held_of[a as usize] {
                        Some(held) => EdgeSlots::ToHeld {
                            diagonal: slot(ub as usize, ub as usize),
                            row: ub as usize,
                            held,
                        },
                        None => EdgeSlots::Outside,
                    },
                    _ => EdgeSlots::Outside,
                }
            })
            .collect();
        let values = vec![0.0; row_idx.len()];
        let pattern = SymbolicSparseColMat::new_checked(unknowns, unknowns, col_ptr, None, row_idx);
        // faer picks simplicial or supernodal by the flops: forcing either was slower on the
        // lattices of benches/circuit_speed.rs (supernodal 2,761 against 6,096 steps/s at
        // 1,012 edges; simplicial 4,581).
        let symbolic = factorize_symbolic_cholesky(
            pattern.as_ref(),
            Side::Upper,
            SymmetricOrdering::Identity,
            Default::default(),
        )
        .map_err(|e| CircuitError::Factorisation(format!("{e:?}")))?;
        let scratch = StackReq::any_of(&[
            symbolic.factorize_numeric_llt_scratch::<f64>(Par::Seq, Default::default()),
            symbolic.solve_in_place_scratch::<f64>(1 + clamps.len(), Par::Seq),
        ]);
        let clamps = clamps
            .iter()
            .map(|&n| unknown_of[n as usize] as usize)
            .collect::<Vec<usize>>();
        Ok(Self {
            unknown_of,
            floating,
            held_of,
            slots,
            factor: vec![0.0; symbolic.len_val()],
            pattern,
            values,
            symbolic,
            buffer: MemBuffer::new(scratch),
            rhs: vec![0.0; unknowns * (1 + clamps.len())],
            clamps,
        })
    }

    /// How many node voltages each solve finds.
    pub fn unknowns(&self) -> usize {
        self.rhs.len() / (1 + self.clamps.len())
    }

    /// Which nodes float (cut off from every held node); their voltage is NaN.
    pub fn floating(&self) -> &[bool] {
        &self.floating
    }

    /// Every node's voltage (V) into `voltage`, for edge conductances `conductance` (S) and the
    /// held nodes at `held_voltage` (V, in the order they were given to [`Self::new`]).
    pub fn solve(
        &mut self,
        conductance: &[f64],
        held_voltage: &[f64],
        voltage: &mut [f64],
    ) -> Result<(), CircuitError> {
        self.values.iter_mut().for_each(|v| *v = 0.0);
        self.rhs.iter_mut().for_each(|v| *v = 0.0);
        for (&slot, &k) in self.slots.iter().zip(conductance) {
            match slot {
                EdgeSlots::Inner { diagonal, off } => {
                    self.values[diagonal[0]] += k;
                    self.values[diagonal[1]] += k;
                    self.values[off] -= k;
                }
                EdgeSlots::ToHeld {
                    diagonal,
                    row,
                    held,
                } => {
                    self.values[diagonal] += k;
                    self.rhs[row] += k * held_voltage[held];
                }
                EdgeSlots::Outside => {}
            }
        }
        let n = self.unknowns();
        let columns = 1 + self.clamps.len();
        for (j, &u) in self.clamps.iter().enumerate() {
            self.rhs[(j + 1) * n + u] = 1.0;
        }
        if n > 0 {
            let stack = MemStack::new(&mut self.buffer);
            let matrix = SparseColMatRef::new(self.pattern.as_ref(), &self.values);
            let llt = self
                .symbolic
                .factorize_numeric_llt(
                    &mut self.factor,
                    matrix,
                    Side::Upper,
                    LltRegularization::default(),
                    Par::Seq,
                    stack,
                    Default::default(),
                )
                .map_err(|e| CircuitError::Factorisation(format!("{e:?}")))?;
            llt.solve_in_place_with_conj(
                Conj::No,
                MatMut::from_column_major_slice_mut(&mut self.rhs, n, columns),
                Par::Seq,
                stack,
            );
        }
        for (node, v) in voltage.iter_mut().enumerate() {
            let u = self.unknown_of[node];
            *v = if u != NOT_UNKNOWN {
                self.rhs[u as usize]
            } else {
                // Floating: NaN.
                self.held_of[node].map_or(f64::NAN, |i| held_voltage[i])
            };
        }
        Ok(())
    }

    /// The clamped twin's voltages into `clamped`, from the last [`Self::solve`] (whose node
    /// voltages are `free`): the clamp nodes held at `clamp_voltage` (V, in the order given to
    /// [`Self::with_clamps`]) besides the held nodes.
    pub fn clamped(
        &self,
        free: &[f64],
        clamp_voltage: &[f64],
        clamped: &mut [f64],
    ) -> Result<(), CircuitError> {
        let (n, k) = (self.unknowns(), self.clamps.len());
        let y = |u: usize, j: usize| self.rhs[(j + 1) * n + u];
        let schur = Mat::from_fn(k, k, |i, j| y(self.clamps[i], j));
        let mut lambda = Mat::from_fn(k, 1, |i, _| clamp_voltage[i] - self.rhs[self.clamps[i]]);
        schur
            .llt(Side::Lower)
            .map_err(|e| CircuitError::Factorisation(format!("{e:?}")))?
            .solve_in_place(lambda.as_mut());
        clamped.copy_from_slice(free);
        for (node, v) in clamped.iter_mut().enumerate() {
            let u = self.unknown_of[node];
            if u != NOT_UNKNOWN {
                *v += (0..k)
                    .map(|j| y(u as usize, j) * lambda[(j, 0)])
                    .sum::<f64>();
            }
        }
        Ok(())
    }
}

/// The upper triangle of `L_UU`'s pattern, column-major (`col_ptr`, sorted `row_idx`): each
/// unknown's diagonal and every alive edge between two unknowns.
fn upper_pattern(
    circuit: &Circuit,
    alive: &[bool],
    unknown_of: &[u32],
    unknowns: usize,
) -> (Vec<usize>, Vec<usize>) {
    let mut rows_of: Vec<Vec<usize>> = (0..unknowns).map(|u| vec![u]).collect();
    for (&[a, b], &on) in circuit.edges.iter().zip(alive) {
        let (ua, ub) = (unknown_of[a as usize], unknown_of[b as usize]);
        if on && ua != NOT_UNKNOWN && ub != NOT_UNKNOWN {
            rows_of[ua.max(ub) as usize].push(ua.min(ub) as usize);
        }
    }
    let mut col_ptr = Vec::with_capacity(unknowns + 1);
    let mut row_idx = Vec::new();
    col_ptr.push(0);
    for rows in &mut rows_of {
        rows.sort_unstable();
        rows.dedup();
        row_idx.extend_from_slice(rows);
        col_ptr.push(row_idx.len());
    }
    (col_ptr, row_idx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::dense_voltages;

    #[test]
    fn resistors_side_by_side_add_their_conductances() {
        // Node 1 joined to 1 V (node 0) by 1 S and 2 S side by side, and to ground (node 2) by
        // 1 S: V1 = 3 / (3 + 1).
        let circuit = Circuit::bundles(&[0, 2], &[1], 1);
        let circuit = Circuit::new(3, [circuit.edges, vec![[0, 1]]].concat()).unwrap();
        let mut solver = KirchhoffSolver::new(&circuit, &[], &[0, 2]).unwrap();
        let mut v = vec![0.0; 3];
        solver.solve(&[1.0, 1.0, 2.0], &[1.0, 0.0], &mut v).unwrap();
        assert!((v[1] - 0.75).abs() < 1e-12, "{v:?}");
    }

    #[test]
    fn a_voltage_divider_splits_by_its_conductances() {
        // 1 V at node 0, ground at node 2, node 1 between: V1 = k01 / (k01 + k12).
        let circuit = Circuit::new(3, vec![[0, 1], [1, 2]]).unwrap();
        let mut solver = KirchhoffSolver::new(&circuit, &[], &[2, 0]).unwrap();
        let mut v = vec![0.0; 3];
        solver.solve(&[3.0, 1.0], &[0.0, 1.0], &mut v).unwrap();
        assert!((v[1] - 0.75).abs() < 1e-12, "{v:?}");
        assert_eq!((v[0], v[2]), (1.0, 0.0));
    }

    #[test]
    fn agrees_with_a_dense_solve_and_conserves_current() {
        let circuit = Circuit::random(60, 150, 3);
        let k: Vec<f64> = (0..150).map(|e| 0.5 + (e % 7) as f64 * 0.3).collect();
        let held = [0, 5, 9];
        let held_v = [0.0, 1.0, -0.4];
        let mut solver = KirchhoffSolver::new(&circuit, &[], &held).unwrap();
        let mut sparse = vec![0.0; 60];
        solver.solve(&k, &held_v, &mut sparse).unwrap();
        let dense = dense_voltages(&circuit, &k, &held, &held_v).unwrap();
        for (s, d) in sparse.iter().zip(&dense) {
            assert!((s - d).abs() < 1e-10, "{s} vs {d}");
        }
        // Kirchhoff: the current into every unknown node sums to zero.
        let mut net = vec![0.0; 60];
        for (&[a, b], &ke) in circuit.edges.iter().zip(&k) {
            let i = ke * (sparse[a as usize] - sparse[b as usize]);
            net[a as usize] -= i;
            net[b as usize] += i;
        }
        for (node, current) in net.iter().enumerate() {
            if !held.contains(&(node as u32)) {
                assert!(current.abs() < 1e-10, "node {node}: {current} A");
            }
        }
        // A second solve with other conductances reuses the analysis and still agrees.
        let k2: Vec<f64> = k.iter().rev().copied().collect();
        solver.solve(&k2, &held_v, &mut sparse).unwrap();
        let dense2 = dense_voltages(&circuit, &k2, &held, &held_v).unwrap();
        assert!(
            sparse
                .iter()
                .zip(&dense2)
                .all(|(s, d)| (s - d).abs() < 1e-10)
        );
    }

    #[test]
    fn the_clamped_twin_from_the_free_factor_matches_its_own_solve() {
        let circuit = Circuit::random(40, 100, 5);
        let k: Vec<f64> = (0..100).map(|e| 0.2 + (e % 5) as f64 * 0.4).collect();
        let (held, clamps) = ([0, 3, 7], [11, 20]);
        let held_v = [0.0, 1.0, -0.5];
        let mut free = KirchhoffSolver::with_clamps(&circuit, &[], &held, &clamps).unwrap();
        let mut free_v = vec![0.0; 40];
        free.solve(&k, &held_v, &mut free_v).unwrap();
        let mut twin = vec![0.0; 40];
        free.clamped(&free_v, &[0.3, -0.2], &mut twin).unwrap();
        let mut own = KirchhoffSolver::new(&circuit, &[], &[0, 3, 7, 11, 20]).unwrap();
        let mut own_v = vec![0.0; 40];
        own.solve(&k, &[0.0, 1.0, -0.5, 0.3, -0.2], &mut own_v)
            .unwrap();
        for (a, b) in twin.iter().zip(&own_v) {
            assert!((a - b).abs() < 1e-10, "{a} vs {b}");
        }
        // The free solve itself is unchanged by the extra columns.
        let mut plain = KirchhoffSolver::new(&circuit, &[], &held).unwrap();
        let mut plain_v = vec![0.0; 40];
        plain.solve(&k, &held_v, &mut plain_v).unwrap();
        assert!(
            free_v
                .iter()
                .zip(&plain_v)
                .all(|(a, b)| (a - b).abs() < 1e-12)
        );
    }

    #[test]
    fn a_node_cut_off_by_damage_floats_and_leaves_the_solve() {
        // 0 (1 V) - 1 - 2 (ground), and 3 hanging off 1 by edge 2, which is cut.
        let circuit = Circuit::new(4, vec![[0, 1], [1, 2], [1, 3]]).unwrap();
        let mut solver = KirchhoffSolver::new(&circuit, &[true, true, false], &[2, 0]).unwrap();
        let mut v = vec![0.0; 4];
        solver.solve(&[1.0, 1.0, 1.0], &[0.0, 1.0], &mut v).unwrap();
        assert!((v[1] - 0.5).abs() < 1e-12);
        assert!(v[3].is_nan());
        assert_eq!(solver.floating(), &[false, false, false, true]);
    }
}
