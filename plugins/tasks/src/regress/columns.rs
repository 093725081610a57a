//! The regression task's metrics columns (one row per epoch with `--epochs`).

use neurarium_sim::prelude::Column;

/// Training RMSE of the epoch so far.
pub const TRAIN_RMSE: Column = Column {
    name: "regress/train_rmse",
    unit: "target",
    description: "root mean squared error over this epoch's training rows, each answered before its update, in the targets' units",
};
/// Test RMSE.
pub const TEST_RMSE: Column = Column {
    name: "regress/test_rmse",
    unit: "target",
    description: "root mean squared error over the test rows after the epoch's learning, in the targets' units (the last epoch's until this one scores them all)",
};
/// Test R².
pub const TEST_R2: Column = Column {
    name: "regress/test_r2",
    unit: "1",
    description: "coefficient of determination 1 − Σ(ŷ − y)²/Σ(y − ȳ)² over the test rows after the epoch's learning, averaged over the targets (the last epoch's until this one scores them all)",
};
/// Least squares' test R² on the same split.
pub const LEAST_SQUARES_R2: Column = Column {
    name: "regress/least_squares_r2",
    unit: "1",
    description: "the test R² of ordinary least squares fitted to the same training rows: the baseline",
};

/// Every column, in order.
pub const COLUMNS: [Column; 4] = [TRAIN_RMSE, TEST_RMSE, TEST_R2, LEAST_SQUARES_R2];
