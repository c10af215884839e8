//! The in-memory form of body programs: every op followed by its own static
//! text, so that one body is one contiguous run of bytes.
//!
//! Writing an error then reads the body's bounds and that one run, front to
//! back. With ops in a table of their own and the static text elsewhere, a
//! catalogue of thousands of entries cost each error several more cache
//! lines, in regions far apart.
//!
//! ```text
//! body := u32:static_len op*
//! op   := u8:kind u16:arg u32:len, then len bytes of static text
//! ```
//!
//! Integers are little-endian. The argument is a field index (`JSON`,
//! `TEXT`, `OPT_JSON`), a per-request value (`REQUEST`, `OPT_REQUEST`: 0
//! request id, 1 timestamp, 2 instance), or 0 or 1 (`COMMA`). A head of
//! fixed size costs one bounds check to read, and the text one more.
//!
//! Only [`push`] writes this form, from ops already checked, so [`Ops`]
//! trusts it; on bytes it cannot read it stops rather than panics.

use crate::program::{Dyn, Op};

const RAW: u8 = 0;
const JSON: u8 = 1;
const TEXT: u8 = 2;
const REQUEST: u8 = 3;
const COMMA: u8 = 4;
const COMMA_IF: u8 = 5;
const OPT_JSON: u8 = 6;
const OPT_REQUEST: u8 = 7;

/// Bytes of an op's head: kind, argument, length of its text.
const HEAD: usize = 7;

/// Starts a body whose static text is `static_len` bytes.
pub fn start(static_len: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(&static_len.to_le_bytes());
}

/// Appends one op. `None` if its static text is longer than `u32::MAX`.
pub fn push(op: Op<'_>, out: &mut Vec<u8>) -> Option<()> {
    let request = |d: Dyn| match d {
        Dyn::RequestId => 0,
        Dyn::Timestamp => 1,
        Dyn::Instance => 2,
    };
    let (kind, arg, text): (u8, u16, &[u8]) = match op {
        Op::Raw(text) => (RAW, 0, text),
        Op::Json(text, i) => (JSON, i, text),
        Op::Text(text, i) => (TEXT, i, text),
        Op::Request(text, d) => (REQUEST, request(d), text),
        Op::SetComma(c) => (COMMA, u16::from(c), b""),
        Op::CommaIf => (COMMA_IF, 0, b""),
        Op::OptJson(text, i) => (OPT_JSON, i, text),
        Op::OptRequest(text, d) => (OPT_REQUEST, request(d), text),
    };
    let len = u32::try_from(text.len()).ok()?;
    out.push(kind);
    out.extend_from_slice(&arg.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(text);
    Some(())
}

/// Reads a body: its static length and its ops.
#[inline]
#[must_use]
pub fn read(body: &[u8]) -> (usize, Ops<'_>) {
    match body.split_first_chunk::<4>() {
        Some((len, rest)) => (u32::from_le_bytes(*len) as usize, Ops { rest }),
        None => (0, Ops { rest: &[] }),
    }
}

/// The ops of a body, decoded as they are read.
#[derive(Clone, Debug)]
pub struct Ops<'c> {
    rest: &'c [u8],
}

impl<'c> Ops<'c> {
    /// The text of a body that is one static fragment and nothing else.
    #[inline]
    #[must_use]
    pub fn only_raw(&self) -> Option<&'c [u8]> {
        let (&[RAW, _, _, a, b, c, d], text) = self.rest.split_first_chunk::<HEAD>()? else {
            return None;
        };
        (u32::from_le_bytes([a, b, c, d]) as usize == text.len()).then_some(text)
    }

    #[inline(always)]
    fn op(&mut self) -> Option<Op<'c>> {
        let (&[kind, a0, a1, l0, l1, l2, l3], rest) = self.rest.split_first_chunk::<HEAD>()?;
        let arg = u16::from_le_bytes([a0, a1]);
        let (text, rest) = rest.split_at_checked(u32::from_le_bytes([l0, l1, l2, l3]) as usize)?;
        self.rest = rest;
        let request = || match arg {
            0 => Some(Dyn::RequestId),
            1 => Some(Dyn::Timestamp),
            2 => Some(Dyn::Instance),
            _ => None,
        };
        Some(match kind {
            RAW => Op::Raw(text),
            JSON => Op::Json(text, arg),
            TEXT => Op::Text(text, arg),
            REQUEST => Op::Request(text, request()?),
            COMMA => Op::SetComma(arg != 0),
            COMMA_IF => Op::CommaIf,
            OPT_JSON => Op::OptJson(text, arg),
            OPT_REQUEST => Op::OptRequest(text, request()?),
            _ => return None,
        })
    }
}

impl<'c> Iterator for Ops<'c> {
    type Item = Op<'c>;

    #[inline(always)]
    fn next(&mut self) -> Option<Op<'c>> {
        let op = self.op();
        if op.is_none() {
            self.rest = &[];
        }
        op
    }
}

#[cfg(test)]
mod tests {
    use super::{push, read, start};
    use crate::program::{Dyn, Op};

    #[test]
    fn every_op_reads_back_as_written() {
        let ops = [
            Op::Raw(b"{\"error\":{"),
            Op::Json(b"\"id\":", 3),
            Op::Text(b",\"m\":\"", 65_535),
            Op::Request(b"", Dyn::RequestId),
            Op::SetComma(false),
            Op::SetComma(true),
            Op::CommaIf,
            Op::OptJson(b"\"k\":", 0),
            Op::OptRequest(b"\"t\":", Dyn::Timestamp),
            Op::OptRequest(b"\"i\":", Dyn::Instance),
            Op::Raw(b""),
        ];
        let mut code = Vec::new();
        start(77, &mut code);
        for op in ops {
            push(op, &mut code).expect("short text");
        }
        let (static_len, read_ops) = read(&code);
        assert_eq!(static_len, 77);
        assert_eq!(read_ops.only_raw(), None);
        assert_eq!(read_ops.collect::<Vec<_>>(), ops);
    }

    #[test]
    fn a_body_of_one_fragment_is_seen_as_such() {
        let mut code = Vec::new();
        start(3, &mut code);
        push(Op::Raw(b"{1}"), &mut code).expect("short text");
        assert_eq!(read(&code).1.only_raw(), Some(&b"{1}"[..]));
        push(Op::CommaIf, &mut code).expect("no text");
        assert_eq!(read(&code).1.only_raw(), None);
        let mut code = Vec::new();
        start(3, &mut code);
        push(Op::Json(b"{1}", 0), &mut code).expect("short text");
        assert_eq!(read(&code).1.only_raw(), None);
    }

    #[test]
    fn damaged_bytes_end_the_body_without_a_panic() {
        let mut code = Vec::new();
        start(5, &mut code);
        push(Op::Json(b"12345", 1), &mut code).expect("short text");
        for cut in 0..code.len() {
            let (_, ops) = read(&code[..cut]);
            assert_eq!(ops.count(), 0, "a prefix of {cut} bytes");
        }
        code.extend_from_slice(&[200, 0, 0, 0, 0, 0, 0]);
        let (_, ops) = read(&code);
        assert_eq!(ops.collect::<Vec<_>>(), [Op::Json(b"12345", 1)]);
    }
}
