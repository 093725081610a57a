//! Classification tasks: labelled samples in, a class out (MNIST; Iris and CSV tables next).
//!
//! | module | what |
//! |---|---|
//! | [`idx`] | the IDX files MNIST ships in, gzipped or not |

pub mod idx;
