/* Unit tests of the shared helpers: cv_strtod against strtod in the "C" locale, cv_grow and the arena
 * at SIZE_MAX, and, with --comma-locale LOCALEDEF, a whole document loaded, laid out and rendered
 * under a decimal-comma LC_NUMERIC (made at run time with localedef) giving the same lengths and the
 * same PDF bytes as in the "C" locale: the library reads and writes numbers the same in every locale.
 * Also the line index of the source texts diagnostics quote (cv_srcfile).
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mkdtemp */
#endif

#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cv2pdf/arena.h"
#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/util.h"
#include "harness.h"

#ifndef CV2PDF_TEST_FONT_DIR
#error "define CV2PDF_TEST_FONT_DIR as the directory of the shipped fonts"
#endif

/* cv_strtod(s) must stop where "rest" begins and give want (exactly: these are correctly rounded). */
static void number_case(const char *s, double want, const char *rest)
{
	char *end;
	double got = cv_strtod(s, &end);
	OK(got == want || (isnan(want) && isnan(got)), "cv_strtod(\"%s\") = %.17g, want %.17g", s, got, want);
	STR_EQ(end, rest, s);
}

static void test_strtod(void)
{
	number_case("10.5pt", 10.5, "pt");
	number_case("1.25", 1.25, "");
	number_case("-0.75cm", -0.75, "cm");
	number_case("+3", 3, "");
	number_case(".5", 0.5, "");
	number_case("5.", 5, "");
	number_case("0.1", 0.1, "");
	number_case("3.14159", 3.14159, "");
	number_case("2.54", 2.54, "");
	number_case("1e3", 1000, "");
	number_case("1.5E-3mm", 1.5e-3, "mm");
	number_case("1e", 1, "e");
	number_case("1e+", 1, "e+");
	number_case("007", 7, "");
	number_case("  18mm", 18, "mm");
	number_case("12345678901234567890123", 12345678901234567890123.0, "");
	number_case("0.000000000000000000000000123", 1.23e-25, "");
	number_case("1e400", INFINITY, "");
	number_case("1e-400", 0, "");
	/* Not numbers: nothing read. */
	number_case("abc", 0, "abc");
	number_case("", 0, "");
	number_case("-", 0, "-");
	number_case(".", 0, ".");
	number_case("inf", 0, "inf");
	number_case("nan", 0, "nan");
	number_case("0x10", 0, "x10");
	number_case(",5", 0, ",5");
	number_case("10,5pt", 10, ",5pt"); /* a comma is never a decimal point */
	/* Agreement with strtod in the "C" locale over a spread of lengths. */
	char buf[64];
	for (int i = 0; i < 2000; i++) {
		snprintf(buf, sizeof buf, "%d.%03d", i / 7, (i * 37) % 1000);
		OK(cv_strtod(buf, NULL) == strtod(buf, NULL), "%s: %.17g vs strtod's %.17g", buf, cv_strtod(buf, NULL),
		   strtod(buf, NULL));
	}
}

/* Whether fn() ends the process with abort() (out of memory), run in a child. */
static bool aborts(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		freopen("/dev/null", "w", stderr); /* the child's "out of memory" line */
		fn();
		_exit(0);
	}
	int st = 0;
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void grow_past_size_max(void)
{
	char *p = NULL;
	size_t cap = 0;
	cv_grow(&p, &cap, SIZE_MAX / 2 + 2, 1); /* the doubling would wrap past SIZE_MAX */
}

static void grow_elements_past_size_max(void)
{
	double *p = NULL;
	size_t cap = 0;
	cv_grow(&p, &cap, SIZE_MAX / sizeof *p + 1, sizeof *p);
}

static void arena_past_size_max(void)
{
	cv_arena *a = cv_arena_new();
	cv_arena_alloc(a, SIZE_MAX - 3); /* rounding up to the alignment would wrap to 0 */
}

/* cv_grow and CV_PUSH on arrays of any element type; sizes past SIZE_MAX abort instead of wrapping. */
static void test_grow(void)
{
	struct pt {
		double x, y;
	} *pts = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 1000; i++)
		*CV_PUSH(pts, n, cap) = (struct pt){i, -i};
	INT_EQ((long)n, 1000, "pushed");
	OK(cap >= n && pts[999].x == 999 && pts[0].y == 0 && pts[500].y == -500, "CV_PUSH kept the values");
	free(pts);
	OK(aborts(grow_past_size_max), "cv_grow to SIZE_MAX / 2 + 2 bytes aborts");
	OK(aborts(grow_elements_past_size_max), "cv_grow past SIZE_MAX bytes of doubles aborts");
	OK(aborts(arena_past_size_max), "cv_arena_alloc of SIZE_MAX - 3 bytes aborts");
}

