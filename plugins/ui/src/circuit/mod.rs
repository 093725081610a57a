//! A resistor network's panel (the `Circuit` network kind), shown in the classification view:
//!
//! | module | what |
//! |---|---|
//! | [`view`] | the panel: the twins, error per epoch, step histogram, damage, backend |
//! | [`twins`] | one twin painted: edges by conductance, nodes by voltage |
//! | [`layout`] | where the nodes go: terminals pinned, the rest force-directed |

pub mod layout;
pub mod twins;
pub mod view;
