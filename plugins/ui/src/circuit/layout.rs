//! Where a circuit's nodes are drawn. A random graph has no geometry of its own, so it gets one
//! by a force-directed layout (Fruchterman & Reingold 1991): edges pull their nodes together,
//! every pair of nodes pushes apart, for a fixed number of cooling steps. The inputs are pinned
//! in a column on the left, the outputs on the right and ground at the bottom, so current is
//! drawn flowing from left to right. Positions are in `0..1` both ways; the same wiring always
//! gets the same picture.

use neurarium_circuits::circuit::{Circuit, Terminals};

/// Positions of every node, `[x, y]` in `0..1` (y down).
pub fn layout(circuit: &Circuit, terminals: &Terminals) -> Vec<[f32; 2]> {
    let n = circuit.nodes as usize;
    let mut pinned = vec![false; n];
    let mut pos: Vec<[f32; 2]> = (0..n)
        .map(|i| {
            // A deterministic scatter to start from (golden-ratio spiral).
            let t = i as f32 * 0.618_034;
            let r = 0.35 * ((i as f32 + 0.5) / n as f32).sqrt();
            let angle = std::f32::consts::TAU * t;
            [0.5 + r * angle.cos(), 0.45 + r * angle.sin()]
        })
        .collect();
    let column = |nodes: &[u32], x: f32, pos: &mut Vec<[f32; 2]>, pinned: &mut Vec<bool>| {
        for (k, &node) in nodes.iter().enumerate() {
            let y = 0.06 + 0.8 * (k as f32 + 0.5) / nodes.len() as f32;
            pos[node as usize] = [x, y];
            pinned[node as usize] = true;
        }
    };
    column(&terminals.inputs, 0.03, &mut pos, &mut pinned);
    column(&terminals.outputs, 0.97, &mut pos, &mut pinned);
    let ground = terminals.ground as usize;
    if ground < n {
        pos[ground] = [0.5, 0.97];
        pinned[ground] = true;
    }
    // The natural edge length: twice the spacing of n nodes spread over the unit square.
    let k = 2.0 * (1.0 / n.max(1) as f32).sqrt();
    let mut temperature = 0.08;
    for _ in 0..150 {
        let mut shift = vec![[0.0f32; 2]; n];
        for i in 0..n {
            for j in i + 1..n {
                let d = [pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]];
                let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
                let push = k * k / dist;
                for a in 0..2 {
                    shift[i][a] += d[a] / dist * push;
                    shift[j][a] -= d[a] / dist * push;
                }
            }
        }
        for &[a, b] in &circuit.edges {
            let (a, b) = (a as usize, b as usize);
            let d = [pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]];
            let dist = (d[0] * d[0] + d[1] * d[1]).sqrt().max(1e-3);
            let pull = dist * dist / k;
            for c in 0..2 {
                shift[a][c] -= d[c] / dist * pull;
                shift[b][c] += d[c] / dist * pull;
            }
        }
        for i in (0..n).filter(|&i| !pinned[i]) {
            let len = (shift[i][0].powi(2) + shift[i][1].powi(2)).sqrt().max(1e-9);
            let step = len.min(temperature);
            for c in 0..2 {
                pos[i][c] = (pos[i][c] + shift[i][c] / len * step).clamp(0.1, 0.9);
            }
        }
        temperature *= 0.97;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminals_are_pinned_and_every_node_is_inside() {
        let circuit = Circuit::random(30, 80, 4);
        let terminals = Terminals {
            ground: 0,
            inputs: vec![1, 2, 3],
            outputs: vec![4, 5],
        };
        let pos = layout(&circuit, &terminals);
        assert_eq!(pos.len(), 30);
        assert!(pos[1][0] < 0.05 && pos[4][0] > 0.95 && pos[0][1] > 0.95);
        assert!(
            pos.iter()
                .all(|p| (0.0..=1.0).contains(&p[0]) && (0.0..=1.0).contains(&p[1]))
        );
        assert_eq!(
            pos,
            layout(&circuit, &terminals),
            "the same wiring, the same picture"
        );
    }
}
