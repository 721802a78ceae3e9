#!/usr/bin/env bash
# The man pages and shell completions are written by `bimi` from its own command tree: every
# command `bimi --help` lists has a page, every option its --help lists is in its page and in the
# three completion scripts, the pages render without warnings, the scripts parse in their shells,
# and the completions answer. The files the build installs are the ones `bimi` writes now.
# usage: docs_test.sh BIMI_BINARY GENERATED_DIR
set -euo pipefail
bimi=$1
generated=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bimi" help-man "$work/man"
for shell in bash zsh fish; do "$bimi" completion "$shell" >"$work/bimi.$shell"; done
diff -r "$generated/man" "$work/man" || fail "the built man pages differ from what bimi writes now"
diff "$generated/completions/bimi.bash" "$work/bimi.bash" || fail "the built bash completion is stale"
diff "$generated/completions/_bimi" "$work/bimi.zsh" || fail "the built zsh completion is stale"
diff "$generated/completions/bimi.fish" "$work/bimi.fish" || fail "the built fish completion is stale"

commands=$("$bimi" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || fail "no commands in bimi --help"
grep -q '^\.SH EXIT STATUS' "$work/man/bimi.1" || fail "bimi.1 has no exit status section"
for command in $commands; do
  page="$work/man/bimi-$command.1"
  [ -f "$page" ] || fail "no man page for $command"
  grep -q "^\.B $command\$" "$work/man/bimi.1" || fail "bimi.1 does not list $command"
  grep -q "^\.SH EXIT STATUS" "$page" || fail "bimi-$command.1 has no exit status section"
  grep -q -- "-a $command " "$work/bimi.fish" || fail "fish completion lacks $command"
  grep -q "^    $command)" "$work/bimi.bash" || fail "bash completion lacks $command"
  grep -q "^    '$command:" "$work/bimi.zsh" || fail "zsh completion lacks $command"
  options=$("$bimi" "$command" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]*' | grep -oE -- '--[a-z0-9-]+' || true)
  for option in $options; do
    grep -qF -- "${option//-/\\-}" "$page" || fail "bimi-$command.1 lacks $option"
    grep -qF -- "$option" "$work/bimi.bash" || fail "bash completion lacks $command $option"
    grep -qF -- "'$option[" "$work/bimi.zsh" || fail "zsh completion lacks $command $option"
    grep -qF -- "-l ${option#--}" "$work/bimi.fish" || fail "fish completion lacks $command $option"
  done
done

for page in "$work"/man/*.1; do
  warnings=$(groff -man -ww -z -K utf8 "$page" 2>&1)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done
# Outputs are read whole before grep -q looks at them: an early exit must not break their pipe.
rendered=$(MANWIDTH=80 man -l "$work/man/bimi-check.1" 2>/dev/null)
grep -q -- "--profile" <<<"$rendered" || fail "man cannot render bimi-check.1"

bash -n "$work/bimi.bash" || fail "bash completion does not parse"
zsh -n "$work/bimi.zsh" || fail "zsh completion does not parse"
fish --no-execute "$work/bimi.fish" || fail "fish completion does not parse"

# What bash and fish offer at a few points of a command line.
bash_offers() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _bimi; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$work/bimi.bash" "$@"
}
grep -qx check <<<"$(bash_offers bimi ch)" || fail "bash does not complete 'ch' to check"
grep -qx -- --profile <<<"$(bash_offers bimi check --pro)" || fail "bash does not complete check --pro"
grep -qx sarif <<<"$(bash_offers bimi check --format "")" || fail "bash does not offer the formats"
fish_offers() { fish -c "source $work/bimi.fish; complete -C '$1'"; }
grep -q "^check" <<<"$(fish_offers "bimi ch")" || fail "fish does not complete 'ch' to check"
grep -q "^sarif" <<<"$(fish_offers "bimi check --format ")" || fail "fish does not offer the formats"
echo "man pages and completions: $(echo $commands | wc -w) commands checked"
