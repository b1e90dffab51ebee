//! The engine's answer to one difftest query, in the format
//! `difftest/difftest.py` prints CPython's in. Shared by the `sre_probe`
//! example and the `cpython_cases` test.

use pyvm_sre::{Captures, ErrorKind, Mode, Regex};

pub fn parse_cps(s: &str) -> Vec<u32> {
    if s.is_empty() {
        return Vec::new();
    }
    s.split(',').map(|x| x.parse().unwrap()).collect()
}

fn fmt_caps(c: Option<Captures>) -> String {
    match c {
        None => "N".to_string(),
        Some(c) => {
            let mut out = String::new();
            for g in 0..c.len() {
                match c.span(g) {
                    Some((s, e)) => out.push_str(&format!("{s},{e};")),
                    None => out.push_str("-1,-1;"),
                }
            }
            match c.lastindex() {
                Some(i) => out.push_str(&format!("L{i}")),
                None => out.push_str("L-"),
            }
            out
        }
    }
}

/// Newlines and non-ASCII as Python's `backslashreplace` writes them.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x80 => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out
}

/// Answer a query `flags|is_str|pattern code points|subject code points`.
pub fn answer(line: &str) -> String {
    let parts: Vec<&str> = line.split('|').collect();
    let flags: u32 = parts[0].parse().unwrap();
    let is_str = parts[1] == "1";
    let pat = parse_cps(parts[2]);
    let subj = parse_cps(parts[3]);
    match Regex::compile(&pat, is_str, flags) {
        Err(e) => {
            let kind = match e.kind {
                ErrorKind::Re => "error",
                ErrorKind::Overflow => "OverflowError",
                ErrorKind::Value => "ValueError",
                ErrorKind::NotImplemented => "NotImplementedError",
                ErrorKind::Recursion => "RecursionError",
            };
            format!("E:{}:{}", kind, escape(&e.to_string()))
        }
        Ok(re) => {
            let n = subj.len();
            let mut res = format!("M:{}:{}|", re.groups(), re.flags());
            res.push_str(&fmt_caps(re.match_at(&subj, 0, n, Mode::Match)));
            res.push('|');
            res.push_str(&fmt_caps(re.match_at(&subj, 0, n, Mode::Search)));
            res.push('|');
            res.push_str(&fmt_caps(re.match_at(&subj, 0, n, Mode::FullMatch)));
            res.push('|');
            let all = re.find_all(&subj, 0, n, 0);
            let all: Vec<String> = all.into_iter().map(|c| fmt_caps(Some(c))).collect();
            res.push_str(&all.join("/"));
            // Optional pos and endpos: the same again over that window.
            if parts.len() >= 6 {
                let pos: usize = parts[4].parse().unwrap();
                let endpos: usize = parts[5].parse().unwrap();
                for mode in [Mode::Match, Mode::Search, Mode::FullMatch] {
                    res.push('|');
                    res.push_str(&fmt_caps(re.match_at(&subj, pos, endpos, mode)));
                }
                res.push('|');
                let all = re.find_all(&subj, pos, endpos, 0);
                let all: Vec<String> = all.into_iter().map(|c| fmt_caps(Some(c))).collect();
                res.push_str(&all.join("/"));
            }
            res
        }
    }
}
