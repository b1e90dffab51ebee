//! The backtracking machine, with `_sre`'s semantics.
//!
//! Matching is a depth-first search in which every choice point (an
//! alternative, one more iteration of a repeat, a shorter greedy repeat, the
//! sub-match of an assertion) runs the rest of the pattern as a *child*
//! frame; a child ends by succeeding (the whole match succeeded) or failing
//! (its parent tries its next choice). Frames live on an explicit stack, so
//! deep backtracking never grows the Rust stack, and a repeat of a single
//! character (`RepeatOne`) counts its characters in a tight loop and
//! backtracks by stepping its own counter, without a frame per character.
//!
//! Capture groups follow `_sre` exactly: marks are plain slots that a
//! failing branch does not always restore; what is undone, and when, is
//! `_sre`'s choice (`lastmark` saved and restored around branches and repeats,
//! the marks themselves only inside repeats), so that `lastindex` and groups
//! set by failed alternatives or negative look-aheads come out as CPython's.

use crate::compiler::{AtCode, CharTest, Op, Program, RefKind, Start};
use crate::unicode;
use crate::MAXREPEAT;

/// A character of a subject: a byte, a UCS-2 unit or a code point.
pub trait SreChar: Copy {
    fn code(self) -> u32;

    /// The index of the first `c` in `hay`.
    fn find(hay: &[Self], c: u32) -> Option<usize> {
        hay.iter().position(|x| x.code() == c)
    }
}

impl SreChar for u8 {
    #[inline]
    fn code(self) -> u32 {
        self as u32
    }

    fn find(hay: &[u8], c: u32) -> Option<usize> {
        if c > 0xFF {
            return None;
        }
        // Eight bytes at a time: a zero byte in `word ^ pattern` is a hit.
        let c = c as u8;
        let pattern = u64::from_ne_bytes([c; 8]);
        let mut chunks = hay.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8])) ^ pattern;
            if (word.wrapping_sub(0x0101_0101_0101_0101) & !word & 0x8080_8080_8080_8080) != 0 {
                return chunk.iter().position(|&b| b == c).map(|i| base + i);
            }
            base += 8;
        }
        chunks
            .remainder()
            .iter()
            .position(|&b| b == c)
            .map(|i| base + i)
    }
}

impl SreChar for u16 {
    #[inline]
    fn code(self) -> u32 {
        self as u32
    }
}

impl SreChar for u32 {
    #[inline]
    fn code(self) -> u32 {
        self
    }
}

/// What a single match attempt requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `Pattern.match`: anchored at `pos`.
    Match,
    /// `Pattern.fullmatch`: anchored at `pos` and ending at `endpos`.
    FullMatch,
    /// `Pattern.search`: the first position from `pos` where a match starts.
    Search,
}

const NONE: usize = usize::MAX;

/// The spans of a match: group 0 (the whole match) and each capturing group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captures {
    /// `2 * (groups + 1)` positions; `NONE` for groups that did not match.
    spans: Vec<usize>,
    lastindex: Option<usize>,
}

impl Captures {
    /// The span of group `group` (0 is the whole match), `None` if it did not
    /// take part in the match or does not exist.
    pub fn span(&self, group: usize) -> Option<(usize, usize)> {
        let s = *self.spans.get(2 * group)?;
        let e = *self.spans.get(2 * group + 1)?;
        (s != NONE && e != NONE).then_some((s, e))
    }

    /// `Match.lastindex`.
    pub fn lastindex(&self) -> Option<usize> {
        self.lastindex
    }

    /// Number of groups including group 0.
    pub fn len(&self) -> usize {
        self.spans.len() / 2
    }

    /// Never true: group 0 always exists.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Where a frame goes on when its child returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    None,
    Branch,
    RepeatOneLit,
    RepeatOneGen,
    MinRepeatOne,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Assert,
    AssertNot,
}

/// One activation of the matcher (`SRE(match_context)`).
#[derive(Debug, Clone, Copy)]
struct Frame {
    pc: usize,
    ptr: usize,
    resume: Resume,
    toplevel: bool,
    in_repeat: bool,
    /// Repeat count, or the alternative being tried.
    count: isize,
    lastmark: isize,
    lastindex: isize,
    /// The repeat context this frame works on.
    rep: usize,
    /// A saved `last_ptr` of that repeat context.
    saved: usize,
}

