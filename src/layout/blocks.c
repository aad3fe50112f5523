/* Block layout: the résumé's parts (header, summary, section headings, entries, highlights) become a
 * list of vertical lines of positioned runs, with keep-together marks for pagination.
 * It decides what goes where on a line; the text engine decides where lines break.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* Lines of content kept with a title or heading above them, and lines kept together at the end of an
 * entry or section: widows and orphans of two lines, as the page-breaking rules ask. */
#define CONTENT_KEPT 2
/* Paragraphs of at most this many lines (a highlight, a short summary) never break across pages. */
#define PARA_WHOLE 5
/* Highlights nest at most this deep visually; deeper levels keep the last indent. */
#define MAX_INDENT_LEVELS 4

typedef struct lctx {
	const cv_doc *doc;
	const cv_design *ds;
	const cv_theme *th;
	const cv_fontset *fs;
	cv_diags *d;
	cv_arena *arena; /* the display list's arena */
	vlist *vl;       /* the column being filled */
	float width;     /* that column's width, points */
	float page_body; /* usable page height, points */
	const char *lang;    /* the document's BCP 47 tag, for the text engine */
	const cv_lang *words; /* the document's punctuation and labels (dates: doc->locale.words) */
	float size;      /* body font size, points */
	float name_size, head_size; /* points */
	float pitch;     /* body line pitch, points */
	float sscale;    /* vertical spacing multiplier (theme × --max-pages) */
	cv_color color_name, color_head;
	const char *bullet;
	bool stacked;    /* contact items one per line */
	bool justify;    /* justified paragraphs in this column */
	bool one_size;   /* every text of this column at the body size (the sidebar: see tighten_sidebar) */
	/* The main column widens where the sidebar has ended: its lines from wide_from on (an index into
	 * main's lines; SIZE_MAX: never) are wide_extra points wider. */
	vlist *main;
	size_t wide_from;
	float wide_extra;
	cv_text_cache *memo; /* trial layouts: paragraphs set before are taken from it; NULL otherwise */
	/* Scratch inline list, reused for every paragraph. */
	cv_inline *in;
	size_t n_in, cap_in;
	cv_mpiece *pieces;
	size_t n_pieces, cap_pieces;
	bool too_long; /* a column ran past CV_MAX_PAGES or a value is too long: stop laying out */
} lctx;

typedef struct tstyle {
	float size;
	unsigned style;
	cv_color color;
} tstyle;

/* ---- Inline building ------------------------------------------------------------------------- */

static void clear_inlines(lctx *c)
{
	c->n_in = 0;
}

/* Chinese has no italic: a field that holds Han is set upright as a whole, rather than half slanted
 * ("深圳 Shenzhen", "Research Intern（研究实习生）"). */
static unsigned upright_if_han(const char *s, unsigned style)
{
	return (style & CV_ITALIC) && cv_text_has_han(s, strlen(s)) ? style & ~(unsigned)CV_ITALIC : style;
}

/* Adds plain text (no markup) with a style. */
static void add_plain(lctx *c, const char *s, tstyle st, const char *link, cv_span span)
{
	if (!s || !*s)
		return;
	st.style = upright_if_han(s, st.style);
	cv_inline *in = CV_PUSH(c->in, c->n_in, c->cap_in);
	memset(in, 0, sizeof *in);
	in->text = s;
	in->len = strlen(s);
	in->style = st.style;
	in->size = st.size;
	in->color = st.color;
	in->link = link;
	in->span = span;
}

/* A link of the input, checked (present.h); the copy lives in the layout arena, since the display
 * list must not point into the model, which may be freed before rendering (a batch of variants does
 * that). */
static const char *safe_link(lctx *c, const char *uri, cv_span span)
{
	return cv_present_link(uri, span, c->arena, c->d);
}

/* Adds marked-up text: **bold** etc. on top of the base style. */
static void add_marked(lctx *c, const char *s, tstyle st, const char *link, cv_span span)
{
	if (!s || !*s)
		return;
	c->n_pieces = 0;
	cv_markup_parse(s, strlen(s), c->arena, &c->pieces, &c->n_pieces, &c->cap_pieces);
	bool han = cv_text_has_han(s, strlen(s));
	/* The pieces of one link share its URI: they keep sharing the checked copy, so that pagination
	 * merges their rectangles into one link. */
	const char *src = NULL, *checked = NULL;
	for (size_t i = 0; i < c->n_pieces; i++) {
		const cv_mpiece *p = &c->pieces[i];
		tstyle ps = st;
		ps.style |= p->style & (CV_BOLD | CV_ITALIC);
		if (han)
			ps.style &= ~(unsigned)CV_ITALIC;
		if (p->link && p->link != src) {
			src = p->link;
			checked = safe_link(c, p->link, span);
		}
		const char *l = p->link ? checked : link;
		if (l && p->link)
			ps.color = c->ds->color_link;
		cv_inline *in = CV_PUSH(c->in, c->n_in, c->cap_in);
		memset(in, 0, sizeof *in);
		in->text = p->text;
		in->len = p->len;
		in->style = ps.style | (p->style & CV_CODE);
		in->size = ps.size;
		in->color = ps.color;
		in->link = l;
		in->span = span;
	}
}

/* ---- Lines ----------------------------------------------------------------------------------- */

typedef struct place {
	float x;         /* left edge of the paragraph in the column */
	float width;
	bool justify;
	bool center;
	float pitch;     /* line pitch; 0: from the text size */
} place;

/* Lines [from, to) of the current column stay on one page. */
static void keep_range(lctx *c, size_t from, size_t to)
{
	for (size_t i = from; i + 1 < to && i + 1 < c->vl->n_lines; i++)
		c->vl->lines[i].keep_with_next = true;
}

/* Extra width of the current column's line `line` (the widened main column), points. */
static float wider(const lctx *c, size_t line)
{
	return c->vl == c->main && line >= c->wide_from ? c->wide_extra : 0;
}

/* Lays out the current inlines as a paragraph and appends its lines. Returns the index of the first
 * line appended, or (size_t)-1 when there was nothing to lay out. */
/* How far a sidebar contact item may stick out of its column before it is reported: a hair, which
 * no reader sees (rounding of glyph advances). */
