//! The condition language of rules: small, typed, side-effect free.
//!
//! ```text
//! flow.crosses_boundary and not flow.encrypted
//! target.store_type == sql and source.kind != data_store
//! flow.classification >= confidential or flow.crosses.internet
//! target.technology contains "redis"
//! ```
//!
//! Grammar (keywords are lower case):
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | compare
//! compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "contains") operand)?
//! operand := "(" expr ")" | path | word | string | number | "true" | "false"
//! path    := scope "." name ("." name)?      scope: element | flow | source | target
//! ```
//! Conditions are parsed and type-checked when a catalogue loads; an error names the line
//! and column within the condition. Evaluation only reads the model: there is no way to
//! call code, loop or write anything.
//!
//! One file, over 800 lines: lexer, parser, type checker and evaluator of one small
//! language, with its kind-mask analysis; they change together.

use std::fmt;

use super::facts::{
    BOUNDARY_TYPES, ElementFacts, ElementGetter, FLOW_PROPS, FlowFacts, FlowGetter, Ty, Value,
    element_prop, element_props, flow_prop, kind_index,
};
use crate::model::Flow;

/// Where a condition is evaluated: on an element, or on a flow with its two ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Element,
    Flow,
}

/// A parse or type error, with a 1-based line and column inside the condition text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(f64),
    Dot,
    LParen,
    RParen,
    Op(CmpOp),
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
}

impl CmpOp {
    fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "contains",
        }
    }

    fn ordering(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
            CmpOp::Contains => false,
        }
    }
}

/// A token and where it starts (1-based line, column).
type Spanned = (Tok, usize, usize);

/// Longest condition accepted; real ones are a line or two.
const MAX_LEN: usize = 4096;
/// Deepest nesting of parentheses and `not`.
const MAX_DEPTH: usize = 32;

fn lex(src: &str) -> Result<Vec<Spanned>, ExprError> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    let (mut line, mut line_start) = (1usize, 0usize);
    let col_of = |i: usize, line_start: usize| src[line_start..i].chars().count() + 1;
    while let Some(&(i, c)) = chars.peek() {
        let col = col_of(i, line_start);
        let err = |message: String| ExprError { line, col, message };
        match c {
            '\n' => {
                chars.next();
                line += 1;
                line_start = i + 1;
            }
            c if c.is_whitespace() => {
                chars.next();
            }
            '.' => {
                chars.next();
                out.push((Tok::Dot, line, col));
            }
            '(' => {
                chars.next();
                out.push((Tok::LParen, line, col));
            }
            ')' => {
                chars.next();
                out.push((Tok::RParen, line, col));
            }
            '=' | '!' | '<' | '>' => {
                chars.next();
                let eq = chars.next_if(|&(_, c)| c == '=').is_some();
                let op = match (c, eq) {
                    ('=', true) => CmpOp::Eq,
                    ('!', true) => CmpOp::Ne,
                    ('<', false) => CmpOp::Lt,
                    ('<', true) => CmpOp::Le,
                    ('>', false) => CmpOp::Gt,
                    ('>', true) => CmpOp::Ge,
                    ('=', false) => {
                        return Err(err(
                            "expected `==` (a single `=` is not a comparison)".into()
                        ));
                    }
                    _ => return Err(err("expected `!=`; use `not` to negate".into())),
                };
                out.push((Tok::Op(op), line, col));
            }
            '"' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, c @ ('"' | '\\'))) => s.push(c),
                            _ => {
                                return Err(err(
                                    "only \\\" and \\\\ are escapes in a string".into()
                                ));
                            }
                        },
                        Some((_, '\n')) | None => return Err(err("string is not closed".into())),
                        Some((_, c)) => s.push(c),
                    }
                }
                out.push((Tok::Str(s), line, col));
            }
            c if c.is_ascii_digit() => {
                let mut s = String::new();
                while let Some((_, c)) = chars.next_if(|&(_, c)| c.is_ascii_digit() || c == '.') {
                    s.push(c);
                }
                let n = s
                    .parse::<f64>()
                    .map_err(|_| err(format!("`{s}` is not a number")))?;
                out.push((Tok::Num(n), line, col));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some((_, c)) =
                    chars.next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
                {
                    s.push(c);
                }
                if s == "contains" {
                    out.push((Tok::Op(CmpOp::Contains), line, col));
                } else {
                    out.push((Tok::Word(s), line, col));
                }
            }
            _ => return Err(err(format!("unexpected character `{c}`"))),
        }
    }
    let (line, col) = match out.last() {
        Some((_, l, c)) => (*l, *c + 1),
        None => (1, 1),
    };
    out.push((Tok::End, line, col));
    Ok(out)
}

