//! Pattern text → tree, with the syntax, error messages and error positions of
//! CPython 3.10's `sre_parse`.
//!
//! The tokenizer yields single characters and backslash pairs, as
//! `sre_parse.Tokenizer` does, because CPython's error positions are computed
//! from that token stream ("position of the token after the last one read,
//! minus an offset").

use crate::unicode;
use crate::{
    Error, ErrorKind, Warning, FLAG_ASCII, FLAG_DEBUG, FLAG_DOTALL, FLAG_IGNORECASE, FLAG_LOCALE,
    FLAG_MULTILINE, FLAG_TEMPLATE, FLAG_UNICODE, FLAG_VERBOSE, MAXGROUPS, MAXREPEAT,
};

/// How deep groups may nest. CPython's parser recurses through two Python
/// frames per level (as `nested` counts here) and runs out of its recursion
/// limit (1000) a few frames above this; so does this parser, with
/// `RecursionError`, which also bounds every recursion of the compiler.
const MAX_NESTING: usize = 994;

pub(crate) const TYPE_FLAGS: u32 = FLAG_ASCII | FLAG_LOCALE | FLAG_UNICODE;
const GLOBAL_FLAGS: u32 = FLAG_DEBUG | FLAG_TEMPLATE;

/// Anchors (`AT` codes before the flags pick their variant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    Beginning,
    BeginningString,
    Boundary,
    NonBoundary,
    End,
    EndString,
}

/// Character categories (`\d` ...), before the flags pick their variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Category {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
}

/// A member of a character set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SetItem {
    Negate,
    Literal(u32),
    Range(u32, u32),
    Category(Category),
}

/// The parsed pattern (`sre_parse`'s `(op, av)` items).
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Literal(u32),
    NotLiteral(u32),
    Any,
    In(Vec<SetItem>),
    At(At),
    Branch(Vec<Vec<Node>>),
    Subpattern {
        group: Option<usize>,
        add_flags: u32,
        del_flags: u32,
        body: Vec<Node>,
    },
    Repeat {
        min: u32,
        max: u32,
        greedy: bool,
        body: Vec<Node>,
    },
    GroupRef(usize),
    GroupRefExists {
        group: usize,
        yes: Vec<Node>,
        no: Option<Vec<Node>>,
    },
    Assert {
        behind: bool,
        negate: bool,
        body: Vec<Node>,
    },
}

impl Node {
    /// Python's `==` between two items: only items whose arguments are plain
    /// values can be equal (sub-patterns compare by identity).
    fn same(&self, other: &Node) -> bool {
        match (self, other) {
            (Node::Literal(a), Node::Literal(b)) => a == b,
            (Node::NotLiteral(a), Node::NotLiteral(b)) => a == b,
            (Node::Any, Node::Any) => true,
            (Node::In(a), Node::In(b)) => a == b,
            (Node::At(a), Node::At(b)) => a == b,
            (Node::GroupRef(a), Node::GroupRef(b)) => a == b,
            _ => false,
        }
    }
}

/// (min, max) width of a sequence, capped as `SubPattern.getwidth` caps it.
pub(crate) fn width(nodes: &[Node], groupwidths: &[Option<(u64, u64)>]) -> (u64, u64) {
    let maxrep = MAXREPEAT as u64;
    let mut lo: u64 = 0;
    let mut hi: u64 = 0;
    for node in nodes {
        match node {
            Node::Branch(alts) => {
                let mut i = maxrep - 1;
                let mut j = 0;
                for alt in alts {
                    let (l, h) = width(alt, groupwidths);
                    i = i.min(l);
                    j = j.max(h);
                }
                lo = lo.saturating_add(i);
                hi = hi.saturating_add(j);
            }
            Node::Subpattern { body, .. } => {
                let (i, j) = width(body, groupwidths);
                lo = lo.saturating_add(i);
                hi = hi.saturating_add(j);
            }
            Node::Repeat { min, max, body, .. } => {
                let (i, j) = width(body, groupwidths);
                lo = lo.saturating_add(i.saturating_mul(*min as u64));
                hi = hi.saturating_add(j.saturating_mul(*max as u64));
            }
            Node::Any | Node::In(_) | Node::Literal(_) | Node::NotLiteral(_) => {
                lo = lo.saturating_add(1);
                hi = hi.saturating_add(1);
            }
            Node::GroupRef(g) => {
                let (i, j) = groupwidths.get(*g).copied().flatten().unwrap_or((0, 0));
                lo = lo.saturating_add(i);
                hi = hi.saturating_add(j);
            }
            Node::GroupRefExists { yes, no, .. } => {
                let (mut i, mut j) = width(yes, groupwidths);
                match no {
                    Some(no) => {
                        let (l, h) = width(no, groupwidths);
                        i = i.min(l);
                        j = j.max(h);
                    }
                    None => i = 0,
                }
                lo = lo.saturating_add(i);
                hi = hi.saturating_add(j);
            }
            Node::At(_) | Node::Assert { .. } => {}
        }
    }
    (lo.min(maxrep - 1), hi.min(maxrep))
}

/// The result of parsing a whole pattern.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub nodes: Vec<Node>,
    /// The final flags (given, global inline, and UNICODE added for str).
    pub flags: u32,
    /// Number of capturing groups (not counting group 0).
    pub groups: usize,
    pub group_names: Vec<(String, usize)>,
    pub groupwidths: Vec<Option<(u64, u64)>>,
    pub warnings: Vec<Warning>,
}

const BS: u32 = b'\\' as u32;

fn ch(c: u8) -> u32 {
    c as u32
}

