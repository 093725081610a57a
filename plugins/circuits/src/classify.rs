//! A table's rows as a resistor network's input voltages, and its classes as output targets.
//!
//! Each feature is standardised on the training rows, `z = (x − mean) / sd`, and held at two
//! input nodes as `+s·z` and `−s·z` volts (`s`: `volts_per_sd`); two more inputs are held at
//! `+s` and `−s` (a bias). A resistor network's outputs are weighted averages of its held
//! voltages with positive weights, so the mirrored inputs are what lets an output fall as a
//! feature rises. Each class has one output node, and the answer is the output at the highest
//! voltage. A row's targets are either fixed (`high_v` for its class, `low_v` for the others:
//! least squares, which a linear machine fits badly when one class lies between two others) or,
//! with a `margin_v`, hinge targets from the free outputs `V`: the right class's output
//! `max(V_c, max_{j≠c} V_j + m)`, each other `min(V_j, V_c − m)`, so only outputs on the wrong
//! side of the margin are nudged (a multiclass perceptron with a margin).

use neurarium_tasks::table::csv::Table;
use neurarium_tasks::table::standardise::Standardisation;
use serde::{Deserialize, Serialize};

use crate::circuit::{Circuit, Terminals};
use crate::coupled::{CoupledNetwork, Learning};
use crate::error::CircuitError;

/// Standardisation of a table's features and their input voltages.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoding {
    /// Each feature's training mean and sd.
    pub standardisation: Standardisation,
    /// Volts per standard deviation, `s`.
    pub volts_per_sd: f64,
}

impl Encoding {
    /// The mean and standard deviation of each feature over `rows` of `table`.
    pub fn fit(table: &Table, rows: &[usize], volts_per_sd: f64) -> Self {
        Self {
            standardisation: Standardisation::fit(table, rows),
            volts_per_sd,
        }
    }

    /// Input nodes for `features` features: two per feature and two for the bias.
    pub fn inputs_for(features: usize) -> usize {
        2 * features + 2
    }

    /// The input voltages of `row`: `+s·z, −s·z` per feature, then `+s, −s`.
    pub fn voltages(&self, row: &[f32]) -> Vec<f64> {
        input_voltages(self.standardisation.apply(row), self.volts_per_sd)
    }
}

/// The input voltages of standardised features `z`: `+s·z, −s·z` per feature, then the bias
/// `+s, −s` (`s`: `volts_per_sd`).
pub fn input_voltages(z: impl Iterator<Item = f64>, volts_per_sd: f64) -> Vec<f64> {
    let s = volts_per_sd;
    let mut v: Vec<f64> = z.flat_map(|z| [s * z, -s * z]).collect();
    v.extend([s, -s]);
    v
}

/// A classifier circuit's shape and targets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassifierShape {
    /// Nodes besides ground, inputs and outputs.
    pub hidden_nodes: u32,
    /// Edges of the random graph joining all nodes.
    pub edges: usize,
    /// Target of the right class's output, V.
    pub high_v: f64,
    /// Target of the other outputs, V.
    pub low_v: f64,
    /// With `Some(m)`, hinge targets with margin `m` (V) instead of `high_v` and `low_v`.
    pub margin_v: Option<f64>,
    /// How the nodes are joined.
    pub wiring: Wiring,
}

/// How a classifier circuit's nodes are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Wiring {
    /// A connected random graph of `edges` edges over every node (`hidden_nodes` of them
    /// hidden).
    #[default]
    Random,
    /// Ground and every input joined straight to every output by `parallel` resistors side by
    /// side, and nothing else (`hidden_nodes` and `edges` unused): `(inputs + 1) · outputs ·
    /// parallel` edges. An output is then the average of the held voltages weighted by the
    /// bundles' conductances, `V_o = Σ_i G_io V_i / Σ_i G_io`, which a cut that takes the same
    /// share from every bundle leaves unchanged; cutting at random, the more resistors a
    /// bundle has, the closer its loss is to that share.
    Direct {
        /// Resistors per bundle.
        parallel: u32,
    },
}

impl Default for ClassifierShape {
    /// The Iris benchmark's: 80 hidden nodes, 500 edges, hinge targets with a 0.02 V margin.
    fn default() -> Self {
        Self {
            hidden_nodes: 80,
            edges: 500,
            high_v: 0.1,
            low_v: -0.1,
            margin_v: Some(0.02),
            wiring: Wiring::Random,
        }
    }
}

/// A resistor network for `features` features and `classes` classes: node 0 ground, then the
/// inputs, the outputs and the hidden nodes, joined as `shape.wiring` says (a random graph is
/// drawn from `seed`).
pub fn classifier_network(
    features: usize,
    classes: usize,
    shape: ClassifierShape,
    learning: Learning,
    seed: u64,
) -> Result<CoupledNetwork, CircuitError> {
    let inputs = u32::try_from(Encoding::inputs_for(features)).unwrap_or(u32::MAX);
    let outputs = u32::try_from(classes).unwrap_or(u32::MAX);
    let terminals = Terminals {
        ground: 0,
        inputs: (1..=inputs).collect(),
        outputs: (1 + inputs..1 + inputs + outputs).collect(),
    };
    let circuit = match shape.wiring {
        Wiring::Random => {
            Circuit::random(1 + inputs + outputs + shape.hidden_nodes, shape.edges, seed)
        }
        Wiring::Direct { parallel } => {
            let sources: Vec<u32> = std::iter::once(terminals.ground)
                .chain(terminals.inputs.iter().copied())
                .collect();
            Circuit::bundles(&sources, &terminals.outputs, parallel)
        }
    };
    CoupledNetwork::new(circuit, terminals, learning, seed)
}

