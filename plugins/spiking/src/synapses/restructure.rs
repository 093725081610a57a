//! Changing a projection's synapses: some removed and others added in one pass over the CSR
//! arrays ([`Synapses::restructure`]), with a [`SynapseRemap`] from each synapse after the
//! change to its index before, so that per-synapse state (eligibility) follows its synapse.
//!
//! Rows stay sorted by target and hold each target at most once: an added pair that already
//! has a kept synapse is dropped, and one whose old synapse is removed replaces it (fresh).
//! The cost is one pass over the synapses, `O(synapses + added · log added)`; structural
//! plasticity calls it only at its checks.

use crate::synapses::projection::Synapses;

/// A synapse to add: source neuron, target neuron, weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewSynapse {
    /// Source (presynaptic) neuron.
    pub pre: u32,
    /// Target (postsynaptic) neuron.
    pub post: u32,
    /// Weight, ignored by a projection with one shared weight.
    pub weight: f32,
}

/// For each synapse after [`Synapses::restructure`], its index before, or `None` if new.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SynapseRemap(pub Vec<Option<u32>>);

impl SynapseRemap {
    /// Per-synapse values carried over to the new synapses; new ones get `fresh`.
    pub fn carry<T: Copy>(&self, old: &[T], fresh: T) -> Vec<T> {
        self.0
            .iter()
            .map(|o| {
                o.and_then(|o| old.get(o as usize).copied())
                    .unwrap_or(fresh)
            })
            .collect()
    }

    /// How many synapses are new.
    pub fn added(&self) -> usize {
        self.0.iter().filter(|o| o.is_none()).count()
    }
}

impl Synapses {
    /// Whether source `pre` already has a synapse onto `post`.
    pub fn connects(&self, pre: u32, post: u32) -> bool {
        let (start, end) = self.row(pre);
        self.targets[start..end].binary_search(&post).is_ok()
    }

    /// The synapse index range of source `pre`'s row.
    pub fn row(&self, pre: u32) -> (usize, usize) {
        let pre = pre as usize;
        (
            self.row_offsets[pre] as usize,
            self.row_offsets[pre + 1] as usize,
        )
    }

