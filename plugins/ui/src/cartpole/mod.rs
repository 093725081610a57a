//! The CartPole task's view: the cart on its rail and the pole, to scale, with the rail's ends and
//! the angle limits marked. Registered for the `CartPole` task by one line in [`crate::plugin`].

pub mod view;
