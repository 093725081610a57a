//! The sweep file: which scene, which seeds, which settings to vary, how long to train, how
//! to evaluate and against which controls.
//!
//! ```ron
//! Sweep(
//!     scene: "../scenes/car.ron",          // relative to the sweep file
//!     seeds: Range(1, 10),                 // or List([1, 4, 9])
//!     grid: [
//!         (field: "projections[sensors->motor].plasticity.RewardStdp.learning_rate", values: [0.005, 0.01]),
//!     ],
//!     episodes: Some(300),                 // None: the scene's run.episodes
//!     evaluate: Some(50),                  // evaluation episodes after training; None: none
//!     controls: ["untrained", "fixed left"],
//! )
//! ```
//!
//! A grid field is a path as errors name it (`regions[2].size`,
//! `task.Car.reward.lane_keeping`), where a list element may also be named: a region by its
//! name (`regions[motor]`), a projection by its ends (`projections[sensors->motor]`). Each
//! value is RON text set at that path ([`neurarium_scene::edit`]); every configuration's scene
//! is parsed and validated before any run starts, and an error names the sweep file's line
//! and column of the value (or field) at fault.

use std::path::{Path, PathBuf};

use neurarium_scene::edit::set_field;
use neurarium_scene::locate::locate;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::{SceneKinds, TrainingUnit};
use neurarium_sim::protocol::section::{RonError, from_ron_probing, ron_error_code};
use ron::value::RawValue;
use serde::Deserialize;

/// The seeds of a sweep.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Seeds {
    /// `Range(1, 10)`: 1 to 10, both included.
    Range(u64, u64),
    /// `List([1, 4, 9])`.
    List(Vec<u64>),
}

impl Seeds {
    /// The seeds in order.
    pub fn all(&self) -> Vec<u64> {
        match self {
            Seeds::Range(first, last) => (*first..=*last).collect(),
            Seeds::List(seeds) => seeds.clone(),
        }
    }
}

/// One axis of the grid as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAxis<'a> {
    field: String,
    #[serde(borrow)]
    values: Vec<&'a RawValue>,
}

/// The sweep file as written.
#[derive(Debug, Deserialize)]
#[serde(rename = "Sweep", deny_unknown_fields)]
struct RawSweep<'a> {
    #[serde(default)]
    name: Option<String>,
    scene: PathBuf,
    seeds: Seeds,
    #[serde(default, borrow)]
    grid: Vec<RawAxis<'a>>,
    #[serde(default)]
    episodes: Option<u64>,
    #[serde(default)]
    evaluate: Option<u64>,
    #[serde(default)]
    controls: Vec<String>,
    #[serde(default)]
    out: Option<PathBuf>,
}

/// One setting of one configuration: the path (names resolved to indices) and the RON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The field as the sweep file writes it.
    pub written: String,
    /// The value's RON text.
    pub value: String,
}

/// A point of the grid: its settings and the scene they give.
#[derive(Debug, Clone)]
pub struct Configuration {
    /// 0-based, in grid order (the last axis varies fastest).
    pub id: usize,
    /// One setting per axis.
    pub settings: Vec<Setting>,
    /// The scene with the settings applied, validated.
    pub scene: SceneDocument,
}

/// A checked sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The sweep's name (the file's stem unless given).
    pub name: String,
    /// The sweep file.
    pub file: PathBuf,
    /// Every configuration of the grid (one without a grid).
    pub configurations: Vec<Configuration>,
    /// The seeds, each run for every configuration.
    pub seeds: Vec<u64>,
    /// Training episodes (or epochs); `None`: the scene's.
    pub episodes: Option<u64>,
    /// What the task trains in (episodes without a task).
    pub unit: TrainingUnit,
    /// The task's score column (the car: `car/return`), if the scene has a task.
    pub score: Option<&'static str>,
    /// Whether the task judges success (the car does; a classifier is scored instead).
    pub judges_success: bool,
    /// Evaluation episodes after training, if any.
    pub evaluate: Option<u64>,
    /// The task's controls to run beside the trained brain.
    pub controls: Vec<String>,
    /// Those of them that learn: trained from the same episodes, then evaluated.
    pub trained_controls: Vec<String>,
    /// The output directory.
    pub out: PathBuf,
}