#define CONTACT_SLACK_PT 0.5f

/* Lays out the pending inlines. A run of text longer than one PDF string holds (one unbreakable piece)
 * stops the layout with an error at the inline it came from. */
static void text_layout(lctx *c, const cv_para_opts *o, cv_para *para)
{
	cv_text_layout(c->fs, c->in, c->n_in, o, c->arena, para, c->d);
	for (size_t r = 0; r < para->n_runs && !c->too_long; r++)
		if (para->runs[r].len > CV_MAX_PDF_STRING) {
			/* A run is a piece of one inline: the first one long enough is where it came from. */
			size_t at = 0;
			while (at + 1 < c->n_in && c->in[at].len <= CV_MAX_PDF_STRING)
				at++;
			cv_diag_add(c->d, CV_ERROR, "too-long", c->in[at].span,
				    "a piece of text without a place to break it is %zu bytes long, more than a PDF "
				    "text string holds (%d); refusing to typeset it",
				    para->runs[r].len, CV_MAX_PDF_STRING);
			c->too_long = true;
		}
}

static size_t flush_para(lctx *c, place pl)
{
	if (!c->n_in)
		return (size_t)-1;
	cv_para para;
	cv_para_opts o = {.width = pl.width, .justify = pl.justify, .lang = c->lang, .hyphenate = c->ds->hyphenate,
			  .cache = c->memo};
	size_t at = c->vl->n_lines;
	if (c->vl == c->main && c->wide_from != SIZE_MAX && !pl.center) {
		/* Lines from wide_from on take the full width (a paragraph may straddle it). */
		o.lines_at_width = c->wide_from > at ? c->wide_from - at : 0;
		o.rest_width = pl.width + c->wide_extra;
	}
	text_layout(c, &o, &para);
	/* A contact item in the sidebar is meant to stay on one line (an address split over two is
	 * misread by extractors and by people): one wider than the column is either broken inside or
	 * runs into the gutter, so say so. */
	float natural = 0;
	for (size_t l = 0; c->stacked && l < para.n_lines; l++)
		natural += para.lines[l].width;
	if (c->stacked && (para.n_lines > 1 || natural > pl.width + CONTACT_SLACK_PT))
		cv_diag_add(c->d, CV_WARNING, "too-wide", c->in[0].span,
			    "\"%.*s\" is %.0fpt wider than the sidebar, so it does not fit on one line; shorten it, or use a "
			    "one-column theme",
			    (int)c->in[0].len, c->in[0].text, (double)(natural - pl.width));
	clear_inlines(c);
	vlist *vl = c->vl;
	size_t first = vl->n_lines;
	float size = 0;
	for (size_t r = 0; r < para.n_runs; r++)
		if (para.runs[r].size > size)
			size = para.runs[r].size;
	float pitch = pl.pitch > 0 ? pl.pitch : size * c->ds->line_spacing;
	for (size_t l = 0; l < para.n_lines; l++) {
		const cv_line *pline = &para.lines[l];
		vline *v = CV_PUSH(vl->lines, vl->n_lines, vl->cap_lines);
		memset(v, 0, sizeof *v);
		v->first_run = vl->n_runs;
		float shift = pl.x + (pl.center ? (pl.width - pline->width) / 2 : 0);
		for (size_t r = pline->first_run; r < pline->first_run + pline->n_runs; r++) {
			cv_run *run = CV_PUSH(vl->runs, vl->n_runs, vl->cap_runs);
			*run = para.runs[r];
			run->x += shift;
		}
		v->n_runs = vl->n_runs - v->first_run;
		/* One baseline grid per paragraph (rule 19): the ascent is the paragraph's font size share
		 * of the pitch, not the tallest glyph of this line. */
		v->height = pitch;
		v->ascent = size * 0.93f + (pitch - size * 1.2f) / 2;
	}
	/* A paragraph of up to PARA_WHOLE lines stays on one page: split across a page, its text would
	 * extract with the page's footer in the middle, and applicant-tracking systems then miss it.
	 * A longer one keeps its first two and last two lines together (widows and orphans). */
	size_t n = para.n_lines;
	if (n <= PARA_WHOLE)
		keep_range(c, first, first + n);
	else {
		vl->lines[first].keep_with_next = true;
		vl->lines[first + n - 2].keep_with_next = true;
	}
	return n ? first : (size_t)-1;
}

/* Joins the text already on line v to right-aligned text starting at x with one space as wide as the
 * gap (a space glyph scaled horizontally): text extractors then read the date as part of its title's
 * line, in reading order, instead of a block of its own that pdfminer slots between other lines; and
 * the space is a real one, not a gap to guess from. first is the right text's first run. */
static void bridge(lctx *c, const vline *v, const cv_run *first, float x)
{
	float end = 0;
	for (size_t r = v->first_run; r < v->first_run + v->n_runs; r++)
		if (c->vl->runs[r].x + c->vl->runs[r].width > end)
			end = c->vl->runs[r].x + c->vl->runs[r].width;
	float sw = cv_text_measure(c->fs, first->face, first->size, " ", 1);
	if (!v->n_runs || x <= end || sw <= 0)
		return;
	float *adv = cv_arena_alloc(c->arena, sizeof *adv);
	*adv = x - end;
	cv_run *run = CV_PUSH(c->vl->runs, c->vl->n_runs, c->vl->cap_runs);
	*run = (cv_run){.text = " ", .len = 1, .x = end, .width = x - end, .size = first->size, .adv = adv, .n_adv = 1,
			.face = first->face, .hscale = (x - end) / sw, .color = first->color};
}

