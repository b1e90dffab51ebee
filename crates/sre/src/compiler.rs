//! Tree → program, making `sre_compile`'s choices: which case-insensitive
//! variant each literal, set and back-reference gets (including its
//! `_ignorecase_fixes` and the way `_optimize_charset` folds sets), when a
//! repeat of one character becomes a `RepeatOne`, and the fixed width of
//! look-behinds. It also extracts what the search loop uses to skip ahead
//! (a literal prefix or a set of possible first characters).

use crate::parser::{self, At, Category, Node, Parsed, SetItem};
use crate::unicode;
use crate::{
    Error, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_LOCALE, FLAG_MULTILINE, FLAG_TEMPLATE, FLAG_UNICODE,
};

/// Anchors, with the variant the flags selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AtCode {
    Beginning,
    BeginningLine,
    BeginningString,
    End,
    EndLine,
    EndString,
    Boundary,
    NonBoundary,
    UniBoundary,
    UniNonBoundary,
    LocBoundary,
    LocNonBoundary,
}

/// Character categories, with the variant the flags selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cat {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
    UniDigit,
    UniNotDigit,
    UniSpace,
    UniNotSpace,
    UniWord,
    UniNotWord,
    LocWord,
    LocNotWord,
}

impl Cat {
    pub(crate) fn matches(self, c: u32) -> bool {
        match self {
            Cat::Digit => unicode::ascii_is_digit(c),
            Cat::NotDigit => !unicode::ascii_is_digit(c),
            Cat::Space => unicode::ascii_is_space(c),
            Cat::NotSpace => !unicode::ascii_is_space(c),
            Cat::Word | Cat::LocWord => unicode::ascii_is_word(c),
            Cat::NotWord | Cat::LocNotWord => !unicode::ascii_is_word(c),
            Cat::UniDigit => unicode::is_decimal(c),
            Cat::UniNotDigit => !unicode::is_decimal(c),
            Cat::UniSpace => unicode::is_space(c),
            Cat::UniNotSpace => !unicode::is_space(c),
            Cat::UniWord => unicode::is_word(c),
            Cat::UniNotWord => !unicode::is_word(c),
        }
    }

    fn select(cat: Category, flags: u32) -> Cat {
        if flags & FLAG_LOCALE != 0 {
            match cat {
                Category::Digit => Cat::Digit,
                Category::NotDigit => Cat::NotDigit,
                Category::Space => Cat::Space,
                Category::NotSpace => Cat::NotSpace,
                Category::Word => Cat::LocWord,
                Category::NotWord => Cat::LocNotWord,
            }
        } else if flags & FLAG_UNICODE != 0 {
            match cat {
                Category::Digit => Cat::UniDigit,
                Category::NotDigit => Cat::UniNotDigit,
                Category::Space => Cat::UniSpace,
                Category::NotSpace => Cat::UniNotSpace,
                Category::Word => Cat::UniWord,
                Category::NotWord => Cat::UniNotWord,
            }
        } else {
            match cat {
                Category::Digit => Cat::Digit,
                Category::NotDigit => Cat::NotDigit,
                Category::Space => Cat::Space,
                Category::NotSpace => Cat::NotSpace,
                Category::Word => Cat::Word,
                Category::NotWord => Cat::NotWord,
            }
        }
    }
}

/// A compiled character set: membership of every value below 256 is
/// precomputed; larger values are looked up in the ranges, the
/// case-insensitive ranges (`RANGE_UNI_IGNORE`) and the categories.
#[derive(Debug, Clone)]
pub(crate) struct CharSet {
    low: [u64; 4],
    negate: bool,
    ranges: Box<[(u32, u32)]>,
    uni_ignore_ranges: Box<[(u32, u32)]>,
    cats: Box<[Cat]>,
}

impl CharSet {
    #[inline]
    pub(crate) fn contains(&self, c: u32) -> bool {
        if c < 256 {
            return self.low[(c >> 6) as usize] & (1u64 << (c & 63)) != 0;
        }
        self.contains_slow(c)
    }

