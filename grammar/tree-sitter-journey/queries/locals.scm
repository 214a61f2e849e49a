; Scopes, definitions and references, in the nvim-treesitter convention.
;
; Top-level items (lanes, systems, touchpoints, journeys, ...) share one scope per file; the
; stages, steps and risks of a journey, or of a scenario, are in that item's own scope, however
; deeply they are nested, so that flows and `recovery:` find them. Stage and step blocks are not
; scopes of their own.
(source_file) @local.scope

(item
  kind: "journey"
  body: (block) @local.scope)

(item
  kind: "scenario"
  body: (block) @local.scope)

(item
  name: (identifier) @local.definition)

(at_clause
  touchpoint: (identifier) @local.reference)

(on_clause
  journey: (identifier) @local.reference)

(field
  value: (identifier) @local.reference)

(flow
  from: (identifier) @local.reference)

(flow
  to: (identifier) @local.reference)

(removal
  name: (identifier) @local.reference)

(removal
  to: (identifier) @local.reference)
