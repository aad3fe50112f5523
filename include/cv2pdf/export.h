/* Export: the tailored model as plain text, Markdown or HTML, the résumé or its cover letter. One walk
 * over the model drives an emitter per format (src/export/), so a new kind of section is added once.
 * It reads the model and the shared presentation (present.h); it never lays out pages and never
 * touches the PDF writer.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_EXPORT_H
#define CV2PDF_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "present.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an output is written as. Checklist when adding one: formats[] in src/export/export.c, an
 * emitter (src/export/emit_*.c), docs/outputs.md and the man page. */
typedef enum { CV_FORMAT_PDF, CV_FORMAT_TXT, CV_FORMAT_MD, CV_FORMAT_HTML, CV_FORMAT_COUNT } cv_format;

/* The format a name stands for: "pdf", "txt" (or "text"), "md" (or "markdown"), "html" (or "htm"), in
 * any case. False for any other name. */
bool cv_format_find(const char *name, cv_format *out);
/* The format a file name's extension stands for (cv.txt, cv.MD, cv.html); false when it has none of
 * theirs. */
bool cv_format_of_path(const char *path, cv_format *out);
/* The format's file extension without the dot ("pdf", "txt", "md", "html"). Static. */
const char *cv_format_ext(cv_format f);

/* Longest plain-text line --text-width allows: beyond it nothing is wrapped in practice. */
#define CV_TEXT_WIDTH_MAX 1000
/* Shortest: a line narrower than a date range cannot be read. */
#define CV_TEXT_WIDTH_MIN 20

typedef struct cv_export_opts {
	int text_width;   /* plain text: wrap at this many columns (a wide CJK character counts two),
			   * CV_TEXT_WIDTH_MIN to CV_TEXT_WIDTH_MAX; 0: each paragraph on one line */
	bool letter;      /* the cover letter (doc->letter must be present) instead of the résumé */
	int year, month, day; /* the render's date: a letter's date when it gives none, the open end of
			       * time spans */
	const char *generator; /* HTML: the program and version for <meta name="generator">; NULL: none */
} cv_export_opts;

/* doc's cover letter as set (cv_present_letter) into out, dated year-month-day when it gives no date.
 * False, with a "no-letter" error in d, when the document has none. */
bool cv_export_letter_view(const cv_doc *doc, int year, int month, int day, cv_arena *arena, cv_letter_view *out,
			   cv_diags *d);

/* Writes doc (tailored) in format f (not CV_FORMAT_PDF) into a new malloc'd buffer *out of *len
 * bytes, NUL-terminated (caller frees). Links the PDF would not make (javascript:, file:) are shown
 * as text, with an "unsafe-link" warning in d. Returns CV_OK, or CV_EINPUT when o->letter asks for
 * a letter the document lacks (an error in d). */
int cv_export(const cv_doc *doc, cv_format f, const cv_export_opts *o, char **out, size_t *len, cv_diags *d);

#ifdef __cplusplus
}
#endif

#endif