/* Adds a run of text right-aligned at the column's right edge on line `line` (already laid out). */
static void add_right(lctx *c, size_t line, const char *text, tstyle st, float right)
{
	if (!text || !*text || line == (size_t)-1)
		return;
	add_marked(c, text, st, NULL, (cv_span){0});
	cv_para para;
	cv_para_opts o = {.width = 1e5f, .lang = c->lang, .cache = c->memo};
	text_layout(c, &o, &para);
	clear_inlines(c);
	if (!para.n_lines)
		return;
	vlist *vl = c->vl;
	vline *v = &vl->lines[line];
	float w = para.lines[0].width;
	/* The line's runs must stay contiguous: right-aligned runs can only be added to the last line. */
	if (line + 1 != vl->n_lines || !para.lines[0].n_runs)
		return;
	right += wider(c, line);
	bridge(c, v, &para.runs[para.lines[0].first_run], right - w);
	for (size_t r = 0; r < para.lines[0].n_runs; r++) {
		cv_run *run = CV_PUSH(vl->runs, vl->n_runs, vl->cap_runs);
		*run = para.runs[para.lines[0].first_run + r];
		run->x += right - w;
	}
	v->n_runs = vl->n_runs - v->first_run;
}

static float measure_marked(lctx *c, const char *text, tstyle st)
{
	if (!text || !*text)
		return 0;
	add_marked(c, text, st, NULL, (cv_span){0});
	cv_para para;
	cv_para_opts o = {.width = 1e5f, .lang = c->lang, .cache = c->memo};
	text_layout(c, &o, &para);
	clear_inlines(c);
	return para.n_lines ? para.lines[0].width : 0;
}

static void space_before(lctx *c, size_t line, float space)
{
	space *= c->sscale;
	if (line != (size_t)-1 && line < c->vl->n_lines && c->vl->lines[line].space_before < space)
		c->vl->lines[line].space_before = space;
}


/* A font size of factor × the body size, except in a one-size column. */
static float sized(const lctx *c, float factor)
{
	return c->one_size ? c->size : c->size * factor;
}

static tstyle body(const lctx *c)
{
	return (tstyle){c->size, 0, c->ds->color_text};
}

/* ---- Header ---------------------------------------------------------------------------------- */

static void contact_item(lctx *c, bool *first, const char *text, const char *link, cv_span span)
{
	tstyle st = body(c);
	st.size = sized(c, 0.95f);
	if (c->stacked && !*first) {
		/* One item per line: each is its own paragraph. */
		flush_para(c, (place){.width = c->width});
		*first = true;
	}
	if (!*first) {
		/* The line wraps only between items, and the separator vanishes where it does. */
		tstyle sep = st;
		sep.color = 0x888888;
		sep.style |= CV_SEPARATOR;
		add_plain(c, "  |  ", sep, NULL, span);
	}
	*first = false;
	if (link)
		st.color = c->ds->color_link;
	st.style |= CV_NOBREAK;
	add_plain(c, text, st, link, span);
}

/* The name and headline: centred, or flush left in themes that say so. */
static void layout_name(lctx *c)
{
	const cv_doc *doc = c->doc;
	place head = {.x = 0, .width = c->width, .center = !c->th->header_left};
	if (doc->name.s) {
		add_marked(c, doc->name.s, (tstyle){c->name_size, CV_BOLD, c->color_name}, NULL, doc->name.span);
		flush_para(c, head);
	}
	if (doc->headline.s) {
		add_marked(c, doc->headline.s, (tstyle){c->size * 1.1f, 0, c->ds->color_text}, NULL, doc->headline.span);
		size_t l = flush_para(c, head);
		space_before(c, l, c->size * 0.2f);
	}
}

/* The contact details: one line of items separated by bars (stacked = false), or one item per line
 * (the sidebar's narrow column). */
static void layout_contacts(lctx *c, bool stacked)
{
	const cv_doc *doc = c->doc;
	place head = {.x = 0, .width = c->width, .center = !c->th->header_left && !stacked};
	c->stacked = stacked;
	bool first = true;
	size_t n;
	const cv_contact *items = cv_present_contacts(doc, c->arena, c->d, &n);
	for (size_t i = 0; i < n; i++)
		contact_item(c, &first, items[i].text, items[i].link, items[i].span);
	size_t l = flush_para(c, head);
	if (!stacked)
		space_before(c, l, c->size * 0.45f);
	c->stacked = false;
}

static bool has_contacts(const cv_doc *doc)
{
	return doc->location.s || doc->email.n || doc->phone.n || doc->website.n || doc->n_social || doc->n_connections;
}

/* ---- Entries --------------------------------------------------------------------------------- */

/* The hanging indent for a list's markers: room for the widest one ("10." in a list of ten). */
static float marker_room(lctx *c, bool numbered, size_t count)
{
	if (!numbered)
		return c->size * 0.9f;
	char widest[24];
	snprintf(widest, sizeof widest, "%zu.", count);
	float w = measure_marked(c, widest, body(c)) + c->size * 0.45f;
	return w > c->size * 1.6f ? w : c->size * 1.6f;
}

/* A list item whose text starts x from the column's left edge, its marker ("•", "1.") in the hanging
 * indent, right-aligned against the text. */
static size_t list_item_at(lctx *c, const cv_str *text, const char *marker, float x, float space)
{
	if (!text->s)
		return (size_t)-1;
	add_marked(c, text->s, body(c), NULL, text->span);
	size_t l = flush_para(c, (place){.x = x, .width = c->width - x, .justify = c->justify});
	if (l == (size_t)-1)
		return l;
	space_before(c, l, space);
	/* The marker goes on the item's first line, right-aligned against the text; the runs of that
	 * line must stay contiguous, so the marker is laid out and inserted before them. */
	tstyle ms = body(c);
	if (marker[0] != '\0' && !(marker[0] >= '0' && marker[0] <= '9'))
		ms.color = c->ds->color_primary;
	add_plain(c, marker, ms, NULL, text->span);
	cv_para para;
	cv_para_opts o = {.width = 1e5f, .lang = NULL, .cache = c->memo}; /* a list marker: no language */
	text_layout(c, &o, &para);
	clear_inlines(c);
	if (para.n_lines && para.lines[0].n_runs) {
		vlist *vl = c->vl;
		vline *v = &vl->lines[l];
		size_t add_n = para.lines[0].n_runs;
		cv_grow((void **)&vl->runs, &vl->cap_runs, vl->n_runs + add_n, sizeof *vl->runs);
		memmove(&vl->runs[v->first_run + add_n], &vl->runs[v->first_run],
			(vl->n_runs - v->first_run) * sizeof *vl->runs);
		float mw = para.lines[0].width;
		for (size_t r = 0; r < add_n; r++) {
			cv_run run = para.runs[para.lines[0].first_run + r];
			run.x += x - c->size * 0.45f - mw;
			vl->runs[v->first_run + r] = run;
		}
		vl->n_runs += add_n;
		v->n_runs += add_n;
		for (size_t k = l + 1; k < vl->n_lines; k++)
			vl->lines[k].first_run += add_n;
	}
	return l;
}

