#!/usr/bin/env bash
# Writes bench/tailored.yaml with a variants map of N variants to standard output, for the batch
# benchmark (cv2pdf --all-variants): variant i takes the language en or zh (i mod 2) and a non-empty
# subset of the tags ml, backend, research, lead (bits of i / 2), so that consecutive variants differ
# and the map itself grows with N as a real file of many variants would.
# Usage: bash bench/variants.sh N
# SPDX-License-Identifier: MIT
set -euo pipefail
n=${1:?usage: variants.sh N}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cat "$here/tailored.yaml"
awk -v n="$n" 'BEGIN {
	split("ml backend research lead", tags, " ");
	print "variants:";
	for (i = 0; i < n; i++) {
		mask = int(i / 2) % 15 + 1;
		list = "";
		for (k = 0; k < 4; k++)
			if (int(mask / 2 ^ k) % 2)
				list = list (list == "" ? "" : ", ") tags[k + 1];
		printf "  v%03d:\n    lang: %s\n    tags: [%s]\n", i, i % 2 ? "zh" : "en", list;
	}
}'
