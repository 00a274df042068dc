//! Helpers shared by the integration tests; each test file that declares
//! `mod common;` compiles its own copy.

pub mod cli;
pub mod examples;
