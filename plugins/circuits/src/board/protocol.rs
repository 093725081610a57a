//! The board's line protocol: ASCII lines, each with a checksum, one reply per command.
//!
//! A line is `BODY*CK\n`: `BODY` is words separated by single spaces, `CK` two upper-case hex
//! digits, the XOR of every byte of `BODY` (as NMEA 0183 does). A line longer than
//! [`MAX_LINE`] bytes, without `*CK`, with a checksum that does not match, or not ASCII is
//! refused whole ([`FrameError`]). Voltages are signed millivolts from the circuit's ground.
//!
//! Every command starts with its number `id` (a decimal the host counts up) and its reply
//! with the same number, so a reply that comes late, or twice, is never taken for another
//! command's: `7 READ*CK` is answered `7 OK READ 12 -40*CK`. A command sent again (its reply
//! was lost or garbled) keeps its number. Below, `id` is left out.
//!
//! | host sends | board replies | what |
//! |---|---|---|
//! | `HELLO` | `OK HELLO version edges steps inputs outputs` | who the board is |
//! | `SET e s` | `OK SET e s` | potentiometer `e` (both twins') to step `s` |
//! | `STEPS` | `OK STEPS s0 s1 …` | every potentiometer's step |
//! | `IN v1 v2 …` | `OK IN` | the input voltages (mV), in both twins |
//! | `READ` | `OK READ o1 o2 …` | the free twin's output voltages (mV) |
//! | `CLAMP c1 c2 …` | `OK CLAMP` | the clamped twin's output voltages (mV) |
//! | `TICK n p` | `OK TICK n INC DEC` | clock tick `n`: each edge, with chance `p`/1000, steps by the XOR of its comparators; `INC` and `DEC` are hex bitmaps of the edges that stepped up and down (edge `4k + j` is bit `j` of digit `k`). A repeated `n` is answered again, not ticked again |
//! | `STATUS` | `OK STATUS ticks errors` | ticks and refused lines since power-on |
//!
//! The board sends `BOOT version` (without a number) once when it starts (an Arduino Uno
//! restarts whenever the port is opened), and `ERR CODE detail` instead of `OK …` for a command
//! it refuses: `CHECKSUM`, `LONG`, `UNKNOWN` (command), `ARGS` (count or number), `RANGE` (an
//! edge or step past the end). A line refused before its number could be read is answered with
//! number 0.

/// The protocol's version, in `HELLO` and `BOOT`.
pub const VERSION: u32 = 1;

/// The longest line either side accepts, bytes, newline excluded.
pub const MAX_LINE: usize = 4096;

/// Why a line was refused before its words were read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// No `*CK` at the end.
    #[error("no checksum (a line ends `*CK`)")]
    NoChecksum,
    /// The checksum is not the XOR of the body.
    #[error("checksum {got} does not match the line's {expected:02X}")]
    BadChecksum {
        /// What the body sums to.
        expected: u8,
        /// What the line says.
        got: String,
    },
    /// Over [`MAX_LINE`] bytes.
    #[error("line of {0} bytes, longer than {MAX_LINE}")]
    TooLong(usize),
    /// Bytes that are not printable ASCII.
    #[error("bytes that are not printable ASCII")]
    NotText,
}

/// The XOR of `body`'s bytes.
pub fn checksum(body: &str) -> u8 {
    body.bytes().fold(0, |a, b| a ^ b)
}

/// `body` as a line: `BODY*CK\n`.
pub fn frame(body: &str) -> String {
    format!("{body}*{:02X}\n", checksum(body))
}

/// The body of a received line (its `\r\n` or `\n` already cut or not), checked.
pub fn unframe(line: &[u8]) -> Result<&str, FrameError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() > MAX_LINE {
        return Err(FrameError::TooLong(line.len()));
    }
    if !line.iter().all(|b| (0x20..0x7f).contains(b)) {
        return Err(FrameError::NotText);
    }
    let text = std::str::from_utf8(line).map_err(|_| FrameError::NotText)?;
    let (body, sum) = text.rsplit_once('*').ok_or(FrameError::NoChecksum)?;
    let expected = checksum(body);
    match u8::from_str_radix(sum, 16) {
        Ok(got) if sum.len() == 2 && got == expected => Ok(body),
        _ => Err(FrameError::BadChecksum {
            expected,
            got: sum.to_owned(),
        }),
    }
}

