/* Page layout: turns a tailored cv_doc into a display list, pages of positioned runs, rules and link
 * rectangles in points, with no libharu types. The display list is all the renderer sees.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LAYOUT_H
#define CV2PDF_LAYOUT_H

#include <stdio.h>

#include "env.h"
#include "model.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Coordinates: points, origin at the top-left corner of the page, y grows downwards. The renderer
 * flips them for PDF. */
typedef struct cv_rule {
	float x0, y0, x1, y1;
	float thickness;
	cv_color color;
} cv_rule;

typedef struct cv_link {
	float x0, y0, x1, y1; /* the clickable rectangle */
	const char *uri;      /* http(s):, mailto: or tel: only */
} cv_link;

/* A picture checked and decoded by layout (src/layout/picture.c), ready to embed: the bytes of a JPEG
 * file that PDF readers can decode as they are, or 8-bit pixels. The renderer never reads a file. */
typedef enum { CV_PICTURE_JPEG, CV_PICTURE_PIXELS } cv_picture_kind;
typedef struct cv_picture {
	cv_picture_kind kind;
	const unsigned char *data; /* JPEG: the whole file; PIXELS: h rows of w × channels bytes */
	size_t len;                /* bytes of data */
	unsigned w, h;             /* pixels */
	unsigned channels;         /* 1 grey, 3 RGB, 4 CMYK (a JPEG with Adobe's inverted CMYK only) */
	const unsigned char *alpha; /* PIXELS: h rows of w opacity bytes; NULL when opaque */
} cv_picture;

/* A picture (the photo) drawn into the box. */
typedef struct cv_image {
	float x0, y0, x1, y1;
	cv_picture pic;   /* data dlist-arena-owned */
	const char *path; /* the file it came from, dlist-arena-owned: for messages and output checks */
	cv_span span;     /* where the input names it, for a warning when it cannot be embedded */
} cv_image;

typedef struct cv_bookmark {
	const char *title; /* UTF-8, markup removed */
	int level;         /* 0 for sections, 1 for subsections */
	size_t page;
	float y;
} cv_bookmark;

typedef struct cv_page {
	cv_run *runs;
	size_t n_runs, cap_runs;
	cv_rule *rules;
	size_t n_rules, cap_rules;
	cv_link *links;
	size_t n_links, cap_links;
	cv_image *images;
	size_t n_images, cap_images;
} cv_page;

/* Document information for the PDF's Info dictionary; strings are layout-owned, NULL when absent. */
typedef struct cv_docinfo {
	const char *title, *author, *subject, *keywords, *language;
} cv_docinfo;

typedef struct cv_dlist {
	cv_arena *arena; /* strings of runs, links and bookmarks */
	float width, height; /* page size, points */
	cv_page *pages;
	size_t n_pages, cap_pages;
	cv_bookmark *bookmarks;
	size_t n_bookmarks, cap_bookmarks;
	cv_docinfo info;
	/* Whole layouts cv_layout() made to arrive at this one, itself included: 1, or the trials of a
	 * --max-pages search or of pulling a nearly empty last page back (tests count them). */
	unsigned layouts;
	/* The texts and advances of the runs laid out in the trials' memo (cv_text_cache_release), which
	 * runs point into; or NULL. The memo itself is freed once the layout is chosen. */
	cv_arena *texts;
} cv_dlist;

/* Lays out doc with fonts fs; env gives the time of the "last updated" line (NULL: epoch -1 and now 0,
 * 1 January 1970). Returns a display list (free with cv_dlist_free()) or NULL with errors in d. Never
 * keeps a pointer into doc: the model may be freed first. Reads no global state: two threads may lay
 * out two documents at once (sharing a font set) with different envs. */
cv_dlist *cv_layout(const cv_doc *doc, const cv_fontset *fs, const cv_env *env, cv_diags *d);

struct cv_letter_view;
/* Lays out doc's cover letter l (present.h, cv_present_letter) under the résumé's header, in its
 * theme, fonts, colours and page size, in one column. As cv_layout. */
cv_dlist *cv_layout_letter(const cv_doc *doc, const struct cv_letter_view *l, const cv_fontset *fs, const cv_env *env,
			   cv_diags *d);
void cv_dlist_free(cv_dlist *dl);

/* Writes the display list as text, one run per line with its face, size and position (--dump=layout). */
void cv_dlist_dump(const cv_dlist *dl, const cv_fontset *fs, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
