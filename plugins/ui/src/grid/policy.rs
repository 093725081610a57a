//! What a spiking brain prefers in each cell of the grid, read from its weights.
//!
//! The place port gives each map cell `k` neurons (row by row); the motor region is cut into
//! four pools (up, down, left, right). A cell's drive to pool `p` is the sum of the weights from
//! its `k` place neurons onto the neurons of `p`; the preferred move is the pool with the
//! largest drive, and its margin over the second largest, relative to the largest, says how
//! sure the brain is (0: a tie, 1: only one pool driven).

/// One cell's preference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preference {
    /// The preferred move's pool (0 up, 1 down, 2 left, 3 right).
    pub pool: usize,
    /// `(largest − second) / largest` of the drives, `0..=1`.
    pub margin: f32,
}

/// The preference of each of `cells` cells, from the synapses of the place → motor projection
/// (`row_offsets`, `targets`, `weights` of a compressed row per place neuron) onto a motor
/// region of `motor_size` neurons in 4 pools. `None` for a cell without synapses.
pub fn preferences(
    cells: usize,
    row_offsets: &[u32],
    targets: &[u32],
    weights: &[f32],
    motor_size: u32,
) -> Vec<Option<Preference>> {
    let place = row_offsets.len().saturating_sub(1);
    let per_cell = place / cells.max(1);
    let pool_size = (motor_size / 4).max(1);
    (0..cells)
        .map(|cell| {
            let mut drive = [0.0f32; 4];
            for neuron in cell * per_cell..(cell + 1) * per_cell {
                let (start, end) = (
                    row_offsets[neuron] as usize,
                    row_offsets[neuron + 1] as usize,
                );
                for (&target, &w) in targets[start..end].iter().zip(&weights[start..end]) {
                    let pool = ((target / pool_size) as usize).min(3);
                    drive[pool] += w;
                }
            }
            let mut order = [0, 1, 2, 3];
            order.sort_by(|&a, &b| drive[b].total_cmp(&drive[a]));
            let (best, second) = (drive[order[0]], drive[order[1]]);
            (best > 0.0).then(|| Preference {
                pool: order[0],
                margin: (best - second) / best,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_driven_pool_is_preferred() {
        // 2 cells × 1 place neuron → 8 motor neurons (pools of 2), all to all.
        let row_offsets = [0, 8, 16];
        let targets: Vec<u32> = (0..8).chain(0..8).collect();
        let mut weights = vec![1.0; 16];
        weights[6] = 3.0; // cell 0 → pool 3 (right)
        weights[8 + 2] = 2.0; // cell 1 → pool 1 (down)
        let prefs = preferences(2, &row_offsets, &targets, &weights, 8);
        assert_eq!(prefs[0].unwrap().pool, 3);
        assert!((prefs[0].unwrap().margin - 2.0 / 4.0).abs() < 1e-6);
        assert_eq!(prefs[1].unwrap().pool, 1);
        let silent = preferences(2, &row_offsets, &targets, &[0.0; 16], 8);
        assert_eq!(silent, vec![None, None]);
    }
}
