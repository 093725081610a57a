//! Bad scenes are refused before anything runs, naming file, line, column and field.

use std::path::Path;

use neurarium_scene::prelude::*;

use crate::common::{kinds, parse};

fn error_of(source: &str) -> SceneError {
    parse(source).expect_err("the scene is invalid")
}

fn assert_error(source: &str, line: usize, field: &str, needles: &[&str]) {
    let error = error_of(source);
    let message = error.to_string();
    assert_eq!(
        error.position().map(|p| p.0),
        Some(line),
        "line of: {message}"
    );
    assert_eq!(error.field(), Some(field), "field of: {message}");
    assert!(
        message.starts_with(&format!("scenes/test.ron:{line}:")),
        "{message}"
    );
    for needle in needles {
        assert!(message.contains(needle), "'{needle}' in: {message}");
    }
}

#[test]
fn an_empty_scene_is_valid_and_uses_the_defaults() {
    let document = parse_scene("Scene()", Path::new("x.ron"), kinds()).unwrap();
    assert_eq!(document.scene, SceneFile::default());
    let document = parse_scene("()", Path::new("x.ron"), kinds()).unwrap();
    assert_eq!(document.scene.dt_ms, 0.1);
}

#[test]
fn unknown_field_lists_the_valid_ones() {
    assert_error(
        "Scene(\n  name: \"x\",\n  sead: 3,\n)",
        3,
        "sead",
        &["`sead`", "`seed`", "`dt_ms`", "`regions`"],
    );
}

#[test]
fn unknown_field_deep_inside_a_region() {
    let source =
        "Scene(regions: [\n (name: \"a\"),\n (name: \"b\", model: Lif((tau_ms: 3.0))),\n])";
    assert_error(source, 3, "regions[1].model.Lif.tau_ms", &["`tau_m_ms`"]);
}

#[test]
fn wrong_type_names_the_field() {
    assert_error(
        "Scene(\n  seed: \"one\",\n)",
        2,
        "seed",
        &["found `\"one\"`", "expected a whole number"],
    );
}

#[test]
fn negative_size_is_rejected() {
    assert_error(
        "Scene(regions: [\n  (name: \"a\", size: -5),\n])",
        2,
        "regions[0].size",
        &["found `-5`", "whole number of 0 or more"],
    );
}

#[test]
fn zero_size_is_rejected() {
    assert_error(
        "Scene(regions: [\n  (name: \"a\", size: 0),\n])",
        2,
        "regions[0].size",
        &["at least 1"],
    );
}

#[test]
fn unknown_neuron_model_lists_the_models() {
    assert_error(
        "Scene(regions: [\n  (name: \"a\", model: Hodgkin(())),\n])",
        2,
        "regions[0].model",
        &["`Lif`", "`Poisson`"],
    );
}

#[test]
fn probability_above_one_is_rejected_at_its_line() {
    let source = r#"Scene(
    regions: [(name: "a", size: 3), (name: "b", size: 3)],
    projections: [
        (from: "a", to: "b"),
        (from: "b", to: "a",
         connectivity: FixedProbability(1.5)),
    ],
)"#;
    assert_error(
        source,
        6,
        "projections[1].connectivity",
        &["between 0 and 1", "1.5"],
    );
}

#[test]
fn projection_to_a_missing_region_names_the_regions_that_exist() {
    let source = r#"Scene(
    regions: [(name: "input", model: Poisson(())), (name: "cortex")],
    projections: [
        (from: "input", to: "cortx"),
    ],
)"#;
    assert_error(
        source,
        4,
        "projections[0].to",
        &["'cortx'", "input, cortex"],
    );
}

#[test]
fn threshold_below_reset_is_rejected() {
    let source = r#"Scene(
    regions: [
        (name: "a", model: Lif((
            v_reset_mv: -50.0,
            v_threshold_mv: -60.0,
        ))),
    ],
)"#;
    assert_error(
        source,
        5,
        "regions[0].model.Lif.v_threshold_mv",
        &["above v_reset_mv"],
    );
}

#[test]
fn negative_time_constant_and_dt_are_rejected() {
    assert_error("Scene(\n dt_ms: -0.1,\n)", 2, "dt_ms", &["positive"]);
    assert_error(
        "Scene(\n dt_ms: 1e300,\n)",
        2,
        "dt_ms",
        &["found 1e300", "at most 1000 ms"],
    );
    parse("Scene(dt_ms: 1000.0)").unwrap();
    assert_error(
        "Scene(regions: [(name: \"a\",\n model: Lif((tau_m_ms: 0.0)))])",
        2,
        "regions[0].model.Lif.tau_m_ms",
        &["positive"],
    );
}

#[test]
fn duplicate_region_names_point_at_the_second() {
    let source = "Scene(regions: [\n (name: \"a\"),\n (name: \"a\"),\n])";
    assert_error(source, 3, "regions[1].name", &["unique"]);
}

#[test]
fn poisson_sources_cannot_be_targets() {
    let source = "Scene(regions: [(name: \"p\", model: Poisson(())), (name: \"l\")],\n projections: [(from: \"l\",\n to: \"p\")])";
    assert_error(source, 3, "projections[0].to", &["Poisson source"]);
}

#[test]
fn dale_law_violations_name_the_projection_field() {
    let regions =
        "Scene(regions: [(name: \"exc\", dale: Some(Excitatory)), (name: \"l\")],\n projections: [";
    let wrong_receptor = format!("{regions}(from: \"exc\", to: \"l\",\n receptor: Inhibitory)])");
    assert_error(
        &wrong_receptor,
        3,
        "projections[0].receptor",
        &["Dale", "exc", "Inhibitory"],
    );
    let negative = format!("{regions}(from: \"exc\", to: \"l\",\n weight: Normal(1.0, 0.5))])");
    assert_error(&negative, 3, "projections[0].weight", &["can be negative"]);
    let plastic =
        format!("{regions}(from: \"exc\", to: \"l\",\n plasticity: Stdp((w_min: -1.0)))])");
    assert_error(&plastic, 3, "projections[0].plasticity", &["w_min = -1"]);
    let lawful = format!("{regions}(from: \"exc\", to: \"l\", weight: Uniform(0.0, 2.0))])");
    parse(&lawful).unwrap();
}

#[test]
fn a_missing_comma_points_at_the_end_of_the_value_it_should_follow() {
    let error = error_of("Scene(\n  name: \"x\"\n  seed: 1,\n)");
    assert_eq!(error.position(), Some((2, 12)), "{error}");
    assert!(
        error.to_string().contains("found `seed: 1` next"),
        "{error}"
    );
}

#[test]
fn missing_file_names_the_file() {
    let error = load_scene_file(Path::new("/nonexistent/scene.ron"), kinds()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/scene.ron: cannot read scene"),
        "{error}"
    );
}

#[test]
fn a_network_no_machine_can_hold_is_refused_before_allocation() {
    assert_error(
        "Scene(regions: [\n  (name: \"a\", size: 4000000000),\n])",
        2,
        "regions[0].size",
        &[
            "region 'a' (4,000,000,000 neurons) needs about 256.0 GB",
            "available",
        ],
    );
    assert_error(
        "Scene(regions: [(name: \"a\", size: 100000), (name: \"b\", size: 100000)],\n projections: [(from: \"a\", to: \"b\",\n connectivity: FixedProbability(0.5))])",
        3,
        "projections[0].connectivity",
        &["projection 0 'a' → 'b' (about 5,000,000,000 synapses)"],
    );
}
