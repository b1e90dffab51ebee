//! Unit tests: syntax, semantics and error messages, each checked against
//! what CPython 3.10 answers.

use crate::{Mode, Regex};

fn cps(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32).collect()
}

fn compile(p: &str, flags: u32) -> Regex {
    Regex::compile(&cps(p), true, flags).unwrap_or_else(|e| panic!("{p:?}: {e}"))
}

fn err(p: &str) -> String {
    Regex::compile(&cps(p), true, 0).unwrap_err().to_string()
}

/// Spans of all groups of a match, Python-style.
fn m(p: &str, s: &str, mode: Mode) -> Option<Vec<Option<(usize, usize)>>> {
    let re = compile(p, 0);
    let t = cps(s);
    let c = re.match_at(&t, 0, t.len(), mode)?;
    Some((0..c.len()).map(|g| c.span(g)).collect())
}

#[test]
fn basics() {
    assert_eq!(m("abc", "xabc", Mode::Search), Some(vec![Some((1, 4))]));
    assert_eq!(m("abc", "xabc", Mode::Match), None);
    assert_eq!(m("(a)|b", "b", Mode::Match), Some(vec![Some((0, 1)), None]));
}

#[test]
fn errors() {
    let cases = [
        ("*", "nothing to repeat at position 0"),
        ("(", "missing ), unterminated subpattern at position 0"),
        ("abc)", "unbalanced parenthesis at position 3"),
        (r"\q", r"bad escape \q at position 0"),
        ("(?<x)", "unknown extension ?<x at position 1"),
        ("a**", "multiple repeat at position 2"),
        ("[z-a]", "bad character range z-a at position 1"),
        ("[abc", "unterminated character set at position 0"),
        (
            "(?P<a>x)(?P<a>y)",
            "redefinition of group name 'a' as group 2; was group 1 at position 12",
        ),
        ("(?P=zz)", "unknown group name 'zz' at position 4"),
        ("(?<=a+)b", "look-behind requires fixed-width pattern"),
        (r"(a)\2", "invalid group reference 2 at position 4"),
        (r"(a\1)", "cannot refer to an open group at position 2"),
        ("a{3,2}", "min repeat greater than max repeat at position 2"),
        (r"\x4", r"incomplete escape \x4 at position 0"),
        (
            r"\777",
            r"octal escape value \777 outside of range 0-0o377 at position 0",
        ),
        (
            "(?(1)a|b|c)",
            "conditional backref with more than two branches at position 8",
        ),
        ("(?P<1>a)", "bad character in group name '1' at position 4"),
        ("(?i", "missing -, : or ) at position 3"),
        ("(?z)", "unknown extension ?z at position 1"),
        ("(?#abc", "missing ), unterminated comment at position 0"),
        ("a\\", "bad escape (end of pattern) at position 1"),
        (
            "(?L)",
            "bad inline flags: cannot use 'L' flag with a str pattern at position 3",
        ),
    ];
    for (p, e) in cases {
        assert_eq!(err(p), e, "{p:?}");
    }
    let e = Regex::compile(&cps("a{4294967295}"), true, 0).unwrap_err();
    assert_eq!(e.kind, crate::ErrorKind::Overflow);
    let e = Regex::compile(&cps("a"), true, crate::FLAG_LOCALE).unwrap_err();
    assert_eq!(e.kind, crate::ErrorKind::Value);
    assert_eq!(e.msg, "cannot use LOCALE flag with a str pattern");
}

#[test]
fn flags_and_groups() {
    let re = compile("(?i)(?P<first>a)(b)(?P<last>c)", 0);
    assert_eq!(re.flags(), crate::FLAG_IGNORECASE | crate::FLAG_UNICODE);
    assert_eq!(re.groups(), 3);
    assert_eq!(
        re.group_names(),
        &[("first".to_string(), 1), ("last".to_string(), 3)]
    );
    let re = Regex::compile(&cps("a"), false, 0).unwrap();
    assert_eq!(re.flags(), 0);
    let re = compile("a(?x)b", 0);
    assert_eq!(re.warnings().len(), 1);
    assert_eq!(re.warnings()[0].category, "DeprecationWarning");
}

#[test]
fn semantics() {
    // Last iteration wins; groups of failed alternatives are unset.
    assert_eq!(
        m("(?:(a)|b)*", "ab", Mode::Match),
        Some(vec![Some((0, 2)), Some((0, 1))])
    );
    assert_eq!(
        m("(a?)*", "aa", Mode::Match),
        Some(vec![Some((0, 2)), Some((2, 2))])
    );
    // A negative look-ahead leaves its groups set, as in CPython 3.10.
    assert_eq!(
        m("(?!(a)b)a", "ac", Mode::Match),
        Some(vec![Some((0, 1)), Some((0, 1))])
    );
    // $ before a final newline; fullmatch backtracks to the end.
    assert_eq!(m("a$", "a\n", Mode::Match), Some(vec![Some((0, 1))]));
    assert_eq!(m("a|ab", "ab", Mode::FullMatch), Some(vec![Some((0, 2))]));
    // Lookbehind, conditionals, backreferences.
    assert_eq!(m("(?<=a)b", "ab", Mode::Search), Some(vec![Some((1, 2))]));
    assert_eq!(
        m("(a)?(?(1)b|c)", "c", Mode::Match),
        Some(vec![Some((0, 1)), None])
    );
    assert_eq!(
        m(r"(\w+) \1", "hey hey", Mode::Match),
        Some(vec![Some((0, 7)), Some((0, 3))])
    );
}

