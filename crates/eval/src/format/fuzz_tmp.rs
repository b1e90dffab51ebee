use super::*;
use num_bigint::BigInt;

fn unesc(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' { out.push(c); continue; }
        let n = it.next().unwrap();
        let hex = |it: &mut std::iter::Peekable<std::str::Chars>, k: usize| {
            let h: String = (0..k).map(|_| it.next().unwrap()).collect();
            char::from_u32(u32::from_str_radix(&h, 16).unwrap()).unwrap_or('\u{fffd}')
        };
        match n {
            '\\' => out.push('\\'), 't' => out.push('\t'), 'n' => out.push('\n'), 'r' => out.push('\r'),
            'x' => out.push(hex(&mut it, 2)), 'u' => out.push(hex(&mut it, 4)), 'U' => out.push(hex(&mut it, 8)),
            o => { out.push('\\'); out.push(o); }
        }
    }
    out
}

#[test]
fn fuzz_against_file() {
    let mut bad = 0;
    let mut total = 0;
    for path in ["/tmp/fmtgen/fuzz1.txt", "/tmp/fmtgen/fuzz2.txt"] {
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let (kind, val, spec, ek, ev) = (f[0], f[1], unesc(f[2]), f[3], unesc(f[4]));
            let got = FormatSpec::parse(&spec).and_then(|s| match kind {
                "i" => format_int(&val.parse::<BigInt>().unwrap(), &s),
                "f" => format_float(val.parse().unwrap(), &s),
                "c" => { let (a, b) = val.split_once(' ').unwrap(); format_complex(a.parse().unwrap(), b.parse().unwrap(), &s) }
                _ => format_str(&unesc(val), &s),
            });
            total += 1;
            let ok = match &got {
                Ok(g) => ek == "OK" && *g == ev,
                Err(e) => format!("{:?}", e.kind) == ek && e.message == ev,
            };
            if !ok {
                bad += 1;
                if bad < 30 { eprintln!("MISMATCH {kind} {val} {spec:?}: got {got:?}, want {ek} {ev:?}"); }
            }
        }
    }
    eprintln!("{bad} mismatches of {total}");
    assert_eq!(bad, 0);
}

#[test]
fn fuzz_printf() {
    let text = std::fs::read_to_string("/tmp/fmtgen/fuzzp.txt").unwrap();
    let mut bad = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (fmt, kind, val, ek, ev) = (unesc(f[0]), f[1], f[2], f[3], unesc(f[4]));
        let pieces = parse_percent(&fmt).unwrap();
        let PercentPiece::Conversion(c) = &pieces[0] else { panic!() };
        let got: Result<String, FormatError> = match (c.conv, kind) {
            ('s', _) => percent_str_pad(&unesc(val), &c.spec),
            ('c', _) => percent_char(char::from_u32(val.parse().unwrap()).unwrap(), &c.spec),
            (_, "i") => percent_int(&val.parse::<BigInt>().unwrap(), c.conv, &c.spec),
            _ => percent_float(val.parse().unwrap(), c.conv, &c.spec),
        };
        let ok = match &got {
            Ok(g) => ek == "OK" && *g == ev,
            Err(e) => format!("{:?}", e.kind) == ek && e.message == ev,
        };
        if !ok {
            bad += 1;
            if bad < 30 { eprintln!("MISMATCH {fmt:?} {val}: got {got:?}, want {ek} {ev:?}"); }
        }
    }
    eprintln!("{bad} printf mismatches of {}", text.lines().count());
    assert_eq!(bad, 0);
}

fn run(fmt: &str, n: usize) -> Result<String, (String, String)> {
    let fe = |e: FormatError| (format!("{:?}", e.kind), e.message);
    let te = |m: &str| ("TypeError".to_string(), m.to_string());
    let mut idx = 0;
    let mut next = |idx: &mut usize| if *idx < n { *idx += 1; Ok(BigInt::from(3)) } else { Err(te("not enough arguments for format string")) };
    let mut out = String::new();
    for p in PercentParser::new(fmt) {
        match p {
            Err(e) => {
                if e.mapping { return Err(te("format requires a mapping")); }
                for _ in 0..e.star_args { next(&mut idx)?; }
                return Err(fe(e.error));
            }
            Ok(PercentPiece::Literal(r)) => out.push_str(&fmt[r]),
            Ok(PercentPiece::Conversion(c)) => {
                if c.key.is_some() { return Err(te("format requires a mapping")); }
                let mut spec = c.spec.clone();
                if c.width_from_args { spec.set_star_width(&next(&mut idx)?).map_err(fe)?; }
                if c.precision_from_args { spec.set_star_precision(&next(&mut idx)?).map_err(fe)?; }
                let v = next(&mut idx)?;
                c.check_conversion().map_err(fe)?;
                let s = match c.conv {
                    's' | 'r' | 'a' => percent_str_pad("3", &spec).map_err(fe)?,
                    'c' => percent_char('\u{3}', &spec).map_err(fe)?,
                    'd' | 'i' | 'u' | 'o' | 'x' | 'X' => percent_int(&v, c.conv, &spec).map_err(fe)?,
                    _ => percent_float(3.0, c.conv, &spec).map_err(fe)?,
                };
                out.push_str(&s);
            }
        }
    }
    if idx < n { return Err(te("not all arguments converted during string formatting")); }
    Ok(out)
}

