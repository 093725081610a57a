//! Pavlovian conditioning as a user runs it (`scenes/pavlov.ron`): paired with food, the tone
//! comes to trigger the response alone; unpaired, it does not; the tone alone afterwards weakens
//! the response (extinction).

use neurarium::app::RunSetup;
use neurarium_sim::prelude::Metrics;
use neurarium_tasks::pavlov::columns;

use crate::common;

/// Response spikes per trial over `trials` trials of the scene, `paired` or not.
fn responses(seed: u64, paired: bool, trials: u64) -> Vec<f64> {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join("scenes/pavlov.ron"))
        .unwrap()
        .replace(
            "response_spikes: 20,",
            &format!("response_spikes: 20, paired: {paired},"),
        );
    let path = dir.path().join("pavlov.ron");
    std::fs::write(&path, text).unwrap();
    let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    let app = common::run_episodes(setup, trials);
    app.world()
        .resource::<Metrics>()
        .values(&columns::RESPONSE_SPIKES)
        .unwrap()
}

#[test]
fn a_paired_tone_comes_to_trigger_the_response_and_fades_when_food_stops() {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    for seed in [1, 2] {
        let paired = responses(seed, true, 120);
        let unpaired = responses(seed, false, 60);
        // Seed 1 and 2: no response on trial 0, about 220 spikes after 10 paired trials, 0
        // unpaired; about 20 after the 60 tone-alone trials.
        let (before, acquired, late) = (paired[0], mean(&paired[50..60]), mean(&paired[110..]));
        assert!(
            before < 20.0,
            "seed {seed}: the tone alone before learning: {before}"
        );
        assert!(acquired > 100.0, "seed {seed}: after pairing: {acquired}");
        assert!(
            mean(&unpaired[50..60]) < 20.0,
            "seed {seed}: unpaired: {:?}",
            &unpaired[50..60]
        );
        assert!(
            late < 0.5 * acquired,
            "seed {seed}: extinction: {acquired} → {late}"
        );
    }
}
