#!/usr/bin/env bash
# Prints the conformance matrix: each rule ID of conformance-rules.md and the test files naming it
# (tests of every module, and the registry compatibility kit, which is test code published as a library).
# Usage: tools/conformance-matrix.sh [path/to/conformance-rules.md]   (default: ../shared/domain/...)
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-../shared/domain/conformance-rules.md}
[ -f "$rules" ] || { echo "no rules file at $rules" >&2; exit 2; }
covered=0; total=0
while read -r id; do
  total=$((total + 1))
  files=$(grep -rlw --include='*.java' -- "$id" */src/test pec-registry-tck/src/main 2>/dev/null | sed 's#.*/##' | sort -u | paste -sd, - || true)
  if [ -n "$files" ]; then covered=$((covered + 1)); printf '%-18s %s\n' "$id" "$files"; else printf '%-18s -\n' "$id"; fi
done < <(grep -oE '^\| [A-Z]+-[A-Z0-9-]+-[0-9]{2} ' "$rules" | tr -d '| ' | sort -u)
echo "covered: $covered of $total rule IDs"
