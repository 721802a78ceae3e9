#!/usr/bin/env bash
# Debian's `pre-commit` runs the repository's .pre-commit-hooks.yaml on a throwaway brand
# repository, offline: it passes on a compliant logo and fails on one that needs work, naming it.
# usage: pre_commit_test.sh BIMI_BINARY SOURCE_DIR
set -euo pipefail
bimi=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export PATH="$(dirname "$bimi"):$PATH" PRE_COMMIT_HOME="$work/cache" HOME="$work/home"
git_() { git -c user.name=test -c user.email=test@example.com -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }
mkdir -p "$HOME"

# The hooks repository: this repository's hook definitions, at a commit pre-commit can check out.
git_ init -q "$work/hooks"
cp "$source_dir/.pre-commit-hooks.yaml" "$work/hooks/"
git_ -C "$work/hooks" add .pre-commit-hooks.yaml
git_ -C "$work/hooks" commit -q -m hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

git_ init -q "$work/brand"
cd "$work/brand"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $work/hooks
    rev: $rev
    hooks:
      - id: bimi-check
YAML
mkdir logos
cp "$source_dir/samples/compliant/example.svg" logos/good.svg
echo "not a logo" >notes.txt
git_ add .
if ! pre-commit run --all-files >"$work/good.log" 2>&1; then
  cat "$work/good.log"
  fail "pre-commit failed on a compliant logo"
fi
grep -q "bimi check.*Passed" "$work/good.log" || { cat "$work/good.log"; fail "the hook did not run"; }

cp "$source_dir/samples/needs-work/inkscape-export.svg" logos/bad.svg
git_ add logos/bad.svg
if pre-commit run --all-files >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"
  fail "pre-commit passed with a logo that needs work"
fi
grep -q "bimi check.*Failed" "$work/bad.log" || { cat "$work/bad.log"; fail "the hook did not fail"; }
grep -q "logos/bad.svg" "$work/bad.log" || fail "the failure does not name logos/bad.svg"
if grep -qE "logos/good.svg(:[0-9]+)*: (error|warning)" "$work/bad.log"; then fail "good.svg has findings"; fi
echo "pre-commit: passes on the good logo, fails on the bad one"