/* A list item: a marker ("•", "1.") in the hanging indent (marker_w wide), the text beside it. */
static size_t layout_list_item(lctx *c, const cv_str *text, const char *marker, float marker_w, int level,
			       float space)
{
	if (level >= MAX_INDENT_LEVELS)
		level = MAX_INDENT_LEVELS - 1;
	float step = c->size * 1.1f;
	return list_item_at(c, text, marker, step * 0.15f + (float)level * step + marker_w, space);
}

/* The bullet of a list nested level deep (0: the outermost): the theme's, then for deeper levels the
 * next of these that differs from it. */
static const char *level_bullet(const lctx *c, int level)
{
	bool dash = strcmp(c->bullet, "–") == 0;
	const char *const bullets[] = {c->bullet, dash ? "◦" : "–", dash ? "·" : "◦", "·"};
	return bullets[level % 4];
}

static void layout_items(lctx *c, const cv_item *items, size_t n, bool numbered, int level)
{
	float room = marker_room(c, numbered, n);
	for (size_t i = 0; i < n; i++) {
		const cv_item *it = &items[i];
		char num[24];
		snprintf(num, sizeof num, "%zu.", i + 1);
		const char *marker = numbered ? num : level_bullet(c, level);
		if (it->text.s)
			layout_list_item(c, &it->text, marker, room, level, c->size * 0.18f);
		layout_items(c, it->children, it->n_children, it->numbered, it->text.s ? level + 1 : level);
	}
}

/* A text's blocks (model.h): paragraphs across the column, or under the item they continue; list items
 * with their markers in hanging indents, each level's text indented from its parent's, to any depth
 * while half the column is left for the text. space: above the first block; gap: above each later
 * paragraph (items keep the highlights' spacing). A one-line paragraph followed by another block ("Did
 * things:" over its list) stays with it: it reads as a heading, never alone at a page's foot. Returns the
 * index of the last block's line when that block is a one-line paragraph (the caller keeps it with a
 * list after it), else SIZE_MAX. */
static size_t layout_blocks(lctx *c, const cv_blocks *b, float space, float gap)
{
	/* text_x[k]: where the text of the innermost open item of level k starts (level 0: the column). */
	float *text_x = cv_arena_calloc(c->arena, b->n + 1, sizeof *text_x);
	int max_level = 0;
	size_t lead = SIZE_MAX;
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *k = &b->items[i];
		int level = k->level < 0 ? 0 : k->level > max_level + 1 ? max_level + 1 : k->level;
		float above = i == 0 ? space : k->item ? c->size * 0.18f : gap;
		if (lead != SIZE_MAX)
			c->vl->lines[lead].keep_with_next = true;
		size_t l;
		if (!k->item) {
			float x = text_x[level];
			add_marked(c, k->text.s, body(c), NULL, k->text.span);
			l = flush_para(c, (place){.x = x, .width = c->width - x, .justify = c->justify});
			space_before(c, l, above);
			max_level = level;
			lead = l != (size_t)-1 && l + 1 == c->vl->n_lines ? l : SIZE_MAX;
			continue;
		}
		lead = SIZE_MAX;
		/* The room for this list's markers: its widest number, read ahead over its items. */
		int widest = k->number;
		for (size_t j = i + 1; k->numbered && j < b->n; j++) {
			const cv_block *o = &b->items[j];
			if (o->level < level || (o->level == level && o->item && !o->numbered))
				break;
			if (o->level == level && o->item && o->number > widest)
				widest = o->number;
		}
		char num[24];
		snprintf(num, sizeof num, "%d.", k->number);
		float room = marker_room(c, k->numbered, (size_t)(widest > 0 ? widest : 1));
		float x = text_x[level - 1] + room + (level == 1 ? c->size * 1.1f * 0.15f : 0);
		if (x > c->width * 0.5f && x - room >= text_x[level - 1]) /* too deep: stop indenting */
			x = text_x[level - 1] > c->width * 0.5f - room ? text_x[level - 1] : c->width * 0.5f;
		text_x[level] = x;
		list_item_at(c, &k->text, k->numbered ? num : level_bullet(c, level - 1), x, above);
		max_level = level;
	}
	return lead;
}

static void layout_summary(lctx *c)
{
	(void)layout_blocks(c, &c->doc->summary, c->size * 1.0f, c->size * 0.4f);
}

/* A line holding only right-aligned text (dates or place with nothing on the left). */
static size_t empty_line(lctx *c)
{
	vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
	memset(v, 0, sizeof *v);
	v->first_run = c->vl->n_runs;
	v->height = c->pitch;
	v->ascent = c->size * 0.93f + (c->pitch - c->size * 1.2f) / 2;
	return c->vl->n_lines - 1;
}

/* One title line: left text with right text (dates, place) flush right on the same line when both
 * fit on it; otherwise the left text takes the whole width and the right text the line after it,
 * flush left (a narrow column) or flush right. Returns the first line added, or (size_t)-1. */