impl Frame {
    fn new(pc: usize, ptr: usize, toplevel: bool) -> Frame {
        Frame {
            pc,
            ptr,
            resume: Resume::None,
            toplevel,
            in_repeat: false,
            count: 0,
            lastmark: -1,
            lastindex: -1,
            rep: NONE,
            saved: NONE,
        }
    }
}

/// A running general repeat (`SRE_REPEAT`).
#[derive(Debug, Clone, Copy)]
struct RepeatCtx {
    count: isize,
    /// The `Repeat` op.
    pc: usize,
    prev: usize,
    /// Where the last iteration started (zero-width iteration guard).
    last_ptr: usize,
}

/// Matching state over one subject, reused across successive matches.
pub struct Scanner<'r, 't, C: SreChar> {
    prog: &'r Program,
    text: &'t [C],
    /// `endpos`: characters at and after it are invisible.
    end: usize,
    /// Where the next search or match begins (`state->start` of the
    /// scanner); `NONE` once a scan is exhausted.
    pos: usize,
    must_advance: bool,
    match_all: bool,
    /// Start of the current attempt.
    start: usize,
    /// End of the last successful (sub-)match.
    ptr: usize,
    marks: Vec<usize>,
    lastmark: isize,
    lastindex: isize,
    repeat: usize,
    repeats: Vec<RepeatCtx>,
    mark_stack: Vec<usize>,
    frames: Vec<Frame>,
}

impl<'r, 't, C: SreChar> Scanner<'r, 't, C> {
    pub(crate) fn new(prog: &'r Program, text: &'t [C], pos: usize, endpos: usize) -> Self {
        let len = text.len();
        Scanner {
            prog,
            text,
            end: endpos.min(len),
            pos: pos.min(len),
            must_advance: false,
            match_all: false,
            start: 0,
            ptr: 0,
            marks: vec![NONE; 2 * prog.groups],
            lastmark: -1,
            lastindex: -1,
            repeat: NONE,
            repeats: Vec::new(),
            mark_stack: Vec::new(),
            frames: Vec::new(),
        }
    }

    /// One match attempt from the current position (`must_advance`: an
    /// empty match at that position does not count).
    pub fn run(&mut self, mode: Mode, must_advance: bool) -> bool {
        if self.pos == NONE {
            return false;
        }
        self.must_advance = must_advance;
        self.match_all = mode == Mode::FullMatch;
        match mode {
            Mode::Search => self.search(),
            Mode::Match | Mode::FullMatch => self.attempt(self.pos, true),
        }
    }

    /// The next match of a `finditer` scan (allocates the result).
    pub fn next_match(&mut self) -> Option<Captures> {
        if self.advance(Mode::Search) {
            Some(self.captures())
        } else {
            None
        }
    }

    /// The next match of a scan, leaving its spans in the scanner (read them
    /// with [`Scanner::span`]). `Mode::Search` gives `finditer`'s matches;
    /// `Mode::Match` gives `Pattern.scanner().match()`'s, each anchored where
    /// the previous one ended.
    pub fn advance(&mut self, mode: Mode) -> bool {
        let must_advance = self.must_advance;
        if !self.run(mode, must_advance) {
            self.pos = NONE;
            return false;
        }
        self.must_advance = self.ptr == self.start;
        self.pos = self.ptr;
        true
    }

    /// Resume a scan after a match that ended here: when `empty_before`, the
    /// previous match was empty and ended at the current position, so an
    /// empty match there does not count again.
    pub fn set_must_advance(&mut self, empty_before: bool) {
        self.must_advance = empty_before;
    }

    /// The span of `group` in the last successful match.
    pub fn span(&self, group: usize) -> Option<(usize, usize)> {
        if group == 0 {
            return Some((self.start, self.ptr));
        }
        let j = 2 * (group - 1);
        if j >= self.marks.len() {
            return None;
        }
        let (s, e) = (self.marks[j], self.marks[j + 1]);
        ((j + 1) as isize <= self.lastmark && s != NONE && e != NONE).then_some((s, e))
    }

    /// `lastindex` of the last successful match.
    pub fn lastindex(&self) -> Option<usize> {
        (self.lastindex >= 0).then_some(self.lastindex as usize)
    }

