//! The format-spec mini-language (`[[fill]align][sign][#][0][width][,|_][.prec][type]`)
//! parsed once, independent of the value's type: the few rules that do depend on
//! the type (default alignment, default type) are resolved by the renderers.

use super::FormatError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding goes between the sign/prefix and the digits.
    AfterSign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
    Space,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    Underscore,
}

/// A parsed format spec.
///
/// `align` is `None` when the spec gave none: numbers then default to `>` (or to
/// `=` when `zero_pad` is set) and strings to `<`, which is why the '0' flag is
/// kept separately instead of being folded into `align` here (3.10 behaviour:
/// `format('ab', '05') == 'ab000'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Option<Align>,
    pub sign: Option<Sign>,
    pub alternate: bool,
    /// A `0` right before the width with no explicit fill; `fill` is then '0'.
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl Default for FormatSpec {
    fn default() -> Self {
        FormatSpec {
            fill: ' ',
            align: None,
            sign: None,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
        }
    }
}

/// First code point of every run of ten Unicode decimal digits (Unicode 13.0,
/// as in CPython 3.10): widths and precisions accept any of them (`'١٠'` is a
/// width of 10), exactly like CPython's `Py_UNICODE_TODECIMAL`.
const DECIMAL_ZEROS: [u32; 65] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The decimal value of `c` if it is a Unicode decimal digit.
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (c as u8 as char).to_digit(10);
    }
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= c);
    let zero = DECIMAL_ZEROS[i.checked_sub(1)?];
    (c - zero < 10).then_some(c - zero)
}

/// How CPython names a type code in messages: printable ASCII as itself, the
/// rest as `\x<hex>` (so NUL is `\x0`, space is `\x20`).
pub(crate) fn type_code_repr(c: char) -> String {
    let v = c as u32;
    if v > 32 && v < 128 {
        c.to_string()
    } else {
        format!("\\x{v:x}")
    }
}

/// `Unknown format code 'q' for object of type 'int'`.
pub(crate) fn unknown_format_code(ty: char, type_name: &str) -> FormatError {
    // CPython truncates the type name with %.200s.
    let name: String = type_name.chars().take(200).collect();
    FormatError::value(format!(
        "Unknown format code '{}' for object of type '{name}'",
        type_code_repr(ty)
    ))
}