/// The targets of a row of class `class`, given the free outputs `outputs`.
pub fn targets(class: usize, outputs: &[f64], shape: &ClassifierShape) -> Vec<f64> {
    let Some(margin) = shape.margin_v else {
        return (0..outputs.len())
            .map(|c| {
                if c == class {
                    shape.high_v
                } else {
                    shape.low_v
                }
            })
            .collect();
    };
    let right = outputs[class];
    let best_other = outputs
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != class)
        .map(|(_, &v)| v)
        .fold(f64::NEG_INFINITY, f64::max);
    outputs
        .iter()
        .enumerate()
        .map(|(j, &v)| {
            if j == class {
                v.max(best_other + margin)
            } else {
                v.min(right - margin)
            }
        })
        .collect()
}

/// The class whose output is highest.
pub fn answer(outputs: &[f64]) -> usize {
    outputs
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |(i, _)| i)
}

/// The share of `rows` the network answers right, learning nothing.
pub fn accuracy(
    net: &mut CoupledNetwork,
    encoding: &Encoding,
    table: &Table,
    rows: &[usize],
) -> Result<f64, CircuitError> {
    let mut right = 0usize;
    for &r in rows {
        let out = net.outputs(&encoding.voltages(table.row(r)))?;
        right += usize::from(answer(&out) == table.labels[r]);
    }
    Ok(right as f64 / rows.len().max(1) as f64)
}

/// One pass over `rows` in their order, a learning step per row; the mean squared error
/// before each step.
pub fn learn_epoch(
    net: &mut CoupledNetwork,
    encoding: &Encoding,
    table: &Table,
    rows: &[usize],
    shape: &ClassifierShape,
) -> Result<f64, CircuitError> {
    let mut total = 0.0;
    for &r in rows {
        let class = table.labels[r];
        total += net.learn_toward(&encoding.voltages(table.row(r)), |out| {
            targets(class, out, shape)
        })?;
    }
    Ok(total / rows.len().max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hinge_targets_nudge_only_outputs_on_the_wrong_side_of_the_margin() {
        let shape = ClassifierShape {
            hidden_nodes: 0,
            edges: 0,
            high_v: 0.1,
            low_v: -0.1,
            margin_v: Some(0.05),
            wiring: Wiring::Random,
        };
        // Class 0 wins by 0.1 over class 1: nothing to learn.
        assert_eq!(targets(0, &[0.3, 0.2, 0.0], &shape), vec![0.3, 0.2, 0.0]);
        // Class 1 is right but loses: it is pushed above 0.3 + m, class 0 below 0.2 − m.
        let t = targets(1, &[0.3, 0.2, 0.0], &shape);
        assert!((t[1] - 0.35).abs() < 1e-12 && (t[0] - 0.15).abs() < 1e-12 && t[2] == 0.0);
        let fixed = ClassifierShape {
            margin_v: None,
            ..shape
        };
        assert_eq!(targets(2, &[0.3, 0.2, 0.0], &fixed), vec![-0.1, -0.1, 0.1]);
        assert_eq!(answer(&[0.1, 0.4, 0.2]), 1);
    }

    #[test]
    fn a_direct_network_is_a_weighted_average_that_an_even_cut_leaves_alone() {
        let shape = ClassifierShape {
            wiring: Wiring::Direct { parallel: 4 },
            ..ClassifierShape::default()
        };
        let mut net = classifier_network(1, 2, shape, Learning::default(), 3).unwrap();
        // Ground and 4 inputs to each of 2 outputs, 4 resistors a bundle, bundle by bundle.
        assert_eq!((net.circuit.nodes, net.circuit.edges.len()), (7, 5 * 2 * 4));
        assert_eq!(
            net.circuit.edges[..5],
            [[0, 5], [0, 5], [0, 5], [0, 5], [1, 5]]
        );
        // Every resistor of a bundle alike, bundles unlike: output 0 is Σ G V / Σ G.
        for (e, k) in net.conductance.iter_mut().enumerate() {
            *k = 1e-4 * (1 + e / 4) as f64;
        }
        let inputs = [0.4, -0.4, 1.0, -1.0];
        let held = [0.0, 0.4, -0.4, 1.0, -1.0];
        let g: Vec<f64> = (1..=5).map(|b| b as f64).collect();
        let expected = g.iter().zip(held).map(|(g, v)| g * v).sum::<f64>() / g.iter().sum::<f64>();
        let before = net.outputs(&inputs).unwrap();
        assert!(
            (before[0] - expected).abs() < 1e-12,
            "{before:?} against {expected}"
        );
        // One resistor of every bundle cut: every bundle keeps 3/4, the outputs stay.
        let one_of_each: Vec<usize> = (0..10).map(|b| 4 * b).collect();
        net.cut(&one_of_each).unwrap();
        let after = net.outputs(&inputs).unwrap();
        for (a, b) in after.iter().zip(&before) {
            assert!((a - b).abs() < 1e-12, "{after:?} against {before:?}");
        }
        // Two more of the first bundle (ground): output 0 moves.
        net.cut(&[1, 2]).unwrap();
        assert!(net.outputs(&inputs).unwrap()[0] != after[0]);
    }
}