    /// The last successful match's spans.
    pub fn captures(&self) -> Captures {
        let groups = self.prog.groups;
        let mut spans = Vec::with_capacity(2 * (groups + 1));
        for g in 0..=groups {
            match self.span(g) {
                Some((s, e)) => {
                    spans.push(s);
                    spans.push(e);
                }
                None => {
                    spans.push(NONE);
                    spans.push(NONE);
                }
            }
        }
        Captures {
            spans,
            lastindex: self.lastindex(),
        }
    }

    fn search(&mut self) -> bool {
        let prog = self.prog;
        let text = self.text;
        let mut ptr = self.pos;
        let end = self.end;
        if ptr > end {
            return false;
        }
        let min = prog.min_width;
        if min > 0 && ((end - ptr) as u64) < min {
            return false;
        }
        // The last position where a match can start.
        let last = end - (min as usize).min(end - ptr);
        match &prog.start {
            Start::AtBeginning => ptr == 0 && self.attempt(0, true),
            Start::Prefix(prefix) => {
                let first = prefix[0];
                let n = prefix.len();
                while ptr <= last {
                    match C::find(&text[ptr..=last], first) {
                        Some(i) => ptr += i,
                        None => return false,
                    }
                    if ptr + n <= end && (1..n).all(|i| text[ptr + i].code() == prefix[i]) {
                        if prog.literal.is_some() {
                            self.lastmark = -1;
                            self.lastindex = -1;
                            self.start = ptr;
                            self.ptr = ptr + n;
                            return true;
                        }
                        self.must_advance = false;
                        if self.attempt(ptr, false) {
                            return true;
                        }
                    }
                    ptr += 1;
                }
                false
            }
            Start::Set(set) => {
                self.must_advance = false;
                while ptr <= last {
                    if ptr < end && set.contains(text[ptr].code()) && self.attempt(ptr, false) {
                        return true;
                    }
                    ptr += 1;
                }
                false
            }
            Start::Anywhere => {
                let first = prog.first.as_ref();
                let hopeless = |ptr: usize| match first {
                    Some(t) => ptr >= end || !t.matches(text[ptr].code()),
                    None => false,
                };
                if !hopeless(ptr) && self.attempt(ptr, true) {
                    return true;
                }
                self.must_advance = false;
                while ptr < last {
                    ptr += 1;
                    if !hopeless(ptr) && self.attempt(ptr, false) {
                        return true;
                    }
                }
                false
            }
        }
    }

    /// `SRE(match)` at `ptr` with fresh captures.
    fn attempt(&mut self, ptr: usize, toplevel: bool) -> bool {
        self.start = ptr;
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = NONE;
        self.repeats.clear();
        self.mark_stack.clear();
        self.execute(ptr, toplevel)
    }

    #[inline]
    fn lastmark_save(&self, f: &mut Frame) {
        f.lastmark = self.lastmark;
        f.lastindex = self.lastindex;
    }

