/* Unit tests of the layout stage's text helpers: the inline-markup parser (cv_markup_parse,
 * cv_markup_strip) and date formatting (cv_format_dates). Needs no fonts and no files.
 * SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/load.h"
#include "harness.h"
#include "layout_internal.h"

/* ---- Markup -------------------------------------------------------------------------------- */

/* Draws the pieces of s as one string: pieces joined by '|', each styled piece prefixed by its flags
 * (b bold, i italic, c code) and "@url" for a link, then ':'. "a **b**" draws as "a |b:b". */
static void draw(const char *s, char *out, size_t cap)
{
	cv_arena *a = cv_arena_new();
	cv_mpiece *p = NULL;
	size_t n = 0, pcap = 0, o = 0;
	cv_markup_parse(s, strlen(s), a, &p, &n, &pcap);
	out[0] = '\0';
	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		bool styled = p[i].style || p[i].link;
		OK(p[i].len == strlen(p[i].text), "piece %zu of \"%s\": len %zu matches its text", i, s, p[i].len);
		OK(p[i].len > 0, "piece %zu of \"%s\" is not empty", i, s);
		o += (size_t)snprintf(out + o, cap - o, "%s%s%s%s%s%s%s%s", i ? "|" : "", p[i].style & CV_BOLD ? "b" : "",
				      p[i].style & CV_ITALIC ? "i" : "", p[i].style & CV_CODE ? "c" : "",
				      p[i].link ? "@" : "", p[i].link ? p[i].link : "", styled ? ":" : "", p[i].text);
	}
	free(p);
	cv_arena_free(a);
}

static void check_markup(int line, const char *in, const char *want)
{
	char got[512];
	draw(in, got, sizeof got);
	OK(strcmp(got, want) == 0, "line %d: \"%s\"\n  got  %s\n  want %s", line, in, got, want);
}
#define MARKUP(in, want) check_markup(__LINE__, in, want)

static void test_markup_styles(void)
{
	MARKUP("plain text", "plain text");
	MARKUP("", "");
	MARKUP("**bold**", "b:bold");
	MARKUP("a **bold** word", "a |b:bold| word");
	MARKUP("an *italic* word", "an |i:italic| word");
	MARKUP("***both***", "bi:both");
	MARKUP("**bold *and italic* inside**", "b:bold |bi:and italic|b: inside");
	MARKUP("*italic **and bold** inside*", "i:italic |bi:and bold|i: inside");
	MARKUP("use `a*b` here", "use |c:a*b| here");
	MARKUP("`**not bold**`", "c:**not bold**");
	MARKUP("**Hande Dong\\***, Jie Li", "b:Hande Dong*|, Jie Li");
	MARKUP("**清华大学**计算机系", "b:清华大学|计算机系");
	MARKUP("负责*核心*模块，提升 **30%** 性能", "负责|i:核心|模块，提升 |b:30%| 性能");
}

static void test_markup_links(void)
{
	MARKUP("[site](https://example.org)", "@https://example.org:site");
	MARKUP("see [my site](https://example.org) now", "see |@https://example.org:my site| now");
	MARKUP("[**bold** link](https://x.org/a_b)", "b@https://x.org/a_b:bold|@https://x.org/a_b: link");
	MARKUP("[`code`](https://x.org)", "c@https://x.org:code");
	MARKUP("[论文](https://doi.org/10.1/x)", "@https://doi.org/10.1/x:论文");
	MARKUP("[a [nested] b](https://x.org)", "@https://x.org:a [nested] b");
	/* Not links: no URL, a space in the URL, no closing parenthesis, no parenthesis at all. */
	MARKUP("[text]()", "[text]()");
	MARKUP("[text](a b)", "[text](a b)");
	MARKUP("[text](https://x.org", "[text](https://x.org");
	MARKUP("[1] Reference", "[1] Reference");
	MARKUP("a ] b [ c", "a ] b [ c");
}

