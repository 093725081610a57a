//! A sweep as a Slurm job array: `neurarium sweep FILE --slurm N [--submit]` writes
//! `OUT/sweep.sbatch`, an array of `N` tasks each running `neurarium sweep FILE --shard
//! auto/N --jobs <its CPUs>` (the shard index from `SLURM_ARRAY_TASK_ID`), then a last job,
//! dependent on the array (`afterany`), running `--merge`. With `--submit` both are handed to
//! `sbatch` and their job ids printed.
//!
//! The script runs the same binary from the same working directory as the command that
//! wrote it, so every node must see both (a shared file system, as clusters have).

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::error::AppError;
use crate::sweep::spec::Sweep;

/// The array script's file name in the sweep's output directory.
pub const ARRAY_SCRIPT: &str = "sweep.sbatch";
/// The merge script's file name.
pub const MERGE_SCRIPT: &str = "merge.sbatch";

/// `text` quoted for a POSIX shell.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The job-array script for `tasks` shards of the sweep in `file`.
pub fn array_script(sweep: &Sweep, file: &Path, exe: &Path, cwd: &Path, tasks: usize) -> String {
    format!(
        "#!/bin/sh\n\
         #SBATCH --job-name=neurarium-{name}\n\
         #SBATCH --array=0-{last}\n\
         #SBATCH --output={out}/slurm-%A_%a.out\n\
         #SBATCH --cpus-per-task=1\n\
         cd {cwd} || exit 1\n\
         exec {exe} sweep {file} --shard auto/{tasks} --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\"\n",
        name = sweep.name,
        last = tasks - 1,
        out = sweep.out.display(),
        cwd = quoted(&cwd.display().to_string()),
        exe = quoted(&exe.display().to_string()),
        file = quoted(&file.display().to_string()),
    )
}

/// The merge script, run after the array.
pub fn merge_script(sweep: &Sweep, file: &Path, exe: &Path, cwd: &Path) -> String {
    format!(
        "#!/bin/sh\n\
         #SBATCH --job-name=neurarium-{name}-merge\n\
         #SBATCH --output={out}/slurm-merge-%j.out\n\
         cd {cwd} || exit 1\n\
         exec {exe} sweep {file} --merge\n",
        name = sweep.name,
        out = sweep.out.display(),
        cwd = quoted(&cwd.display().to_string()),
        exe = quoted(&exe.display().to_string()),
        file = quoted(&file.display().to_string()),
    )
}

/// Writes both scripts and, with `submit`, submits the array and the merge after it.
pub fn write_and_submit(
    sweep: &Sweep,
    file: &Path,
    exe: &Path,
    tasks: usize,
    submit: bool,
) -> Result<ExitCode, AppError> {
    if tasks == 0 {
        return Err(AppError::Usage(
            "--slurm N: N must be at least 1".to_owned(),
        ));
    }
    let cwd = std::env::current_dir().map_err(|source| AppError::Output {
        path: ".".into(),
        source,
    })?;
    let write = |name: &str, text: String| {
        let path = sweep.out.join(name);
        std::fs::write(&path, text).map_err(|source| AppError::Output {
            path: path.clone(),
            source,
        })?;
        Ok::<_, AppError>(path)
    };
    let array = write(ARRAY_SCRIPT, array_script(sweep, file, exe, &cwd, tasks))?;
    let merge = write(MERGE_SCRIPT, merge_script(sweep, file, exe, &cwd))?;
    println!("{}\n{}", array.display(), merge.display());
    if !submit {
        println!(
            "submit with: sbatch {} (then sbatch --dependency=afterany:<job id> {})",
            array.display(),
            merge.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let array_id = sbatch(&[array.display().to_string()])?;
    let merge_id = sbatch(&[
        format!("--dependency=afterany:{array_id}"),
        merge.display().to_string(),
    ])?;
    println!("submitted job array {array_id} ({tasks} tasks) and merge job {merge_id}");
    Ok(ExitCode::SUCCESS)
}

/// Runs `sbatch --parsable ARGS` and returns the job id.
fn sbatch(args: &[String]) -> Result<String, AppError> {
    let output = Command::new("sbatch")
        .arg("--parsable")
        .args(args)
        .output()
        .map_err(|e| {
            AppError::Usage(format!("cannot run sbatch (is Slurm installed here?): {e}"))
        })?;
    if !output.status.success() {
        return Err(AppError::Usage(format!(
            "sbatch {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.trim().split(';').next().unwrap_or("").to_owned())
}