#[test]
fn fuzz_parse() {
    let text = std::fs::read_to_string("/tmp/fmtgen/fuzzparse.txt").unwrap();
    let mut bad = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (fmt, n, ek, ev) = (unesc(f[0]), f[1].parse().unwrap(), f[2], unesc(f[3]));
        let got = run(&fmt, n);
        let ok = match &got { Ok(g) => ek == "OK" && *g == ev, Err((k, m)) => k == ek && *m == ev };
        if !ok { bad += 1; if bad < 30 { eprintln!("MISMATCH {fmt:?} {n}: got {got:?}, want {ek} {ev:?}"); } }
    }
    eprintln!("{bad} parse mismatches of {}", text.lines().count());
    assert_eq!(bad, 0);
}

fn runb(fmt: &[u8], n: usize) -> Result<Vec<u8>, (String, String)> {
    let fe = |e: FormatError| (format!("{:?}", e.kind), e.message);
    let te = |m: &str| ("TypeError".to_string(), m.to_string());
    let mut idx = 0;
    let next = |idx: &mut usize| if *idx < n { *idx += 1; Ok(BigInt::from(3)) } else { Err(te("not enough arguments for format string")) };
    let mut out = Vec::new();
    for p in PercentParser::new_bytes(fmt) {
        match p {
            Err(e) => {
                if e.mapping { return Err(te("format requires a mapping")); }
                for _ in 0..e.star_args { next(&mut idx)?; }
                return Err(fe(e.error));
            }
            Ok(PercentPiece::Literal(r)) => out.extend_from_slice(&fmt[r]),
            Ok(PercentPiece::Conversion(c)) => {
                if c.key.is_some() { return Err(te("format requires a mapping")); }
                let mut spec = c.spec.clone();
                if c.width_from_args { spec.set_star_width(&next(&mut idx)?).map_err(fe)?; }
                if c.precision_from_args { spec.set_star_precision(&next(&mut idx)?).map_err(fe)?; }
                let v = next(&mut idx)?;
                c.check_conversion().map_err(fe)?;
                match c.conv {
                    'b' | 's' => return Err(te("%b requires a bytes-like object, or an object that implements __bytes__, not 'int'")),
                    'c' => out.extend(percent_bytes_pad(&[3], b'c', &spec).map_err(fe)?),
                    'd' | 'i' | 'u' | 'o' | 'x' | 'X' => out.extend(percent_int(&v, c.conv, &spec).map_err(fe)?.bytes()),
                    _ => out.extend(percent_float(3.0, c.conv, &spec).map_err(fe)?.bytes()),
                };
            }
        }
    }
    if idx < n { return Err(te("not all arguments converted during bytes formatting")); }
    Ok(out)
}

#[test]
fn fuzz_parse_bytes() {
    let text = std::fs::read_to_string("/tmp/fmtgen/fuzzparseb.txt").unwrap();
    let mut bad = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let fmt: Vec<u8> = unesc(f[0]).chars().map(|c| c as u32 as u8).collect();
        let (n, ek, ev) = (f[1].parse().unwrap(), f[2], unesc(f[3]));
        let got = runb(&fmt, n).map(|b| b.iter().map(|&c| c as char).collect::<String>());
        let ok = match &got { Ok(g) => ek == "OK" && *g == ev, Err((k, m)) => k == ek && *m == ev };
        if !ok { bad += 1; if bad < 30 { eprintln!("MISMATCH {:?} {n}: got {got:?}, want {ek} {ev:?}", f[0]); } }
    }
    eprintln!("{bad} bytes parse mismatches of {}", text.lines().count());
    assert_eq!(bad, 0);
}
