#!/usr/bin/env python3
"""Differential test of pyvm-sre against CPython 3.10's re.

Generates random patterns and subjects (or reads cases from files), asks
CPython (this script must run under CPython 3.10) and the `sre_probe` example
(built with `cargo build -p pyvm-sre --example sre_probe --release`) for
compile errors, match, search, fullmatch and finditer spans with lastindex,
and prints every disagreement.

    python3.10 crates/sre/difftest/difftest.py [--seed N] [--count N] [FILE...]

A FILE holds one case per line: `flags<TAB>pattern<TAB>subject` with Python
string-literal escapes (a pattern starting with b' is a bytes pattern).
"""

import argparse
import ast
import os
import random
import re
import subprocess
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PROBE = os.path.join(ROOT, "target", "release", "examples", "sre_probe")


def fmt_match(m, groups):
    if m is None:
        return "N"
    out = ""
    for g in range(groups + 1):
        s, e = m.span(g)
        out += "%d,%d;" % (s, e)
    out += "L%s" % ("-" if m.lastindex is None else m.lastindex)
    return out


def cpython_answer(flags, pat, subj, window=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = re.compile(pat, flags)
        except re.error as e:
            if e.pos is None:
                return "E:error:%s" % e.msg
            return "E:error:%s at position %d" % (e.msg, e.pos)
        except (OverflowError, ValueError) as e:
            return "E:%s:%s" % (type(e).__name__, e)
        except Exception as e:  # noqa
            return "E:%s:%s" % (type(e).__name__, e)
    re.purge()
    g = r.groups
    res = "M:%d:%d|" % (g, r.flags)
    res += fmt_match(r.match(subj), g) + "|"
    res += fmt_match(r.search(subj), g) + "|"
    res += fmt_match(r.fullmatch(subj), g) + "|"
    res += "/".join(fmt_match(m, g) for m in r.finditer(subj))
    if window is not None:
        pos, endpos = window
        res += "|" + fmt_match(r.match(subj, pos, endpos), g)
        res += "|" + fmt_match(r.search(subj, pos, endpos), g)
        res += "|" + fmt_match(r.fullmatch(subj, pos, endpos), g)
        res += "|" + "/".join(fmt_match(m, g) for m in r.finditer(subj, pos, endpos))
    return res


ATOMS = ["a", "b", "c", "ab", ".", "x", "\\d", "\\w", "\\s", "\\W", "[ab]", "[^a]", "[a-c]",
         "\\b", "\\B", "^", "$", "\\A", "\\Z", "A", "B", "é", "É", "ı", "İ", "k", "K", "\u212a",
         "ſ", "s", "S", "\\n", "\n", "[A-Z]", "[^\\W\\d]", "-"]


def rand_pattern(rng, depth=0):
    n = rng.randint(1, 3 if depth else 4)
    out = ""
    for _ in range(n):
        k = rng.random()
        if k < 0.45 or depth > 2:
            out += rng.choice(ATOMS)
        elif k < 0.55:
            out += "(" + rand_pattern(rng, depth + 1) + ")"
        elif k < 0.62:
            out += "(?:" + rand_pattern(rng, depth + 1) + "|" + rand_pattern(rng, depth + 1) + ")"
        elif k < 0.67:
            out += "(" + rand_pattern(rng, depth + 1) + "|" + rand_pattern(rng, depth + 1) + ")"
        elif k < 0.71:
            out += "(?=" + rand_pattern(rng, depth + 1) + ")"
        elif k < 0.74:
            out += "(?!" + rand_pattern(rng, depth + 1) + ")"
        elif k < 0.77:
            out += "(?<=" + rng.choice(["a", "b", "ab", "\\w", "(a)"]) + ")"
        elif k < 0.79:
            out += "(?<!" + rng.choice(["a", "b", "ab", "\\w"]) + ")"
        elif k < 0.82:
            out += "\\%d" % rng.randint(1, 3)
        elif k < 0.85:
            out += "(?(%d)%s|%s)" % (rng.randint(1, 2), rand_pattern(rng, depth + 1), rand_pattern(rng, depth + 1))
        elif k < 0.88:
            out += "(?P<n%d>%s)" % (rng.randint(0, 1), rand_pattern(rng, depth + 1))
        else:
            out += "(?i:" + rand_pattern(rng, depth + 1) + ")"
        if rng.random() < 0.35 and out[-1:] not in ("^", "$", ")") and not out.endswith(("\\b", "\\B", "\\A", "\\Z")):
            out += rng.choice(["*", "+", "?", "*?", "+?", "??", "{2}", "{1,2}", "{,2}", "{2,}?", "{0}", "{1,3}?"])
    return out


SYNTAX = ["(", ")", "[", "]", "{", "}", "?", "*", "+", "|", "^", "$", "\\", ".", "-", ":", "=",
          "!", "<", ">", "P", "a", "1", "2", "0", "b", "#", ",", "x", "u", "U", "N", "g", "i", "L",
          "m", "s", "x", "a", "n", "7", "9", "_", " ", "\n", "d", "w", "é", "A", "Z", "B", "&", "~",
          "(?", "(?P<", "(?P=", "(?(", "\\x", "\\0", "(?<", "(?#", "[^", "{1,", "(?i", "(?-"]


def syntax_pattern(rng):
    return "".join(rng.choice(SYNTAX) for _ in range(rng.randint(1, 10)))


SUBJECT_LEN = 8


def rand_subject(rng):
    return "".join(rng.choice("aabbcx AéÉkKſsS\n-1_ıİ\u212a") for _ in range(rng.randint(0, SUBJECT_LEN)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--subject-len", type=int, default=8, help="maximum length of random subjects")
    ap.add_argument("--record", help="write the cases with CPython's answers to this file "
                    "(the input of tests/cpython_cases.rs) instead of comparing")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    global SUBJECT_LEN
    SUBJECT_LEN = args.subject_len
    cases = []
    if args.files:
        for fn in args.files:
            for line in open(fn, encoding="utf-8"):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                f, p, s = line.split("\t")
                cases.append((int(f), ast.literal_eval(p), ast.literal_eval(s), None))
    else:
        rng = random.Random(args.seed)
        for i in range(args.count):
            flags = rng.choice([0, 0, 0, re.I, re.M, re.S, re.A, re.I | re.A, re.X, re.I | re.M | re.S])
            pat = syntax_pattern(rng) if i % 3 == 0 else rand_pattern(rng)
            subj = rand_subject(rng)
            if i % 5 == 1:
                # bytes
                pat = pat.encode("latin-1", "replace")
                subj = subj.encode("latin-1", "replace")
                flags = rng.choice([0, re.I, re.L, re.L | re.I, re.A | re.I, re.M])
            window = None
            if i % 4 == 2:
                window = (rng.randint(0, len(subj) + 1), rng.randint(0, len(subj) + 1))
            cases.append((flags, pat, subj, window))
    lines = []
    for f, p, s, w in cases:
        is_str = isinstance(p, str)
        pcps = [ord(c) for c in p] if is_str else list(p)
        scps = [ord(c) for c in s] if isinstance(s, str) else list(s)
        line = "%d|%d|%s|%s" % (f, int(is_str), ",".join(map(str, pcps)), ",".join(map(str, scps)))
        if w is not None:
            line += "|%d|%d" % w
        lines.append(line)
    if args.record:
        with open(args.record, "w", encoding="ascii") as f:
            for (fl, p, s, w), line in zip(cases, lines):
                f.write(line + "\t" + cpython_answer(fl, p, s, w).replace("\n", "\\n").encode(
                    "ascii", "backslashreplace").decode("ascii") + "\n")
        print("recorded %d cases" % len(cases))
        return
    out = subprocess.run([PROBE], input="\n".join(lines) + "\n", capture_output=True, text=True)
    if out.returncode:
        print(out.stderr)
        sys.exit(1)
    ours = out.stdout.split("\n")
    bad = 0
    for (f, p, s, w), mine in zip(cases, ours):
        theirs = cpython_answer(f, p, s, w).replace("\n", "\\n").encode(
            "ascii", "backslashreplace").decode("ascii")
        if theirs != mine:
            bad += 1
            if bad <= args.show:
                print("flags=%d pattern=%r subject=%r window=%r\n  cpython: %s\n  pyvm:    %s" % (f, p, s, w, theirs, mine))
    print("%d cases, %d differences" % (len(cases), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
