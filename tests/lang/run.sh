#!/usr/bin/env bash
# Languages end to end, checked in the text the PDFs hold (pdftotext), by groups:
#   words         each language of languages.tsv (or words/TAG/TAG..., those): a RenderCV file
#                 (locale.language by RenderCV's name or the tag) shows its dates, open end and section
#                 titles; a YAMLResume file (its locale.language code, else --lang) shows titles and
#                 option values translated; a script cv2pdf cannot set stops with one error naming
#                 the script
#   rendercv      locale blocks of RenderCV 1 (locale_catalog), 2.0-2.2 and the current form
#   lang          --lang in any case and spelling, an unknown language, a variant's lang
#   multilingual  every field of every kind as {en: ..., zh: ...}, rendered both ways: no English
#                 alternative (nor any Latin word) left in the Chinese PDF, no Han character in the
#                 English one: text, links and document information
#   init          --init --lang CODE for every language (or init/TAG/TAG..., those): the starter
#                 loads, and renders cleanly
# Usage: run.sh CV2PDF SOURCE_DIR WORK_DIR GROUP...
# Starting a program is what costs here (some milliseconds each on a virtual machine), so a group
# renders first, then reads the text of all its PDFs with one pdftotext (extract), then checks it
# in bash; the RenderCV files of every language are one file with a variant per language. cv2pdf's
# runs go through one in-process runner (cv_run, tests/cli/batch.sh: every sixth also through the
# real program, compared; all of them under CV2PDF_TEST_WRAPPER): they are all of the status,
# messages and files kind, none needs a process of its own. pdftotext and qpdf --json run in the
# same runner (cv_tool, batch.sh, with the same guard).
set -uo pipefail
cv2pdf=$1 src=$2 work=$3
shift 3
[[ $cv2pdf == /* ]] || cv2pdf=$PWD/$cv2pdf # (the script works in WORK_DIR)
[[ $work == /* ]] || work=$PWD/$work
[[ $src == /* ]] || src=$PWD/$src
export CV2PDF_FONT_DIR="$src/fonts" SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8
failures=0 checks=0
cv_run_dir=$work/.cv_run
source "$src/tests/cli/batch.sh"
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# show_err FILE: its first lines, indented, after a failure.
show_err() {
	local lines=() l
	mapfile -t -n 5 lines <"$1"
	for l in "${lines[@]}"; do echo "    $l"; done
}

# render WANT_STATUS NAME ARGS...: runs cv2pdf into NAME.pdf, its stderr in NAME.err.
render() {
	local want=$1 name=$2
	shift 2
	cv_run /dev/null "$name.err" -q "$@" -o "$name.pdf"
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "$name: cv2pdf $* exited $got, want $want"
		show_err "$name.err"
		return 1
	fi
	pass
	return 0
}

# extract LABEL NAME...: the text of each NAME.pdf that exists, read by one pdftotext: pdfunite
# (poppler's, as pdftotext) joins them into LABEL.pdf, each page with its own fonts and text layer
# (a page's text is the same, byte for byte, as its PDF's read alone), and the joined text is cut at
# the form feed pdftotext ends each page with. raw[NAME] is the text as pdftotext gives it,
# text[NAME] the same without white space. Should a document have several pages, the pages cannot
# be told apart by document: then each PDF is read alone.
declare -A raw=() text=()
extract() {
	local label=$1 n all="" page
	shift
	local names=()
	for n in "$@"; do [ -e "$n.pdf" ] && names+=("$n"); done
	((${#names[@]})) || return 0
	local pdfs=("${names[@]/%/.pdf}") pages=()
	local joined=$label.pdf
	((${#pdfs[@]} == 1)) && joined=${pdfs[0]}
	if { [ "$joined" != "$label.pdf" ] || pdfunite "${pdfs[@]}" "$label.pdf" 2>"$label.err"; } &&
		cv_tool "$label.txt" "$label.txt.err" pdftotext -q "$joined" -; then
		IFS= read -r -d '' all <"$label.txt"
		while [[ $all == *$'\f'* ]]; do
			pages+=("${all%%$'\f'*}")
			all=${all#*$'\f'}
		done
	else
		fail "$label: pdfunite could not join the PDFs, or pdftotext could not read them"
		[ -e "$label.err" ] && show_err "$label.err"
	fi
	if ((${#pages[@]} != ${#names[@]})); then
		echo "note: $label: ${#pages[@]} pages for ${#names[@]} documents; reading each PDF alone"
		pages=()
		for n in "${names[@]}"; do
			all=""
			cv_tool "$n.txt" "$n.txt.err" pdftotext -q "$n.pdf" - && IFS= read -r -d '' all <"$n.txt"
			pages+=("$all")
		done
	fi
	local i
	for i in "${!names[@]}"; do
		page=${pages[$i]}
		raw[${names[$i]}]=$page
		text[${names[$i]}]=${page//[ $'\n\f']/}
	done
}
# shows NAME WORDS...: each word (spaces removed) is in NAME's text; lacks: none is.
has_text() { [[ -v text[$1] ]] || { fail "$1: no text (no PDF was written)"; return 1; }; }
shows() {
	local name=$1 w
	shift
	has_text "$name" || return
	for w in "$@"; do
		if [[ ${text[$name]} == *"${w// /}"* ]]; then pass; else fail "$name: '$w' is not in the PDF's text"; fi
	done
}
lacks() {
	local name=$1 w
	shift
	has_text "$name" || return
	for w in "$@"; do
		if [[ ${text[$name]} == *"${w// /}"* ]]; then fail "$name: '$w' is in the PDF's text"; else pass; fi
	done
}
# count_lines FILE ERE: how many lines of FILE match ERE (into $count).
count_lines() {
	local lines=() l
	count=0
	mapfile -t lines <"$1"
	for l in "${lines[@]}"; do [[ $l =~ $2 ]] && count=$((count + 1)); done
}

# write FILE: standard input (a here-document) into FILE, with bash's own read (not a cat per file).
write() {
	local content=""
	IFS= read -r -d '' content
	printf '%s' "$content" >"$1"
}

# languages [TAG...]: the rows of languages.tsv (those of the TAGs given) into the array rows.
languages() {
	local line tag want
	rows=()
	while IFS= read -r line; do
		case $line in '#'* | '') continue ;; esac
		tag=${line%%$'\t'*}
		if (($#)); then
			for want in "$@"; do [ "$want" = "$tag" ] && break; done
			[ "$want" = "$tag" ] || continue
		fi
		rows+=("$line")
	done <"$src/tests/lang/languages.tsv"
	(($# == 0 || ${#rows[@]} == $#)) || fail "languages.tsv has no row for some of: $*"
}

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

# ---- words ----------------------------------------------------------------------------------------
# The RenderCV document of every language is one file, a variant per language that sets its
# locale.language (the key the loader reads, set before it reads it), rendered by one cv2pdf; the
# scripts cv2pdf refuses are a second file, so that the first must exit 0. YAMLResume has no
# variants: a file per language.
group_words() { # group_words [TAG...]
	local rows row tag rcv yr present may edu master fluent advanced germany english lang
	languages "$@"
	local ok=() bad=() names=()
	local header='cv:
  name: A
  sections:
    experience:
      - company: C
        position: P
        start_date: 2023-05
        end_date: present
    education:
      - institution: U
        start_date: 2019-09
        end_date: 2021-06
variants:
' good="" refused=""
	for row in "${rows[@]}"; do
		IFS=$'\t' read -r tag rcv yr present may edu master fluent advanced germany english <<<"$row"
		lang=$tag
		[ "$rcv" != - ] && lang=$rcv
		if [ "$present" = error ]; then
			bad+=("$tag")
			refused+="  $tag: {set: {locale.language: $lang}}"$'\n'
		else
			ok+=("$row")
			good+="  $tag: {set: {locale.language: $lang}}"$'\n'
		fi
	done
	printf '%s' "$header$good" >rcv.yaml
	printf '%s' "$header$refused" >rcv-err.yaml
	if ((${#ok[@]})); then
		cv_run /dev/null rcv.err -q rcv.yaml --all-variants -o 'rcv-{variant}.pdf'
		local got=$?
		if [ $got = 0 ]; then pass; else fail "rcv.yaml: cv2pdf --all-variants exited $got, want 0"; show_err rcv.err; fi
	fi
	# Each refused script: its variant's one error, naming the script.
	if ((${#bad[@]})); then
		cv_run /dev/null rcv-err.err -q rcv-err.yaml --all-variants -o 'rcv-{variant}.pdf'
		local got=$? lines=() l variant="(none)" v before=$failures
		if [ $got = 1 ]; then pass; else fail "rcv-err.yaml: cv2pdf --all-variants exited $got, want 1"; fi
		local -A errors=() named=()
		mapfile -t lines <rcv-err.err
		for l in "${lines[@]}"; do
			if [[ $l =~ ^cv2pdf:\ in\ variant\ \"(.*)\":$ ]]; then
				variant=${BASH_REMATCH[1]}
				errors[$variant]=0 named[$variant]=0
			elif [[ $l == *error:* ]]; then
				errors[$variant]=$((${errors[$variant]:-0} + 1))
				[[ $l =~ is\ written\ in\ the\ .*\ script ]] && named[$variant]=1
			fi
		done
		for tag in "${bad[@]}"; do
			if [ "${errors[$tag]:-0}" = 1 ] && [ "${named[$tag]:-0}" = 1 ]; then pass; else
				fail "rcv-$tag: want one error naming the script"
			fi
			unset "errors[$tag]"
		done
		for v in "${!errors[@]}"; do fail "rcv-err.yaml: messages for \"$v\", which is not a variant of it"; done
		((failures > before)) && show_err rcv-err.err
	fi
	for row in "${ok[@]}"; do
		IFS=$'\t' read -r tag rcv yr present may edu master fluent advanced germany english <<<"$row"
		names+=("rcv-$tag")
		# YAMLResume: its own locale code where it has one, else --lang.
		local locale="" args=()
		if [ "$yr" != - ]; then locale="locale: {language: $yr}"; else args=(--lang "$tag"); fi
		write "yr-$tag.yaml" <<EOF
content:
  basics: {name: A}
  location: {city: X, country: Germany}
  education:
    - {institution: U, degree: Master, area: Z, startDate: 2019-09, endDate: 2021-06}
  work:
    - {name: C, position: P, startDate: 2023-05}
  skills:
    - {name: S, level: Advanced}
  languages:
    - {language: English, fluency: Full Professional Proficiency}
$locale
EOF
		render 0 "yr-$tag" "yr-$tag.yaml" "${args[@]}" && names+=("yr-$tag")
	done
	extract words "${names[@]}"
	for row in "${ok[@]}"; do
		IFS=$'\t' read -r tag rcv yr present may edu master fluent advanced germany english <<<"$row"
		shows "rcv-$tag" "$may" "$present" "$edu"
		# English words left in: "present" (unless the language's word starts so: "presente"), titles.
		[ "$tag" != en ] && [ "${present#present}" = "$present" ] && lacks "rcv-$tag" present
		[ "$tag" != en ] && lacks "rcv-$tag" Education Experience
		[ -e "yr-$tag.pdf" ] || continue
		shows "yr-$tag" "$edu" "$master" "$fluent" "$advanced" "$germany" "$english" "$may" "$present"
		[ "$tag" != en ] && lacks "yr-$tag" "Full Professional" Advanced Germany Education
	done
}

# ---- rendercv -------------------------------------------------------------------------------------
group_rendercv() {
	local entry='cv:
  name: A
  sections:
    education:
      - institution: U
        area: Informatik
        degree: MSc
        start_date: 2023-05
        end_date: present
design:
  theme: compact
  last_updated: true'
	# (compact: a theme that writes the degree and area as the language's phrase; classic has a degree
	# column.) RenderCV 1: locale_catalog, with its own key names.
	printf '%s\nlocale_catalog:\n  present: heute\n  to: bis\n  date_style: FULL_MONTH_NAME YEAR\n%s\n' "$entry" \
		'  full_names_of_months: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]' >v1.yaml
	render 0 v1 v1.yaml
	# RenderCV 2.0-2.2: an ISO code, date_template, abbreviations_for_months, to, the templates.
	printf '%s\nlocale:\n  language: tr\n  date_template: MONTH_ABBREVIATION YEAR\n  to: "->"\n%s\n%s\n' "$entry" \
		'  abbreviations_for_months: [a, b, c, d, e, f, g, h, i, j, k, l]' \
		'  last_updated_date_template: Son TODAY' >v2.yaml
	render 0 v2 v2.yaml
	# The current form: a RenderCV name, one word replaced, a phrase.
	printf '%s\nlocale:\n  language: german\n  present: jetzt\n  last_updated: Stand\n%s\n' "$entry" \
		'  phrases: {degree_with_area: "DEGREE (AREA)"}' >v3.yaml
	render 0 v3 v3.yaml
	# Without locale keys, the language's own words, "last updated" included.
	printf '%s\nlocale:\n  language: french\n' "$entry" >v3fr.yaml
	render 0 v3fr v3fr.yaml
	extract rendercv v1 v2 v3 v3fr
	[ -e v1.pdf ] && { shows v1 "Mai 2023 bis heute"; lacks v1 present; }
	[ -e v2.pdf ] && shows v2 "e 2023 -> halen" "Son k 2023" "Informatik MSc" "Eğitim"
	[ -e v3.pdf ] && shows v3 "Mai 2023 – jetzt" "MSc (Informatik)" "Stand Nov 2023" "Ausbildung"
	[ -e v3fr.pdf ] && shows v3fr "mai 2023 – présent" "MSc en Informatik" "Dernière mise à jour : 14 novembre 2023"
}

# ---- lang -----------------------------------------------------------------------------------------
group_lang() {
	printf 'cv:\n  name: {en: Ada, de: Ada D, zh-TW: 艾達}\n  sections:\n    experience:\n      - company: C\n        position: P\n        start_date: 2023-05\n' >l.yaml
	local spelling tw=(ZH-tw zh_TW zh-hant-tw Zh-Hant) de=(DE de-AT german Deutsch) names=()
	for spelling in "${tw[@]}" "${de[@]}"; do
		render 0 "l-$spelling" l.yaml --lang "$spelling" && names+=("l-$spelling")
	done
	# The degree and area as the language joins them, whatever the case of --lang (issue 15 saw
	# "硕士 in 计算机科学与技术" with --lang ZH).
	printf 'cv:\n  name: A\n  sections:\n    education:\n      - {institution: U, area: 计算机科学与技术, degree: 硕士}\n' >edu.yaml
	render 0 edu-ZH edu.yaml --lang ZH --theme compact && names+=(edu-ZH)
	# A language cv2pdf has no words for: one warning listing those it has, English words, its text.
	printf 'cv:\n  name: {en: Ada, eo: Ada E}\nlocale:\n  language: eo\n' >eo.yaml
	cv_run /dev/null eo.err eo.yaml -o eo.pdf
	names+=(eo)
	local count warned
	count_lines eo.err 'warning:'
	warned=$count
	count_lines eo.err 'no words for "eo"; .* \(it has en, zh-Hans, .*, ru, tr\)'
	if [ "$warned" = 1 ] && [ "$count" -ge 1 ]; then
		pass
	else
		fail "eo: want one warning listing the languages"
		show_err eo.err
	fi
	# A variant's lang, and --lang over it.
	printf 'cv:\n  name: {en: Ada, de: Ada D, fr: Ada F}\nvariants:\n  deutsch: {lang: de}\n' >v.yaml
	render 0 v-de v.yaml --variant deutsch && names+=(v-de)
	render 0 v-fr v.yaml --variant deutsch --lang fr && names+=(v-fr)
	extract lang "${names[@]}"
	for spelling in "${tw[@]}"; do
		[ -e "l-$spelling.pdf" ] && shows "l-$spelling" 艾達 工作經歷 "2023年5月 – 至今"
	done
	for spelling in "${de[@]}"; do
		[ -e "l-$spelling.pdf" ] && shows "l-$spelling" "Ada D" Berufserfahrung "Mai 2023 – gegenwärtig"
	done
	[ -e edu-ZH.pdf ] && { shows edu-ZH "计算机科学与技术 硕士"; lacks edu-ZH "in计算机"; }
	shows eo "Ada E"
	[ -e v-de.pdf ] && shows v-de "Ada D"
	[ -e v-fr.pdf ] && shows v-fr "Ada F"
}

# ---- multilingual ---------------------------------------------------------------------------------
# English alternatives are English words; Chinese ones are Chinese, except what is Latin by nature
# (URLs, addresses, handles), which differs between the two so that a wrong choice shows.
multi_native() { # into m.yaml
	write m.yaml <<'EOF'
cv:
  name: {en: Ada Lovelace, zh: 阿达}
  headline: {en: Analyst Engineer, zh: 分析工程师}
  location: {en: London, zh: 伦敦}
  email: {en: ada.en@example.org, zh: ada.zh@example.org}
  phone: {en: "+44 20 0000 0001", zh: "+86 10 0000 0002"}
  website: {en: https://en.example.org, zh: https://zh.example.org}
  social_networks:
    - network: GitHub
      username: {en: ada-english, zh: ada-zhongwen}
  custom_connections:
    - placeholder: {en: Portfolio, zh: 作品集}
      url: {en: https://en.example.net/work, zh: https://zh.example.net/work}
  summary: {en: Builder of calculating engines., zh: 计算机器的建造者。}
  sections:
    experience:
      - company: {en: Engine Company, zh: 引擎公司}
        position: {en: Chief Designer, zh: 首席设计师}
        location: {en: Manchester, zh: 曼彻斯特}
        start_date: 2021-03
        end_date: present
        summary: {en: Designed the engine., zh: 设计了引擎。}
        highlights:
          - {en: Wrote the first program, zh: 编写了第一个程序}
          - text: {en: Published the notes, zh: 发表了注释}
            highlights:
              - {en: Translated the memoir, zh: 翻译了回忆录}
      - company: {en: Royal Society, zh: 皇家学会}
        position: {en: Member, zh: 会员}
        date: {en: Spring term, zh: 春季学期}
    education:
      - institution: {en: University of London, zh: 伦敦大学}
        area: {en: Mathematics, zh: 数学}
        degree: {en: Master, zh: 硕士}
        start_date: 2015-09
        end_date: 2017-06
    projects:
      - name: {en: Difference Engine, zh: 差分机}
        summary: {en: A mechanical calculator., zh: 机械计算器。}
    publications:
      - title: {en: Sketch of the Engine, zh: 引擎概述}
        authors: [{en: "**Ada Lovelace**", zh: "**阿达**"}, {en: Charles Babbage, zh: 巴贝奇}]
        journal: {en: Scientific Memoirs, zh: 科学回忆录}
        url: {en: https://en.example.com/paper, zh: https://zh.example.com/paper}
        date: 2023-05
    skills:
      - label: {en: Languages, zh: 语言}
        details: {en: English and French, zh: 英语和法语}
      - bullet: {en: Fast learner, zh: 学得快}
      - number: {en: First point, zh: 第一点}
      - {en: A plain text entry, zh: 一个文本条目}
design:
  theme: sidebar
  sidebar_sections: [{en: Skills, zh: 专业技能}]
  pdf_title: {en: Ada's English CV, zh: 阿达的简历}
locale:
  present: {en: today, zh: 至今}
EOF
}
multi_yamlresume() { # into my.yaml
	write my.yaml <<'EOF'
content:
  basics:
    name: {en: Ada Lovelace, zh: 阿达}
    headline: {en: Analyst Engineer, zh: 分析工程师}
    email: {en: ada.en@example.org, zh: ada.zh@example.org}
    url: {en: https://en.example.org, zh: https://zh.example.org}
    summary: {en: Builder of calculating engines., zh: 计算机器的建造者。}
  location:
    city: {en: London, zh: 伦敦}
    country: {en: United Kingdom, zh: 英国}
  profiles:
    - network: GitHub
      username: {en: ada-english, zh: ada-zhongwen}
      url: {en: https://github.com/ada-english, zh: https://github.com/ada-zhongwen}
  education:
    - institution: {en: University of London, zh: 伦敦大学}
      area: {en: Mathematics, zh: 数学}
      degree: Master
      courses: [{en: Calculus, zh: 微积分}]
      startDate: 2015-09
      endDate: 2017-06
  work:
    - name: {en: Engine Company, zh: 引擎公司}
      position: {en: Chief Designer, zh: 首席设计师}
      startDate: 2021-03
      summary: {en: Designed the engine., zh: 设计了引擎。}
      keywords: [{en: Mechanics, zh: 力学}]
  languages:
    - {language: French, fluency: Full Professional Proficiency}
  skills:
    - {name: {en: Mathematics, zh: 数学}, level: Expert, keywords: [{en: Analysis, zh: 分析}]}
EOF
}
# The document information's Title, Author, Subject and Keywords, and the link targets, as lines
# into meta[NAME] and NAME.meta: read from one `qpdf --json` (the trailer names the Info object).
declare -A meta=()
read_meta() {
	local lines=() l info="" in_info=0 out="" v
	cv_tool "$1.json" "$1.json.err" qpdf --json "$1.pdf" || { fail "$1: qpdf --json failed"; show_err "$1.json.err"; }
	mapfile -t lines <"$1.json"
	for l in "${lines[@]}"; do
		[[ $l =~ ^\ *\"/Info\":\ \"([0-9]+\ [0-9]+\ R)\" ]] && info=${BASH_REMATCH[1]}
	done
	[ -n "$info" ] || fail "$1: no document information in the PDF"
	for l in "${lines[@]}"; do
		if [[ $l == *\"obj:*\":\ \{ ]]; then
			[[ $l == *\"obj:$info\":\ \{ ]] && in_info=1 || in_info=0
		elif [[ $l =~ ^\ *\"/URI\":\ \"u:(.*)\",?$ ]] ||
			{ ((in_info)) && [[ $l =~ ^\ *\"/(Title|Author|Subject|Keywords)\":\ \"u:(.*)\",?$ ]]; }; then
			v=${BASH_REMATCH[-1]}
			v=${v//\\\"/\"}
			out+=${v//\\\\/\\}$'\n'
		fi
	done
	meta[$1]=$out
	printf '%s' "$out" >"$1.meta"
}
# What may be Latin in the Chinese PDF: URLs, addresses, handles, a DOI, phone numbers, the page
# numbers and the network's brand.
latin_allowed='https?://[^ ]*|[a-z.]*@[a-z.]*|[a-z.-]*\.(org|net|com)[^ ]*|ada-zhongwen|GitHub|mailto:[^ ]*|tel:[^ ]*'
# stray_latin TEXT: the words of two or more Latin letters in TEXT once what latin_allowed matches is
# taken out of each line (as sed would, left to right), each once, into $stray.
stray_latin() {
	local lines=() l m out w
	local -A seen=()
	stray=""
	mapfile -t lines <<<"$1"
	for l in "${lines[@]}"; do
		out=""
		while [[ $l =~ $latin_allowed ]]; do
			m=${BASH_REMATCH[0]}
			out+=${l%%"$m"*}
			l=${l#*"$m"}
		done
		out+=$l
		while [[ $out =~ [A-Za-z]{2,} ]]; do
			w=${BASH_REMATCH[0]}
			[[ -v seen[$w] ]] || { seen[$w]=1; stray+=" $w"; }
			out=${out#*"$w"}
		done
	done
	stray=${stray# }
}
group_multilingual() {
	multi_native
	multi_yamlresume
	local f lang names=() both=()
	for f in m my; do
		render 0 "$f-zh" "$f.yaml" --lang zh || continue
		render 0 "$f-en" "$f.yaml" --lang en || continue
		names+=("$f-zh" "$f-en")
		both+=("$f")
	done
	extract multilingual "${names[@]}"
	local han_in=() han_files=()
	for f in "${both[@]}"; do
		for lang in zh en; do
			read_meta "$f-$lang"
			printf '%s' "${raw[$f-$lang]-}" >"$f-$lang.raw"
		done
		han_files+=("$f-en.raw" "$f-en.meta")
	done
	# One grep for all the English PDFs' text and information: the files holding a Han character.
	((${#han_files[@]})) && mapfile -t han_in < <(grep -lP '\p{Han}' "${han_files[@]}")
	for f in "${both[@]}"; do
		# No English alternative in the Chinese PDF, and no Latin word at all but the allowed ones.
		lacks "$f-zh" Ada Analyst London Engine Designer Manchester Member "Spring term" Mathematics Difference \
			Sketch Scientific Portfolio Royal Languages English "Fast learner" "First point" "plain text" today \
			present Experience Education Projects Publications Skills ada-english en.example Calculus French \
			"Full Professional" Expert Mechanics "United Kingdom"
		stray_latin "${raw[$f-zh]-}"$'\n'"${meta[$f-zh]}"
		if [ -z "$stray" ]; then pass; else fail "$f-zh: Latin words left in the Chinese PDF: $stray"; fi
		# No Chinese in the English PDF: text, links, document information.
		if [[ " ${han_in[*]} " == *" $f-en.raw "* || " ${han_in[*]} " == *" $f-en.meta "* ]]; then
			fail "$f-en: Han characters in the English PDF: $(grep -ohP '\p{Han}+' "$f-en.raw" "$f-en.meta" | sort -u | xargs)"
		else
			pass
		fi
		for lang in zh en; do
			local other=zh handle=zhongwen
			[ $lang = zh ] && other=en handle=english
			if [[ ${meta[$f-$lang]} =~ $other\.example|ada\.$other@|ada-$handle ]]; then
				fail "$f-$lang: a link or the document information holds the $other alternative"
				printf '%s' "${meta[$f-$lang]}"
			else
				pass
			fi
		done
	done
	shows m-zh 阿达 工作经历 "2021年3月 – 至今" 春季学期 github.com/ada-zhongwen 作品集 巴贝奇
	shows m-en "Ada Lovelace" Experience "Mar 2021 – today" "Spring term" github.com/ada-english Portfolio "Charles Babbage"
	shows my-zh 英国 伦敦 硕士 法语 完全专业水平 专家 2021年3月–至今
	[[ $'\n'${meta[m-zh]-} == *$'\n阿达的简历\n'* ]] && pass || fail "m-zh: the PDF title is not the Chinese one"
	[[ $'\n'${meta[m-en]-} == *$'\n'"Ada's English CV"$'\n'* ]] && pass || fail "m-en: the PDF title is not the English one"
	[[ ${meta[m-zh]-} == *https://zh.example.net/work* ]] && pass || fail "m-zh: the connection's Chinese URL is not a link"
}

# ---- init -----------------------------------------------------------------------------------------
group_init() { # group_init [TAG...]
	local rows row tag rest fields starter count names=() edu=()
	languages "$@"
	for row in "${rows[@]}"; do
		tag=${row%%$'\t'*} rest=${row#*$'\t'}
		cv_run -1 /dev/null "init-$tag.init-err" -q --init --lang "$tag" "init-$tag.yaml" ||
			{ fail "--init --lang $tag"; show_err "init-$tag.init-err"; continue; }
		starter=""
		IFS= read -r -d '' starter <"init-$tag.yaml"
		if [[ $'\n'$starter == *$'\n'"  language: $tag"$'\n'* ]]; then pass; else fail "init-$tag.yaml: no language: $tag"; fi
		case $rest in
		*error*)
			# The script's error, and nothing else: the starter itself loads.
			render 1 "init-$tag" "init-$tag.yaml" || continue
			count_lines "init-$tag.err" .
			local lines=$count
			count_lines "init-$tag.err" 'is written in the'
			if [ "$lines" -le 3 ] && [ "$count" -ge 1 ]; then pass; else
				fail "init-$tag: want only the script's error"
				show_err "init-$tag.err"
			fi
			cv_run /dev/null /dev/null --dump model "init-$tag.yaml" && pass || fail "init-$tag.yaml does not load"
			;;
		*)
			render 0 "init-$tag" "init-$tag.yaml" || continue
			if [ -s "init-$tag.err" ]; then fail "init-$tag: the starter renders with messages"; show_err "init-$tag.err"; else pass; fi
			IFS=$'\t' read -r -a fields <<<"$rest"
			names+=("init-$tag")
			edu+=("${fields[4]}")
			;;
		esac
	done
	extract init "${names[@]}"
	local i
	for i in "${!names[@]}"; do shows "${names[$i]}" "${edu[$i]}"; done
}

for g in "$@"; do
	# words/TAG/TAG... (and init/...) runs those languages alone.
	IFS=/ read -r -a args <<<"$g"
	"group_${args[0]}" "${args[@]:1}"
done
cv_batch_stop
echo "$checks checks passed, $failures failed"
[ "$failures" -eq 0 ]
