//! Regression: some numeric columns of a CSV table in, others out, an epoch at a time, against
//! ordinary least squares on the same split.
//!
//! `task: Some(Regress((brain: "circuit", file: "assets/data/iris.csv", features: Some([0, 1,
//! 2]), targets: [3])))`: Iris's petal width from its other three measurements. The rows are
//! split at random into training and test rows (`test_fraction`, drawn from `split_seed` or the
//! run's stream). Each feature is standardised on the training rows, `z = (x − mean) / sd`, and
//! each target scaled into `0..1` by the training rows' range, `t = (y − min) / (max − min)`:
//! the brain's answers `a` map back as `ŷ = min + a (max − min)`. Each simulation step shows one
//! batch: the training rows in a new random order in the brain's mini-batches, learnt from, then
//! the test rows in `eval_batch`es, only answered. The epoch (an episode to the core) ends with
//! its last test batch. Scores, in the targets' own units: the root mean squared error
//! `RMSE = √(Σ (ŷ − y)² / n)` over the training rows as they were learnt (each before its
//! update) and over the test rows, and the test rows' coefficient of determination
//! `R² = 1 − Σ (ŷ − y)² / Σ (y − ȳ)²` (`ȳ`: the test rows' mean; averaged over the targets), with
//! least squares' test R² on the same split beside it.
//!
//! | module | what |
//! |---|---|
//! | [`spec`] | the scene section |
//! | [`data`] | the table read, split, standardised and scaled |
//! | [`least_squares`] | the baseline: ordinary least squares on the training rows |
//! | [`regressor`] | the task's component: the epoch, its error sums, the finished epochs |
//! | [`columns`] | its metrics columns |
//! | [`systems`] | show a batch, score the answers, end the epoch, record |
//! | [`task`] | the `Regress` task |
//! | [`plugin`] | registration and the checkpoint section |

pub mod columns;
pub mod data;
pub mod least_squares;
pub mod plugin;
pub mod regressor;
pub mod spec;
pub mod systems;
pub mod task;
