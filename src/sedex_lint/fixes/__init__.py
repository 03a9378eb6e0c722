"""Fixes: `sedex-lint --fix` and `--diff` (docs/fixes.md).

builders (what a rule's fix changes, as paths and values) -> spans (where in the text, as
`edits`; inserted values written by `render` in the document's `layout`) -> plan (one file:
apply, then `verify` by reading the text again) -> files (bytes, atomic writes, diffs) ->
command (the CLI step). `safety` says, for the rule pages, which fixes exist and are safe.
"""
