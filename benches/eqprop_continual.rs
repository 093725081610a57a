//! Learning the digits in tasks, with and without replay of the network's own dreams: 0–4 then
//! 5–9, and five tasks of two digits. For each seed prints the accuracy on the old digits (the
//! tasks before the last) right after each was learnt, after the last task without replay, and
//! after it with replay, and the share of the lost accuracy that replay wins back.
//!
//! ```sh
//! cargo bench --no-default-features --bench eqprop_continual -- [--seeds 1,2,3] [--epochs 3] [--per-class 100] [--spec 'RON TrainingSpec'] [--faint] [--from-new] [--dream-steps 100] [--hidden [--replay-rate R]] [--mask-old] [--freeze-first [--first-rate R]] [--sleep R] [--distil [--replay-batches K]] [--split 0|1]
//! ```
//! `--hidden` replays at the hidden layer instead (latent replay: the hidden states a clamped
//! output holds, teaching the top layer alone after each new batch, at `--replay-rate`).
//! `--mask-old` leaves the old classes' outputs free when a new digit is nudged (both arms);
//! `--freeze-first` stops the first layer learning after the first task (both arms);
//! `--sleep R` adds a sleep step after every batch (both arms), teaching the dreams the data.
//! `--distil` rehearses dreams answered by the network itself ([`AnsweredDreams`],
//! `neurarium_energy::rehearsal`) after each new batch, `--replay-batches K` batches of them
//! (default 1); `--first-rate R` is the first layer's rate after the first task under
//! `--freeze-first` (default 0); `--split 0|1` runs one split only. The recipe (tuned on seed
//! 1; on seeds 2–7 it wins back a median 74% of the loss on 0–4/5–9 and 58% on five pairs):
//! `--distil --from-new --dream-steps 5 --per-class 700 --mask-old --replay-batches 20`.
//! `--faint` replays dreams without scaling them to full contrast, `--from-new` starts each
//! dream from a digit of the new task instead of noise, `--dream-steps` sets the dreams'
//! relaxation steps.
//! The default training spec adds weight decay 0.005 to Scellier & Bengio's settings: without
//! it the dreams are noise (the random part of the initial weights dominates what the input
//! layer receives) and replaying them teaches nothing.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;

use digits::{arg, samples};
use neurarium_energy::dream::DreamSettings;
use neurarium_energy::prelude::*;
use neurarium_energy::rehearsal::{AnsweredDreams, leave_old_outputs_free};
use neurarium_energy::replay::{dream_bank, dream_bank_from, hidden_dream_bank, replay_top_layer};
use rand::Rng;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

struct Outcome {
    /// Accuracy on the old digits, each task measured right after it was learnt.
    before: f32,
    /// Accuracy on the old digits after the last task.
    after: f32,
    /// Accuracy on all ten digits after the last task.
    all: f32,
}

/// Trains `tasks` in order; with `replay`, dreams of every earlier class join each later task.
#[allow(clippy::too_many_arguments)]
fn sequence(
    tasks: &[Vec<usize>],
    replay: bool,
    seed: u64,
    epochs: u32,
    per_class: usize,
    spec: &TrainingSpec,
    train: &Samples,
    test: &Samples,
) -> Outcome {
    let mut trainer = Trainer::new(&[784, 500, 10], spec.clone(), seed).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(seed + 7);
    let dreaming = DreamSettings {
        start_noise: 0.5,
        full_contrast: contrast(),
        steps: arg("--dream-steps").map_or(100, |n| n.parse().unwrap()),
        ..DreamSettings::default()
    };
    let mut learnt: Vec<usize> = Vec::new();
    let (mut right_before, mut counted) = (0.0f32, 0usize);
    for (k, task) in tasks.iter().enumerate() {
        let mut data = train.with_labels(task);
        if replay && distil() && !learnt.is_empty() {
            let starts = if from_new() {
                data.clone()
            } else {
                noise_like(&data, &mut rng)
            };
            let dreams = AnsweredDreams::dream(
                &mut trainer,
                &learnt,
                per_class,
                &starts,
                &dreaming,
                &mut rng,
            )
            .unwrap();
            train_with_rehearsal(
                &mut trainer,
                &data,
                Some(&dreams),
                &learnt,
                epochs,
                &mut rng,
            );
        } else if replay && hidden() && !learnt.is_empty() {
            train_with_hidden_replay(&mut trainer, &data, &learnt, per_class, epochs, &mut rng);
        } else if replay && !learnt.is_empty() {
            let dreams = if from_new() {
                dream_bank_from(&trainer.net, &learnt, per_class, &data, &dreaming, &mut rng)
                    .unwrap()
            } else {
                dream_bank(&trainer.net, &learnt, per_class, &dreaming, &mut rng).unwrap()
            };
            data = data.concat(&dreams).unwrap();
        }
        if !(replay && (hidden() || distil()) && !learnt.is_empty()) {
            if mask_old() && !learnt.is_empty() {
                train_with_rehearsal(&mut trainer, &data, None, &learnt, epochs, &mut rng);
            } else {
                for _ in 0..epochs {
                    if let Some(rate) = sleep_rate() {
                        train_with_sleep(&mut trainer, &data, rate, &mut rng);
                    } else {
                        trainer.train_epoch(&data).unwrap();
                    }
                }
            }
        }
        if k == 0 && freeze_first() {
            trainer.spec.rates[0] = arg("--first-rate").map_or(0.0, |r| r.parse().unwrap());
        }
        if k + 1 < tasks.len() {
            let own = test.with_labels(task);
            right_before += trainer.accuracy(&own).unwrap() * own.len() as f32;
            counted += own.len();
        }
        learnt.extend(task);
    }
    let old: Vec<usize> = tasks[..tasks.len() - 1].concat();
    Outcome {
        before: right_before / counted as f32,
        after: trainer.accuracy(&test.with_labels(&old)).unwrap(),
        all: trainer.accuracy(test).unwrap(),
    }
}

