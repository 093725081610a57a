//! Tables: numeric features with a class per row, read from CSV (optionally gzipped), split
//! by class, the classical baseline a learning rule on them is held against, and the task that
//! shows their rows to a brain and rewards its answers.
//!
//! - [`csv`]: reading a table, refusing a malformed one with the file, line and column;
//! - [`numbers`]: reading a table of plain numbers (regression's);
//! - [`split`]: stratified training/test splits, and few-shot subsets of them;
//! - [`sequence`]: two tasks in turn (forgetting), with or without replay of the first's rows;
//! - [`standardise`]: z-scores of the features, fitted on the training rows;
//! - [`logistic`]: multinomial logistic regression (scikit-learn's defaults);
//! - [`spec`]: the task's scene section ([`TableTaskSpec`](spec::TableTaskSpec));
//! - [`presenter`]: which row is shown, epochs of a training and a test pass, feature scaling;
//! - [`columns`]: the metrics columns;
//! - [`systems`]: showing, answering, rewarding, recording;
//! - [`task`]: the table as a [`Task`](neurarium_sim::prelude::Task);
//! - [`checkpoint`]: the `table` checkpoint section;
//! - [`plugin`]: the task's plugin, [`TablePlugin`](plugin::TablePlugin).

pub mod checkpoint;
pub mod columns;
pub mod csv;
pub mod logistic;
pub mod numbers;
pub mod plugin;
pub mod presenter;
pub mod sequence;
pub mod spec;
pub mod split;
pub mod standardise;
pub mod systems;
pub mod task;