    fn contains_slow(&self, c: u32) -> bool {
        let r = &self.ranges;
        let i = r.partition_point(|&(_, hi)| hi < c);
        let mut found = matches!(r.get(i), Some(&(lo, _)) if lo <= c);
        if !found {
            found = self.uni_ignore_ranges.iter().any(|&(lo, hi)| {
                (lo <= c && c <= hi) || {
                    let u = unicode::upper(c);
                    lo <= u && u <= hi
                }
            });
        }
        if !found {
            found = self.cats.iter().any(|cat| cat.matches(c));
        }
        found != self.negate
    }

    fn build(
        negate: bool,
        mut ranges: Vec<(u32, u32)>,
        uni_ignore_ranges: Vec<(u32, u32)>,
        cats: Vec<Cat>,
    ) -> CharSet {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        let mut set = CharSet {
            low: [0; 4],
            negate,
            ranges: merged.into_boxed_slice(),
            uni_ignore_ranges: uni_ignore_ranges.into_boxed_slice(),
            cats: cats.into_boxed_slice(),
        };
        let mut low = [0u64; 4];
        for c in 0..256u32 {
            if set.contains_slow(c) {
                low[(c >> 6) as usize] |= 1u64 << (c & 63);
            }
        }
        set.low = low;
        set
    }

    /// A set of literals (the `IN_UNI_IGNORE` that a literal with
    /// `_ignorecase_fixes` becomes).
    fn literals(negate: bool, chars: &[u32]) -> CharSet {
        CharSet::build(
            negate,
            chars.iter().map(|&c| (c, c)).collect(),
            vec![],
            vec![],
        )
    }
}

/// A test of one character (the ops that consume exactly one).
#[derive(Debug, Clone)]
pub(crate) enum CharTest {
    Any,
    AnyAll,
    Lit(u32),
    NotLit(u32),
    /// ASCII lower-casing (bytes, or the ASCII flag).
    LitIgnore(u32),
    NotLitIgnore(u32),
    LitUniIgnore(u32),
    NotLitUniIgnore(u32),
    LitLocIgnore(u32),
    NotLitLocIgnore(u32),
    In(Box<CharSet>),
    InIgnore(Box<CharSet>),
    InUniIgnore(Box<CharSet>),
    InLocIgnore(Box<CharSet>),
}

fn loc_ignore_eq(pattern: u32, c: u32) -> bool {
    c == pattern || unicode::ascii_lower(c) == pattern || unicode::ascii_upper(c) == pattern
}

impl CharTest {
    #[inline]
    pub(crate) fn matches(&self, c: u32) -> bool {
        match self {
            CharTest::Any => c != 10,
            CharTest::AnyAll => true,
            CharTest::Lit(l) => c == *l,
            CharTest::NotLit(l) => c != *l,
            CharTest::LitIgnore(l) => unicode::ascii_lower(c) == *l,
            CharTest::NotLitIgnore(l) => unicode::ascii_lower(c) != *l,
            CharTest::LitUniIgnore(l) => unicode::lower(c) == *l,
            CharTest::NotLitUniIgnore(l) => unicode::lower(c) != *l,
            CharTest::LitLocIgnore(l) => loc_ignore_eq(*l, c),
            CharTest::NotLitLocIgnore(l) => !loc_ignore_eq(*l, c),
            CharTest::In(s) => s.contains(c),
            CharTest::InIgnore(s) => s.contains(unicode::ascii_lower(c)),
            CharTest::InUniIgnore(s) => s.contains(unicode::lower(c)),
            CharTest::InLocIgnore(s) => {
                let lo = unicode::ascii_lower(c);
                s.contains(lo) || {
                    let up = unicode::ascii_upper(c);
                    up != lo && s.contains(up)
                }
            }
        }
    }
}

/// How a back-reference compares characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Exact,
    Ascii,
    Unicode,
    Locale,
}