/// Latent replay (`--hidden`): before the task, `per_class` dreams of each learnt class taken
/// at the hidden layer; after each batch of the new task, one batch of them teaches the top
/// layer alone (hidden clamped, output nudged to the dreamt class), at `--replay-rate`
/// (default: the top layer's rate).
fn train_with_hidden_replay(
    trainer: &mut Trainer,
    data: &Samples,
    learnt: &[usize],
    per_class: usize,
    epochs: u32,
    rng: &mut ChaCha8Rng,
) {
    let dreaming = DreamSettings {
        start_noise: 0.5,
        ..DreamSettings::default()
    };
    let (bank, labels) =
        hidden_dream_bank(&trainer.net, learnt, per_class, &dreaming, rng).unwrap();
    let Learner::EqProp(settings) = trainer.spec.learner else {
        panic!("latent replay needs an EqProp learner");
    };
    let rate: f32 = arg("--replay-rate")
        .map_or(trainer.spec.rates[trainer.spec.rates.len() - 1], |r| {
            r.parse().unwrap()
        });
    let batch = trainer.spec.batch;
    for _ in 0..epochs {
        let mut order: Vec<usize> = (0..data.len()).collect();
        order.shuffle(rng);
        for rows in order.chunks(batch) {
            trainer
                .train_batch(data.batch(rows), &data.labels_of(rows))
                .unwrap();
            let picks: Vec<usize> = (0..batch)
                .map(|_| rng.random_range(0..labels.len()))
                .collect();
            let hidden = faer::Mat::from_fn(bank.nrows(), picks.len(), |i, j| bank[(i, picks[j])]);
            let picked: Vec<usize> = picks.iter().map(|&p| labels[p]).collect();
            replay_top_layer(&mut trainer.net, &hidden, &picked, &settings, rate, rng).unwrap();
        }
        trainer.epoch += 1;
    }
}

/// The new task's `epochs` in batches. `--mask-old`: a sample of the new task nudges only the
/// outputs of the classes not learnt before ([`leave_old_outputs_free`]), so new digits do not
/// push the old ones' outputs to 0. `--distil`: `dreams` were answered by the network before
/// the new task ([`AnsweredDreams`]), and after each new batch `--replay-batches` batches of
/// them teach it to keep answering so.
fn train_with_rehearsal(
    trainer: &mut Trainer,
    data: &Samples,
    dreams: Option<&AnsweredDreams>,
    old: &[usize],
    epochs: u32,
    rng: &mut ChaCha8Rng,
) {
    let batch = trainer.spec.batch;
    for _ in 0..epochs {
        let mut order: Vec<usize> = (0..data.len()).collect();
        order.shuffle(rng);
        for rows in order.chunks(batch) {
            let mut relaxed = trainer
                .relax_batch(data.batch(rows), &data.labels_of(rows), true)
                .unwrap();
            if mask_old() {
                leave_old_outputs_free(&mut relaxed, old);
            }
            trainer.learn(relaxed, 1.0).unwrap();
            for dreams in dreams
                .iter()
                .flat_map(|d| std::iter::repeat_n(d, replay_batches()))
            {
                dreams.rehearse(trainer, rows.len(), rng).unwrap();
            }
        }
        trainer.epoch += 1;
    }
}

