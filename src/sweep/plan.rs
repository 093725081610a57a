//! The runs of a sweep: every configuration × seed × arm (the trained brain, then each
//! control), each a separate process in its own directory.
//!
//! `OUT/c<configuration>/seed-<seed>/<arm>/` holds the run's exact scene (`scene.ron`), the
//! commands it ran (`commands.txt`), their output (`log.txt`), the training run (`train/`:
//! metrics, checkpoints, `summary.csv`) and the evaluation (`eval/`), and `done` once every
//! command succeeded (`error.txt` if one failed). No two runs share a directory.
//!
//! The trained arm trains (`--episodes`, or the scene's) and, with `evaluate`, evaluates its
//! last checkpoint as `--eval` does. A control runs as `--control NAME`: with `evaluate`, in
//! the evaluation setting with learning off (`--evaluate`), for the evaluation episodes;
//! without, for the training episodes.

use std::path::{Path, PathBuf};

use crate::sweep::spec::Sweep;

/// What a run is compared as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arm {
    /// The brain as the scene writes it, trained.
    Trained,
    /// One of the task's controls.
    Control(String),
}

impl Arm {
    /// The arm's name in tables and directories (`trained`, `fixed left`).
    pub fn name(&self) -> &str {
        match self {
            Arm::Trained => "trained",
            Arm::Control(name) => name,
        }
    }

    fn folder(&self) -> String {
        self.name().replace(' ', "-")
    }
}

/// One run of a sweep.
#[derive(Debug, Clone)]
pub struct Run {
    /// Its configuration's id.
    pub configuration: usize,
    /// Its seed.
    pub seed: u64,
    /// Trained or a control.
    pub arm: Arm,
    /// Its directory.
    pub dir: PathBuf,
}

impl Run {
    /// The scene file the run's commands read.
    pub fn scene(&self) -> PathBuf {
        self.dir.join("scene.ron")
    }

    /// The directory whose `summary.csv` holds the run's outcome: the evaluation's if there
    /// is one, else the training's.
    pub fn outcome_dir(&self, sweep: &Sweep) -> PathBuf {
        match (&self.arm, sweep.evaluate) {
            (_, Some(_)) => self.dir.join("eval"),
            (Arm::Trained, None) => self.dir.join("train"),
            (Arm::Control(_), None) => self.dir.join("control"),
        }
    }

    /// The command lines (arguments of the `neurarium` binary) the run executes in order.
    pub fn commands(&self, sweep: &Sweep) -> Vec<Vec<String>> {
        let path = |p: &Path| p.display().to_string();
        let mut base = vec![
            "--no-render".to_owned(),
            "--scene".to_owned(),
            path(&self.scene()),
            "--seed".to_owned(),
            self.seed.to_string(),
        ];
        let training = sweep
            .episodes
            .map(|n| vec![length_flag(sweep), n.to_string()])
            .unwrap_or_default();
        // A control runs with its change to the task; one that learns (trained_controls) is
        // trained and evaluated as the brain is, with that change both times.
        let (control, trains_first) = match &self.arm {
            Arm::Trained => (Vec::new(), true),
            Arm::Control(name) => (
                vec!["--control".to_owned(), name.clone()],
                sweep.evaluate.is_some() && sweep.trained_controls.contains(name),
            ),
        };
        base.extend(control.iter().cloned());
        if !trains_first {
            match sweep.evaluate {
                Some(episodes) => base.extend([
                    "--evaluate".to_owned(),
                    length_flag(sweep),
                    episodes.to_string(),
                ]),
                None => base.extend(training),
            }
            base.extend(["--out".to_owned(), path(&self.outcome_dir(sweep))]);
            return vec![base];
        }
        let train_dir = self.dir.join("train");
        let mut train = base;
        train.extend(training);
        train.extend(["--out".to_owned(), path(&train_dir)]);
        let mut commands = vec![train];
        if let Some(episodes) = sweep.evaluate {
            let mut eval = vec![
                "--no-render".to_owned(),
                "--eval".to_owned(),
                path(&train_dir.join("checkpoint.ckpt")),
                length_flag(sweep),
                episodes.to_string(),
                "--out".to_owned(),
                path(&self.dir.join("eval")),
            ];
            eval.extend(control);
            commands.push(eval);
        }
        commands
    }
}

/// `--episodes` or `--epochs`, as the sweep's task trains.
fn length_flag(sweep: &Sweep) -> String {
    format!("--{}", sweep.unit.plural())
}

/// Every run of `sweep`, configuration by configuration, seed by seed, the trained arm first.
pub fn runs(sweep: &Sweep) -> Vec<Run> {
    let arms: Vec<Arm> = std::iter::once(Arm::Trained)
        .chain(sweep.controls.iter().cloned().map(Arm::Control))
        .collect();
    let mut runs = Vec::new();
    for configuration in &sweep.configurations {
        for &seed in &sweep.seeds {
            for arm in &arms {
                runs.push(Run {
                    configuration: configuration.id,
                    seed,
                    arm: arm.clone(),
                    dir: sweep
                        .out
                        .join(format!("c{}", configuration.id))
                        .join(format!("seed-{seed}"))
                        .join(arm.folder()),
                });
            }
        }
    }
    runs
}
