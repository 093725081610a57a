//! The real serial code path ([`BoardLink`], `serialport` on a thread) against the board
//! emulator over a pseudo-terminal: the protocol works, and garbage bytes, bad checksums, a
//! timeout, the port vanishing and the board resetting each end in a clear event while
//! the link carries on, reconnects and writes the learnt steps back.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use std::path::Path;
use std::time::{Duration, Instant};

use neurarium_circuits::board::emulator::{Emulator, Fault};
use neurarium_circuits::board::link::{BoardLink, BoardSettings, BoardShape, LinkError, LinkEvent};
use neurarium_circuits::board::model::BoardModel;
use neurarium_circuits::board::protocol::{Command, Reply};
use neurarium_circuits::classify::{ClassifierShape, classifier_network};
use neurarium_circuits::coupled::{CoupledNetwork, Learning};

fn network() -> CoupledNetwork {
    let shape = ClassifierShape {
        hidden_nodes: 10,
        edges: 40,
        ..ClassifierShape::default()
    };
    classifier_network(2, 2, shape, Learning::default(), 7).unwrap()
}

const SHAPE: BoardShape = BoardShape {
    edges: 40,
    steps: 128,
    inputs: 6,
    outputs: 2,
};

fn settings(path: &Path) -> BoardSettings {
    BoardSettings {
        port: path.to_str().unwrap().to_owned(),
        timeout_ms: 150,
        retries: 3,
        reconnect_ms: 50,
        wait_ms: 5_000,
        ..BoardSettings::default()
    }
}

/// Waits until `link` reports an event `wanted` picks (returning every event seen).
fn wait_for(link: &BoardLink, wanted: impl Fn(&LinkEvent) -> bool) -> Vec<LinkEvent> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Ok(event) = link.events.recv_timeout(Duration::from_millis(50)) {
            let done = wanted(&event);
            seen.push(event);
            if done {
                return seen;
            }
        }
    }
    panic!("no such event; saw {seen:?}");
}

fn board_steps(link: &mut BoardLink) -> Vec<u32> {
    match link.call(Command::Steps).unwrap() {
        Reply::Steps(s) => s,
        other => panic!("{other:?}"),
    }
}

/// The first half of a learning step on the board: inputs, the free outputs, clamps a little
/// above them.
fn prepare(link: &mut BoardLink) {
    link.call(Command::Inputs(vec![800, -800, -300, 300, 1000, -1000]))
        .unwrap();
    let Reply::Read(free) = link.call(Command::Read).unwrap() else {
        panic!("READ");
    };
    let clamps = free.iter().map(|v| v + 20).collect();
    link.call(Command::Clamp(clamps)).unwrap();
}

/// One learning step on the board, clock tick `seq`.
fn learn_once(link: &mut BoardLink, seq: u32) -> Reply {
    prepare(link);
    link.call(Command::Tick {
        seq,
        permille: 1000,
    })
    .unwrap()
}

#[test]
fn the_link_writes_its_steps_and_follows_the_board_as_it_learns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board");
    let mut net = network();
    let emulator = Emulator::start(BoardModel::new(network()), &path).unwrap();
    let start = net.steps.clone();
    let mut link = BoardLink::open(settings(&path), SHAPE, start.clone());
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Connected(_)));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, LinkEvent::WroteBack(n) if *n > 30)),
        "{events:?}"
    );
    assert_eq!(
        board_steps(&mut link),
        start,
        "the host's steps are on the board"
    );

    // The board's outputs are the simulated network's, to the millivolt.
    let inputs = [0.8, -0.8, -0.3, 0.3, 1.0, -1.0];
    let simulated = net.outputs(&inputs).unwrap();
    link.call(Command::Inputs(vec![800, -800, -300, 300, 1000, -1000]))
        .unwrap();
    let Reply::Read(read) = link.call(Command::Read).unwrap() else {
        panic!("READ");
    };
    for (mv, v) in read.iter().zip(&simulated) {
        assert!(
            (f64::from(*mv) / 1000.0 - v).abs() <= 0.0005,
            "{read:?} vs {simulated:?}"
        );
    }
    let mut moved = 0;
    for seq in 1..=5 {
        let Reply::Tick { inc, dec, .. } = learn_once(&mut link, seq) else {
            panic!("TICK");
        };
        moved += inc.len() + dec.len();
    }
    assert!(moved > 0, "the ticks stepped some wipers");
    assert_eq!(
        link.steps(),
        board_steps(&mut link),
        "the host follows every step"
    );
    assert_ne!(link.steps(), start);
    drop(emulator);
}