    #[inline]
    fn lastmark_restore(&mut self, f: &Frame) {
        self.lastmark = f.lastmark;
        self.lastindex = f.lastindex;
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.mark_stack.extend_from_slice(&self.marks[..n]);
        }
    }

    fn mark_pop_keep(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.mark_stack.len() - n;
            self.marks[..n].copy_from_slice(&self.mark_stack[base..]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            self.mark_pop_keep(lastmark);
            self.mark_pop_discard(lastmark);
        }
    }

    fn mark_pop_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let len = self.mark_stack.len();
            self.mark_stack.truncate(len - n);
        }
    }

    /// How many characters from `ptr` satisfy `item`, up to `max`.
    fn count(&self, item: &CharTest, ptr: usize, max: u32) -> usize {
        let text = self.text;
        let mut end = self.end;
        if max != MAXREPEAT && (max as usize) < end - ptr {
            end = ptr + max as usize;
        }
        let slice = &text[ptr..end];
        let n = match item {
            CharTest::AnyAll => slice.len(),
            CharTest::Any => slice
                .iter()
                .position(|c| c.code() == 10)
                .unwrap_or(slice.len()),
            CharTest::Lit(l) => slice
                .iter()
                .position(|c| c.code() != *l)
                .unwrap_or(slice.len()),
            CharTest::NotLit(l) => slice
                .iter()
                .position(|c| c.code() == *l)
                .unwrap_or(slice.len()),
            CharTest::In(set) => slice
                .iter()
                .position(|c| !set.contains(c.code()))
                .unwrap_or(slice.len()),
            _ => slice
                .iter()
                .position(|c| !item.matches(c.code()))
                .unwrap_or(slice.len()),
        };
        n
    }

    fn is_word(code: AtCode, c: u32) -> bool {
        match code {
            AtCode::UniBoundary | AtCode::UniNonBoundary => unicode::is_word(c),
            _ => unicode::ascii_is_word(c),
        }
    }

    fn at(&self, ptr: usize, code: AtCode) -> bool {
        let text = self.text;
        let end = self.end;
        match code {
            AtCode::Beginning | AtCode::BeginningString => ptr == 0,
            AtCode::BeginningLine => ptr == 0 || text[ptr - 1].code() == 10,
            AtCode::End => (ptr + 1 == end && text[ptr].code() == 10) || ptr == end,
            AtCode::EndLine => ptr == end || (ptr < text.len() && text[ptr].code() == 10),
            AtCode::EndString => ptr == end,
            AtCode::Boundary
            | AtCode::NonBoundary
            | AtCode::UniBoundary
            | AtCode::UniNonBoundary
            | AtCode::LocBoundary
            | AtCode::LocNonBoundary => {
                if end == 0 {
                    return false;
                }
                let that = ptr > 0 && Self::is_word(code, text[ptr - 1].code());
                let this = ptr < end && Self::is_word(code, text[ptr].code());
                match code {
                    AtCode::Boundary | AtCode::UniBoundary | AtCode::LocBoundary => this != that,
                    _ => this == that,
                }
            }
        }
    }

    /// The group's span if it is set (for back-references and conditionals).
    fn group_marks(&self, group: usize) -> Option<(usize, usize)> {
        let g = 2 * group;
        if g as isize >= self.lastmark {
            return None;
        }
        let (p, e) = (self.marks[g], self.marks[g + 1]);
        (p != NONE && e != NONE && e >= p).then_some((p, e))
    }

    /// Choose the next alternative of a branch worth trying.
    fn next_alt(&self, alts: &[usize], f: &mut Frame) -> Option<usize> {
        let ops = &self.prog.ops;
        while (f.count as usize) < alts.len() {
            let a = alts[f.count as usize];
            let hopeless = match &ops[a] {
                Op::Char(CharTest::Lit(l)) => f.ptr >= self.end || self.text[f.ptr].code() != *l,
                Op::Char(CharTest::In(set)) => {
                    f.ptr >= self.end || !set.contains(self.text[f.ptr].code())
                }
                _ => false,
            };
            if !hopeless {
                return Some(a);
            }
            f.count += 1;
        }
        None
    }

    fn repeat_bounds(&self, rep: usize) -> (u32, u32, usize) {
        let pc = self.repeats[rep].pc;
        match self.prog.ops[pc] {
            Op::Repeat { min, max, .. } => (min, max, pc + 1),
            _ => unreachable!("repeat context without a Repeat op"),
        }
    }

    /// Run the program from `ptr`: true on success, with the end of the match
    /// in `self.ptr` and the groups in the marks.
    fn execute(&mut self, ptr: usize, toplevel: bool) -> bool {
        let prog: &'r Program = self.prog;
        let ops = &prog.ops[..];
        let text: &'t [C] = self.text;
        let end = self.end;
        self.frames.clear();
        let mut f = Frame::new(0, ptr, toplevel);
        let mut ret = false;
        // true: `f` just got `ret` back from a child and must resume.
        let mut returning = false;

        macro_rules! finish {
            ($l:lifetime, $v:expr) => {{
                ret = $v;
                match self.frames.pop() {
                    Some(parent) => {
                        f = parent;
                        returning = true;
                        continue $l;
                    }
                    None => return ret,
                }
            }};
        }
        macro_rules! call {
            ($l:lifetime, $resume:expr, $pc:expr, $ptr:expr, $top:expr) => {{
                f.resume = $resume;
                let child = Frame::new($pc, $ptr, $top);
                self.frames.push(f);
                f = child;
                returning = false;
                continue $l;
            }};
        }

        'main: loop {
            if returning {
                match f.resume {
                    Resume::None => unreachable!("resumed a frame that called nothing"),
                    Resume::Branch => {
                        let Op::Branch(alts) = &ops[f.pc] else {
                            unreachable!()
                        };
                        if ret {
                            if f.in_repeat {
                                self.mark_pop_discard(f.lastmark);
                            }
                            finish!('main, true);
                        }
                        if f.in_repeat {
                            self.mark_pop_keep(f.lastmark);
                        }
                        self.lastmark_restore(&f);
                        f.count += 1;
                        match self.next_alt(alts, &mut f) {
                            Some(a) => call!('main, Resume::Branch, a, f.ptr, f.toplevel),
                            None => {
                                if f.in_repeat {
                                    self.mark_pop_discard(f.lastmark);
                                }
                                finish!('main, false);
                            }
                        }
                    }
                    Resume::RepeatOneLit | Resume::RepeatOneGen => {
                        if ret {
                            finish!('main, true);
                        }
                        let Op::RepeatOne { min, .. } = ops[f.pc] else {
                            unreachable!()
                        };
                        let min = min as isize;
                        self.lastmark_restore(&f);
                        if f.count <= min {
                            finish!('main, false);
                        }
                        f.ptr -= 1;
                        f.count -= 1;
                        if f.resume == Resume::RepeatOneLit {
                            let Op::Char(CharTest::Lit(l)) = ops[f.pc + 1] else {
                                unreachable!()
                            };
                            loop {
                                if f.ptr < end && text[f.ptr].code() == l {
                                    break;
                                }
                                if f.count <= min {
                                    finish!('main, false);
                                }
                                f.ptr -= 1;
                                f.count -= 1;
                            }
                        }
                        call!('main, f.resume, f.pc + 1, f.ptr, f.toplevel);
                    }
                    Resume::MinRepeatOne => {
                        if ret {
                            finish!('main, true);
                        }
                        let Op::RepeatOne { max, ref item, .. } = ops[f.pc] else {
                            unreachable!()
                        };
                        if f.ptr >= end || !item.matches(text[f.ptr].code()) {
                            finish!('main, false);
                        }
                        f.ptr += 1;
                        f.count += 1;
                        self.lastmark_restore(&f);
                        if max == MAXREPEAT || f.count <= max as isize {
                            call!('main, Resume::MinRepeatOne, f.pc + 1, f.ptr, f.toplevel);
                        }
                        finish!('main, false);
                    }
                    Resume::Repeat => {
                        self.repeat = self.repeats[f.rep].prev;
                        self.repeats.truncate(f.rep);
                        finish!('main, ret);
                    }
                    Resume::MaxUntil1 | Resume::MinUntil1 => {
                        if ret {
                            finish!('main, true);
                        }
                        self.repeats[f.rep].count = f.count - 1;
                        finish!('main, false);
                    }
                    Resume::MaxUntil2 => {
                        self.repeats[f.rep].last_ptr = f.saved;
                        if ret {
                            self.mark_pop_discard(f.lastmark);
                            finish!('main, true);
                        }
                        self.mark_pop(f.lastmark);
                        self.lastmark_restore(&f);
                        self.repeats[f.rep].count = f.count - 1;
                        // The tail.
                        self.repeat = self.repeats[f.rep].prev;
                        call!('main, Resume::MaxUntil3, f.pc + 1, f.ptr, f.toplevel);
                    }
                    Resume::MaxUntil3 => {
                        if ret {
                            finish!('main, true);
                        }
                        self.repeat = f.rep;
                        finish!('main, false);
                    }
                    Resume::MinUntil2 => {
                        if ret {
                            if f.in_repeat {
                                self.mark_pop_discard(f.lastmark);
                            }
                            finish!('main, true);
                        }
                        if f.in_repeat {
                            self.mark_pop(f.lastmark);
                        }
                        self.lastmark_restore(&f);
                        self.repeat = f.rep;
                        let (_, max, body) = self.repeat_bounds(f.rep);
                        let rep = &mut self.repeats[f.rep];
                        if (max != MAXREPEAT && f.count >= max as isize) || f.ptr == rep.last_ptr {
                            finish!('main, false);
                        }
                        rep.count = f.count;
                        f.saved = rep.last_ptr;
                        rep.last_ptr = f.ptr;
                        call!('main, Resume::MinUntil3, body, f.ptr, f.toplevel);
                    }
                    Resume::MinUntil3 => {
                        let rep = &mut self.repeats[f.rep];
                        rep.last_ptr = f.saved;
                        if ret {
                            finish!('main, true);
                        }
                        rep.count = f.count - 1;
                        finish!('main, false);
                    }
                    Resume::Assert => {
                        if !ret {
                            finish!('main, false);
                        }
                        let Op::Assert { next, .. } = ops[f.pc] else {
                            unreachable!()
                        };
                        f.pc = next;
                    }
                    Resume::AssertNot => {
                        if ret {
                            finish!('main, false);
                        }
                        let Op::Assert { next, .. } = ops[f.pc] else {
                            unreachable!()
                        };
                        f.pc = next;
                    }
                }
            }

            // Execute `f` from `f.pc` until it calls a child or finishes.
            loop {
                match &ops[f.pc] {
                    Op::Char(t) => {
                        if f.ptr >= end || !t.matches(text[f.ptr].code()) {
                            finish!('main, false);
                        }
                        f.ptr += 1;
                        f.pc += 1;
                    }
                    Op::Mark(i) => {
                        let i = *i;
                        if i & 1 == 1 {
                            self.lastindex = (i / 2 + 1) as isize;
                        }
                        if i as isize > self.lastmark {
                            for j in (self.lastmark + 1) as usize..i {
                                self.marks[j] = NONE;
                            }
                            self.lastmark = i as isize;
                        }
                        self.marks[i] = f.ptr;
                        f.pc += 1;
                    }
                    Op::Jump(t) => f.pc = *t,
                    Op::Success => {
                        if f.toplevel
                            && ((self.match_all && f.ptr != end)
                                || (self.must_advance && f.ptr == self.start))
                        {
                            finish!('main, false);
                        }
                        self.ptr = f.ptr;
                        finish!('main, true);
                    }
                    Op::At(code) => {
                        if !self.at(f.ptr, *code) {
                            finish!('main, false);
                        }
                        f.pc += 1;
                    }
                    Op::Branch(alts) => {
                        self.lastmark_save(&mut f);
                        f.in_repeat = self.repeat != NONE;
                        if f.in_repeat {
                            self.mark_push(f.lastmark);
                        }
                        f.count = 0;
                        match self.next_alt(alts, &mut f) {
                            Some(a) => call!('main, Resume::Branch, a, f.ptr, f.toplevel),
                            None => {
                                if f.in_repeat {
                                    self.mark_pop_discard(f.lastmark);
                                }
                                finish!('main, false);
                            }
                        }
                    }
                    Op::RepeatOne {
                        min,
                        max,
                        item,
                        greedy,
                    } => {
                        let (min, max) = (*min, *max);
                        if f.ptr > end || min as usize > end - f.ptr {
                            finish!('main, false);
                        }
                        let next = f.pc + 1;
                        if *greedy {
                            let n = self.count(item, f.ptr, max);
                            f.count = n as isize;
                            f.ptr += n;
                            if n < min as usize {
                                finish!('main, false);
                            }
                            if matches!(ops[next], Op::Success)
                                && f.ptr == end
                                && !(f.toplevel && self.must_advance && f.ptr == self.start)
                            {
                                self.ptr = f.ptr;
                                finish!('main, true);
                            }
                            self.lastmark_save(&mut f);
                            if let Op::Char(CharTest::Lit(l)) = ops[next] {
                                // Only try tails that start with the literal.
                                loop {
                                    if f.ptr < end && text[f.ptr].code() == l {
                                        break;
                                    }
                                    if f.count <= min as isize {
                                        finish!('main, false);
                                    }
                                    f.ptr -= 1;
                                    f.count -= 1;
                                }
                                call!('main, Resume::RepeatOneLit, next, f.ptr, f.toplevel);
                            }
                            call!('main, Resume::RepeatOneGen, next, f.ptr, f.toplevel);
                        } else {
                            if min == 0 {
                                f.count = 0;
                            } else {
                                let n = self.count(item, f.ptr, min);
                                if n < min as usize {
                                    finish!('main, false);
                                }
                                f.count = n as isize;
                                f.ptr += n;
                            }
                            if matches!(ops[next], Op::Success)
                                && !(f.toplevel
                                    && ((self.match_all && f.ptr != end)
                                        || (self.must_advance && f.ptr == self.start)))
                            {
                                self.ptr = f.ptr;
                                finish!('main, true);
                            }
                            self.lastmark_save(&mut f);
                            if max == MAXREPEAT || f.count <= max as isize {
                                call!('main, Resume::MinRepeatOne, next, f.ptr, f.toplevel);
                            }
                            finish!('main, false);
                        }
                    }
                    Op::Repeat { until, .. } => {
                        let idx = self.repeats.len();
                        self.repeats.push(RepeatCtx {
                            count: -1,
                            pc: f.pc,
                            prev: self.repeat,
                            last_ptr: NONE,
                        });
                        self.repeat = idx;
                        f.rep = idx;
                        call!('main, Resume::Repeat, *until, f.ptr, f.toplevel);
                    }
                    Op::MaxUntil => {
                        let r = self.repeat;
                        f.rep = r;
                        let (min, max, body) = self.repeat_bounds(r);
                        f.count = self.repeats[r].count + 1;
                        if f.count < min as isize {
                            self.repeats[r].count = f.count;
                            call!('main, Resume::MaxUntil1, body, f.ptr, f.toplevel);
                        }
                        if (max == MAXREPEAT || f.count < max as isize)
                            && f.ptr != self.repeats[r].last_ptr
                        {
                            self.repeats[r].count = f.count;
                            self.lastmark_save(&mut f);
                            self.mark_push(f.lastmark);
                            f.saved = self.repeats[r].last_ptr;
                            self.repeats[r].last_ptr = f.ptr;
                            call!('main, Resume::MaxUntil2, body, f.ptr, f.toplevel);
                        }
                        self.repeat = self.repeats[r].prev;
                        call!('main, Resume::MaxUntil3, f.pc + 1, f.ptr, f.toplevel);
                    }
                    Op::MinUntil => {
                        let r = self.repeat;
                        f.rep = r;
                        let (min, _, body) = self.repeat_bounds(r);
                        f.count = self.repeats[r].count + 1;
                        if f.count < min as isize {
                            self.repeats[r].count = f.count;
                            call!('main, Resume::MinUntil1, body, f.ptr, f.toplevel);
                        }
                        self.lastmark_save(&mut f);
                        self.repeat = self.repeats[r].prev;
                        f.in_repeat = self.repeat != NONE;
                        if f.in_repeat {
                            self.mark_push(f.lastmark);
                        }
                        call!('main, Resume::MinUntil2, f.pc + 1, f.ptr, f.toplevel);
                    }
                    Op::GroupRef(group, kind) => {
                        let Some((p, e)) = self.group_marks(*group) else {
                            finish!('main, false);
                        };
                        if e - p > end.saturating_sub(f.ptr) {
                            finish!('main, false);
                        }
                        let same = |a: u32, b: u32| match kind {
                            RefKind::Exact => a == b,
                            RefKind::Ascii | RefKind::Locale => {
                                unicode::ascii_lower(a) == unicode::ascii_lower(b)
                            }
                            RefKind::Unicode => unicode::lower(a) == unicode::lower(b),
                        };
                        for i in p..e {
                            if !same(text[f.ptr].code(), text[i].code()) {
                                finish!('main, false);
                            }
                            f.ptr += 1;
                        }
                        f.pc += 1;
                    }
                    Op::GroupRefExists { group, no } => {
                        if self.group_marks(*group).is_some() {
                            f.pc += 1;
                        } else {
                            f.pc = *no;
                        }
                    }
                    Op::Assert { back, negate, next } => {
                        let back = *back as usize;
                        if *negate {
                            if f.ptr >= back {
                                call!('main, Resume::AssertNot, f.pc + 1, f.ptr - back, false);
                            }
                            f.pc = *next;
                        } else {
                            if f.ptr < back {
                                finish!('main, false);
                            }
                            call!('main, Resume::Assert, f.pc + 1, f.ptr - back, false);
                        }
                    }
                }
            }
        }
    }
}
