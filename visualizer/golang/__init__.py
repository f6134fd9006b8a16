"""Go source on the simulated runtime: parse (tree-sitter-go), check, interpret, report as Go does."""