/// A token: one character, or a backslash and the character after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Char(u32),
    Esc(u32),
}

impl Tok {
    fn len(self) -> usize {
        match self {
            Tok::Char(_) => 1,
            Tok::Esc(_) => 2,
        }
    }
    fn is(self, c: u8) -> bool {
        self == Tok::Char(c as u32)
    }
    /// The token's text.
    fn text(self) -> Vec<u32> {
        match self {
            Tok::Char(c) => vec![c],
            Tok::Esc(c) => vec![BS, c],
        }
    }
}

fn is_char(t: Option<Tok>, c: u8) -> bool {
    t == Some(Tok::Char(c as u32))
}

fn is_digit_tok(t: Option<Tok>) -> bool {
    matches!(t, Some(Tok::Char(c)) if (ch(b'0')..=ch(b'9')).contains(&c))
}

fn is_octdigit(c: u32) -> bool {
    (ch(b'0')..=ch(b'7')).contains(&c)
}

fn is_hexdigit(c: u32) -> bool {
    c < 0x80 && (c as u8).is_ascii_hexdigit()
}

fn is_ascii_letter(c: u32) -> bool {
    c < 0x80 && (c as u8).is_ascii_alphabetic()
}

fn flag_of(c: u32) -> Option<u32> {
    if c >= 0x80 {
        return None;
    }
    Some(match c as u8 {
        b'i' => FLAG_IGNORECASE,
        b'L' => FLAG_LOCALE,
        b'm' => FLAG_MULTILINE,
        b's' => FLAG_DOTALL,
        b'x' => FLAG_VERBOSE,
        b'a' => FLAG_ASCII,
        b't' => FLAG_TEMPLATE,
        b'u' => FLAG_UNICODE,
        _ => return None,
    })
}

fn tok_flag(t: Option<Tok>) -> Option<u32> {
    match t {
        Some(Tok::Char(c)) => flag_of(c),
        _ => None,
    }
}

/// `str(x)` of a token sequence's text, for messages.
fn s(cps: &[u32]) -> String {
    unicode::to_string(cps)
}

fn hex_value(digits: &[u32]) -> u32 {
    digits.iter().fold(0u32, |acc, &d| {
        acc * 16 + (d as u8 as char).to_digit(16).unwrap_or(0)
    })
}

fn oct_value(digits: &[u32]) -> u32 {
    digits.iter().fold(0u32, |acc, &d| acc * 8 + (d - ch(b'0')))
}

/// Decimal digits (ASCII) → value, saturating.
fn dec_value(digits: &[u32]) -> u64 {
    digits.iter().fold(0u64, |acc, &d| {
        acc.saturating_mul(10).saturating_add((d - ch(b'0')) as u64)
    })
}

/// `int(text)` for a group name that is not an identifier: Python's int()
/// syntax (surrounding whitespace, a sign, digits of any script, single
/// underscores between digits). Returns the decimal text of the value, or
/// None when int() would raise ValueError.
fn python_int(text: &[u32]) -> Option<(bool, String)> {
    let mut t = text;
    while let Some((&c, rest)) = t.split_first() {
        if unicode::is_space(c) {
            t = rest;
        } else {
            break;
        }
    }
    while let Some((&c, rest)) = t.split_last() {
        if unicode::is_space(c) {
            t = rest;
        } else {
            break;
        }
    }
    let mut negative = false;
    if let Some((&c, rest)) = t.split_first() {
        if c == ch(b'+') || c == ch(b'-') {
            negative = c == ch(b'-');
            t = rest;
        }
    }
    if t.is_empty() {
        return None;
    }
    let mut digits = String::new();
    let mut prev_underscore = true; // no leading underscore
    for &c in t {
        if c == ch(b'_') {
            if prev_underscore {
                return None;
            }
            prev_underscore = true;
            continue;
        }
        let d = unicode::decimal_value(c)?;
        digits.push(char::from(b'0' + d as u8));
        prev_underscore = false;
    }
    if prev_underscore {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let value = if trimmed.is_empty() { "0" } else { trimmed };
    Some((negative && value != "0", value.to_string()))
}

/// Looks up a Unicode character name for `\N{...}` (`unicodedata.lookup`).
pub type NameLookup<'a> = &'a dyn Fn(&str) -> Option<u32>;

struct Tokenizer<'p> {
    string: &'p [u32],
    is_str: bool,
    names: Option<NameLookup<'p>>,
    index: usize,
    next: Option<Tok>,
}

impl<'p> Tokenizer<'p> {
    fn new(string: &'p [u32], is_str: bool, names: Option<NameLookup<'p>>) -> Result<Self, Error> {
        let mut t = Tokenizer {
            string,
            is_str,
            names,
            index: 0,
            next: None,
        };
        t.advance()?;
        Ok(t)
    }

    fn advance(&mut self) -> Result<(), Error> {
        let index = self.index;
        let Some(&c) = self.string.get(index) else {
            self.next = None;
            return Ok(());
        };
        if c == BS {
            match self.string.get(index + 1) {
                Some(&d) => {
                    self.index = index + 2;
                    self.next = Some(Tok::Esc(d));
                }
                None => {
                    return Err(Error::re(
                        "bad escape (end of pattern)",
                        self.string.len() - 1,
                    ))
                }
            }
        } else {
            self.index = index + 1;
            self.next = Some(Tok::Char(c));
        }
        Ok(())
    }

