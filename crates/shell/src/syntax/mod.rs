//! Shell syntax: the tree and the parser.

pub mod ast;
pub mod parser;

pub use ast::*;
pub use parser::{parse, ParseError};
