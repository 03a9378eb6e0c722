"""The completion scripts that `sedex-lint completion SHELL` prints. Each calls sedex-lint back
with the words typed (see completion.py, which answers); a line `@files` asks the shell to add
file names."""

from __future__ import annotations

SHELLS = ("bash", "zsh", "fish")
FILES = "@files"

_BASH = """\
_sedex_lint_complete() {
    local IFS=$'\\n' cur="${COMP_WORDS[COMP_CWORD]}" line
    COMPREPLY=()
    for line in $(_SEDEX_LINT_WORDS="${COMP_WORDS[*]:0:COMP_CWORD}" _SEDEX_LINT_CUR="$cur" \\
                  _SEDEX_LINT_COMPLETE=bash "${COMP_WORDS[0]}" 2>/dev/null); do
        if [[ $line == @files ]]; then
            COMPREPLY+=($(compgen -f -- "$cur"))
        else
            COMPREPLY+=("$line")
        fi
    done
}
complete -o filenames -o bashdefault -F _sedex_lint_complete sedex-lint
"""
_ZSH = """\
#compdef sedex-lint
_sedex_lint_complete() {
    local -a candidates
    local line files=0
    for line in "${(@f)$(_SEDEX_LINT_WORDS="${words[1,CURRENT-1]}" \\
                         _SEDEX_LINT_CUR="${words[CURRENT]}" \\
                         _SEDEX_LINT_COMPLETE=zsh "${words[1]}" 2>/dev/null)}"; do
        if [[ $line == @files ]]; then files=1; elif [[ -n $line ]]; then candidates+=("$line"); fi
    done
    (( ${#candidates} )) && compadd -a candidates
    (( files )) && _files
}
compdef _sedex_lint_complete sedex-lint
"""
_FISH = """\
function __sedex_lint_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    for line in (env _SEDEX_LINT_WORDS="$words" _SEDEX_LINT_CUR="$cur" \\
                     _SEDEX_LINT_COMPLETE=fish $words[1] 2>/dev/null)
        if test "$line" = @files
            __fish_complete_path $cur
        else
            echo $line
        end
    end
end
complete -c sedex-lint -f -a '(__sedex_lint_complete)'
"""
SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def script(shell: str) -> str:
    return SCRIPTS[shell]
