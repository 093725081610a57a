//! The classification task's metrics columns (one row per epoch with `--epochs`).

use neurarium_sim::prelude::Column;

/// Training accuracy of the epoch so far, each batch scored before its update.
pub const TRAIN_ACCURACY: Column = Column {
    name: "classify/train_accuracy",
    unit: "1",
    description: "fraction of this epoch's training examples classified right, each batch before its update",
};
/// Validation accuracy of the epoch so far.
pub const VALIDATION_ACCURACY: Column = Column {
    name: "classify/validation_accuracy",
    unit: "1",
    description: "fraction of the validation examples (held out of the training file) classified right after the epoch's learning (the last epoch's until this one scores them)",
};
/// Test accuracy of the epoch so far.
pub const TEST_ACCURACY: Column = Column {
    name: "classify/test_accuracy",
    unit: "1",
    description: "fraction of the test file classified right after the epoch's learning (the last epoch's until this one scores it)",
};

/// Every column, in order.
pub const COLUMNS: [Column; 3] = [TRAIN_ACCURACY, VALIDATION_ACCURACY, TEST_ACCURACY];
