"""The command line's words: the commands that stand instead of paths, and the lint command's
help epilog (examples, the commands, the exit codes a CI gate reads)."""

# "\b" keeps click from re-wrapping the paragraph that follows it.
EXAMPLES = """\
\b
Examples:
  sedex-lint deploy.yaml                        lint one file
  sedex-lint manifests/                         every *.yaml, *.yml, *.json below
  helm template rel chart/ | sedex-lint --stdin-filename chart/rendered.yaml -
                                                rendered Helm output, mapped to chart/templates
  kustomize build overlay/ | sedex-lint --stdin-filename overlay/rendered.yaml -
                                                rendered Kustomize output, mapped to its sources
  sedex-lint -f json manifests/ > report.json   machine-readable report
  sedex-lint -f text -f sarif:lint.sarif -f junit:junit.xml manifests/
  sedex-lint --fail-on warning manifests/       fail on warnings too
  sedex-lint --fix manifests/                   apply the safe fixes (--diff: show them)

\b
Commands (instead of paths):
  sedex-lint rules                              list the rules
  sedex-lint explain SDX004                     show a rule's page
  sedex-lint config                             show the effective configuration
  sedex-lint init --sedex-id ID --case CASE     write one participant's manifests
  sedex-lint completion bash|zsh|fish           print a shell completion script

\b
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error, no manifest under the paths (see
     --allow-empty), or input that could not be read or parsed (the rest is
     still reported)
  3  internal error (a rule or plugin crashed; the other rules still ran)
"""

SUBCOMMANDS = ("rules", "explain", "config", "completion", "init")
COMPLETE_VAR = "_SEDEX_LINT_COMPLETE"
