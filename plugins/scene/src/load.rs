//! Parsing and validating a scene, before anything runs.
//!
//! Three kinds of error, all reported as [`SceneError::Invalid`] with file, line, column and
//! field:
//! 1. syntax and types (RON's own errors; the position is the parser's, the field path comes
//!    from `serde_path_to_error`), including unknown fields, which list the valid names, and
//!    unknown task or network kinds, which list the registered ones;
//! 2. values out of range (a negative time constant, a probability above 1), checked by each
//!    kind's `validate`;
//! 3. cross-references: within the spiking network (a projection to a region that does not
//!    exist), between brains (two ports with one name) and from the task to the brains' ports
//!    (a car whose `motor` is no winner-take-all readout).
//!
//! For kinds 2 and 3 the position is found with [`crate::locate`].

use std::path::{Path, PathBuf};

use neurarium_sim::prelude::NetworkKind;
use neurarium_sim::prelude::{BrainPorts, InvalidParam, PortDirection, SceneKinds, Section};
use neurarium_sim::protocol::section::{RonError, from_ron_probing, ron_error_code};
use neurarium_spiking::prelude::{SpikingNetwork, SpikingNetworkSpec};

use crate::error::SceneError;
use crate::locate::locate;
use crate::schema::{RawScene, SceneFile};
use crate::sections::{Owner, parse_section};

/// The longest simulation step a scene may ask for, ms (one second).
pub const MAX_DT_MS: f64 = 1000.0;

/// A parsed and validated scene, with the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneDocument {
    /// The file it was read from (or a label such as `<checkpoint>`).
    pub path: PathBuf,
    /// The RON text.
    pub source: String,
    /// The validated scene.
    pub scene: SceneFile,
}

/// Reads, parses and validates a scene file with the registered `kinds`.
pub fn load_scene_file(path: &Path, kinds: &SceneKinds) -> Result<SceneDocument, SceneError> {
    let source = std::fs::read_to_string(path).map_err(|e| SceneError::Read {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    parse_scene(&source, path, kinds)
}

/// Parses and validates scene text with the registered `kinds`; `path` is used in messages.
pub fn parse_scene(
    source: &str,
    path: &Path,
    kinds: &SceneKinds,
) -> Result<SceneDocument, SceneError> {
    let invalid = |e: RonError| SceneError::Invalid {
        file: path.to_owned(),
        line: e.line,
        column: e.column,
        field: e.field,
        message: e.message,
    };
    let raw: RawScene =
        from_ron_probing(source, &|probe| ron_error_code::<RawScene>(probe)).map_err(invalid)?;
    let networks = raw
        .networks
        .iter()
        .enumerate()
        .map(|(i, section)| {
            parse_section(
                source,
                section,
                &format!("networks[{i}]"),
                Owner::Network,
                kinds,
            )
        })
        .collect::<Result<Vec<Section>, RonError>>()
        .map_err(invalid)?;
    let task = raw
        .task
        .map(|section| parse_section(source, section, "task", Owner::Task, kinds))
        .transpose()
        .map_err(invalid)?;
    let scene = raw.into_scene(networks, task);
    validate(&scene, kinds).map_err(|e| {
        let (line, column) = locate(source, &e.field);
        SceneError::Invalid {
            file: path.to_owned(),
            line,
            column,
            field: Some(e.field),
            message: e.message,
        }
    })?;
    Ok(SceneDocument {
        path: path.to_owned(),
        source: source.to_owned(),
        scene,
    })
}

/// The scene's spiking network as the section of the spiking network kind.
pub fn spiking_section(scene: &SceneFile) -> Section {
    Section::new(
        SpikingNetwork::NAME,
        SpikingNetworkSpec {
            regions: scene.regions.clone(),
            projections: scene.projections.clone(),
        },
    )
}

/// Every network of the scene with the field path its errors start from: the spiking
/// network at the top level (its section is the scene's `regions` and `projections`, empty
/// or not), then `networks[i].Kind`.
pub fn networks_of(scene: &SceneFile) -> Vec<(String, Section)> {
    std::iter::once((String::new(), spiking_section(scene)))
        .chain(
            scene
                .networks
                .iter()
                .enumerate()
                .map(|(i, section)| (format!("networks[{i}].{}", section.kind()), section.clone())),
        )
        .collect()
}

/// `field` below `prefix` (the top level when `prefix` is empty).
fn below(prefix: &str, error: InvalidParam) -> InvalidParam {
    if prefix.is_empty() {
        error
    } else {
        error.within(prefix)
    }
}

/// Checks values and cross-references.
fn validate(scene: &SceneFile, kinds: &SceneKinds) -> Result<(), InvalidParam> {
    InvalidParam::positive("dt_ms", scene.dt_ms)?;
    InvalidParam::check(scene.dt_ms <= MAX_DT_MS, "dt_ms", || {
        format!(
            "found {:?}, expected at most {MAX_DT_MS} ms: a step is a slice of simulated time, \
             usually 0.1 to 1 ms for neurons and up to tens of ms for a world alone",
            scene.dt_ms
        )
    })?;
    InvalidParam::check(
        scene.run.steps_per_episode >= 1,
        "steps_per_episode",
        || "must be at least 1".to_owned(),
    )
    .and(InvalidParam::check(
        scene.run.record_every_steps >= 1,
        "record_every_steps",
        || "must be at least 1".to_owned(),
    ))
    .map_err(|e| e.within("run"))?;
    let mut ports = BrainPorts::default();
    let spiking_is_empty = scene.regions.is_empty() && scene.projections.is_empty();
    for (prefix, section) in networks_of(scene) {
        let Some(kind) = kinds.network(section.kind()) else {
            // Parsing found every listed kind: only the spiking network can be missing, and
            // an empty one is no network at all.
            InvalidParam::check(spiking_is_empty, "regions", || {
                "this build registers no spiking network kind".to_owned()
            })?;
            continue;
        };
        kind.validate(&section).map_err(|e| below(&prefix, e))?;
        for port in kind.ports(&section) {
            let taken = ports
                .ports
                .iter()
                .any(|p| p.name == port.name && p.direction == port.direction);
            InvalidParam::check(!taken, &prefix, || {
                let direction = match port.direction {
                    PortDirection::Input => "input",
                    PortDirection::Output => "output",
                    PortDirection::Examples => "examples",
                };
                format!(
                    "two brains offer an {direction} port named '{}'; port names must be unique",
                    port.name
                )
            })?;
            ports.ports.push(port);
        }
    }
    if let Some(task) = &scene.task {
        // Parsing found the task's entry, so it is registered.
        if let Some(entry) = kinds.task(task.kind()) {
            entry
                .validate(task, &ports)
                .map_err(|e| e.within(&format!("task.{}", task.kind())))?;
        }
    }
    Ok(())
}
