//! Rhythms through their scenes, as a user runs them: each scene's rate holds its band's
//! peak on a seed none was tuned on, and loses it under its ablation; theta–gamma coupling
//! beats its surrogates; a run resumed from a checkpoint mid-window goes on bit for bit. (The
//! ten-seed comparisons are `sweeps/rhythm_*.ron`.)

use neurarium::app::RunSetup;
use neurarium_scene::edit::set_field;
use neurarium_sim::prelude::*;
use neurarium_tasks::rhythms::columns;

use crate::common;

/// One 4 s window of `scene` on `seed` with the fields `edits` set: its row, as a lookup of a
/// column by name (`rhythm/peak_hz/gamma`).
fn window(scene: &str, seed: u64, edits: &[(&str, &str)]) -> impl Fn(&str) -> f64 + use<> {
    let mut source = std::fs::read_to_string(common::root().join(scene)).unwrap();
    for (field, value) in edits {
        source = set_field(&source, field, value).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scene.ron");
    std::fs::write(&path, source).unwrap();
    let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    let app = common::run_episodes(setup, 1);
    let metrics = app.world().resource::<Metrics>();
    let row: Vec<(String, f64)> = metrics
        .columns()
        .iter()
        .cloned()
        .zip(metrics.rows()[0].iter().copied())
        .collect();
    move |name: &str| {
        row.iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| panic!("no column {name}"), |(_, v)| *v)
    }
}

const SEED: u64 = 7;

#[test]
fn gamma_beta_and_alpha_each_peak_in_their_band_and_lose_it_under_their_ablation() {
    for (scene, band, low, high, ablation) in [
        (
            "scenes/rhythm_gamma.ron",
            "gamma",
            30.0,
            80.0,
            ("projections[1].weight", "Constant(0.0)"),
        ),
        (
            "scenes/rhythm_beta.ron",
            "beta",
            13.0,
            30.0,
            ("projections[1].weight", "Constant(0.0)"),
        ),
        (
            "scenes/rhythm_alpha.ron",
            "alpha",
            8.0,
            12.0,
            (
                "regions[0].model",
                "Poisson((rate_hz: 20.0, rhythm: Some((frequency_hz: 10.0, depth: 0.0))))",
            ),
        ),
    ] {
        let whole = window(scene, SEED, &[]);
        let peak = whole(&format!("rhythm/peak_hz/{band}"));
        let prominence = whole(&format!("rhythm/prominence/{band}"));
        println!("{scene}: peak {peak} Hz, prominence {prominence}");
        assert_eq!(whole(columns::RHYTHMIC.name), 1.0, "{scene}");
        assert!((low..=high).contains(&peak) && prominence >= 4.0, "{scene}");
        let ablated = window(scene, SEED, &[ablation]);
        let prominence = ablated(&format!("rhythm/prominence/{band}"));
        println!("{scene} ablated: prominence {prominence}");
        assert_eq!(ablated(columns::RHYTHMIC.name), 0.0, "{scene}");
        assert!(prominence < 4.0, "{scene}");
    }
}

#[test]
fn theta_nests_gamma_and_each_ablation_loses_its_own_rhythm_and_the_coupling() {
    let scene = "scenes/rhythm_theta_gamma.ron";
    let whole = window(scene, SEED, &[]);
    assert_eq!(whole(columns::RHYTHMIC.name), 1.0);
    assert!((4.0..=8.0).contains(&whole("rhythm/peak_hz/theta")));
    assert!((30.0..=80.0).contains(&whole("rhythm/peak_hz/gamma")));
    let (index, p95) = (whole(columns::PAC.name), whole(columns::PAC_P95.name));
    println!("coupled: index {index}, surrogates' 95th percentile {p95}");
    assert!(index > p95);

    let no_theta = window(
        scene,
        SEED,
        &[(
            "regions[0].model",
            "Poisson((rate_hz: 20.0, rhythm: Some((frequency_hz: 6.0, depth: 0.0))))",
        )],
    );
    assert_eq!(no_theta(columns::RHYTHMIC.name), 0.0);
    assert!(no_theta("rhythm/prominence/theta") < 4.0);
    assert!(no_theta("rhythm/prominence/gamma") >= 4.0, "gamma stays");
    assert!(no_theta(columns::PAC.name) < no_theta(columns::PAC_P95.name) * 2.0);

    let no_gamma = window(scene, SEED, &[("projections[2].weight", "Constant(0.0)")]);
    assert_eq!(no_gamma(columns::RHYTHMIC.name), 0.0);
    assert!(no_gamma("rhythm/prominence/gamma") < 4.0);
    assert!(no_gamma("rhythm/prominence/theta") >= 4.0, "theta stays");
}

#[test]
fn a_rhythm_run_resumes_bit_for_bit_from_a_checkpoint_mid_window() {
    let dir = tempfile::tempdir().unwrap();
    common::assert_resumes_bit_for_bit(
        &common::root().join("scenes/rhythm_theta_gamma.ron"),
        3_001,
        9_000,
        &dir.path().join("mid.ckpt"),
    );
}