/// What the host asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Who are you.
    Hello,
    /// Potentiometer `edge` to `step`.
    Set {
        /// The edge.
        edge: u32,
        /// The step.
        step: u32,
    },
    /// Every step.
    Steps,
    /// Input voltages, mV.
    Inputs(Vec<i32>),
    /// The free outputs.
    Read,
    /// Clamped output voltages, mV.
    Clamp(Vec<i32>),
    /// A clock tick.
    Tick {
        /// The tick's number (a repeat is not ticked again).
        seq: u32,
        /// Each edge's chance of stepping, per mille.
        permille: u32,
    },
    /// Counters.
    Status,
}

/// What the board answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// `OK HELLO`.
    Hello {
        /// Protocol version.
        version: u32,
        /// Edges (potentiometer pairs).
        edges: u32,
        /// Steps per potentiometer.
        steps: u32,
        /// Input nodes.
        inputs: u32,
        /// Output nodes.
        outputs: u32,
    },
    /// `OK SET`.
    Set {
        /// The edge.
        edge: u32,
        /// Its step now.
        step: u32,
    },
    /// `OK STEPS`.
    Steps(Vec<u32>),
    /// `OK IN`.
    Inputs,
    /// `OK READ`: free outputs, mV.
    Read(Vec<i32>),
    /// `OK CLAMP`.
    Clamp,
    /// `OK TICK`.
    Tick {
        /// The tick's number.
        seq: u32,
        /// Edges whose step went up by one.
        inc: Vec<u32>,
        /// Edges whose step went down by one.
        dec: Vec<u32>,
    },
    /// `OK STATUS`.
    Status {
        /// Ticks since power-on.
        ticks: u64,
        /// Lines refused since power-on.
        errors: u64,
    },
    /// `ERR CODE detail`.
    Error {
        /// `CHECKSUM`, `LONG`, `UNKNOWN`, `ARGS` or `RANGE`.
        code: String,
        /// The board's words.
        detail: String,
    },
    /// `BOOT version`: the board (re)started.
    Boot {
        /// Protocol version.
        version: u32,
    },
}

