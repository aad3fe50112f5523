# Sourced by run_example.sh and tests/typo/run.sh: the text columns of a theme, as pdfcheck takes
# them, for one résumé. No process: the scripts run it for every example and theme.
# SPDX-License-Identifier: MIT

# theme_columns THEME YAML: sets cols (pdfcheck's column arguments) and two (1 when the page has two
# columns, else 0).
# cv2pdf's plain A4 design: 51 pt side margins, 493.28 pt of text. classic (RenderCV's): 0.7 in
# margins, entries set in by 0.2 cm, a 4.15 cm column of dates (and a 0.1 cm gap) beside the first
# lines of an entry, whose lines (title, summary, authors, journal) are paragraphs with no space
# between them. The sidebar theme gives its narrow column 31 % of the text width and an 18 pt gutter,
# when the résumé has something to put there (contact details or a sidebar section); the name and
# headline run across both columns.
theme_columns() {
	local theme=$1 yaml=$2 line contact=0 header=1
	cols="51 544.28" two=0
	if [ "$theme" = classic ]; then
		cols="50.4 544.88 --edge 539.21 --edge 418.74 --abutting"
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
