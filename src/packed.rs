//! The tables of a generated type, packed by the macro into one string
//! literal and unpacked on first use.
//!
//! A catalogue of a thousand entries would otherwise be a few hundred
//! thousand tokens of `static` arrays, which cost the compiler more than
//! the rest of the expansion together. As one literal they cost one token;
//! unpacking takes well under a millisecond, once per process.
//!
//! The format (version 2) is text, written by `errcat-macros` (its `pack`
//! module) and read only here; both come from the same release.
//!
//! ```text
//! pack     := "errcat-pack-2;" n:entries n:categories category* entry*
//!             body* plan             (one body per entry, in entry order)
//! category := s:key s:wire
//! entry    := s:key s:variant s:code opt(n:status) n:category s:title
//!             opt(b:retryable) opt(s:doc_url) b:deprecated
//!             message opt(message)
//!             opt(n:details_value) n:count header* n:count field*
//! body     := n:static_len n:count op*
//! op       := 'R' s | 'J' s n | 'T' s n | 'Q' s d | 'C' b | 'I' | 'O' s n | 'P' s d
//! message  := n:count ('L' s | 'F' n)*
//! header   := s:name ('F' n | 'Q' d)
//! field    := s:name b:in_body
//! plan     := opt(path) opt(path) opt(path) opt(path) opt(path n:count s*)
//!             (code, doc_url, message, details, merged and its own members)
//! path     := n:count ('K' s | 'X' n)*
//! n        := decimal digits then ','     s := n then that many bytes
//! d        := n (0 request id, 1 timestamp, 2 instance)
//! b        := 't' | 'f'                   opt(x) := '-' | '+' x
//! ```

use crate::context::RequestContext;
use crate::decode::{self, DecodeError, DecodePlan, Decoded, Merged, PlanNode, Step};
use crate::headers::Headers;
use crate::info::EntryInfo;
use crate::program::{self, Body, Dyn, Entry, FieldSpec, HeaderSrc, MsgPiece, Op};
use crate::value::Value;
use std::fmt;
use std::sync::OnceLock;

/// The packed tables of one generated type, in a `static`.
pub struct Packed {
    text: &'static str,
    tables: OnceLock<Tables>,
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Packed")
            .field("bytes", &self.text.len())
            .finish_non_exhaustive()
    }
}