fn join<T: ToString>(values: &[T]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn numbers<T: std::str::FromStr>(words: &[&str]) -> Result<Vec<T>, String> {
    words
        .iter()
        .map(|w| w.parse().map_err(|_| format!("`{w}` is not a number")))
        .collect()
}

fn exactly<const N: usize, T: std::str::FromStr + Copy + Default>(
    words: &[&str],
) -> Result<[T; N], String> {
    if words.len() != N {
        return Err(format!("takes {N} numbers, got {}", words.len()));
    }
    let parsed: Vec<T> = numbers(words)?;
    let mut out = [T::default(); N];
    out.copy_from_slice(&parsed);
    Ok(out)
}

/// Edges as a hex bitmap: edge `4k + j` is bit `j` of digit `k`; at least one digit.
pub fn bitmap(edges: &[u32]) -> String {
    let Some(&last) = edges.iter().max() else {
        return "0".to_owned();
    };
    let mut digits = vec![0u8; last as usize / 4 + 1];
    for &e in edges {
        digits[e as usize / 4] |= 1 << (e % 4);
    }
    digits
        .iter()
        .map(|&d| char::from_digit(u32::from(d), 16).map_or('0', |c| c.to_ascii_uppercase()))
        .collect()
}

/// The edges a hex bitmap sets.
pub fn edges_of(bitmap: &str) -> Result<Vec<u32>, String> {
    let mut edges = Vec::new();
    for (k, c) in bitmap.chars().enumerate() {
        let d = c
            .to_digit(16)
            .ok_or_else(|| format!("`{bitmap}` is not a hex bitmap"))?;
        for j in 0..4 {
            if d & (1 << j) != 0 {
                edges.push(4 * k as u32 + j);
            }
        }
    }
    Ok(edges)
}

/// The line carrying command number `id`.
pub fn command_line(id: u32, command: &Command) -> String {
    frame(&format!("{id} {}", command.body()))
}

/// The line answering command number `id` (`BOOT` carries none).
pub fn reply_line(id: u32, reply: &Reply) -> String {
    match reply {
        Reply::Boot { .. } => frame(&reply.body()),
        _ => frame(&format!("{id} {}", reply.body())),
    }
}

/// A command's number and the command; the error is `(id, code, detail)` for its `ERR`.
pub fn read_command(body: &str) -> Result<(u32, Command), (u32, &'static str, String)> {
    let (id, rest) = body.split_once(' ').unwrap_or((body, ""));
    let id: u32 = id
        .parse()
        .map_err(|_| (0, "ARGS", format!("`{id}` is not a command number")))?;
    Command::parse(rest)
        .map(|c| (id, c))
        .map_err(|(code, d)| (id, code, d))
}

/// A reply's number (`None` for `BOOT`) and the reply.
pub fn read_reply(body: &str) -> Result<(Option<u32>, Reply), String> {
    if body.starts_with("BOOT") {
        return Reply::parse(body).map(|r| (None, r));
    }
    let (id, rest) = body.split_once(' ').unwrap_or((body, ""));
    let id: u32 = id
        .parse()
        .map_err(|_| format!("`{body}`: no command number"))?;
    Reply::parse(rest).map(|r| (Some(id), r))
}

impl Command {
    /// The command's body.
    pub fn body(&self) -> String {
        match self {
            Command::Hello => "HELLO".to_owned(),
            Command::Set { edge, step } => format!("SET {edge} {step}"),
            Command::Steps => "STEPS".to_owned(),
            Command::Inputs(v) => format!("IN {}", join(v)),
            Command::Read => "READ".to_owned(),
            Command::Clamp(v) => format!("CLAMP {}", join(v)),
            Command::Tick { seq, permille } => format!("TICK {seq} {permille}"),
            Command::Status => "STATUS".to_owned(),
        }
    }

    /// Reads a body; the error is `(code, detail)` for `ERR`.
    pub fn parse(body: &str) -> Result<Self, (&'static str, String)> {
        let words: Vec<&str> = body.split(' ').collect();
        let args = &words[1..];
        let bad = |detail: String| ("ARGS", format!("{}: {detail}", words[0]));
        match words[0] {
            "HELLO" if args.is_empty() => Ok(Command::Hello),
            "STEPS" if args.is_empty() => Ok(Command::Steps),
            "READ" if args.is_empty() => Ok(Command::Read),
            "STATUS" if args.is_empty() => Ok(Command::Status),
            "SET" => exactly::<2, u32>(args)
                .map(|[edge, step]| Command::Set { edge, step })
                .map_err(bad),
            "TICK" => exactly::<2, u32>(args)
                .map(|[seq, permille]| Command::Tick { seq, permille })
                .map_err(bad),
            "IN" => numbers(args).map(Command::Inputs).map_err(bad),
            "CLAMP" => numbers(args).map(Command::Clamp).map_err(bad),
            "HELLO" | "STEPS" | "READ" | "STATUS" => Err(bad("takes no numbers".to_owned())),
            other => Err(("UNKNOWN", format!("no command `{other}`"))),
        }
    }
}

impl Reply {
    /// The reply's body.
    pub fn body(&self) -> String {
        match self {
            Reply::Hello {
                version,
                edges,
                steps,
                inputs,
                outputs,
            } => format!("OK HELLO {version} {edges} {steps} {inputs} {outputs}"),
            Reply::Set { edge, step } => format!("OK SET {edge} {step}"),
            Reply::Steps(s) => format!("OK STEPS {}", join(s)).trim_end().to_owned(),
            Reply::Inputs => "OK IN".to_owned(),
            Reply::Read(v) => format!("OK READ {}", join(v)).trim_end().to_owned(),
            Reply::Clamp => "OK CLAMP".to_owned(),
            Reply::Tick { seq, inc, dec } => {
                format!("OK TICK {seq} {} {}", bitmap(inc), bitmap(dec))
            }
            Reply::Status { ticks, errors } => format!("OK STATUS {ticks} {errors}"),
            Reply::Error { code, detail } => format!("ERR {code} {detail}"),
            Reply::Boot { version } => format!("BOOT {version}"),
        }
    }

    /// Reads a body.
    pub fn parse(body: &str) -> Result<Self, String> {
        let words: Vec<&str> = body.split(' ').collect();
        let what = |e: String| format!("`{body}`: {e}");
        match words.as_slice() {
            ["BOOT", v] => Ok(Reply::Boot {
                version: v.parse().map_err(|_| what("version".to_owned()))?,
            }),
            ["ERR", code, detail @ ..] => Ok(Reply::Error {
                code: (*code).to_owned(),
                detail: detail.join(" "),
            }),
            ["OK", "HELLO", rest @ ..] => exactly::<5, u32>(rest)
                .map(|[version, edges, steps, inputs, outputs]| Reply::Hello {
                    version,
                    edges,
                    steps,
                    inputs,
                    outputs,
                })
                .map_err(what),
            ["OK", "SET", rest @ ..] => exactly::<2, u32>(rest)
                .map(|[edge, step]| Reply::Set { edge, step })
                .map_err(what),
            ["OK", "STEPS", rest @ ..] => numbers(rest).map(Reply::Steps).map_err(what),
            ["OK", "IN"] => Ok(Reply::Inputs),
            ["OK", "READ", rest @ ..] => numbers(rest).map(Reply::Read).map_err(what),
            ["OK", "CLAMP"] => Ok(Reply::Clamp),
            ["OK", "TICK", seq, inc, dec] => Ok(Reply::Tick {
                seq: seq.parse().map_err(|_| what("tick number".to_owned()))?,
                inc: edges_of(inc).map_err(what)?,
                dec: edges_of(dec).map_err(what)?,
            }),
            ["OK", "STATUS", ticks, errors] => Ok(Reply::Status {
                ticks: ticks.parse().map_err(|_| what("ticks".to_owned()))?,
                errors: errors.parse().map_err(|_| what("errors".to_owned()))?,
            }),
            _ => Err(what("not a reply this protocol has".to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_carry_an_xor_checksum_and_bad_ones_are_refused() {
        let line = frame("SET 3 64");
        assert_eq!(line, format!("SET 3 64*{:02X}\n", checksum("SET 3 64")));
        assert_eq!(unframe(line.as_bytes()), Ok("SET 3 64"));
        let bad = unframe(b"SET 3 64*00\r\n").unwrap_err();
        assert!(bad.to_string().contains("checksum 00"), "{bad}");
        assert_eq!(unframe(b"SET 3 64"), Err(FrameError::NoChecksum));
        assert_eq!(unframe(b"\xff\x00*00"), Err(FrameError::NotText));
        assert!(matches!(
            unframe(&[b'A'; MAX_LINE + 1]),
            Err(FrameError::TooLong(_))
        ));
    }

    #[test]
    fn commands_and_replies_read_back_what_was_written() {
        let commands = [
            Command::Hello,
            Command::Set { edge: 7, step: 127 },
            Command::Steps,
            Command::Inputs(vec![1000, -1000, 0]),
            Command::Read,
            Command::Clamp(vec![-20, 35]),
            Command::Tick {
                seq: 9,
                permille: 300,
            },
            Command::Status,
        ];
        for c in commands {
            assert_eq!(Command::parse(&c.body()), Ok(c));
        }
        let replies = [
            Reply::Hello {
                version: 1,
                edges: 500,
                steps: 128,
                inputs: 10,
                outputs: 3,
            },
            Reply::Set { edge: 7, step: 127 },
            Reply::Steps(vec![0, 5, 127]),
            Reply::Inputs,
            Reply::Read(vec![-12, 40]),
            Reply::Clamp,
            Reply::Tick {
                seq: 9,
                inc: vec![0, 5, 13],
                dec: vec![],
            },
            Reply::Status {
                ticks: 3,
                errors: 1,
            },
            Reply::Error {
                code: "RANGE".to_owned(),
                detail: "edge 900 of 500".to_owned(),
            },
            Reply::Boot { version: 1 },
        ];
        for r in replies {
            assert_eq!(Reply::parse(&r.body()), Ok(r));
        }
        assert_eq!(bitmap(&[0, 5, 13]), "1202");
        assert_eq!(Command::parse("FLY 3").unwrap_err().0, "UNKNOWN");
        assert_eq!(Command::parse("SET 3").unwrap_err().0, "ARGS");
        assert_eq!(Command::parse("SET 3 x").unwrap_err().0, "ARGS");
        assert!(Reply::parse("OK TICK 3 G 0").is_err());
        let line = command_line(12, &Command::Read);
        let body = unframe(line.as_bytes()).unwrap();
        assert_eq!(read_command(body), Ok((12, Command::Read)));
        assert_eq!(read_command("x READ").unwrap_err().0, 0);
        let line = reply_line(12, &Reply::Read(vec![5]));
        assert_eq!(
            read_reply(unframe(line.as_bytes()).unwrap()),
            Ok((Some(12), Reply::Read(vec![5])))
        );
        let boot = reply_line(3, &Reply::Boot { version: 1 });
        assert_eq!(
            read_reply(unframe(boot.as_bytes()).unwrap()),
            Ok((None, Reply::Boot { version: 1 }))
        );
    }
}