/// Reads and checks the sweep file at `path` with the registered `kinds`.
pub fn read_sweep(path: &Path, kinds: &SceneKinds) -> Result<Sweep, SceneError> {
    let source = std::fs::read_to_string(path).map_err(|e| SceneError::Read {
        file: path.to_owned(),
        message: e.to_string(),
    })?;
    let at = |field: &str, message: String| {
        let (line, column) = locate(&source, field);
        SceneError::Invalid {
            file: path.to_owned(),
            line,
            column,
            field: Some(field.to_owned()),
            message,
        }
    };
    let raw: RawSweep = from_ron_probing(&source, &|probe| ron_error_code::<RawSweep>(probe))
        .map_err(|e: RonError| SceneError::Invalid {
            file: path.to_owned(),
            line: e.line,
            column: e.column,
            field: e.field,
            message: e.message,
        })?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let scene_path = folder.join(&raw.scene);
    let base = load_scene_file(&scene_path, kinds)
        .map_err(|e| at("scene", format!("the scene does not load: {e}")))?;
    let seeds = raw.seeds.all();
    if seeds.is_empty() {
        return Err(at("seeds", "no seeds: give at least one".to_owned()));
    }
    let task = base
        .scene
        .task
        .as_ref()
        .and_then(|task| kinds.task(task.kind()));
    if raw.evaluate.is_some() && task.is_none_or(|t| t.outcome().success.is_none()) {
        return Err(at(
            "evaluate",
            "the scene has no task that judges success, so there is nothing to evaluate".to_owned(),
        ));
    }
    let all_controls = task.map(|t| t.controls()).unwrap_or_default();
    let declared: Vec<&str> = all_controls.iter().map(|c| c.name).collect();
    let trained_controls = raw
        .controls
        .iter()
        .filter(|name| {
            all_controls
                .iter()
                .any(|c| c.trains && c.name == name.as_str())
        })
        .cloned()
        .collect();
    for (i, control) in raw.controls.iter().enumerate() {
        if !declared.contains(&control.as_str()) {
            let list: Vec<String> = declared.iter().map(|n| format!("'{n}'")).collect();
            return Err(at(
                &format!("controls[{i}]"),
                format!(
                    "'{control}' is not a control of the scene's task; its controls are {}",
                    if list.is_empty() {
                        "none".to_owned()
                    } else {
                        list.join(", ")
                    }
                ),
            ));
        }
    }
    let mut axes = Vec::new();
    for (i, axis) in raw.grid.iter().enumerate() {
        let field = resolve_names(&axis.field, &base.scene)
            .map_err(|message| at(&format!("grid[{i}].field"), message))?;
        if axis.values.is_empty() {
            return Err(at(&format!("grid[{i}].values"), "no values".to_owned()));
        }
        let values: Vec<String> = axis.values.iter().map(|v| v.get_ron().to_owned()).collect();
        axes.push((i, axis.field.clone(), field, values));
    }
    let mut configurations = Vec::new();
    for (id, choice) in grid_points(&axes.iter().map(|a| a.3.len()).collect::<Vec<_>>())
        .into_iter()
        .enumerate()
    {
        let mut text = base.source.clone();
        let mut settings = Vec::new();
        for ((axis, written, field, values), &pick) in axes.iter().zip(&choice) {
            let value = &values[pick];
            text = set_field(&text, field, value)
                .map_err(|e| at(&format!("grid[{axis}].field"), e.to_string()))?;
            settings.push(Setting {
                written: written.clone(),
                value: value.clone(),
            });
        }
        let scene = parse_scene(&text, &scene_path, kinds).map_err(|e| {
            // Blame the value of the first axis whose setting the error names.
            let blamed = axes
                .iter()
                .zip(&choice)
                .find(|((_, _, field, _), _)| {
                    e.field()
                        .is_some_and(|f| f.starts_with(field.as_str()) || field.starts_with(f))
                })
                .map_or_else(
                    || "grid".to_owned(),
                    |((axis, ..), pick)| format!("grid[{axis}].values[{pick}]"),
                );
            at(&blamed, format!("this value gives an invalid scene: {e}"))
        })?;
        configurations.push(Configuration {
            id,
            settings,
            scene,
        });
    }
    let name = raw.name.unwrap_or_else(|| {
        path.file_stem()
            .map_or("sweep".to_owned(), |s| s.to_string_lossy().into_owned())
    });
    let out = raw
        .out
        .unwrap_or_else(|| PathBuf::from("runs").join("sweeps").join(&name));
    Ok(Sweep {
        name,
        file: path.to_owned(),
        configurations,
        seeds,
        episodes: raw.episodes,
        unit: task.map_or(TrainingUnit::Episode, |t| t.unit),
        score: task.map(|t| t.outcome().score.name),
        judges_success: task.is_some_and(|t| t.outcome().success.is_some()),
        evaluate: raw.evaluate,
        controls: raw.controls,
        trained_controls,
        out,
    })
}

