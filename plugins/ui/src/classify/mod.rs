//! The classification task's panel, with what an energy network shows of itself: the current
//! digit and the answer, the layers' states, the energy during relaxation, accuracy per
//! epoch, the confusion matrix, the ten dreams, and a pad to draw a digit on. Registered for
//! the `Classify` task by one line in [`crate::plugin`].
//!
//! | module | what |
//! |---|---|
//! | [`view`] | the panel system and its layout |
//! | [`pictures`] | grey images, unit grids, answer bars and the confusion matrix, painted |
//! | [`pad`] | the drawing pad: a 28 × 28 canvas the mouse paints on |
//! | [`fields`] | a competitive layer's receptive fields, classes, thresholds and spikes |
//! | [`cache`] | what the panel computes from the network (dreams, traced relaxations), kept until the network changes |

pub mod cache;
pub mod fields;
pub mod pad;
pub mod pictures;
pub mod view;
