//! Setting a field of scene text by its path: replaced where written, inserted where left at
//! its default, refused where the path runs through what the scene does not write.

use neurarium_scene::edit::set_field;

const SRC: &str = r#"Scene(
    seed: 1, // the seed
    regions: [(name: "a", size: 3, model: Lif((tau_m_ms: 20.0)))],
    projections: [(from: "a", to: "a", plasticity: RewardStdp((stdp: (a_plus: 0.01))))],
)"#;

#[test]
fn replaces_a_written_value_and_keeps_the_rest() {
    let edited = set_field(SRC, "regions[0].model.Lif.tau_m_ms", "10.0").unwrap();
    assert_eq!(edited, SRC.replace("tau_m_ms: 20.0", "tau_m_ms: 10.0"));
    let edited = set_field(SRC, "seed", "7").unwrap();
    assert!(edited.contains("seed: 7, // the seed"), "{edited}");
}

#[test]
fn inserts_a_field_left_at_its_default() {
    let edited = set_field(
        SRC,
        "projections[0].plasticity.RewardStdp.learning_rate",
        "0.02",
    )
    .unwrap();
    assert!(
        edited.contains("RewardStdp((learning_rate: 0.02, stdp: (a_plus: 0.01)))"),
        "{edited}"
    );
    let edited = set_field(SRC, "dt_ms", "1.0").unwrap();
    assert!(
        edited.starts_with("Scene(dt_ms: 1.0, \n    seed: 1"),
        "{edited}"
    );
}

#[test]
fn a_path_through_what_is_not_written_names_the_missing_part() {
    let error = set_field(SRC, "projections[0].plasticity.Stdp.a_plus", "0.1").unwrap_err();
    assert_eq!(error.missing, "projections[0].plasticity.Stdp");
    let error = set_field(SRC, "regions[3].size", "4").unwrap_err();
    assert_eq!(error.missing, "regions[3]");
    assert!(
        error
            .to_string()
            .contains("write `regions[3]` in the scene first")
    );
}
