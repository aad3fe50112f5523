#!/usr/bin/env bash
# cv2pdf's benchmark, in one command: builds a Release binary (build-bench/) with the benchmark
# programs, then measures
#   - each example in a fresh process: wall and CPU time, median (min–max) over RUNS runs, peak
#     memory, PDF size, against the floor (bench/floor.c: libharu + hb-subset, same text, no layout)
#     run interleaved with it, and the ratio cv2pdf / floor, also in instructions (callgrind);
#   - each example against the ideal program (bench/ideal.c: shapes each distinct string once,
#     subsets with hb-subset, deflates at level 6, writes the same PDF), in instructions (callgrind);
#   - --max-pages 1 and 2 against a plain render of each example, in instructions and layouts made;
#   - batches: cv2pdf --all-variants -j 1 over 100 and 400 variants (bench/variants.sh), CPU per
#     variant and peak memory;
#   - scaling: synthetic résumés of about 1, 10, 100 and 200 pages (bench/synth.sh), time per page;
# and prints a Markdown report with each target met or not. Timings are never asserted in tests.
# Usage: bash bench/run.sh [--runs N] [--write]   (--write puts the report into docs/performance.md)
# Environment: BENCH_TMP (default /dev/shm, so that output goes to memory, not to a disk's fsync),
# BENCH_CALLGRIND=0 to skip the instruction counts.
# SPDX-License-Identifier: MIT
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-bench
runs=30
write=0
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--write) write=1; shift ;;
	*) echo "usage: bash bench/run.sh [--runs N] [--write]" >&2; exit 2 ;;
	esac
done

for tool in cmake cc pdfinfo; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 1; }
done
callgrind=${BENCH_CALLGRIND:-1}
command -v valgrind >/dev/null || callgrind=0

echo "bench: building Release into $build" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCV2PDF_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null

