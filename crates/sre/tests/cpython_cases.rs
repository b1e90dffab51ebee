//! The engine against CPython 3.10's answers recorded by
//! `difftest/difftest.py --record` (compile errors, match, search, fullmatch
//! and finditer spans with lastindex, for hand-picked and random patterns).

#[path = "../difftest/answer.rs"]
#[allow(dead_code)]
mod answer;

#[test]
fn cpython_cases() {
    let data = include_str!("data/cpython_cases.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines() {
        let (query, expected) = line.split_once('\t').expect("query<TAB>answer");
        n += 1;
        let got = answer::answer(query);
        if got != expected {
            failures.push(format!("{query}\n  cpython: {expected}\n  pyvm:    {got}"));
        }
    }
    assert!(n > 1000, "too few cases");
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        n,
        failures[..failures.len().min(20)].join("\n")
    );
}
