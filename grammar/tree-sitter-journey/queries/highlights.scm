; Highlights for journey. Capture names follow the nvim-treesitter conventions, which the
; tree-sitter CLI understands as well. Later patterns take precedence over earlier ones.

; Identifiers: a reference (`lane: sales`, `a -> b`, `at web`) or a free word (`channel: web`).
(identifier) @variable

((identifier) @boolean
  (#any-of? @boolean "true" "false"))

; The period of a volume: `12000 / month`.
(rate
  period: (identifier) @type.builtin)

; An id where it is declared, as opposed to where it is used.
(item
  name: (identifier) @type.definition)

; Field names, `lane:`, and the metrics of targets, `contacts <= 2`.
(key) @property

(target
  metric: (identifier) @property)

; Keywords.
"import" @keyword.import

[
  "lane"
  "system"
  "procedure"
  "touchpoint"
  "segment"
  "experience"
  "journey"
  "stage"
  "step"
  "risk"
  "scenario"
] @keyword.type

[
  "at"
  "on"
  "remove"
] @keyword

; Literals.
(string) @string

(import
  path: (string) @string.special.path)

(escape_sequence) @string.escape

[
  (number)
  (money)
] @number

; The unit written after a number: `15min`, `30%`.
(unit) @type.builtin

; Operators and punctuation.
[
  "->"
  "/"
  "<="
  ">="
  "<"
  ">"
  "=="
] @operator

[
  "{"
  "}"
] @punctuation.bracket

"," @punctuation.delimiter

; Comments.
(comment) @comment

(doc_comment) @comment.documentation