tmp_base=${BENCH_TMP:-/dev/shm}
[ -d "$tmp_base" ] && [ -w "$tmp_base" ] || tmp_base=${TMPDIR:-/tmp}
out=$(mktemp -d "$tmp_base/cv2pdf-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
export CV2PDF_FONT_DIR=$root/fonts
unset SOURCE_DATE_EPOCH
cv=$build/cv2pdf
floor=$build/bench/bench_floor
runner=$build/bench/bench_runner
ideal=$build/bench/bench_ideal

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Instructions executed by a command (valgrind's "I refs"), or "-" without valgrind.
instructions() {
	if [ "$callgrind" = 0 ]; then echo -; return; fi
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}

pages_of() { head -1 "$1" | awk '{ print $(NF - 1) }'; } # "document W x H pt, N pages"

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

report=$out/report.md
{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores of $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo),"
	commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
	# The report itself (docs/performance.md) does not count as a change to what was measured.
	git -C "$root" diff --quiet HEAD -- . ':!docs/performance.md' 2>/dev/null || commit="$commit + uncommitted changes"
	echo "commit $commit, $runs runs per figure (median, min–max), load average before the run: $load_before."
	echo
	echo "### Each example in a fresh process, against the floor"
	echo
	echo "| document | pages | PDF size | cv2pdf wall ms | cv2pdf CPU ms | peak memory | floor wall ms | floor CPU ms | cv2pdf / floor (wall, CPU, instructions) |"
	echo "|---|---|---|---|---|---|---|---|---|"
} >"$report"

worst_ratio=0
worst_rss=0
for ex in examples/english_cv examples/chinese_cv examples/portfolio bench/onepage_en bench/onepage_zh; do
	name=$(basename "$ex")
	yaml=$root/$ex.yaml
	echo "bench: $name" >&2
	"$cv" -q "$yaml" --dump=layout >"$out/$name.layout"
	"$cv" -q "$yaml" -o "$out/$name.pdf"
	pages=$(pages_of "$out/$name.layout")
	size=$(stat -c %s "$out/$name.pdf")
	eval "$(echo "$name" | sed 's/[^a-z]/_/g')_size=$size"
	res=$("$runner" "$runs" -- cv2pdf "$cv" -q "$yaml" -o "$out/$name.pdf" \
		-- floor "$floor" "$out/$name.layout" "$out/$name.floor.pdf")
	read -r _ cw cw0 cw1 cc cc0 cc1 ck _ ck1 <<<"$(grep '^cv2pdf ' <<<"$res")"
	read -r _ fw fw0 fw1 fc fc0 fc1 _ _ _ <<<"$(grep '^floor ' <<<"$res")"
	ci=$(instructions "$cv" -q "$yaml" -o "$out/$name.pdf")
	fi=$(instructions "$floor" "$out/$name.layout" "$out/$name.floor.pdf")
	rw=$(ratio "$cw" "$fw")
	rc=$(ratio "$cc" "$fc")
	ri=$(ratio "$ci" "$fi")
	case $ex in examples/*) worst_ratio=$(awk -v a="$worst_ratio" -v b="$rc" 'BEGIN { print (b > a ? b : a) }') ;; esac
	worst_rss=$(awk -v a="$worst_rss" -v b="$ck1" 'BEGIN { print (b > a ? b : a) }')
	printf '| %s | %s | %s KB | %s (%s–%s) | %s (%s–%s) | %s MB | %s (%s–%s) | %s (%s–%s) | %s, %s, %s |\n' \
		"$name" "$pages" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1000 }')" \
		"$cw" "$cw0" "$cw1" "$cc" "$cc0" "$cc1" "$(mb "$ck")" "$fw" "$fw0" "$fw1" "$fc" "$fc0" "$fc1" \
		"$rw" "$rc" "$ri" >>"$report"
	if [ "$ci" != - ]; then
		echo "$name $ci $fi" >>"$out/instructions"
	fi
done

echo "bench: ideal and --max-pages" >&2
{
	echo
	echo "### Against the ideal program, and --max-pages (instructions, callgrind)"
	echo
	echo "The ideal program (bench/ideal.c) writes the same pages from cv2pdf's layout: each distinct string shaped"
	echo "once, fonts subset by hb-subset, every stream deflated at level 6, no YAML, no line breaking, no libharu."
	echo "--max-pages N is a fresh run with that option; layouts: whole layouts made (--timings -v)."
	echo
	echo "| document | cv2pdf | ideal | cv2pdf / ideal | --max-pages 1 | × plain | layouts | --max-pages 2 | × plain | layouts |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
} >>"$report"
worst_ideal=0
worst_max1=0
layouts_of() { "$cv" -v "$@" 2>&1 | sed -n 's/.*laid out \([0-9]*\) time.*/\1/p' | head -1; }
for ex in examples/english_cv examples/chinese_cv examples/portfolio bench/onepage_en bench/onepage_zh; do
	name=$(basename "$ex")
	yaml=$root/$ex.yaml
	ci=$(instructions "$cv" -q "$yaml" -o "$out/$name.pdf")
	ii=$(instructions "$ideal" "$out/$name.layout" "$out/$name.ideal.pdf")
	m1=$(instructions "$cv" -q "$yaml" --max-pages 1 -o "$out/$name.m1.pdf")
	m2=$(instructions "$cv" -q "$yaml" --max-pages 2 -o "$out/$name.m2.pdf")
	l1=$(layouts_of "$yaml" --max-pages 1 -o "$out/$name.m1.pdf")
	l2=$(layouts_of "$yaml" --max-pages 2 -o "$out/$name.m2.pdf")
	r_ideal=$(ratio "$ci" "$ii")
	r1=$(ratio "$m1" "$ci")
	r2=$(ratio "$m2" "$ci")
	case $ex in bench/onepage_*) worst_ideal=$(awk -v a="$worst_ideal" -v b="$r_ideal" 'BEGIN { print (b != "-" && b > a ? b : a) }') ;; esac
	worst_max1=$(awk -v a="$worst_max1" -v b="$r1" 'BEGIN { print (b != "-" && b > a ? b : a) }')
	printf '| %s | %s M | %s M | %s | %s M | %s | %s | %s M | %s | %s |\n' "$name" \
		"$(awk -v i="$ci" 'BEGIN { printf "%.1f", i / 1e6 }')" "$(awk -v i="$ii" 'BEGIN { printf "%.1f", i / 1e6 }')" "$r_ideal" \
		"$(awk -v i="$m1" 'BEGIN { printf "%.1f", i / 1e6 }')" "$r1" "${l1:--}" \
		"$(awk -v i="$m2" 'BEGIN { printf "%.1f", i / 1e6 }')" "$r2" "${l2:--}" >>"$report"
