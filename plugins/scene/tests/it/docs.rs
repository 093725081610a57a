//! Every RON example in docs/scenes.md is a valid scene (or part of one): each snippet is
//! completed into a whole scene — regions it mentions are added as plain LIF regions, each
//! line of a `task:` snippet is a scene of its own — and must parse and validate.

use std::path::{Path, PathBuf};

use neurarium_scene::prelude::*;

fn ron_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```ron") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// Names after `from: "` and `to: "` in `text`.
fn mentioned_regions(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for key in ["from: \"", "to: \""] {
        for (start, _) in text.match_indices(key) {
            let rest = &text[start + key.len()..];
            let name = &rest[..rest.find('"').unwrap()];
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The scenes of a block: a block of `task:` lines holds one alternative per line, each
/// completed into its own scene; any other block is one scene.
fn complete_all(block: &str) -> Vec<String> {
    if block.trim_start().starts_with("task:") {
        block
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(complete)
            .collect()
    } else {
        vec![complete(block)]
    }
}

fn complete(block: &str) -> String {
    let trimmed = block.trim_start();
    let regions = |names: Vec<String>| {
        names
            .iter()
            .map(|n| format!("(name: \"{n}\", size: 20),"))
            .collect::<String>()
    };
    if trimmed.starts_with("Scene(") {
        block.to_owned()
    } else if trimmed.starts_with("model:") {
        let lines: String = block
            .lines()
            .enumerate()
            .map(|(i, line)| {
                format!(
                    "(name: \"r{i}\", size: 20, {}),",
                    line.trim().trim_end_matches(',')
                )
            })
            .collect();
        format!("Scene(regions: [{lines}])")
    } else if trimmed.starts_with("(name:") {
        format!("Scene(regions: [{block}])")
    } else if trimmed.starts_with("(from:") {
        format!(
            "Scene(regions: [{}], projections: [{block}])",
            regions(mentioned_regions(block))
        )
    } else if trimmed.starts_with("projections:") {
        format!(
            "Scene(regions: [{}], {block})",
            regions(mentioned_regions(block))
        )
    } else {
        format!("Scene({block})")
    }
}

#[test]
fn every_example_in_the_scene_reference_is_valid() {
    let docs = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
    .join("../../docs/scenes.md");
    let markdown = std::fs::read_to_string(&docs).unwrap();
    let blocks = ron_blocks(&markdown);
    assert!(blocks.len() >= 10, "found only {} examples", blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        for scene in complete_all(block) {
            if let Err(error) =
                parse_scene(&scene, Path::new("docs/scenes.md"), crate::common::kinds())
            {
                panic!("example {} is not valid: {error}\n{scene}", i + 1);
            }
        }
    }
}

/// Every field and every named choice a scene can write, found by tracing the spec types
/// with serde (the same derive that reads scenes), so a field added to a spec is found here.
/// A new task's or network kind's spec type joins the list traced below.
fn schema_names() -> Vec<String> {
    use neurarium_spiking::coding::decoder::ReadoutKind;
    use neurarium_spiking::coding::encoder::EncodingKind;
    use neurarium_spiking::models::NeuronModel;
    use neurarium_spiking::models::izhikevich::IzhikevichPattern;
    use neurarium_spiking::plasticity::Plasticity;
    use neurarium_spiking::plasticity::stdp::StdpRule;
    use neurarium_spiking::synapses::delay::Receptor;
    use neurarium_spiking::synapses::projection::{Connectivity, WeightInit};
    use neurarium_spiking::synapses::stp::ShortTermPlasticity;
    use neurarium_tasks::car::control::Controller;
    use neurarium_tasks::car::track::TrackSpec;
    use neurarium_tasks::episodic::rate_schedule::LearningRateSchedule;
    use serde_reflection::{ContainerFormat, Tracer, TracerConfig};
    let mut tracer = Tracer::new(TracerConfig::default());
    // Each enum is traced on its own so that every variant is visited, then the structs.
    macro_rules! trace {
        ($($t:ty),* $(,)?) => {
            $( tracer.trace_simple_type::<$t>().unwrap(); )*
        };
    }
    trace!(
        NeuronModel,
        IzhikevichPattern,
        StdpRule,
        EncodingKind,
        ReadoutKind,
        Connectivity,
        WeightInit,
        Receptor,
        neurarium_spiking::plasticity::modulators::Modulator,
        neurarium_spiking::plasticity::modulators::Effect,
        Plasticity,
        ShortTermPlasticity,
        Controller,
        TrackSpec,
        LearningRateSchedule,
        neurarium_scene::prelude::RunSettings,
        neurarium_spiking::prelude::RegionSpec,
        neurarium_spiking::prelude::ProjectionSpec,
        neurarium_tasks::prelude::CarTaskSpec,
        neurarium_energy::prelude::Learner,
        neurarium_energy::prelude::Nudging,
        neurarium_energy::prelude::OptimizerKind,
        neurarium_energy::prelude::Schedule,
        neurarium_energy::prelude::EnergyNetSpec,
        neurarium_tasks::classify::spec::ClassifySpec,
        neurarium_tasks::regress::spec::RegressSpec,
        neurarium_tasks::pavlov::spec::PavlovSpec,
        neurarium_cartpole::spec::CartPoleController,
        neurarium_cartpole::spec::CartPoleSpec,
        neurarium_circuits::coupled::Rule,
        neurarium_circuits::classify::Wiring,
        neurarium_circuits::brain::spec::Backend,
        neurarium_circuits::brain::spec::CircuitNetSpec,
    );
    let registry = tracer.registry().unwrap();
    let mut names = Vec::new();
    for container in registry.values() {
        match container {
            ContainerFormat::Struct(fields) => {
                names.extend(fields.iter().map(|f| f.name.clone()));
            }
            ContainerFormat::Enum(variants) => {
                names.extend(variants.values().map(|v| v.name.clone()));
            }
            _ => {}
        }
    }
    // The top level, as the parser lists it for an unknown field.
    let error = crate::common::parse("Scene(neurarium_probe: 0)").unwrap_err();
    let message = error.to_string();
    let listed = message.split_once("expected one of").unwrap().1;
    names.extend(listed.split('`').skip(1).step_by(2).map(str::to_owned));
    // The registered kinds, as scenes name them (`task: Some(Car(…))`); the spiking network
    // is the top level, never named.
    let kinds = crate::common::kinds();
    names.extend(kinds.tasks().iter().map(|t| t.name.to_owned()));
    names.extend(
        kinds
            .networks()
            .iter()
            .map(|n| n.name.to_owned())
            .filter(|n| {
                n != <neurarium_spiking::prelude::SpikingNetwork as neurarium_sim::prelude::NetworkKind>::NAME
            }),
    );
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_field_and_choice_of_the_schema_is_documented() {
    let docs = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
    .join("../../docs/scenes.md");
    let markdown = std::fs::read_to_string(&docs).unwrap();
    let names = schema_names();
    for expected in [
        "dt_ms",
        "poisson_input",
        "readout",
        "Lif",
        "FixedProbability",
        "Car",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} traced: {names:?}"
        );
    }
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| !markdown.contains(&format!("`{name}")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/scenes.md does not document {missing:?} (written as `name…`)"
    );
}
