/* Internals of the layout stage: themes, the photo, the vertical line list that block layout produces
 * and pagination consumes. Nothing outside src/layout/ includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LAYOUT_INTERNAL_H
#define CV2PDF_LAYOUT_INTERNAL_H

#include "cv2pdf/layout.h"
#include "cv2pdf/present.h"

/* Pages a document may fill. A résumé has one or two, an academic CV with every publication thirty or
 * forty; 200 is beyond any real document, and bounds the layout time (about a second), the memory and
 * the size of the PDF that a runaway input (a paragraph repeated by a script) can cost. */
#define CV_MAX_PAGES 200
/* The longest string libharu writes into a PDF (HPDF_LIMIT_MAX_STRING_LEN): a line's run of text, a
 * document title, a bookmark. A value that would become a longer one is refused at its place in the
 * input (exit status 1) instead of failing inside the PDF writer. */
#define CV_MAX_PDF_STRING 65535

/* ---- Themes (theme.c) ---- */

/* Whether the section titled title (markup removed) goes in the sidebar: design.sidebar_sections
 * when given, otherwise a list of the usual sidebar titles (skills, education, languages, ...). */
bool cv_theme_in_sidebar(const cv_design *ds, const char *title);

/* ---- Photo (photo.c) and pictures (picture.c) ---- */

typedef struct cv_photo {
	const char *path; /* resolved against the YAML file's folder; layout-arena-owned */
	cv_picture pic;   /* decoded, layout-arena-owned */
	float w, h;       /* box on the page, points */
	cv_span span;
} cv_photo;

/* Reads and checks the photo doc names (cv.photo), into arena. Returns false, with a warning at its
 * span, when there is none or it cannot be shown: missing, not a regular file, over CV_PHOTO_MAX_BYTES,
 * or not a whole PNG or JPEG that a PDF can hold (cv_picture_decode). */
bool cv_photo_probe(const cv_doc *doc, float width, cv_arena *arena, cv_diags *d, cv_photo *out);

/* Checks that data[0..len) is a whole PNG or JPEG that a PDF can hold, decoding all of it, and fills
 * *out with what the renderer embeds (arena-owned). Returns NULL, or why not as a phrase for a
 * message ("a damaged PNG (libpng: ...)"), static or arena-owned. Never prints. */
const char *cv_picture_decode(const unsigned char *data, size_t len, cv_arena *arena, cv_picture *out);

/* ---- Vertical lines (blocks.c → paginate.c) ---- */

/* Moves a paragraph's line may wait for (see vline.dx): it is placed in its column once and then
 * moved by its entry's template and by its entry (2 or 3 in all); a fifth move copies its runs. */
#define VLINE_MOVES 4

typedef struct vline {
	/* The paragraph's runs, y = 0 on the baseline, x from the column's left edge once the moves in dx
	 * are made. They are the text engine's own (in the layout's or the memo's arena, shared by every
	 * trial layout: never written), not copies: a column held a copy of every run of the document
	 * beside the paragraphs and the pages (docs/performance.md). */
	const cv_run *para;
	/* Runs added to the line later (a list marker, dates beside a title, the space bridging them),
	 * copies in the layout's arena, in place (moved as they come): the first n_before of them go
	 * before the paragraph's, the others after. */
	cv_run *added;
	/* All of the line's runs (the paragraph's and those added), the paragraph's, and the added ones.
	 * 32 bits: a line holds one paragraph's runs of an input of at most CV_MAX_INPUT_BYTES, and a
	 * long document has thousands of lines. */
	uint32_t n_runs, n_para, n_added, n_before;
	/* Moves still to make to the x of every run of para, in order, points: added one at a time, as
	 * moving each run would (a float sum of the moves could round differently). */
	float dx[VLINE_MOVES];
	unsigned n_dx;
	float ascent;             /* baseline below the line's top, points */
	float height;             /* line pitch: top of this line to top of the next, points */
	float space_before;       /* extra space above; dropped at the top of a page */
	bool keep_with_next;      /* no page break between this line and the next */
	bool para_end;            /* the last line of a paragraph (text beside it cannot split one) */
	bool page_break_before;   /* an explicit page break */
	bool band;                /* a filled band of band_color behind the line, across the column */
	float rule_below;         /* thickness of a rule drawn under the line across the column; 0: none */
	float rule_from;          /* the rule starts this far from the column's left edge, points */
	float rule_to;            /* ... and ends this far from it; 0: at the column's right edge */
	float rule_mid;           /* > 0: the rule is this far above the baseline instead of under the line */
	float rule2_from, rule2_to; /* a second piece of the same rule when rule2_to > rule2_from (a centred
				     * title between two rules) */
	cv_color band_color;
	cv_color rule_color;
	int bookmark_level;
	const cv_photo *image;    /* the photo, at the line's top left */
	const char *bookmark;     /* a section starts here (title) */
} vline;

typedef struct vlist {
	vline *lines;
	size_t n_lines, cap_lines;
	/* The page limit's running count: lines measured so far and the height they fill, points. */
	size_t measured;
	float filled;
} vlist;

/* Run i of line v in reading order (the runs added before the paragraph's, the paragraph's, those
 * added after), with its x from the column's left edge. */
