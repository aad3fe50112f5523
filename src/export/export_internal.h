/* Internals of the export stage: the growing text every emitter writes into, the entry as the walk
 * hands it over, and the emitter interface. walk.c calls an emitter's functions in reading order;
 * emit_txt.c, emit_md.c and emit_html.c each turn them into one format. Nothing outside src/export/
 * includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_EXPORT_INTERNAL_H
#define CV2PDF_EXPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "cv2pdf/export.h"
#include "cv2pdf/present.h"

/* ---- A growing text ---- */

typedef struct xbuf {
	char *s; /* malloc'd, NUL-terminated once anything is in it */
	size_t n, cap;
} xbuf;

void cv_xb_put(xbuf *b, const char *s, size_t n);
void cv_xb_puts(xbuf *b, const char *s);
void cv_xb_printf(xbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cv_xb_free(xbuf *b);

/* ---- What the walk hands the emitters ---- */

/* One piece of a paragraph's inline text. */
typedef struct xpiece {
	const char *text; /* markup removed */
	size_t len;
	unsigned style;   /* CV_BOLD | CV_ITALIC | CV_CODE */
	const char *link; /* the checked link (cv_link_check), or NULL: shown as text */
	bool link_start, link_end; /* the first and the last piece of one link */
} xpiece;

/* An entry as the PDF sets it by its theme's template (cv_present_entry). Texts are inline markup;
 * NULL when absent. */
typedef struct xentry {
	const cv_entry *e;
	const char *title;      /* the main column's first line ("**Company**, Position") */
	const char *const *column; /* the side columns' lines: the degree column's, then the date-and-
				    * location column's in its order ("Shenzhen", "Aug 2023 – present") */
	const cv_span *column_spans;
	size_t n_column;
	const char *dates;      /* the dates as the PDF writes them (cv_format_dates); a column line that
				 * is exactly this text is the dates */
	const char *start_text, *end_text; /* dates split into its ends, when it is exactly start, the
					    * language's range, end (or the start alone); else NULL */
	char start_iso[11], end_iso[11];   /* "2023-08" for a date cv2pdf wrote, "" for "present" */
	const char *duration;   /* how long it lasted, when the design shows it ("2 years 3 months"): a
				 * column line that is exactly this text is the time span; else NULL */
	int level;              /* the entry's heading level: its section's plus one */
} xentry;

/* Parts of a cover letter, in the order the walk hands them. */
typedef enum {
	XL_DATE,
	XL_ADDRESS,    /* one line of the recipient's block */
	XL_SUBJECT,
	XL_SALUTATION,
	XL_BODY,       /* a paragraph */
	XL_CLOSING,    /* a line of the closing (the Chinese convention's 此致, indented) */
	XL_CLOSING_FLUSH, /* the Chinese convention's second closing line (敬礼！), flush left */
	XL_SIGNATURE
} xletter;

typedef struct xw xw;

/* Lists nested deeper than this are written at this depth: highlights nest a few levels, and the
 * loader bounds nesting (CV_MAX_DEPTH), but an emitter's per-level state is a fixed array. */
#define CV_EXPORT_MAX_DEPTH 16

/* An emitter: the calls the walk makes, in reading order. Texts are inline markup; the emitter turns
 * them into pieces with cv_xw_inline. Every call may be NULL where a format has nothing to do. */
typedef struct cv_emitter {
	void (*begin)(xw *w);
	/* The header: the name and headline (inline markup, s NULL when absent) and the contact items. */
	void (*header)(xw *w, const cv_str *name, const cv_str *headline, const cv_contact *c, size_t n);
	void (*section)(xw *w, const cv_str *title, int level); /* level 0 for sections, 1 for subsections */
	void (*section_end)(xw *w, int level);
	void (*entry)(xw *w, const xentry *e);      /* the title line */
	void (*meta)(xw *w, const xentry *e);       /* the side columns, after the title lines beside
						     * them; the entry's other lines come as para */
	void (*entry_end)(xw *w);
	void (*para)(xw *w, const cv_str *text);                    /* a paragraph where the walk is */
	void (*line)(xw *w, const cv_str *label, const cv_str *details); /* a one-line entry */
	void (*list)(xw *w, int numbered, int level); /* numbered: 0 bullets, 1 counting up, -1 down */
	void (*item)(xw *w, const cv_str *text, int number, int level); /* number 0: a bullet */
	void (*item_para)(xw *w, const cv_str *text, int level); /* a paragraph continuing the open item */
	void (*item_end)(xw *w, int level);
	void (*list_end)(xw *w, int level);
	void (*group_end)(xw *w); /* after a run of one-line or list entries */
	void (*letter)(xw *w, xletter part, const cv_str *text, const char *iso_date);
	void (*end)(xw *w);
} cv_emitter;

extern const cv_emitter cv_emit_txt, cv_emit_md, cv_emit_html;

/* The state of one export. */
struct xw {
	const cv_emitter *em;
	const cv_doc *doc;
	const cv_export_opts *o;
	const cv_letter_view *letter; /* NULL: the résumé */
	cv_arena *a;
	cv_diags *d;
	xbuf out;
	/* The current paragraph's pieces (cv_xw_inline), reused. */
	xpiece *pieces;
	size_t n_pieces, cap_pieces;
	cv_mpiece *mp;
	size_t n_mp, cap_mp;
	/* Emitter state. */
	bool in_entry; /* between an entry's title block and its end (set by the walk) */
	bool spans;    /* the entries being walked show time spans (cv_shows_time_spans) */
	bool blank;    /* text formats: a blank line is due before the next block */
	bool started;  /* something has been written */
	int last_part; /* the letter's part written last (xletter), -1 before the first */
	int depth;     /* lists open */
	int list_kind[CV_EXPORT_MAX_DEPTH]; /* the numbered argument of each open list */
	int list_col[CV_EXPORT_MAX_DEPTH];  /* Markdown: the column its items' text starts at */
	int list_next[CV_EXPORT_MAX_DEPTH]; /* the number its next item should have */
};

/* s's inline markup as pieces in w->pieces (w->n_pieces), links checked (a refused one is a warning
 * at s's span). */
void cv_xw_inline(xw *w, const cv_str *s);

/* The walk (walk.c): the résumé, or the letter when w->letter is set. */
void cv_export_walk(xw *w);

#endif
