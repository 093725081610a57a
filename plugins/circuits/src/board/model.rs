//! What a board does with each line it receives, without the serial port: the protocol's
//! other end, over a simulated circuit ([`CoupledNetwork`] with the discrete rule). The board
//! emulator ([`crate::board::emulator`]) runs it behind a pseudo-terminal; tests call it
//! directly.
//!
//! Like the real board it powers on with every potentiometer at mid-scale (`steps / 2`, an
//! MCP4131's power-on wiper) and its counters at 0: a reset loses what was learnt unless the
//! host writes it back.

use crate::board::protocol::{
    Command, MAX_LINE, Reply, VERSION, read_command, reply_line, unframe,
};
use crate::coupled::{CoupledNetwork, Rule};
use crate::error::CircuitError;

/// A simulated board: its circuit, what the host set, its counters.
pub struct BoardModel {
    net: CoupledNetwork,
    steps: u32,
    inputs_mv: Vec<i32>,
    clamps_mv: Vec<i32>,
    ticks: u64,
    errors: u64,
    last_tick: Option<(u32, Reply)>,
}

fn volts(mv: &[i32]) -> Vec<f64> {
    mv.iter().map(|&v| f64::from(v) / 1000.0).collect()
}

/// Volts to the nearest millivolt (a floating output reads as 0).
fn millivolts(v: &[f64]) -> Vec<i32> {
    #[allow(clippy::cast_possible_truncation)]
    v.iter()
        .map(|&v| {
            if v.is_finite() {
                (v * 1000.0).round() as i32
            } else {
                0
            }
        })
        .collect()
}

impl BoardModel {
    /// A board whose circuit is `net` (which must use the discrete rule), just powered on.
    pub fn new(net: CoupledNetwork) -> Self {
        let steps = match net.learning.rule {
            Rule::Discrete { potentiometer, .. } => potentiometer.steps,
            Rule::Continuous { .. } => 0,
        };
        let mut board = Self {
            inputs_mv: vec![0; net.terminals.inputs.len()],
            clamps_mv: vec![0; net.terminals.outputs.len()],
            net,
            steps,
            ticks: 0,
            errors: 0,
            last_tick: None,
        };
        board.power_on();
        board
    }

    /// A board wired as `net` (its circuit, terminals and rule; none of its steps), just
    /// powered on: what a board built for a scene's network is.
    pub fn wired_as(net: &CoupledNetwork) -> Result<Self, CircuitError> {
        let twin =
            CoupledNetwork::new(net.circuit.clone(), net.terminals.clone(), net.learning, 0)?;
        Ok(Self::new(twin))
    }

    /// Power-on: every wiper at mid-scale, inputs and clamps at 0 V, counters at 0.
    pub fn power_on(&mut self) {
        let mid = self.steps / 2;
        let ids: Vec<usize> = (0..self.net.steps.len()).collect();
        for e in ids {
            self.set_step(e, mid);
        }
        self.inputs_mv.fill(0);
        self.clamps_mv.fill(0);
        self.ticks = 0;
        self.errors = 0;
        self.last_tick = None;
    }

    /// The line a board sends when it starts.
    pub fn boot_line() -> String {
        reply_line(0, &Reply::Boot { version: VERSION })
    }

    /// Every potentiometer's step.
    pub fn steps(&self) -> &[u32] {
        &self.net.steps
    }

    fn set_step(&mut self, edge: usize, step: u32) {
        if let Rule::Discrete { potentiometer, .. } = self.net.learning.rule {
            self.net.steps[edge] = step;
            self.net.conductance[edge] = potentiometer.conductance(step);
        }
    }

    /// The reply line to one received line (newline optional).
    pub fn answer_line(&mut self, line: &[u8]) -> String {
        let (id, reply) = match unframe(line) {
            Ok(body) => match read_command(body) {
                Ok((id, command)) => (id, self.answer(command)),
                Err((id, code, detail)) => (id, self.refuse(code, detail)),
            },
            Err(e) => {
                let code = if line.len() > MAX_LINE {
                    "LONG"
                } else {
                    "CHECKSUM"
                };
                (0, self.refuse(code, e.to_string()))
            }
        };
        reply_line(id, &reply)
    }

    fn refuse(&mut self, code: &str, detail: String) -> Reply {
        self.errors += 1;
        Reply::Error {
            code: code.to_owned(),
            detail,
        }
    }

    fn answer(&mut self, command: Command) -> Reply {
        let edges = self.net.steps.len();
        let outputs = self.clamps_mv.len();
        match command {
            Command::Hello => Reply::Hello {
                version: VERSION,
                edges: edges as u32,
                steps: self.steps,
                inputs: self.inputs_mv.len() as u32,
                outputs: outputs as u32,
            },
            Command::Set { edge, step } => {
                if edge as usize >= edges || step >= self.steps {
                    return self.refuse(
                        "RANGE",
                        format!(
                            "edge {edge} step {step}: {edges} edges of {} steps",
                            self.steps
                        ),
                    );
                }
                self.set_step(edge as usize, step);
                Reply::Set { edge, step }
            }
            Command::Steps => Reply::Steps(self.net.steps.clone()),
            Command::Inputs(mv) if mv.len() == self.inputs_mv.len() => {
                self.inputs_mv = mv;
                Reply::Inputs
            }
            Command::Clamp(mv) if mv.len() == outputs => {
                self.clamps_mv = mv;
                Reply::Clamp
            }
            Command::Inputs(mv) | Command::Clamp(mv) => self.refuse(
                "ARGS",
                format!(
                    "{} voltages for {} nodes",
                    mv.len(),
                    self.inputs_mv.len().max(outputs)
                ),
            ),
            Command::Read => match self.net.outputs(&volts(&self.inputs_mv)) {
                Ok(v) => Reply::Read(millivolts(&v)),
                Err(e) => self.refuse("RANGE", e.to_string()),
            },
            Command::Tick { seq, permille } => self.tick(seq, permille),
            Command::Status => Reply::Status {
                ticks: self.ticks,
                errors: self.errors,
            },
        }
    }

    /// A clock tick: both twins settle, each edge's comparators and XOR step its wiper.
    fn tick(&mut self, seq: u32, permille: u32) -> Reply {
        if let Some((last, reply)) = &self.last_tick
            && *last == seq
        {
            return reply.clone();
        }
        let before = self.net.steps.clone();
        self.net.learning.update_probability = f64::from(permille.min(1000)) / 1000.0;
        let settled = self
            .net
            .outputs(&volts(&self.inputs_mv))
            .and_then(|_| self.net.clamp_and_update(&volts(&self.clamps_mv)));
        if let Err(e) = settled {
            return self.refuse("RANGE", e.to_string());
        }
        let (mut inc, mut dec) = (Vec::new(), Vec::new());
        for (e, (&a, &b)) in before.iter().zip(&self.net.steps).enumerate() {
            if b > a {
                inc.push(e as u32);
            } else if b < a {
                dec.push(e as u32);
            }
        }
        self.ticks += 1;
        let reply = Reply::Tick { seq, inc, dec };
        self.last_tick = Some((seq, reply.clone()));
        reply
    }
}
