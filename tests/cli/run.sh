#!/usr/bin/env bash
# Command-line tests: runs the cv2pdf binary with every option and checks exit statuses, standard
# output and error, the files written (or left alone), overlays, --set, tags, variants, a parallel
# batch against a serial one (byte for byte), --json, colour, --watch, --init, the man page against
# --help and the shell completions.
# Usage: run.sh CV2PDF SOURCE_DIR WORK_DIR [GROUP...]   (groups: see the bottom; default all)
# One group by hand: bash tests/cli/run.sh build/cv2pdf . /tmp/cli-set set (or ctest -R cli_set).
# A process costs more than most checks here (some milliseconds to start on a virtual machine), so
# the checks read what cv2pdf wrote in bash, and a process runs only for the independent readers of
# its output (pdftotext, qpdf, pdfinfo, groff, script). cv2pdf's runs go through one in-process
# runner (cv_run, tests/cli/batch.sh: every sixth also through the real program, compared; all of
# them under CV2PDF_TEST_WRAPPER); what needs a process runs the real cv2pdf, each group saying why.
set -uo pipefail
cv2pdf=$1 src=$2 work=$3
shift 3
[[ $cv2pdf == /* ]] || cv2pdf=$PWD/$cv2pdf # (the script works in WORK_DIR)
[[ $src == /* ]] || src=$PWD/$src
export CV2PDF_FONT_DIR="$src/fonts" SOURCE_DATE_EPOCH=1700000000
unset NO_COLOR
failures=0 checks=0
cv_run_dir="$work/.cv_run" # (cv_run's own files)
source "$src/tests/cli/batch.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }
check() { # check DESCRIPTION COMMAND...: the command must succeed
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# run [CV_RUN_OPTION]... WANT_STATUS ARGS...: runs cv2pdf in $work (cv_run, with its options -e, -u,
# -i, -1, -r), keeping stdout in $out and stderr in $err. The script stays in $work (it cds there
# once, below): no subshell to cd in.
out="$work/stdout" err="$work/stderr"
run() {
	local opts=()
	while [[ $1 == -* ]]; do
		case $1 in -[1r]) opts+=("$1"); shift ;; *) opts+=("$1" "$2"); shift 2 ;; esac
	done
	local want=$1
	shift
	cv_run "${opts[@]}" "$out" "$err" "$@"
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "cv2pdf $* exited $got, want $want"
		show "$err"
		return 1
	fi
	pass
}
# has FILE PATTERN: a line of FILE matches PATTERN, a grep basic regular expression; lacks: none does.
# Some two hundred such checks, all answered in bash without a process: a pattern without grep's
# special characters is looked for as text in the file; the others are translated to the extended
# expressions bash's [[ =~ ]] takes (the same regcomp as grep's, in the same locale) and matched line
# by line. grep runs only where bash cannot answer as grep would: a file holding a NUL, which bash
# cannot keep, or a pattern using GNU's \( \{ \| \+ \? or \N forms (none does today).
file_text() { # file_text FILE: FILE's text in $ftext; fails when it holds a NUL, which bash cannot keep
	ftext=""
	[ -r "$1" ] && ! IFS= read -r -d "" ftext 2>/dev/null <"$1"
}
ere="" # bre_to_ere BRE: the same expression as an ERE in $ere; fails for what it cannot translate
bre_to_ere() {
	local re=$1 i=0 n=${#1} c
	ere=""
	while ((i < n)); do
		c=${re:i:1}
		case $c in
		\\)
			c=${re:i+1:1}
			[[ -n $c && $c != [\(\)\{\}\|+?a-zA-Z0-9\<\>\`\'] ]] || return 1
			ere+="\\$c" i=$((i + 2))
			continue ;;
		\[) # a bracket expression means the same in both: copied to its closing ']'
			local j=$((i + 1))
			[ "${re:j:1}" = "^" ] && j=$((j + 1))
			[ "${re:j:1}" = "]" ] && j=$((j + 1))
			while ((j < n)) && [ "${re:j:1}" != "]" ]; do
				[[ ${re:j:2} == "[:" || ${re:j:2} == "[=" || ${re:j:2} == "[." ]] && return 1
				j=$((j + 1))
			done
			((j < n)) || return 1
			ere+=${re:i:j-i+1} i=$((j + 1))
			continue ;;
		^) ((i == 0)) && ere+=^ || ere+='\^' ;;
		\$) ((i == n - 1)) && ere+=\$ || ere+='\$' ;;
		\*) [[ $i == 0 || ($i == 1 && ${re:0:1} == ^) ]] && ere+='\*' || ere+='*' ;;
		[\{\}\(\)\|+?]) ere+="\\$c" ;;
		*) ere+=$c ;;
		esac
		i=$((i + 1))
	done
}
# in_file FILE PATTERN: 0 a line of FILE matches, 1 none does, 2 grep must decide
in_file() {
	file_text "$1" || return 2
	if [[ $2 != *[][*^\$\\.]* ]]; then [[ $ftext == *"$2"* ]]; return; fi
	[[ $2 == *[][*^\$\\]* ]] || [[ $ftext != *"$2"* ]] || return 0 # '.' matches itself
	bre_to_ere "$2" || return 2
	local line
	while IFS= read -r line; do [[ $line =~ $ere ]] && return 0; done <<<"$ftext"
	return 1
}
matches() { # matches FILE PATTERN: 0 a line matches, else grep's status (1 none, 2 no such file)
	in_file "$1" "$2"
	local found=$?
	[ $found = 2 ] && { grep -q -- "$2" "$1"; found=$?; }
	return $found
}
has() { matches "$1" "$2" || { fail "$1 lacks '$2'"; show "$1"; return 1; }; pass; }
lacks() { ! matches "$1" "$2" || { fail "$1 has '$2'"; show "$1"; return 1; }; pass; }
show() { # show FILE: its first 20 lines, indented, for a failure's report
	local line i=0
	while ((i++ < 20)) && IFS= read -r line; do echo "    $line"; done <"$1"
}
# write FILE: the here-document on standard input becomes FILE (without a cat process)
write() { local t; IFS= read -r -d "" t; printf %s "$t" >"$1"; }
# same A B: files A and B hold the same bytes, by their SHA-256 sums, which one sha256sum run
# gives for all the files a group compares (sums FILE...: into the array sum[FILE]).
declare -A sum=()
sums() {
	local line
	sum=()
	sha256sum -- "$@" >"$out" 2>"$err" # (a missing file has no sum, and fails its comparison)
	while IFS= read -r line; do sum[${line#*  }]=${line%%  *}; done <"$out"
}
same() { [ -n "${sum[$1]:-}" ] && [ "${sum[$1]}" = "${sum[$2]:-}" ]; }
# count_lines FILE: the number of lines of FILE that are not empty, in $count
count_lines() {
	local line
	count=0
	while IFS= read -r line || [ -n "$line" ]; do [ -z "$line" ] || count=$((count + 1)); done <"$1"
}
# within_3_lines FILE A B: a line of FILE holds the text A, and it or one of the 3 after it holds B
# (grep -A3 A | grep B)
within_3_lines() {
	local lines i j
	mapfile -t lines <"$1"
	for ((i = 0; i < ${#lines[@]}; i++)); do
		[[ ${lines[i]} == *"$2"* ]] || continue
		for ((j = i; j <= i + 3 && j < ${#lines[@]}; j++)); do [[ ${lines[j]} == *"$3"* ]] && return 0; done
	done
	return 1
}
# on_tty COMMAND...: (the real cv2pdf: a terminal is a process's) runs each shell COMMAND in turn on one terminal, in one script(1) (a process
# each would cost a script and a shell per command); what COMMAND N prints goes to ttyN.txt, with
# its exit status in $tty_status[N]. The commands run in $work.
declare -a tty_status
on_tty() {
	local i cmds="" line n=0
	for ((i = 1; i <= $#; i++)); do cmds+="echo '<<<tty $i>>>'; ${!i}; echo \"<<<status \$?>>>\"; "; done
	SHELL=/bin/sh script -qec "$cmds" /dev/null >tty.txt 2>&1
	tty_status=()
	for ((i = 1; i <= $#; i++)); do : >"tty$i.txt"; done
	while IFS= read -r line; do
		if [[ $line =~ ^'<<<tty '([0-9]+)'>>>'$'\r'?$ ]]; then n=${BASH_REMATCH[1]}
		elif [[ $line =~ ^(.*)'<<<status '([0-9]+)'>>>'$'\r'?$ ]]; then # (after output without a newline)
			[ -z "${BASH_REMATCH[1]}" ] || printf '%s\n' "${BASH_REMATCH[1]}" >>"tty$n.txt"
			tty_status[n]=${BASH_REMATCH[2]} n=0
		elif ((n > 0)); then printf '%s\n' "$line" >>"tty$n.txt"
		else fail "on_tty: a line outside the commands' output: $line"
		fi
	done <tty.txt
}
# every_line FILE ERE: every line of FILE matches ERE (an empty file too)
every_line() {
	local line
	while IFS= read -r line || [ -n "$line" ]; do [[ $line =~ $2 ]] || return 1; done <"$1"
}
# pdftotext and qpdf run through cv_tool (tests/cli/batch.sh: in the runner, every sixth call also
# as the program, compared), never in a $(...): a subshell's runner would be lost with it.
# text_of PDF TXT: pdftotext's text of PDF into the file TXT.
text_of() { cv_tool "$2" "$cv_run_dir/text.err" pdftotext -q "$1" -; }
# pdf_text PDF: pdftotext's text of PDF into $pdf_text.
pdf_text() {
	pdf_text=""
	cv_tool ${cv_tool_once:+-1} "$cv_run_dir/text" "$cv_run_dir/text.err" pdftotext -q "$1" - || return
	IFS= read -r -d '' pdf_text <"$cv_run_dir/text"
	return 0
}
# Checks that read a program's output in bash (a "| grep -q" is a process, and with pipefail its
# early exit can fail the pipeline on the writer's SIGPIPE):
# pdf_has PDF TEXT: pdftotext's text of PDF holds TEXT (as text, not a pattern); pdf_has_line PDF
# LINE: one of its lines is LINE; output_has TEXT COMMAND...: COMMAND succeeds and its standard
# output holds TEXT.
pdf_has() { pdf_text "$1" && [[ $pdf_text == *"$2"* ]]; }
# watched_has PDF TEXT: pdf_has of a PDF that --watch may rewrite at any time (cv_tool -1).
watched_has() { cv_tool_once=1 pdf_has "$@"; }
pdf_has_line() { pdf_text "$1" && [[ $'\n'$pdf_text$'\n' == *$'\n'"$2"$'\n'* ]]; }
output_has() { local o; o=$("${@:2}") && [[ $o == *"$1"* ]]; }
pdf_ok() { cv_tool /dev/null /dev/null qpdf --check "$1" || { fail "qpdf --check $1"; return 1; }; pass; }

# The work folder: CTest makes it, empty, for all the groups at once (the fixture scripts_scratch of
# tests/CMakeLists.txt); a run by hand, or a second one, finds it missing or used and clears it.
scratch() { # scratch DIR: DIR exists and is empty
	local used
	used=("$1"/* "$1"/.[!.]* "$1"/..?*)
	[ -d "$1" ] && [ ${#used[@]} = 0 ] && return
	chmod -R u+rwx "$1" 2>/dev/null
	rm -rf "$1" && mkdir -p "$1"
}
shopt -s nullglob
scratch "$work"
shopt -u nullglob
cd "$work" || exit 1

write resume.yaml <<'EOF'
cv:
  name: Jane Doe
  headline: {en: Software Engineer, zh: 软件工程师}
  email: [jane@example.com, jane@work.example]
  phone: "+49 30 1234567"
  sections:
    Experience:
      - id: acme
        company: Acme Corp
        position: Senior Engineer
        start_date: 2021-03
        end_date: present
        highlights:
          - Cut build times by 40 percent
          - text: Moved billing to PostgreSQL
            tags: [backend]
          - text: Rebuilt the dashboard in TypeScript
            tags: [frontend]
      - id: initech
        company: Initech
        position: Engineer
        start_date: 2017-09
        end_date: 2021-02
        tags: [old]
      - id: globex
        company: Globex
        position: Frontend Developer
        start_date: 2015-01
        end_date: 2017-08
        tags: [frontend]
    Work Projects:
      - name: Ledger
        summary: A double-entry bookkeeping service
design:
  page_size: a4
locale:
  language: en
variants:
  backend:
    tags: [backend]
  frontend:
    tags: frontend
    output: fe-{variant}.pdf
    set:
      cv.headline: Frontend Engineer
  chinese:
    lang: zh
    exclude_tags: [old]
  letter:
    set:
      design.page_size: us-letter
EOF
printf 'cv:\n  name: Jane\n  sections:\n    A:\n      - company: X\n        start_date: 2020-13\n' >bad.yaml
printf 'cv:\n  headline: Chief Engineer\n' >ov2.yaml

# ---- Help, version, usage errors ---------------------------------------------------------------
group_usage() {
	run 0 --help && has "$out" "Usage: cv2pdf"
	run 0 -h && has "$out" "--all-variants"
	run 0 --version && has "$out" "^cv2pdf [0-9]"
	run 2 && has "$err" "no input file given" && has "$err" "Try 'cv2pdf --help'"
	run 2 --bogus resume.yaml && has "$err" "unknown option '--bogus'"
	run 2 -Z resume.yaml && has "$err" "unknown option '-Z'"
	run 2 resume.yaml -o && has "$err" "option '-o' needs a value"
	run 2 resume.yaml --output && has "$err" "option '--output' needs a value"
	run 2 resume.yaml --ver && has "$err" "option '--ver' is ambiguous"
	run 0 resume.yaml --out abbrev.pdf && check "unambiguous abbreviations work" test -s "$work/abbrev.pdf"
	run 2 resume.yaml --check=yes && has "$err" "takes no value"
	run 2 resume.yaml --dump=pdf && has "$err" "expected 'model' or 'layout'"
	run 2 resume.yaml --max-pages 0 && has "$err" "--max-pages"
	run 2 resume.yaml --max-pages two
	run 2 resume.yaml --all-variants -j 0
	run 2 resume.yaml --to docx && has "$err" "--to: expected pdf, txt, md or html"
	run 2 resume.yaml --text-width 5 && has "$err" "--text-width: expected a whole number from 20 to 1000"
	run 2 resume.yaml --letter --dump model && has "$err" "--letter writes the cover letter"
	run 0 resume.yaml -j 2 -o jobs.pdf && check "-j without --all-variants is accepted" test -s jobs.pdf
	run 2 resume.yaml --set cv.phone && has "$err" "expected PATH=VALUE"
	run 2 resume.yaml --lang 'e n'
	run 2 resume.yaml --variant backend --all-variants
	run 2 resume.yaml --all-variants -o same.pdf && has "$err" "{variant}"
	run 2 resume.yaml --variant nosuch && has "$err" "it has: backend, frontend, chinese, letter"
	run 2 resume.yaml --variant backedn && has "$err" 'did you mean "backend"'
	run 2 --bogus resume.yaml --json && has "$err" '^{"file":null,.*"severity":"error","code":"usage","message":"unknown option' &&
		lacks "$err" "Try 'cv2pdf --help'"
	run 2 resume.yaml - && has "$err" "overlay cannot be standard input"
	run 2 - --watch && has "$err" "--watch needs an input file"
	run 2 resume.yaml --dump model --check
	run 2 --init && has "$err" "no FILE given"
	run 2 --init --lang tlh x.yaml && has "$err" "no starter résumé in .tlh.; there is one in en, zh-Hans"
	check "no output after usage errors" test ! -e resume.pdf
}

# The options table (src/cli/options.def) makes --help and the completions; the man page must document
# each option of --help, under the heading of its group, with at least a sentence, and no other.
# The completions are the build's (made beside the program), which must offer every option.
group_docs() {
	local comp=${cv2pdf%/*}/completions line g="" o w words help_opts=() undocumented="" got n
	local -A help=() man=() undoc=()
	# "GROUP OPTION" for each option --help lists (each line that starts with an option, under a
	# "Group:" heading line; a blank line ends the group).
	# (The real program: this group's one run, where starting the runner would cost more.)
	cv_run -r "$out" "$err" --help || fail "cv2pdf --help"
	while IFS= read -r line; do
		if [[ $line =~ ^[A-Z][a-z]*:$ ]]; then g=${line%:}
		elif [ -z "$line" ]; then g=""
		elif [[ -n $g && $line =~ ^\ +(-[a-zA-Z],\ )?--[a-z] ]]; then
			read -ra words <<<"$line"
			for w in "${words[@]}"; do
				[[ $w == -* ]] || break
				help["$g ${w%,}"]=1
			done
		fi
	done <"$out"
	# "GROUP OPTION" for each option the man page's OPTIONS section documents (the options of each .TP
	# tag line under its .SS heading), with the number of text lines after the tag.
	local on="" want_tag="" lines=0 tags=()
	flush() { for o in "${tags[@]}"; do man["$g $o"]=1; [ $lines != 0 ] || undoc[$o]=1; done; tags=(); }
	while IFS= read -r line; do
		line=${line//\\-/-}
		case $line in
		.SH\ *) flush; read -ra words <<<"$line"; [ "${words[1]}" = OPTIONS ] && on=1 || on="" ;;
		*) [ -n "$on" ] || continue
			case $line in
			.SS\ *) flush; read -ra words <<<"$line"; g=${words[1]} ;;
			.TP*) flush; want_tag=1 lines=0 ;;
			*) if [ -n "$want_tag" ]; then
					want_tag=""
					read -ra words <<<"$line"
					for w in "${words[@]:1}"; do
						w=${w//\"/}
						[[ $w =~ ^-(-[a-z][a-z-]*|[a-zA-Z])$ ]] && tags+=("$w")
					done
				elif [[ $line == [^.]* ]]; then lines=$((lines + 1)); fi ;;
			esac ;;
		esac
	done <"$src/docs/cv2pdf.1"
	flush
	unset -f flush
	local diff=""
	for o in "${!help[@]}"; do [ -n "${man[$o]:-}" ] || diff+=$'\n'"    < $o"; done
	for o in "${!man[@]}"; do [ -n "${help[$o]:-}" ] || diff+=$'\n'"    > $o"; done
	if [ -z "$diff" ]; then pass; else
		fail "--help and docs/cv2pdf.1 list different options, or under different headings (< --help, > man page)$diff"
	fi
	for o in "${!undoc[@]}"; do undocumented+=" $o"; done
	check "every option in docs/cv2pdf.1 has its sentence (not:$undocumented)" test -z "$undocumented"
	local -A seen=()
	for o in "${!help[@]}"; do seen[${o#* }]=1; done
	help_opts=("${!seen[@]}")
	check "--help lists at least 25 options (${#help_opts[@]})" test ${#help_opts[@]} -ge 25
	# Each option of --help in both completions, as a word of its own.
	local bash_c zsh_c
	bash_c=$(<"$comp/cv2pdf.bash") zsh_c=$(<"$comp/_cv2pdf")
	n=0
	for o in "${help_opts[@]}"; do
		[[ $bash_c =~ (^|[[:space:]\"])$o([^a-zA-Z0-9_-]|$) ]] || { fail "completions/cv2pdf.bash lacks $o"; n=1; }
		[[ $zsh_c =~ (^|[^a-z-])$o([^a-z-]|$) ]] || { fail "completions/_cv2pdf lacks $o"; n=1; }
	done
	[ $n = 0 ] && pass
	# The bash completion parses (source stops at a syntax error with status 2, as bash -n reports it)
	# and offers the variants of the file being completed, and the themes. One subshell keeps its
	# functions and variables out of this script.
	got=$(
		source "$comp/cv2pdf.bash" 2>"$err" || echo "source failed: $?"
		COMP_WORDS=(cv2pdf resume.yaml --variant "") COMP_CWORD=3
		_cv2pdf && echo "variant: ${COMPREPLY[*]}"
		COMP_WORDS=(cv2pdf resume.yaml --theme "") COMP_CWORD=3
		_cv2pdf && echo "theme: ${COMPREPLY[*]}"
	)
	check "bash completion parses ($got)" test ! -s "$err" -a "${got#source failed}" = "$got"
	check "bash completion of --variant gives the variants ($got)" has_line "$got" "variant: backend frontend chinese letter"
	check "bash completion of --theme gives the themes ($got)" \
		has_line "$got" "theme: classic compact ember engineeringclassic engineeringresumes harvard ink moderncv opal sb2nov sidebar"
	groff -k -man -ww -z -Tutf8 "$src/docs/cv2pdf.1" >"$out" 2>&1
	check "man page renders without warnings ($(<"$out"))" test ! -s "$out"
}
has_line() { [[ $'\n'$1$'\n' == *$'\n'"$2"$'\n'* ]]; } # has_line TEXT LINE: one of TEXT's lines is LINE

# ---- Plain runs, standard input and output, exit statuses --------------------------------------
group_basic() {
	run 0 resume.yaml && check "default output resume.pdf" test -s resume.pdf && pdf_ok resume.pdf
	text_of resume.pdf resume.txt
	has resume.txt "Jane Doe" && has resume.txt "Software Engineer" && has resume.txt "Globex"
	# Standard input to standard output: the same bytes as from a file to a file.
	cv_run -i resume.yaml stdio.pdf "$err" - -o -
	check "stdin to stdout exits 0" test $? = 0
	cv_run -i resume.yaml stdio2.pdf "$err" -
	sums resume.pdf stdio.pdf stdio2.pdf
	check "stdin to stdout gives the same PDF" same stdio.pdf resume.pdf
	check "INPUT - writes to standard output by default" same stdio2.pdf resume.pdf
	check "stdin run wrote no file named -" test ! -e ./-
	# Errors name <stdin>. (The real program: standard input a pipe, not a file.)
	"$cv2pdf" - -o - <<<$'cv:\n  name: [a' >/dev/null 2>"$err"
	check "stdin syntax error exits 1" test $? = 1
	has "$err" "^<stdin>:"
	run 0 resume.yaml --check && check "--check writes nothing" test ! -e "$work/check.pdf"
	run 0 resume.yaml --dump=model && has "$out" 'company: "Acme Corp"'
	run 0 resume.yaml --dump layout && has "$out" "Jane"
	run 0 resume.yaml -o explicit.pdf -q && pdf_ok explicit.pdf
	check "-q prints nothing on success" test ! -s "$err"
	run 0 resume.yaml -o verbose.pdf -v && has "$err" "wrote verbose.pdf" && has "$err" "timings: load"
	run 0 resume.yaml -o timed.pdf --timings
	for s in load tailor fonts layout render write total; do has "$err" "$s [0-9.]* ms"; done
	run 0 resume.yaml -o fonts.pdf --font-dir "$src/fonts"
	run 3 resume.yaml -o nofonts.pdf --font-dir "$work/no-such-dir" && has "$err" "error"
	check "no PDF when the fonts are missing" test ! -e nofonts.pdf
	run 0 resume.yaml -o theme.pdf --theme classic && pdf_ok theme.pdf
	run 0 resume.yaml -o maxpages.pdf --max-pages 1 && pdf_ok maxpages.pdf
	# Other formats: by -o's extension, or --to's list with each extension.
	run 0 resume.yaml -o plain.txt && check "-o x.txt writes text" matches plain.txt "^Jane"
	run 0 resume.yaml -o plain.pdf --to md,html && check "--to md,html writes both" test -s plain.md -a -s plain.html
	check "--to without pdf writes no PDF" test ! -e plain.pdf
	run 0 resume.yaml --to txt -o - && has "$out" "Jane"
	run 1 resume.yaml --letter -o letter.pdf && has "$err" "error: the document has no letter"
	check "no letter written without a letter" test ! -e letter.pdf
	run 3 missing.yaml && has "$err" "missing.yaml: error: cannot open"
	run 1 bad.yaml && has "$err" "bad.yaml:6:21: error: cv.sections.A\[0\].start_date"
	check "diagnostics go to standard error only" test ! -s "$out"
	check "no PDF for invalid input" test ! -e bad.pdf
}

# ---- Output safety ----------------------------------------------------------------------------
group_output() {
	echo precious >keep.pdf
	run 1 bad.yaml -o keep.pdf
	check "a failing run leaves the existing output untouched" test "$(<keep.pdf)" = precious
	run 1 resume.yaml -o keep.pdf --set cv.sections=3
	check "a failing --set leaves the existing output untouched" test "$(<keep.pdf)" = precious
	# Missing folders of the output are made.
	run 0 resume.yaml -o no/such/dir/x.pdf && pdf_ok no/such/dir/x.pdf
	echo file >plainfile
	run 3 resume.yaml -o plainfile/x.pdf && has "$err" "Not a directory"
	# An unwritable directory: chmod works for a normal user; root ignores it, and /proc refuses
	# new files even to root.
	# (The folder stays read-only: the next run's scratch, or scripts_scratch, gives write back.)
	local ro=/proc/self magic
	if [ "$EUID" != 0 ]; then
		mkdir -m 555 ro && ro=ro
	fi
	# The real program where no stray file may be left.
	run -r 3 resume.yaml -o "$ro/x.pdf" && has "$err" "cannot create the output file"
	check "no temporary file is left behind" eval '! compgen -G "$work/.cv2pdf-*" >/dev/null'
	run 0 resume.yaml -o keep.pdf && pdf_ok keep.pdf
	LC_ALL=C read -r -N 5 magic <keep.pdf
	check "a successful run replaces the old output" test "$magic" = "%PDF-"
	# A new file gets 0666 less the umask of that run; a replaced one keeps its mode. Real programs:
	# the umask is the process's, which the runner shares.
	local saved_mask
	saved_mask=$(umask)
	umask 077
	run -r 0 resume.yaml -o mask077.pdf
	umask 002
	run -r 0 resume.yaml -o mask002.pdf
	umask "$saved_mask"
	check "a new output has the permissions of umask 077" test "$(stat -c %a mask077.pdf)" = 600
	check "a new output has the permissions of umask 002" test "$(stat -c %a mask002.pdf)" = 664
	chmod 640 mask002.pdf
	run -r 0 resume.yaml -o mask002.pdf
	check "a replaced output keeps its permissions" test "$(stat -c %a mask002.pdf)" = 640
	# Refuses to write a PDF to a terminal.
	on_tty "'$cv2pdf' '$work/resume.yaml' -o -"
	check "-o - on a terminal is a usage error" test "${tty_status[1]}" = 2
	has tty1.txt "refusing to write a PDF to a terminal"
}

# ---- Overlays ----------------------------------------------------------------------------------
group_overlays() {
	write ov1.yaml <<'EOF'
cv:
  headline: Staff Engineer
  email: only@example.com
  sections:
    Experience:
      - id: initech
        remove: true
      - id: acme
        company: Acme Corporation
        position: Principal Engineer
        start_date: 2021-03
        end_date: present
      - id: hooli
        company: Hooli
        position: Intern
        start_date: 2014-06
        end_date: 2014-09
design:
  page_size: us-letter
EOF
	run 0 resume.yaml ov1.yaml -o ov1.pdf && pdf_ok ov1.pdf
	text_of ov1.pdf ov1.txt
	has ov1.txt "Staff Engineer"            # a scalar replaced
	has ov1.txt "Jane Doe"                  # maps merge deeply: the name stays
	has ov1.txt "+49 30 1234567"
	has ov1.txt "only@example.com"          # a list replaced as a whole
	lacks ov1.txt "jane@work.example"
	lacks ov1.txt "Initech"                 # removed by id
	has ov1.txt "Acme Corporation" && has ov1.txt "Principal Engineer" # merged by id:
	has ov1.txt "Moved billing"             # ...the keys it does not give stay
	has ov1.txt "Globex"                    # untouched entries stay
	has ov1.txt "Hooli"                     # an unknown id is appended
	check "overlay design merged (US Letter)" output_has '612 x 792' pdfinfo "$work/ov1.pdf"
	# Order of the entries: the replaced one keeps its place, the new one comes last.
	local order="" line
	while IFS= read -r line; do
		while [[ $line =~ Acme\ Corporation|Globex|Hooli ]]; do
			order+="$BASH_REMATCH " line=${line#*"$BASH_REMATCH"}
		done
	done <ov1.txt
	check "entry order acme, globex, hooli ($order)" test "$order" = "Acme Corporation Globex Hooli "
	# Overlays apply in order: a second one wins over the first.
	run 0 resume.yaml ov1.yaml ov2.yaml -o ov2.pdf
	text_of ov2.pdf ov2.txt && has ov2.txt "Chief Engineer" && has ov2.txt "Hooli"
	# Diagnostics point into the overlay that said the offending thing.
	printf 'cv:\n  sections:\n    Experience:\n      - id: acme\n        company: Acme\n        start_date: 2021-13\n' >ovbad.yaml
	run 1 resume.yaml ovbad.yaml -o ovbad.pdf && has "$err" "^ovbad.yaml:6:21: error: cv.sections.Experience\[0\].start_date"
	printf 'cv:\n  sections:\n    Experience:\n      - id: nobody\n        remove: true\n' >ovrm.yaml
	run 1 resume.yaml ovrm.yaml -o ovrm.pdf && has "$err" "^ovrm.yaml:5:9: error: remove: no entry with id \"nobody\""
	# An entry merges: a key the overlay gives replaces the entry's, null removes one; a misspelt id
	# is not a new entry; an id that matches nothing adds an entry, and says so when it is incomplete.
	printf 'cv:\n  sections:\n    Experience:\n      - id: acme\n        position: CTO\n        end_date: null\n      - id: initech\n        highlights: [Only this]\n' >ovmerge.yaml
	run 0 resume.yaml ovmerge.yaml --dump model
	check "merge: position replaced, company kept" within_3_lines "$out" 'id: "acme"' 'company: "Acme Corp"'
	has "$out" 'position: "CTO"' && has "$out" '"Only this"' && has "$out" '"Moved billing'
	printf 'cv:\n  sections:\n    Experience:\n      - id: acmee\n        position: CTO\n' >ovtypo.yaml
	run 1 resume.yaml ovtypo.yaml && has "$err" '^ovtypo.yaml:4:13: error: no entry with id "acmee" in Experience; did you mean "acme"? (known: acme, initech, globex)'
	printf 'cv:\n  sections:\n    Experience:\n      - id: umbrella\n        position: CTO\n' >ovnew.yaml
	run 1 resume.yaml ovnew.yaml && has "$err" 'error: cv.sections.Experience\[3\]: this entry needs "company"' &&
		has "$err" '^ovnew.yaml:4:9: note: no entry in Experience has the id "umbrella" (known: acme, initech, globex), so the overlay.s entry was added as a new one'
	printf 'cv:\n  sections:\n    Experience:\n      - company: X\n        remove: true\n' >ovrm2.yaml
	run 1 resume.yaml ovrm2.yaml -o ovrm2.pdf && has "$err" "needs the id"
	printf 'cv:\n  name: [unclosed\n' >ovsyn.yaml
	run 1 resume.yaml ovsyn.yaml && has "$err" "^ovsyn.yaml:"
	printf -- '- a list\n' >ovlist.yaml
	run 1 resume.yaml ovlist.yaml && has "$err" "an overlay must be a map"
	run 3 resume.yaml missing-overlay.yaml && has "$err" "missing-overlay.yaml: error: cannot open"
	# A key set to null removes the setting.
	printf 'cv:\n  phone: null\n' >ovnull.yaml
	run 0 resume.yaml ovnull.yaml -o ovnull.pdf && text_of ovnull.pdf ovnull.txt && lacks ovnull.txt "1234567"
	check "no PDF after a failed overlay" test ! -e ovbad.pdf
}

# ---- --set --------------------------------------------------------------------------------------
group_set() {
	run 0 resume.yaml -o set.pdf --set cv.phone=+15550100 --set 'cv.sections.experience[0].position=CTO' \
		--set 'cv.sections.Experience[3]={company: Umbrella, position: Chemist}' --set design.page.size=us-letter \
		--set 'cv.headline="12"'
	text_of set.pdf set.txt
	has set.txt "+15550100" && has set.txt "CTO" && has set.txt "Umbrella" && has set.txt "^12$"
	check "--set design.page.size" output_has '612 x 792' pdfinfo "$work/set.pdf"
	# Later assignments win; --set comes after the overlays.
	run 0 resume.yaml ov2.yaml -o set2.pdf --set cv.headline=First --set cv.headline=Second
	text_of set2.pdf set2.txt && has set2.txt "Second" && lacks set2.txt "First" && lacks set2.txt "Chief"
	run 0 resume.yaml -o set3.pdf --set 'cv.sections.Work_Projects[0].name=Abacus' && pdf_has set3.pdf Abacus
	check "section title matched ignoring case and underscores" test $? = 0
	run 1 resume.yaml --set cv.phnoe=1 && has "$err" "^--set:1:1: error: --set cv.phnoe=1: cv.phnoe is not a setting" &&
		has "$err" 'did you mean "phone"' && has "$err" "| cv.phnoe=1"
	run 1 resume.yaml --set 'cv.name.first=X' && has "$err" "cv.name is text, not a map"
	run 1 resume.yaml --set 'cv.sections.Experience[9].company=X' && has "$err" "index past the end of cv.sections.Experience (it has 3 items)"
	run 1 resume.yaml --set 'cv.email.x=1' && has "$err" "is a list, not a map"
	run 1 resume.yaml --set 'cv..x=1' && has "$err" "malformed path"
	run 1 resume.yaml --set 'cv.sections=oops' && has "$err" "^--set:1:13: error: cv.sections: expected a map"
	run 1 resume.yaml --set 'design.page_size=a9' && has "$err" "^--set:1:18: error: design.page_size: unknown page size"
	run 1 resume.yaml --set 'cv.name=[unclosed'
	# A misspelt section is not a new section; a quoted title may hold spaces and dots.
	run 1 resume.yaml --set 'cv.sections.Experiance[0].position=X' &&
		has "$err" '^--set:1:1: error: --set cv.sections.Experiance\[0\].position=X: there is no section "Experiance" in cv.sections; did you mean "Experience"?'
	run 0 resume.yaml --set 'cv.sections."Work Projects"[0].name=Quoted' --dump model && has "$out" 'name: "Quoted"' &&
		lacks "$out" 'section: "\"'
	run 1 resume.yaml --set 'cv.sections."Work Projects[0].name=X' && has "$err" "malformed path"
	# The same mistake in a variant's set and in --set gets the same verdict: an error.
	printf 'variants:\n  v:\n    set: {cv.headlne: X}\n' >vtypo.yaml
	run 1 resume.yaml vtypo.yaml --variant v -o vtypo.pdf && has "$err" 'error: variants.v.set.cv.headlne: cv.headlne is not a setting; did you mean "headline"?'
	run 1 resume.yaml --set cv.headlne=X && has "$err" 'error: --set cv.headlne=X: cv.headlne is not a setting; did you mean "headline"?' &&
		lacks "$err" "warning"
}

# ---- Tags ---------------------------------------------------------------------------------------
group_tags() {
	run 0 resume.yaml -o tags.pdf --tags backend
	text_of tags.pdf tags.txt
	has tags.txt "Moved billing"            # a highlight with the tag
	lacks tags.txt "Rebuilt the dashboard"  # a highlight with another tag
	has tags.txt "Cut build times"          # untagged highlights stay
	lacks tags.txt "Globex"                 # an entry with another tag
	has tags.txt "Acme Corp"                # untagged entries stay
	run 0 resume.yaml -o tags2.pdf --tags 'backend, old'
	text_of tags2.pdf tags2.txt && has tags2.txt "Initech" && lacks tags2.txt "Globex"
	run 0 resume.yaml -o excl.pdf --exclude-tags frontend
	text_of excl.pdf excl.txt
	lacks excl.txt "Globex" && lacks excl.txt "Rebuilt the dashboard" && has excl.txt "Moved billing" && has excl.txt "Initech"
	run 0 resume.yaml -o both.pdf --tags frontend,backend --exclude-tags backend
	text_of both.pdf both.txt && has both.txt "Globex" && lacks both.txt "Moved billing"
	run 0 resume.yaml -o lang.pdf --lang zh && pdf_has lang.pdf "软件工程师"
	check "--lang zh picks the Chinese headline" test $? = 0
}

# ---- Variants and the parallel batch ------------------------------------------------------------
group_variants() {
	run 0 resume.yaml --variant backend && check "--variant writes INPUT-NAME.pdf" test -s resume-backend.pdf
	text_of resume-backend.pdf vb.txt && has vb.txt "Moved billing" && lacks vb.txt "Globex"
	run 0 resume.yaml --variant frontend && check "a variant's output key is used" test -s fe-frontend.pdf
	text_of fe-frontend.pdf vf.txt && has vf.txt "Frontend Engineer" && has vf.txt "Globex" && lacks vf.txt "Moved billing"
	run 0 resume.yaml --variant chinese -o zh.pdf && text_of zh.pdf vz.txt && has vz.txt "软件工程师" && lacks vz.txt "Initech"
	run 0 resume.yaml --variant letter -o letter.pdf
	check "a variant's set (US Letter)" output_has '612 x 792' pdfinfo "$work/letter.pdf"
	# The command line wins over the variant.
	run 0 resume.yaml --variant backend --tags frontend -o cli-wins.pdf
	text_of cli-wins.pdf cw.txt && has cw.txt "Globex" && lacks cw.txt "Moved billing"
	run 0 resume.yaml --variant frontend --set cv.headline=Mine -o cli-set.pdf
	pdf_has_line cli-set.pdf Mine
	check "--set applies after the variant's set" test $? = 0
	# Every variant, in parallel, then serially: the same bytes.
	# (The README's command on a fresh checkout: the folder is made.)
	run 0 resume.yaml --all-variants -j 4 -o 'par/{variant}.pdf'
	# No progress line without a terminal.
	check "no progress line without a terminal" test ! -s "$err"
	run 0 resume.yaml --all-variants -j 1 -o 'ser/{variant}.pdf'
	# A batch bigger than the threads, and the default -j.
	write many.yaml <<'EOF'
variants:
  v1: {tags: [backend]}
  v2: {tags: [frontend]}
  v3: {exclude_tags: [old]}
  v4: {lang: zh}
  v5: {set: {design.page_size: us-letter}}
  v6: {set: {cv.phone: "1"}}
  v7: {tags: [old]}
  v8: {}
EOF
	# Existing folders for these (par and ser above are made by cv2pdf); dflt for the default outputs.
	mkdir -p many-par many-ser brk dflt
	run 0 resume.yaml many.yaml --all-variants -j 3 -o 'many-par/{variant}.pdf'
	run 0 resume.yaml many.yaml --all-variants -j 1 -o 'many-ser/{variant}.pdf'
	local v many=(many-par/*)
	check "12 variants written (${#many[@]})" test ${#many[@]} = 12
	# All the comparisons from one sha256sum run.
	sums par/*.pdf ser/*.pdf resume-backend.pdf many-par/* many-ser/*
	for v in backend frontend chinese letter; do
		pdf_ok "par/$v.pdf"
		check "parallel $v.pdf is byte-identical to the serial one" same "par/$v.pdf" "ser/$v.pdf"
	done
	check "serial batch equals the single --variant run" same ser/backend.pdf resume-backend.pdf
	for v in "${many[@]}"; do
		check "parallel batch of 12 is byte-identical to serial: $v" same "$v" "many-ser/${v#many-par/}"
	done
	run 0 resume.yaml many.yaml --all-variants -o 'many-def/{variant}.pdf' --check
	check "--check writes no variant" test ! -e many-def
	# Without -o: each variant's output, else INPUT-NAME.pdf, beside the input (a fresh folder, so
	# that what an earlier run wrote does not count). Progress lines on a terminal (that batch run),
	# none with -q (a second run in the same terminal) or without a terminal (above).
	write dflt/resume.yaml <resume.yaml
	on_tty "'$cv2pdf' '$work/dflt/resume.yaml' --all-variants" \
		"'$cv2pdf' -q '$work/resume.yaml' --all-variants -o '$work/par/{variant}.pdf'"
	check "default batch outputs" test -s dflt/resume-backend.pdf -a -s dflt/fe-frontend.pdf -a -s dflt/resume-chinese.pdf \
		-a -s dflt/resume-letter.pdf
	has tty1.txt "\[4/4\]" && has tty1.txt "backend: wrote"
	check "-q silences the progress lines" test ! -s tty2.txt
	# A failing variant fails the batch with its status, and only its own output is missing.
	printf 'variants:\n  broken:\n    set:\n      design.page_size: a9\n' >broken.yaml
	run 1 resume.yaml broken.yaml --all-variants -o 'brk/{variant}.pdf' && has "$err" 'in variant "broken"' &&
		has "$err" "broken.yaml:4:25: error: design.page_size: unknown page size"
	check "the other variants are written" test -s brk/backend.pdf -a ! -e brk/broken.pdf
	# Messages in the variants' order, not in the order the threads finish: the first variant lays
	# out 800 highlights, the two after it a few lines, each variant with one warning.
	local order
	{
		printf 'cv:\n  name: A\n  sections:\n    experience:\n      - company: C\n        position: P\n'
		printf '        start_date: 2023-05\n        tags: [big]\n        highlights:\n'
		for ((v = 0; v < 800; v++)); do
			printf '          - "Highlight %d: shipped a feature that made a measurable difference to many"\n' $v
		done
		printf '      - company: D\n        position: Q\n        start_date: 2020-05\nvariants:\n'
		printf '  slow: {tags: [big, nosuch0]}\n  fast1: {exclude_tags: [big, nosuch1]}\n'
		printf '  fast2: {exclude_tags: [big, nosuch2]}\n'
	} >order.yaml
	run 0 order.yaml --all-variants -j 3 -o 'order-{variant}.pdf'
	order=$(grep -o 'in variant "[a-z0-9]*"' "$err" | tr '\n' ' ')
	check "a batch's messages in the variants' order ($order)" \
		test "$order" = 'in variant "slow" in variant "fast1" in variant "fast2" '
	printf 'variants:\n  a: {output: same.pdf}\n  b: {output: same.pdf}\n' >clash.yaml
	run 2 resume.yaml clash.yaml --all-variants && has "$err" "would both write same.pdf"
	printf 'variants:\n  "../evil": {}\n' >evil.yaml
	run 1 resume.yaml evil.yaml --all-variants && has "$err" "may hold only letters"
	printf 'cv:\n  name: X\n' >novar.yaml
	run 2 novar.yaml --all-variants && has "$err" "^novar.yaml: error: --all-variants: the document has no variants map"
	run 2 novar.yaml --variant x && has "$err" "^novar.yaml: error: --variant x: the document has no variants map"
}

# ---- Diagnostics: JSON lines and colour ---------------------------------------------------------
group_messages() {
	printf 'cv:\n  name: "Jane \\"J\\" Doe"\n  sections:\n    A:\n      - company: X\n        start_date: nope\n        colour: red\n' >json.yaml
	run 1 json.yaml --json
	check "--json: one object per line" every_line "$err" \
		'^\{"file":"json.yaml","line":[0-9]+,"col":[0-9]+,"end_line":[0-9]+,"end_col":[0-9]+,"severity":"(error|warning|note)","code":"[a-z-]+","message":".*"\}$'
	has "$err" '"severity":"error","code":"bad-date","message":"cv.sections.A\[0\].start_date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got \\"nope\\""'
	has "$err" '"line":7,"col":9,.*"severity":"warning","code":"unknown-key"'
	# Every line is valid JSON (checked by python when it is installed; the regex above otherwise).
	if command -v "${CV2PDF_TEST_PYTHON:-python3}" >/dev/null; then
		check "--json lines parse as JSON" "${CV2PDF_TEST_PYTHON:-python3}" -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$err"
	fi
	run 1 json.yaml --json -q && lacks "$err" '"warning"'
	run 1 resume.yaml --set cv.phnoe=1 --json && has "$err" '"file":"--set"'
	# Colour only on a terminal, never with NO_COLOR.
	run 1 json.yaml && lacks "$err" $'\033\['
	# The terminal's runs of this group, in one script(1): colour, NO_COLOR, the wrote line, and -q.
	on_tty "'$cv2pdf' '$work/json.yaml'" "NO_COLOR=1 '$cv2pdf' '$work/json.yaml'" \
		"NO_COLOR=1 '$cv2pdf' '$work/resume.yaml' -o '$work/tty-wrote.pdf'" "'$cv2pdf' -q '$work/resume.yaml' -o '$work/tty-wrote.pdf'"
	has tty1.txt $'\033\[1;31merror'
	has tty2.txt "error:" && lacks tty2.txt $'\033\['
	run 1 json.yaml -q && lacks "$err" "warning"
	# One channel: the timings are a note of the same shape as every other line, and so is what was
	# written; a bad SOURCE_DATE_EPOCH is a warning there too.
	cv_run -e SOURCE_DATE_EPOCH=soon "$out" "$err" resume.yaml -o json-v.pdf --json -v
	check "--json -v exits 0" test $? = 0
	check "--json -v: every line is a diagnostic" every_line "$err" \
		'^\{"file":(null|"[^"]*"),"line":[0-9]+,.*"severity":"(error|warning|note)","code":"[a-z-]+","message":".*"\}$'
	has "$err" '"severity":"note","code":"timings","message":"timings: load'
	has "$err" '"code":"wrote","message":"wrote json-v.pdf (1 page'
	has "$err" '"severity":"warning","code":"bad-environment","message":"SOURCE_DATE_EPOCH must be a whole number'
	# Diagnostics in the order of the file, whatever order the checks found them in.
	printf 'cv:\n  name: X\n  sections:\n    A:\n      - company: X\n        start_date: nope\n        colour: red\n  headlin: Y\ndesign:\n  theme: clasic\n' >order.yaml
	local order="" line
	if run 1 order.yaml; then
		while IFS= read -r line; do [[ $line =~ ^order.yaml:([0-9]+) ]] && order+=" ${BASH_REMATCH[1]}"; done <"$err"
		check "diagnostics sorted by line ($order)" test "$order" = " 6 7 8 10"
	fi
	# A write to standard output that fails is an I/O error, whatever printed it. (The real program:
	# the error is its exit status.)
	for args in "--schema" "--help" "--version" "resume.yaml --dump model" "resume.yaml --dump layout" "resume.yaml --list" "--init -"; do
		"$cv2pdf" $args >/dev/full 2>"$err"
		check "$args > /dev/full exits 3" test $? = 3
		has "$err" "cannot write to standard output"
	done
	# A successful render says in one line what it wrote, on a terminal only; -q silences it.
	# (the terminal's runs 3 and 4 above)
	has tty3.txt "^cv2pdf: wrote $work/tty-wrote.pdf (1 page, [0-9]* KB)"
	count_lines tty3.txt
	check "the wrote line is the only output ($count lines)" test "$count" = 1
	check "-q: nothing on a terminal" test ! -s tty4.txt
	run 0 resume.yaml -o silent.pdf && check "no terminal: nothing printed" test ! -s "$err"
	# --stdin-filename names standard input in messages.
	cv_run -i bad.yaml "$out" "$err" - --stdin-filename cv/resume.yaml --check
	check "--stdin-filename: exit 1" test $? = 1
	has "$err" "^cv/resume.yaml:6:21: error:" && has "$err" "   6 |         start_date: 2020-13"
	run 2 resume.yaml --stdin-filename '' && has "$err" "--stdin-filename: expected a name" # (an empty argument)
}

# ---- --list --------------------------------------------------------------------------------------
group_list() {
	run 0 resume.yaml --list
	local want
	IFS= read -r -d "" want <<'EOF2'
sections:
  Experience: 3 entries; ids: acme, initech, globex
  Work Projects: 1 entry
tags: backend (1), frontend (2), old (1)
variants: backend, frontend, chinese, letter
EOF2
	if [ "$(<"$out")"$'\n' = "$want" ]; then pass; else
		fail "--list text (< wanted, > printed)"
		diff <(printf %s "$want") "$out" | show /dev/stdin
	fi
	run 0 resume.yaml --list --json
	check "--list --json" "${CV2PDF_TEST_PYTHON:-python3}" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["tags"]=={"backend":1,"frontend":2,"old":1}, d; assert d["sections"][0]=={"title":"Experience","entries":3,"subsections":[],"ids":["acme","initech","globex"]}, d; assert d["variants"]==["backend","frontend","chinese","letter"]' "$out"
	run 0 resume.yaml ov2.yaml --set 'cv.sections.Skills={Languages: [{label: C, tags: [sys]}], Tools: [{id: gdb, label: gdb}]}' --list
	has "$out" "^  Skills: 2 entries in Languages, Tools; ids: gdb$" && has "$out" "^tags: .*, sys (1)$"
	run 0 resume.yaml --list -o listed.pdf && check "--list writes no PDF" test ! -e listed.pdf
	run 2 resume.yaml --list --check
	run 1 bad.yaml --list && check "--list of a bad file prints nothing" test ! -s "$out"
}

# ---- --init -------------------------------------------------------------------------------------
group_init() {
	run -1 0 --init starter.yaml && check "--init writes the file" test -s starter.yaml
	has starter.yaml "^# " && has starter.yaml "variants:"
	run 0 starter.yaml -o starter.pdf && pdf_ok starter.pdf
	check "the starter renders without a warning" test ! -s "$err"
	run 0 starter.yaml --all-variants -o 'starter-{variant}.pdf'
	pdf_has starter-frontend.pdf "Frontend Engineer"
	check "the starter's variants work" test $? = 0
	check "the starter's backend variant writes PDF, text and letter" \
		test -s "$work/starter-backend.pdf" -a -s "$work/starter-backend.txt" -a -s "$work/starter-backend-letter.pdf"
	run 0 starter.yaml --letter -o starter-letter.pdf && pdf_ok starter-letter.pdf
	pdf_has starter-letter.pdf "Dear Hiring Manager,"
	check "the starter's letter renders" test $? = 0
	run -1 0 --init --lang zh starter-zh.yaml && has starter-zh.yaml "language: zh"
	run 0 starter-zh.yaml -o starter-zh.pdf && pdf_ok starter-zh.pdf
	check "the Chinese starter renders without a warning" test ! -s "$err"
	pdf_has starter-zh.pdf "工作经历"
	check "the Chinese starter is in Chinese" test $? = 0
	echo mine >mine.yaml
	run 3 --init mine.yaml && has "$err" "already exists"
	check "--init never overwrites" test "$(<mine.yaml)" = mine
	run 0 --init - && has "$out" "^cv:"
	# The starter names the file it was written to, and --theme sets its theme (checked like any).
	run -1 0 --init --theme sidebar "my cv.yaml" && has "my cv.yaml" "Render it with:   cv2pdf 'my cv.yaml' -o 'my cv.pdf'" &&
		has "my cv.yaml" "^  theme: sidebar$" && lacks "my cv.yaml" "resume.yaml"
	run 0 "my cv.yaml" -o my-cv.pdf && check "the sidebar starter renders without a warning" test ! -s "$err"
	run 1 --init --theme sidebr bad-theme.yaml && has "$err" 'did you mean "sidebar"' &&
		check "--init with a bad theme writes nothing" test ! -e bad-theme.yaml
}

# ---- --watch ------------------------------------------------------------------------------------
# The real cv2pdf: a process in the background, watched for its renders, then signalled.
# Bounded: every wait gives up after 10 s, and the watcher is killed at the end (or by timeout).
# The waits poll without a process a poll: a tenth of a second is a read with a time-out from a pipe
# nobody writes ($tick), and the PDF is read (pdftotext) when the watcher logs a render, or once a
# second in case the log line came before the file.
wait_for() { # wait_for DESCRIPTION COMMAND...
	local what=$1 i
	shift
	for ((i = 0; i < 100; i++)); do
		"$@" && { pass; return 0; }
		read -r -t 0.1 -u "$tick"
	done
	fail "--watch: $what (waited 10 s)"
	return 1
}
renders() { # renders: the renders the watcher has logged (good or not), in $nlog
	local line
	nlog=0
	while IFS= read -r line; do [[ $line == *"rendered again"* || $line == *"not rendered"* ]] && nlog=$((nlog + 1)); done <w/log
}
wait_pdf() { # wait_pdf DESCRIPTION TEXT: w/cv.pdf holds TEXT within 10 s
	local i seen=-1
	for ((i = 0; i < 100; i++)); do
		renders
		if [ "$nlog" != "$seen" ] || ((i % 10 == 9)); then
			seen=$nlog
			watched_has w/cv.pdf "$2" && { pass; return 0; }
		fi
		read -r -t 0.1 -u "$tick"
	done
	fail "--watch: $1 (waited 10 s)"
	return 1
}
group_watch() {
	local tick text
	exec {tick}<> <(:)
	mkdir -p w
	write w/cv.yaml <resume.yaml
	printf 'cv:\n  headline: Overlay One\n' >w/ov.yaml
	timeout 60 "$cv2pdf" --watch w/cv.yaml w/ov.yaml -o w/cv.pdf 2>w/log &
	local pid=$!
	wait_for "first render" test -s w/cv.pdf
	wait_for "watching" matches w/log "watching 2 files"
	watched_has w/cv.pdf "Overlay One"
	check "first render has the overlay" test $? = 0
	# An editor's save: write a new file and rename it over the old one.
	IFS= read -r -d "" text <w/cv.yaml
	printf %s "${text/Jane Doe/Janet Doe}" >w/cv.yaml.tmp && mv w/cv.yaml.tmp w/cv.yaml
	wait_pdf "render after a rename" 'Janet Doe'
	# An overlay changed in place.
	printf 'cv:\n  headline: Overlay Two\n' >w/ov.yaml
	wait_pdf "render after an overlay change" 'Overlay Two'
	# vim's save: the old file is renamed away, a new one created, written slowly (fsync on a busy
	# disk outlasts the debounce) and closed. One save, one render, of the whole file.
	local before
	renders
	before=$nlog
	mv w/cv.yaml w/cv.yaml~
	IFS= read -r -d "" text <w/cv.yaml~
	exec 3>w/cv.yaml
	read -r -t 0.4 -u "$tick"
	printf %s "${text/Janet Doe/Jane Vim}" >&3
	exec 3>&-
	rm w/cv.yaml~
	wait_pdf "render after a vim save" 'Jane Vim'
	read -r -t 0.3 -u "$tick"
	renders
	check "one vim save renders once, not twice ($((nlog - before)))" test $((nlog - before)) = 1
	# An error is reported and the watch goes on.
	printf 'cv:\n  name: [broken\n' >w/cv.yaml
	wait_for "error reported" matches w/log "not rendered"
	check "still watching after an error" kill -0 $pid
	check "the last good PDF stays" watched_has w/cv.pdf 'Jane Vim'
	IFS= read -r -d "" text <resume.yaml
	printf %s "${text/Jane Doe/Jo Doe}" >w/cv.yaml
	wait_pdf "render after the fix" 'Jo Doe'
	kill -TERM $pid
	wait $pid
	check "SIGTERM ends the watch with status 0" test $? = 0
	exec {tick}<&-
}

# ---- cmake --install ------------------------------------------------------------------------------
group_install() { # (the real, installed programs: what is tested is the installed files)
	local build=$1 prefix="$work/inst"
	# --strip, as a package is installed: a build with debug information (valgrind's RelWithDebInfo)
	# names its source files there, and packagers strip it into a separate debug package.
	cmake --install "$build" --prefix "$prefix" --strip >/dev/null || { fail "cmake --install"; return; }
	check "installed binary" test -x "$prefix/bin/cv2pdf"
	check "installed man page" test -s "$prefix/share/man/man1/cv2pdf.1"
	check "installed bash completion" test -s "$prefix/share/bash-completion/completions/cv2pdf"
	check "installed zsh completion" test -s "$prefix/share/zsh/site-functions/_cv2pdf"
	check "installed fonts" test -s "$prefix/share/cv2pdf/fonts/NotoSans-Regular.ttf"
	# Reproducible and relocatable: no folder of the machine it was built on is in the program (the
	# build tree's fonts are named by a file beside the built program, which is not installed).
	check "no build-tree file installed" test ! -e "$prefix/bin/cv2pdf-font-dir"
	check "no build-tree file installed" test ! -e "$prefix/bin/cv2pdf-theme-dir"
	# (A sanitizer build names its source files for its reports: the check is for builds that ship.)
	if matches "$build/CMakeCache.txt" '^CV2PDF_SANITIZE:BOOL=ON' ||
		matches "$build/CMakeCache.txt" '^CMAKE_C_FLAGS:[A-Z]*=.*-fsanitize'; then
		echo "note: a sanitizer build; the build-machine path check is skipped"
	else
		strings "$prefix/bin/cv2pdf" >"$work/strings"
		file_text "$work/strings"
		if [[ $ftext == *"$src"* || $ftext == *"$build"* ]]; then
			fail "the installed binary holds paths of the build machine: $(grep -F -m3 -e "$src" -e "$build" "$work/strings" | xargs)"
		else
			pass
		fi
	fi
	(unset CV2PDF_FONT_DIR && exec "$prefix/bin/cv2pdf" -v resume.yaml -o installed.pdf >"$out" 2>"$err")
	check "the installed binary renders" test $? = 0
	has "$err" "fonts: $prefix/bin/../share/cv2pdf/fonts"
	has "$err" "themes: $prefix/bin/../share/cv2pdf/themes"
	check "installed themes" test -s "$prefix/share/cv2pdf/themes/harvard.yaml"
	(unset CV2PDF_FONT_DIR CV2PDF_THEME_DIR && exec "$prefix/bin/cv2pdf" resume.yaml --theme harvard -o harvard.pdf >"$out" 2>"$err")
	check "the installed binary renders a built-in theme" test $? = 0
	check "the installed harvard theme is serif" output_has NotoSerif pdffonts "$work/harvard.pdf"
	"$cv2pdf" resume.yaml -o built.pdf
	check "same PDF from the installed binary as from the built one" cmp -s installed.pdf built.pdf
}

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(usage docs basic output overlays set tags variants messages list init watch)
for g in "${groups[@]}"; do
	case $g in
	install=*) group_install "${g#install=}" ;;
	*) "group_$g" ;;
	esac
done
cv_batch_stop
echo "$checks checks passed, $failures failed"
[ "$failures" = 0 ]
