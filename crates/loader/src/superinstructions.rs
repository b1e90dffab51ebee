//! Superinstructions: pairs of instructions frequent enough in real code
//! that running them in one dispatch of the eval loop pays (each dispatch is
//! a hard-to-predict indirect jump). The eval crate applies `fuse` to its own
//! copy of a code object's instructions; decoding, `dis` and the tracer see
//! the plain instructions.
//!
//! The second instruction of a pair stays where it was: the fused first one
//! runs both halves and steps over it, while a jump to the second, a resume
//! after a call or a generator switch made by the first half, and error
//! locations (`lasti` is the half that failed) find the ordinary instruction
//! there.

use crate::instruction::Instruction as I;

/// Rewrite the first instruction of each fusable pair in place.
pub fn fuse(ops: &mut [I]) {
    for i in 1..ops.len() {
        let fused = match (ops[i - 1], ops[i]) {
            (I::LoadFast(a), I::LoadFast(b)) => pair(a, b).map(|(a, b)| I::LoadFastLoadFast(a, b)),
            (I::LoadFast(a), I::LoadConst(b)) => {
                pair(a, b).map(|(a, b)| I::LoadFastLoadConst(a, b))
            }
            (I::StoreFast(a), I::LoadFast(b)) => {
                pair(a, b).map(|(a, b)| I::StoreFastLoadFast(a, b))
            }
            (I::CompareOp(op), I::PopJumpIfFalse(t)) => Some(I::CompareJumpIfFalse(op, t)),
            (I::ForIter(t), I::StoreFast(a)) => {
                u16::try_from(a).ok().map(|a| I::ForIterStoreFast(a, t))
            }
            (I::PopTop, I::Jump(t)) => Some(I::PopTopJump(t)),
            (I::LoadFast(a), I::LoadAttr(n)) => pair(a, n).map(|(a, n)| I::LoadFastLoadAttr(a, n)),
            (I::LoadFast(a), I::LoadMethod(n)) => {
                pair(a, n).map(|(a, n)| I::LoadFastLoadMethod(a, n))
            }
            (I::LoadConst(c), I::BinaryOp(op)) => {
                u16::try_from(c).ok().map(|c| I::LoadConstBinaryOp(c, op))
            }
            _ => None,
        };
        if let Some(f) = fused {
            ops[i - 1] = f;
        }
    }
}

fn pair(a: u32, b: u32) -> Option<(u16, u16)> {
    Some((u16::try_from(a).ok()?, u16::try_from(b).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruction::CompareOp;

    #[test]
    fn fuses_pairs_and_keeps_second_halves() {
        let mut ops = vec![
            I::LoadFast(0),
            I::LoadFast(1),
            I::LoadConst(2),
            I::CompareOp(CompareOp::Lt),
            I::PopJumpIfFalse(9),
            I::ForIter(8),
            I::StoreFast(3),
            I::LoadFast(70_000),
            I::LoadFast(0),
            I::ReturnValue,
        ];
        fuse(&mut ops);
        assert_eq!(ops[0], I::LoadFastLoadFast(0, 1));
        assert_eq!(ops[1], I::LoadFastLoadConst(1, 2));
        assert_eq!(ops[2], I::LoadConst(2));
        assert_eq!(ops[3], I::CompareJumpIfFalse(CompareOp::Lt, 9));
        assert_eq!(ops[4], I::PopJumpIfFalse(9));
        assert_eq!(ops[5], I::ForIterStoreFast(3, 8));
        assert_eq!(ops[6], I::StoreFast(3));
        let mut more = vec![
            I::PopTop,
            I::Jump(0),
            I::LoadFast(1),
            I::LoadAttr(4),
            I::LoadConst(0),
            I::BinaryOp(crate::instruction::BinaryOp::Add),
        ];
        fuse(&mut more);
        assert_eq!(more[0], I::PopTopJump(0));
        assert_eq!(more[2], I::LoadFastLoadAttr(1, 4));
        let mut method = vec![I::LoadFast(2), I::LoadMethod(3)];
        fuse(&mut method);
        assert_eq!(method[0], I::LoadFastLoadMethod(2, 3));
        assert_eq!(
            more[4],
            I::LoadConstBinaryOp(0, crate::instruction::BinaryOp::Add)
        );
        assert_eq!(more[5], I::BinaryOp(crate::instruction::BinaryOp::Add));
        // Indices past u16 stay unfused.
        assert_eq!(ops[7], I::LoadFast(70_000));
        assert_eq!(ops[8], I::LoadFast(0));
    }
}