static size_t title_line(lctx *c, const char *left, tstyle ls, cv_span span, const char *right, tstyle rs)
{
	float gap = c->size * 1.2f;
	float wr = measure_marked(c, right, rs);
	if (!left) {
		if (wr <= 0)
			return (size_t)-1;
		size_t l = empty_line(c);
		add_right(c, l, right, rs, c->width);
		return l;
	}
	float wl = wr > 0 ? measure_marked(c, left, ls) : 0;
	bool same = wr == 0 || wl + gap + wr <= c->width + wider(c, c->vl->n_lines);
	add_marked(c, left, ls, NULL, span);
	size_t first = flush_para(c, (place){.width = c->width - (same && wr > 0 ? wr + gap : 0), .pitch = c->pitch});
	if (first == (size_t)-1 || wr == 0)
		return first;
	if (same) {
		add_right(c, first, right, rs, c->width);
		return first;
	}
	/* Too long to share a line: the left text takes the whole width and the right text the next line,
	 * flush left in a narrow column (where a lone flush-right date looks stranded) and flush right in a
	 * wide one, where dates form a column down the page; there it shares the last line of a wrapped
	 * title when that has room. The lines stay together. */
	bool narrow = c->width + wider(c, c->vl->n_lines) < c->size * 30;
	if (narrow) {
		add_marked(c, right, rs, NULL, span);
		size_t l = flush_para(c, (place){.width = c->width, .pitch = c->pitch});
		keep_range(c, first, l + 1);
		return first;
	}
	/* A wrapped title whose last line leaves room takes the right text there. */
	const vline *last = &c->vl->lines[c->vl->n_lines - 1];
	float end = 0;
	for (size_t r = last->first_run; r < last->first_run + last->n_runs; r++)
		if (c->vl->runs[r].x + c->vl->runs[r].width > end)
			end = c->vl->runs[r].x + c->vl->runs[r].width;
	add_right(c, end + gap + wr <= c->width + wider(c, c->vl->n_lines - 1) ? c->vl->n_lines - 1 : empty_line(c), right,
		  rs, c->width);
	keep_range(c, first, c->vl->n_lines);
	return first;
}

/* The two title lines of a dated entry: primary text on the left and dates on the right, then the
 * secondary text on the left and the place on the right. */
static size_t title_lines(lctx *c, const char *primary, cv_span pspan, const char *secondary, cv_span sspan,
			  unsigned sec_style, const char *dates, const char *place_text)
{
	tstyle right = body(c);
	tstyle right2 = body(c);
	right2.style = CV_ITALIC;
	size_t first = (size_t)-1;
	if (primary || dates)
		first = title_line(c, primary, (tstyle){sized(c, 1.02f), CV_BOLD, c->ds->color_text}, pspan, dates, right);
	if (secondary || place_text) {
		size_t l = title_line(c, secondary, (tstyle){c->size, sec_style, c->ds->color_text}, sspan, place_text,
				      right2);
		if (first == (size_t)-1)
			first = l;
	}
	return first;
}

