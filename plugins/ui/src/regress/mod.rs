//! The regression task's panel: a resistor network's own panel when the brain is one, test R²
//! per epoch beside least squares', the RMSE per epoch, and the last test pass's predictions
//! against the truth. Registered for the `Regress` task by one line in [`crate::plugin`].

pub mod view;
