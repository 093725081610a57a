//! How well a cue brought its pattern back.
//!
//! After a cue `C` for pattern `P` (a random cue's pattern is the one it stands in for), the
//! recalled set `R` is the neurons outside the cue that fired at least `recall_spikes` times
//! while it was on. Over the neurons outside the cue, with `T = P \ C` the pattern's part to
//! complete:
//!
//! - hit rate `h = |R ∩ T| / |T|`;
//! - false-alarm rate `f = |R \ T| / (N − |C| − |T|)`;
//! - **overlap** `h − f`: 1 when exactly the rest of the pattern comes back, about 0 when the
//!   activity does not depend on the pattern (a random cue, or nothing stored), negative when
//!   other neurons come instead.

/// One cue's outcome.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recalled {
    /// The pattern the cue stands for.
    pub pattern: usize,
    /// The pattern's neurons.
    pub original: Vec<u32>,
    /// Whether the cue was random.
    pub random: bool,
    /// The cue's neurons.
    pub cue: Vec<u32>,
    /// The recalled neurons (outside the cue).
    pub recalled: Vec<u32>,
    /// Hit rate on the pattern's rest.
    pub hit_rate: f64,
    /// False-alarm rate elsewhere.
    pub false_alarm_rate: f64,
}

impl Recalled {
    /// `hit_rate − false_alarm_rate`.
    pub fn overlap(&self) -> f64 {
        self.hit_rate - self.false_alarm_rate
    }
}

/// Mean overlap of the pattern cues (`random: false`) or the random ones in `results`.
pub fn mean_overlap(results: &[Recalled], random: bool) -> f64 {
    mean(
        results
            .iter()
            .filter(|r| r.random == random)
            .map(Recalled::overlap),
    )
}

/// Mean of `f` over the pattern cues in `results`.
pub fn mean_of(results: &[Recalled], f: impl Fn(&Recalled) -> f64) -> f64 {
    mean(results.iter().filter(|r| !r.random).map(f))
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Scores `counts` (spikes per neuron during the cue) against `pattern` for `cue`.
pub fn score(
    counts: &[u32],
    pattern_index: usize,
    pattern: &[u32],
    cue: &[u32],
    random: bool,
    recall_spikes: u32,
) -> Recalled {
    let neurons = counts.len();
    let mut in_cue = vec![false; neurons];
    cue.iter().for_each(|&i| in_cue[i as usize] = true);
    let mut in_target = vec![false; neurons];
    pattern
        .iter()
        .filter(|&&i| !in_cue[i as usize])
        .for_each(|&i| in_target[i as usize] = true);
    let recalled: Vec<u32> = (0..neurons)
        .filter(|&i| !in_cue[i] && counts[i] >= recall_spikes)
        .map(|i| i as u32)
        .collect();
    let targets = in_target.iter().filter(|&&t| t).count();
    let others = neurons - cue.len() - targets;
    let hits = recalled.iter().filter(|&&i| in_target[i as usize]).count();
    let false_alarms = recalled.len() - hits;
    Recalled {
        pattern: pattern_index,
        original: pattern.to_vec(),
        random,
        cue: cue.to_vec(),
        recalled,
        hit_rate: hits as f64 / targets.max(1) as f64,
        false_alarm_rate: false_alarms as f64 / others.max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_rest_back_scores_one_and_activity_everywhere_scores_zero() {
        let pattern = [0, 1, 2, 3];
        let cue = [0, 1];
        let mut counts = vec![0; 10];
        counts[2] = 3;
        counts[3] = 2;
        counts[0] = 9; // the cue's own spikes do not count
        let exact = score(&counts, 0, &pattern, &cue, false, 2);
        assert_eq!(exact.recalled, vec![2, 3]);
        assert_eq!(exact.overlap(), 1.0);
        let everywhere = score(&[5; 10], 0, &pattern, &cue, false, 2);
        assert_eq!(everywhere.overlap(), 0.0);
        let elsewhere = score(&[0, 0, 0, 0, 4, 4, 4, 4, 4, 4], 0, &pattern, &cue, true, 2);
        assert_eq!(elsewhere.overlap(), -1.0);
        // One spike is below the threshold of two.
        assert_eq!(
            score(&[0, 0, 1, 1, 0, 0, 0, 0, 0, 0], 0, &pattern, &cue, false, 2).overlap(),
            0.0
        );
    }
}
