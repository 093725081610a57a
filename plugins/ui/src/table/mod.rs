//! The table task's own panel: the row shown, accuracy per epoch and the confusion matrix
//! ([`view`]), registered for the table task by one line in [`crate::plugin`].

pub mod view;
