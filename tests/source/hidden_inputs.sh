#!/usr/bin/env bash
# No hidden inputs below the command line (docs/architecture.md): nothing under src/ but src/cli/ reads
# the environment, the clock or the locale, or parses numbers with the locale's strtod, so that a
# library user may render documents with different settings on several threads. A comment that names
# such a call is no call: the text after // or /* and the lines of a block comment (" * ...") are
# left out.
# Usage: hidden_inputs.sh SOURCE_DIR
set -uo pipefail
src=$1
cd "$src" || exit 1
calls='(^|[^A-Za-z0-9_])(getenv|secure_getenv|time|clock_gettime|gettimeofday|setlocale|localeconv|strtod|strtof|strtold|atof|tmpnam|tmpfile)[[:space:]]*\('
found=$(grep -rnE --include='*.c' --include='*.h' "$calls" src include | grep -v '^src/cli/' |
	awk -v calls="$calls" '{ code = $0; sub(/^[^:]*:[0-9]*:/, "", code)
		if (code ~ /^[ \t]*\*/) next
		sub(/(\/\/|\/\*).*/, "", code)
		if (code ~ calls) print }')
if [ -n "$found" ]; then
	echo "FAIL: below src/cli/, these read the environment, the clock or the locale:"
	echo "$found" | sed 's/^/    /'
	exit 1
fi
# The check must see the calls it looks for: src/cli/ has them.
grep -rqE "\bgetenv[[:space:]]*\(" src/cli || { echo "FAIL: the pattern finds nothing even in src/cli/"; exit 1; }
echo "ok: no getenv, time, locale or strtod below src/cli/"
