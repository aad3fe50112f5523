/* Diagnostics: one type for every error, warning and note of every stage, each with a source span so
 * that a fault found late (a missing glyph, a box taller than the page) still points at its YAML line.
 * Also the project-wide error codes (CV_E*).
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_DIAG_H
#define CV2PDF_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Internal APIs return 0 or one of these negative codes; what went wrong is said by the diagnostics,
 * so no function turns a code into text. */
enum {
	CV_OK = 0,
	CV_EINPUT = -1, /* the input is invalid; diagnostics say why */
	CV_EIO = -2,    /* a file could not be read or written */
	CV_EFONT = -3,  /* a font could not be found, read or used */
	CV_EPDF = -4,   /* libharu reported an error */
	CV_ELIMIT = -5, /* a built-in limit was exceeded */
	CV_EINTERNAL = -6
};

/* A place in a source file. Lines and columns are 1-based; 0 means unknown. Columns count characters
 * (as libyaml's marks do), not bytes. file is the name of a registered source (a cv_srcfile, alive while
 * any collection holding it is) or a string literal. */
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

/* A source text shared by reference (as jq's locfile): a copy of its name and bytes and the offsets
 * where its lines start, indexed once when it is made. It never changes after that, so threads may read
 * it at once; it is reference-counted (atomically), and every collection that quotes it holds one
 * reference, so the N jobs of a batch share one copy of the input, whichever is freed last freeing it.
 * Lines end at LF, CR LF, a lone CR, NEL, LS or PS: the breaks libyaml counts in its marks. */
typedef struct cv_srcfile cv_srcfile;

/* Copies name and text[0..len) and indexes the lines; one reference, released with cv_srcfile_release. */
cv_srcfile *cv_srcfile_new(const char *name, const char *text, size_t len);
/* Adds a reference to f and returns it; NULL stays NULL. */
cv_srcfile *cv_srcfile_retain(cv_srcfile *f);
/* Drops a reference; the last one frees f. NULL is ignored. */
void cv_srcfile_release(cv_srcfile *f);
const char *cv_srcfile_name(const cv_srcfile *f);
/* The text, NUL-terminated; *len (if len is not NULL) gets its length in bytes. Valid while f is. */
const char *cv_srcfile_text(const cv_srcfile *f, size_t *len);
/* The number of lines: the line breaks plus one (a text ending in a break ends with an empty line). */
size_t cv_srcfile_lines(const cv_srcfile *f);
/* The 1-based line that holds byte offset at (a break belongs to the line it ends); an offset past
 * the end is the end. A binary search of the index. */
int cv_srcfile_line_at(const cv_srcfile *f, size_t at);
/* Line `line` (1-based) as the byte offset of its start and its length without its line break; false
 * when there is no such line. */
bool cv_srcfile_line(const cv_srcfile *f, int line, size_t *start, size_t *len);
/* The 1-based line and column (in characters) of byte offset at; the end of the text (at == len) is
 * one column past the last character of the last line. */
void cv_srcfile_locate(const cv_srcfile *f, size_t at, int *line, int *col);

/* An empty collection. Caller frees with cv_diags_free(). */
cv_diags *cv_diags_new(void);
void cv_diags_free(cv_diags *d);

/* Registers the text of a source file so diagnostics can quote its lines: a new cv_srcfile (text is
 * copied once), which d holds. Returns its name for use as cv_span.file, valid while d (or another
 * holder of the source) lives. Several sources may share a name (each --set argument is "--set"): a
 * span quotes the one whose returned name it holds. */
const char *cv_diags_add_source(cv_diags *d, const char *name, const char *text, size_t len);
/* Registers a source made elsewhere: d takes a reference of its own. Returns cv_srcfile_name(f). */
const char *cv_diags_add_srcfile(cv_diags *d, cv_srcfile *f);
/* The source a span's file names (the one registered under that very pointer, else the first of that
 * name); NULL when d holds none. Valid while d is. */
const cv_srcfile *cv_diags_source(const cv_diags *d, const char *file);

/* Starts d as a continuation of from: d takes a reference to each of from's sources (no copy; from
 * may be freed first) and a copy of from's diagnostics. Many documents made from one parsed input (a
 * batch's variants) each report what the parse said, as each would have had it parsed the input itself. */
void cv_diags_inherit(cv_diags *d, const cv_diags *from);

/* Records a diagnostic. After CV_DIAG_MAX errors further errors are counted but not stored, and so are
 * warnings and notes after CV_DIAG_MAX of them. Control characters in the message are replaced. */
void cv_diag_add(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* cv_diag_add for a caller with its own variadic wrapper: no fixed buffer between the two, so that a
 * long message is cut once, in the middle, and not silently at the wrapper's buffer size. */
void cv_diag_vadd(cv_diags *d, cv_severity sev, const char *code, cv_span span, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
#define CV_DIAG_MAX 50 /* enough to fix a file in one pass; more only scrolls the first ones away */
/* Longest message kept, in bytes: room for a sentence around three paths of a deep tree. A longer one
 * (quoting a huge value) loses its middle, marked "…", and keeps its start and its end. */
#define CV_DIAG_MAX_MESSAGE 2048

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
