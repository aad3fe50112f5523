#!/usr/bin/env bash
# Languages end to end, checked in the text the PDFs hold (pdftotext), by groups:
#   words         (or words/PART/PARTS, a share of them) each language of languages.tsv: a RenderCV file (locale.language by RenderCV's name
#                 or the tag) shows its dates, open end and section titles; a YAMLResume file (its
#                 locale.language code, else --lang) shows titles and option values translated; a
#                 script cv2pdf cannot set stops with one error naming the language and the script
#   rendercv      locale blocks of RenderCV 1 (locale_catalog), 2.0-2.2 and the current form
#   lang          --lang in any case and spelling, an unknown language, a variant's lang
#   multilingual  every field of every kind as {en: ..., zh: ...}, rendered both ways: no English
#                 alternative (nor any Latin word) left in the Chinese PDF, no Han character in the
#                 English one: text, links and document information
#   init          (or init/PART/PARTS) --init --lang CODE for every language: the starter loads, and renders cleanly
# Usage: run.sh CV2PDF SOURCE_DIR WORK_DIR GROUP...
set -uo pipefail
cv2pdf=$1 src=$2 work=$3
shift 3
export CV2PDF_FONT_DIR="$src/fonts" SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }

# render WANT_STATUS NAME ARGS...: runs cv2pdf, its PDF's text (white space removed) in NAME.txt,
# its stderr in NAME.err.
render() {
	local want=$1 name=$2
	shift 2
	"$cv2pdf" -q "$@" -o "$name.pdf" 2>"$name.err"
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "$name: cv2pdf $* exited $got, want $want"
		sed 's/^/    /' "$name.err" | head -5
		return 1
	fi
	pass
	if [ "$got" = 0 ]; then
		local t=""
		IFS= read -r -d '' t < <(pdftotext -q "$name.pdf" -)
		printf '%s' "${t//[ $'\n\f']/}" >"$name.txt"
	fi
	text_name=""
	return 0
}
# shows NAME WORDS...: each word (spaces removed) is in NAME's text; lacks: none is. The text is
# read once per name (bash matching, not a grep per word: this runs some five hundred checks).
text_name="" text=""
load_text() { [ "$text_name" = "$1" ] || { text=$(<"$1.txt") && text_name=$1; }; }
shows() {
	local name=$1 w
	shift
	load_text "$name"
	for w in "$@"; do
		if [[ $text == *"${w// /}"* ]]; then pass; else fail "$name: '$w' is not in the PDF's text"; fi
	done
}
lacks() {
	local name=$1 w
	shift
	load_text "$name"
	for w in "$@"; do
		if [[ $text == *"${w// /}"* ]]; then fail "$name: '$w' is in the PDF's text"; else pass; fi
	done
}

# write FILE: standard input (a here-document) into FILE, with bash's own read (not a cat per file).
write() {
	local content=""
	IFS= read -r -d '' content
	printf '%s' "$content" >"$1"
}

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

# ---- words ----------------------------------------------------------------------------------------
group_words() { # group_words [PART PARTS]: the languages whose row number is PART modulo PARTS
	local part=${1:-0} parts=${2:-1} row=-1
	local tag rcv yr present may edu master fluent advanced germany english
	while IFS=$'\t' read -r tag rcv yr present may edu master fluent advanced germany english; do
		case $tag in '#'* | '') continue ;; esac
		row=$((row + 1))
		[ $((row % parts)) = "$part" ] || continue
		local lang=$tag
		[ "$rcv" != - ] && lang=$rcv
		write "rcv-$tag.yaml" <<EOF
cv:
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
locale:
  language: $lang