static void test_markup_escapes(void)
{
	MARKUP("\\*not italic\\*", "*not italic*");
	MARKUP("snake\\_case", "snake_case");
	MARKUP("\\[not a link](https://x.org)", "[not a link](https://x.org)");
	MARKUP("back\\\\slash", "back\\slash");
	MARKUP("\\`tick\\`", "`tick`");
	/* A backslash before an ordinary character, or at the end, is kept. */
	MARKUP("C:\\path", "C:\\path");
	MARKUP("end\\", "end\\");
}

static void test_markup_literal(void)
{
	MARKUP("5 * 3 = 15", "5 * 3 = 15");
	MARKUP("a ** b", "a ** b");
	MARKUP("*", "*");
	MARKUP("**", "**");
	MARKUP("a*", "a*");
	MARKUP("*a", "*a");
	MARKUP("**unclosed bold", "**unclosed bold");
	MARKUP("*unclosed italic", "*unclosed italic");
	MARKUP("**a*", "**a*");
	MARKUP("a `tick", "a `tick");
	MARKUP("** not bold**", "** not bold**");
	MARKUP("Top 1% * 2", "Top 1% * 2");
	/* Four or more stars mark nothing. */
	MARKUP("rated ****", "rated ****");
	MARKUP("****a****", "****a****");
}

/* Emphasis that nests, and closers that a code span or a link hides: an opener whose closer is taken
 * elsewhere must stay literal, never swallow its stars and run to the end of the text. */
static void test_markup_nesting(void)
{
	MARKUP("*a **b***", "i:a |bi:b");
	MARKUP("**a *b***", "b:a |bi:b");
	MARKUP("***a* b*** c", "bi:a|b: b|* c");
	MARKUP("*a **b** c*", "i:a |bi:b|i: c");
	MARKUP("**a `b**` c", "**a |c:b**| c");
	MARKUP("**see [x](https://a.org/**b) now", "**see |@https://a.org/**b:x| now");
	MARKUP("**a [b**](https://x.org) c", "**a |@https://x.org:b**| c");
	MARKUP("**bold [link](https://x.org) more**", "b:bold |b@https://x.org:link|b: more");
	MARKUP("[x](https://en.wikipedia.org/wiki/C_(language))", "@https://en.wikipedia.org/wiki/C_(language):x");
}

/* Every opener used to rescan the rest of the text for its closer, every '[' for its ']': a long
 * field of stray markers took minutes. Now each costs a constant. */
static void time_markup(const char *unit, size_t reps, double limit)
{
	size_t ul = strlen(unit);
	char *s = malloc(ul * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * reps] = '\0';
	cv_arena *a = cv_arena_new();
	cv_mpiece *p = NULL;
	size_t n = 0, cap = 0, total = 0;
	clock_t t0 = clock();
	cv_markup_parse(s, ul * reps, a, &p, &n, &cap);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	for (size_t i = 0; i < n; i++)
		total += p[i].len;
	INT_EQ(total, ul * reps, "stray markers are all kept");
	OK(secs < limit, "\"%s\" x %zu took %.2f s", unit, reps, secs);
	free(p);
	cv_arena_free(a);
	free(s);
}

static void test_markup_pathological(void)
{
	time_markup("*a ", 100000, 1.0);
	time_markup("**a ", 100000, 1.0);
	time_markup("[", 300000, 1.0);
	time_markup("[a](", 10000, 1.0);
}

static void check_strip(int line, const char *in, const char *want)
{
	cv_arena *a = cv_arena_new();
	const char *got = cv_markup_strip(in, a);
	OK(strcmp(got, want) == 0, "line %d: strip \"%s\"\n  got  %s\n  want %s", line, in, got, want);
	cv_arena_free(a);
}

static void test_markup_strip(void)
{
	check_strip(__LINE__, "**Ada** *Lovelace* [site](https://x.org) `x`", "Ada Lovelace site x");
	check_strip(__LINE__, "5 * 3 \\* 2", "5 * 3 * 2");
	check_strip(__LINE__, "**清华大学**", "清华大学");
	check_strip(__LINE__, "", "");
}

