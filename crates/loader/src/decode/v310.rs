//! The CPython 3.10 decoder: wordcode → pyvm instructions.
//!
//! Besides translating, it validates everything the eval loop will index with:
//! constant, name, local and cell numbers, and jump targets (which must land on
//! the start of an instruction). Bytecode that passes can be executed without
//! further bounds checks on those operands.

use super::{unpack_wordcode, Instructions, RawInstruction};
use crate::code::CodeObject;
use crate::error::{DecodeError, DecodeErrorKind as K};
use crate::instruction::{BinaryOp, CompareOp, Conversion, GenKind, Instruction as I, UnaryOp};
use crate::opcode::v310::{op, TABLE};
use crate::opcode::{ArgKind, JumpKind};

pub fn decode(code: &CodeObject) -> Result<Instructions, DecodeError> {
    let name = || code.name.to_string();
    let raw = unpack_wordcode(&code.code, TABLE.extended_arg, &name)?;

    // Byte offset of an instruction's first unit → its index; everything else
    // (mid-instruction units) maps to NONE so jumps there are rejected.
    const NONE: u32 = u32::MAX;
    let mut index_of_start = vec![NONE; code.code.len() / 2];
    for (i, r) in raw.iter().enumerate() {
        index_of_start[r.start as usize / 2] = i as u32;
    }

    let limits = Limits {
        consts: code.consts.len(),
        names: code.names.len(),
        locals: (code.nlocals as usize).min(code.varnames.len()),
        derefs: code.n_derefs(),
    };
    let mut ops = Vec::with_capacity(raw.len());
    let mut offsets = Vec::with_capacity(raw.len());
    for r in &raw {
        let err = |kind| DecodeError {
            code_name: code.name.to_string(),
            offset: r.offset as usize,
            kind,
        };
        let info = TABLE.info(r.opcode);
        if !info.is_defined() {
            return Err(err(K::UnknownOpcode(r.opcode)));
        }
        let target = match info.arg {
            ArgKind::Jump(kind) => {
                let t = match kind {
                    JumpKind::Absolute => u64::from(r.arg) * 2,
                    _ => u64::from(r.offset) + 2 + u64::from(r.arg) * 2,
                };
                match index_of_start.get((t / 2) as usize) {
                    Some(&i) if i != NONE => i,
                    _ => {
                        return Err(err(K::BadJumpTarget {
                            name: info.name,
                            target: t,
                        }))
                    }
                }
            }
            _ => 0,
        };
        let instr = translate(r, target, &limits).map_err(err)?;
        ops.push(instr);
        offsets.push(r.offset);
    }
    Ok(Instructions {
        ops: ops.into(),
        offsets: offsets.into(),
    })
}

struct Limits {
    consts: usize,
    names: usize,
    locals: usize,
    derefs: usize,
}

fn check(name: &'static str, arg: u32, len: usize) -> Result<u32, K> {
    if (arg as usize) < len {
        Ok(arg)
    } else {
        Err(K::ArgOutOfRange { name, arg, len })
    }
}

