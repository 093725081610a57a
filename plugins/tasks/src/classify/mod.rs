//! Classification: labelled images shown to a brain's examples port, an epoch at a time
//! (MNIST and any IDX pair, Iris and any CSV table).
//!
//! `task: Some(Classify((brain: "digits", train: (…), test: (…), validation: 0.1)))`. Each
//! simulation step shows one batch ([`epoch`]): the training rows in a new random order each
//! epoch, in the brain's mini-batches, learnt from; then the validation rows held out of the
//! training file and the test file, in `eval_batch`es, only scored. The epoch (an episode to
//! the core) ends with its last test batch: one metrics row per epoch with `--epochs`
//! ([`columns`]), `best.ckpt` at the highest validation accuracy, and `--eval` scores the test
//! file, or `--eval-data IMAGES LABELS`, with learning off.
//!
//! | module | what |
//! |---|---|
//! | [`idx`] | the IDX files MNIST ships in, gzipped or not |
//! | [`spec`] | the scene section |
//! | [`table_source`] | a CSV table instead: split by class, standardised |
//! | [`data`] | the loaded files and the validation split |
//! | [`epoch`] | an epoch's batches, step by step, and its scores |
//! | [`classifier`] | the task's component: the epoch, the history, the confusion matrix |
//! | [`columns`] | its metrics columns |
//! | [`systems`] | show a batch, score the answers, end the epoch, record |
//! | [`task`] | the `Classify` task |
//! | [`plugin`] | registration and the checkpoint section |

pub mod classifier;
pub mod columns;
pub mod data;
pub mod epoch;
pub mod idx;
pub mod plugin;
pub mod spec;
pub mod systems;
pub mod table_source;
pub mod task;