done

echo "bench: batch" >&2
{
	echo
	echo "### Batch: cv2pdf --all-variants -j 1"
	echo
	echo "bench/variants.sh N: bench/tailored.yaml with N variants, each a language (en, zh) and a subset of the tags"
	echo "ml, backend, research, lead. One process writes every PDF (to $tmp_base); CPU is user + system time."
	echo
	echo "| variants | input | CPU s | CPU ms per variant | peak memory | instructions per variant |"
	echo "|---|---|---|---|---|---|"
} >>"$report"
for n in 100 400; do
	bash "$root/bench/variants.sh" "$n" >"$out/variants$n.yaml"
	rm -rf "$out/batch" && mkdir "$out/batch"
	/usr/bin/time -f '%U %S %M' -o "$out/batch.time" "$cv" -q "$out/variants$n.yaml" --all-variants -j 1 -o "$out/batch/{variant}.pdf"
	read -r user sys rss <"$out/batch.time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	per=$(awk -v c="$cpu" -v n="$n" 'BEGIN { printf "%.2f", c * 1000 / n }')
	bi=-
	if [ "$callgrind" != 0 ]; then
		rm -rf "$out/batch" && mkdir "$out/batch"
		bi=$(instructions "$cv" -q "$out/variants$n.yaml" --all-variants -j 1 -o "$out/batch/{variant}.pdf")
		bi=$(awk -v i="$bi" -v n="$n" 'BEGIN { printf "%.1f M", i / n / 1e6 }')
	fi
	printf '| %s | %.1f KB | %s | %s | %s MB | %s |\n' "$n" "$(awk -v s="$(stat -c %s "$out/variants$n.yaml")" 'BEGIN { print s / 1000 }')" \
		"$cpu" "$per" "$(mb "$rss")" "$bi" >>"$report"
	eval "batch${n}_cpu=$per batch${n}_rss=$rss"
done

echo "bench: scaling" >&2
{
	echo
	echo "### Scaling: synthetic résumés (bench/synth.sh), fresh process each"
	echo
	echo "| entries | pages | wall ms | CPU ms | wall ms per page | CPU ms per page | peak memory | PDF size |"
	echo "|---|---|---|---|---|---|---|---|"
} >>"$report"
scale_runs=$(( runs / 3 > 5 ? runs / 3 : 5 ))
for n in 4 44 440 880; do
	bash "$root/bench/synth.sh" "$n" >"$out/synth$n.yaml"
	"$cv" -q "$out/synth$n.yaml" --dump=layout >"$out/synth$n.layout"
	"$cv" -q "$out/synth$n.yaml" -o "$out/synth$n.pdf"
	pages=$(pages_of "$out/synth$n.layout")
	read -r _ w _ _ c _ _ k _ _ <<<"$("$runner" "$scale_runs" -- synth "$cv" -q "$out/synth$n.yaml" -o "$out/synth$n.pdf")"
	printf '| %s | %s | %s | %s | %.2f | %.2f | %s MB | %.1f KB |\n' "$n" "$pages" "$w" "$c" \
		"$(awk -v a="$w" -v p="$pages" 'BEGIN { print a / p }')" "$(awk -v a="$c" -v p="$pages" 'BEGIN { print a / p }')" \
		"$(mb "$k")" "$(awk -v s="$(stat -c %s "$out/synth$n.pdf")" 'BEGIN { print s / 1000 }')" >>"$report"
	echo "$pages $c $k" >>"$out/scaling"
	[ "$n" = 440 ] && synth_rss=$k # about 100 pages
