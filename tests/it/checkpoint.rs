//! Save → load → continue equals an uninterrupted run, on the real network; bad files and
//! mismatched scenes are refused with clear errors.

use crate::common;

use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_sim::prelude::*;

#[test]
fn save_load_continue_equals_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::root().join(common::SMALL_NETWORK);
    let checkpoint = dir.path().join("mid.ckpt");

    let mut uninterrupted = common::headless_app(&path, Some(3));
    common::run_steps(&mut uninterrupted, 6_000);

    let mut first = common::headless_app(&path, Some(3));
    common::run_steps(&mut first, 2_750);
    save_checkpoint(first.world(), &checkpoint).unwrap();
    drop(first);

    // Resume from the checkpoint alone: its scene and seed come from the file.
    let setup = RunSetup::read(&path, false, None, Some(&checkpoint)).unwrap();
    let mut resumed = build_app(Mode::Headless);
    setup.apply(&mut resumed).unwrap();
    finish_plugins(&mut resumed);
    assert_eq!(resumed.world().resource::<SimClock>().step, 2_750);
    common::run_steps(&mut resumed, 3_250);

    assert_eq!(
        common::metric_bits(&uninterrupted),
        common::metric_bits(&resumed)
    );
}

#[test]
fn checkpoint_of_another_scene_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let checkpoint = dir.path().join("a.ckpt");
    let mut app = common::headless_app(&common::root().join(common::SMALL_NETWORK), None);
    common::run_steps(&mut app, 10);
    save_checkpoint(app.world(), &checkpoint).unwrap();

    let other = dir.path().join("other.ron");
    std::fs::write(
        &other,
        r#"Scene(name: "other", regions: [(name: "a", size: 3, model: Poisson(()))])"#,
    )
    .unwrap();
    let setup = RunSetup::read(&other, true, None, Some(&checkpoint)).unwrap();
    let mut app = build_app(Mode::Headless);
    let error = setup.apply(&mut app).unwrap_err().to_string();
    assert!(error.contains("different scene"), "{error}");
}

#[test]
fn truncated_checkpoint_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let checkpoint = dir.path().join("t.ckpt");
    let mut app = common::headless_app(&common::root().join(common::SMALL_NETWORK), None);
    common::run_steps(&mut app, 10);
    save_checkpoint(app.world(), &checkpoint).unwrap();
    let bytes = std::fs::read(&checkpoint).unwrap();
    std::fs::write(&checkpoint, &bytes[..bytes.len() / 2]).unwrap();
    let error = RunSetup::read(&common::root(), false, None, Some(&checkpoint))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("truncated") && error.contains("t.ckpt"),
        "{error}"
    );
}
