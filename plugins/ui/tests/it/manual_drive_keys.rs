//! "Drive by hand": the car view turns the arrow keys egui receives into the steering that
//! `ManualDrive` hands to the car (left +1, right −1, both or none 0), and leaves the
//! steering alone while manual drive is off. Runs the real panel in a headless egui context.

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_sim::prelude::*;
use neurarium_tasks::prelude::*;

/// The steering the car view sets with `keys` held down, manual drive `on`.
fn steering_with(keys: &[egui::Key], on: bool) -> f32 {
    let mut app = App::new();
    app.add_plugins((SimPlugin, TasksPlugin));
    let car = spawn_car_world(app.world_mut(), &CarTaskSpec::default(), 50.0).unwrap();
    let world = app.world_mut();
    let track = world.query::<&Track>().single(world).unwrap().clone();
    let entity = world.entity(car);
    let view = (
        entity.get::<Car>().unwrap(),
        entity.get::<CarState>().unwrap(),
        entity.get::<CarStatus>().unwrap(),
        entity.get::<RaySensors>().unwrap(),
    );
    let mut manual = ManualDrive { on, steering: 0.25 };
    let events = keys
        .iter()
        .map(|&key| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        })
        .collect();
    let input = egui::RawInput {
        events,
        ..egui::RawInput::default()
    };
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(input, |ui| {
        neurarium_ui::car::view::show(ui, &track, view, 0, &mut manual);
    });
    output.textures_delta.clear(); // no renderer to hand the font atlas to
    manual.steering
}

#[test]
fn arrow_keys_steer_only_while_driving_by_hand() {
    use egui::Key::{ArrowLeft, ArrowRight};
    assert_eq!(steering_with(&[ArrowLeft], true), 1.0);
    assert_eq!(steering_with(&[ArrowRight], true), -1.0);
    assert_eq!(steering_with(&[ArrowLeft, ArrowRight], true), 0.0);
    assert_eq!(steering_with(&[], true), 0.0);
    assert_eq!(steering_with(&[ArrowLeft], false), 0.25, "manual drive off");
}