static inline cv_run cv_vline_run(const vline *v, size_t i)
{
	if (i < v->n_before)
		return v->added[i];
	i -= v->n_before;
	if (i >= v->n_para)
		return v->added[v->n_before + i - v->n_para];
	cv_run r = v->para[i];
	for (unsigned k = 0; k < v->n_dx; k++)
		r.x += v->dx[k];
	return r;
}

/* The three parts of a laid-out résumé before pagination, with their widths in points. */
typedef struct cv_columns {
	vlist head; /* across the page at the top of page 1: name, headline (contacts in one column) */
	vlist side; /* the sidebar; empty unless two */
	vlist main;
	float head_w, side_w, main_w;
	bool two;
	bool too_long; /* a column runs past CV_MAX_PAGES, or a value is too long for the PDF: an error is
			* in the diagnostics */
} cv_columns;

typedef struct cv_scale {
	float font, space; /* multipliers set by --max-pages; 1 = as designed */
	/* The side margins stay as designed (pulling back a last page tightens only vertically, so no
	 * paragraph is broken anew); --max-pages narrows them with the spacing. */
	bool keep_sides;
} cv_scale;

/* A size of the design that scales with the type (the body's, the name's, the headings', the photo's
 * width), in points, as set under sc: the trial layouts of --max-pages and the messages that report
 * the size they chose use this one formula. */
static inline float cv_scaled_size(cv_scale sc, float design_pt)
{
	return design_pt * sc.font;
}

/* The theme's spacing multiplier as set under sc (its vertical spaces are multiples of it). */
static inline float cv_scaled_spacing(cv_scale sc, float theme_spacing)
{
	return theme_spacing * sc.space;
}

/* Lays out doc's blocks into out (free with cv_columns_free), in the arrangement its design's theme
 * traits say. Run texts live in arena, or in memo (NULL: none; see cv_para_opts.cache), which must
 * then outlive out. In two columns, the main column's lines from index wide_from on (SIZE_MAX: none)
 * take the whole text width: the pages after the sidebar's last (layout.c starts them on a new page). */
void cv_blocks_layout(const cv_doc *doc, cv_scale sc, cv_today today, const cv_photo *photo, const cv_fontset *fs,
		      size_t wide_from, cv_text_cache *memo, cv_arena *arena, cv_diags *d, cv_columns *out);
/* The same for a cover letter: the header across the page, then the letter in one column (main). */
void cv_blocks_letter(const cv_doc *doc, const cv_letter_view *l, cv_today today, const cv_fontset *fs,
		      cv_arena *arena, cv_diags *d, cv_columns *out);
void cv_columns_free(cv_columns *cols);

/* ---- Pagination (paginate.c) ---- */

/* A column's place on the pages: x0 and width; it starts at y_start on page first_page and continues
 * at y0 on each following page; y1 is the bottom limit. From page wide_page on (when not 0) it takes
 * wide_x0 and wide_width instead: the main column where the sidebar has ended. fill: pages other than
 * the column's last end at y1, their white spread between entries (vertical justification). Pages
 * are added to dl as needed. */
typedef struct cv_region {
	float x0, width, y_start, y0, y1;
	size_t first_page;
	bool fill;
	size_t wide_page;
	float wide_x0, wide_width;
	bool underline; /* links are underlined */
} cv_region;

/* Flows vl's lines into region r, keeping the keep marks. Returns the y below the last line on the
 * last page written, and sets *last_page. Each call appends its runs after those already on a page, so
 * one column's text comes out together (the reading order of text extractors). */
float cv_flow(const vlist *vl, cv_dlist *dl, cv_region r, size_t *last_page);

/* The index of the first line of vl that cv_flow would put on page `page` or later (n_lines: none). */
size_t cv_flow_first_on(const vlist *vl, cv_region r, size_t page);

/* Gives back the room each page's runs array has beyond its runs (arrays grow by doubling: a page of
 * 600 runs had room for 1,024), as a page is done: two layouts' pages are held at once while trials
 * are compared, each page's runs a few dozen kilobytes. */
void cv_pages_trim(cv_dlist *dl);

/* The placeholders of a footer or top note and what they stand for: NAME, CURRENT_DATE and RenderCV's
 * date placeholders for the date of rendering (MONTH_NAME, DAY_IN_TWO_DIGITS, YEAR ...), longest
 * first, as cv_lang_fill matches them. */
enum { CV_NOTE_KEYS = 12 };
typedef struct cv_note_vals {
	const char *keys[CV_NOTE_KEYS];
	const char *vals[CV_NOTE_KEYS];
	size_t n;
} cv_note_vals;

/* Drops trailing empty pages, then adds the page footers when design.page_numbers is on: design.footer
 * (a template of the design's own) on every page, else the page number in loc's words ("1 / 2") when
 * there are two pages or more, with PAGE, TOTAL and the placeholders of v filled in; and top_note
 * (NULL: none) at the top right of the first page. Both may hold inline markup. */
void cv_footers(cv_dlist *dl, const cv_design *ds, float size, const char *top_note, const cv_note_vals *v,
		const cv_fontset *fs, const cv_locale *loc);

#endif