/// One instruction. Program counters are indices into `Program::ops`.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Success,
    Char(CharTest),
    At(AtCode),
    /// Set mark `n` (group `n / 2`'s start when even, end when odd).
    Mark(usize),
    Jump(usize),
    /// Alternatives, each a program counter; each alternative ends with a
    /// jump past the last.
    Branch(Box<[usize]>),
    /// A repeat of one character (greedy or not); the tail starts at `pc + 1`.
    RepeatOne {
        min: u32,
        max: u32,
        item: CharTest,
        greedy: bool,
    },
    /// A general repeat: the body starts at `pc + 1` and ends with the
    /// `MaxUntil`/`MinUntil` at `until`, after which the tail starts.
    Repeat {
        min: u32,
        max: u32,
        until: usize,
    },
    MaxUntil,
    MinUntil,
    GroupRef(usize, RefKind),
    /// If group `group` matched, go on at `pc + 1`, else at `no`.
    GroupRefExists {
        group: usize,
        no: usize,
    },
    /// A look-ahead (`back == 0`) or look-behind; the sub-pattern starts at
    /// `pc + 1` and ends with `Success`; matching goes on at `next`.
    Assert {
        back: u32,
        negate: bool,
        next: usize,
    },
}

/// How the search loop finds candidate start positions.
#[derive(Debug, Clone)]
pub(crate) enum Start {
    /// Any position.
    Anywhere,
    /// Only the beginning of the string (the pattern starts with `\A` or a
    /// non-multiline `^`).
    AtBeginning,
    /// Where this literal text begins.
    Prefix(Box<[u32]>),
    /// Where this character set matches.
    Set(Box<CharSet>),
}

#[derive(Debug)]
pub(crate) struct Program {
    pub ops: Vec<Op>,
    /// Number of capturing groups.
    pub groups: usize,
    /// Minimum width of a match.
    pub min_width: u64,
    pub start: Start,
    /// The whole pattern is `literal` (no groups, case-sensitive): a search
    /// needs no matcher at all.
    pub literal: Option<Box<[u32]>>,
    /// A test the first character of every match passes (the first op that
    /// consumes, after group marks, is a character test or a repeat of one
    /// at least once): the search loop skips positions that fail it.
    pub first: Option<CharTest>,
}

/// `_ignorecase_fixes`: lower-case characters that share their upper case
/// with other lower-case characters.
static EQUIVALENCES: &[&[u32]] = &[
    &[0x69, 0x131],
    &[0x73, 0x17f],
    &[0xb5, 0x3bc],
    &[0x345, 0x3b9, 0x1fbe],
    &[0x390, 0x1fd3],
    &[0x3b0, 0x1fe3],
    &[0x3b2, 0x3d0],
    &[0x3b5, 0x3f5],
    &[0x3b8, 0x3d1],
    &[0x3ba, 0x3f0],
    &[0x3c0, 0x3d6],
    &[0x3c1, 0x3f1],
    &[0x3c2, 0x3c3],
    &[0x3c6, 0x3d5],
    &[0x432, 0x1c80],
    &[0x434, 0x1c81],
    &[0x43e, 0x1c82],
    &[0x441, 0x1c83],
    &[0x442, 0x1c84, 0x1c85],
    &[0x44a, 0x1c86],
    &[0x463, 0x1c87],
    &[0x1c88, 0xa64b],
    &[0x1e61, 0x1e9b],
    &[0xfb05, 0xfb06],
];

/// The other members of `c`'s equivalence class, if it has one.
fn fixes(c: u32) -> Option<impl Iterator<Item = u32>> {
    EQUIVALENCES
        .iter()
        .find(|t| t.contains(&c))
        .map(move |t| t.iter().copied().filter(move |&x| x != c))
}

fn combine_flags(flags: u32, add: u32, del: u32) -> u32 {
    let mut flags = flags;
    if add & parser::TYPE_FLAGS != 0 {
        flags &= !parser::TYPE_FLAGS;
    }
    (flags | add) & !del
}

/// Which case-insensitivity a node is compiled with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Sensitive,
    Locale,
    Ascii,
    Unicode,
}