/// Rejects a `,`/`_` that the presentation type does not allow. The type is
/// the explicit one, or the renderer's default type when the spec had none.
pub(crate) fn check_grouping(grouping: Option<Grouping>, ty: char) -> Result<(), FormatError> {
    let Some(g) = grouping else { return Ok(()) };
    let ok = match ty {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => true,
        'b' | 'o' | 'x' | 'X' => g == Grouping::Underscore,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    let sep = if g == Grouping::Comma { ',' } else { '_' };
    Err(FormatError::value(format!(
        "Cannot specify '{sep}' with '{}'.",
        type_code_repr(ty)
    )))
}

impl FormatSpec {
    /// Parses a spec exactly as CPython 3.10 does, with its error messages.
    ///
    /// Separator/type compatibility is checked here when the type is given;
    /// with no type it depends on the value's default type ('s' for strings
    /// rejects separators), which the renderers check.
    pub fn parse(spec: &str) -> Result<FormatSpec, FormatError> {
        let chars: Vec<char> = spec.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut out = FormatSpec::default();
        let mut fill_specified = false;

        let align_of = |c: char| match c {
            '<' => Some(Align::Left),
            '>' => Some(Align::Right),
            '^' => Some(Align::Center),
            '=' => Some(Align::AfterSign),
            _ => None,
        };
        if end >= 2 && align_of(chars[1]).is_some() {
            out.fill = chars[0];
            out.align = align_of(chars[1]);
            fill_specified = true;
            pos = 2;
        } else if end >= 1 && align_of(chars[0]).is_some() {
            out.align = align_of(chars[0]);
            pos = 1;
        }

        if pos < end {
            out.sign = match chars[pos] {
                '+' => Some(Sign::Plus),
                '-' => Some(Sign::Minus),
                ' ' => Some(Sign::Space),
                _ => None,
            };
            if out.sign.is_some() {
                pos += 1;
            }
        }
        if pos < end && chars[pos] == '#' {
            out.alternate = true;
            pos += 1;
        }
        // An explicit fill wins: then this '0' is just the width's first digit.
        if !fill_specified && pos < end && chars[pos] == '0' {
            out.fill = '0';
            out.zero_pad = true;
            pos += 1;
        }

        out.width = parse_integer(&chars, &mut pos)?;

        if pos < end && chars[pos] == ',' {
            out.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if pos < end && chars[pos] == '_' {
            if out.grouping.is_some() {
                return Err(both_separators());
            }
            out.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        // Only `_,` is caught here; `,,` falls through and ',' becomes the type.
        if pos < end && chars[pos] == ',' && out.grouping == Some(Grouping::Underscore) {
            return Err(both_separators());
        }

        if pos < end && chars[pos] == '.' {
            pos += 1;
            match parse_integer(&chars, &mut pos)? {
                Some(p) => out.precision = Some(p),
                None => return Err(FormatError::value("Format specifier missing precision")),
            }
        }

        if end - pos > 1 {
            return Err(FormatError::value("Invalid format specifier"));
        }
        if end - pos == 1 {
            out.ty = Some(chars[pos]);
        }
        if let Some(ty) = out.ty {
            check_grouping(out.grouping, ty)?;
        }
        Ok(out)
    }

    /// Alignment for numbers when the spec gave none.
    pub(crate) fn numeric_align(&self) -> Align {
        self.align.unwrap_or(if self.zero_pad {
            Align::AfterSign
        } else {
            Align::Right
        })
    }
}

fn both_separators() -> FormatError {
    FormatError::value("Cannot specify both ',' and '_'.")
}

/// Reads a run of decimal digits; `None` when there are none.
fn parse_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let mut acc: usize = 0;
    let start = *pos;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        // Py_ssize_t is the limit, whatever usize could hold.
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d as usize;
        *pos += 1;
    }
    Ok((*pos > start).then_some(acc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_fields() {
        use Align::*;
        let d = FormatSpec::default;
        let cases: Vec<(&str, FormatSpec)> = vec![
            ("", d()),
            (
                "05",
                FormatSpec {
                    fill: '0',
                    zero_pad: true,
                    width: Some(5),
                    ..d()
                },
            ),
            (
                "0<5",
                FormatSpec {
                    fill: '0',
                    align: Some(Left),
                    width: Some(5),
                    ..d()
                },
            ),
            (
                "<05",
                FormatSpec {
                    fill: '0',
                    align: Some(Left),
                    zero_pad: true,
                    width: Some(5),
                    ..d()
                },
            ),
            (
                "x<05",
                FormatSpec {
                    fill: 'x',
                    align: Some(Left),
                    width: Some(5),
                    ..d()
                },
            ),
            (
                "0",
                FormatSpec {
                    fill: '0',
                    zero_pad: true,
                    ..d()
                },
            ),
            (
                "00",
                FormatSpec {
                    fill: '0',
                    zero_pad: true,
                    width: Some(0),
                    ..d()
                },
            ),
            (
                "*^+#012,.3f",
                FormatSpec {
                    fill: '*',
                    align: Some(Center),
                    sign: Some(Sign::Plus),
                    alternate: true,
                    zero_pad: false,
                    width: Some(12),
                    grouping: Some(Grouping::Comma),
                    precision: Some(3),
                    ty: Some('f'),
                },
            ),
            (
                " ",
                FormatSpec {
                    sign: Some(Sign::Space),
                    ..d()
                },
            ),
            (
                "  ",
                FormatSpec {
                    sign: Some(Sign::Space),
                    ty: Some(' '),
                    ..d()
                },
            ),
            (
                "=",
                FormatSpec {
                    align: Some(AfterSign),
                    ..d()
                },
            ),
            (
                "==",
                FormatSpec {
                    fill: '=',
                    align: Some(AfterSign),
                    ..d()
                },
            ),
            (
                "<<",
                FormatSpec {
                    fill: '<',
                    align: Some(Left),
                    ..d()
                },
            ),
            (
                "é>3",
                FormatSpec {
                    fill: 'é',
                    align: Some(Right),
                    width: Some(3),
                    ..d()
                },
            ),
            // Any Unicode decimal digit counts, but only an ASCII '0' zero-pads.
            (
                "١٠",
                FormatSpec {
                    width: Some(10),
                    ..d()
                },
            ),
            (
                "０5",
                FormatSpec {
                    width: Some(5),
                    ..d()
                },
            ),
            (
                ".١",
                FormatSpec {
                    precision: Some(1),
                    ..d()
                },
            ),
            (
                "_x",
                FormatSpec {
                    grouping: Some(Grouping::Underscore),
                    ty: Some('x'),
                    ..d()
                },
            ),
            (
                ",",
                FormatSpec {
                    grouping: Some(Grouping::Comma),
                    ..d()
                },
            ),
            (
                "-",
                FormatSpec {
                    sign: Some(Sign::Minus),
                    ..d()
                },
            ),
            (
                "9223372036854775807",
                FormatSpec {
                    width: Some(9223372036854775807),
                    ..d()
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(FormatSpec::parse(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn parse_errors() {
        // (spec, message) from CPython 3.10's format(1, spec).
        let cases = [
            (
                "99999999999999999999",
                "Too many decimal digits in format string",
            ),
            (
                "9223372036854775808",
                "Too many decimal digits in format string",
            ),
            (
                ".99999999999999999999",
                "Too many decimal digits in format string",
            ),
            (".", "Format specifier missing precision"),
            (".x", "Format specifier missing precision"),
            ("5.", "Format specifier missing precision"),
            ("xx", "Invalid format specifier"),
            ("5dd", "Invalid format specifier"),
            (",_", "Cannot specify both ',' and '_'."),
            ("_,", "Cannot specify both ',' and '_'."),
            (",,", "Cannot specify ',' with ','."),
            ("__", "Cannot specify '_' with '_'."),
            ("_n", "Cannot specify '_' with 'n'."),
            (",n", "Cannot specify ',' with 'n'."),
            (",c", "Cannot specify ',' with 'c'."),
            ("_c", "Cannot specify '_' with 'c'."),
            (",x", "Cannot specify ',' with 'x'."),
            (",b", "Cannot specify ',' with 'b'."),
            (",s", "Cannot specify ',' with 's'."),
            (",q", "Cannot specify ',' with 'q'."),
            (",é", "Cannot specify ',' with '\\xe9'."),
            (", ", "Cannot specify ',' with '\\x20'."),
        ];
        for (text, msg) in cases {
            assert_eq!(
                FormatSpec::parse(text),
                Err(FormatError::value(msg)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn decimal_digits() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('a'), None);
        assert_eq!(decimal_value('\u{669}'), Some(9));
        assert_eq!(decimal_value('\u{66a}'), None);
        assert_eq!(decimal_value('\u{1FBF9}'), Some(9));
        assert_eq!(decimal_value('\u{1FBFA}'), None);
        assert_eq!(decimal_value('\u{2f}'), None);
        assert_eq!(decimal_value('²'), None);
    }
}