    /// Keeps the synapses for which `keep(pre, post, weight)` holds and adds `add` (sources
    /// beyond the projection's are ignored); returns where each synapse came from.
    pub fn restructure(
        &mut self,
        keep: impl Fn(u32, u32, f32) -> bool,
        mut add: Vec<NewSynapse>,
    ) -> SynapseRemap {
        add.sort_unstable_by_key(|s| (s.pre, s.post));
        add.dedup_by_key(|s| (s.pre, s.post));
        let rows = self.row_offsets.len().saturating_sub(1);
        let shared = self.shared_weight.is_some();
        let mut row_offsets = Vec::with_capacity(rows + 1);
        let mut targets = Vec::with_capacity(self.targets.len() + add.len());
        let mut weights = Vec::with_capacity(if shared { 0 } else { targets.capacity() });
        let mut from = Vec::with_capacity(targets.capacity());
        row_offsets.push(0);
        let mut next_add = add.iter().peekable();
        for pre in 0..rows as u32 {
            let (start, end) = self.row(pre);
            let mut old = start;
            loop {
                let new = next_add.peek().filter(|s| s.pre == pre).copied();
                let old_post = (old < end).then(|| self.targets[old]);
                let (post, weight, source) = match (old_post, new) {
                    (None, None) => break,
                    (None, Some(fresh)) => {
                        next_add.next();
                        (fresh.post, fresh.weight, None)
                    }
                    (Some(post), Some(fresh)) if fresh.post < post => {
                        next_add.next();
                        (fresh.post, fresh.weight, None)
                    }
                    (Some(post), new) => {
                        let replacement = new.filter(|n| n.post == post);
                        if replacement.is_some() {
                            next_add.next();
                        }
                        let weight = self.weight(old);
                        old += 1;
                        match replacement {
                            _ if keep(pre, post, weight) => (post, weight, Some(old as u32 - 1)),
                            Some(fresh) => (post, fresh.weight, None),
                            None => continue,
                        }
                    }
                };
                targets.push(post);
                if !shared {
                    weights.push(weight);
                }
                from.push(source);
            }
            row_offsets.push(targets.len() as u32);
        }
        self.row_offsets = row_offsets;
        self.targets = targets;
        self.weights = weights;
        SynapseRemap(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr(rows: &[&[(u32, f32)]]) -> Synapses {
        let mut synapses = Synapses {
            row_offsets: vec![0],
            targets: Vec::new(),
            weights: Vec::new(),
            shared_weight: None,
        };
        for row in rows {
            for &(post, w) in *row {
                synapses.targets.push(post);
                synapses.weights.push(w);
            }
            synapses.row_offsets.push(synapses.targets.len() as u32);
        }
        synapses
    }

    fn rows(synapses: &Synapses) -> Vec<Vec<(u32, f32)>> {
        (0..synapses.row_offsets.len() as u32 - 1)
            .map(|pre| {
                let (start, end) = synapses.row(pre);
                (start..end)
                    .map(|s| (synapses.targets[s], synapses.weight(s)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn removes_and_adds_in_row_order_and_maps_each_synapse_to_where_it_was() {
        let mut synapses = csr(&[&[(1, 0.5), (3, 0.01)], &[], &[(0, 2.0), (2, 0.02)]]);
        let add = vec![
            NewSynapse {
                pre: 2,
                post: 1,
                weight: 9.0,
            },
            NewSynapse {
                pre: 1,
                post: 4,
                weight: 7.0,
            },
            NewSynapse {
                pre: 0,
                post: 1,
                weight: 8.0,
            }, // exists and is kept: dropped
            NewSynapse {
                pre: 0,
                post: 0,
                weight: 6.0,
            },
            NewSynapse {
                pre: 0,
                post: 0,
                weight: 5.0,
            }, // the same pair twice: once
            NewSynapse {
                pre: 9,
                post: 0,
                weight: 1.0,
            }, // no such source: ignored
        ];
        let remap = synapses.restructure(|_, _, w| w.abs() >= 0.1, add);
        assert_eq!(
            rows(&synapses),
            vec![
                vec![(0, 6.0), (1, 0.5)],
                vec![(4, 7.0)],
                vec![(0, 2.0), (1, 9.0)],
            ]
        );
        assert_eq!(remap.0, vec![None, Some(0), None, Some(2), None]);
        assert_eq!(remap.carry(&[10, 11, 12, 13], 0), vec![0, 10, 0, 12, 0]);
        assert_eq!(remap.added(), 3);
        assert!(synapses.connects(2, 1) && !synapses.connects(2, 2));
    }

    #[test]
    fn a_removed_pair_added_again_is_a_fresh_synapse() {
        let mut synapses = csr(&[&[(0, 0.01)]]);
        let remap = synapses.restructure(
            |_, _, w| w >= 0.1,
            vec![NewSynapse {
                pre: 0,
                post: 0,
                weight: 1.0,
            }],
        );
        assert_eq!(rows(&synapses), vec![vec![(0, 1.0)]]);
        assert_eq!(remap.0, vec![None]);
    }

    #[test]
    fn a_shared_weight_stays_shared() {
        let mut synapses = csr(&[&[(0, 2.0), (1, 2.0)], &[(0, 2.0)]]);
        synapses.share_constant_weight();
        synapses.restructure(
            |pre, _, _| pre != 1,
            vec![NewSynapse {
                pre: 1,
                post: 1,
                weight: 2.0,
            }],
        );
        assert!(synapses.weights.is_empty());
        assert_eq!(
            rows(&synapses),
            vec![vec![(0, 2.0), (1, 2.0)], vec![(1, 2.0)]]
        );
    }
}