#[test]
fn garbage_bad_checksums_and_lost_replies_are_reported_and_survived() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board");
    let emulator = Emulator::start(BoardModel::new(network()), &path).unwrap();
    let mut link = BoardLink::open(settings(&path), SHAPE, network().steps);
    wait_for(&link, |e| matches!(e, LinkEvent::Connected(_)));

    emulator.inject(Fault::Garbage(b"\x00\xffnoise\n".to_vec()));
    assert!(matches!(
        link.call(Command::Status).unwrap(),
        Reply::Status { .. }
    ));
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Trouble(_)));
    assert!(format!("{events:?}").contains("garbled line"), "{events:?}");

    emulator.inject(Fault::CorruptReply);
    assert!(matches!(
        link.call(Command::Status).unwrap(),
        Reply::Status { .. }
    ));
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Trouble(_)));
    assert!(format!("{events:?}").contains("checksum"), "{events:?}");

    // A tick whose reply is lost is sent again and answered, not ticked twice.
    prepare(&mut link);
    emulator.inject(Fault::Silent(1));
    link.call(Command::Tick {
        seq: 1,
        permille: 1000,
    })
    .unwrap();
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Trouble(_)));
    assert!(
        format!("{events:?}").contains("no reply to `TICK 1 1000` within 150 ms"),
        "{events:?}"
    );
    let Reply::Status { ticks, .. } = link.call(Command::Status).unwrap() else {
        panic!("STATUS");
    };
    assert_eq!(ticks, 1, "one tick, though it was sent twice");
    assert_eq!(link.steps(), board_steps(&mut link));

    // A command the board refuses comes back as an error naming it; the link goes on.
    let error = link.call(Command::Set { edge: 400, step: 1 }).unwrap_err();
    assert!(
        matches!(error, LinkError::Refused { .. }) && error.to_string().contains("SET 400 1"),
        "{error}"
    );
    assert!(matches!(
        link.call(Command::Hello).unwrap(),
        Reply::Hello { .. }
    ));
}

#[test]
fn a_vanished_port_and_a_reset_board_lose_nothing_learnt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board");
    let emulator = Emulator::start(BoardModel::new(network()), &path).unwrap();
    let mut link = BoardLink::open(settings(&path), SHAPE, network().steps);
    wait_for(&link, |e| matches!(e, LinkEvent::Connected(_)));
    for seq in 1..=3 {
        learn_once(&mut link, seq);
    }
    let learnt = link.steps();

    // The cable is pulled: the idle link notices, and calls fail at once (the window must not
    // freeze) while it reconnects. Plugged back in, the board boots with every wiper at
    // mid-scale; the link reconnects and writes the learnt steps back.
    emulator.inject(Fault::Vanish);
    wait_for(&link, |e| matches!(e, LinkEvent::Lost(_)));
    let error = link.call(Command::Status).unwrap_err();
    assert!(
        matches!(error, LinkError::NoReply { waited_ms: 0, .. }),
        "{error}"
    );
    emulator.inject(Fault::Return);
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Connected(_)));
    assert!(
        events.iter().any(|e| matches!(e, LinkEvent::WroteBack(_))),
        "{events:?}"
    );
    assert!(matches!(
        link.call(Command::Status),
        Ok(Reply::Status { ticks: 0, .. })
    ));
    assert_eq!(board_steps(&mut link), learnt, "nothing learnt was lost");

    // Away for longer than the simulation waits: the call says so, naming the port.
    emulator.inject(Fault::Vanish);
    std::thread::sleep(Duration::from_millis(100));
    let mut impatient = BoardLink::open(
        BoardSettings {
            wait_ms: 300,
            ..settings(&path)
        },
        SHAPE,
        learnt.clone(),
    );
    let error = impatient.call(Command::Status).unwrap_err();
    assert!(
        error.to_string().contains("no reply within 300 ms"),
        "{error}"
    );
    drop(impatient); // a port is opened by one link at a time
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Lost(_)));
    assert!(!events.is_empty(), "an idle link notices the port hang up");
    emulator.inject(Fault::Return);
    wait_for(&link, |e| matches!(e, LinkEvent::Connected(_)));

    // The board restarts on its own: BOOT, then the steps are written back.
    learn_once(&mut link, 4);
    let learnt = link.steps();
    emulator.inject(Fault::Reset);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(board_steps(&mut link), learnt);
    let events = wait_for(&link, |e| matches!(e, LinkEvent::WroteBack(_)));
    assert!(events.contains(&LinkEvent::Reset), "{events:?}");
}

#[test]
fn a_board_of_another_shape_is_refused_with_both_shapes_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board");
    let _emulator = Emulator::start(BoardModel::new(network()), &path).unwrap();
    let wrong = BoardShape { edges: 41, ..SHAPE };
    let link = BoardLink::open(settings(&path), wrong, vec![64; 41]);
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Lost(_)));
    let text = format!("{events:?}");
    assert!(
        text.contains("40 edges") && text.contains("41 edges"),
        "{text}"
    );
    // A port that is not there.
    let missing = dir.path().join("nothing");
    let link = BoardLink::open(settings(&missing), SHAPE, vec![64; 40]);
    let events = wait_for(&link, |e| matches!(e, LinkEvent::Lost(_)));
    assert!(format!("{events:?}").contains("cannot open"), "{events:?}");
}
