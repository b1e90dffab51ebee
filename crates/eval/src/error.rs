//! `PyResult`: every operation that can raise a Python exception returns one.
//! The error is the exception object itself, as in CPython, so `except` clauses,
//! chaining and tracebacks all work on the same thing.

use std::rc::Rc;

use crate::objects::ExceptionObject;

pub type PyErr = Rc<ExceptionObject>;
pub type PyResult<T> = Result<T, PyErr>;
