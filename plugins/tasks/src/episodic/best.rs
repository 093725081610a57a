//! What "best" means for an episodic task with a curriculum: the best checkpoint is the state
//! after the episode where the mean return of the last [`BEST_WINDOW_EPISODES`] episodes of the
//! current curriculum phase was highest, once at least [`BEST_MIN_EPISODES`] of them are done;
//! a later phase beats an earlier one whatever the returns (tracks of different lengths give
//! returns that do not compare).

use neurarium_sim::prelude::{BestScore, Column, UnitRows};

/// Episodes the moving mean of the return spans.
pub const BEST_WINDOW_EPISODES: usize = 20;
/// Episodes of the current phase needed before a best checkpoint is written.
pub const BEST_MIN_EPISODES: usize = 10;

/// The best-checkpoint score of `rows`, read from their `returns` column and, for a task with
/// a curriculum, its `phase` column.
pub fn best_mean_return(
    rows: &UnitRows,
    returns: &Column,
    phase: Option<&Column>,
) -> Option<BestScore> {
    let returns = rows.values(returns)?;
    let phases = phase
        .and_then(|phase| rows.values(phase))
        .unwrap_or_else(|| vec![0.0; returns.len()]);
    phase_and_mean_return(&returns, &phases).map(|(rank, value)| BestScore { rank, value })
}

/// The newest episode's phase and the mean of `returns` over the last
/// [`BEST_WINDOW_EPISODES`] episodes of that phase; `None` before [`BEST_MIN_EPISODES`] of them.
pub fn phase_and_mean_return(returns: &[f64], phases: &[f64]) -> Option<(f64, f64)> {
    let &phase = phases.last()?;
    let in_phase = phases.iter().rev().take_while(|&&p| p == phase).count();
    if in_phase < BEST_MIN_EPISODES {
        return None;
    }
    let window = &returns[returns.len() - in_phase.min(BEST_WINDOW_EPISODES)..];
    Some((phase, window.iter().sum::<f64>() / window.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_window_stays_inside_the_newest_phase() {
        // 30 episodes of phase 1 returning 50, then phase 2 returning 10.
        let mut returns = vec![50.0; 30];
        let mut phases = vec![1.0; 30];
        assert_eq!(phase_and_mean_return(&returns, &phases), Some((1.0, 50.0)));
        returns.extend([10.0; 9]);
        phases.extend([2.0; 9]);
        assert_eq!(
            phase_and_mean_return(&returns, &phases),
            None,
            "nine episodes into phase 2: too few"
        );
        returns.push(10.0);
        phases.push(2.0);
        assert_eq!(
            phase_and_mean_return(&returns, &phases),
            Some((2.0, 10.0)),
            "phase 1's returns are not averaged in"
        );
        // Without a curriculum, the last 20 episodes.
        let returns: Vec<f64> = (0..25).map(f64::from).collect();
        let phases = vec![0.0; 25];
        assert_eq!(phase_and_mean_return(&returns, &phases), Some((0.0, 14.5)));
        assert_eq!(phase_and_mean_return(&[1.0; 9], &[0.0; 9]), None);
    }
}
