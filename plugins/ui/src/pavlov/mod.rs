//! The conditioning task's own panel ([`view`]): the trial as a timeline (the tone, food, the
//! response window, now) and the response to the tone over the trials.

pub mod view;
