//! Task errors: a bad value in a task's scene section.

/// A task parameter that cannot be used, with the field it is about (the path below the task
/// section, `Car.sensors.count`): the shared parameter error.
pub use neurarium_sim::param::InvalidParam;