static const char doc_yaml[] = "cv:\n  name: Ada Lovelace\n  headline: Analyst\n  sections:\n    Notes:\n"
			       "      - The first program, 1843\n"
			       "design:\n  font_size: 10.5pt\n  line_spacing: 1.35\n  margin: 1.5cm\n  name_size: 0.3in\n";

/* Loads, lays out and renders doc_yaml; the design's numbers in *ds. NULL on failure. */
static unsigned char *render_doc(const cv_fontset *fs, cv_design *ds, size_t *len)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"locale.yaml", doc_yaml, sizeof doc_yaml - 1},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	unsigned char *pdf = NULL;
	cv_dlist *dl = NULL;
	if (doc) {
		*ds = doc->design;
		cv_tailor(doc, NULL, d);
		dl = cv_layout(doc, fs, &(cv_env){"cv2pdf", 1700000000, 0}, d);
	}
	if (dl && cv_render_pdf(dl, fs, &(cv_env){"cv2pdf", 1700000000, 0}, &pdf, len, d) != CV_OK)
		pdf = NULL;
	if (!pdf)
		cv_diags_print(d, stderr, false, false);
	cv_dlist_free(dl);
	cv_doc_free(doc);
	cv_diags_free(d);
	return pdf;
}

/* A locale whose LC_NUMERIC writes 10,5 (its other categories are the "C" locale's): a definition of
 * one category, compiled by localedef with the ASCII character map in some 0.1 s. */
static const char comma_def[] = "comment_char %\nescape_char /\nLC_NUMERIC\ndecimal_point \",\"\n"
				"thousands_sep \".\"\ngrouping 3;3\nEND LC_NUMERIC\n";
#define COMMA_LOCALE "cv2pdf_COMMA"

/* Makes the locale in a new folder and sets LC_NUMERIC to it; false (after a failed check) when
 * that cannot be done. *dir is the folder (remove it after). */
static bool enter_comma_locale(const char *localedef, char *dir)
{
	strcpy(dir, "/tmp/cv2pdf-locale-XXXXXX");
	if (!mkdtemp(dir)) {
		OK(false, "mkdtemp");
		return false;
	}
	char def[256], cmd[1024];
	snprintf(def, sizeof def, "%s/comma.def", dir);
	FILE *f = fopen(def, "w");
	OK(f && fputs(comma_def, f) >= 0 && fclose(f) == 0, "writing %s", def);
	snprintf(cmd, sizeof cmd, "'%s' -c -i '%s' -f ANSI_X3.4-1968 '%s/%s' >/dev/null 2>&1", localedef, def, dir,
		 COMMA_LOCALE);
	int rc = system(cmd);
	/* localedef -c exits 1 for its warnings about the categories left out. */
	OK(rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) <= 1, "%s: exit %d", cmd, rc);
	setenv("LOCPATH", dir, 1);
	const char *got = setlocale(LC_NUMERIC, COMMA_LOCALE);
	OK(got != NULL, "setlocale(LC_NUMERIC, \"%s\") with LOCPATH=%s", COMMA_LOCALE, dir);
	/* The locale must really be in force, or this test proves nothing. */
	OK(got && strtod("10.5", NULL) == 10, "strtod reads \"10.5\" as %g under the comma locale", strtod("10.5", NULL));
	return got != NULL;
}

/* The line index agrees with libyaml's counting: CR LF, a lone CR, NEL and LS end lines; columns count
 * characters; the end of the text is a place too. */
