; Indentation, in the nvim-treesitter convention: the members of a block are indented one
; level; the closing brace goes back to the level of the item's header.
(block) @indent.begin

"}" @indent.branch @indent.end
