//! Which rows of a reward-modulated projection have eligibility, so that dopamine visits only
//! those.
//!
//! A row is a presynaptic neuron's outgoing synapses. Its eligibility `e` becomes non-zero only
//! where the pair rule writes into it, and then decays, `e ← e · exp(−dt/τ_e)`, until it is
//! dropped to 0 below the rule's `eligibility_floor` (or, without one, below the normal range of
//! `f32`). A row whose every `e` is 0 gets no weight change from any dopamine level
//! (`Δw = η·D·e·dt = 0`), so [`EligibleRows`] lists the rows written since they were last all
//! 0, and modulation walks only those: in a place-cell code, the few cells visited lately, not
//! all of them. The weights come out the same as walking every row as long as they lie within
//! the rule's bounds; a weight pushed outside them by something else (synaptic scaling) is
//! clipped back only when its row next holds eligibility, where a walk over every row clipped
//! it at the next dopamine.

/// The rows whose eligibility may be non-zero. Bookkeeping derived from the eligibility itself:
/// not saved (rebuilt from the eligibility after a checkpoint is loaded) and not compared.
#[derive(Debug, Clone, Default)]
pub struct EligibleRows {
    /// The listed rows, in no particular order.
    listed: Vec<u32>,
    /// Whether each row is listed.
    marked: Vec<bool>,
    /// Whether the list matches the eligibility (false until built once).
    built: bool,
}

impl PartialEq for EligibleRows {
    /// Always equal: the list is a cache of the eligibility, which is compared on its own.
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl EligibleRows {
    /// Lists `row` (the pair rule just wrote into its eligibility). Rows are only recorded
    /// once the list has been built.
    pub fn mark(&mut self, row: u32) {
        if let Some(marked) = self.marked.get_mut(row as usize)
            && !*marked
        {
            *marked = true;
            self.listed.push(row);
        }
    }

    /// Builds the list from `eligibility` (rows cut at `row_offsets`) if it is not built yet.
    pub fn build_once(&mut self, eligibility: &[f32], row_offsets: &[u32]) {
        if self.built {
            return;
        }
        let rows = row_offsets.len().saturating_sub(1);
        self.marked = vec![false; rows];
        self.listed.clear();
        for row in 0..rows {
            let (start, end) = (row_offsets[row] as usize, row_offsets[row + 1] as usize);
            if eligibility[start..end].iter().any(|&e| e != 0.0) {
                self.mark(row as u32);
            }
        }
        self.built = true;
    }

    /// Visits every listed row with `visit(row)`, which returns whether the row still has
    /// eligibility; rows that have none are taken off the list.
    pub fn retain(&mut self, mut visit: impl FnMut(u32) -> bool) {
        let marked = &mut self.marked;
        self.listed.retain(|&row| {
            let keep = visit(row);
            if !keep {
                marked[row as usize] = false;
            }
            keep
        });
    }

    /// How many rows are listed.
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether no row is listed.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_written_rows_once_and_drops_emptied_ones() {
        let mut rows = EligibleRows::default();
        rows.mark(1);
        assert!(rows.is_empty(), "not recorded before the list is built");
        rows.build_once(&[0.0, 0.0, 0.5, 0.0, 0.0, 0.0], &[0, 2, 4, 6]);
        assert_eq!(rows.len(), 1, "row 1 holds eligibility");
        rows.mark(2);
        rows.mark(2);
        assert_eq!(rows.len(), 2);
        let mut seen = Vec::new();
        rows.retain(|row| {
            seen.push(row);
            row == 2
        });
        seen.sort_unstable();
        assert_eq!(seen, [1, 2]);
        assert_eq!(rows.len(), 1);
        rows.mark(1);
        assert_eq!(rows.len(), 2, "an emptied row can be listed again");
    }
}
