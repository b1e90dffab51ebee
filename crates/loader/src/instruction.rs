//! pyvm's own instruction set: the seam between bytecode versions and the VM.
//!
//! Each CPython version's decoder (`decode/v3XX.rs`) turns that version's
//! wordcode into these, once. Compared with raw wordcode: `EXTENDED_ARG`
//! prefixes are folded into the argument, jump targets are instruction indices
//! (not byte offsets, not relative), and operator families share one variant
//! with a typed operand (`BinaryOp(BinaryOp::Add)` for 3.10's `BINARY_ADD` and
//! 3.11's `BINARY_OP 0` alike). Every variant is 8 bytes; `tests` pins that.
//!
//! The variants follow CPython 3.10's opcodes one-to-one except where noted, so
//! CPython's documentation for an opcode describes the variant of the same name.

/// An index into [`crate::decode::Instructions::ops`].
pub type Target = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    MatrixMultiply,
    TrueDivide,
    FloorDivide,
    Modulo,
    Power,
    LShift,
    RShift,
    And,
    Xor,
    Or,
}

impl BinaryOp {
    /// The operator as written in source (`+`, `@`, `**`...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::MatrixMultiply => "@",
            BinaryOp::TrueDivide => "/",
            BinaryOp::FloorDivide => "//",
            BinaryOp::Modulo => "%",
            BinaryOp::Power => "**",
            BinaryOp::LShift => "<<",
            BinaryOp::RShift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Xor => "^",
            BinaryOp::Or => "|",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum UnaryOp {
    Positive,
    Negative,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    /// CPython's `cmp_op` order.
    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        Some(match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }
}

/// The `!s`/`!r`/`!a` conversion of an f-string replacement field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

/// `MAKE_FUNCTION`'s flag bits: which extra values are on the stack.
pub mod make_function {
    pub const DEFAULTS: u8 = 0x01;
    pub const KWDEFAULTS: u8 = 0x02;
    pub const ANNOTATIONS: u8 = 0x04;
    pub const CLOSURE: u8 = 0x08;
}

/// What kind of object a `GEN_START` frame belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instruction {
    Nop,
    PopTop,
    RotTwo,
    RotThree,
    RotFour,
    RotN(u32),
    DupTop,
    DupTopTwo,

    UnaryOp(UnaryOp),
    BinaryOp(BinaryOp),
    InplaceOp(BinaryOp),
    CompareOp(CompareOp),
    IsOp {
        invert: bool,
    },
    ContainsOp {
        invert: bool,
    },

    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,

    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    LoadMethod(u32),
    /// Index into cells then free variables, as in 3.10.
    LoadClosure(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    LoadClassDeref(u32),
    LoadAssertionError,
    LoadBuildClass,

    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    BuildConstKeyMap(u32),
    BuildString(u32),
    BuildSlice(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictMerge(u32),
    DictUpdate(u32),
    ListToTuple,
    UnpackSequence(u32),
    UnpackEx {
        before: u8,
        after: u32,
    },
    FormatValue {
        conversion: Conversion,
        with_spec: bool,
    },

    /// `JUMP_FORWARD` and `JUMP_ABSOLUTE` alike.
    Jump(Target),
    PopJumpIfFalse(Target),
    PopJumpIfTrue(Target),
    JumpIfFalseOrPop(Target),
    JumpIfTrueOrPop(Target),
    JumpIfNotExcMatch(Target),
    GetIter,
    ForIter(Target),

    SetupFinally(Target),
    SetupWith(Target),
    SetupAsyncWith(Target),
    PopBlock,
    PopExcept,
    Reraise {
        restore_lasti: bool,
    },
    WithExceptStart,
    RaiseVarargs(u8),

    CallFunction(u32),
    CallFunctionKw(u32),
    CallFunctionEx {
        with_kwargs: bool,
    },
    CallMethod(u32),
    /// Flags from [`make_function`].
    MakeFunction(u8),
    ReturnValue,

    GenStart(GenKind),
    YieldValue,
    YieldFrom,
    GetYieldFromIter,
    GetAwaitable(u8),
    GetAiter,
    GetAnext,
    BeforeAsyncWith,
    EndAsyncFor,

    GetLen,
    MatchMapping,
    MatchSequence,
    MatchKeys,
    MatchClass(u32),
    CopyDictWithoutKeys,

    ImportName(u32),
    ImportFrom(u32),
    ImportStar,
    SetupAnnotations,
    PrintExpr,

    // Superinstructions: two instructions run as one (`superinstructions`);
    // never produced by decoding. The arguments are those of the halves.
    LoadFastLoadFast(u16, u16),
    LoadFastLoadConst(u16, u16),
    StoreFastLoadFast(u16, u16),
    /// `COMPARE_OP` then `POP_JUMP_IF_FALSE`.
    CompareJumpIfFalse(CompareOp, Target),
    /// `FOR_ITER` then `STORE_FAST` (the local, the loop's exit).
    ForIterStoreFast(u16, Target),
    /// `POP_TOP` then `JUMP_ABSOLUTE`/`JUMP_FORWARD`.
    PopTopJump(Target),
    /// `LOAD_FAST` then `LOAD_ATTR` (the local, the name).
    LoadFastLoadAttr(u16, u16),
    /// `LOAD_CONST` then a binary operator (the constant, the operator).
    LoadConstBinaryOp(u16, BinaryOp),
    /// `LOAD_FAST` then `LOAD_METHOD` (the local, the name).
    LoadFastLoadMethod(u16, u16),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instruction_is_eight_bytes() {
        // The eval loop streams these; a bigger variant would slow every dispatch.
        assert_eq!(std::mem::size_of::<Instruction>(), 8);
    }
}
