//! The tables of a generated type, packed into one string literal: entry
//! facts, compiled body programs, messages, headers, fields and the decode
//! plan. The runtime unpacks them on first use; its `packed` module holds
//! the reader and the grammar, which this writer follows.
//!
//! One literal is one token. Written out as `static` arrays the same data
//! is over a hundred tokens per entry, and handing tokens to the compiler
//! is what a large catalogue's expansion spends most of its time on.

use errcat_catalog::Catalog;
use errcat_catalog::model::{Entry, RequestField};
use errcat_catalog::program::{self, HeaderPlan, MsgPiece, Op, VariantField};
use errcat_catalog::template::{PathStep, Slot};

/// The name of the generated `static` holding the packed tables.
pub const STATIC: &str = "__ERRCAT";

/// The packed tables of a catalogue, as the text of the literal.
pub fn pack(catalog: &Catalog) -> String {
    let mut w = Writer(String::with_capacity(256 * catalog.entries.len()));
    w.0.push_str("errcat-pack-2;");
    w.n(catalog.entries.len());
    w.n(catalog.categories.len());
    for c in &catalog.categories {
        w.s(&c.key);
        w.s(&c.wire);
    }
    // Bodies go after all entries, in entry order: what writing an error
    // reads then sits together, rather than among names and messages.
    let mut bodies = Bodies {
        out: Writer(String::with_capacity(128 * catalog.entries.len())),
        ops: Writer(String::new()),
        pending: String::new(),
    };
    for entry in &catalog.entries {
        w.entry(catalog, entry, &mut bodies);
    }
    w.0.push_str(&bodies.out.0);
    w.plan(catalog);
    w.0
}

struct Writer(String);

/// What follows an item's tag in the tables.
enum Part<'a> {
    Text(&'a str),
    Number(usize),
}

/// The bodies' part of the tables, with two buffers reused from one body
/// to the next.
struct Bodies {
    out: Writer,
    ops: Writer,
    pending: String,
}

impl Writer {
    /// A number and its comma, formatted with `itoa` (as the runtime
    /// formats integers): the tables hold some twenty numbers an entry, and
    /// `write!` costs several times more.
    fn n(&mut self, n: usize) {
        self.0.push_str(itoa::Buffer::new().format(n));
        self.0.push(',');
    }

    fn s(&mut self, s: &str) {
        self.n(s.len());
        self.0.push_str(s);
    }

    fn b(&mut self, b: bool) {
        self.0.push(if b { 't' } else { 'f' });
    }

