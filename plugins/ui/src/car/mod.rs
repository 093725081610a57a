//! The car's own panel: the track, the car and its rays ([`view`]), registered for the car
//! task by one line in [`crate::plugin`].

pub mod view;