/// Every combination of one index per axis, the last axis varying fastest; one empty
/// combination without axes.
fn grid_points(sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut points = vec![Vec::new()];
    for &size in sizes {
        points = points
            .into_iter()
            .flat_map(|point| {
                (0..size).map(move |i| {
                    let mut next = point.clone();
                    next.push(i);
                    next
                })
            })
            .collect();
    }
    points
}

/// `path` with named list elements replaced by their indices: `regions[motor]` by the index
/// of the region named `motor`, `projections[sensors->motor]` by that of the projection from
/// `sensors` to `motor`.
pub fn resolve_names(path: &str, scene: &SceneFile) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let close = rest[open..]
            .find(']')
            .map(|c| open + c)
            .ok_or_else(|| format!("`{path}`: a `[` is not closed"))?;
        let list = rest[..open].rsplit('.').next().unwrap_or("");
        let key = rest[open + 1..close].trim();
        out.push_str(&rest[..=open]);
        if key.parse::<usize>().is_ok() {
            out.push_str(key);
        } else {
            out.push_str(&index_of(list, key, scene)?.to_string());
        }
        out.push(']');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The index of the element of `list` that `key` names.
fn index_of(list: &str, key: &str, scene: &SceneFile) -> Result<usize, String> {
    match list {
        "regions" => scene
            .regions
            .iter()
            .position(|r| r.name == key)
            .ok_or_else(|| {
                let names: Vec<&str> = scene.regions.iter().map(|r| r.name.as_str()).collect();
                format!("no region named '{key}' (regions: {})", names.join(", "))
            }),
        "projections" => {
            let (from, to) = key
                .split_once("->")
                .map(|(f, t)| (f.trim(), t.trim()))
                .ok_or_else(|| {
                    format!("name a projection by its ends, `projections[from->to]`, not `{key}`")
                })?;
            let matching: Vec<usize> = scene
                .projections
                .iter()
                .enumerate()
                .filter(|(_, p)| p.from == from && p.to == to)
                .map(|(i, _)| i)
                .collect();
            match matching.as_slice() {
                [index] => Ok(*index),
                [] => Err(format!("no projection from '{from}' to '{to}'")),
                _ => Err(format!(
                    "{} projections go from '{from}' to '{to}' (indices {matching:?}): name one by index",
                    matching.len()
                )),
            }
        }
        _ => Err(format!(
            "`{list}[{key}]`: only regions and projections can be named; give an index"
        )),
    }
}