/// A compiled condition.
#[derive(Clone)]
pub enum Cond {
    Const(bool),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
    /// A boolean property.
    Test(Getter),
    /// The flow crosses a boundary of one of these types (bit set).
    CrossesType(u8),
    Compare(Getter, CmpOp, Operand),
    /// `source.kind == process` and the like: kept apart so the engine can tell, before
    /// looking at any flow, which pairs of element kinds a rule can fire on.
    Kind {
        end: End,
        equal: bool,
        kind: u8,
    },
}

/// Which element a kind test reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Element,
    Source,
    Target,
}

impl fmt::Debug for Cond {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cond{..}")
    }
}

#[derive(Clone, Copy)]
pub enum Getter {
    Element(ElementGetter),
    Source(ElementGetter),
    Target(ElementGetter),
    Flow(FlowGetter),
}

#[derive(Clone)]
pub enum Operand {
    Literal(Lit),
    Property(Getter),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Bool(bool),
    Num(f64),
    /// Stored lower case: text comparisons ignore case.
    Str(String),
    Enum(u8),
}

/// What a condition is evaluated against.
pub struct Env<'a, 'f> {
    pub element: Option<&'f ElementFacts<'a>>,
    pub flow: Option<(&'a Flow, &'f FlowFacts)>,
    pub source: Option<&'f ElementFacts<'a>>,
    pub target: Option<&'f ElementFacts<'a>>,
}

impl Getter {
    fn get<'a>(&self, env: &Env<'a, '_>) -> Option<Value<'a>> {
        match self {
            Getter::Element(g) => env.element.map(|e| g(e)),
            Getter::Source(g) => env.source.map(|e| g(e)),
            Getter::Target(g) => env.target.map(|e| g(e)),
            Getter::Flow(g) => env.flow.map(|(f, facts)| g(f, facts)),
        }
    }
}

fn compare(a: Value<'_>, op: CmpOp, b: &Lit) -> bool {
    match (a, b) {
        (Value::Bool(x), Lit::Bool(y)) => op.ordering(x.cmp(y)),
        (Value::Num(x), Lit::Num(y)) => x.partial_cmp(y).is_some_and(|o| op.ordering(o)),
        (Value::Enum(x), Lit::Enum(y)) => op.ordering(x.cmp(y)),
        (Value::Str(x), Lit::Str(y)) => match op {
            CmpOp::Contains => contains_ignore_case(x, y),
            _ => op.ordering(x.to_lowercase().cmp(y)),
        },
        _ => false,
    }
}

/// Whether `haystack` contains `needle` (already lower case), ignoring case; without
/// allocating for ASCII text, which is what technology tags and protocols are.
fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        return h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle)
}

fn value_to_lit(v: Value<'_>) -> Lit {
    match v {
        Value::Bool(b) => Lit::Bool(b),
        Value::Num(n) => Lit::Num(n),
        Value::Str(s) => Lit::Str(s.to_lowercase()),
        Value::Enum(e) => Lit::Enum(e),
    }
}

