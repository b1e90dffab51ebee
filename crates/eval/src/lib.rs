//! The evaluation layer: frames, objects and the instruction loop that runs the
//! code objects produced by `pyvm-loader`.
//!
//! Still a shell: execution arrives with the eval-core issue. Until then the
//! CLI reports that running a script is not implemented yet.

pub use pyvm_loader as loader;