    fn opt<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        match value {
            Some(v) => {
                self.0.push('+');
                write(self, v);
            }
            None => self.0.push('-'),
        }
    }

    fn tag(&mut self, tag: char) {
        self.0.push(tag);
    }

    fn request(&mut self, f: RequestField) {
        self.n(match f {
            RequestField::RequestId => 0,
            RequestField::Timestamp => 1,
            RequestField::Instance => 2,
        });
    }

    fn entry(&mut self, catalog: &Catalog, e: &Entry, bodies: &mut Bodies) {
        self.s(&e.key);
        self.s(&e.ident);
        self.s(&e.code);
        self.opt(e.status, |w, s| w.n(usize::from(s)));
        let category = catalog
            .categories
            .iter()
            .position(|c| c.key == e.category)
            .unwrap_or(0);
        self.n(category);
        self.s(e.title_or_code());
        self.opt(e.retryable, Writer::b);
        self.opt(catalog.doc_url(e).as_deref(), Writer::s);
        self.b(e.deprecated.is_some());

        let compiled = program::compile(catalog, e);
        bodies.body(&compiled.body);
        self.message(&compiled.wire_message);
        let display = (compiled.display_message != compiled.wire_message)
            .then_some(&compiled.display_message);
        self.opt(display, |w, m| w.message(m));
        self.opt(program::details_value_field(e), Writer::n);
        self.n(compiled.headers.len());
        for (name, plan) in &compiled.headers {
            self.s(name);
            match plan {
                HeaderPlan::Field(i) => {
                    self.tag('F');
                    self.n(*i);
                }
                HeaderPlan::Request(f) => {
                    self.tag('Q');
                    self.request(*f);
                }
            }
        }
        let fields = program::variant_fields(e);
        self.n(fields.len());
        for f in fields {
            let (name, in_body) = match f {
                VariantField::Detail(field) => (field.name.as_str(), field.in_body),
                VariantField::DetailsValue(_) => ("details", true),
                VariantField::Message => ("message", false),
            };
            self.s(name);
            self.b(in_body);
        }
    }

    fn message(&mut self, pieces: &[MsgPiece]) {
        self.tagged(pieces, |piece| match piece {
            MsgPiece::Lit(text) => ('L', Part::Text(text)),
            MsgPiece::Field(i) => ('F', Part::Number(*i)),
        });
    }

    fn path(&mut self, steps: &[PathStep]) {
        self.tagged(steps, |step| match step {
            PathStep::Key(k) => ('K', Part::Text(k)),
            PathStep::Index(i) => ('X', Part::Number(*i)),
        });
    }

    /// A count, then each item as a tag and its text or number.
    fn tagged<'a, T>(&mut self, items: &'a [T], part: impl Fn(&'a T) -> (char, Part<'a>)) {
        self.n(items.len());
        for item in items {
            let (tag, part) = part(item);
            self.tag(tag);
            match part {
                Part::Text(text) => self.s(text),
                Part::Number(n) => self.n(n),
            }
        }
    }

    fn plan(&mut self, catalog: &Catalog) {
        let t = &catalog.envelope.template;
        for slot in [Slot::Code, Slot::DocUrl, Slot::Message, Slot::Details] {
            self.opt(t.path_of(slot), |w, p| w.path(&p));
        }
        self.opt(t.merge_path(), |w, p| {
            w.path(&p);
            let names = t.member_names_at(&p);
            w.n(names.len());
            for name in &names {
                w.s(name);
            }
        });
    }
}

impl Bodies {
    /// The static length, then the ops. Static text followed by a value
    /// becomes one op carrying the text, so the runtime dispatches once per
    /// value.
    fn body(&mut self, body: &[Op]) {
        let Self { out, ops, pending } = self;
        ops.0.clear();
        pending.clear();
        let mut count = 0;
        let mut static_len = 0usize;
        let flush = |pending: &mut String, ops: &mut Writer, count: &mut usize| {
            if !pending.is_empty() {
                ops.tag('R');
                ops.s(pending);
                pending.clear();
                *count += 1;
            }
        };
        for op in body {
            match op {
                Op::Raw(text) => {
                    static_len += text.len();
                    pending.push_str(text);
                    continue;
                }
                Op::Json(i) | Op::Text(i) => {
                    ops.tag(if matches!(op, Op::Json(_)) { 'J' } else { 'T' });
                    ops.s(pending);
                    ops.n(*i);
                    pending.clear();
                }
                Op::Request(f) => {
                    ops.tag('Q');
                    ops.s(pending);
                    ops.request(*f);
                    pending.clear();
                }
                Op::SetComma(c) => {
                    flush(pending, ops, &mut count);
                    ops.tag('C');
                    ops.b(*c);
                }
                Op::CommaIf => {
                    flush(pending, ops, &mut count);
                    ops.tag('I');
                }
                Op::OptJson { key, index } => {
                    flush(pending, ops, &mut count);
                    static_len += key.len() + 1;
                    ops.tag('O');
                    ops.s(key);
                    ops.n(*index);
                }
                Op::OptRequest { key, field } => {
                    flush(pending, ops, &mut count);
                    static_len += key.len() + 1;
                    ops.tag('P');
                    ops.s(key);
                    ops.request(*field);
                }
            }
            count += 1;
        }
        flush(pending, ops, &mut count);
        out.n(static_len);
        out.n(count);
        out.0.push_str(&ops.0);
    }
}

#[cfg(test)]
mod tests {
    use super::Writer;

    #[test]
    fn numbers_are_written_in_decimal_with_a_comma() {
        let mut w = Writer(String::new());
        for n in [0, 7, 10, 99, 128, 4_096, 1_000_000, usize::MAX] {
            w.n(n);
        }
        assert_eq!(w.0, format!("0,7,10,99,128,4096,1000000,{},", usize::MAX));
    }
}