EOF
		if [ "$present" = error ]; then
			render 1 "rcv-$tag" "rcv-$tag.yaml" || continue
			local n
			n=$(grep -c 'error:' "rcv-$tag.err")
			if [ "$n" = 1 ] && grep -q "is written in the .* script" "rcv-$tag.err"; then pass; else
				fail "rcv-$tag: want one error naming the script"
				cat "rcv-$tag.err"
			fi
			continue
		fi
		render 0 "rcv-$tag" "rcv-$tag.yaml" || continue
		shows "rcv-$tag" "$may" "$present" "$edu"
		# English words left in: "present" (unless the language's word starts so: "presente"), titles.
		[ "$tag" != en ] && [ "${present#present}" = "$present" ] && lacks "rcv-$tag" present
		[ "$tag" != en ] && lacks "rcv-$tag" Education Experience
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
		render 0 "yr-$tag" "yr-$tag.yaml" "${args[@]}" || continue
		shows "yr-$tag" "$edu" "$master" "$fluent" "$advanced" "$germany" "$english" "$may" "$present"
		[ "$tag" != en ] && lacks "yr-$tag" "Full Professional" Advanced Germany Education
	done <"$src/tests/lang/languages.tsv"
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
	render 0 v1 v1.yaml && shows v1 "Mai 2023 bis heute"
	lacks v1 present
	# RenderCV 2.0-2.2: an ISO code, date_template, abbreviations_for_months, to, the templates.
	printf '%s\nlocale:\n  language: tr\n  date_template: MONTH_ABBREVIATION YEAR\n  to: "->"\n%s\n%s\n' "$entry" \
		'  abbreviations_for_months: [a, b, c, d, e, f, g, h, i, j, k, l]' \
		'  last_updated_date_template: Son TODAY' >v2.yaml
	render 0 v2 v2.yaml && shows v2 "e 2023 -> halen" "Son k 2023" "Informatik MSc" "Eğitim"
	# The current form: a RenderCV name, one word replaced, a phrase.
	printf '%s\nlocale:\n  language: german\n  present: jetzt\n  last_updated: Stand\n%s\n' "$entry" \
		'  phrases: {degree_with_area: "DEGREE (AREA)"}' >v3.yaml
	render 0 v3 v3.yaml && shows v3 "Mai 2023 – jetzt" "MSc (Informatik)" "Stand Nov 2023" "Ausbildung"
	# Without locale keys, the language's own words, "last updated" included.
	printf '%s\nlocale:\n  language: french\n' "$entry" >v3fr.yaml
	render 0 v3fr v3fr.yaml && shows v3fr "mai 2023 – présent" "MSc en Informatik" "Dernière mise à jour : 14 novembre 2023"
}

# ---- lang -----------------------------------------------------------------------------------------
group_lang() {
	printf 'cv:\n  name: {en: Ada, de: Ada D, zh-TW: 艾達}\n  sections:\n    experience:\n      - company: C\n        position: P\n        start_date: 2023-05\n' >l.yaml
	local spelling
	for spelling in ZH-tw zh_TW zh-hant-tw Zh-Hant; do
		render 0 "l-$spelling" l.yaml --lang "$spelling" && shows "l-$spelling" 艾達 工作經歷 "2023年5月 – 至今"
	done
	for spelling in DE de-AT german Deutsch; do
		render 0 "l-$spelling" l.yaml --lang "$spelling" && shows "l-$spelling" "Ada D" Berufserfahrung "Mai 2023 – gegenwärtig"
	done
	# The degree and area as the language joins them, whatever the case of --lang (issue 15 saw
	# "硕士 in 计算机科学与技术" with --lang ZH).
	printf 'cv:\n  name: A\n  sections:\n    education:\n      - {institution: U, area: 计算机科学与技术, degree: 硕士}\n' >edu.yaml
	render 0 edu-ZH edu.yaml --lang ZH --theme compact && shows edu-ZH "计算机科学与技术 硕士" && lacks edu-ZH "in计算机"
	# A language cv2pdf has no words for: one warning listing those it has, English words, its text.
	printf 'cv:\n  name: {en: Ada, eo: Ada E}\nlocale:\n  language: eo\n' >eo.yaml
	"$cv2pdf" eo.yaml -o eo.pdf 2>eo.err
	if [ "$(grep -c 'warning:' eo.err)" = 1 ] && grep -q 'no words for "eo"; .* (it has en, zh-Hans, .*, ru, tr)' eo.err; then
		pass
	else
		fail "eo: want one warning listing the languages"
		cat eo.err
	fi
	pdftotext -q eo.pdf - | tr -d ' \n\f' >eo.txt && text_name="" && shows eo "Ada E"
	# A variant's lang, and --lang over it.
	printf 'cv:\n  name: {en: Ada, de: Ada D, fr: Ada F}\nvariants:\n  deutsch: {lang: de}\n' >v.yaml
	render 0 v-de v.yaml --variant deutsch && shows v-de "Ada D"
	render 0 v-fr v.yaml --variant deutsch --lang fr && shows v-fr "Ada F"
}

