//! The recall task's panel ([`view`]): the session's timeline with its sleep phase marked,
//! and for each pattern the cue, what came back and the original side by side, beside the
//! same for a random cue.

pub mod view;
