# Sourced by run_example.sh, cjk_fonts.sh and tests/typo/run.sh: what they check alike, in bash (no
# grep or awk: on this kind of machine a process costs more than these checks).
# SPDX-License-Identifier: MIT
# (It sets variables its callers read; check_fonts reads cv_run_dir and cv_status, batch.sh's.)
# shellcheck shell=bash disable=SC2034,SC2154

# theme_columns THEME YAML: sets cols (pdfcheck's column arguments) and two (1 when the page has two
# columns, else 0).
# cv2pdf's plain A4 design: 51 pt side margins, 493.28 pt of text. classic (RenderCV's): 0.7 in
# margins, entries set in by 0.2 cm, a 4.15 cm column of dates (and a 0.1 cm gap) beside the first
# lines of an entry, whose lines (title, summary, authors, journal) are paragraphs with no space
# between them. moderncv: the same margins, its text column starting at 176.54 pt beside the dates
# (4.15 cm of them and a 0.3 cm gap). The sidebar theme gives its narrow column 31 % of the text width and an 18 pt gutter,
# when the résumé has something to put there (contact details or a sidebar section); the name and
# headline run across both columns.
theme_columns() {
	local theme=$1 yaml=$2 line contact=0 header=1
	cols="51 544.28" two=0
	if [ "$theme" = classic ]; then
		cols="50.4 544.88 --edge 539.21 --edge 418.74 --abutting"
	elif [ "$theme" = moderncv ]; then
		cols="50.4 544.88 --column-start 176.54"
	elif [ "$theme" = sidebar ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			[[ $line =~ ^\ \ (email|phone|location|website): ]] && contact=1
			[[ $line =~ ^\ \ headline: ]] && header=$((header + 1))
		done <"$yaml"
		if [ $contact = 1 ]; then
			cols="51 203.92 221.92 544.28 --header-lines $header --ragged 1" two=1
		fi
	fi
}

# check_fonts PDF [TYPE]: every font of PDF embedded, subset, with a ToUnicode map (the columns emb,
# sub and uni of each line of pdffonts' table, after its two heading lines), and of TYPE ("CID
# TrueType") when given; else prints the table, says why in fonts_error and returns 1. Sets fonts
# (the table) and font_names (each font's name without its subset tag). Where the caller has the
# in-process runner (tests/cli/batch.sh sourced: cv_tool), pdffonts runs there, into a file of
# $cv_run_dir: the program's own code, with the runner's guard; else the program.
check_fonts() {
	local line n=0
	fonts_error=""
	if declare -F cv_tool >/dev/null; then
		if ! cv_tool "$cv_run_dir/fonts" "$cv_run_dir/fonts.err" pdffonts "$1"; then
			IFS= read -r -d '' fonts <"$cv_run_dir/fonts.err" || true
			printf '%s' "$fonts"
			fonts_error="$1: pdffonts failed (exit status $cv_status)"
			return 1
		fi
		IFS= read -r -d '' fonts <"$cv_run_dir/fonts" || true
		while [[ $fonts == *$'\n' ]]; do fonts=${fonts%$'\n'}; done # (as $(pdffonts) gives it)
	else
		fonts=$(pdffonts "$1") || { fonts_error="$1: pdffonts failed"; return 1; }
	fi
	declare -gA font_names=()
	# The table's lines split by bash's string operations, not a read loop over a here-string (which
	# reads a pipe a byte a syscall); a line's columns matched at its end, where emb, sub, uni and the
	# object's number and generation are.
	local rest=$fonts$'\n' ok='(^|[[:blank:]])yes[[:blank:]]+yes[[:blank:]]+yes[[:blank:]]+[^[:blank:]]+[[:blank:]]+[^[:blank:]]+[[:blank:]]*$'
	while [ -n "$rest" ]; do
		line=${rest%%$'\n'*} rest=${rest#*$'\n'}
		n=$((n + 1))
		[ $n -gt 2 ] || continue
		if [[ ! $line =~ $ok ]]; then
			echo "$fonts"; fonts_error="$1: a font is not embedded, subset and mapped to Unicode"; return 1
		fi
		if [ -n "${2:-}" ] && [[ $line != *"$2"* ]]; then
			echo "$fonts"; fonts_error="$1: a font is not $2"; return 1
		fi
		[[ $line =~ ^[[:blank:]]*[A-Z]{6}\+([^[:blank:]]*) ]] && font_names[${BASH_REMATCH[1]}]=1
	done
}
