/* Internals of the layout stage: the inline-markup parser, date formatting, the vertical line list
 * that block layout produces and pagination consumes. Nothing outside src/layout/ includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LAYOUT_INTERNAL_H
#define CV2PDF_LAYOUT_INTERNAL_H

#include "cv2pdf/layout.h"

/* Pages a document may fill. A résumé has one or two, an academic CV with every publication thirty or
 * forty; 200 is beyond any real document, and bounds the layout time (about a second), the memory and
 * the size of the PDF that a runaway input (a paragraph repeated by a script) can cost. */
#define CV_MAX_PAGES 200

/* ---- Inline markup (markup.c) ---- */

/* One piece of marked-up text: plain text with its style bits and link. */
typedef struct cv_mpiece {
	const char *text; /* arena-owned, markup and escapes removed */
	size_t len;
	unsigned style;   /* CV_BOLD | CV_ITALIC | CV_CODE */
	const char *link; /* arena-owned URI or NULL */
} cv_mpiece;

/* Parses **bold**, *italic*, ***bold italic***, `code`, [text](url) and backslash escapes in
 * s[0..len). Unmatched markers stay literal text. Pieces are appended to *out (a heap array with
 * *n used and *cap allocated; caller frees); their strings live in arena. */
void cv_markup_parse(const char *s, size_t len, cv_arena *arena, cv_mpiece **out, size_t *n, size_t *cap);

/* s without markup, arena-owned (bookmark titles, document info). */
const char *cv_markup_strip(const char *s, cv_arena *arena);

/* ---- Dates (dates.c) ---- */

/* The entry's dates as the document's language writes them: "Aug 2023 – present", "2023年8月 – 至今",
 * or the free-text date. Arena-owned; NULL when the entry has no date. */
const char *cv_format_dates(const cv_entry *e, const cv_locale *loc, cv_arena *arena);

/* ---- Vertical lines (blocks.c → paginate.c) ---- */

typedef struct vline {
	size_t first_run, n_runs; /* into vlist.runs: x from the column's left edge, y = 0 on the baseline */
	float ascent;             /* baseline below the line's top, points */
	float height;             /* line pitch: top of this line to top of the next, points */
	float space_before;       /* extra space above; dropped at the top of a page */
	bool keep_with_next;      /* no page break between this line and the next */
	bool page_break_before;   /* an explicit page break */
	float rule_below;         /* thickness of a rule drawn under the line across the column; 0: none */
	cv_color rule_color;
	const char *bookmark;     /* a section starts here (title) */
	int bookmark_level;
} vline;

typedef struct vlist {
	cv_run *runs;
	size_t n_runs, cap_runs;
	vline *lines;
	size_t n_lines, cap_lines;
} vlist;

/* Places the lines on pages of dl, left edge x0, top y0, bottom limit y1; adds footers. */
void cv_paginate(const vlist *vl, cv_dlist *dl, float x0, float y0, float y1, float width, const cv_design *ds,
		 const cv_fontset *fs, const char *lang);

#endif
