//! A resistor network's wiring: `nodes` nodes, numbered from 0, and edges that each join two
//! of them through one variable resistor; and its terminals: the ground node (0 V), the input
//! nodes (held at voltages the task sets) and the output nodes (read, and held at nudged
//! voltages in the clamped twin).
//!
//! A node's voltage is set by Kirchhoff's current law only if a path of edges joins it to a
//! node whose voltage is held; a wiring where some node has no path to ground is refused,
//! naming the node. Edges may be cut later ([`Circuit::reachable`] over the edges left then
//! says which nodes float).

use std::collections::VecDeque;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::CircuitError;

/// The wiring: nodes and edges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Circuit {
    /// How many nodes.
    pub nodes: u32,
    /// Each edge's two nodes.
    pub edges: Vec<[u32; 2]>,
}

impl Circuit {
    /// A circuit of `nodes` nodes and these edges; refuses an edge to a missing node or to
    /// itself, naming the edge.
    pub fn new(nodes: u32, edges: Vec<[u32; 2]>) -> Result<Self, CircuitError> {
        for (edge, &[a, b]) in edges.iter().enumerate() {
            for node in [a, b] {
                if node >= nodes {
                    return Err(CircuitError::NodeOutOfRange { edge, node, nodes });
                }
            }
            if a == b {
                return Err(CircuitError::SelfLoop { edge, node: a });
            }
        }
        Ok(Self { nodes, edges })
    }

    /// A `rows × columns` square lattice: node `r · columns + c`, an edge to the right and one
    /// down from each node; `rows (columns − 1) + columns (rows − 1)` edges.
    pub fn lattice(rows: u32, columns: u32) -> Self {
        let node = |r: u32, c: u32| r * columns + c;
        let mut edges = Vec::new();
        for r in 0..rows {
            for c in 0..columns {
                if c + 1 < columns {
                    edges.push([node(r, c), node(r, c + 1)]);
                }
                if r + 1 < rows {
                    edges.push([node(r, c), node(r + 1, c)]);
                }
            }
        }
        Self {
            nodes: rows * columns,
            edges,
        }
    }

    /// A connected random graph of `nodes` nodes and `edges` edges (at least `nodes − 1`, at
    /// most one edge per pair): a random spanning tree, then pairs drawn uniformly, drawn
    /// from `seed`.
    pub fn random(nodes: u32, edges: usize, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let most = nodes as usize * (nodes as usize).saturating_sub(1) / 2;
        let edges = edges.clamp(nodes.saturating_sub(1) as usize, most);
        let mut order: Vec<u32> = (0..nodes).collect();
        order.shuffle(&mut rng);
        let mut seen = std::collections::HashSet::new();
        let mut list = Vec::with_capacity(edges);
        for i in 1..order.len() {
            let a = order[i];
            let b = order[rng.random_range(0..i)];
            seen.insert((a.min(b), a.max(b)));
            list.push([a, b]);
        }
        while list.len() < edges {
            let a = rng.random_range(0..nodes);
            let b = rng.random_range(0..nodes);
            if a != b && seen.insert((a.min(b), a.max(b))) {
                list.push([a, b]);
            }
        }
        Self { nodes, edges: list }
    }

    /// Every node of `from` joined to every node of `to` by `parallel` edges side by side, the
    /// bundles in the order of `to`, then of `from`; the nodes are `0..=max` of both.
    pub fn bundles(from: &[u32], to: &[u32], parallel: u32) -> Self {
        let nodes = from.iter().chain(to).max().map_or(0, |&n| n + 1);
        let edges = to
            .iter()
            .flat_map(|&b| from.iter().map(move |&a| [a, b]))
            .flat_map(|edge| std::iter::repeat_n(edge, parallel as usize))
            .collect();
        Self { nodes, edges }
    }

    /// Which nodes a path of `alive` edges joins to any of `from`.
    pub fn reachable(&self, from: &[u32], alive: &[bool]) -> Vec<bool> {
        let mut next: Vec<Vec<u32>> = vec![Vec::new(); self.nodes as usize];
        for (&[a, b], &on) in self.edges.iter().zip(alive) {
            if on {
                next[a as usize].push(b);
                next[b as usize].push(a);
            }
        }
        let mut reached = vec![false; self.nodes as usize];
        let mut queue: VecDeque<u32> = from.iter().copied().collect();
        for &node in from {
            reached[node as usize] = true;
        }
        while let Some(node) = queue.pop_front() {
            for &n in &next[node as usize] {
                if !reached[n as usize] {
                    reached[n as usize] = true;
                    queue.push_back(n);
                }
            }
        }
        reached
    }
}