static void test_srcfile(void)
{
	static const char text[] = "a: 1\r\nb: \xC3\xA9\xE4\xB8\xAD\r\n\rc\xC2\x85" "d\xE2\x80\xA8" "e";
	cv_srcfile *f = cv_srcfile_new("t.yaml", text, sizeof text - 1);
	INT_EQ(cv_srcfile_lines(f), 6, "lines of a text with CR LF, CR, NEL and LS breaks");
	int line, col;
	cv_srcfile_locate(f, 11, &line, &col); /* the Han character after "b: é" */
	OK(line == 2 && col == 5, "offset 11 is line 2, column 5 (after a 2-byte é), got %d:%d", line, col);
	cv_srcfile_locate(f, 17, &line, &col);
	OK(line == 4 && col == 1, "the line after a lone CR is line 4, got %d:%d", line, col);
	cv_srcfile_locate(f, 20, &line, &col);
	OK(line == 5 && col == 1, "the line after NEL is line 5, got %d:%d", line, col);
	cv_srcfile_locate(f, sizeof text - 1, &line, &col);
	OK(line == 6 && col == 2, "the end of the text is line 6, column 2, got %d:%d", line, col);
	cv_srcfile_locate(f, 1000, &line, &col);
	OK(line == 6 && col == 2, "an offset past the end is the end, got %d:%d", line, col);
	size_t start, len;
	OK(cv_srcfile_line(f, 2, &start, &len) && start == 6 && len == 8, "line 2 is 8 bytes at 6 without its CR LF");
	OK(cv_srcfile_line(f, 3, &start, &len) && start == 16 && len == 0, "line 3 is empty (a lone CR)");
	OK(cv_srcfile_line(f, 6, &start, &len) && start == 24 && len == 1, "the last line has no break");
	OK(!cv_srcfile_line(f, 7, &start, &len) && !cv_srcfile_line(f, 0, &start, &len), "no line 0 or 7");
	OK(cv_srcfile_retain(f) == f, "retain returns the source");
	cv_srcfile_release(f);
	cv_srcfile_release(f);

	f = cv_srcfile_new("n.yaml", "x\n", 2);
	cv_srcfile_locate(f, 2, &line, &col);
	OK(cv_srcfile_lines(f) == 2 && line == 2 && col == 1, "after a final line break: line 2, column 1");
	cv_srcfile_release(f);
	f = cv_srcfile_new("e.yaml", "", 0);
	cv_srcfile_locate(f, 0, &line, &col);
	OK(cv_srcfile_lines(f) == 1 && line == 1 && col == 1, "an empty text is one empty line");
	cv_srcfile_release(f);
}

/* The unspaced scripts' one table: Han of every plane, kana, CJK punctuation and full-width forms are
 * in it; Hangul (Korean spaces its words), Latin and the Yijing hexagrams after extension A are not. */
static void test_unspaced(void)
{
	static const uint32_t in[] = {0x4E2D, 0x3042, 0x30AB, 0x3002, 0xFF0C, 0xFF21, 0x2E80, 0x3105, 0x3400, 0xF900,
				      0x20BB7, 0x31350, 0x3FFFF};
	static const uint32_t out[] = {'a', 0xE9, 0xD55C, 0x3131, 0x1100, 0x4DC0, 0xA000, 0x2FFF, 0x40000};
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		OK(cv_cp_unspaced(in[i]), "U+%04X is unspaced", (unsigned)in[i]);
	for (size_t i = 0; i < sizeof out / sizeof *out; i++)
		OK(!cv_cp_unspaced(out[i]), "U+%04X is not unspaced", (unsigned)out[i]);
}

static void test_comma_locale(const char *localedef)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	OK(fs != NULL, "font set");
	cv_design c_ds = {0}, comma_ds = {0};
	size_t c_len = 0, comma_len = 0;
	unsigned char *c_pdf = fs ? render_doc(fs, &c_ds, &c_len) : NULL;
	OK(c_pdf != NULL, "render in the C locale");
	INT_EQ(lroundf(c_ds.font_size * 100), 1050, "font_size 10.5pt (hundredths of a point)");
	char dir[64];
	if (fs && enter_comma_locale(localedef, dir)) {
		unsigned char *comma_pdf = render_doc(fs, &comma_ds, &comma_len);
		setlocale(LC_NUMERIC, "C");
		OK(comma_pdf != NULL, "render in the comma locale");
		OK(comma_ds.font_size == c_ds.font_size && comma_ds.line_spacing == c_ds.line_spacing &&
			   comma_ds.margin_left == c_ds.margin_left && comma_ds.name_size == c_ds.name_size,
		   "the design's numbers differ under the comma locale: font %g line %g margin %g name %g", (double)comma_ds.font_size,
		   (double)comma_ds.line_spacing, (double)comma_ds.margin_left, (double)comma_ds.name_size);
		OK(comma_pdf && comma_len == c_len && memcmp(comma_pdf, c_pdf, c_len) == 0,
		   "the PDF differs under the comma locale (%zu vs %zu bytes)", comma_len, c_len);
		free(comma_pdf);
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		OK(system(cmd) == 0, "%s", cmd);
	}
	free(c_pdf);
	cv_fontset_free(fs);
	cv_diags_free(d);
	cv_text_thread_fini();
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--comma-locale") == 0)
		test_comma_locale(argv[2]);
	else {
		test_strtod();
		test_grow();
		test_srcfile();
		test_unspaced();
	}
	return harness_summary();
}
