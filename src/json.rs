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

/// Byte `i` of the result is `0xff` when byte `i` of the chunk needs
/// escaping, else 0. Written as a branchless map over a fixed-size array,
/// which the compiler turns into a few vector instructions (SSE2 on
/// x86-64) instead of sixteen tests.
#[inline(always)]
fn escape_mask(chunk: &[u8; 16]) -> u128 {
    let mut flags = [0u8; 16];
    for (flag, &b) in flags.iter_mut().zip(chunk) {
        *flag = u8::from((b < 0x20) | (b == b'"') | (b == b'\\')).wrapping_neg();
    }
    u128::from_le_bytes(flags)
}

/// The sixteen bytes at `i`. (The slice is sixteen bytes long, so the
/// conversion cannot fail; the fallback only spares a panic path.)
#[inline(always)]
fn chunk_at(bytes: &[u8], i: usize) -> &[u8; 16] {
    bytes[i..i + 16].try_into().unwrap_or(&PLAIN)
}

/// Sixteen bytes that need no escaping.
const PLAIN: [u8; 16] = [b' '; 16];

/// The index of the first byte that needs escaping, sixteen bytes at a
/// time. The last partial chunk is read overlapping the one before, and a
/// text shorter than a chunk is padded with spaces.
#[inline(always)]
fn first_escape(bytes: &[u8]) -> Option<usize> {
    let n = bytes.len();
    let found =
        |at: usize, mask: u128| (mask != 0).then(|| at + mask.trailing_zeros() as usize / 8);
    let mut i = 0;
    while i + 16 <= n {
        if let Some(at) = found(i, escape_mask(chunk_at(bytes, i))) {
            return Some(at);
        }
        i += 16;
    }
    if i == n {
        None
    } else if n >= 16 {
        found(
            i,
            escape_mask(chunk_at(bytes, n - 16)) >> (8 * (i - (n - 16))),
        )
    } else {
        let mut padded = PLAIN;
        padded[..n].copy_from_slice(bytes);
        found(0, escape_mask(&padded))
    }
}

/// Writes the contents of a JSON string (without the quotes).
#[inline(always)]
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    while let Some(i) = first_escape(rest) {
        let b = rest[i];
        out.extend_from_slice(&rest[..i]);
        let escape = ESCAPE[b as usize];
        if escape == UU {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]);
        } else {
            out.push(b'\\');
            out.push(escape);
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
    fn the_chunk_scan_finds_every_special_byte_at_every_position() {
        for special in [b'"', b'\\', 0u8, 0x1f, b'\n'] {
            for len in 0..50 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert_eq!(
                        first_escape(&bytes),
                        Some(at),
                        "{special:#x} at {at} of {len}"
                    );
                }
                assert_eq!(first_escape(&vec![b'a'; len]), None);
            }
        }
        // Bytes just outside the special ranges are not special.
        assert_eq!(first_escape(b" !#[]~\x7f\xc3\xa9xyzxyzxyz"), None);
    }

    #[test]
    fn two_escapes_anywhere_in_texts_across_chunks_match_serde_json() {
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