# ---- multilingual ---------------------------------------------------------------------------------
# English alternatives are English words; Chinese ones are Chinese, except what is Latin by nature
# (URLs, addresses, handles), which differs between the two so that a wrong choice shows.
multi_native() {
	cat <<'EOF'
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
multi_yamlresume() {
	cat <<'EOF'
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
# pdfinfo's Title, Author, Subject and Keywords, and the link targets, into NAME.meta.
meta() {
	{
		pdfinfo "$1.pdf" | grep -E '^(Title|Author|Subject|Keywords):' | sed 's/^[A-Za-z]*: *//'
		qpdf --qdf --object-streams=disable "$1.pdf" - | sed -n 's/^ *\/URI (\(.*\))$/\1/p'
	} >"$1.meta"
}
# What may be Latin in the Chinese PDF: URLs, addresses, handles, a DOI, phone numbers, the page
# numbers and the network's brand.
latin_allowed='https?://[^ ]*|[a-z.]*@[a-z.]*|[a-z.-]*\.(org|net|com)[^ ]*|ada-zhongwen|GitHub|mailto:[^ ]*|tel:[^ ]*'
group_multilingual() {
	multi_native >m.yaml
	multi_yamlresume >my.yaml
	local f lang
	for f in m my; do
		render 0 "$f-zh" "$f.yaml" --lang zh || continue
		render 0 "$f-en" "$f.yaml" --lang en || continue
		for lang in zh en; do
			meta "$f-$lang"
			pdftotext -q "$f-$lang.pdf" "$f-$lang.raw"
		done
		# No English alternative in the Chinese PDF, and no Latin word at all but the allowed ones.
		lacks "$f-zh" Ada Analyst London Engine Designer Manchester Member "Spring term" Mathematics Difference \
			Sketch Scientific Portfolio Royal Languages English "Fast learner" "First point" "plain text" today \
			present Experience Education Projects Publications Skills ada-english en.example Calculus French \
			"Full Professional" Expert Mechanics "United Kingdom"
		local stray
		stray=$(cat "$f-zh.raw" "$f-zh.meta" | sed -E "s#$latin_allowed##g" | grep -oE '[A-Za-z]{2,}' | sort -u | xargs)
		if [ -z "$stray" ]; then pass; else fail "$f-zh: Latin words left in the Chinese PDF: $stray"; fi
		# No Chinese in the English PDF: text, links, document information.
		if cat "$f-en.raw" "$f-en.meta" | grep -qP '\p{Han}'; then
			fail "$f-en: Han characters in the English PDF: $(cat "$f-en.raw" "$f-en.meta" | grep -oP '\p{Han}+' | sort -u | xargs)"
		else
			pass
		fi
		for lang in zh en; do
			local other=zh
			[ $lang = zh ] && other=en
			if grep -q "$other\.example\|ada\.$other@\|ada-$( [ $other = en ] && echo english || echo zhongwen)" "$f-$lang.meta"; then
				fail "$f-$lang: a link or the document information holds the $other alternative"
				cat "$f-$lang.meta"
			else
				pass
			fi
		done
	done
	shows m-zh 阿达 工作经历 "2021年3月 – 至今" 春季学期 github.com/ada-zhongwen 作品集 巴贝奇
	shows m-en "Ada Lovelace" Experience "Mar 2021 – today" "Spring term" github.com/ada-english Portfolio "Charles Babbage"
	shows my-zh 英国 伦敦 硕士 法语 完全专业水平 专家 2021年3月–至今
	grep -q '^阿达的简历$' m-zh.meta && pass || fail "m-zh: the PDF title is not the Chinese one"
	grep -q "^Ada's English CV$" m-en.meta && pass || fail "m-en: the PDF title is not the English one"
	grep -q 'https://zh.example.net/work' m-zh.meta && pass || fail "m-zh: the connection's Chinese URL is not a link"
}

# ---- init -----------------------------------------------------------------------------------------
group_init() { # group_init [PART PARTS], as group_words
	local part=${1:-0} parts=${2:-1} row=-1
	local tag rest
	while IFS=$'\t' read -r tag rest; do
		case $tag in '#'* | '') continue ;; esac
		row=$((row + 1))
		[ $((row % parts)) = "$part" ] || continue
		"$cv2pdf" -q --init --lang "$tag" "init-$tag.yaml" || { fail "--init --lang $tag"; continue; }
		local starter=""
		IFS= read -r -d '' starter <"init-$tag.yaml"
		if [[ $'\n'$starter == *$'\n'"  language: $tag"$'\n'* ]]; then pass; else fail "init-$tag.yaml: no language: $tag"; fi
		case $rest in
		*error*)
			# The script's error, and nothing else: the starter itself loads.
			render 1 "init-$tag" "init-$tag.yaml" || continue
			if [ "$(grep -c . "init-$tag.err")" -le 3 ] && grep -q 'is written in the' "init-$tag.err"; then pass; else
				fail "init-$tag: want only the script's error"
				cat "init-$tag.err"
			fi
			"$cv2pdf" --dump model "init-$tag.yaml" >/dev/null 2>&1 && pass || fail "init-$tag.yaml does not load"
			;;
		*)
			render 0 "init-$tag" "init-$tag.yaml" || continue
			if [ -s "init-$tag.err" ]; then fail "init-$tag: the starter renders with messages"; cat "init-$tag.err"; else pass; fi
			local fields
			IFS=$'\t' read -r -a fields <<<"$rest"
			shows "init-$tag" "${fields[4]}"
			;;
		esac
	done <"$src/tests/lang/languages.tsv"
}

for g in "$@"; do
	# words/PART/PARTS (and init/...) runs a share of the languages, so CTest can run the shares in parallel.
	IFS=/ read -r -a args <<<"$g"
	"group_${args[0]}" "${args[@]:1}"
done
echo "$checks checks passed, $failures failed"
[ "$failures" -eq 0 ]
