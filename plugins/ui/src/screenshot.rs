//! `--screenshot PATH`: after a delay, save the window to a PNG file and exit.
//!
//! Used by the CI window test (Xvfb, software Vulkan) and to make the README picture. The
//! capture waits at least [`MIN_FRAMES`] frames so the window surface and egui's layout exist;
//! the app exits once the file is written, or with an error if no capture arrived
//! [`GIVE_UP_AFTER_SECONDS`] after it was requested.

use std::path::PathBuf;

use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

/// Frames to wait before capturing.
pub const MIN_FRAMES: u32 = 10;
/// Seconds after the request with no capture before the app exits with an error.
pub const GIVE_UP_AFTER_SECONDS: f64 = 60.0;

/// A screenshot to take.
#[derive(Resource, Debug, Clone)]
pub struct ScreenshotRequest {
    /// The PNG file.
    pub path: PathBuf,
    /// Seconds of running before the capture.
    pub after_seconds: f64,
    requested_at: Option<f64>,
}

impl ScreenshotRequest {
    /// A capture of the primary window to `path` after `after_seconds`.
    pub fn new(path: PathBuf, after_seconds: f64) -> Self {
        Self {
            path,
            after_seconds,
            requested_at: None,
        }
    }
}

/// Requests the capture when due; the observer saves the PNG and exits the app.
pub fn take_requested_screenshot(
    mut commands: Commands,
    time: Res<Time<Real>>,
    frames: Res<FrameCount>,
    request: Option<ResMut<ScreenshotRequest>>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mut request) = request else {
        return;
    };
    let now = time.elapsed_secs_f64();
    if let Some(at) = request.requested_at {
        if now - at > GIVE_UP_AFTER_SECONDS {
            error!("no screenshot was captured within {GIVE_UP_AFTER_SECONDS} s");
            exit.write(AppExit::error());
        }
        return;
    }
    if frames.0 < MIN_FRAMES || now < request.after_seconds {
        return;
    }
    request.requested_at = Some(now);
    let path = request.path.clone();
    let mut save = save_to_disk(path.clone());
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            save(captured);
            if path.exists() {
                info!("screenshot saved to {}", path.display());
                exit.write(AppExit::Success);
            } else {
                error!("screenshot could not be written to {}", path.display());
                exit.write(AppExit::error());
            }
        },
    );
}
