; A block folds: `journey order "Order" { ... }` folds to its header line.
(block) @fold
