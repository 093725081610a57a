//! Replaying an action file (`--actions FILE`): the actions in order, from the episode's
//! random start, every state written to a CSV table (`step,action,x,x_dot,theta,theta_dot`;
//! step 0 is the start, with no action) once the last action is taken, so the trajectory can be
//! held against any other implementation given the same start and actions. The replay takes
//! every action, past the limits too.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::gym::CartPoleState;

/// The action file to replay and where its states go (inserted by the command line).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct ActionReplay {
    /// The actions: `true` pushes right.
    pub actions: Vec<bool>,
    /// The CSV table the states are written to.
    pub states_csv: PathBuf,
}

/// A replay under way.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    actions: Vec<bool>,
    next: usize,
    rows: Vec<(Option<bool>, CartPoleState)>,
    states_csv: PathBuf,
    written: bool,
}

impl Replay {
    /// A replay of `replay`'s actions.
    pub fn new(replay: &ActionReplay) -> Self {
        Self {
            actions: replay.actions.clone(),
            next: 0,
            rows: Vec::new(),
            states_csv: replay.states_csv.clone(),
            written: false,
        }
    }

    /// The next action, if any is left.
    pub fn next_action(&mut self) -> Option<bool> {
        let action = self.actions.get(self.next).copied();
        self.next += 1;
        action
    }

    /// Whether every action is taken.
    pub fn finished(&self) -> bool {
        self.next >= self.actions.len()
    }

    /// Keeps a state, and the action that led to it.
    pub fn record(&mut self, action: Option<bool>, state: CartPoleState) {
        self.rows.push((action, state));
    }

    /// Writes the states once, when every action is taken: to a temporary file beside the
    /// table, then renamed over it. Returns the path written.
    pub fn write_when_finished(&mut self) -> std::io::Result<Option<&Path>> {
        if !self.finished() || self.written {
            return Ok(None);
        }
        let mut text = String::from("step,action,x,x_dot,theta,theta_dot\n");
        for (step, (action, s)) in self.rows.iter().enumerate() {
            let action = action.map_or(String::new(), |right| u8::from(right).to_string());
            text.push_str(&format!(
                "{step},{action},{},{},{},{}\n",
                s.x, s.x_dot, s.theta, s.theta_dot
            ));
        }
        if let Some(dir) = self
            .states_csv
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)?;
        }
        let partial = self.states_csv.with_extension("csv.partial");
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, &self.states_csv)?;
        self.written = true;
        Ok(Some(&self.states_csv))
    }
}