fn case_of(flags: u32) -> Case {
    if flags & FLAG_IGNORECASE == 0 {
        Case::Sensitive
    } else if flags & FLAG_LOCALE != 0 {
        Case::Locale
    } else if flags & FLAG_UNICODE != 0 {
        Case::Unicode
    } else {
        Case::Ascii
    }
}

fn is_cased(case: Case, c: u32) -> bool {
    match case {
        Case::Unicode => unicode::is_cased(c),
        Case::Ascii => unicode::ascii_is_cased(c),
        _ => false,
    }
}

/// `_optimize_charset` + the choice of `IN` variant in `_compile`.
fn compile_set(items: &[SetItem], flags: u32) -> CharTest {
    let case = case_of(flags);
    let fixup = matches!(case, Case::Ascii | Case::Unicode);
    let lower = |c: u32| {
        if case == Case::Unicode {
            unicode::lower(c)
        } else {
            unicode::ascii_lower(c)
        }
    };
    let mut negate = false;
    // The BMP part of the set as `_optimize_charset`'s charmap.
    let mut charmap: Vec<bool> = Vec::new();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    let mut uni_ignore: Vec<(u32, u32)> = Vec::new();
    let mut cats: Vec<Cat> = Vec::new();
    let mut hascased = false;
    let set_bit = |charmap: &mut Vec<bool>, c: u32| -> bool {
        if c >= 0x10000 {
            return false;
        }
        if charmap.len() <= c as usize {
            charmap.resize(if c < 256 { 256 } else { 0x10000 }, false);
        }
        charmap[c as usize] = true;
        true
    };
    for item in items {
        match *item {
            SetItem::Negate => negate = true,
            SetItem::Category(cat) => cats.push(Cat::select(cat, flags)),
            SetItem::Literal(av) => {
                if fixup {
                    let lo = lower(av);
                    if !set_bit(&mut charmap, lo) {
                        hascased = true;
                        ranges.push((av, av));
                        continue;
                    }
                    if case == Case::Unicode {
                        if let Some(more) = fixes(lo) {
                            for k in more {
                                set_bit(&mut charmap, k);
                            }
                        }
                    }
                    if !hascased && is_cased(case, av) {
                        hascased = true;
                    }
                } else if !set_bit(&mut charmap, av) {
                    ranges.push((av, av));
                }
            }
            SetItem::Range(lo, hi) => {
                if fixup {
                    let mut overflow = false;
                    for c in lo..=hi {
                        let l = lower(c);
                        if !set_bit(&mut charmap, l) {
                            overflow = true;
                            break;
                        }
                        if case == Case::Unicode {
                            if let Some(more) = fixes(l) {
                                for k in more {
                                    set_bit(&mut charmap, k);
                                }
                            }
                        }
                    }
                    if overflow {
                        hascased = true;
                        if case == Case::Unicode {
                            uni_ignore.push((lo, hi));
                        } else {
                            ranges.push((lo, hi));
                        }
                    } else if !hascased {
                        hascased = (lo..=hi).any(|c| is_cased(case, c));
                    }
                } else {
                    let top = hi.min(0xFFFF);
                    if lo <= top {
                        set_bit(&mut charmap, top);
                        for c in lo..=top {
                            charmap[c as usize] = true;
                        }
                    }
                    if hi > 0xFFFF {
                        ranges.push((lo, hi));
                    }
                }
            }
        }
    }
    // Runs of the charmap become ranges.
    let mut i = 0;
    while i < charmap.len() {
        if charmap[i] {
            let start = i;
            while i < charmap.len() && charmap[i] {
                i += 1;
            }
            ranges.push((start as u32, i as u32 - 1));
        } else {
            i += 1;
        }
    }
    let set = Box::new(CharSet::build(negate, ranges, uni_ignore, cats));
    if case == Case::Locale {
        CharTest::InLocIgnore(set)
    } else if !hascased {
        CharTest::In(set)
    } else if case == Case::Ascii {
        CharTest::InIgnore(set)
    } else {
        CharTest::InUniIgnore(set)
    }
}

