/**
 * @file Tree-sitter grammar for journey, the "customer journeys as code" language.
 *
 * It follows the normative grammar in `../journey.ebnf` and the token rules of the Rust lexer
 * (`crates/journey-syntax/src/lexer.rs`). Where the two parsers could differ, the comments
 * below say how this one reads the text.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const ITEM_KINDS = [
  'lane',
  'system',
  'procedure',
  'touchpoint',
  'segment',
  'experience',
  'journey',
  'stage',
  'step',
  'risk',
  'scenario',
];

const COMPARISONS = ['<=', '>=', '<', '>', '=='];

module.exports = grammar({
  name: 'journey',

  // Whitespace (as the Rust lexer skips it, byte-order mark included) and comments may stand
  // between any two tokens.
  extras: $ => [/[ \t\r\n\f\uFEFF]/, $.doc_comment, $.comment],

  word: $ => $.identifier,

  // The keywords are reserved everywhere: `step at "x"` is an error, not a step named `at`.
  // A keyword with its colon attached (`at:`, `risk:`) is a different token, a field name.
  reserved: {
    global: _ => ['import', ...ITEM_KINDS, 'at', 'on', 'remove'],
  },

  rules: {
    // file = { import | item }
    source_file: $ => repeat(choice($.import, $.item)),

    // import = "import" STRING
    import: $ => seq('import', field('path', $.string)),

    // item = KIND IDENT [ STRING ] [ "at" IDENT ] [ "on" IDENT ] [ block ]
    item: $ => seq(
      field('kind', choice(...ITEM_KINDS)),
      field('name', $.identifier),
      optional(field('label', $.string)),
      optional(field('at', $.at_clause)),
      optional(field('on', $.on_clause)),
      optional(field('body', $.block)),
    ),

    // The step's touchpoint.
    at_clause: $ => seq('at', field('touchpoint', $.identifier)),

    // The journey a scenario applies to.
    on_clause: $ => seq('on', field('journey', $.identifier)),

    // block = "{" { member } "}"
    block: $ => seq('{', repeat($._member), '}'),

    _member: $ => choice($.field, $.item, $.flow, $.target, $.removal),

    // field = KEY value ; value = term { "," term }
    field: $ => seq(
      field('key', $.key),
      field('value', $._term),
      repeat(seq(',', field('value', $._term))),
    ),

    _term: $ => choice(
      $.string,
      $.string_with_figure,
      $.number,
      $.rate,
      $.money,
      $.identifier,
    ),

    // STRING NUMBER: `"Long hold time" 10%`, the short form of a risk.
    string_with_figure: $ => seq(field('text', $.string), field('figure', $.number)),

    // NUMBER "/" IDENT: a volume, `12000 / month`.
    rate: $ => seq(field('amount', $.number), '/', field('period', $.identifier)),

    // flow = IDENT "->" IDENT { "->" IDENT } [ NUMBER ] [ STRING ]
    // A chain `a -> b -> c` is one node: `from` is its first step, `to` each later one.
    flow: $ => seq(
      field('from', $.identifier),
      repeat1(seq('->', field('to', $.identifier))),
      optional(field('share', $.number)),
      optional(field('label', $.string)),
    ),

    // target = IDENT CMP term. `risk` is a keyword, and also the name of a metric: it is read
    // as the metric when a comparison follows it.
    target: $ => seq(
      field('metric', choice($.identifier, alias('risk', $.identifier))),
      field('comparison', choice(...COMPARISONS)),
      field('bound', $._term),
    ),

    // removal = "remove" IDENT [ "->" IDENT ]
    removal: $ => seq(
      'remove',
      field('name', $.identifier),
      optional(seq('->', field('to', $.identifier))),
    ),

    // ---- tokens ----

    // A letter of any script or `_`, then letters, digits and `_`: `web`, `J2`, `café`.
    identifier: _ => /[\p{L}_][\p{L}\p{M}\p{N}_]*/,

    // A field name is one token with its colon: `lane:`. `lane :` is an error.
    key: _ => /[\p{L}_][\p{L}\p{M}\p{N}_]*:/,

    // NUMBER = [ "+" | "-" ] digit { digit } [ "." digit { digit } ] [ unit ]
    // The unit is written right after the digits; it is a child node so that editors can
    // colour it. Any letters (or `%`) are read as a unit, as the Rust lexer does; which units
    // a field takes is checked by the compiler (J0302).
    number: $ => seq($._digits, optional(field('unit', $.unit))),
    _digits: _ => /[+-]?[0-9]+(\.[0-9]+)?/,
    unit: _ => token.immediate(prec(1, /[A-Za-z%]+/)),

    // MONEY: an amount, spaces or tabs on the same line, a three-letter currency in capitals.
    // One token, as in the Rust lexer; it is longer than the number it starts with, so it wins.
    // `10 EURO` reads as money and a stray `O` (the Rust lexer rejects the whole word): an
    // error either way.
    money: _ => /[0-9]+(\.[0-9]+)?[ \t]+[A-Z][A-Z][A-Z]/,

    // STRING = '"' { char | escape } '"', on one line.
    string: $ => seq(
      '"',
      repeat(choice($._string_content, $.escape_sequence)),
      token.immediate('"'),
    ),
    // Higher precedence than comments: `"// not a comment"` is text.
    _string_content: _ => token.immediate(prec(2, /[^"\\\r\n]+/)),
    escape_sequence: _ => token.immediate(seq(
      '\\',
      choice(/["\\ntr]/, /u\{[0-9A-Fa-f]{1,6}\}/),
    )),

    // `///` documents the next item; it outranks `//`, which it also matches.
    doc_comment: _ => token(prec(1, seq('///', /[^\r\n]*/))),
    comment: _ => token(seq('//', /[^\r\n]*/)),
  },
});