static void layout_entry(lctx *c, const cv_entry *e, size_t index, size_t count, float space)
{
	size_t first = c->vl->n_lines;
	const char *dates = cv_format_dates(e, &c->doc->locale, c->arena);
	cv_span none = {0};
	size_t title = (size_t)-1;
	bool summary_done = false;
	switch (e->kind) {
	case CV_ENTRY_PAGEBREAK: {
		vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
		memset(v, 0, sizeof *v);
		v->first_run = c->vl->n_runs;
		v->page_break_before = true;
		return;
	}
	case CV_ENTRY_EXPERIENCE:
		title = title_lines(c, e->company.s, e->company.span, e->position.s, e->position.span, CV_ITALIC, dates,
				    e->location.s);
		break;
	case CV_ENTRY_EDUCATION:
		title = title_lines(c, e->institution.s, e->institution.span, cv_present_degree_area(c->doc, e, c->arena), e->degree.span, CV_ITALIC,
				    dates, e->location.s);
		break;
	case CV_ENTRY_NORMAL:
		/* A one-paragraph summary takes the second line opposite the place, rather than leaving that
		 * line empty on the left. */
		if (e->location.s && e->summary.n == 1 && !e->summary.items[0].item) {
			const cv_str *one = &e->summary.items[0].text;
			title = title_lines(c, e->name.s, e->name.span, one->s, one->span, 0, dates, e->location.s);
			summary_done = true;
		} else {
			title = title_lines(c, e->name.s, e->name.span, NULL, none, 0, dates, e->location.s);
		}
		break;
	case CV_ENTRY_PUBLICATION: {
		title = title_lines(c, e->title.s, e->title.span, NULL, none, 0, dates, NULL);
		if (e->authors.n) {
			add_marked(c, cv_present_authors(c->doc, &e->authors, c->arena), body(c), NULL, e->authors.items[0].span);
			flush_para(c, (place){.width = c->width, .justify = c->justify});
		}
		if (e->journal.s || e->doi.s || e->url.s) {
			tstyle it = body(c);
			it.style = CV_ITALIC;
			add_marked(c, e->journal.s, it, NULL, e->journal.span);
			if (e->doi.s) {
				if (e->journal.s)
					add_plain(c, "  ", body(c), NULL, none);
				tstyle ls = body(c);
				ls.color = c->ds->color_link;
				add_plain(c, cv_arena_printf(c->arena, "doi:%s", e->doi.s), ls,
					  cv_arena_printf(c->arena, "https://doi.org/%s", e->doi.s), e->doi.span);
			} else if (e->url.s) {
				if (e->journal.s)
					add_plain(c, "  ", body(c), NULL, none);
				tstyle ls = body(c);
				ls.color = c->ds->color_link;
				add_plain(c, cv_link_shown(e->url.s, c->arena), ls, safe_link(c, e->url.s, e->url.span), e->url.span);
			}
			flush_para(c, (place){.width = c->width, .justify = c->justify});
		}
		break;
	}
	case CV_ENTRY_ONELINE: {
		if (e->label.s) {
			add_marked(c, e->label.s, (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL, e->label.span);
			if (e->details.s && *e->details.s) /* no "German:" with nothing after it */
				add_plain(c, c->words->label_sep, (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL,
					  e->label.span);
		}
		add_marked(c, e->details.s, body(c), NULL, e->details.span);
		title = flush_para(c, (place){.width = c->width, .justify = c->justify});
		break;
	}
	case CV_ENTRY_BULLET:
		title = layout_list_item(c, &e->text, c->bullet, marker_room(c, false, 1), 0, 0);
		break;
	case CV_ENTRY_NUMBERED:
	case CV_ENTRY_REVNUMBERED: {
		char num[24];
		snprintf(num, sizeof num, "%zu.", e->kind == CV_ENTRY_NUMBERED ? index + 1 : count - index);
		title = layout_list_item(c, &e->text, num, marker_room(c, true, count), 0, 0);
		break;
	}
	case CV_ENTRY_TEXT:
		(void)layout_blocks(c, &e->summary, 0, c->size * 0.3f);
		title = first < c->vl->n_lines ? first : (size_t)-1;
		break;
	}
	/* Where the content after the title block starts (for list-like entries, the entry itself). */
	size_t content = e->kind == CV_ENTRY_TEXT || e->kind == CV_ENTRY_ONELINE || e->kind == CV_ENTRY_BULLET ||
				 e->kind == CV_ENTRY_NUMBERED || e->kind == CV_ENTRY_REVNUMBERED
			 ? first
			 : c->vl->n_lines;
	if (e->kind != CV_ENTRY_TEXT && e->kind != CV_ENTRY_ONELINE && e->kind != CV_ENTRY_BULLET &&
	    e->kind != CV_ENTRY_NUMBERED && e->kind != CV_ENTRY_REVNUMBERED) {
		size_t lead = summary_done ? SIZE_MAX : layout_blocks(c, &e->summary, c->size * 0.15f, c->size * 0.3f);
		if (lead != SIZE_MAX && e->n_highlights)
			c->vl->lines[lead].keep_with_next = true; /* a lead-in line stays with its list */
		layout_items(c, e->highlights, e->n_highlights, e->numbered, 0);
	} else if (e->n_highlights) {
		layout_items(c, e->highlights, e->n_highlights, e->numbered, 1);
	}
	if (first >= c->vl->n_lines)
		return;
	space_before(c, first, space);
	(void)title;
	/* The title block stays with the first two lines of its content (rule 18: never a title alone at
	 * the foot of a page), and the entry's last two lines stay together (no single line of it at the
	 * top of the next). Anywhere else a page may break, so that a page is filled rather than ended
	 * early for an entry that does not fit whole. */
	size_t n = c->vl->n_lines;
	keep_range(c, first, content + CONTENT_KEPT < n ? content + CONTENT_KEPT : n);
	if (n - first >= 2)
		c->vl->lines[n - 2].keep_with_next = true;
}

/* Share of the colour in a tint over white. */
#define SIDEBAR_BAND_TINT 0.14f

static cv_color tint(cv_color c, float share)
{
	cv_color out = 0;
	for (int shift = 0; shift <= 16; shift += 8) {
		float ch = (float)((c >> shift) & 0xFF);
		unsigned v = (unsigned)lroundf(255 - (255 - ch) * share);
		out |= (cv_color)v << shift;
	}
	return out;
}

/* ---- Sections -------------------------------------------------------------------------------- */

static void layout_heading(lctx *c, const cv_str *title, int level)
{
	const cv_design *ds = c->ds;
	float size = c->one_size ? c->size : level == 0 ? c->head_size : c->size * 1.08f;
	add_marked(c, title->s, (tstyle){size, CV_BOLD, c->color_head}, NULL, title->span);
	/* In the sidebar the title is set a little in from the edges of its band. */
	float inset = c->one_size && level == 0 ? c->size * 0.3f : 0;
	size_t l = flush_para(c, (place){.x = inset, .width = c->width - 2 * inset,
					   .pitch = c->one_size ? c->pitch : size * 1.45f});
	if (l == (size_t)-1)
		return;
	vlist *vl = c->vl;
	space_before(c, l, level == 0 ? c->size * 1.1f : c->size * 0.7f);
	vl->lines[l].bookmark = cv_markup_strip(title->s, c->arena);
	vl->lines[l].bookmark_level = level;
	cv_title_style ts = ds->title_style != CV_TITLE_THEME ? ds->title_style : c->th->title_style;
	if (c->one_size && level == 0) {
		/* In the sidebar, where titles cannot be larger (tighten_sidebar), a pale band of the title
		 * colour marks them. */
		vl->lines[l].band = true;
		vl->lines[l].band_color = tint(c->color_head, SIDEBAR_BAND_TINT);
	} else if (level == 0 && ts != CV_TITLE_NO_LINE) {
		vl->lines[l].rule_below = 0.6f;
		vl->lines[l].rule_color = c->color_head;
		if (ts == CV_TITLE_PARTIAL_LINE) {
			/* The rule runs from after the title to the column's edge, at the middle of the
			 * letters (RenderCV's with_partial_line). */
			const vline *v = &vl->lines[l];
			const cv_run *last = &vl->runs[v->first_run + v->n_runs - 1];
			vl->lines[l].rule_from = last->x + last->width + size * 0.5f;
			vl->lines[l].rule_mid = size * 0.3f;
		}
	}
	/* A heading is never the last line on a page (rule 18). */
	for (size_t i = l; i < vl->n_lines; i++)
		vl->lines[i].keep_with_next = true;
}

/* A section with nothing to show (every entry filtered out by tags) gets no heading either. */
static bool section_empty(const cv_section *s)
{
	for (size_t i = 0; i < s->n_subsections; i++)
		if (!section_empty(&s->subsections[i]))
			return false;
	return s->n_entries == 0;
}

/* Whether the lines so far fill more than CV_MAX_PAGES pages: a lower bound of what pagination will
 * make (their heights, each explicit page break starting a new page), measured incrementally so each
 * line counts once. Checked after every entry, so a document far too long is refused after laying out
 * little more than the limit, not all of it. Reports an error at span the first time. */
static bool past_page_limit(lctx *c, cv_span span)
{
	if (c->too_long)
		return true;
	vlist *vl = c->vl; /* each column flows onto its own pages and counts its own height */
	for (; vl->measured < vl->n_lines; vl->measured++) {
		const vline *v = &vl->lines[vl->measured];
		if (v->page_break_before)
			vl->filled = ceilf(vl->filled / c->page_body) * c->page_body;
		vl->filled += v->space_before + v->height;
	}
	if (vl->filled <= (float)CV_MAX_PAGES * c->page_body)
		return false;
	cv_diag_add(c->d, CV_ERROR, "too-many-pages", span, "the document runs past %d pages; refusing to typeset it",
		    CV_MAX_PAGES);
	c->too_long = true;
	return true;
}

static void layout_section(lctx *c, const cv_section *s, int level)
{
	if (section_empty(s) || c->too_long)
		return;
	size_t heading = c->vl->n_lines;
	layout_heading(c, &s->title, level);
	size_t body_start = c->vl->n_lines;
	for (size_t i = 0; i < s->n_entries; i++) {
		const cv_entry *e = &s->entries[i];
		bool list_like = e->kind == CV_ENTRY_BULLET || e->kind == CV_ENTRY_NUMBERED ||
				 e->kind == CV_ENTRY_REVNUMBERED || e->kind == CV_ENTRY_ONELINE;
		float space = i == 0 ? c->size * 0.3f : list_like ? c->size * 0.25f : c->size * 0.75f;
		layout_entry(c, e, i, s->n_entries, space);
		if (past_page_limit(c, e->span))
			return;
	}
	/* A heading goes with two lines of its section even when they are one-line entries, and a
	 * section's last two lines stay together. */
	size_t n = c->vl->n_lines;
	if (n > body_start) {
		keep_range(c, heading, body_start + CONTENT_KEPT < n ? body_start + CONTENT_KEPT : n);
		if (n - body_start >= 2)
			c->vl->lines[n - 2].keep_with_next = true;
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		layout_section(c, &s->subsections[i], level + 1);
}

/* A blank line of a given height: room kept for the photo beside the header. */
static void spacer(lctx *c, float h)
{
	size_t l = empty_line(c);
	c->vl->lines[l].height = h;
	c->vl->lines[l].ascent = 0;
}

/* Heights of every line of vl with the space above each but the first, points. */
static float vlist_height(const vlist *vl)
{
	float h = 0;
	for (size_t i = 0; i < vl->n_lines; i++)
		h += vl->lines[i].height + (i ? vl->lines[i].space_before : 0);
	return h;
}

static float theme_pitch(const lctx *c)
{
	/* Tighter spacing also tightens the leading, but never below 1.15 em. */
	float extra = c->ds->line_spacing - 1.15f;
	return c->size * (1.15f + (extra > 0 ? extra * c->sscale : extra));
}

/* Text extraction of the sidebar. poppler's pdftotext (and the extractors built like it) joins lines
 * into a block when their font sizes differ by less than 5 % and their baselines are at most 1.5 em
 * apart, and a block's lines stay together and in order. So the sidebar sets all its text at one
 * size (one_size) and here the spaces between the lines of a section are cut to keep the baselines
 * within SIDEBAR_MAX_BASELINE_EM: each section is one block. Sections themselves are spaced apart as
 * in the main column (a title on its tinted band), so poppler may order a sidebar section between
 * blocks of the main column, but no line of either is split or mixed with the other. */
#define SIDEBAR_MAX_BASELINE_EM 1.45f

static void tighten_sidebar(vlist *vl, float size)
{
	const vline *prev = NULL;
	float between = 0; /* heights of text-less lines since prev (none in practice but the photo) */
	for (size_t i = 0; i < vl->n_lines; i++) {
		vline *v = &vl->lines[i];
		if (!v->n_runs) {
			if (prev)
				between += v->space_before + v->height;
			continue;
		}
		if (prev && !v->page_break_before && !v->band) {
			float d = prev->height - prev->ascent + between + v->space_before + v->ascent;
			float over = d - SIDEBAR_MAX_BASELINE_EM * size;
			if (over > 0)
				v->space_before = over < v->space_before ? v->space_before - over : 0;
		}
		prev = v;
		between = 0;
	}
}

/* The layout state for doc at scale sc, writing into out (cleared). */
static lctx ctx_new(const cv_doc *doc, const cv_theme *th, cv_scale sc, const cv_fontset *fs, cv_text_cache *memo,
		    cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	memset(out, 0, sizeof *out);
	lctx c = {
		.doc = doc,
		.ds = ds,
		.th = th,
		.fs = fs,
		.d = d,
		.arena = arena,
		.page_body = ds->page_height - ds->margin_top - ds->margin_bottom,
		.lang = cv_arena_strdup(arena, doc->locale.tag),
		.words = doc->locale.lang,
		.size = ds->font_size * th->size_scale * sc.font,
		.name_size = ds->name_size * th->size_scale * sc.font,
		.head_size = ds->heading_size * th->size_scale * sc.font,
		.sscale = th->space_scale * sc.space,
		.color_name = ds->color_name != CV_COLOR_UNSET ? ds->color_name : ds->color_primary,
		.color_head = ds->color_headings != CV_COLOR_UNSET ? ds->color_headings : ds->color_primary,
		.bullet = ds->bullet ? ds->bullet : th->bullet,
		.main = &out->main,
		.wide_from = SIZE_MAX,
		.memo = memo,
	};
	c.pitch = theme_pitch(&c);
	return c;
}

void cv_blocks_layout(const cv_doc *doc, const cv_theme *th, cv_scale sc, const cv_photo *photo, const cv_fontset *fs,
		      size_t wide_from, cv_text_cache *memo, cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	float text_w = ds->page_width - ds->margin_left - ds->margin_right;
	lctx c = ctx_new(doc, th, sc, fs, memo, arena, d, out);

	/* Two columns only when the sidebar has something to hold; otherwise the main column takes the
	 * whole width. */
	bool two = false;
	if (th->columns == 2) {
		two = has_contacts(doc) || photo;
		for (size_t i = 0; i < doc->n_sections && !two; i++)
			two = !section_empty(&doc->sections[i]) &&
			      cv_theme_in_sidebar(ds, cv_markup_strip(doc->sections[i].title.s, arena));
	}
	out->two = two;
	out->side_w = two ? text_w * th->sidebar_share : 0;
	out->main_w = two ? text_w - out->side_w - th->gutter : text_w;
	out->head_w = text_w;
	if (two) {
		c.wide_from = wide_from;
		c.wide_extra = text_w - out->main_w;
	}

	/* Header, across the page. A photo in a one-column theme stands at its right. */
	c.vl = &out->head;
	bool photo_right = photo && !two;
	c.width = photo_right ? text_w - photo->w - c.size * 1.5f : text_w;
	layout_name(&c);
	if (!two && has_contacts(doc))
		layout_contacts(&c, false);
	if (photo_right && vlist_height(&out->head) < photo->h)
		spacer(&c, photo->h - vlist_height(&out->head));

	/* The sidebar: photo, contact details, its sections. */
	if (two) {
		c.vl = &out->side;
		c.width = out->side_w;
		c.one_size = true;
		if (photo) {
			size_t l = empty_line(&c);
			vline *v = &out->side.lines[l];
			v->height = photo->h + c.size * 0.8f;
			v->image = photo;
		}
		if (has_contacts(doc)) {
			cv_str title = {.s = c.words->terms[CV_W_CONTACT]};
			layout_heading(&c, &title, 0);
			layout_contacts(&c, true);
		}
		c.one_size = false;
	}
	c.vl = &out->main;
	c.width = out->main_w;
	/* A narrow column is set ragged-right: justified, its few words a line would be far apart. */
	c.justify = ds->align == CV_ALIGN_JUSTIFY;
	layout_summary(&c);
	for (size_t i = 0; i < doc->n_sections; i++) {
		const cv_section *sec = &doc->sections[i];
		bool side = two && cv_theme_in_sidebar(ds, cv_markup_strip(sec->title.s, arena));
		c.vl = side ? &out->side : &out->main;
		c.width = side ? out->side_w : out->main_w;
		c.justify = ds->align == CV_ALIGN_JUSTIFY && !side;
		c.one_size = side;
		layout_section(&c, sec, 0);
	}
	if (two && !c.too_long)
		tighten_sidebar(&out->side, c.size);
	out->too_long = c.too_long;
	free(c.in);
	free(c.pieces);
}

/* ---- Cover letter ---------------------------------------------------------------------------- */

/* Two ideographic spaces: a Chinese paragraph's first-line indent (the text engine keeps them). */
#define CJK_INDENT "\u3000\u3000"

/* One part of a letter as a paragraph of the column, `above` (in body sizes) before it. */
static size_t letter_para(lctx *c, const cv_str *s, unsigned style, bool indent, float above, place pl)
{
	if (!s->s)
		return (size_t)-1;
	tstyle st = body(c);
	st.style |= style;
	if (indent)
		add_plain(c, CJK_INDENT, st, NULL, s->span);
	add_marked(c, s->s, st, NULL, s->span);
	size_t l = flush_para(c, pl);
	space_before(c, l, c->size * above);
	return l;
}

/* A line flush right: the Chinese convention's signature and date. */
static size_t letter_right(lctx *c, const cv_str *s, float above)
{
	size_t l = title_line(c, NULL, body(c), s->span, s->s, body(c));
	space_before(c, l, c->size * above);
	return l;
}

/* The letter's parts in the order and places of its convention. Western (a business letter in block
 * form): the date, the recipient's lines, the subject in bold, the salutation, the paragraphs, the
 * closing and, after room to sign, the name. Chinese: the subject centred as the title, the
 * salutation flush left, each paragraph indented two characters, 此致 indented and 敬礼！ flush left on
 * the next line, then the name and the date flush right. */
static void layout_letter(lctx *c, const cv_letter_view *l)
{
	place flow = {.width = c->width, .justify = c->justify};
	place left = {.width = c->width};
	size_t first = c->vl->n_lines;
	if (l->chinese) {
		if (l->subject.s) {
			tstyle st = {c->size * 1.25f, CV_BOLD, c->ds->color_text};
			add_marked(c, l->subject.s, st, NULL, l->subject.span);
			space_before(c, flush_para(c, (place){.width = c->width, .center = true}), c->size * 1.2f);
		}
		letter_para(c, &l->salutation, 0, false, 1.0f, left);
		for (size_t i = 0; i < l->n_body; i++)
			letter_para(c, &l->body[i], 0, true, i ? 0.3f : 0.4f, flow);
		size_t close = c->vl->n_lines;
		for (size_t i = 0; i < l->n_closing; i++)
			letter_para(c, &l->closing[i], 0, i == 0, i ? 0 : 0.6f, left);
		if (l->signature.s)
			letter_right(c, &l->signature, 1.6f);
		letter_right(c, &l->date, 0.3f);
		keep_range(c, close, c->vl->n_lines); /* the closing, name and date stay together */
	} else {
		letter_para(c, &l->date, 0, false, 1.2f, left);
		for (size_t i = 0; i < l->n_address; i++)
			letter_para(c, &l->address[i], 0, false, i ? 0 : 1.0f, left);
		keep_range(c, first, c->vl->n_lines);
		letter_para(c, &l->subject, CV_BOLD, false, 1.0f, left);
		letter_para(c, &l->salutation, 0, false, 1.0f, left);
		for (size_t i = 0; i < l->n_body; i++)
			letter_para(c, &l->body[i], 0, false, 0.7f, flow);
		size_t close = c->vl->n_lines;
		for (size_t i = 0; i < l->n_closing; i++)
			letter_para(c, &l->closing[i], 0, false, i ? 0 : 1.0f, left);
		letter_para(c, &l->signature, 0, false, 2.6f, left);
		keep_range(c, close, c->vl->n_lines);
	}
	if (first < c->vl->n_lines)
		space_before(c, first, c->size * 1.2f);
}

void cv_blocks_letter(const cv_doc *doc, const cv_letter_view *l, const cv_theme *th, const cv_fontset *fs,
		      cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	float text_w = ds->page_width - ds->margin_left - ds->margin_right;
	lctx c = ctx_new(doc, th, (cv_scale){.font = 1, .space = 1}, fs, NULL, arena, d, out);
	out->main_w = out->head_w = text_w;
	/* The résumé's header, across the page: the letter is on its letterhead. */
	c.vl = &out->head;
	c.width = text_w;
	layout_name(&c);
	if (has_contacts(doc))
		layout_contacts(&c, false);
	c.vl = &out->main;
	c.justify = ds->align == CV_ALIGN_JUSTIFY;
	layout_letter(&c, l);
	out->too_long = c.too_long;
	free(c.in);
	free(c.pieces);
}

void cv_columns_free(cv_columns *cols)
{
	vlist *v[] = {&cols->head, &cols->side, &cols->main};
	for (size_t i = 0; i < 3; i++) {
		free(v[i]->runs);
		free(v[i]->lines);
	}
}