/// Which nodes are ground, inputs and outputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terminals {
    /// The node at 0 V.
    pub ground: u32,
    /// The nodes held at the task's input voltages, in the order of those voltages.
    pub inputs: Vec<u32>,
    /// The nodes read as the answer, in the order of the targets.
    pub outputs: Vec<u32>,
}

impl Terminals {
    /// Checks these terminals on `circuit`: each a node of it, no node in two roles, and every
    /// node joined to ground by a path of edges. The error names the node.
    pub fn check(&self, circuit: &Circuit) -> Result<(), CircuitError> {
        let mut role: Vec<Option<&'static str>> = vec![None; circuit.nodes as usize];
        let named = std::iter::once(("ground", self.ground))
            .chain(self.inputs.iter().map(|&n| ("input", n)))
            .chain(self.outputs.iter().map(|&n| ("output", n)));
        for (what, node) in named {
            let slot = role
                .get_mut(node as usize)
                .ok_or(CircuitError::TerminalOutOfRange {
                    role: what,
                    node,
                    nodes: circuit.nodes,
                })?;
            if let Some(first) = slot {
                return Err(CircuitError::TerminalTwice {
                    node,
                    first,
                    second: what,
                });
            }
            *slot = Some(what);
        }
        let alive = vec![true; circuit.edges.len()];
        let reached = circuit.reachable(&[self.ground], &alive);
        // Terminals first: an input or output cut off is the more useful message.
        let mut order: Vec<u32> = self.inputs.iter().chain(&self.outputs).copied().collect();
        order.extend(0..circuit.nodes);
        match order.into_iter().find(|&n| !reached[n as usize]) {
            Some(node) => Err(CircuitError::CutOffFromGround {
                role: role[node as usize].unwrap_or("node"),
                node,
                ground: self.ground,
            }),
            None => Ok(()),
        }
    }

    /// The held nodes of the free twin: ground, then the inputs.
    pub fn free_held(&self) -> Vec<u32> {
        std::iter::once(self.ground)
            .chain(self.inputs.iter().copied())
            .collect()
    }

    /// The held nodes of the clamped twin: ground, the inputs, then the outputs.
    pub fn clamped_held(&self) -> Vec<u32> {
        let mut held = self.free_held();
        held.extend(&self.outputs);
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lattice_has_its_edge_count_and_a_random_graph_is_connected() {
        let lattice = Circuit::lattice(3, 4);
        assert_eq!(lattice.edges.len(), 3 * 3 + 4 * 2);
        let graph = Circuit::random(50, 120, 7);
        assert_eq!(graph.edges.len(), 120);
        let reached = graph.reachable(&[0], &[true; 120]);
        assert!(
            reached.iter().all(|&r| r),
            "a spanning tree joins every node"
        );
    }

    #[test]
    fn refuses_what_cannot_be_solved_naming_the_node() {
        assert_eq!(
            Circuit::new(3, vec![[0, 1], [1, 3]]),
            Err(CircuitError::NodeOutOfRange {
                edge: 1,
                node: 3,
                nodes: 3
            })
        );
        assert!(matches!(
            Circuit::new(3, vec![[2, 2]]),
            Err(CircuitError::SelfLoop { edge: 0, node: 2 })
        ));
        // Nodes 0-1-2 joined, 3-4 apart: output 4 is cut off from ground.
        let circuit = Circuit::new(5, vec![[0, 1], [1, 2], [3, 4]]).unwrap();
        let terminals = Terminals {
            ground: 0,
            inputs: vec![1],
            outputs: vec![4],
        };
        let error = terminals.check(&circuit).unwrap_err();
        assert_eq!(
            error,
            CircuitError::CutOffFromGround {
                role: "output",
                node: 4,
                ground: 0
            }
        );
        assert!(
            error
                .to_string()
                .contains("output node 4 is cut off from ground")
        );
        let twice = Terminals {
            ground: 0,
            inputs: vec![1],
            outputs: vec![1],
        };
        assert!(matches!(
            twice.check(&circuit),
            Err(CircuitError::TerminalTwice { node: 1, .. })
        ));
    }
}