fn translate(r: &RawInstruction, target: u32, lim: &Limits) -> Result<I, K> {
    let arg = r.arg;
    let name = TABLE.info(r.opcode).name;
    let bad = || K::BadArg { name, arg };
    let konst = || check(name, arg, lim.consts);
    let name_ = || check(name, arg, lim.names);
    let local = || check(name, arg, lim.locals);
    let deref = || check(name, arg, lim.derefs);
    Ok(match r.opcode {
        op::NOP => I::Nop,
        op::POP_TOP => I::PopTop,
        op::ROT_TWO => I::RotTwo,
        op::ROT_THREE => I::RotThree,
        op::ROT_FOUR => I::RotFour,
        op::ROT_N => I::RotN(arg),
        op::DUP_TOP => I::DupTop,
        op::DUP_TOP_TWO => I::DupTopTwo,

        op::UNARY_POSITIVE => I::UnaryOp(UnaryOp::Positive),
        op::UNARY_NEGATIVE => I::UnaryOp(UnaryOp::Negative),
        op::UNARY_NOT => I::UnaryOp(UnaryOp::Not),
        op::UNARY_INVERT => I::UnaryOp(UnaryOp::Invert),

        op::BINARY_ADD => I::BinaryOp(BinaryOp::Add),
        op::BINARY_SUBTRACT => I::BinaryOp(BinaryOp::Subtract),
        op::BINARY_MULTIPLY => I::BinaryOp(BinaryOp::Multiply),
        op::BINARY_MATRIX_MULTIPLY => I::BinaryOp(BinaryOp::MatrixMultiply),
        op::BINARY_TRUE_DIVIDE => I::BinaryOp(BinaryOp::TrueDivide),
        op::BINARY_FLOOR_DIVIDE => I::BinaryOp(BinaryOp::FloorDivide),
        op::BINARY_MODULO => I::BinaryOp(BinaryOp::Modulo),
        op::BINARY_POWER => I::BinaryOp(BinaryOp::Power),
        op::BINARY_LSHIFT => I::BinaryOp(BinaryOp::LShift),
        op::BINARY_RSHIFT => I::BinaryOp(BinaryOp::RShift),
        op::BINARY_AND => I::BinaryOp(BinaryOp::And),
        op::BINARY_XOR => I::BinaryOp(BinaryOp::Xor),
        op::BINARY_OR => I::BinaryOp(BinaryOp::Or),

        op::INPLACE_ADD => I::InplaceOp(BinaryOp::Add),
        op::INPLACE_SUBTRACT => I::InplaceOp(BinaryOp::Subtract),
        op::INPLACE_MULTIPLY => I::InplaceOp(BinaryOp::Multiply),
        op::INPLACE_MATRIX_MULTIPLY => I::InplaceOp(BinaryOp::MatrixMultiply),
        op::INPLACE_TRUE_DIVIDE => I::InplaceOp(BinaryOp::TrueDivide),
        op::INPLACE_FLOOR_DIVIDE => I::InplaceOp(BinaryOp::FloorDivide),
        op::INPLACE_MODULO => I::InplaceOp(BinaryOp::Modulo),
        op::INPLACE_POWER => I::InplaceOp(BinaryOp::Power),
        op::INPLACE_LSHIFT => I::InplaceOp(BinaryOp::LShift),
        op::INPLACE_RSHIFT => I::InplaceOp(BinaryOp::RShift),
        op::INPLACE_AND => I::InplaceOp(BinaryOp::And),
        op::INPLACE_XOR => I::InplaceOp(BinaryOp::Xor),
        op::INPLACE_OR => I::InplaceOp(BinaryOp::Or),

        op::COMPARE_OP => I::CompareOp(CompareOp::from_arg(arg).ok_or_else(bad)?),
        op::IS_OP => I::IsOp { invert: arg != 0 },
        op::CONTAINS_OP => I::ContainsOp { invert: arg != 0 },

        op::BINARY_SUBSCR => I::BinarySubscr,
        op::STORE_SUBSCR => I::StoreSubscr,
        op::DELETE_SUBSCR => I::DeleteSubscr,

        op::LOAD_CONST => I::LoadConst(konst()?),
        op::LOAD_FAST => I::LoadFast(local()?),
        op::STORE_FAST => I::StoreFast(local()?),
        op::DELETE_FAST => I::DeleteFast(local()?),
        op::LOAD_NAME => I::LoadName(name_()?),
        op::STORE_NAME => I::StoreName(name_()?),
        op::DELETE_NAME => I::DeleteName(name_()?),
        op::LOAD_GLOBAL => I::LoadGlobal(name_()?),
        op::STORE_GLOBAL => I::StoreGlobal(name_()?),
        op::DELETE_GLOBAL => I::DeleteGlobal(name_()?),
        op::LOAD_ATTR => I::LoadAttr(name_()?),
        op::STORE_ATTR => I::StoreAttr(name_()?),
        op::DELETE_ATTR => I::DeleteAttr(name_()?),
        op::LOAD_METHOD => I::LoadMethod(name_()?),
        op::LOAD_CLOSURE => I::LoadClosure(deref()?),
        op::LOAD_DEREF => I::LoadDeref(deref()?),
        op::STORE_DEREF => I::StoreDeref(deref()?),
        op::DELETE_DEREF => I::DeleteDeref(deref()?),
        op::LOAD_CLASSDEREF => I::LoadClassDeref(deref()?),
        op::LOAD_ASSERTION_ERROR => I::LoadAssertionError,
        op::LOAD_BUILD_CLASS => I::LoadBuildClass,

        op::BUILD_TUPLE => I::BuildTuple(arg),
        op::BUILD_LIST => I::BuildList(arg),
        op::BUILD_SET => I::BuildSet(arg),
        op::BUILD_MAP => I::BuildMap(arg),
        op::BUILD_CONST_KEY_MAP => I::BuildConstKeyMap(arg),
        op::BUILD_STRING => I::BuildString(arg),
        op::BUILD_SLICE if arg == 2 || arg == 3 => I::BuildSlice(arg),
        op::LIST_APPEND => I::ListAppend(arg),
        op::SET_ADD => I::SetAdd(arg),
        op::MAP_ADD => I::MapAdd(arg),
        op::LIST_EXTEND => I::ListExtend(arg),
        op::SET_UPDATE => I::SetUpdate(arg),
        op::DICT_MERGE => I::DictMerge(arg),
        op::DICT_UPDATE => I::DictUpdate(arg),
        op::LIST_TO_TUPLE => I::ListToTuple,
        op::UNPACK_SEQUENCE => I::UnpackSequence(arg),
        op::UNPACK_EX => I::UnpackEx {
            before: (arg & 0xff) as u8,
            after: arg >> 8,
        },
        op::FORMAT_VALUE if arg <= 7 => I::FormatValue {
            conversion: match arg & 3 {
                0 => Conversion::None,
                1 => Conversion::Str,
                2 => Conversion::Repr,
                _ => Conversion::Ascii,
            },
            with_spec: arg & 4 != 0,
        },

        op::JUMP_FORWARD | op::JUMP_ABSOLUTE => I::Jump(target),
        op::POP_JUMP_IF_FALSE => I::PopJumpIfFalse(target),
        op::POP_JUMP_IF_TRUE => I::PopJumpIfTrue(target),
        op::JUMP_IF_FALSE_OR_POP => I::JumpIfFalseOrPop(target),
        op::JUMP_IF_TRUE_OR_POP => I::JumpIfTrueOrPop(target),
        op::JUMP_IF_NOT_EXC_MATCH => I::JumpIfNotExcMatch(target),
        op::GET_ITER => I::GetIter,
        op::FOR_ITER => I::ForIter(target),

        op::SETUP_FINALLY => I::SetupFinally(target),
        op::SETUP_WITH => I::SetupWith(target),
        op::SETUP_ASYNC_WITH => I::SetupAsyncWith(target),
        op::POP_BLOCK => I::PopBlock,
        op::POP_EXCEPT => I::PopExcept,
        op::RERAISE => I::Reraise {
            restore_lasti: arg != 0,
        },
        op::WITH_EXCEPT_START => I::WithExceptStart,
        op::RAISE_VARARGS if arg <= 2 => I::RaiseVarargs(arg as u8),

        op::CALL_FUNCTION => I::CallFunction(arg),
        op::CALL_FUNCTION_KW => I::CallFunctionKw(arg),
        op::CALL_FUNCTION_EX => I::CallFunctionEx {
            with_kwargs: arg & 1 != 0,
        },
        op::CALL_METHOD => I::CallMethod(arg),
        op::MAKE_FUNCTION if arg <= 0x0f => I::MakeFunction(arg as u8),
        op::RETURN_VALUE => I::ReturnValue,

        op::GEN_START => I::GenStart(match arg {
            0 => GenKind::Generator,
            1 => GenKind::Coroutine,
            2 => GenKind::AsyncGenerator,
            _ => return Err(bad()),
        }),
        op::YIELD_VALUE => I::YieldValue,
        op::YIELD_FROM => I::YieldFrom,
        op::GET_YIELD_FROM_ITER => I::GetYieldFromIter,
        op::GET_AWAITABLE if arg <= 2 => I::GetAwaitable(arg as u8),
        op::GET_AITER => I::GetAiter,
        op::GET_ANEXT => I::GetAnext,
        op::BEFORE_ASYNC_WITH => I::BeforeAsyncWith,
        op::END_ASYNC_FOR => I::EndAsyncFor,

        op::GET_LEN => I::GetLen,
        op::MATCH_MAPPING => I::MatchMapping,
        op::MATCH_SEQUENCE => I::MatchSequence,
        op::MATCH_KEYS => I::MatchKeys,
        op::MATCH_CLASS => I::MatchClass(arg),
        op::COPY_DICT_WITHOUT_KEYS => I::CopyDictWithoutKeys,

        op::IMPORT_NAME => I::ImportName(name_()?),
        op::IMPORT_FROM => I::ImportFrom(name_()?),
        op::IMPORT_STAR => I::ImportStar,
        op::SETUP_ANNOTATIONS => I::SetupAnnotations,
        op::PRINT_EXPR => I::PrintExpr,

        op::BUILD_SLICE
        | op::FORMAT_VALUE
        | op::RAISE_VARARGS
        | op::MAKE_FUNCTION
        | op::GET_AWAITABLE => return Err(bad()),
        other => return Err(K::UnknownOpcode(other)),
    })
}
