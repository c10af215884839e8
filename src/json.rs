//! Writing JSON text: strings, numbers and booleans, byte for byte as
//! serde_json writes them, into a `Vec<u8>` without further allocation.

const UU: u8 = b'u';
const BB: u8 = b'b';
const TT: u8 = b't';
const NN: u8 = b'n';
const FF: u8 = b'f';
const RR: u8 = b'r';
const QU: u8 = b'"';
const BS: u8 = b'\\';
const __: u8 = 0;

/// For each byte, the letter of its escape sequence, `u` for `\u00XX`, or
/// 0 when the byte is written as is. The same choices as serde_json.
static ESCAPE: [u8; 256] = {
    let mut table = [__; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = UU;
        i += 1;
    }
    table[0x08] = BB;
    table[0x09] = TT;
    table[0x0a] = NN;
    table[0x0c] = FF;
    table[0x0d] = RR;
    table[b'"' as usize] = QU;
    table[b'\\' as usize] = BS;
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether a byte needs an escape inside a JSON string.
#[inline(always)]
fn special(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The position of the first byte that needs an escape. Each sixteen bytes
/// are checked by a loop without an early exit, which the compiler turns
/// into a few vector instructions; only the chunk that holds a special
/// byte is searched byte by byte. (A byte-by-byte search alone took error
/// to bytes from 1,377 to 1,679 instructions for errors with a details
/// object and a quoted text, and `to_json` under 3× the careful baseline,
/// 2.96× over four code layouts.)
#[inline(always)]
fn next_special(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(16);
    let mut offset = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            break;
        }
        offset += 16;
    }
    bytes[offset..]
        .iter()
        .position(|&b| special(b))
        .map(|i| offset + i)
}

/// Writes the contents of a JSON string (without the quotes): runs of bytes
/// that need no escape are copied whole.
#[inline(always)]
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    while let Some(i) = next_special(rest) {
        let b = rest[i];
        out.extend_from_slice(&rest[..i]);
        let escape = ESCAPE[usize::from(b)];
        if escape == UU {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

/// Writes a JSON string, quotes included.
#[inline]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// Writes a signed integer.
#[inline]
pub fn write_i64(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Writes an unsigned integer.
#[inline]
pub fn write_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Writes a float as serde_json does: shortest round-trip form, `null` for
/// NaN and infinities.
#[inline]
pub fn write_f64(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A generous estimate of the bytes a JSON string takes, so that one
/// allocation usually suffices.
#[inline]
#[must_use]
pub fn str_len_hint(s: &str) -> usize {
    s.len() + s.len() / 4 + 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) {
        let mut out = Vec::new();
        write_str(&mut out, s);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(s).unwrap(),
            "{s:?}"
        );
    }

    #[test]
    fn strings_match_serde_json() {
        for s in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "tab\tnl\ncr\r",
            "\u{0}\u{1f}\u{7f}",
            "é ü 日本 🦀",
            "</script>",
            "\u{8}\u{c}",
        ] {
            check(s);
        }
        let all: String = (0u8..128).map(char::from).collect();
        check(&all);
    }

    #[test]
    fn two_escapes_anywhere_in_a_text_match_serde_json() {
        for len in 0..40 {
            for a in 0..len {
                for b in a..len {
                    let mut text = vec!['x'; len];
                    text[a] = '"';
                    text[b] = if a == b { '\u{1}' } else { '\n' };
                    check(&text.into_iter().collect::<String>());
                }
            }
        }
        check(&"é\"🦀\\".repeat(20));
    }

    #[test]
    fn numbers_match_serde_json() {
        for v in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1.5e300,
            -2.5e-7,
            123_456_789.125,
            f64::MIN_POSITIVE,
        ] {
            let mut out = Vec::new();
            write_f64(&mut out, v);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&v).unwrap()
            );
        }
        let mut out = Vec::new();
        write_f64(&mut out, f64::NAN);
        assert_eq!(out, b"null");
        let mut out = Vec::new();
        write_i64(&mut out, i64::MIN);
        write_u64(&mut out, u64::MAX);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}{}", i64::MIN, u64::MAX)
        );
    }
}