/// Everything a generated type looks up by entry index.
#[derive(Debug)]
pub struct Tables {
    /// Public facts, in variant order.
    pub infos: Box<[EntryInfo]>,
    /// Where each entry's body program is in `programs`, in variant order.
    pub bodies: Box<[Body]>,
    /// Every entry's body program as bytes, one after the other (see
    /// [`Op::encode`](crate::program::Op::encode)).
    pub programs: Box<[u8]>,
    /// The rest of each entry's compiled form, in variant order.
    pub entries: Box<[Entry]>,
    /// Each entry's category, as a position in the category enum.
    pub categories: Box<[u16]>,
    /// `(code, entry index)`, sorted by code.
    pub(crate) by_code: Box<[(&'static str, u32)]>,
    /// `(hash of code, first index in by_code)`, sorted.
    pub(crate) code_hashes: Box<[(u64, u32)]>,
    /// `(doc url, entry index)`, sorted by url.
    pub(crate) by_doc_url: Box<[(&'static str, u32)]>,
    /// Where the envelope keeps what decoding reads.
    pub(crate) plan: DecodePlan,
    /// The plan as a tree over the body.
    pub(crate) tree: PlanNode,
}

impl Packed {
    /// Tables in format version 2. Generated code calls this; a runtime
    /// without it fails to compile instead of misreading the text.
    #[must_use]
    pub const fn v2(text: &'static str) -> Self {
        Packed {
            text,
            tables: OnceLock::new(),
        }
    }

    /// The unpacked tables.
    ///
    /// # Panics
    /// If the text is not in the format, which only a mismatch between the
    /// versions of `errcat` and `errcat-macros` can cause.
    pub fn tables(&'static self) -> &'static Tables {
        self.tables.get_or_init(|| match unpack(self.text) {
            Ok(tables) => tables,
            Err(at) => panic!(
                "errcat: the packed tables are corrupt at byte {at}; \
                 `errcat` and `errcat-macros` must come from the same release"
            ),
        })
    }

    /// The facts of every entry.
    pub fn infos(&'static self) -> &'static [EntryInfo] {
        &self.tables().infos
    }

    /// The facts of entry `i`.
    pub fn info(&'static self, i: usize) -> &'static EntryInfo {
        &self.tables().infos[i]
    }

    /// The category position of entry `i`.
    pub fn category(&'static self, i: usize) -> usize {
        usize::from(self.tables().categories[i])
    }

    /// The body of entry `i` with these values.
    #[inline]
    pub fn to_json(
        &'static self,
        i: usize,
        values: &[Value<'_>],
        ctx: &RequestContext<'_>,
    ) -> Vec<u8> {
        let (program, static_len) = self.tables().body(i);
        program::to_json(program, static_len, values, ctx)
    }

    /// Appends the body of entry `i` to `out`.
    #[inline]
    pub fn write_json(
        &'static self,
        i: usize,
        values: &[Value<'_>],
        ctx: &RequestContext<'_>,
        out: &mut Vec<u8>,
    ) {
        program::write_body(self.tables().body(i).0, values, ctx, out);
    }

    /// The headers of entry `i`.
    pub fn headers<'a, const N: usize>(
        &'static self,
        i: usize,
        values: &[Value<'a>],
        ctx: &RequestContext<'a>,
    ) -> Headers<'a, N> {
        program::headers(&self.tables().entries[i], values, ctx)
    }

    /// Writes the `Display` message of entry `i`.
    ///
    /// # Errors
    /// When the formatter fails.
    pub fn fmt_message(
        &'static self,
        i: usize,
        values: &[Value<'_>],
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        program::fmt_message(self.tables().entries[i].display_message(), values, f)
    }

    /// Decodes a body; see [`decode::decode`].
    ///
    /// # Errors
    /// As [`decode::decode`].
    pub fn decode<E>(
        &'static self,
        status: Option<u16>,
        body: &[u8],
        build: impl FnOnce(usize, &mut Decoded<'_>) -> Result<E, DecodeError>,
    ) -> Result<E, DecodeError> {
        decode::decode(self.tables(), status, body, build)
    }
}

impl Tables {
    /// The body program of entry `i`, and its static length.
    #[inline]
    fn body(&self, i: usize) -> (&[u8], usize) {
        let b = self.bodies[i];
        (
            self.programs
                .get(b.start as usize..b.end as usize)
                .unwrap_or_default(),
            b.static_len as usize,
        )
    }
}

/// Reads the packed text. The error is the byte offset where reading
/// failed.
fn unpack(text: &'static str) -> Result<Tables, usize> {
    let mut r = Reader { text, pos: 0 };
    r.tag("errcat-pack-2;")?;
    let entries = r.n()?;
    let category_count = r.n()?;
    let mut categories = Vec::with_capacity(category_count);
    for _ in 0..category_count {
        categories.push((r.s()?, r.s()?));
    }
    let mut infos = Vec::with_capacity(entries);
    let mut programs = Vec::with_capacity(entries);
    let mut bodies = Vec::with_capacity(entries);
    let mut code = Vec::with_capacity(entries * 128);
    let mut category_of = Vec::with_capacity(entries);
    for _ in 0..entries {
        let key = r.s()?;
        let variant = r.s()?;
        let code = r.s()?;
        let status = r.opt(|r| r.n().and_then(|n| r.fit(n)))?;
        let category = r.n()?;
        let &(category_key, category_wire) = categories.get(category).ok_or(r.pos)?;
        let title = r.s()?;
        let retryable = r.opt(Reader::b)?;
        let doc_url = r.opt(Reader::s)?;
        let deprecated = r.b()?;
        infos.push(EntryInfo {
            key,
            variant,
            code,
            status,
            category: category_key,
            category_wire,
            title,
            retryable,
            doc_url,
            deprecated,
        });
        category_of.push(r.fit(category)?);
        programs.push(r.entry()?);
    }
    for _ in 0..entries {
        bodies.push(r.body(&mut code)?);
    }
    let plan = DecodePlan {
        code: r.opt(Reader::path)?,
        doc_url: r.opt(Reader::path)?,
        message: r.opt(Reader::path)?,
        details: r.opt(Reader::path)?,
        merged: r.opt(|r| {
            let path = r.path()?;
            let count = r.count()?;
            let members = (0..count).map(|_| r.s()).collect::<Result<_, _>>()?;
            Ok(Merged { path, members })
        })?,
    };
    if r.pos != text.len() {
        return Err(r.pos);
    }
    let by_code = sorted(infos.iter().map(|e| e.code));
    let by_doc_url = sorted(infos.iter().map(|e| e.doc_url));
    let code_hashes = decode::code_hashes(&by_code);
    let tree = PlanNode::build(&plan);
    Ok(Tables {
        infos: infos.into(),
        bodies: bodies.into(),
        programs: code.into(),
        entries: programs.into(),
        categories: category_of.into(),
        by_code,
        code_hashes,
        by_doc_url,
        plan,
        tree,
    })
}

/// `(key, index)` pairs for the entries that have a key, sorted.
fn sorted<K: Into<Option<&'static str>>>(
    keys: impl Iterator<Item = K>,
) -> Box<[(&'static str, u32)]> {
    let mut pairs: Vec<(&'static str, u32)> = keys
        .zip(0u32..)
        .filter_map(|(k, i)| Some((k.into()?, i)))
        .collect();
    pairs.sort_unstable();
    pairs.into()
}

struct Reader {
    text: &'static str,
    pos: usize,
}

impl Reader {
    fn byte(&mut self) -> Result<u8, usize> {
        let b = *self.text.as_bytes().get(self.pos).ok_or(self.pos)?;
        self.pos += 1;
        Ok(b)
    }

    fn tag(&mut self, tag: &str) -> Result<(), usize> {
        if self.text[self.pos..].starts_with(tag) {
            self.pos += tag.len();
            Ok(())
        } else {
            Err(self.pos)
        }
    }

    fn n(&mut self) -> Result<usize, usize> {
        let start = self.pos;
        let mut value: usize = 0;
        loop {
            match self.byte()? {
                b',' if self.pos - start > 1 => return Ok(value),
                d @ b'0'..=b'9' => {
                    value = value
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(usize::from(d - b'0')))
                        .ok_or(start)?;
                }
                _ => return Err(self.pos - 1),
            }
        }
    }

    fn fit<T: TryFrom<usize>>(&self, n: usize) -> Result<T, usize> {
        T::try_from(n).map_err(|_| self.pos)
    }

    fn index(&mut self) -> Result<u16, usize> {
        let n = self.n()?;
        self.fit(n)
    }

    fn s(&mut self) -> Result<&'static str, usize> {
        let len = self.n()?;
        let end = self.pos.checked_add(len).ok_or(self.pos)?;
        let text: &'static str = self.text;
        let s = text.get(self.pos..end).ok_or(self.pos)?;
        self.pos = end;
        Ok(s)
    }

    fn b(&mut self) -> Result<bool, usize> {
        match self.byte()? {
            b't' => Ok(true),
            b'f' => Ok(false),
            _ => Err(self.pos - 1),
        }
    }

    fn opt<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, usize>,
    ) -> Result<Option<T>, usize> {
        match self.byte()? {
            b'-' => Ok(None),
            b'+' => read(self).map(Some),
            _ => Err(self.pos - 1),
        }
    }

    fn request(&mut self) -> Result<Dyn, usize> {
        match self.n()? {
            0 => Ok(Dyn::RequestId),
            1 => Ok(Dyn::Timestamp),
            2 => Ok(Dyn::Instance),
            _ => Err(self.pos - 1),
        }
    }

    fn count(&mut self) -> Result<usize, usize> {
        // A count can never exceed the bytes left: each item takes one.
        let n = self.n()?;
        if n > self.text.len() - self.pos {
            return Err(self.pos);
        }
        Ok(n)
    }

    /// Reads a body program onto the end of `programs`, as bytes.
    fn body(&mut self, programs: &mut Vec<u8>) -> Result<Body, usize> {
        let static_len = self.n()?;
        let static_len = self.fit(static_len)?;
        let count = self.count()?;
        let start = self.fit(programs.len())?;
        for _ in 0..count {
            self.op()?.encode(programs);
        }
        let end = self.fit(programs.len())?;
        Ok(Body {
            start,
            end,
            static_len,
        })
    }

    fn entry(&mut self) -> Result<Entry, usize> {
        let wire_message = self.message()?;
        let display_message = self.opt(Reader::message)?;
        let details_value = self.opt(Reader::index)?;
        let count = self.count()?;
        let headers = (0..count)
            .map(|_| {
                let name = self.s()?;
                let src = match self.byte()? {
                    b'F' => HeaderSrc::Field(self.index()?),
                    b'Q' => HeaderSrc::Request(self.request()?),
                    _ => return Err(self.pos - 1),
                };
                Ok((name, src))
            })
            .collect::<Result<_, _>>()?;
        let count = self.count()?;
        let fields = (0..count)
            .map(|_| {
                Ok::<_, usize>(FieldSpec {
                    name: self.s()?,
                    in_body: self.b()?,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Entry {
            wire_message,
            display_message,
            details_value,
            headers,
            fields,
        })
    }

    fn op(&mut self) -> Result<Op<'static>, usize> {
        Ok(match self.byte()? {
            b'R' => Op::Raw(self.s()?.as_bytes()),
            b'J' => Op::Json(self.s()?.as_bytes(), self.index()?),
            b'T' => Op::Text(self.s()?.as_bytes(), self.index()?),
            b'Q' => Op::Request(self.s()?.as_bytes(), self.request()?),
            b'C' => Op::SetComma(self.b()?),
            b'I' => Op::CommaIf,
            b'O' => Op::OptJson(self.s()?.as_bytes(), self.index()?),
            b'P' => Op::OptRequest(self.s()?.as_bytes(), self.request()?),
            _ => return Err(self.pos - 1),
        })
    }

    fn message(&mut self) -> Result<Box<[MsgPiece]>, usize> {
        let count = self.count()?;
        (0..count)
            .map(|_| match self.byte()? {
                b'L' => Ok(MsgPiece::Lit(self.s()?)),
                b'F' => Ok(MsgPiece::Field(self.index()?)),
                _ => Err(self.pos - 1),
            })
            .collect()
    }

    fn path(&mut self) -> Result<Box<[Step]>, usize> {
        let count = self.count()?;
        (0..count)
            .map(|_| match self.byte()? {
                b'K' => Ok(Step::Key(self.s()?)),
                b'X' => Ok(Step::Index(self.n()?)),
                _ => Err(self.pos - 1),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::unpack;
    use crate::program::{MsgPiece, Op, Ops};

    const ONE: &str = "errcat-pack-2;1,1,4,auth4,AUTH\
        6,denied6,Denied6,DENIED+403,0,6,DENIED-+22,https://x.test/#deniedf\
        1,L8,Go away.--0,1,4,modet11,2,R9,{\"e\":\"xx\"J1,,0,\
        +2,K1,eK1,c-+2,K1,eK1,m--";

    #[test]
    fn a_packed_catalogue_unpacks() {
        let t = unpack(ONE).expect("valid");
        assert_eq!(t.infos.len(), 1);
        let info = &t.infos[0];
        assert_eq!(
            (info.key, info.variant, info.code, info.status),
            ("denied", "Denied", "DENIED", Some(403))
        );
        assert_eq!((info.category, info.category_wire), ("auth", "AUTH"));
        assert_eq!(info.doc_url, Some("https://x.test/#denied"));
        assert_eq!(info.retryable, None);
        let entry = &t.entries[0];
        let (program, static_len) = t.body(0);
        assert_eq!(
            Ops(program).collect::<Vec<_>>(),
            [Op::Raw(b"{\"e\":\"xx\""), Op::Json(b",", 0)]
        );
        assert_eq!(static_len, 11);
        assert_eq!(&*entry.wire_message, &[MsgPiece::Lit("Go away.")]);
        assert_eq!(entry.fields[0].name, "mode");
        assert_eq!(&*t.by_code, &[("DENIED", 0)]);
    }

    #[test]
    fn damaged_text_is_an_error_at_its_place_and_never_a_panic() {
        for cut in 0..ONE.len() {
            if !ONE.is_char_boundary(cut) {
                continue;
            }
            assert!(unpack(&ONE[..cut]).is_err(), "a prefix of {cut} bytes");
        }
        assert_eq!(unpack("errcat-pack-1;").err(), Some(0));
        assert!(unpack(Box::leak(format!("{ONE}x").into_boxed_str())).is_err());
        assert!(unpack("errcat-pack-2;99999999999999999999999,").is_err());
        assert!(unpack("errcat-pack-2;1,0,").is_err());
    }
}
