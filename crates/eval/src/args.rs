//! Call arguments as native functions see them: a slice straight off the value
//! stack (positional values, then keyword values) and the keyword names. No
//! copying or allocation for the common call shapes.

use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::StrObject;
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy)]
pub struct Args<'a> {
    /// Positional values followed by one value per keyword name.
    pub values: &'a [Value],
    /// Keyword names (each a `Value::Str`), matching the tail of `values`.
    pub kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    pub fn new(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    pub fn with_kwargs(values: &'a [Value], kwnames: &'a [Value]) -> Args<'a> {
        Args { values, kwnames }
    }

    pub fn n_pos(&self) -> usize {
        self.values.len() - self.kwnames.len()
    }

    pub fn pos(&self) -> &'a [Value] {
        &self.values[..self.n_pos()]
    }

    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    pub fn kwargs(&self) -> impl Iterator<Item = (&'a Rc<StrObject>, &'a Value)> + 'a {
        let vals = &self.values[self.n_pos()..];
        self.kwnames
            .iter()
            .zip(vals.iter())
            .filter_map(|(k, v)| k.as_str().map(|k| (k, v)))
    }

    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<&'a Value> {
        self.kwargs()
            .find(|(k, _)| k.eq_ascii(name))
            .map(|(_, v)| v)
    }

    /// Arguments without `self`, for a method.
    pub fn skip_self(&self) -> Args<'a> {
        Args {
            values: &self.values[1..],
            kwnames: self.kwnames,
        }
    }

    /// Reject keyword arguments: `"f() takes no keyword arguments"`.
    pub fn no_kwargs(&self, vm: &mut Vm, name: &str) -> PyResult<()> {
        if self.has_kwargs() {
            return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
        }
        Ok(())
    }

    /// Positional-only arguments, between `min` and `max` of them, in the
    /// wording of CPython's `PyArg_UnpackTuple` ("f expected at most 2 arguments, got 3").
    pub fn unpack(&self, vm: &mut Vm, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs(vm, name)?;
        let n = self.values.len();
        // `_PyArg_CheckPositional`'s wording.
        if n < min {
            let plural = if min == 1 { "" } else { "s" };
            let at_least = if min == max { "" } else { "at least " };
            return Err(vm.type_error(format!(
                "{name} expected {at_least}{min} argument{plural}, got {n}"
            )));
        }
        if n > max {
            let plural = if max == 1 { "" } else { "s" };
            let at_most = if min == max { "" } else { "at most " };
            return Err(vm.type_error(format!(
                "{name} expected {at_most}{max} argument{plural}, got {n}"
            )));
        }
        Ok(self.values)
    }

    /// Exactly one positional argument, CPython's `METH_O` wording.
    pub fn one(&self, vm: &mut Vm, name: &str) -> PyResult<&'a Value> {
        self.no_kwargs(vm, name)?;
        if self.values.len() != 1 {
            return Err(vm.type_error(format!(
                "{name}() takes exactly one argument ({} given)",
                self.values.len()
            )));
        }
        Ok(&self.values[0])
    }

    /// No arguments, CPython's `METH_NOARGS` wording.
    pub fn none(&self, vm: &mut Vm, name: &str) -> PyResult<()> {
        self.no_kwargs(vm, name)?;
        if !self.values.is_empty() {
            return Err(vm.type_error(format!(
                "{name}() takes no arguments ({} given)",
                self.values.len()
            )));
        }
        Ok(())
    }

    /// Bind to named parameters, Argument Clinic style: `names[..pos_only]`
    /// are positional-only, the rest may be given by keyword; the first
    /// `required` are mandatory. Returns one slot per name.
    pub fn bind<const N: usize>(
        &self,
        vm: &mut Vm,
        fname: &str,
        names: [&str; N],
        pos_only: usize,
        required: usize,
    ) -> PyResult<[Option<Value>; N]> {
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        let pos = self.pos();
        if pos.len() > N {
            return Err(vm.type_error(format!(
                "{fname}() takes at most {N} argument{} ({} given)",
                if N == 1 { "" } else { "s" },
                self.values.len()
            )));
        }
        for (slot, v) in out.iter_mut().zip(pos) {
            *slot = Some(v.clone());
        }
        for (k, v) in self.kwargs() {
            let idx = names.iter().position(|n| k.eq_ascii(n));
            match idx {
                Some(i) if i >= pos_only => {
                    if out[i].is_some() {
                        return Err(vm.type_error(format!(
                            "argument for {fname}() given by name ('{k}') and position ({})",
                            i + 1
                        )));
                    }
                    out[i] = Some(v.clone());
                }
                _ => {
                    return Err(vm.type_error(format!(
                        "{fname}() got an unexpected keyword argument '{k}'"
                    )))
                }
            }
        }
        if let Some(i) = out[..required].iter().position(|s| s.is_none()) {
            if i < pos_only || self.has_kwargs() {
                return Err(vm.type_error(format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
            return Err(vm.type_error(format!(
                "{fname}() takes at least {required} positional argument{} ({} given)",
                if required == 1 { "" } else { "s" },
                pos.len()
            )));
        }
        Ok(out)
    }
}