done

# Targets: measured here, never asserted in tests.
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "**not met**"; fi; }
{
	echo
	echo "### Targets"
	echo
	echo "| target | measured | verdict |"
	echo "|---|---|---|"
	echo "| each example within 1.5× of its floor (CPU time) | worst $worst_ratio× | $(verdict "$(awk -v r="$worst_ratio" 'BEGIN { print (r <= 1.5) }')") |"
	echo "| batch: CPU per variant at 400 within 1.3× that at 100, at most 3 ms | $batch100_cpu ms at 100, $batch400_cpu ms at 400 | $(verdict "$(awk -v a="$batch100_cpu" -v b="$batch400_cpu" 'BEGIN { print (b <= 1.3 * a && b <= 3) }')") |"
	echo "| batch: peak memory at 400 variants at most 40 MB | $(mb "$batch400_rss") MB | $(verdict "$(awk -v k="$batch400_rss" 'BEGIN { print (k <= 40 * 1024) }')") |"
	echo "| --max-pages 1 at most 2× a plain render, every example (instructions) | worst $worst_max1× | $(verdict "$(awk -v r="$worst_max1" 'BEGIN { print (r <= 2) }')") |"
	echo "| each one-page example within 1.3× of the ideal program (instructions) | worst $worst_ideal× | $(verdict "$(awk -v r="$worst_ideal" 'BEGIN { print (r <= 1.3) }')") |"
	echo "| peak memory at most 20 MB: résumés | worst $(mb "$worst_rss") MB | $(verdict "$(awk -v k="$worst_rss" 'BEGIN { print (k <= 20 * 1024) }')") |"
	echo "| peak memory at most 20 MB: the ~100-page synthetic document | $(mb "$synth_rss") MB | $(verdict "$(awk -v k="$synth_rss" 'BEGIN { print (k <= 20 * 1024) }')") |"
	# Flat means the cost of one more page does not grow with the document: the marginal CPU time per
	# page from ~10 to ~100 pages against the one from ~1 to ~10 (start-up cost cancels out).
	read -r m1 m2 flat <<<"$(awk '{ p[NR] = $1; c[NR] = $2 } END {
		m1 = (c[2] - c[1]) / (p[2] - p[1]); m2 = (c[4] - c[2]) / (p[4] - p[2]);
		printf "%.2f %.2f %.2f", m1, m2, m2 / m1 }' "$out/scaling")"
	echo "| time per page flat from 1 to 200 pages | CPU ms per added page: $m1 (1→10 pages), $m2 (10→200 pages), ratio $flat | $(verdict "$(awk -v f="$flat" 'BEGIN { print (f <= 1.5) }')") |"
	echo "| one-page English PDF at most 20 KB | $(awk -v s="$onepage_en_size" 'BEGIN { printf "%.1f", s / 1000 }') KB | $(verdict "$(awk -v s="$onepage_en_size" 'BEGIN { print (s <= 20000) }')") |"
	echo "| one-page Chinese PDF at most 45 KB | $(awk -v s="$onepage_zh_size" 'BEGIN { printf "%.1f", s / 1000 }') KB | $(verdict "$(awk -v s="$onepage_zh_size" 'BEGIN { print (s <= 45000) }')") |"
} >>"$report"

cat "$report"
if [ "$write" = 1 ]; then
	doc=$root/docs/performance.md
	awk -v report="$report" '
		/<!-- bench:begin -->/ { print; while ((getline line < report) > 0) print line; skip = 1; next }
		/<!-- bench:end -->/ { skip = 0 }
		!skip { print }' "$doc" >"$out/performance.md"
	cp "$out/performance.md" "$doc"
	echo "bench: wrote the report into docs/performance.md" >&2
fi