/* ---- Dates --------------------------------------------------------------------------------- */

static cv_date ymd(int y, int m, int d)
{
	cv_date t = {.year = y, .month = m, .day = d};
	return t;
}

static const cv_date present = {.present = true};

static void check_dates(int line, const cv_date *start, const cv_date *end, const char *lang, const char *fmt,
			const char *word, const char *want)
{
	cv_arena *a = cv_arena_new();
	cv_entry e;
	memset(&e, 0, sizeof e);
	if (start) {
		e.has_start = true;
		e.start_date = *start;
	}
	if (end) {
		e.has_end = true;
		e.end_date = *end;
	}
	cv_locale loc = {.tag = lang, .lang = cv_lang_find(lang)};
	loc.words = loc.lang->words;
	if (fmt)
		loc.words.date = fmt;
	if (word)
		loc.words.present = word;
	const char *got = cv_format_dates(&e, &loc, a);
	bool ok = want ? got && strcmp(got, want) == 0 : got == NULL;
	OK(ok, "line %d:\n  got  %s\n  want %s", line, got ? got : "(null)", want ? want : "(null)");
	cv_arena_free(a);
}
#define DATES(start, end, lang, fmt, word, want) check_dates(__LINE__, start, end, lang, fmt, word, want)

static void test_dates_default(void)
{
	cv_date aug23 = ymd(2023, 8, 0), sep23 = ymd(2023, 9, 15), jun26 = ymd(2026, 6, 30);
	cv_date y2019 = ymd(2019, 0, 0), y2023 = ymd(2023, 0, 0);
	DATES(&aug23, &present, "en", NULL, NULL, "Aug 2023 – present");
	DATES(&aug23, &present, "zh", NULL, NULL, "2023年8月 – 至今");
	DATES(&aug23, &present, "zh-CN", NULL, NULL, "2023年8月 – 至今");
	DATES(&sep23, &jun26, "en", NULL, NULL, "Sep 2023 – Jun 2026");
	DATES(&sep23, &jun26, "zh", NULL, NULL, "2023年9月 – 2026年6月");
	DATES(&y2019, &y2023, "en", NULL, NULL, "2019 – 2023");
	/* Each language's own way. */
	DATES(&aug23, &present, "de", NULL, NULL, "Aug 2023 – gegenwärtig");
	DATES(&sep23, &jun26, "fr", NULL, NULL, "sept. 2023 – juin 2026");
	DATES(&sep23, &present, "ja", NULL, NULL, "2023年9月～現在");
	DATES(&sep23, &jun26, "ko", NULL, NULL, "2023년 9월 – 2026년 6월");
	DATES(&sep23, &jun26, "hu", NULL, NULL, "2023. szept. – 2026. jún.");
	DATES(&y2019, &present, "hu", NULL, NULL, "2019 – jelenleg");
	DATES(&sep23, &present, "ru", NULL, NULL, "Сен 2023 – настоящее время");
	DATES(&sep23, &jun26, "zh-TW", NULL, NULL, "2023年9月 – 2026年6月");
	/* One date alone. */
	DATES(&aug23, NULL, "en", NULL, NULL, "Aug 2023");
	DATES(NULL, &jun26, "en", NULL, NULL, "Jun 2026");
	DATES(NULL, &present, "en", NULL, NULL, "present");
	DATES(NULL, NULL, "en", NULL, NULL, NULL);
}

