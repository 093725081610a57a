//! Parsing and validating a scene, before anything runs.
//!
//! Three kinds of error, all reported as [`SceneError::Invalid`] with file, line, column and
//! field:
//! 1. syntax and types (RON's own errors; the position is the parser's, the field path comes
//!    from `serde_path_to_error`), including unknown fields, which list the valid names;
//! 2. values out of range (a negative time constant, a probability above 1), checked by each
//!    parameter type's `validate`;
//! 3. cross-references (a projection to a region that does not exist, duplicate names),
//!    checked by `neurarium_spiking::check::check_network`; and the task (a track whose
//!    walls cross), checked by `neurarium_tasks`'s `TaskSpec::validate`.
//!
//! For kinds 2 and 3 the position is found with [`crate::locate`].

use std::path::{Path, PathBuf};

use neurarium_spiking::check::check_network;
use neurarium_spiking::error::{InvalidParam, SpikingError};

use crate::error::SceneError;
use crate::locate::locate;
use crate::schema::SceneFile;
use neurarium_tasks::prelude::TaskSpec;

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

/// Reads, parses and validates a scene file.
pub fn load_scene_file(path: &Path) -> Result<SceneDocument, SceneError> {
    let source = std::fs::read_to_string(path).map_err(|e| SceneError::Read {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    parse_scene(&source, path)
}

/// Parses and validates scene text; `path` is used in error messages.
pub fn parse_scene(source: &str, path: &Path) -> Result<SceneDocument, SceneError> {
    let scene = deserialize(source, path)?;
    validate(&scene).map_err(|(field, message)| {
        let (line, column) = locate(source, &field);
        SceneError::Invalid {
            file: path.to_owned(),
            line,
            column,
            field: Some(field),
            message,
        }
    })?;
    Ok(SceneDocument {
        path: path.to_owned(),
        source: source.to_owned(),
        scene,
    })
}

fn deserialize(source: &str, path: &Path) -> Result<SceneFile, SceneError> {
    let spanned = |e: ron::error::SpannedError, field: Option<String>| SceneError::Invalid {
        file: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        field,
        message: e.code.to_string(),
    };
    let mut deserializer = ron::Deserializer::from_str(source).map_err(|e| spanned(e, None))?;
    let scene = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let field = e.path().to_string();
        let field = (field != ".").then_some(field);
        let inner = e.into_inner();
        spanned(deserializer.span_error(inner), field)
    })?;
    deserializer
        .end()
        .map_err(|e| spanned(deserializer.span_error(e), None))?;
    Ok(scene)
}

/// Checks values and cross-references; the error is `(field path, message)`.
fn validate(scene: &SceneFile) -> Result<(), (String, String)> {
    let at = |prefix: String| move |e: InvalidParam| (format!("{prefix}.{}", e.field), e.message);
    InvalidParam::positive("dt_ms", scene.dt_ms).map_err(|e| (e.field, e.message))?;
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
    .map_err(at("run".to_owned()))?;
    for (i, region) in scene.regions.iter().enumerate() {
        region.validate().map_err(at(format!("regions[{i}]")))?;
    }
    for (i, projection) in scene.projections.iter().enumerate() {
        projection
            .validate()
            .map_err(at(format!("projections[{i}]")))?;
    }
    check_network(&scene.regions, &scene.projections)
        .map_err(|e| (network_error_field(scene, &e), e.to_string()))?;
    if let Some(task) = &scene.task {
        task.validate()
            .map_err(|e| (format!("task.{}", e.field), e.message))?;
        let TaskSpec::Car(car) = task;
        if let Some(brain) = &car.brain {
            brain
                .check(
                    &scene.regions,
                    car.sensors.angles_rad().len(),
                    car.controller,
                )
                .map_err(|e| (format!("task.Car.brain.{}", e.field), e.message))?;
        }
    }
    Ok(())
}

/// The field a cross-reference error is about.
fn network_error_field(scene: &SceneFile, error: &SpikingError) -> String {
    match error {
        SpikingError::UnknownRegion { index, name, .. } => {
            let end = if scene.projections[*index].from == *name {
                "from"
            } else {
                "to"
            };
            format!("projections[{index}].{end}")
        }
        SpikingError::DuplicateRegion(name) => {
            let second = scene
                .regions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.name == *name)
                .nth(1)
                .map_or(0, |(i, _)| i);
            format!("regions[{second}].name")
        }
        SpikingError::TargetCannotReceive { index, .. } => format!("projections[{index}].to"),
        SpikingError::NegativeConductance { index, .. } => format!("projections[{index}].weight"),
        SpikingError::DaleViolation { index, problem, .. } => {
            let field = if problem.contains("receptor") {
                "receptor"
            } else if problem.contains("plasticity") {
                "plasticity"
            } else {
                "weight"
            };
            format!("projections[{index}].{field}")
        }
        SpikingError::OneToOneSizeMismatch { index, .. }
        | SpikingError::LateralInhibitionSizeMismatch { index, .. }
        | SpikingError::InDegreeTooLarge { index, .. } => {
            format!("projections[{index}].connectivity")
        }
    }
}