    fn matches(&mut self, c: u8) -> Result<bool, Error> {
        if is_char(self.next, c) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn get(&mut self) -> Result<Option<Tok>, Error> {
        let this = self.next;
        self.advance()?;
        Ok(this)
    }

    /// Up to `n` characters satisfying `pred`.
    fn getwhile(&mut self, n: usize, pred: fn(u32) -> bool) -> Result<Vec<u32>, Error> {
        let mut result = Vec::new();
        for _ in 0..n {
            match self.next {
                Some(Tok::Char(c)) if pred(c) => {
                    result.push(c);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(result)
    }

    fn getuntil(&mut self, terminator: u8, name: &str) -> Result<Vec<u32>, Error> {
        let mut result: Vec<u32> = Vec::new();
        loop {
            let c = self.next;
            self.advance()?;
            match c {
                None => {
                    if result.is_empty() {
                        return Err(self.error(format!("missing {name}"), 0));
                    }
                    return Err(self.error(
                        format!("missing {}, unterminated name", terminator as char),
                        result.len(),
                    ));
                }
                Some(t) if t.is(terminator) => {
                    if result.is_empty() {
                        return Err(self.error(format!("missing {name}"), 1));
                    }
                    break;
                }
                Some(t) => result.extend(t.text()),
            }
        }
        Ok(result)
    }

    fn tell(&self) -> usize {
        self.index - self.next.map_or(0, Tok::len)
    }

    fn seek(&mut self, index: usize) -> Result<(), Error> {
        self.index = index;
        self.advance()
    }

    fn error(&self, msg: impl Into<String>, offset: usize) -> Error {
        Error::re(msg, self.tell().wrapping_sub(offset))
    }
}

struct State {
    flags: u32,
    groupdict: Vec<(Vec<u32>, usize)>,
    groupwidths: Vec<Option<(u64, u64)>>,
    lookbehindgroups: Option<usize>,
    grouprefpos: Vec<(u64, usize)>,
    warnings: Vec<Warning>,
}

impl State {
    fn new(flags: u32) -> State {
        State {
            flags,
            groupdict: Vec::new(),
            groupwidths: vec![None],
            lookbehindgroups: None,
            grouprefpos: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn groups(&self) -> usize {
        self.groupwidths.len()
    }

    fn lookup(&self, name: &[u32]) -> Option<usize> {
        self.groupdict
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, g)| g)
    }

    /// Returns the new group id, or the message of the error.
    fn opengroup(&mut self, name: Option<&[u32]>) -> Result<usize, String> {
        let gid = self.groups();
        self.groupwidths.push(None);
        if self.groups() > MAXGROUPS {
            return Err("too many groups".into());
        }
        if let Some(name) = name {
            if let Some(ogid) = self.lookup(name) {
                return Err(format!(
                    "redefinition of group name {} as group {}; was group {}",
                    unicode::repr_str(name),
                    gid,
                    ogid
                ));
            }
            self.groupdict.push((name.to_vec(), gid));
        }
        Ok(gid)
    }

    fn closegroup(&mut self, gid: usize, p: &[Node]) {
        let w = width(p, &self.groupwidths);
        self.groupwidths[gid] = Some(w);
    }

    fn checkgroup(&self, gid: usize) -> bool {
        gid < self.groups() && self.groupwidths[gid].is_some()
    }

    fn checklookbehindgroup(&self, gid: usize, source: &Tokenizer) -> Result<(), Error> {
        if let Some(lb) = self.lookbehindgroups {
            if !self.checkgroup(gid) {
                return Err(source.error("cannot refer to an open group", 0));
            }
            if gid >= lb {
                return Err(source.error(
                    "cannot refer to group defined in the same lookbehind subpattern",
                    0,
                ));
            }
        }
        Ok(())
    }

    fn warn(&mut self, category: &'static str, message: String) {
        self.warnings.push(Warning { category, message });
    }
}

/// What an escape stands for.
enum Escaped {
    Node(Node),
    /// `\d` and friends: a one-item set.
    Set(Category),
}

fn category_of(c: u32) -> Option<Category> {
    Some(match c as u8 {
        b'd' => Category::Digit,
        b'D' => Category::NotDigit,
        b's' => Category::Space,
        b'S' => Category::NotSpace,
        b'w' => Category::Word,
        b'W' => Category::NotWord,
        _ => return None,
    })
    .filter(|_| c < 0x80)
}

fn simple_escape(c: u32) -> Option<u32> {
    if c >= 0x80 {
        return None;
    }
    Some(match c as u8 {
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => 10,
        b'r' => 13,
        b't' => 9,
        b'v' => 11,
        b'\\' => 92,
        _ => return None,
    })
}

/// The escapes shared by sets and the pattern body: `\x`, `\u`, `\U`, `\N`.
/// `escape` holds the text read so far (backslash and letter).
fn unicode_escape(source: &mut Tokenizer, c: u32) -> Result<Option<u32>, Error> {
    let mut escape = vec![BS, c];
    let (n, total) = match c {
        0x78 => (2, 4),                   // x
        0x75 if source.is_str => (4, 6),  // u
        0x55 if source.is_str => (8, 10), // U
        0x4E if source.is_str => {
            // N
            if !source.matches(b'{')? {
                return Err(source.error("missing {", 0));
            }
            let charname = source.getuntil(b'}', "character name")?;
            let Some(lookup) = source.names else {
                return Err(Error::other(
                    ErrorKind::NotImplemented,
                    format!(
                        "\\N{{{}}} escapes are not supported (no Unicode name database)",
                        s(&charname)
                    ),
                ));
            };
            return match lookup(&s(&charname)) {
                Some(c) => Ok(Some(c)),
                None => Err(source.error(
                    format!("undefined character name {}", unicode::repr_str(&charname)),
                    charname.len() + 4,
                )),
            };
        }
        _ => return Ok(None),
    };
    escape.extend(source.getwhile(n, is_hexdigit)?);
    if escape.len() != total {
        return Err(source.error(format!("incomplete escape {}", s(&escape)), escape.len()));
    }
    let value = hex_value(&escape[2..]);
    if c == 0x55 && value > 0x10FFFF {
        return Err(source.error(format!("bad escape {}", s(&escape)), escape.len()));
    }
    Ok(Some(value))
}

fn class_escape(source: &mut Tokenizer, c: u32) -> Result<Escaped, Error> {
    if let Some(v) = simple_escape(c) {
        return Ok(Escaped::Node(Node::Literal(v)));
    }
    if let Some(cat) = category_of(c) {
        return Ok(Escaped::Set(cat));
    }
    if let Some(v) = unicode_escape(source, c)? {
        return Ok(Escaped::Node(Node::Literal(v)));
    }
    if is_octdigit(c) {
        let mut escape = vec![BS, c];
        escape.extend(source.getwhile(2, is_octdigit)?);
        let v = oct_value(&escape[1..]);
        if v > 0o377 {
            return Err(source.error(
                format!("octal escape value {} outside of range 0-0o377", s(&escape)),
                escape.len(),
            ));
        }
        return Ok(Escaped::Node(Node::Literal(v)));
    }
    if (ch(b'0')..=ch(b'9')).contains(&c) || is_ascii_letter(c) {
        return Err(source.error(format!("bad escape {}", s(&[BS, c])), 2));
    }
    Ok(Escaped::Node(Node::Literal(c)))
}

fn escape(source: &mut Tokenizer, state: &State, c: u32) -> Result<Escaped, Error> {
    if c < 0x80 {
        let at = match c as u8 {
            b'A' => Some(At::BeginningString),
            b'b' => Some(At::Boundary),
            b'B' => Some(At::NonBoundary),
            b'Z' => Some(At::EndString),
            _ => None,
        };
        if let Some(at) = at {
            return Ok(Escaped::Node(Node::At(at)));
        }
    }
    if let Some(cat) = category_of(c) {
        return Ok(Escaped::Set(cat));
    }
    if let Some(v) = simple_escape(c) {
        return Ok(Escaped::Node(Node::Literal(v)));
    }
    if let Some(v) = unicode_escape(source, c)? {
        return Ok(Escaped::Node(Node::Literal(v)));
    }
    if c == ch(b'0') {
        let mut escape = vec![BS, c];
        escape.extend(source.getwhile(2, is_octdigit)?);
        return Ok(Escaped::Node(Node::Literal(oct_value(&escape[1..]))));
    }
    if (ch(b'1')..=ch(b'9')).contains(&c) {
        let mut escape = vec![BS, c];
        if is_digit_tok(source.next) {
            if let Some(Tok::Char(d)) = source.get()? {
                escape.push(d);
            }
            if is_octdigit(escape[1])
                && is_octdigit(escape[2])
                && matches!(source.next, Some(Tok::Char(d)) if is_octdigit(d))
            {
                if let Some(Tok::Char(d)) = source.get()? {
                    escape.push(d);
                }
                let v = oct_value(&escape[1..]);
                if v > 0o377 {
                    return Err(source.error(
                        format!("octal escape value {} outside of range 0-0o377", s(&escape)),
                        escape.len(),
                    ));
                }
                return Ok(Escaped::Node(Node::Literal(v)));
            }
        }
        let group = dec_value(&escape[1..]) as usize;
        if group < state.groups() {
            if !state.checkgroup(group) {
                return Err(source.error("cannot refer to an open group", escape.len()));
            }
            state.checklookbehindgroup(group, source)?;
            return Ok(Escaped::Node(Node::GroupRef(group)));
        }
        return Err(source.error(format!("invalid group reference {group}"), escape.len() - 1));
    }
    if is_ascii_letter(c) {
        return Err(source.error(format!("bad escape {}", s(&[BS, c])), 2));
    }
    Ok(Escaped::Node(Node::Literal(c)))
}

/// Raised (as CPython raises `Verbose`) when a global `(?x)` turns on verbose
/// mode after parsing began; the caller parses again.
enum Failure {
    Error(Error),
    Verbose,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

type PResult<T> = Result<T, Failure>;

/// The items without repeats, first occurrences kept in order.
fn uniq(items: Vec<SetItem>) -> Vec<SetItem> {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.into_iter().filter(|it| seen.insert(*it)).collect()
}

fn parse_sub(
    source: &mut Tokenizer,
    state: &mut State,
    verbose: bool,
    nested: usize,
) -> PResult<Vec<Node>> {
    let mut items: Vec<Vec<Node>> = Vec::new();
    loop {
        let first = nested == 0 && items.is_empty();
        items.push(parse_seq(source, state, verbose, nested + 1, first)?);
        if !source.matches(b'|')? {
            break;
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap_or_default());
    }
    let mut subpattern = Vec::new();
    // Move a prefix shared by all alternatives out of the branch.
    while let Some(prefix) = items[0].first().cloned() {
        if !items
            .iter()
            .all(|it| it.first().is_some_and(|n| n.same(&prefix)))
        {
            break;
        }
        for it in &mut items {
            it.remove(0);
        }
        subpattern.push(prefix);
    }
    // A branch of single characters and sets is a set.
    let mut set = Vec::new();
    let mut all_chars = true;
    for it in &items {
        if it.len() != 1 {
            all_chars = false;
            break;
        }
        match &it[0] {
            Node::Literal(c) => set.push(SetItem::Literal(*c)),
            Node::In(av) if av.first() != Some(&SetItem::Negate) => set.extend(av.iter().copied()),
            _ => {
                all_chars = false;
                break;
            }
        }
    }
    if all_chars {
        subpattern.push(Node::In(uniq(set)));
        return Ok(subpattern);
    }
    subpattern.push(Node::Branch(items));
    Ok(subpattern)
}

fn parse_set(source: &mut Tokenizer, state: &mut State, nested: usize) -> PResult<Node> {
    let _ = nested;
    let here = source.tell() - 1;
    let mut set: Vec<SetItem> = Vec::new();
    if is_char(source.next, b'[') {
        let msg = format!("Possible nested set at position {}", source.tell());
        state.warn("FutureWarning", msg);
    }
    let negate = source.matches(b'^')?;
    loop {
        let this = source.get()?;
        let Some(this) = this else {
            return Err(source
                .error("unterminated character set", source.tell() - here)
                .into());
        };
        if this.is(b']') && !set.is_empty() {
            break;
        }
        let code1 = match this {
            Tok::Esc(c) => class_escape(source, c)?,
            Tok::Char(c) => {
                if !set.is_empty()
                    && [b'-', b'&', b'~', b'|'].iter().any(|&x| this.is(x))
                    && source.next == Some(this)
                {
                    let kind = match c as u8 {
                        b'-' => "difference",
                        b'&' => "intersection",
                        b'~' => "symmetric difference",
                        _ => "union",
                    };
                    let msg = format!("Possible set {} at position {}", kind, source.tell() - 1);
                    state.warn("FutureWarning", msg);
                }
                Escaped::Node(Node::Literal(c))
            }
        };
        if source.matches(b'-')? {
            let that = source.get()?;
            let Some(that) = that else {
                return Err(source
                    .error("unterminated character set", source.tell() - here)
                    .into());
            };
            if that.is(b']') {
                set.push(match code1 {
                    Escaped::Set(cat) => SetItem::Category(cat),
                    Escaped::Node(Node::Literal(c)) => SetItem::Literal(c),
                    Escaped::Node(_) => unreachable!("class escapes are literals or sets"),
                });
                set.push(SetItem::Literal(ch(b'-')));
                break;
            }
            let code2 = match that {
                Tok::Esc(c) => class_escape(source, c)?,
                Tok::Char(c) => {
                    if c == ch(b'-') {
                        let msg =
                            format!("Possible set difference at position {}", source.tell() - 2);
                        state.warn("FutureWarning", msg);
                    }
                    Escaped::Node(Node::Literal(c))
                }
            };
            let range_error = |source: &Tokenizer| {
                let mut text = this.text();
                text.push(ch(b'-'));
                text.extend(that.text());
                source.error(
                    format!("bad character range {}", s(&text)),
                    this.len() + 1 + that.len(),
                )
            };
            let (Escaped::Node(Node::Literal(lo)), Escaped::Node(Node::Literal(hi))) =
                (code1, code2)
            else {
                return Err(range_error(source).into());
            };
            if hi < lo {
                return Err(range_error(source).into());
            }
            set.push(SetItem::Range(lo, hi));
        } else {
            set.push(match code1 {
                Escaped::Set(cat) => SetItem::Category(cat),
                Escaped::Node(Node::Literal(c)) => SetItem::Literal(c),
                Escaped::Node(_) => unreachable!("class escapes are literals or sets"),
            });
        }
    }
    let mut set = uniq(set);
    if set.len() == 1 {
        if let SetItem::Literal(c) = set[0] {
            return Ok(if negate {
                Node::NotLiteral(c)
            } else {
                Node::Literal(c)
            });
        }
    }
    if negate {
        set.insert(0, SetItem::Negate);
    }
    Ok(Node::In(set))
}

fn parse_seq(
    source: &mut Tokenizer,
    state: &mut State,
    verbose: bool,
    nested: usize,
    first: bool,
) -> PResult<Vec<Node>> {
    let mut subpattern: Vec<Node> = Vec::new();
    while let Some(this) = source.next {
        if this.is(b'|') || this.is(b')') {
            break;
        }
        source.get()?;

        if verbose {
            if let Tok::Char(c) = this {
                if matches!(c, 0x20 | 0x09 | 0x0A | 0x0D | 0x0B | 0x0C) {
                    continue;
                }
                if c == ch(b'#') {
                    loop {
                        match source.get()? {
                            None => break,
                            Some(t) if t.is(b'\n') => break,
                            _ => {}
                        }
                    }
                    continue;
                }
            }
        }

        let c = match this {
            Tok::Esc(c) => {
                match escape(source, state, c)? {
                    Escaped::Node(n) => subpattern.push(n),
                    Escaped::Set(cat) => subpattern.push(Node::In(vec![SetItem::Category(cat)])),
                }
                continue;
            }
            Tok::Char(c) => c,
        };
        if c >= 0x80 || !b".\\[{()*+?^$|".contains(&(c as u8)) {
            subpattern.push(Node::Literal(c));
            continue;
        }
        match c as u8 {
            b'[' => {
                let n = parse_set(source, state, nested)?;
                subpattern.push(n);
            }
            b'*' | b'+' | b'?' | b'{' => {
                let here = source.tell();
                let (min, max) = match c as u8 {
                    b'?' => (0, 1),
                    b'*' => (0, MAXREPEAT),
                    b'+' => (1, MAXREPEAT),
                    _ => {
                        if is_char(source.next, b'}') {
                            subpattern.push(Node::Literal(c));
                            continue;
                        }
                        let mut lo = Vec::new();
                        let mut hi = Vec::new();
                        while let Some(Tok::Char(d)) =
                            source.next.filter(|&t| is_digit_tok(Some(t)))
                        {
                            lo.push(d);
                            source.get()?;
                        }
                        if source.matches(b',')? {
                            while let Some(Tok::Char(d)) =
                                source.next.filter(|&t| is_digit_tok(Some(t)))
                            {
                                hi.push(d);
                                source.get()?;
                            }
                        } else {
                            hi = lo.clone();
                        }
                        if !source.matches(b'}')? {
                            subpattern.push(Node::Literal(c));
                            source.seek(here)?;
                            continue;
                        }
                        let mut min = 0u32;
                        let mut max = MAXREPEAT;
                        if !lo.is_empty() {
                            let v = dec_value(&lo);
                            if v >= MAXREPEAT as u64 {
                                return Err(Error::other(
                                    ErrorKind::Overflow,
                                    "the repetition number is too large",
                                )
                                .into());
                            }
                            min = v as u32;
                        }
                        if !hi.is_empty() {
                            let v = dec_value(&hi);
                            if v >= MAXREPEAT as u64 {
                                return Err(Error::other(
                                    ErrorKind::Overflow,
                                    "the repetition number is too large",
                                )
                                .into());
                            }
                            max = v as u32;
                            if max < min {
                                return Err(source
                                    .error(
                                        "min repeat greater than max repeat",
                                        source.tell() - here,
                                    )
                                    .into());
                            }
                        }
                        (min, max)
                    }
                };
                let offset = source.tell() - here + 1;
                let item = match subpattern.last() {
                    None | Some(Node::At(_)) => {
                        return Err(source.error("nothing to repeat", offset).into())
                    }
                    Some(Node::Repeat { .. }) => {
                        return Err(source.error("multiple repeat", offset).into())
                    }
                    Some(_) => subpattern.pop().unwrap_or(Node::Any),
                };
                let body = match item {
                    Node::Subpattern {
                        group: None,
                        add_flags: 0,
                        del_flags: 0,
                        body,
                    } => body,
                    other => vec![other],
                };
                let greedy = !source.matches(b'?')?;
                subpattern.push(Node::Repeat {
                    min,
                    max,
                    greedy,
                    body,
                });
            }
            b'.' => subpattern.push(Node::Any),
            b'(' => {
                if let Some(n) = parse_group(source, state, verbose, nested, first, &subpattern)? {
                    subpattern.push(n);
                }
            }
            b'^' => subpattern.push(Node::At(At::Beginning)),
            b'$' => subpattern.push(Node::At(At::End)),
            _ => unreachable!("special character"),
        }
    }
    // Unpack non-capturing groups without flags.
    let mut out = Vec::with_capacity(subpattern.len());
    for n in subpattern {
        match n {
            Node::Subpattern {
                group: None,
                add_flags: 0,
                del_flags: 0,
                body,
            } => out.extend(body),
            other => out.push(other),
        }
    }
    Ok(out)
}

/// After `(`: a group, an extension, or nothing (comments, global flags).
fn parse_group(
    source: &mut Tokenizer,
    state: &mut State,
    verbose: bool,
    nested: usize,
    first: bool,
    subpattern: &[Node],
) -> PResult<Option<Node>> {
    if nested > MAX_NESTING {
        return Err(Error::other(ErrorKind::Recursion, "maximum recursion depth exceeded").into());
    }
    let start = source.tell() - 1;
    let mut capture = true;
    let mut name: Option<Vec<u32>> = None;
    let mut add_flags = 0;
    let mut del_flags = 0;
    if source.matches(b'?')? {
        let Some(char) = source.get()? else {
            return Err(source.error("unexpected end of pattern", 0).into());
        };
        if char.is(b'P') {
            if source.matches(b'<')? {
                let n = source.getuntil(b'>', "group name")?;
                if !unicode::is_identifier(&n) {
                    let msg = format!("bad character in group name {}", unicode::repr_str(&n));
                    return Err(source.error(msg, n.len() + 1).into());
                }
                name = Some(n);
            } else if source.matches(b'=')? {
                let n = source.getuntil(b')', "group name")?;
                if !unicode::is_identifier(&n) {
                    let msg = format!("bad character in group name {}", unicode::repr_str(&n));
                    return Err(source.error(msg, n.len() + 1).into());
                }
                let Some(gid) = state.lookup(&n) else {
                    let msg = format!("unknown group name {}", unicode::repr_str(&n));
                    return Err(source.error(msg, n.len() + 1).into());
                };
                if !state.checkgroup(gid) {
                    return Err(source
                        .error("cannot refer to an open group", n.len() + 1)
                        .into());
                }
                state.checklookbehindgroup(gid, source)?;
                return Ok(Some(Node::GroupRef(gid)));
            } else {
                let Some(c) = source.get()? else {
                    return Err(source.error("unexpected end of pattern", 0).into());
                };
                let mut text = vec![ch(b'?'), ch(b'P')];
                text.extend(c.text());
                return Err(source
                    .error(format!("unknown extension {}", s(&text)), c.len() + 2)
                    .into());
            }
        } else if char.is(b':') {
            capture = false;
        } else if char.is(b'#') {
            loop {
                if source.next.is_none() {
                    return Err(source
                        .error("missing ), unterminated comment", source.tell() - start)
                        .into());
                }
                if source.get()? == Some(Tok::Char(ch(b')'))) {
                    break;
                }
            }
            return Ok(None);
        } else if char.is(b'=') || char.is(b'!') || char.is(b'<') {
            let mut char = char;
            let mut behind = false;
            let mut outer_lookbehind = None;
            if char.is(b'<') {
                let Some(c) = source.get()? else {
                    return Err(source.error("unexpected end of pattern", 0).into());
                };
                if !(c.is(b'=') || c.is(b'!')) {
                    let mut text = vec![ch(b'?'), ch(b'<')];
                    text.extend(c.text());
                    return Err(source
                        .error(format!("unknown extension {}", s(&text)), c.len() + 2)
                        .into());
                }
                char = c;
                behind = true;
                outer_lookbehind = Some(state.lookbehindgroups);
                if state.lookbehindgroups.is_none() {
                    state.lookbehindgroups = Some(state.groups());
                }
            }
            let p = parse_sub(source, state, verbose, nested + 1)?;
            if let Some(None) = outer_lookbehind {
                state.lookbehindgroups = None;
            }
            if !source.matches(b')')? {
                return Err(source
                    .error("missing ), unterminated subpattern", source.tell() - start)
                    .into());
            }
            return Ok(Some(Node::Assert {
                behind,
                negate: char.is(b'!'),
                body: p,
            }));
        } else if char.is(b'(') {
            let condname = source.getuntil(b')', "group name")?;
            let condgroup;
            if unicode::is_identifier(&condname) {
                match state.lookup(&condname) {
                    Some(g) => condgroup = g,
                    None => {
                        let msg = format!("unknown group name {}", unicode::repr_str(&condname));
                        return Err(source.error(msg, condname.len() + 1).into());
                    }
                }
            } else {
                let bad = || {
                    format!(
                        "bad character in group name {}",
                        unicode::repr_str(&condname)
                    )
                };
                let Some((negative, digits)) = python_int(&condname) else {
                    return Err(source.error(bad(), condname.len() + 1).into());
                };
                if negative {
                    return Err(source.error(bad(), condname.len() + 1).into());
                }
                if digits == "0" {
                    return Err(source.error("bad group number", condname.len() + 1).into());
                }
                let value: Option<u64> = digits.parse().ok();
                match value {
                    Some(v) if (v as u128) < MAXGROUPS as u128 => condgroup = v as usize,
                    _ => {
                        return Err(source
                            .error(
                                format!("invalid group reference {digits}"),
                                condname.len() + 1,
                            )
                            .into())
                    }
                }
                if !state
                    .grouprefpos
                    .iter()
                    .any(|&(g, _)| g == condgroup as u64)
                {
                    let pos = source.tell() - condname.len() - 1;
                    state.grouprefpos.push((condgroup as u64, pos));
                }
            }
            state.checklookbehindgroup(condgroup, source)?;
            let yes = parse_seq(source, state, verbose, nested + 1, false)?;
            let no = if source.matches(b'|')? {
                let no = parse_seq(source, state, verbose, nested + 1, false)?;
                if is_char(source.next, b'|') {
                    return Err(source
                        .error("conditional backref with more than two branches", 0)
                        .into());
                }
                Some(no)
            } else {
                None
            };
            if !source.matches(b')')? {
                return Err(source
                    .error("missing ), unterminated subpattern", source.tell() - start)
                    .into());
            }
            return Ok(Some(Node::GroupRefExists {
                group: condgroup,
                yes,
                no,
            }));
        } else if tok_flag(Some(char)).is_some() || char.is(b'-') {
            match parse_flags(source, state, char)? {
                None => {
                    if !first || !subpattern.is_empty() {
                        let pat = &source.string[..source.string.len().min(20)];
                        let shown = if source.is_str {
                            unicode::repr_str(pat)
                        } else {
                            unicode::repr_bytes(pat)
                        };
                        let msg = format!(
                            "Flags not at the start of the expression {}{} but at position {}",
                            shown,
                            if source.string.len() > 20 {
                                " (truncated)"
                            } else {
                                ""
                            },
                            start
                        );
                        state.warn("DeprecationWarning", msg);
                    }
                    if state.flags & FLAG_VERBOSE != 0 && !verbose {
                        return Err(Failure::Verbose);
                    }
                    return Ok(None);
                }
                Some((a, d)) => {
                    add_flags = a;
                    del_flags = d;
                    capture = false;
                }
            }
        } else {
            let mut text = vec![ch(b'?')];
            text.extend(char.text());
            return Err(source
                .error(format!("unknown extension {}", s(&text)), char.len() + 1)
                .into());
        }
    }

    let group = if capture {
        match state.opengroup(name.as_deref()) {
            Ok(g) => Some(g),
            Err(msg) => {
                let len = name.as_ref().map_or(0, Vec::len);
                return Err(source.error(msg, len + 1).into());
            }
        }
    } else {
        None
    };
    let sub_verbose = (verbose || add_flags & FLAG_VERBOSE != 0) && del_flags & FLAG_VERBOSE == 0;
    let p = parse_sub(source, state, sub_verbose, nested + 1)?;
    if !source.matches(b')')? {
        return Err(source
            .error("missing ), unterminated subpattern", source.tell() - start)
            .into());
    }
    if let Some(g) = group {
        state.closegroup(g, &p);
    }
    Ok(Some(Node::Subpattern {
        group,
        add_flags,
        del_flags,
        body: p,
    }))
}

/// Inline flags after `(?`: `None` for global flags `(?aiLmsux)`, else the
/// flags a scoped group `(?flags-flags:...)` turns on and off.
fn parse_flags(
    source: &mut Tokenizer,
    state: &mut State,
    first: Tok,
) -> Result<Option<(u32, u32)>, Error> {
    let mut char = Some(first);
    let mut add_flags = 0;
    let mut del_flags = 0;
    if !first.is(b'-') {
        loop {
            let flag = tok_flag(char).unwrap_or(0);
            if source.is_str {
                if char.is_some_and(|t| t.is(b'L')) {
                    return Err(source.error(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        0,
                    ));
                }
            } else if char.is_some_and(|t| t.is(b'u')) {
                return Err(source.error(
                    "bad inline flags: cannot use 'u' flag with a bytes pattern",
                    0,
                ));
            }
            add_flags |= flag;
            if flag & TYPE_FLAGS != 0 && add_flags & TYPE_FLAGS != flag {
                return Err(source.error(
                    "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                    0,
                ));
            }
            char = source.get()?;
            let Some(c) = char else {
                return Err(source.error("missing -, : or )", 0));
            };
            if c.is(b')') || c.is(b'-') || c.is(b':') {
                break;
            }
            if tok_flag(char).is_none() {
                let msg = if is_alpha_tok(c) {
                    "unknown flag"
                } else {
                    "missing -, : or )"
                };
                return Err(source.error(msg, c.len()));
            }
        }
    }
    if char.is_some_and(|t| t.is(b')')) {
        state.flags |= add_flags;
        return Ok(None);
    }
    if add_flags & GLOBAL_FLAGS != 0 {
        return Err(source.error("bad inline flags: cannot turn on global flag", 1));
    }
    if char.is_some_and(|t| t.is(b'-')) {
        char = source.get()?;
        let Some(c) = char else {
            return Err(source.error("missing flag", 0));
        };
        if tok_flag(char).is_none() {
            let msg = if is_alpha_tok(c) {
                "unknown flag"
            } else {
                "missing flag"
            };
            return Err(source.error(msg, c.len()));
        }
        loop {
            let flag = tok_flag(char).unwrap_or(0);
            if flag & TYPE_FLAGS != 0 {
                return Err(source.error(
                    "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                    0,
                ));
            }
            del_flags |= flag;
            char = source.get()?;
            let Some(c) = char else {
                return Err(source.error("missing :", 0));
            };
            if c.is(b':') {
                break;
            }
            if tok_flag(char).is_none() {
                let msg = if is_alpha_tok(c) {
                    "unknown flag"
                } else {
                    "missing :"
                };
                return Err(source.error(msg, c.len()));
            }
        }
    }
    if del_flags & GLOBAL_FLAGS != 0 {
        return Err(source.error("bad inline flags: cannot turn off global flag", 1));
    }
    if add_flags & del_flags != 0 {
        return Err(source.error("bad inline flags: flag turned on and off", 1));
    }
    Ok(Some((add_flags, del_flags)))
}

/// `token.isalpha()`: a backslash pair never is.
fn is_alpha_tok(t: Tok) -> bool {
    match t {
        Tok::Char(c) => unicode::is_alpha(c),
        Tok::Esc(_) => false,
    }
}

fn fix_flags(is_str: bool, mut flags: u32) -> Result<u32, Error> {
    if is_str {
        if flags & FLAG_LOCALE != 0 {
            return Err(Error::other(
                ErrorKind::Value,
                "cannot use LOCALE flag with a str pattern",
            ));
        }
        if flags & FLAG_ASCII == 0 {
            flags |= FLAG_UNICODE;
        } else if flags & FLAG_UNICODE != 0 {
            return Err(Error::other(
                ErrorKind::Value,
                "ASCII and UNICODE flags are incompatible",
            ));
        }
    } else {
        if flags & FLAG_UNICODE != 0 {
            return Err(Error::other(
                ErrorKind::Value,
                "cannot use UNICODE flag with a bytes pattern",
            ));
        }
        if flags & FLAG_LOCALE != 0 && flags & FLAG_ASCII != 0 {
            return Err(Error::other(
                ErrorKind::Value,
                "ASCII and LOCALE flags are incompatible",
            ));
        }
    }
    Ok(flags)
}

/// `sre_parse.parse`.
pub(crate) fn parse(
    pattern: &[u32],
    is_str: bool,
    flags: u32,
    names: Option<NameLookup>,
) -> Result<Parsed, Error> {
    let mut source = Tokenizer::new(pattern, is_str, names)?;
    let mut state = State::new(flags);
    let nodes = match parse_sub(&mut source, &mut state, flags & FLAG_VERBOSE != 0, 0) {
        Ok(n) => n,
        Err(Failure::Error(e)) => return Err(e),
        Err(Failure::Verbose) => {
            // The second pass issues the warnings again.
            state = State::new(flags | FLAG_VERBOSE);
            source.seek(0)?;
            match parse_sub(&mut source, &mut state, true, 0) {
                Ok(n) => n,
                Err(Failure::Error(e)) => return Err(e),
                Err(Failure::Verbose) => unreachable!("verbose is already on"),
            }
        }
    };
    state.flags = fix_flags(is_str, state.flags)?;
    if source.next.is_some() {
        return Err(source.error("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &state.grouprefpos {
        if g >= state.groups() as u64 {
            return Err(Error::re(format!("invalid group reference {g}"), pos));
        }
    }
    let group_names = state
        .groupdict
        .iter()
        .map(|(n, g)| (unicode::to_string(n), *g))
        .collect();
    Ok(Parsed {
        nodes,
        flags: state.flags,
        groups: state.groups() - 1,
        group_names,
        groupwidths: state.groupwidths,
        warnings: state.warnings,
    })
}
