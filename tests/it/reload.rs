//! Hot reload as the window does it: a valid edit replaces the scene; a broken edit is
//! reported and the last good scene keeps running.

use std::time::Duration;

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_scene::prelude::*;
use neurarium_scene::reload::{POLL_INTERVAL, reload_changed_scene};
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::Region;

fn scene(size: u32) -> String {
    format!(
        r#"Scene(name: "size {size}", regions: [(name: "p", size: {size}, model: Poisson((rate_hz: 50.0)))])"#
    )
}

fn region_sizes(app: &mut App) -> Vec<u32> {
    let world = app.world_mut();
    world
        .query::<&Region>()
        .iter(world)
        .map(|r| r.size)
        .collect()
}

fn edit(path: &std::path::Path, text: &str) {
    // Let the poll interval pass so the edit is seen on the next update.
    std::thread::sleep(POLL_INTERVAL + Duration::from_millis(50));
    std::fs::write(path, text).unwrap();
}

#[test]
fn edits_reload_and_broken_edits_keep_the_last_good_scene() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.ron");
    std::fs::write(&path, scene(5)).unwrap();

    // The headless app plus the window's watcher (the window adds it through ScenePlugin).
    let mut app = build_app(Mode::Headless);
    app.add_systems(
        Update,
        reload_changed_scene.before(neurarium_sim::clock::drive_simulation),
    );
    RunSetup::read(&path, true, None, None)
        .unwrap()
        .apply(&mut app)
        .unwrap();
    app.insert_resource(SceneWatch::new(path.clone(), None));
    finish_plugins(&mut app);
    app.update();
    assert_eq!(region_sizes(&mut app), vec![5]);

    edit(&path, &scene(9));
    app.update();
    assert_eq!(region_sizes(&mut app), vec![9]);
    assert_eq!(
        app.world().resource::<LoadedScene>().document.scene.name,
        "size 9"
    );
    assert_eq!(
        app.world().resource::<SimClock>().step,
        1000,
        "restarted from step 0"
    );

    edit(&path, "Scene(regions: [(name: \"p\", size: -1)])");
    app.update();
    let status = app.world().resource::<SceneReloadStatus>();
    let error = status
        .error
        .as_ref()
        .expect("the broken edit is reported")
        .to_string();
    assert!(
        error.contains("live.ron:1:") && error.contains("regions[0].size"),
        "{error}"
    );
    assert_eq!(status.reloads, 1);
    let before = app.world().resource::<SimClock>().step;
    app.update();
    assert_eq!(
        region_sizes(&mut app),
        vec![9],
        "the last good scene keeps running"
    );
    assert!(app.world().resource::<SimClock>().step > before);

    edit(&path, &scene(3));
    app.update();
    assert_eq!(region_sizes(&mut app), vec![3]);
    assert!(app.world().resource::<SceneReloadStatus>().error.is_none());
}