/// As many uniform-noise images (`0..0.5`) as `data` has, with its labels: dream starts that
/// carry nothing of the data (the control of `--distil` without `--from-new`).
fn noise_like(data: &Samples, rng: &mut ChaCha8Rng) -> Samples {
    let values = (0..data.len() * data.features())
        .map(|_| rng.random_range(0.0..0.5))
        .collect();
    Samples::from_rows(values, data.features(), data.labels.clone(), data.classes).unwrap()
}

/// `--replay-batches K`: batches of dreams after each new batch (default 1).
fn replay_batches() -> usize {
    arg("--replay-batches").map_or(1, |k| k.parse().unwrap())
}

/// `--distil`: see [`train_with_rehearsal`].
fn distil() -> bool {
    std::env::args().any(|a| a == "--distil")
}

/// `--sleep R`: after every training batch, a sleep step on it at rate `R`
/// ([`neurarium_energy::sleep`]): the network learns to dream its data.
fn sleep_rate() -> Option<f32> {
    arg("--sleep").map(|r| r.parse().unwrap())
}

/// One epoch of `data` with a sleep step after each batch.
fn train_with_sleep(trainer: &mut Trainer, data: &Samples, rate: f32, rng: &mut ChaCha8Rng) {
    let settings = DreamSettings::default();
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.shuffle(rng);
    for rows in order.chunks(trainer.spec.batch) {
        let (input, labels) = (data.batch(rows), data.labels_of(rows));
        trainer.train_batch(input.clone(), &labels).unwrap();
        neurarium_energy::sleep::sleep_step(&mut trainer.net, &input, &labels, &settings, rate)
            .unwrap();
    }
    trainer.epoch += 1;
}

/// `--freeze-first`: after the first task the first layer's weights stop learning (rate 0).
fn freeze_first() -> bool {
    std::env::args().any(|a| a == "--freeze-first")
}

/// `--mask-old`: see [`train_with_rehearsal`].
fn mask_old() -> bool {
    std::env::args().any(|a| a == "--mask-old")
}

/// `--hidden` replays dreams at the hidden layer instead of the input (latent replay).
fn hidden() -> bool {
    std::env::args().any(|a| a == "--hidden")
}

/// `--faint` replays the dreams as they come out, without scaling them to full contrast.
fn contrast() -> bool {
    !std::env::args().any(|a| a == "--faint")
}

/// `--from-new` starts each dream from a digit of the new task instead of noise.
fn from_new() -> bool {
    std::env::args().any(|a| a == "--from-new")
}

fn main() {
    let seeds: Vec<u64> = arg("--seeds").map_or(vec![1, 2, 3], |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let epochs: u32 = arg("--epochs").map_or(3, |e| e.parse().unwrap());
    let per_class: usize = arg("--per-class").map_or(100, |e| e.parse().unwrap());
    let spec: TrainingSpec = arg("--spec").map_or_else(
        || TrainingSpec {
            weight_decay: 0.005,
            ..TrainingSpec::default()
        },
        |s| ron::from_str(&s).unwrap(),
    );
    let (train, test) = (samples("train"), samples("test"));
    let splits: [(&str, Vec<Vec<usize>>); 2] = [
        ("0-4, 5-9", vec![(0..5).collect(), (5..10).collect()]),
        (
            "five pairs",
            (0..5).map(|t| vec![2 * t, 2 * t + 1]).collect(),
        ),
    ];
    println!(
        "EqProp 784-500-10, {epochs} epochs per task, {per_class} dreams per old class, seeds {seeds:?}"
    );
    println!("spec {}", ron::to_string(&spec).unwrap());
    let only: Option<usize> = arg("--split").map(|s| s.parse().unwrap());
    for (k, (name, tasks)) in splits.iter().enumerate() {
        if only.is_some_and(|o| o != k) {
            continue;
        }
        println!(
            "{name}: seed  old-before  old-after(no replay)  old-after(replay)  won-back  all(no replay)  all(replay)"
        );
        let mut won = Vec::new();
        for &seed in &seeds {
            let plain = sequence(tasks, false, seed, epochs, per_class, &spec, &train, &test);
            let replayed = sequence(tasks, true, seed, epochs, per_class, &spec, &train, &test);
            let lost = plain.before - plain.after;
            let won_back = (replayed.after - plain.after) / lost.max(1e-6);
            won.push(won_back);
            println!(
                "  {seed:4}  {:9.1}%  {:19.1}%  {:16.1}%  {:7.0}%  {:13.1}%  {:10.1}%",
                100.0 * plain.before,
                100.0 * plain.after,
                100.0 * replayed.after,
                100.0 * won_back,
                100.0 * plain.all,
                100.0 * replayed.all
            );
        }
        won.sort_by(f32::total_cmp);
        println!(
            "  median share of the lost old-digit accuracy won back by replay: {:.0}%",
            100.0 * won[won.len() / 2]
        );
    }
}
