/* Diagnostics: one type for every error, warning and note of every stage, each with a source span so
 * that a fault found late (a missing glyph, a box taller than the page) still points at its YAML line.
 * Also the project-wide error codes (CV_E*) and cv_strerror().
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_DIAG_H
#define CV2PDF_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Internal APIs return 0 or one of these negative codes. */
enum {
	CV_OK = 0,
	CV_EINPUT = -1, /* the input is invalid; diagnostics say why */
	CV_EIO = -2,    /* a file could not be read or written */
	CV_EFONT = -3,  /* a font could not be found, read or used */
	CV_EPDF = -4,   /* libharu reported an error */
	CV_ELIMIT = -5, /* a built-in limit was exceeded */
	CV_EINTERNAL = -6
};
/* A static English description of a CV_E* code. */
const char *cv_strerror(int code);

/* A place in a source file. Lines and columns are 1-based; 0 means unknown. file is owned by the
 * cv_diags source table (or is a string literal) and outlives every span that names it. */
typedef struct cv_span {
	const char *file;
	int line, col;         /* first character */
	int end_line, end_col; /* last character, inclusive */
} cv_span;

typedef enum { CV_NOTE, CV_WARNING, CV_ERROR } cv_severity;

typedef struct cv_diag {
	cv_severity severity;
	const char *code; /* stable identifier, e.g. "yaml-syntax", "missing-glyph"; static string */
	cv_span span;
	char *message;    /* owned by the cv_diags; no trailing newline */
} cv_diag;

typedef struct cv_diags cv_diags;

/* An empty collection. Caller frees with cv_diags_free(). */
cv_diags *cv_diags_new(void);
void cv_diags_free(cv_diags *d);

/* Registers the text of a source file so diagnostics can quote its lines. Returns the stored copy of
 * name, owned by d, for use as cv_span.file. text is copied. */
const char *cv_diags_add_source(cv_diags *d, const char *name, const char *text, size_t len);

/* Starts d as a continuation of from: d quotes from's sources without copying them (from must outlive
 * d) and holds a copy of from's diagnostics. Many documents made from one parsed input (a batch's
 * variants) each report what the parse said, as each would have had it parsed the input itself. */
void cv_diags_inherit(cv_diags *d, const cv_diags *from);

/* Records a diagnostic. After CV_DIAG_MAX errors further errors are counted but not stored, and so are
 * warnings and notes after CV_DIAG_MAX of them. Control characters in the message are replaced. */
void cv_diag_add(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
#define CV_DIAG_MAX 50 /* enough to fix a file in one pass; more only scrolls the first ones away */
/* Longest message kept, in bytes; longer ones (quoting a huge value) are cut with "…". */
#define CV_DIAG_MAX_MESSAGE 400

size_t cv_diags_count(const cv_diags *d);
size_t cv_diags_errors(const cv_diags *d);
const cv_diag *cv_diags_at(const cv_diags *d, size_t i);

/* Removes from d every diagnostic that seen holds too (same severity, code, place and message), so
 * that messages about a file several jobs load are reported once. Counts are unchanged. */
void cv_diags_drop_seen(cv_diags *d, const cv_diags *seen);

/* Puts the diagnostics in reading order: by file (in the order the sources were registered, then
 * files that were not, then messages with no file), then line and column; the order they were added
 * breaks ties. Reporting happens after a stage has finished, when its messages arrive in the order
 * its checks ran, not the order of the file. */
void cv_diags_sort(cv_diags *d);

/* Prints every diagnostic as "file:line:col: error: message", then the source line and carets under
 * the span; a note with no file (a status line such as "wrote cv.pdf") as "cv2pdf: message". color
 * adds ANSI colours; errors_only leaves out warnings and notes. */
void cv_diags_print(const cv_diags *d, FILE *out, bool color, bool errors_only);

#ifdef __cplusplus
}
#endif

#endif
