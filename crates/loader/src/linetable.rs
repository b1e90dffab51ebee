//! Line-number tables: bytecode offset → source line.
//!
//! 3.8 and 3.9 store `co_lnotab`; 3.10 stores PEP 626's `co_linetable` (pairs of
//! an unsigned byte-count delta and a signed line delta, -128 meaning "no line").
//! Both are decoded here the way CPython's own `co_lines()`/`dis.findlinestarts`
//! read them, including CPython's skipping of empty ranges, and without trusting
//! the table: a corrupt table ends early instead of reading past its end.

use std::rc::Rc;

use crate::pyc::PyVersion;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineTableFormat {
    /// 3.8–3.9 `co_lnotab`.
    Lnotab,
    /// 3.10 `co_linetable`.
    Pep626,
    /// 3.11+ `co_linetable` (location table with columns): not decoded yet.
    Locations,
}

#[derive(Clone, Debug)]
pub struct LineTable {
    pub format: LineTableFormat,
    pub bytes: Rc<[u8]>,
    pub firstlineno: i32,
}

/// One `co_lines()` entry: bytes `start..end` belong to `line` (None: no line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
    pub line: Option<i32>,
}

impl LineTable {
    pub fn new(version: PyVersion, bytes: Rc<[u8]>, firstlineno: i32) -> LineTable {
        let format = if version < PyVersion::V3_10 {
            LineTableFormat::Lnotab
        } else if version == PyVersion::V3_10 {
            LineTableFormat::Pep626
        } else {
            LineTableFormat::Locations
        };
        LineTable {
            format,
            bytes,
            firstlineno,
        }
    }

    /// `co_lines()` of CPython 3.10: address ranges in order, empty ones skipped.
    pub fn ranges(&self) -> Vec<LineRange> {
        match self.format {
            LineTableFormat::Pep626 => Pep626Iter::new(&self.bytes, self.firstlineno).collect(),
            _ => Vec::new(),
        }
    }

    /// `dis.findlinestarts`: the offsets where a new source line starts, with
    /// that line, as the disassembler of the code's CPython version reports them.
    pub fn line_starts(&self, code_len: usize) -> Vec<(u32, i32)> {
        match self.format {
            LineTableFormat::Pep626 => {
                let mut out = Vec::new();
                let mut last = None;
                for r in Pep626Iter::new(&self.bytes, self.firstlineno) {
                    if let Some(line) = r.line {
                        if Some(line) != last {
                            last = Some(line);
                            out.push((r.start, line));
                        }
                    }
                }
                out
            }
            LineTableFormat::Lnotab => lnotab_line_starts(&self.bytes, self.firstlineno, code_len),
            LineTableFormat::Locations => Vec::new(),
        }
    }

    /// The source line of the instruction at byte `offset` (`PyCode_Addr2Line`).
    pub fn line_for_offset(&self, offset: u32) -> Option<i32> {
        match self.format {
            LineTableFormat::Pep626 => Pep626Iter::new(&self.bytes, self.firstlineno)
                .find(|r| r.end > offset)
                .and_then(|r| r.line),
            LineTableFormat::Lnotab => {
                let starts = lnotab_line_starts(&self.bytes, self.firstlineno, usize::MAX);
                starts
                    .iter()
                    .take_while(|(start, _)| *start <= offset)
                    .last()
                    .map(|(_, line)| *line)
                    .or(Some(self.firstlineno))
            }
            LineTableFormat::Locations => None,
        }
    }
}

/// CPython 3.10's `PyCodeAddressRange` walk over a PEP 626 table.
struct Pep626Iter<'a> {
    table: &'a [u8],
    next: usize,
    end: u32,
    computed_line: i32,
}

impl<'a> Pep626Iter<'a> {
    fn new(table: &'a [u8], firstlineno: i32) -> Self {
        Pep626Iter {
            table,
            next: 0,
            end: 0,
            computed_line: firstlineno,
        }
    }

    /// CPython's `advance`; `None` at the end of the table.
    fn advance(&mut self) -> Option<LineRange> {
        let (&sdelta, &ldelta) = (self.table.get(self.next)?, self.table.get(self.next + 1)?);
        self.next += 2;
        let start = self.end;
        self.end += u32::from(sdelta);
        let ldelta = ldelta as i8;
        let line = if ldelta == -128 {
            None
        } else {
            self.computed_line = self.computed_line.wrapping_add(i32::from(ldelta));
            Some(self.computed_line)
        };
        Some(LineRange {
            start,
            end: self.end,
            line,
        })
    }
}

impl Iterator for Pep626Iter<'_> {
    type Item = LineRange;

    fn next(&mut self) -> Option<LineRange> {
        loop {
            let r = self.advance()?;
            if r.start != r.end {
                return Some(r);
            }
        }
    }
}

/// `dis.findlinestarts` of CPython 3.8/3.9 over `co_lnotab`.
fn lnotab_line_starts(lnotab: &[u8], firstlineno: i32, code_len: usize) -> Vec<(u32, i32)> {
    let mut out = Vec::new();
    let mut last = None;
    let mut line = firstlineno;
    let mut addr: usize = 0;
    for pair in lnotab.chunks_exact(2) {
        let (byte_incr, line_incr) = (pair[0], pair[1] as i8);
        if byte_incr != 0 {
            if Some(line) != last {
                out.push((addr as u32, line));
                last = Some(line);
            }
            addr += usize::from(byte_incr);
            if addr >= code_len {
                return out;
            }
        }
        line = line.wrapping_add(i32::from(line_incr));
    }
    if Some(line) != last && addr < code_len {
        out.push((addr as u32, line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> LineTable {
        LineTable::new(PyVersion::V3_10, Rc::from(bytes), 10)
    }

    #[test]
    fn pep626_ranges_skip_empty_and_accumulate() {
        // (4 bytes, +0), (0 bytes, +2), (6 bytes, +1), (2 bytes, no line)
        let t = table(&[4, 0, 0, 2, 6, 1, 2, 0x80]);
        let r = t.ranges();
        assert_eq!(
            r,
            vec![
                LineRange {
                    start: 0,
                    end: 4,
                    line: Some(10)
                },
                LineRange {
                    start: 4,
                    end: 10,
                    line: Some(13)
                },
                LineRange {
                    start: 10,
                    end: 12,
                    line: None
                },
            ]
        );
        assert_eq!(t.line_starts(12), vec![(0, 10), (4, 13)]);
        assert_eq!(t.line_for_offset(6), Some(13));
        assert_eq!(t.line_for_offset(10), None);
    }

    #[test]
    fn corrupt_tables_end_quietly() {
        assert!(table(&[4]).ranges().is_empty());
        assert_eq!(table(&[0, 1, 0, 1, 0]).ranges(), vec![]);
    }
}
