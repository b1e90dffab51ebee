//! Reads difftest queries on stdin and prints the engine's answers, for
//! `difftest/difftest.py` to compare with CPython's. One query per line:
//! `flags|is_str|pattern code points|subject code points` (comma-separated
//! decimal); one answer per line.

use std::io::{BufRead, Write};

#[path = "../difftest/answer.rs"]
mod answer;

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.unwrap();
        writeln!(out, "{}", answer::answer(&line)).unwrap();
        out.flush().unwrap();
    }
}