static void test_dates_templates(void)
{
	cv_date sep23 = ymd(2023, 9, 1), jun26 = ymd(2026, 6, 30), y2023 = ymd(2023, 0, 0);
	DATES(&sep23, &jun26, "en", "YYYY.MM", NULL, "2023.09 – 2026.06");
	DATES(&sep23, &jun26, "zh", "YYYY.MM", NULL, "2023.09 – 2026.06");
	DATES(&sep23, &jun26, "en", "MONTH YYYY", NULL, "September 2023 – June 2026");
	DATES(&sep23, &jun26, "en", "MM/YYYY", NULL, "09/2023 – 06/2026");
	DATES(&sep23, &jun26, "en", "YYYY-MM-DD", NULL, "2023-09-01 – 2026-06-30");
	DATES(&sep23, &jun26, "zh", "YYYY年M月D日", NULL, "2023年9月1日 – 2026年6月30日");
	/* A year alone, with each kind of template: the month and its separator go, "年" stays. */
	DATES(&y2023, NULL, "en", NULL, NULL, "2023");
	DATES(&y2023, NULL, "zh", NULL, NULL, "2023年");
	DATES(&y2023, NULL, "en", "YYYY.MM", NULL, "2023");
	DATES(&y2023, NULL, "en", "MM/YYYY", NULL, "2023");
	DATES(&y2023, NULL, "en", "MONTH YYYY", NULL, "2023");
	/* The same start and end collapse to one. */
	DATES(&y2023, &y2023, "en", NULL, NULL, "2023");
	DATES(&sep23, &sep23, "zh", NULL, NULL, "2023年9月");
	cv_date sep23b = ymd(2023, 9, 20);
	DATES(&sep23, &sep23b, "en", NULL, NULL, "Sep 2023");
	/* locale.present overrides the word. */
	DATES(&sep23, &present, "en", NULL, "Present", "Sep 2023 – Present");
	DATES(&sep23, &present, "zh", NULL, "现在", "2023年9月 – 现在");
	DATES(&sep23, &present, "en", "YYYY.MM", "now", "2023.09 – now");
}

static void test_dates_free_text(void)
{
	cv_arena *a = cv_arena_new();
	cv_entry e;
	memset(&e, 0, sizeof e);
	e.date.s = "Summer 2021";
	e.has_start = e.has_end = true;
	e.start_date = ymd(2021, 6, 0);
	e.end_date = ymd(2021, 8, 0);
	cv_locale loc = {.tag = "en", .lang = cv_lang_english()};
	loc.words = loc.lang->words;
	const char *got = cv_format_dates(&e, &loc, a);
	STR_EQ(got, "Summer 2021", "free-text date wins");
	cv_arena_free(a);
}

/* Loaded from YAML, the locale and the dates reach the formatter as the file wrote them. */
static void test_dates_loaded(void)
{
	static const char yaml[] = "cv:\n"
				   "  name: A\n"
				   "  sections:\n"
				   "    S:\n"
				   "      - name: a\n"
				   "        start_date: 2023-09\n"
				   "        end_date: present\n"
				   "      - name: b\n"
				   "        start_date: 2023\n"
				   "        end_date: 2023\n"
				   "      - name: c\n"
				   "        date: 2019 – 2020\n"
				   "locale:\n"
				   "  language: zh\n"
				   "  date_format: YYYY.MM\n"
				   "  present: 今\n";
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"t.yaml", yaml, strlen(yaml)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	OK(doc && cv_diags_count(d) == 0, "the document loads cleanly");
	if (doc && doc->n_sections == 1 && doc->sections[0].n_entries == 3) {
		const cv_entry *e = doc->sections[0].entries;
		STR_EQ(cv_format_dates(&e[0], &doc->locale, doc->arena), "2023.09 – 今", "loaded range");
		STR_EQ(cv_format_dates(&e[1], &doc->locale, doc->arena), "2023", "loaded year");
		STR_EQ(cv_format_dates(&e[2], &doc->locale, doc->arena), "2019 – 2020", "loaded free text");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

int main(void)
{
	test_markup_styles();
	test_markup_links();
	test_markup_escapes();
	test_markup_literal();
	test_markup_nesting();
	test_markup_pathological();
	test_markup_strip();
	test_dates_default();
	test_dates_templates();
	test_dates_free_text();
	test_dates_loaded();
	return harness_summary();
}