#[test]
fn ignorecase() {
    let cases = [
        ("K", "\u{212a}", true),
        ("[a-z]", "\u{212a}", true),
        ("i", "\u{130}", true),
        ("\u{131}", "I", true),
        ("ß", "SS", false),
        ("[^i]", "\u{131}", false),
        ("\u{3c3}", "\u{3c2}", true),
    ];
    for (p, s, ok) in cases {
        let re = compile(p, crate::FLAG_IGNORECASE);
        let t = cps(s);
        assert_eq!(
            re.match_at(&t, 0, t.len(), Mode::Match).is_some(),
            ok,
            "{p:?} {s:?}"
        );
    }
}

#[test]
fn empty_match_rules() {
    // re.sub('x*', '-', 'abxd') == '-a-b--d-'
    let re = compile("x*", 0);
    let t = cps("abxd");
    let spans: Vec<_> = re
        .find_all(&t, 0, t.len(), 0)
        .iter()
        .map(|c| c.span(0).unwrap())
        .collect();
    assert_eq!(spans, vec![(0, 0), (1, 1), (2, 3), (3, 3), (4, 4)]);
}

#[test]
fn pos_and_endpos() {
    let re = compile("^a", 0);
    let t = cps("ba");
    assert!(re.match_at(&t, 1, 2, Mode::Match).is_none());
    let re = compile("a$", 0);
    let t = cps("aab");
    assert_eq!(
        re.match_at(&t, 0, 2, Mode::Search).unwrap().span(0),
        Some((1, 2))
    );
    let re = compile("(?<=a)b", 0);
    let t = cps("ab");
    assert!(re.match_at(&t, 1, 2, Mode::Match).is_some());
}

#[test]
fn deep_backtracking_does_not_use_the_rust_stack() {
    // Each of these keeps a frame per iteration; a recursive matcher would
    // overflow the test thread's stack.
    let n = 200_000;
    let text: Vec<u8> = b"ab".repeat(n / 2);
    for p in [
        r"(?:a|b)*$",
        r"(a|b)*c?$",
        r"(?:(a)|b)*?$",
        r"(?:ab)+$",
        r"(?:a(?=b)|b)*$",
    ] {
        let re = compile(p, 0);
        let c = re.match_at(&text, 0, text.len(), Mode::Match).unwrap();
        assert_eq!(c.span(0), Some((0, n)), "{p}");
    }
}

#[test]
fn simple_repeats_are_linear() {
    let text: Vec<u8> = b"x".repeat(1_000_000);
    let re = compile(r"x*y|x+$", 0);
    let c = re.match_at(&text, 0, text.len(), Mode::Search).unwrap();
    assert_eq!(c.span(0), Some((0, 1_000_000)));
}

#[test]
fn byte_find() {
    use crate::SreChar;
    for len in 0..40 {
        for at in 0..len {
            let mut hay = vec![b'x'; len];
            hay[at] = b'y';
            if at + 3 < len {
                hay[at + 3] = b'y';
            }
            assert_eq!(u8::find(&hay, b'y' as u32), Some(at), "{len} {at}");
            assert_eq!(u8::find(&hay, 0x179), None);
        }
        assert_eq!(u8::find(&vec![0x80u8; len], 0x80).is_some(), len > 0);
    }
}

/// Deepest nesting (994 levels) compiles on a thread with this much stack:
/// the parser and compiler recurse once per level.
#[test]
fn deep_nesting() {
    let run = || {
        for n in [400usize, 490] {
            let ok = "(".repeat(n) + "a" + &")".repeat(n);
            let re = compile(&ok, 0);
            assert_eq!(re.groups(), n);
            let t = cps("a");
            let c = re.match_at(&t, 0, 1, Mode::Match).unwrap();
            assert_eq!(c.span(n), Some((0, 1)));
        }
        let deep = "(?:".repeat(5000) + "a" + &")".repeat(5000);
        let e = Regex::compile(&cps(&deep), true, 0).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Recursion);
    };
    std::thread::Builder::new()
        .stack_size(STACK_PER_LEVEL * 1000)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

#[cfg(debug_assertions)]
const STACK_PER_LEVEL: usize = 64 * 1024;
#[cfg(not(debug_assertions))]
const STACK_PER_LEVEL: usize = 4 * 1024;

#[test]
fn named_characters() {
    let names = |n: &str| match n {
        "EM DASH" => Some(0x2014),
        _ => None,
    };
    let re = Regex::compile_with_names(&cps(r"a\N{EM DASH}[\N{EM DASH}]"), true, 0, Some(&names))
        .unwrap();
    let t = cps("a\u{2014}\u{2014}");
    assert!(re.match_at(&t, 0, t.len(), Mode::FullMatch).is_some());
    let e = Regex::compile_with_names(&cps(r"x\N{NO SUCH}"), true, 0, Some(&names)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "undefined character name 'NO SUCH' at position 1"
    );
    let e = Regex::compile(&cps(r"\N{EM DASH}"), true, 0).unwrap_err();
    assert_eq!(e.kind, crate::ErrorKind::NotImplemented);
    assert_eq!(err(r"\N"), "missing { at position 2");
    assert_eq!(err(r"\N{"), "missing character name at position 3");
    assert_eq!(err(r"\N{}"), "missing character name at position 3");
}