fn compile_literal(av: u32, negated: bool, flags: u32) -> CharTest {
    let case = case_of(flags);
    match case {
        Case::Sensitive => {}
        Case::Locale => {
            return if negated {
                CharTest::NotLitLocIgnore(av)
            } else {
                CharTest::LitLocIgnore(av)
            }
        }
        Case::Ascii | Case::Unicode if is_cased(case, av) => {
            if case == Case::Ascii {
                let lo = unicode::ascii_lower(av);
                return if negated {
                    CharTest::NotLitIgnore(lo)
                } else {
                    CharTest::LitIgnore(lo)
                };
            }
            let lo = unicode::lower(av);
            return match fixes(lo) {
                None => {
                    if negated {
                        CharTest::NotLitUniIgnore(lo)
                    } else {
                        CharTest::LitUniIgnore(lo)
                    }
                }
                Some(more) => {
                    let mut chars = vec![lo];
                    chars.extend(more);
                    CharTest::InUniIgnore(Box::new(CharSet::literals(negated, &chars)))
                }
            };
        }
        _ => {}
    }
    if negated {
        CharTest::NotLit(av)
    } else {
        CharTest::Lit(av)
    }
}

/// `_simple`: a repeat of exactly one character.
fn simple(body: &[Node]) -> bool {
    if body.len() != 1 {
        return false;
    }
    match &body[0] {
        Node::Subpattern {
            group: None, body, ..
        } => simple(body),
        Node::Literal(_) | Node::NotLiteral(_) | Node::Any | Node::In(_) => true,
        _ => false,
    }
}

/// The single-character test of a `simple` body.
fn compile_unit(node: &Node, flags: u32) -> CharTest {
    match node {
        Node::Subpattern {
            add_flags,
            del_flags,
            body,
            ..
        } => compile_unit(&body[0], combine_flags(flags, *add_flags, *del_flags)),
        Node::Literal(c) => compile_literal(*c, false, flags),
        Node::NotLiteral(c) => compile_literal(*c, true, flags),
        Node::Any => {
            if flags & FLAG_DOTALL != 0 {
                CharTest::AnyAll
            } else {
                CharTest::Any
            }
        }
        Node::In(items) => compile_set(items, flags),
        _ => unreachable!("not a unit"),
    }
}

fn op_name(greedy: bool) -> &'static str {
    if greedy {
        "MAX_REPEAT"
    } else {
        "MIN_REPEAT"
    }
}

struct Compiler<'a> {
    ops: Vec<Op>,
    groupwidths: &'a [Option<(u64, u64)>],
}

