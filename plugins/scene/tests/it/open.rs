//! The window's pickers: opening another scene or a checkpoint replaces the running scene;
//! a pick that cannot be opened is reported and the running scene goes on.

use std::path::PathBuf;

use bevy::prelude::*;
use neurarium_scene::open::open_requested;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;

use crate::common::{app, kinds};

fn shipped(scene: &str) -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
    .join("../../scenes")
    .join(scene)
}

/// An app running `scene`.
fn running(scene: &str) -> App {
    let mut app = app();
    let document = load_scene_file(&shipped(scene), kinds()).unwrap();
    apply_scene(app.world_mut(), &document, None, None);
    app
}

fn open(app: &mut App, what: Open) {
    app.world_mut().resource_mut::<OpenRequest>().0 = Some(what);
    open_requested(app.world_mut());
    assert!(
        app.world().resource::<OpenRequest>().0.is_none(),
        "the request is taken"
    );
}

fn running_path(app: &App) -> PathBuf {
    app.world().resource::<LoadedScene>().document.path.clone()
}

#[test]
fn a_picked_scene_replaces_the_running_one_and_is_watched() {
    let mut app = running("small_network.ron");
    let izhikevich = shipped("izhikevich_stdp.ron");
    open(&mut app, Open::Scene(izhikevich.clone()));
    assert_eq!(running_path(&app), izhikevich);
    assert_eq!(app.world().resource::<SceneWatch>().path, izhikevich);
    assert_eq!(app.world().resource::<OpenStatus>().error, None);
}

#[test]
fn a_pick_that_cannot_be_opened_is_reported_and_the_scene_goes_on() {
    let mut app = running("small_network.ron");
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Scene(dt_ms: -1.0)").unwrap();
    open(&mut app, Open::Scene(broken));
    let error = app.world().resource::<OpenStatus>().error.clone().unwrap();
    assert!(
        error.contains("broken.ron:1:") && error.contains("dt_ms"),
        "{error}"
    );
    assert_eq!(running_path(&app), shipped("small_network.ron"));

    open(&mut app, Open::Checkpoint(dir.path().join("missing.ckpt")));
    let error = app.world().resource::<OpenStatus>().error.clone().unwrap();
    assert!(error.contains("missing.ckpt"), "{error}");
    assert_eq!(running_path(&app), shipped("small_network.ron"));
}

#[test]
fn a_picked_checkpoint_brings_back_its_scene_and_state() {
    let mut app = running("small_network.ron");
    app.world_mut().resource_mut::<SimClock>().step = 1234;
    let dir = tempfile::tempdir().unwrap();
    let checkpoint = dir.path().join("runs/small/checkpoint.ckpt");
    std::fs::create_dir_all(checkpoint.parent().unwrap()).unwrap();
    save_checkpoint(app.world(), &checkpoint).unwrap();

    open(&mut app, Open::Scene(shipped("izhikevich_stdp.ron")));
    assert_eq!(app.world().resource::<SimClock>().step, 0);
    open(&mut app, Open::Checkpoint(checkpoint.clone()));
    assert_eq!(running_path(&app), shipped("small_network.ron"));
    assert_eq!(
        app.world().resource::<SimClock>().step,
        1234,
        "its state is restored"
    );
    let status = app.world().resource::<OpenStatus>();
    assert_eq!(
        (status.error.clone(), status.checkpoint.clone()),
        (None, Some(checkpoint.clone()))
    );
    assert!(
        app.world().get_resource::<SceneWatch>().is_none(),
        "a checkpoint's scene is its own"
    );

    let listed = checkpoint_files(&[dir.path().join("runs"), dir.path().join("assets")]);
    assert_eq!(listed, [checkpoint]);
}

#[test]
fn the_scene_picker_lists_every_shipped_scene() {
    let listed = scene_files(&shipped(""));
    let names: Vec<String> = listed
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let shipped_count = std::fs::read_dir(shipped("")).unwrap().count();
    assert_eq!(names.len(), shipped_count, "{names:?}");
    assert!(names.contains(&"car.ron".to_owned()), "{names:?}");
}