impl Cond {
    pub fn eval(&self, env: &Env<'_, '_>) -> bool {
        match self {
            Cond::Const(b) => *b,
            Cond::Not(c) => !c.eval(env),
            Cond::And(cs) => cs.iter().all(|c| c.eval(env)),
            Cond::Or(cs) => cs.iter().any(|c| c.eval(env)),
            Cond::Test(g) => matches!(g.get(env), Some(Value::Bool(true))),
            Cond::CrossesType(bits) => env
                .flow
                .is_some_and(|(_, facts)| facts.crossed_types & bits != 0),
            Cond::Kind { end, equal, kind } => {
                let facts = match end {
                    End::Element => env.element,
                    End::Source => env.source,
                    End::Target => env.target,
                };
                facts.is_some_and(|f| (kind_index(f.element.kind()) == *kind) == *equal)
            }
            Cond::Compare(g, op, rhs) => {
                let Some(a) = g.get(env) else { return false };
                match rhs {
                    Operand::Literal(lit) => compare(a, *op, lit),
                    Operand::Property(h) => h
                        .get(env)
                        .is_some_and(|b| compare(a, *op, &value_to_lit(b))),
                }
            }
        }
    }
}

/// The end a `*.kind` path names.
fn kind_end(path: &str) -> Option<End> {
    match path {
        "element.kind" => Some(End::Element),
        "source.kind" => Some(End::Source),
        "target.kind" => Some(End::Target),
        _ => None,
    }
}

impl Cond {
    /// The (source kind, target kind) pairs a flow condition can hold for, as bits
    /// `1 << (source * 3 + target)` over [`kind_index`]: every pair for which the kind
    /// tests alone do not already make the condition false.
    pub fn flow_kind_mask(&self) -> u16 {
        let mut mask = 0;
        for s in 0..3u8 {
            for t in 0..3u8 {
                if self.could_hold(s, t) != Some(false) {
                    mask |= 1 << (s * 3 + t);
                }
            }
        }
        mask
    }

    /// Three-valued evaluation knowing only the ends' kinds: `None` where other facts
    /// decide.
    fn could_hold(&self, source: u8, target: u8) -> Option<bool> {
        match self {
            Cond::Const(b) => Some(*b),
            Cond::Not(c) => c.could_hold(source, target).map(|b| !b),
            Cond::And(cs) => {
                let mut all = Some(true);
                for c in cs {
                    match c.could_hold(source, target) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            Cond::Or(cs) => {
                let mut any = Some(false);
                for c in cs {
                    match c.could_hold(source, target) {
                        Some(true) => return Some(true),
                        None => any = None,
                        Some(false) => {}
                    }
                }
                any
            }
            Cond::Kind { end, equal, kind } => match end {
                End::Source => Some((source == *kind) == *equal),
                End::Target => Some((target == *kind) == *equal),
                End::Element => None,
            },
            Cond::Test(_) | Cond::CrossesType(_) | Cond::Compare(..) => None,
        }
    }
}

/// An operand before type checking.
enum Raw {
    Path {
        getter: Getter,
        ty: Ty,
        name: String,
    },
    CrossesType(u8),
    Word(String),
    Str(String),
    Num(f64),
    Bool(bool),
    Group(Cond),
}

struct Parser {
    toks: Vec<Spanned>,
    pos: usize,
    subject: Subject,
    depth: usize,
    tests_exposure: bool,
    tests_internet: bool,
}

/// Properties that describe exposure across trust boundaries.
const EXPOSURE_PROPS: &[&str] = &[
    // Shows what it holds to whoever opens it: public by its words, drawn boundary or not.
    "public_display",
    "crosses_boundary",
    "boundaries_crossed",
    "reached_across_boundary",
    "reached_from_internet",
    "from_internet",
    "internet_callers",
];

/// Properties that describe exposure to the internet in particular.
const INTERNET_PROPS: &[&str] = &[
    "reached_from_internet",
    "from_internet",
    "public_network",
    "internet_callers",
];

/// A compiled condition and whether it tests exposure (boundary crossings).
pub struct Compiled {
    pub cond: Cond,
    /// The condition uses `flow.crosses_boundary`, `flow.crosses.*`,
    /// `flow.boundaries_crossed`, `*.reached_across_boundary` or `*.reached_from_internet`.
    pub tests_exposure: bool,
    /// The condition uses `*.reached_from_internet`, `flow.from_internet`,
    /// `flow.public_network` or `flow.crosses.internet`.
    pub tests_internet: bool,
}

/// Parses and type-checks a condition for rules on `subject`.
pub fn compile(src: &str, subject: Subject) -> Result<Cond, ExprError> {
    compile_full(src, subject).map(|c| c.cond)
}

/// Like [`compile`], also saying whether the condition tests exposure.
pub fn compile_full(src: &str, subject: Subject) -> Result<Compiled, ExprError> {
    if src.len() > MAX_LEN {
        return Err(ExprError {
            line: 1,
            col: 1,
            message: format!("condition is longer than {MAX_LEN} characters"),
        });
    }
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        subject,
        depth: 0,
        tests_exposure: false,
        tests_internet: false,
    };
    let cond = p.or()?;
    match p.peek() {
        Tok::End => Ok(Compiled {
            cond,
            tests_exposure: p.tests_exposure,
            tests_internet: p.tests_internet,
        }),
        Tok::RParen => Err(p.error("unmatched `)`".into())),
        t => Err(p.error(format!(
            "expected `and`, `or` or the end of the condition, found {}",
            describe(t)
        ))),
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Word(w) => format!("`{w}`"),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Num(n) => format!("`{n}`"),
        Tok::Dot => "`.`".into(),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Op(op) => format!("`{}`", op.symbol()),
        Tok::End => "the end of the condition".into(),
    }
}

fn suggest(name: &str, candidates: impl Iterator<Item = &'static str>) -> String {
    let best = candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!(" (did you mean `{c}`?)"),
        None => String::new(),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }

    fn here(&self) -> (usize, usize) {
        let (_, l, c) = &self.toks[self.pos.min(self.toks.len() - 1)];
        (*l, *c)
    }

    fn error(&self, message: String) -> ExprError {
        let (line, col) = self.here();
        ExprError { line, col, message }
    }

    fn error_at(&self, at: (usize, usize), message: String) -> ExprError {
        ExprError {
            line: at.0,
            col: at.1,
            message,
        }
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Tok::Word(w) if w == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Cond, ExprError> {
        let mut parts = vec![self.and()?];
        while self.keyword("or") {
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Cond::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Cond, ExprError> {
        let mut parts = vec![self.unary()?];
        while self.keyword("and") {
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Cond::And(parts)
        })
    }

    fn deeper(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(self.error(format!("nested more than {MAX_DEPTH} levels deep")))
        } else {
            Ok(())
        }
    }

    fn unary(&mut self) -> Result<Cond, ExprError> {
        if self.keyword("not") {
            self.deeper()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Cond::Not(Box::new(inner)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Cond, ExprError> {
        let left_at = self.here();
        let left = self.operand()?;
        let Tok::Op(op) = self.peek().clone() else {
            return self.as_condition(left, left_at);
        };
        let op_at = self.here();
        self.next();
        let right_at = self.here();
        let right = self.operand()?;
        let (getter, ty, name) = match left {
            Raw::Path { getter, ty, name } => (getter, ty, name),
            _ => {
                return Err(self.error_at(
                    left_at,
                    "the left side of a comparison must be a property such as `flow.classification`".into(),
                ));
            }
        };
        if op == CmpOp::Contains && ty != Ty::Str {
            return Err(self.error_at(
                op_at,
                format!(
                    "`contains` needs a text property; `{name}` is {}",
                    ty.describe()
                ),
            ));
        }
        let ordered = matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge);
        if ordered && ty == Ty::Bool {
            return Err(self.error_at(
                op_at,
                format!("`{name}` is true/false and cannot be ordered"),
            ));
        }
        let rhs = match (ty, right) {
            (
                _,
                Raw::Path {
                    getter: g2,
                    ty: ty2,
                    name: name2,
                },
            ) => {
                if ty != ty2 {
                    return Err(self.error_at(
                        right_at,
                        format!(
                            "cannot compare `{name}` ({}) with `{name2}` ({})",
                            ty.describe(),
                            ty2.describe()
                        ),
                    ));
                }
                Operand::Property(g2)
            }
            (Ty::Bool, Raw::Bool(b)) => Operand::Literal(Lit::Bool(b)),
            (Ty::Num, Raw::Num(n)) => Operand::Literal(Lit::Num(n)),
            (Ty::Str, Raw::Str(s)) => Operand::Literal(Lit::Str(s.to_lowercase())),
            (Ty::Enum(variants), Raw::Word(w)) => match variants.iter().position(|v| *v == w) {
                Some(i) => Operand::Literal(Lit::Enum(u8::try_from(i).unwrap_or(u8::MAX))),
                None => {
                    return Err(self.error_at(
                        right_at,
                        format!(
                            "`{w}` is not a value of `{name}`; expected {}{}",
                            ty.describe(),
                            suggest(&w, variants.iter().copied())
                        ),
                    ));
                }
            },
            (ty, _) => {
                return Err(self.error_at(
                    right_at,
                    format!("`{name}` is compared with {}", ty.describe()),
                ));
            }
        };
        if let (Some(end), Operand::Literal(Lit::Enum(kind)), CmpOp::Eq | CmpOp::Ne) =
            (kind_end(&name), &rhs, op)
        {
            return Ok(Cond::Kind {
                end,
                equal: op == CmpOp::Eq,
                kind: *kind,
            });
        }
        Ok(Cond::Compare(getter, op, rhs))
    }

    /// An operand standing alone must be a condition.
    fn as_condition(&self, raw: Raw, at: (usize, usize)) -> Result<Cond, ExprError> {
        match raw {
            Raw::Group(c) => Ok(c),
            Raw::Bool(b) => Ok(Cond::Const(b)),
            Raw::CrossesType(bits) => Ok(Cond::CrossesType(bits)),
            Raw::Path { getter, ty: Ty::Bool, .. } => Ok(Cond::Test(getter)),
            Raw::Path { ty, name, .. } => Err(self.error_at(
                at,
                format!("`{name}` is {}, not true/false: compare it, e.g. `{name} == …`", ty.describe()),
            )),
            Raw::Word(w) => Err(self.error_at(
                at,
                format!("`{w}` is not a property; properties start with element., flow., source. or target."),
            )),
            Raw::Str(_) | Raw::Num(_) => Err(self.error_at(at, "a value alone is not a condition".into())),
        }
    }

    fn operand(&mut self) -> Result<Raw, ExprError> {
        let at = self.here();
        match self.next() {
            Tok::LParen => {
                self.deeper()?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.next() {
                    Tok::RParen => Ok(Raw::Group(inner)),
                    t => {
                        Err(self
                            .error_at(self.here(), format!("expected `)`, found {}", describe(&t))))
                    }
                }
            }
            Tok::Str(s) => Ok(Raw::Str(s)),
            Tok::Num(n) => Ok(Raw::Num(n)),
            Tok::Word(w) if w == "true" => Ok(Raw::Bool(true)),
            Tok::Word(w) if w == "false" => Ok(Raw::Bool(false)),
            Tok::Word(w) if matches!(self.peek(), Tok::Dot) => self.path(w, at),
            Tok::Word(w) if matches!(w.as_str(), "and" | "or" | "not") => {
                Err(self.error_at(at, format!("expected a property or a value, found `{w}`")))
            }
            Tok::Word(w) => Ok(Raw::Word(w)),
            t => Err(self.error_at(
                at,
                format!("expected a property or a value, found {}", describe(&t)),
            )),
        }
    }

    /// Where the token after the current `.` starts.
    fn after_dot(&self) -> (usize, usize) {
        self.toks
            .get(self.pos + 1)
            .map_or_else(|| self.here(), |(_, l, c)| (*l, *c))
    }

    fn name_after_dot(&mut self) -> Result<String, ExprError> {
        self.next(); // the dot
        match self.next() {
            Tok::Word(w) => Ok(w),
            t => Err(self.error_at(
                self.here(),
                format!("expected a property name after `.`, found {}", describe(&t)),
            )),
        }
    }

    fn path(&mut self, scope: String, at: (usize, usize)) -> Result<Raw, ExprError> {
        let name_at = self.after_dot();
        let name = self.name_after_dot()?;
        let full = format!("{scope}.{name}");
        if EXPOSURE_PROPS.contains(&name.as_str()) || name == "crosses" {
            self.tests_exposure = true;
        }
        if INTERNET_PROPS.contains(&name.as_str()) {
            self.tests_internet = true;
        }
        let element_getter =
            |p: &Parser, wrap: fn(ElementGetter) -> Getter| -> Result<Raw, ExprError> {
                match element_prop(&name) {
                    Some(prop) => Ok(Raw::Path {
                        getter: wrap(prop.get),
                        ty: prop.ty,
                        name: full.clone(),
                    }),
                    None => Err(p.error_at(
                        name_at,
                        format!(
                            "unknown property `{full}`{}",
                            suggest(&name, element_props().map(|p| p.name))
                        ),
                    )),
                }
            };
        match (scope.as_str(), self.subject) {
            ("element", Subject::Element) => element_getter(self, Getter::Element),
            ("source", Subject::Flow) => element_getter(self, Getter::Source),
            ("target", Subject::Flow) => element_getter(self, Getter::Target),
            ("flow", Subject::Flow) if name == "crosses" => {
                if !matches!(self.peek(), Tok::Dot) {
                    return Err(self.error_at(
                        name_at,
                        format!("write `flow.crosses_boundary`, or `flow.crosses.TYPE` with TYPE one of {}", BOUNDARY_TYPES.join(", ")),
                    ));
                }
                let type_at = self.after_dot();
                let t = self.name_after_dot()?;
                match BOUNDARY_TYPES.iter().position(|b| *b == t) {
                    Some(i) => {
                        if t == "internet" {
                            self.tests_internet = true;
                        }
                        Ok(Raw::CrossesType(1 << i))
                    }
                    None => Err(self.error_at(
                        type_at,
                        format!(
                            "unknown boundary type `{t}`; expected one of {}{}",
                            BOUNDARY_TYPES.join(", "),
                            suggest(&t, BOUNDARY_TYPES.iter().copied())
                        ),
                    )),
                }
            }
            ("flow", Subject::Flow) => match flow_prop(&name) {
                Some(prop) => Ok(Raw::Path {
                    getter: Getter::Flow(prop.get),
                    ty: prop.ty,
                    name: full,
                }),
                None => Err(self.error_at(
                    name_at,
                    format!(
                        "unknown property `{full}`{}",
                        suggest(&name, FLOW_PROPS.iter().map(|p| p.name).chain(["crosses"]))
                    ),
                )),
            },
            ("element", Subject::Flow) => Err(self.error_at(
                at,
                "rules on flows use `flow.`, `source.` and `target.`, not `element.`".into(),
            )),
            ("flow" | "source" | "target", Subject::Element) => Err(self.error_at(
                at,
                format!("rules on elements use `element.`, not `{scope}.`"),
            )),
            _ => Err(self.error_at(
                at,
                format!(
                    "unknown scope `{scope}`; use element., flow., source. or target.{}",
                    suggest(&scope, ["element", "flow", "source", "target"].into_iter())
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