impl Compiler<'_> {
    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.ops.len() - 1
    }

    fn here(&self) -> usize {
        self.ops.len()
    }

    fn compile(&mut self, nodes: &[Node], flags: u32) -> Result<(), Error> {
        for node in nodes {
            match node {
                Node::Literal(_) | Node::NotLiteral(_) | Node::In(_) | Node::Any => {
                    let t = compile_unit(node, flags);
                    self.emit(Op::Char(t));
                }
                Node::Repeat {
                    min,
                    max,
                    greedy,
                    body,
                } => {
                    if flags & FLAG_TEMPLATE != 0 {
                        return Err(Error::re_nopos(format!(
                            "internal: unsupported template operator {}",
                            op_name(*greedy)
                        )));
                    }
                    if simple(body) {
                        let item = compile_unit(&body[0], flags);
                        self.emit(Op::RepeatOne {
                            min: *min,
                            max: *max,
                            item,
                            greedy: *greedy,
                        });
                    } else {
                        let rep = self.emit(Op::Repeat {
                            min: *min,
                            max: *max,
                            until: 0,
                        });
                        self.compile(body, flags)?;
                        let until = self.emit(if *greedy { Op::MaxUntil } else { Op::MinUntil });
                        if let Op::Repeat { until: u, .. } = &mut self.ops[rep] {
                            *u = until;
                        }
                    }
                }
                Node::Subpattern {
                    group,
                    add_flags,
                    del_flags,
                    body,
                } => {
                    if let Some(g) = group {
                        self.emit(Op::Mark((g - 1) * 2));
                    }
                    self.compile(body, combine_flags(flags, *add_flags, *del_flags))?;
                    if let Some(g) = group {
                        self.emit(Op::Mark((g - 1) * 2 + 1));
                    }
                }
                Node::Assert {
                    behind,
                    negate,
                    body,
                } => {
                    let back = if *behind {
                        let (lo, hi) = parser::width(body, self.groupwidths);
                        if lo != hi {
                            return Err(Error::re_nopos(
                                "look-behind requires fixed-width pattern",
                            ));
                        }
                        lo as u32
                    } else {
                        0
                    };
                    let at = self.emit(Op::Assert {
                        back,
                        negate: *negate,
                        next: 0,
                    });
                    self.compile(body, flags)?;
                    self.emit(Op::Success);
                    let next = self.here();
                    if let Op::Assert { next: n, .. } = &mut self.ops[at] {
                        *n = next;
                    }
                }
                Node::At(at) => {
                    let mut code = match at {
                        At::Beginning => AtCode::Beginning,
                        At::BeginningString => AtCode::BeginningString,
                        At::Boundary => AtCode::Boundary,
                        At::NonBoundary => AtCode::NonBoundary,
                        At::End => AtCode::End,
                        At::EndString => AtCode::EndString,
                    };
                    if flags & FLAG_MULTILINE != 0 {
                        code = match code {
                            AtCode::Beginning => AtCode::BeginningLine,
                            AtCode::End => AtCode::EndLine,
                            c => c,
                        };
                    }
                    if flags & FLAG_LOCALE != 0 {
                        code = match code {
                            AtCode::Boundary => AtCode::LocBoundary,
                            AtCode::NonBoundary => AtCode::LocNonBoundary,
                            c => c,
                        };
                    } else if flags & FLAG_UNICODE != 0 {
                        code = match code {
                            AtCode::Boundary => AtCode::UniBoundary,
                            AtCode::NonBoundary => AtCode::UniNonBoundary,
                            c => c,
                        };
                    }
                    self.emit(Op::At(code));
                }
                Node::Branch(alts) => {
                    let branch = self.emit(Op::Branch(Box::new([])));
                    let mut starts = Vec::with_capacity(alts.len());
                    let mut jumps = Vec::with_capacity(alts.len());
                    for alt in alts {
                        starts.push(self.here());
                        self.compile(alt, flags)?;
                        jumps.push(self.emit(Op::Jump(0)));
                    }
                    let end = self.here();
                    for j in jumps {
                        self.ops[j] = Op::Jump(end);
                    }
                    self.ops[branch] = Op::Branch(starts.into_boxed_slice());
                }
                Node::GroupRef(g) => {
                    let kind = match case_of(flags) {
                        Case::Sensitive => RefKind::Exact,
                        Case::Locale => RefKind::Locale,
                        Case::Ascii => RefKind::Ascii,
                        Case::Unicode => RefKind::Unicode,
                    };
                    self.emit(Op::GroupRef(g - 1, kind));
                }
                Node::GroupRefExists { group, yes, no } => {
                    let at = self.emit(Op::GroupRefExists {
                        group: group - 1,
                        no: 0,
                    });
                    self.compile(yes, flags)?;
                    let no_pc = if let Some(no) = no {
                        let jump = self.emit(Op::Jump(0));
                        let no_pc = self.here();
                        self.compile(no, flags)?;
                        let end = self.here();
                        self.ops[jump] = Op::Jump(end);
                        no_pc
                    } else {
                        self.here()
                    };
                    if let Op::GroupRefExists { no: n, .. } = &mut self.ops[at] {
                        *n = no_pc;
                    }
                }
            }
        }
        Ok(())
    }
}

