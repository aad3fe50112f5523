/* Helpers for the loader's unit tests (test_load.c, test_formats.c): load text from memory as
 * "t.yaml", and find a diagnostic by code, severity, place and message.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LOAD_HELPERS_H
#define CV2PDF_LOAD_HELPERS_H

#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "harness.h"

/* The source tree's themes: the library looks for them only where the caller says (the command line
 * finds them, src/cli/env.c). */
static inline cv_doc *load(const char *yaml, cv_diags *d)
{
	cv_source src = {"t.yaml", yaml, strlen(yaml)};
	cv_load_opts o = {.theme_dir = CV2PDF_TEST_THEME_DIR};
	return cv_load_ex(&src, &o, d);
}

/* Loads yaml as --lang lang would (lang NULL: the document's own language). */
static inline cv_doc *load_lang(const char *yaml, const char *lang, cv_diags *d)
{
	cv_source src = {"t.yaml", yaml, strlen(yaml)};
	cv_load_opts o = {.lang = lang, .theme_dir = CV2PDF_TEST_THEME_DIR};
	return cv_load_ex(&src, &o, d);
}

/* Loads text that must load cleanly (no errors; warnings allowed). Prints the diagnostics when not. */
static inline cv_doc *load_ok(int line, const char *yaml, cv_diags *d)
{
	cv_doc *doc = load(yaml, d);
	OK(doc && cv_diags_errors(d) == 0, "line %d: the document should load", line);
	if (!doc || cv_diags_errors(d))
		cv_diags_print(d, stderr, false, false);
	return doc;
}
#define LOAD_OK(yaml, d) load_ok(__LINE__, yaml, d)

static inline size_t count_code(const cv_diags *d, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < cv_diags_count(d); i++)
		n += strcmp(cv_diags_at(d, i)->code, code) == 0;
	return n;
}

static inline size_t count_severity(const cv_diags *d, cv_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < cv_diags_count(d); i++)
		n += cv_diags_at(d, i)->severity == sev;
	return n;
}

/* Checks that d holds a diagnostic with code, severity sev, starting at line:col (0: don't check) and
 * whose message contains needle (NULL: don't check). */
static inline void expect_diag(int src_line, const cv_diags *d, const char *code, cv_severity sev, int line, int col,
			const char *needle)
{
	const cv_diag *g = NULL;
	for (size_t i = 0; i < cv_diags_count(d) && !g; i++) {
		const cv_diag *c = cv_diags_at(d, i);
		if (strcmp(c->code, code) == 0 && (!needle || strstr(c->message, needle)))
			g = c;
	}
	OK(g != NULL, "line %d: no \"%s\" diagnostic%s%s", src_line, code, needle ? " mentioning " : "",
	   needle ? needle : "");
	if (!g) {
		cv_diags_print(d, stderr, false, false);
		return;
	}
	OK(g->severity == sev, "line %d: \"%s\" has severity %d, want %d", src_line, code, (int)g->severity, (int)sev);
	if (line)
		OK(g->span.line == line && g->span.col == col, "line %d: \"%s\" at %d:%d, want %d:%d (%s)", src_line, code,
		   g->span.line, g->span.col, line, col, g->message);
	OK(g->span.file && strcmp(g->span.file, "t.yaml") == 0, "line %d: \"%s\" names file %s", src_line, code,
	   g->span.file ? g->span.file : "(null)");
}
#define EXPECT_ERROR(d, code, line, col, needle) expect_diag(__LINE__, d, code, CV_ERROR, line, col, needle)
#define EXPECT_WARNING(d, code, line, col, needle) expect_diag(__LINE__, d, code, CV_WARNING, line, col, needle)
#define EXPECT_NOTE(d, code, line, col, needle) expect_diag(__LINE__, d, code, CV_NOTE, line, col, needle)

/* Loads text that must fail; returns the diagnostics (caller frees). */
static inline cv_diags *load_fail(int line, const char *yaml, size_t len)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"t.yaml", yaml, len}, &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	OK(doc == NULL, "line %d: the document should be refused", line);
	OK(cv_diags_errors(d) > 0, "line %d: a refused document needs an error", line);
	cv_doc_free(doc);
	return d;
}
#define LOAD_FAIL(yaml) load_fail(__LINE__, yaml, strlen(yaml))

#define NEAR(got, want, what)                                                                       \
	do {                                                                                        \
		double g_ = (double)(got), w_ = (double)(want);                                     \
		OK(g_ - w_ < 0.01 && w_ - g_ < 0.01, "%s: got %.3f, want %.3f", (what), g_, w_);     \
	} while (0)


#endif
