//! The foundation layer: small, dependency-free pieces every other module shares
//! (how text is made inert for each place it is shown, …). Nothing here knows the model.

pub mod escape;