/// `_get_literal_prefix`: the literal characters every match starts with,
/// and whether they are the whole pattern.
fn literal_prefix(nodes: &[Node], flags: u32, prefix: &mut Vec<u32>) -> bool {
    let case = case_of(flags);
    for node in nodes {
        match node {
            Node::Literal(c) => {
                if case != Case::Sensitive && (case == Case::Locale || is_cased(case, *c)) {
                    return false;
                }
                prefix.push(*c);
            }
            Node::Subpattern {
                add_flags,
                del_flags,
                body,
                ..
            } => {
                let f = combine_flags(flags, *add_flags, *del_flags);
                if f & FLAG_IGNORECASE != 0 && f & FLAG_LOCALE != 0 {
                    return false;
                }
                if !literal_prefix(body, f, prefix) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// `_get_charset_prefix`: the set of possible first characters.
fn charset_prefix(nodes: &[Node], flags: u32) -> Option<Vec<SetItem>> {
    let mut nodes = nodes;
    let mut flags = flags;
    while let Node::Subpattern {
        add_flags,
        del_flags,
        body,
        ..
    } = nodes.first()?
    {
        flags = combine_flags(flags, *add_flags, *del_flags);
        if flags & FLAG_IGNORECASE != 0 && flags & FLAG_LOCALE != 0 {
            return None;
        }
        nodes = body;
    }
    let case = case_of(flags);
    let cased = |c: u32| case != Case::Sensitive && is_cased(case, c);
    match &nodes[0] {
        Node::Literal(c) if !cased(*c) => Some(vec![SetItem::Literal(*c)]),
        Node::Branch(alts) => {
            let mut set = Vec::new();
            for alt in alts {
                match alt.first()? {
                    Node::Literal(c) if !cased(*c) => set.push(SetItem::Literal(*c)),
                    _ => return None,
                }
            }
            Some(set)
        }
        Node::In(items) => {
            if case != Case::Sensitive {
                for item in items {
                    match *item {
                        SetItem::Literal(c) if cased(c) => return None,
                        SetItem::Range(lo, hi) if hi > 0xFFFF || (lo..=hi).any(cased) => {
                            return None
                        }
                        _ => {}
                    }
                }
            }
            Some(items.clone())
        }
        _ => None,
    }
}

fn has_groups(nodes: &[Node]) -> bool {
    nodes.iter().any(|n| match n {
        Node::Subpattern { group, body, .. } => group.is_some() || has_groups(body),
        _ => false,
    })
}

/// `sre_compile.compile` from a parsed pattern.
pub(crate) fn compile(parsed: &Parsed) -> Result<Program, Error> {
    let flags = parsed.flags;
    let mut c = Compiler {
        ops: Vec::new(),
        groupwidths: &parsed.groupwidths,
    };
    c.compile(&parsed.nodes, flags)?;
    c.emit(Op::Success);
    let (lo, _) = parser::width(&parsed.nodes, &parsed.groupwidths);
    let mut start = Start::Anywhere;
    let mut literal = None;
    if matches!(
        c.ops.first(),
        Some(Op::At(AtCode::Beginning | AtCode::BeginningString))
    ) {
        start = Start::AtBeginning;
    } else if lo > 0 && !(flags & FLAG_IGNORECASE != 0 && flags & FLAG_LOCALE != 0) {
        let mut prefix = Vec::new();
        let got_all = literal_prefix(&parsed.nodes, flags, &mut prefix);
        if !prefix.is_empty() {
            if got_all && !has_groups(&parsed.nodes) {
                literal = Some(prefix.clone().into_boxed_slice());
            }
            start = Start::Prefix(prefix.into_boxed_slice());
        } else if let Some(items) = charset_prefix(&parsed.nodes, flags) {
            // The first character is tested as is, without case folding.
            let test = compile_set(&items, flags & !FLAG_IGNORECASE);
            if let CharTest::In(set) = test {
                start = Start::Set(set);
            }
        }
    }
    let first = c
        .ops
        .iter()
        .find(|op| !matches!(op, Op::Mark(_)))
        .and_then(|op| match op {
            Op::Char(t) => Some(t.clone()),
            Op::RepeatOne { min, item, .. } if *min > 0 => Some(item.clone()),
            _ => None,
        });
    Ok(Program {
        first,
        ops: c.ops,
        groups: parsed.groups,
        min_width: lo,
        start,
        literal,
    })
}
