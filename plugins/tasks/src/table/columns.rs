//! The table task's metrics columns (one row per shown row, with one row per episode).

use neurarium_sim::prelude::Column;

/// The epoch.
pub const EPOCH: Column = Column {
    name: "table/epoch",
    unit: "1",
    description: "epochs completed (a training pass and a test pass each)",
};
/// Which pass.
pub const TESTING: Column = Column {
    name: "table/testing",
    unit: "1",
    description: "1 while the test rows are shown (no reward, nothing learnt), 0 for training rows",
};
/// The row's class.
pub const LABEL: Column = Column {
    name: "table/label",
    unit: "1",
    description: "the shown row's class",
};
/// The brain's answer.
pub const ANSWER: Column = Column {
    name: "table/answer",
    unit: "1",
    description: "the class the brain chose (-1: none yet, or no pool fired)",
};
/// Whether the answer was right.
pub const RIGHT: Column = Column {
    name: "table/right",
    unit: "1",
    description: "1 if the brain chose the row's class, else 0",
};
/// The accuracy of the pass so far.
pub const PASS_ACCURACY: Column = Column {
    name: "table/pass_accuracy",
    unit: "1",
    description: "right answers over rows shown so far in this pass (training or test; in --eval, the test rows so far)",
};
/// The last training pass's accuracy.
pub const TRAIN_ACCURACY: Column = Column {
    name: "table/train_accuracy",
    unit: "1",
    description: "accuracy over the last completed training pass (answers given while learning)",
};
/// The last test pass's accuracy.
pub const TEST_ACCURACY: Column = Column {
    name: "table/test_accuracy",
    unit: "1",
    description: "accuracy over the last completed test pass",
};

/// The last test pass's accuracy on the first task's classes.
pub const FIRST_ACCURACY: Column = Column {
    name: "table/first_accuracy",
    unit: "1",
    description: "with a sequence: accuracy over the last test pass's rows of the first task's classes",
};
/// The same on the second task's classes.
pub const THEN_ACCURACY: Column = Column {
    name: "table/then_accuracy",
    unit: "1",
    description: "with a sequence: accuracy over the last test pass's rows of the second task's classes",
};

/// Every column, in the order of the CSV.
pub const ALL: &[Column] = &[
    EPOCH,
    TESTING,
    LABEL,
    ANSWER,
    RIGHT,
    PASS_ACCURACY,
    TRAIN_ACCURACY,
    TEST_ACCURACY,
    FIRST_ACCURACY,
    THEN_ACCURACY,
];
