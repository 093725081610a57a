//! The `neurarium` binary: parses the command line and runs the window or a headless run.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use neurarium::app::RunSetup;
use neurarium::cli::{Cli, CliCommand};
use neurarium::error::AppError;
use neurarium::headless::{HeadlessRun, RunLength, interrupt_flag, run_headless};
use neurarium_cartpole::actions::read_actions;
use neurarium_cartpole::replay::ActionReplay;
use neurarium_cartpole::task::CartPoleTask;
use neurarium_sim::prelude::{Task, TrainingUnit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode, AppError> {
    if let Some(CliCommand::Sweep {
        file,
        jobs,
        shard,
        merge,
        slurm,
        submit,
    }) = &cli.command
    {
        let options = neurarium::sweep::SweepOptions {
            jobs: *jobs,
            shard: *shard,
            merge: *merge,
            slurm: *slurm,
            submit: *submit,
        };
        return neurarium::sweep::run_sweep(file, &options);
    }
    if let Some(CliCommand::BoardEmulator { scene, seed, port }) = &cli.command {
        return neurarium::board_emulator::run_board_emulator(scene, *seed, port);
    }
    if let (Some(seed), Some(flag)) = (cli.seed, cli.resume_flag()) {
        return Err(AppError::Usage(format!(
            "--seed {seed} with {flag}: a resumed run continues the checkpoint's random state, \
             so the seed would be ignored; drop --seed, or start a new run from the scene \
             (--scene PATH --seed {seed})"
        )));
    }
    let mut setup = RunSetup::read(
        &cli.scene_path(),
        cli.scene_given(),
        cli.seed,
        cli.load.as_deref().or(cli.eval.as_deref()),
    )?;
    let evaluate = cli.eval.is_some() || cli.evaluate;
    setup.learning_off = cli.learning_off || evaluate;
    setup.evaluate = evaluate;
    if !cli.eval_data.is_empty() && !evaluate {
        return Err(AppError::Usage(
            "--eval-data goes with --eval CHECKPOINT (or --evaluate)".to_owned(),
        ));
    }
    setup.eval_data = cli.eval_data.clone();
    if let Some(control) = &cli.control {
        setup.use_control(control)?;
    }
    if evaluate && !cli.no_render {
        return Err(AppError::Usage(format!(
            "{} runs headless: add --no-render",
            if cli.evaluate { "--evaluate" } else { "--eval" }
        )));
    }
    if cli.no_render {
        return headless(cli, setup);
    }
    window(cli, setup)
}

/// A headless run logs to stderr what the simulation reports: every warning, and the resistor
/// networks' lines (a board's link, damage); `RUST_LOG` overrides (the window has its own log).
fn log_to_stderr() {
    use bevy::log::tracing_subscriber::{EnvFilter, fmt};
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,neurarium_circuits=info"));
    let _ = fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

fn headless(cli: &Cli, setup: RunSetup) -> Result<ExitCode, AppError> {
    log_to_stderr();
    if !(cli.checkpoint_every.is_finite() && cli.checkpoint_every > 0.0) {
        return Err(AppError::Usage(format!(
            "--checkpoint-every must be a positive number of seconds, got {}",
            cli.checkpoint_every
        )));
    }
    let unit = setup.task().map_or(TrainingUnit::Episode, |task| task.unit);
    let length = match (cli.steps, cli.episodes, cli.epochs) {
        (Some(n), _, _) => RunLength::Steps(n),
        (None, Some(n), None) => RunLength::Episodes(n),
        (None, None, Some(n)) => RunLength::Episodes(n),
        _ => RunLength::Episodes(setup.scene.scene.run.episodes),
    };
    let asked = match (cli.episodes, cli.epochs) {
        (Some(_), _) => Some(TrainingUnit::Episode),
        (_, Some(_)) => Some(TrainingUnit::Epoch),
        _ => None,
    };
    if let Some(asked) = asked.filter(|&asked| asked != unit) {
        return Err(AppError::Usage(format!(
            "--{}: this scene's task trains in {}, so give --{}",
            asked.plural(),
            unit.plural(),
            unit.plural()
        )));
    }
    let out = cli.out.clone().unwrap_or_else(|| {
        let stem = setup
            .scene
            .path
            .file_stem()
            .map_or("run".into(), |s| s.to_string_lossy().into_owned());
        std::path::PathBuf::from("runs").join(stem)
    });
    let mut setup = setup;
    let mut length = length;
    if let Some(file) = &cli.actions {
        if setup.task().map(|t| t.name) != Some(CartPoleTask::NAME) {
            return Err(AppError::Usage(format!(
                "--actions replays a CartPole scene, and {} is not one",
                setup.scene.path.display()
            )));
        }
        let actions = read_actions(file).map_err(|e| AppError::Usage(format!("--actions: {e}")))?;
        setup.actions = Some(ActionReplay {
            actions,
            states_csv: out.join("states.csv"),
        });
        length = RunLength::Episodes(1);
    }
    let scene_name = setup.scene.scene.name.clone();
    let run = HeadlessRun {
        setup,
        length,
        out,
        checkpoint_every: Duration::from_secs_f64(cli.checkpoint_every),
        progress: true,
    };
    let summary = run_headless(&run, &interrupt_flag())?;
    let status = if summary.interrupted {
        "interrupted"
    } else {
        "finished"
    };
    if let Some(evaluation) = &summary.evaluation {
        println!("evaluation: {evaluation}");
    }
    println!(
        "{status}: '{scene_name}', {} steps, {} {} in {:.2} s: {:.0} steps/s, {:.1}× real time",
        summary.steps,
        summary.episodes,
        unit.plural(),
        summary.wall_seconds,
        summary.steps_per_second(),
        summary.real_time_factor()
    );
    if let Some(success) = &summary.success {
        println!(
            "success: {} of {} {} {} ({:.0}%){}",
            success.succeeded,
            success.units,
            unit.plural(),
            success.means,
            100.0 * success.rate(),
            if run.setup.learning_off {
                ", learning off"
            } else {
                ""
            }
        );
    }
    if let Some((column, value)) = summary.last_score {
        println!("{column} of the last {}: {value:.4}", unit.singular());
    }
    println!("metrics: {}", summary.metrics.display());
    println!("checkpoint: {}", summary.checkpoint.display());
    if let Some(best) = &summary.best_checkpoint {
        println!("best checkpoint: {}", best.display());
    }
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(feature = "window")]
fn window(cli: &Cli, setup: RunSetup) -> Result<ExitCode, AppError> {
    neurarium::window::run_window(cli, setup)
}

#[cfg(not(feature = "window"))]
fn window(_cli: &Cli, _setup: RunSetup) -> Result<ExitCode, AppError> {
    Err(AppError::Usage(
        "this build has no window (built without the `window` feature): use --no-render".to_owned(),
    ))
}
