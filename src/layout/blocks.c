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
	const cv_fontset *fs;
	cv_diags *d;
	cv_arena *arena; /* the display list's arena */
	/* The texts of marked-up pieces (cv_markup_parse), read only while their paragraph is laid out
	 * (runs and the memo's keys copy them): freed when the blocks are, not kept with the display
	 * list, where a long document's took 400 KB and each trial layout as much again. */
	cv_arena *scratch;
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
	cv_today today;  /* the open end of time spans */
	bool spans;      /* the entries being laid out show how long they lasted */
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
	cv_markup_parse(s, strlen(s), c->scratch, &c->pieces, &c->n_pieces, &c->cap_pieces);
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
	bool right;      /* flush right */
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
/* The ascent of a line of type size `size` at baseline pitch `pitch`, points: a line at the natural
 * pitch of 1.2 × size has 0.93 × size above its baseline, and a looser pitch shares its extra leading
 * equally above and below (rule 19: one baseline grid per paragraph, whatever its glyphs). */
static float ascent_in(float size, float pitch)
{
	return size * 0.93f + (pitch - size * 1.2f) / 2;
}

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
				    (size_t)para->runs[r].len, CV_MAX_PDF_STRING);
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
	 * misread by extractors and by people): one wider than the column is broken inside it, or (a
	 * word longer than the column) runs into the gutter, so say so. */
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
		/* The paragraph's own runs, placed by the line's first move (see vline). */
		v->para = para.runs + pline->first_run;
		v->n_runs = v->n_para = (uint32_t)pline->n_runs;
		v->dx[v->n_dx++] =
			pl.x + (pl.center ? (pl.width - pline->width) / 2 : pl.right ? pl.width - pline->width : 0);
		/* One baseline grid per paragraph (rule 19): the ascent is the paragraph's font size share
		 * of the pitch, not the tallest glyph of this line. */
		v->height = pitch;
		v->ascent = ascent_in(size, pitch);
	}
	if (para.n_lines)
		vl->lines[first + para.n_lines - 1].para_end = true;
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
 * the space is a real one, not a gap to guess from. first is the right text's first run. Returns
 * false when there is no gap to bridge. */
static bool bridge(lctx *c, const vline *v, const cv_run *first, float x, cv_run *out)
{
	float end = 0;
	for (size_t r = 0; r < v->n_runs; r++) {
		cv_run run = cv_vline_run(v, r);
		if (run.x + run.width > end)
			end = run.x + run.width;
	}
	float sw = cv_text_measure(c->fs, first->face, first->size, " ", 1);
	if (!v->n_runs || x <= end || sw <= 0)
		return false;
	float *adv = cv_arena_alloc(c->arena, sizeof *adv);
	*adv = x - end;
	*out = (cv_run){.text = " ", .len = 1, .x = end, .width = x - end, .size = first->size, .adv = adv, .n_adv = 1,
			.face = first->face, .hscale = (x - end) / sw, .color = first->color};
	return true;
}

static float measure_marked(lctx *c, const char *text, tstyle st)
{
	if (!text || !*text)
		return 0;
	add_marked(c, text, st, NULL, (cv_span){0});
	cv_para para;
	cv_para_opts o = {.width = CV_PARA_UNBOUNDED, .lang = c->lang, .cache = c->memo};
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


static tstyle body(const lctx *c)
{
	return (tstyle){c->size, 0, c->ds->color_text};
}

/* ---- Header ---------------------------------------------------------------------------------- */

/* The separator between two connections: design.header.separator (cv2pdf's grey bar when unset) with
 * half the gap between connections either side, made of en spaces (half an em each), which neither
 * collapse nor stretch. */
static const char *separator(lctx *c, float size)
{
	const cv_design_header *h = &c->ds->header;
	const char *mark = h->separator ? h->separator : "|";
	float gap = h->connection_gap.pt + h->connection_gap.em * size;
	int side = (int)lroundf(gap / (*mark ? 2 : 1) / (size * 0.5f));
	if (side < 1)
		side = 1;
	if (side > 8)
		side = 8;
	char pad[8 * 3 + 1];
	for (int i = 0; i < side; i++)
		memcpy(pad + 3 * i, "\u2002", 3);
	pad[3 * side] = '\0';
	return *mark ? cv_arena_printf(c->arena, "%s%s%s", pad, mark, pad) : cv_arena_strdup(c->arena, pad);
}

static void contact_item(lctx *c, bool *first, const char *text, const char *link, cv_span span)
{
	const cv_design_header *h = &c->ds->header;
	tstyle st = body(c);
	st.size = c->one_size || h->connections_size <= 0 ? c->size : h->connections_size * c->size / c->ds->font_size;
	st.style = h->connections_bold ? CV_BOLD : 0;
	if (h->color_connections != CV_COLOR_UNSET)
		st.color = h->color_connections;
	if (c->stacked && !*first) {
		/* One item per line: each is its own paragraph. */
		flush_para(c, (place){.width = c->width});
		*first = true;
	}
	if (!*first) {
		/* The line wraps only between items, and the separator vanishes where it does. */
		tstyle sep = st;
		sep.style = CV_SEPARATOR;
		if (!h->separator)
			sep.color = 0x888888;
		add_plain(c, separator(c, st.size), sep, NULL, span);
	}
	*first = false;
	if (!h->links)
		link = NULL;
	if (link && h->color_connections == CV_COLOR_UNSET)
		st.color = c->ds->color_link;
	/* An item stays whole on the header's line, which wraps between items; in the sidebar, one wider
	 * than the column wraps inside it (with a warning, flush_para) rather than print over the main
	 * column. */
	if (!c->stacked)
		st.style |= CV_NOBREAK;
	add_plain(c, text, st, link, span);
}

/* Small capitals, drawn: lower-case letters as capitals this much smaller, the rest as written (the
 * PDF writer places characters, not glyphs, so a font's own small capitals cannot be used). */
#define SMALL_CAPS_SCALE 0.8f

/* Adds s (markup removed) in small capitals. */
static void add_caps(lctx *c, const char *s, tstyle st, cv_span span)
{
	const char *plain = cv_markup_strip(s, c->arena);
	size_t n = strlen(plain);
	char *buf = cv_arena_alloc(c->arena, n * 4 + 1);
	size_t i = 0;
	while (i < n) {
		bool small = false;
		size_t w = 0, start = i;
		for (; i < n;) {
			size_t at = i;
			uint32_t cp = cv_utf8_next(plain, n, &i);
			uint32_t up = cv_lang_upper(cp);
			bool low = up != cp;
			if (at > start && low != small) {
				i = at;
				break;
			}
			small = low;
			w += cv_utf8_put(up, buf + w);
		}
		buf[w] = '\0';
		tstyle ps = st;
		if (small)
			ps.size *= SMALL_CAPS_SCALE;
		add_plain(c, cv_arena_strdup(c->arena, buf), ps, NULL, span);
	}
}

/* Adds the name or a title: in small capitals or with its inline markup. */
static void add_styled(lctx *c, const char *s, tstyle st, bool caps, cv_span span)
{
	if (caps)
		add_caps(c, s, st, span);
	else
		add_marked(c, s, st, NULL, span);
}

/* Capitals are this share of the type size tall (Noto Sans and Serif: 0.71). */
#define CAP_HEIGHT_EM 0.7f

/* The largest type on line `line`, points. */
static float line_size(const lctx *c, size_t line)
{
	const vline *v = &c->vl->lines[line];
	float size = 0;
	for (size_t r = 0; r < v->n_runs; r++)
		size = fmaxf(size, cv_vline_run(v, r).size);
	return size > 0 ? size : c->size;
}

/* Space above line `line` so that the previous line's baseline is `gap` above this line's capitals,
 * as RenderCV measures its spaces (Typst sets a line from its baseline to its cap height). */
static void gap_before(lctx *c, size_t line, float gap)
{
	if (line == (size_t)-1 || line == 0 || line >= c->vl->n_lines)
		return;
	const vline *prev = &c->vl->lines[line - 1];
	vline *v = &c->vl->lines[line];
	float sb = gap * c->sscale + CAP_HEIGHT_EM * line_size(c, line) - (prev->height - prev->ascent) - v->ascent;
	v->space_before = sb > 0 ? sb : 0;
}

static float len(const lctx *c, cv_len l)
{
	return l.pt + l.em * c->size;
}

/* The header's lines: centred, flush left or flush right (design.header.alignment). */
static place header_place(const lctx *c, bool stacked)
{
	cv_halign a = stacked ? CV_HALIGN_LEFT : c->ds->header.align;
	return (place){.x = 0, .width = c->width, .center = a == CV_HALIGN_CENTER, .right = a == CV_HALIGN_RIGHT};
}

/* The name and headline. */
static void layout_name(lctx *c)
{
	const cv_doc *doc = c->doc;
	const cv_design_header *h = &c->ds->header;
	place head = header_place(c, false);
	size_t name = (size_t)-1;
	if (doc->name.s) {
		add_styled(c, doc->name.s, (tstyle){c->name_size, h->name_bold ? CV_BOLD : 0, c->color_name}, h->name_caps,
			   doc->name.span);
		name = flush_para(c, head);
	}
	if (doc->headline.s) {
		tstyle st = {h->headline_size > 0 ? h->headline_size * c->size / c->ds->font_size : c->size,
			     h->headline_bold ? CV_BOLD : 0,
			     h->color_headline != CV_COLOR_UNSET ? h->color_headline : c->ds->color_text};
		add_styled(c, doc->headline.s, st, h->headline_caps, doc->headline.span);
		size_t l = flush_para(c, head);
		if (name != (size_t)-1)
			gap_before(c, l, len(c, h->space_below_name));
	}
}

/* The contact details: one line of items separated by the separator (stacked = false), or one item
 * per line (the sidebar's narrow column). */
static void layout_contacts(lctx *c, bool stacked)
{
	const cv_doc *doc = c->doc;
	const cv_design_header *h = &c->ds->header;
	place head = header_place(c, stacked);
	c->stacked = stacked;
	bool first = true;
	size_t before = c->vl->n_lines;
	size_t n;
	const cv_contact *items = cv_present_contacts(doc, c->arena, c->d, &n);
	for (size_t i = 0; i < n; i++)
		contact_item(c, &first, items[i].text, items[i].link, items[i].span);
	size_t l = flush_para(c, head);
	if (!stacked && l != (size_t)-1 && before > 0)
		gap_before(c, l, len(c, doc->headline.s ? h->space_below_headline : h->space_below_name));
	c->stacked = false;
}

static bool has_contacts(const cv_doc *doc)
{
	return doc->location.s || doc->email.n || doc->phone.n || doc->website.n || doc->n_social || doc->n_connections;
}

/* ---- Entries --------------------------------------------------------------------------------- */

/* Gives line v's paragraph runs a copy of their own in the layout's arena, with the moves made: a
 * line moved more than VLINE_MOVES times (none yet). The paragraph's may be shared (the memo's), so
 * they are never written. */
static void own_para(lctx *c, vline *v)
{
	cv_run *own = cv_arena_alloc(c->arena, v->n_para * sizeof *own);
	for (size_t r = 0; r < v->n_para; r++)
		own[r] = cv_vline_run(v, v->n_before + r);
	v->para = own;
	v->n_dx = 0;
}

/* Adds runs (copies, x moved by dx) to line `line` of the current column, before its runs or after
 * them. Only these are copied; the paragraph's stay where they are (vline). */
static void insert_runs(lctx *c, size_t line, const cv_run *runs, size_t n, float dx, bool after)
{
	vline *v = &c->vl->lines[line];
	size_t at = after ? v->n_added : 0;
	cv_run *added = cv_arena_alloc(c->arena, (v->n_added + n) * sizeof *added);
	if (v->n_added) {
		memcpy(added, v->added, at * sizeof *added);
		memcpy(added + at + n, v->added + at, (v->n_added - at) * sizeof *added);
	}
	for (size_t r = 0; r < n; r++) {
		added[at + r] = runs[r];
		added[at + r].x += dx;
	}
	uint32_t k = (uint32_t)n; /* a paragraph line's runs (vline) */
	v->added = added;
	v->n_added += k;
	v->n_before += after ? 0 : k;
	v->n_runs += k;
}

/* The hanging indent for a list's markers: room for the widest one ("10." in a list of ten). */
static float marker_room(lctx *c, bool numbered, size_t count)
{
	if (!numbered)
		return measure_marked(c, c->bullet, body(c));
	char widest[24];
	snprintf(widest, sizeof widest, "%zu.", count);
	return measure_marked(c, widest, body(c));
}

/* A list item whose text starts x from the column's left edge, its marker ("•", "1.") in the hanging
 * indent, right-aligned against the bullet's gap before the text (design.entries.highlights). */
static size_t list_item_at(lctx *c, const cv_str *text, const char *marker, float x, float space)
{
	float gap = len(c, c->ds->entries.bullet_gap);
	if (!text->s)
		return (size_t)-1;
	add_marked(c, text->s, body(c), NULL, text->span);
	size_t l = flush_para(c, (place){.x = x, .width = c->width - x, .justify = c->justify});
	if (l == (size_t)-1)
		return l;
	space_before(c, l, space);
	/* The marker goes on the item's first line, right-aligned against the gap before the text. */
	tstyle ms = body(c);
	if (marker[0] != '\0' && !(marker[0] >= '0' && marker[0] <= '9') && c->ds->color_bullets != CV_COLOR_UNSET)
		ms.color = c->ds->color_bullets;
	add_plain(c, marker, ms, NULL, text->span);
	cv_para para;
	cv_para_opts o = {.width = CV_PARA_UNBOUNDED, .lang = NULL, .cache = c->memo}; /* a list marker: no language */
	text_layout(c, &o, &para);
	clear_inlines(c);
	if (para.n_lines && para.lines[0].n_runs)
		insert_runs(c, l, &para.runs[para.lines[0].first_run], para.lines[0].n_runs,
			    x - gap - para.lines[0].width, false);
	return l;
}

/* A list item: a marker ("•", "1.") in the hanging indent (marker_w wide) after the list's indent,
 * the text beside it after the bullet's gap (design.entries.highlights). */
static size_t layout_list_item(lctx *c, const cv_str *text, const char *marker, float marker_w, int level,
			       float space)
{
	const cv_design_entries *de = &c->ds->entries;
	if (level >= MAX_INDENT_LEVELS)
		level = MAX_INDENT_LEVELS - 1;
	float step = len(c, de->highlights_indent) + marker_w + len(c, de->bullet_gap);
	return list_item_at(c, text, marker, step * (float)(level + 1), space);
}

/* The bullet of a list nested level deep (0: the outermost): the theme's, then for deeper levels the
 * next of these that differs from it. */
static const char *level_bullet(const lctx *c, int level)
{
	const cv_design_entries *de = &c->ds->entries;
	/* Deeper levels take design.entries.highlights.nested_bullet, or the next of these that differs
	 * from the level-0 marker. */
	bool dash = strcmp(c->bullet, "–") == 0;
	const char *nested = de->nested_bullet ? de->nested_bullet : dash ? "◦" : "–";
	const char *const bullets[] = {c->bullet, nested, de->nested_bullet ? nested : dash ? "·" : "◦",
				       de->nested_bullet ? nested : "·"};
	return bullets[level % 4];
}

static void layout_items(lctx *c, const cv_item *items, size_t n, bool numbered, int level)
{
	const cv_design_entries *de = &c->ds->entries;
	float room = marker_room(c, numbered, n);
	for (size_t i = 0; i < n; i++) {
		const cv_item *it = &items[i];
		char num[24];
		snprintf(num, sizeof num, "%zu.", i + 1);
		const char *marker = numbered ? num : level_bullet(c, level);
		if (it->text.s)
			layout_list_item(c, &it->text, marker, numbered ? room : measure_marked(c, marker, body(c)), level,
					 len(c, i || level ? de->highlights_space_between : de->highlights_space_above));
		layout_items(c, it->children, it->n_children, it->numbered, it->text.s ? level + 1 : level);
	}
}

/* A text's blocks (model.h): paragraphs across the column, or under the item they continue; list items
 * with their markers in hanging indents, each level's text indented from its parent's, to any depth
 * while half the column is left for the text; a list is set as the highlights are. space: above the first block; gap: above each later
 * paragraph (items keep the highlights' spacing). A one-line paragraph followed by another block ("Did
 * things:" over its list) stays with it: it reads as a heading, never alone at a page's foot. Returns the
 * index of the last block's line when that block is a one-line paragraph (the caller keeps it with a
 * list after it), else SIZE_MAX. */
static size_t layout_blocks(lctx *c, const cv_blocks *b, float x0, float space, float gap)
{
	const cv_design_entries *de = &c->ds->entries;
	/* text_x[k]: where the text of the innermost open item of level k starts (level 0: x0 from the
	 * column's edge). */
	float *text_x = cv_arena_calloc(c->arena, b->n + 1, sizeof *text_x);
	text_x[0] = x0;
	int max_level = 0;
	size_t lead = SIZE_MAX;
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *k = &b->items[i];
		int level = k->level < 0 ? 0 : k->level > max_level + 1 ? max_level + 1 : k->level;
		float above = i == 0 ? space : k->item ? len(c, de->highlights_space_between) : gap;
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
		float x = text_x[level - 1] + (level == 1 ? len(c, de->highlights_indent) : 0) + room + len(c, de->bullet_gap);
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
	(void)layout_blocks(c, &c->doc->summary, 0, c->size * 1.0f, c->size * 0.4f);
}

/* A line holding only runs added to it later (dates beside a short title). */
static size_t empty_line(lctx *c)
{
	vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
	memset(v, 0, sizeof *v);
	v->height = c->pitch;
	v->ascent = ascent_in(c->size, c->pitch);
	return c->vl->n_lines - 1;
}

/* ---- Entries by template ---------------------------------------------------------------------- */

/* Visual lines of a date column: a date, a place and a time span each on one or two. */
#define MAX_DATE_LINES 16
/* The widest a date column that fits its text may be, as a share of the entry's width. */
#define DATE_COLUMN_MAX 0.4f
/* ... and a degree column. */
#define DEGREE_COLUMN_MAX 0.3f

/* A side column made as wide as its widest text is set with this much to spare, so that rounding
 * never breaks that text in two. */
#define SIDE_COLUMN_SLACK_PT 0.5f

/* One line of a side column (dates, degree) set at width w (0: unbounded) into para. */
static void side_para(lctx *c, const char *text, tstyle st, float w, cv_para *para)
{
	add_marked(c, text, st, NULL, (cv_span){0});
	cv_para_opts o = {.width = w > 0 ? w + SIDE_COLUMN_SLACK_PT : CV_PARA_UNBOUNDED, .lang = c->lang, .cache = c->memo};
	text_layout(c, &o, para);
	clear_inlines(c);
}

/* Lays the lines of a side column (dates, degree) out at width w and adds each to a line of the
 * current column, aligned in [x, x + w]: to slots[0..n_slots) in turn, then the lines from `first` on
 * past the last slot (adding empty lines as needed). after: the runs follow the line's own (a column at
 * the right reads after the text). */
static void attach_column(lctx *c, const char *const *lines, size_t n, size_t first, const size_t *slots, size_t n_slots,
			  float x, float w, cv_halign align, tstyle st, bool after)
{
	size_t k = 0, at = n_slots ? slots[n_slots - 1] + 1 : first;
	for (size_t i = 0; i < n; i++) {
		cv_para para;
		side_para(c, lines[i], st, w, &para);
		for (size_t l = 0; l < para.n_lines; l++) {
			size_t line = k < n_slots ? slots[k++] : at++;
			while (line >= c->vl->n_lines)
				empty_line(c);
			const cv_line *pl = &para.lines[l];
			if (!pl->n_runs)
				continue;
			/* A column at the right moves with the main column where it widens past the sidebar. */
			float dx = x + (after ? wider(c, line) : 0) +
				   (align == CV_HALIGN_RIGHT ? w - pl->width : align == CV_HALIGN_CENTER ? (w - pl->width) / 2 : 0);
			cv_run space;
			if (after && bridge(c, &c->vl->lines[line], &para.runs[pl->first_run], dx, &space))
				insert_runs(c, line, &space, 1, 0, true); /* the date read with its title, as one line */
			insert_runs(c, line, &para.runs[pl->first_run], pl->n_runs, dx, after);
		}
	}
}

/* The visual lines the side column's text takes at width w. */
static size_t column_lines(lctx *c, const char *const *lines, size_t n, float w, tstyle st)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		cv_para para;
		side_para(c, lines[i], st, w, &para);
		total += para.n_lines;
	}
	return total;
}

/* The widest of lines as one line each, points. */
static float widest(lctx *c, const char *const *lines, size_t n, tstyle st)
{
	float w = 0;
	for (size_t i = 0; i < n; i++) {
		float m = measure_marked(c, lines[i], st);
		w = m > w ? m : w;
	}
	return w;
}

/* Whether a column w wide is too narrow for a date column beside the text (the sidebar). */
static bool narrow_column(const lctx *c, float w)
{
	return c->one_size || w < c->size * 20;
}

/* The margin at the left that moderncv's dates take, with the gap after it. */
static float date_margin(const lctx *c)
{
	return len(c, c->ds->entries.date_width) + len(c, c->ds->entries.column_gap);
}

/* Where the text of line `line` of the current column ends, points from the column's left edge. */
static float line_end(const lctx *c, size_t line)
{
	const vline *v = &c->vl->lines[line];
	float end = 0;
	for (size_t r = 0; r < v->n_runs; r++) {
		cv_run run = cv_vline_run(v, r);
		end = fmaxf(end, run.x + run.width);
	}
	return end;
}

/* Inserts an empty line at index `at` of the current column (at its end when at is past it) and
 * returns its index. */
static size_t insert_line(lctx *c, size_t at)
{
	vlist *vl = c->vl;
	if (at >= vl->n_lines)
		return empty_line(c);
	size_t l = empty_line(c);
	vline blank = vl->lines[l];
	memmove(&vl->lines[at + 1], &vl->lines[at], (l - at) * sizeof *vl->lines);
	vl->lines[at] = blank;
	return at;
}

/* Moves the runs of lines [from, to) of the current column right by dx. */
static void shift_lines(lctx *c, size_t from, size_t to, float dx)
{
	for (size_t i = from; i < to && i < c->vl->n_lines; i++) {
		vline *v = &c->vl->lines[i];
		for (size_t r = 0; r < v->n_added; r++)
			v->added[r].x += dx;
		if (!v->n_para)
			continue; /* nothing more to move; runs added later are placed where they go */
		if (v->n_dx == VLINE_MOVES)
			own_para(c, v);
		v->dx[v->n_dx++] = dx;
	}
}

/* An entry with a template (experience, education, normal, publication, and one-line entries when a
 * template is given): the main column's lines, the date-and-location column beside its first lines
 * (at the right, or in a margin at the left as moderncv has it), and education's degree column. As in
 * RenderCV, the main column is narrowed beside the date column for as many lines as the date column
 * has (all of them with short_second_row), then takes the whole width. */
static size_t layout_templated(lctx *c, const cv_entry *e)
{
	const cv_design_entries *de = &c->ds->entries;
	/* What the lines say and in which order comes from present/entry.c, as for the text outputs. */
	cv_entry_lines el;
	cv_present_entry(c->doc, e, c->spans, c->today, c->arena, &el);
	const char *const *mains = el.main.line, *const *dates = el.dates.line, *const *degrees = el.degree.line;
	const cv_span *mspans = el.main.span, *dspans = el.dates.span;
	size_t nm = el.main.n, nd = el.dates.n, ng = el.degree.n;
	bool degree_col = el.degree_column;

	float W = c->width, gap = len(c, de->column_gap);
	float inner = W;
	tstyle st = body(c);
	/* A narrow column (the sidebar) sets its dates under the title instead of beside it. */
	bool stacked = narrow_column(c, W);
	float date_w = 0, left = 0, degree_x = 0, degree_w = 0;
	if (nd && !stacked) {
		date_w = de->date_width.pt != 0 || de->date_width.em != 0 ? len(c, de->date_width) : widest(c, dates, nd, st);
		if (date_w > inner * DATE_COLUMN_MAX && de->date_width.pt == 0 && de->date_width.em == 0)
			date_w = inner * DATE_COLUMN_MAX;
	}
	bool dates_left = de->dates_left && nd && !stacked;
	if (dates_left)
		left += date_w + gap;
	if (degree_col && !stacked) {
		/* At least design.entries.degree_width, wider for a longer degree ("MSc", "Bachelor"). */
		degree_w = len(c, de->degree_width);
		float need = widest(c, degrees, ng, st);
		if (need > degree_w)
			degree_w = need < inner * DEGREE_COLUMN_MAX ? need : inner * DEGREE_COLUMN_MAX;
		degree_x = left;
		left += degree_w + gap;
	}
	float main_w = inner - left;
	size_t first = c->vl->n_lines;
	/* RenderCV sets as many main lines beside the date column as it has lines (short_second_row: all). */
	size_t rows = de->short_second_row ? nm : nd ? nd : 1;
	size_t date_lines = nd && !stacked && !dates_left ? column_lines(c, dates, nd, date_w, st) : 0;
	size_t first_row_end = first, content = SIZE_MAX, lead = SIZE_MAX;
	bool blocks_seen = false;
	/* The lines beside which the date column's lines go, in order. */
	size_t slots[MAX_DATE_LINES], n_slots = 0;
	float narrow_w = main_w - date_w - gap;
	for (size_t i = 0; i < nm; i++) {
		bool inline_line = !cv_entry_is_block(mains[i]);
		/* Beside the date column: the title lines, and with short_second_row the blocks too (RenderCV
		 * narrows them all; cv2pdf's blocks otherwise take the whole width, where justified text
		 * keeps its spacing). A title that would wrap beside the dates takes the whole width too,
		 * and the dates go beside the lines after it: split by a date, the title would not read
		 * whole in a text extractor (which reads each line across the page). */
		bool beside = i < rows && date_lines && (inline_line || de->short_second_row);
		if (beside && inline_line && n_slots < date_lines && measure_marked(c, mains[i], st) > narrow_w)
			beside = false;
		c->width = beside ? narrow_w : main_w;
		size_t before = c->vl->n_lines;
		if (content == SIZE_MAX && (!strcmp(mains[i], "SUMMARY") || !strcmp(mains[i], "HIGHLIGHTS")))
			content = c->vl->n_lines; /* where the content after the title lines starts */
		if (!strcmp(mains[i], "SUMMARY")) {
			float x = len(c, de->summary_space_left);
			lead = layout_blocks(c, &e->summary, x, len(c, de->summary_space_above), c->size * 0.3f);
		} else if (!strcmp(mains[i], "HIGHLIGHTS")) {
			if (lead != SIZE_MAX && e->n_highlights)
				c->vl->lines[lead].keep_with_next = true; /* a lead-in line stays with its list */
			layout_items(c, e->highlights, e->n_highlights, e->numbered, 0);
		} else {
			add_marked(c, mains[i], st, NULL, mspans[i]);
			flush_para(c, (place){.width = c->width, .justify = c->justify, .pitch = c->pitch});
			if (stacked && i == 0 && nd) {
				/* In a narrow column the dates follow the first line, flush left. */
				for (size_t k = 0; k < nd; k++) {
					add_marked(c, dates[k], st, NULL, dspans[k]);
					flush_para(c, (place){.width = c->width, .pitch = c->pitch});
				}
			}
		}
		/* The slots follow each other down, and take a paragraph's last line only: a date beside any
		 * other would come in the middle of the paragraph for an extractor reading across the page.
		 * Except with short_second_row, which asks for RenderCV's narrow paragraphs beside the dates
		 * (where the dates take the lines as they come). */
		for (size_t l = before; beside && l < c->vl->n_lines && n_slots < date_lines; l++) {
			if (n_slots && l != slots[n_slots - 1] + 1)
				break;
			if (c->vl->lines[l].para_end || de->short_second_row)
				slots[n_slots++] = l;
			else if (n_slots)
				break;
		}
		/* The title lines: the text lines before the first block. */
		if (i < rows && !blocks_seen && inline_line)
			first_row_end = c->vl->n_lines;
		blocks_seen = blocks_seen || !strcmp(mains[i], "SUMMARY") || !strcmp(mains[i], "HIGHLIGHTS");
	}
	c->width = W;
	/* The date lines left over go beside the lines that follow the last slot, where one is a
	 * paragraph's last line that ends short of the date column, else on a line of their own. With no
	 * slot yet, a degree column starts the entry's first line for them. Without one, a title too long
	 * to leave room for the dates has them beside its last line or a header line after it (authors,
	 * a journal) where one ends short of them, else on lines of their own before the content; never
	 * above the title, where pdfminer read a date as the end of the entry before, nor beside the
	 * content (a bullet), where it read as part of it. */
	bool after_title = !n_slots && first_row_end > first && !(ng && degree_col && !stacked);
	size_t at = n_slots ? slots[n_slots - 1] + 1 : after_title ? first_row_end - 1 : first;
	for (; n_slots < date_lines && n_slots < MAX_DATE_LINES; at++) {
		if (at < c->vl->n_lines && (!after_title || at < content) && c->vl->lines[at].para_end &&
		    line_end(c, at) <= narrow_w)
			slots[n_slots++] = at;
		else if (!after_title || at >= first_row_end) { /* the title's last line takes no line above it */
			slots[n_slots++] = insert_line(c, at);
			content += content != SIZE_MAX && content >= at;
			first_row_end += first_row_end >= at;
		}
	}
	if (!nm && nd && stacked)
		for (size_t k = 0; k < nd; k++) {
			add_marked(c, dates[k], st, NULL, dspans[k]);
			flush_para(c, (place){.width = c->width, .pitch = c->pitch});
		}
	shift_lines(c, first, c->vl->n_lines, left);
	if (nd && !stacked) {
		if (dates_left)
			attach_column(c, dates, nd, first, NULL, 0, 0, date_w, de->date_align, st, false);
		else
			attach_column(c, dates, nd, first, slots, n_slots, inner - date_w, date_w, de->date_align, st, true);
	}
	if (ng && !stacked)
		attach_column(c, degrees, ng, first, NULL, 0, degree_x, degree_w, CV_HALIGN_LEFT, st, false);
	/* The title lines and the dates beside them stay together. */
	size_t dates_end = n_slots ? slots[n_slots - 1] + 1 : first + date_lines;
	size_t row_end = first_row_end > dates_end ? first_row_end : dates_end;
	keep_range(c, first, row_end < c->vl->n_lines ? row_end + 1 : c->vl->n_lines);
	return content != SIZE_MAX ? content : c->vl->n_lines;
}

static void layout_entry(lctx *c, const cv_entry *e, size_t index, size_t count, float space)
{
	const cv_design_entries *de = &c->ds->entries;
	size_t first = c->vl->n_lines;
	/* Entries are set in from the section's edges (design.entries.side_space); with the dates in a
	 * margin at the left, entries without dates start where the others' text does. */
	float W = c->width, side = len(c, de->side_space);
	cv_template_kind kind;
	bool templated = cv_entry_template_kind(c->ds, e, &kind);
	float margin = !templated && de->dates_left && !narrow_column(c, W - 2 * side) ? date_margin(c) : 0;
	c->width = W - 2 * side - margin;
	size_t content = first; /* where the content after the title lines starts (list-like: the entry) */
	switch (e->kind) {
	case CV_ENTRY_PAGEBREAK: {
		vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
		memset(v, 0, sizeof *v);
		v->page_break_before = true;
		return;
	}
	case CV_ENTRY_EXPERIENCE:
	case CV_ENTRY_EDUCATION:
	case CV_ENTRY_NORMAL:
	case CV_ENTRY_PUBLICATION:
		content = layout_templated(c, e);
		break;
	case CV_ENTRY_ONELINE: {
		if (templated) {
			content = layout_templated(c, e);
			break;
		}
		/* The label with the language's separator ("Languages: ", "语言："). */
		if (e->label.s) {
			add_marked(c, e->label.s, (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL, e->label.span);
			if (e->details.s && *e->details.s) /* no "German:" with nothing after it */
				add_plain(c, c->words->label_sep, (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL,
					  e->label.span);
		}
		add_marked(c, e->details.s, body(c), NULL, e->details.span);
		flush_para(c, (place){.width = c->width, .justify = c->justify});
		break;
	}
	case CV_ENTRY_BULLET:
		layout_list_item(c, &e->text, c->bullet, marker_room(c, false, 1), 0, 0);
		break;
	case CV_ENTRY_NUMBERED:
	case CV_ENTRY_REVNUMBERED: {
		char num[24];
		snprintf(num, sizeof num, "%zu.", e->kind == CV_ENTRY_NUMBERED ? index + 1 : count - index);
		layout_list_item(c, &e->text, num, marker_room(c, true, count), 0, 0);
		break;
	}
	case CV_ENTRY_TEXT:
		(void)layout_blocks(c, &e->summary, 0, 0, c->size * 0.3f);
		break;
	}
	/* Highlights under entries without a template of their own (text, list and one-line entries). */
	if ((e->kind == CV_ENTRY_ONELINE && !templated) ||
	    e->kind == CV_ENTRY_TEXT || e->kind == CV_ENTRY_BULLET || e->kind == CV_ENTRY_NUMBERED ||
	    e->kind == CV_ENTRY_REVNUMBERED) {
		if (e->n_highlights)
			layout_items(c, e->highlights, e->n_highlights, e->numbered, 1);
	}
	c->width = W;
	shift_lines(c, first, c->vl->n_lines, side + margin);
	if (first >= c->vl->n_lines)
		return;
	space_before(c, first, space);
	/* The title block stays with the first two lines of its content (rule 18: never a title alone at
	 * the foot of a page), and the entry's last two lines stay together (no single line of it at the
	 * top of the next). Anywhere else a page may break, so that a page is filled rather than ended
	 * early for an entry that does not fit whole; a design that does not let entries break (RenderCV's
	 * allow_page_break: false) keeps each whole. */
	size_t n = c->vl->n_lines;
	if (c->ds->entries.keep_entries)
		keep_range(c, first, n);
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

/* Rules around a title drawn this far from it, and a full-width rule this far under its baseline,
 * in ems of the body size (RenderCV's Typst template: a gutter of 0.3 em, 0.3 em above the rule). */
#define TITLE_RULE_GAP_EM 0.3f

static bool centred_title(cv_title_style ts)
{
	return ts == CV_TITLE_CENTERED || ts == CV_TITLE_CENTERED_PARTIAL || ts == CV_TITLE_CENTERED_MID ||
	       ts == CV_TITLE_CENTERED_FULL;
}

/* The gap under a title before its first entry: design.section_titles.space_below, past the rule. */
static float title_gap_below(const lctx *c)
{
	const cv_design *ds = c->ds;
	float gap = len(c, ds->titles.space_below);
	if (ds->title_style == CV_TITLE_FULL_LINE || ds->title_style == CV_TITLE_CENTERED_FULL)
		gap += c->size * TITLE_RULE_GAP_EM + ds->titles.rule;
	return gap;
}

static void layout_heading(lctx *c, const cv_str *title, int level)
{
	const cv_design *ds = c->ds;
	float size = c->one_size ? c->size : level == 0 ? c->head_size : c->size * 1.08f;
	/* Subsections and the sidebar's titles take no rule of the section's style. */
	cv_title_style ts = level == 0 && !c->one_size ? ds->title_style : CV_TITLE_NO_LINE;
	/* moderncv's title starts where the entries' text does, after the margin of dates its rule fills. */
	float side = len(c, ds->entries.side_space);
	float indent = ts == CV_TITLE_MODERNCV && !narrow_column(c, c->width) ? side + date_margin(c) : 0;
	add_styled(c, title->s, (tstyle){size, ds->titles.bold ? CV_BOLD : 0, c->color_head}, ds->titles.caps,
		   title->span);
	/* In the sidebar the title is set a little in from the edges of its band. */
	float inset = c->one_size && level == 0 ? c->size * 0.3f : 0;
	size_t l = flush_para(c, (place){.x = inset + indent, .width = c->width - 2 * inset - indent,
					   .center = centred_title(ts), .pitch = c->one_size ? c->pitch : size * 1.25f});
	if (l == (size_t)-1)
		return;
	vlist *vl = c->vl;
	if (c->one_size)
		space_before(c, l, level == 0 ? c->size * 1.1f : c->size * 0.7f);
	else
		gap_before(c, l, level == 0 ? len(c, ds->titles.space_above) : c->size * 0.7f);
	vline *v = &vl->lines[l];
	v->bookmark = cv_markup_strip(title->s, c->arena);
	v->bookmark_level = level;
	if (c->one_size && level == 0) {
		/* In the sidebar, where titles cannot be larger (tighten_sidebar), a pale band of the title
		 * colour marks them. */
		v->band = true;
		v->band_color = tint(c->color_head, SIDEBAR_BAND_TINT);
	} else if (ts != CV_TITLE_NO_LINE && ts != CV_TITLE_CENTERED && v->n_runs) {
		float t = ds->titles.rule, gap = c->size * TITLE_RULE_GAP_EM;
		cv_run r0 = cv_vline_run(v, 0), r1 = cv_vline_run(v, v->n_runs - 1);
		float x0 = r0.x, x1 = r1.x + r1.width;
		v->rule_below = t;
		v->rule_color = c->color_head;
		switch (ts) {
		case CV_TITLE_FULL_LINE:
		case CV_TITLE_CENTERED_FULL: /* under the title, across the column */
			v->rule_mid = -(gap + t / 2);
			break;
		case CV_TITLE_PARTIAL_LINE: /* from after the title to the column's edge, on the baseline */
			v->rule_from = x1 + size * 0.25f;
			v->rule_mid = t / 2;
			break;
		case CV_TITLE_CENTERED_PARTIAL: /* either side of the title, on its baseline */
		case CV_TITLE_CENTERED_MID:     /* ... or at the middle of its capitals */
			v->rule_to = x0 - gap > 0 ? x0 - gap : 0.01f;
			v->rule2_from = x1 + gap;
			v->rule2_to = c->width;
			v->rule_mid = ts == CV_TITLE_CENTERED_MID ? size * CAP_HEIGHT_EM / 2 : t / 2;
			break;
		case CV_TITLE_MODERNCV: /* across the margin of dates, at the middle of the capitals */
			v->rule_to = indent > 0 ? indent - len(c, ds->entries.column_gap) : x0 - gap;
			v->rule_mid = size * CAP_HEIGHT_EM / 2;
			break;
		default:
			break;
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
	const cv_design_entries *de = &c->ds->entries;
	size_t heading = c->vl->n_lines;
	bool spans = c->spans;
	if (level == 0)
		c->spans = cv_shows_time_spans(c->ds, cv_markup_strip(s->title.s, c->arena));
	layout_heading(c, &s->title, level);
	size_t body_start = c->vl->n_lines;
	for (size_t i = 0; i < s->n_entries; i++) {
		const cv_entry *e = &s->entries[i];
		bool text_based = e->kind == CV_ENTRY_BULLET || e->kind == CV_ENTRY_NUMBERED ||
				  e->kind == CV_ENTRY_REVNUMBERED || e->kind == CV_ENTRY_ONELINE || e->kind == CV_ENTRY_TEXT;
		size_t first = c->vl->n_lines;
		layout_entry(c, e, i, s->n_entries, i == 0 ? 0 : len(c, text_based ? de->space_between_text : de->space_between));
		if (i == 0 && first > heading && first < c->vl->n_lines && !c->one_size)
			gap_before(c, first, title_gap_below(c));
		else if (i == 0 && first < c->vl->n_lines)
			space_before(c, first, c->size * 0.3f);
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
	/* RenderCV's sections.allow_page_break: false keeps a section on one page when it fits one. */
	if (de->keep_sections)
		keep_range(c, heading, c->vl->n_lines);
	for (size_t i = 0; i < s->n_subsections; i++)
		layout_section(c, &s->subsections[i], level + 1);
	c->spans = spans;
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
static lctx ctx_new(const cv_doc *doc, cv_scale sc, cv_today today, const cv_fontset *fs, cv_text_cache *memo,
		    cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	const cv_design_layout *lt = &ds->layout;
	memset(out, 0, sizeof *out);
	lctx c = {
		.doc = doc,
		.ds = ds,
		.fs = fs,
		.d = d,
		.arena = arena,
		.scratch = cv_arena_new(),
		.page_body = ds->page_height - ds->margin_top - ds->margin_bottom,
		.lang = cv_arena_strdup(arena, doc->locale.tag),
		.words = doc->locale.lang,
		.size = cv_scaled_size(sc, ds->font_size),
		.name_size = cv_scaled_size(sc, ds->name_size),
		.head_size = cv_scaled_size(sc, ds->heading_size),
		.sscale = cv_scaled_spacing(sc, lt->spacing),
		.color_name = ds->color_name != CV_COLOR_UNSET ? ds->color_name : ds->color_primary,
		.color_head = ds->color_headings != CV_COLOR_UNSET ? ds->color_headings : ds->color_primary,
		.bullet = ds->bullet ? ds->bullet : "•",
		.today = today,
		.main = &out->main,
		.wide_from = SIZE_MAX,
		.memo = memo,
	};
	c.pitch = theme_pitch(&c);
	return c;
}

void cv_blocks_layout(const cv_doc *doc, cv_scale sc, cv_today today, const cv_photo *photo, const cv_fontset *fs,
		      size_t wide_from, cv_text_cache *memo, cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	const cv_design_layout *lt = &ds->layout;
	float text_w = ds->page_width - ds->margin_left - ds->margin_right;
	lctx c = ctx_new(doc, sc, today, fs, memo, arena, d, out);

	/* Two columns only when the sidebar has something to hold; otherwise the main column takes the
	 * whole width. */
	bool two = false;
	if (lt->columns == 2) {
		two = has_contacts(doc) || photo;
		for (size_t i = 0; i < doc->n_sections && !two; i++)
			two = !section_empty(&doc->sections[i]) &&
			      cv_theme_in_sidebar(ds, cv_markup_strip(doc->sections[i].title.s, arena));
	}
	out->two = two;
	out->side_w = two ? text_w * lt->sidebar_share : 0;
	out->main_w = two ? text_w - out->side_w - lt->gutter : text_w;
	out->head_w = text_w;
	if (two) {
		c.wide_from = wide_from;
		c.wide_extra = text_w - out->main_w;
	}

	/* Header, across the page. A photo in a one-column theme stands at its left or right
	 * (design.header.photo_position), the header's text beside it. */
	c.vl = &out->head;
	bool photo_beside = photo && !two;
	float photo_room = photo_beside ? photo->w + ds->header.photo_space_left + ds->header.photo_space_right : 0;
	c.width = text_w - photo_room;
	layout_name(&c);
	if (!two && has_contacts(doc))
		layout_contacts(&c, false);
	if (photo_beside && !ds->header.photo_right)
		shift_lines(&c, 0, out->head.n_lines, photo_room);
	if (photo_beside && vlist_height(&out->head) < photo->h) {
		/* The header's text is centred on the photo's height, as RenderCV's grid does. */
		float extra = photo->h - vlist_height(&out->head);
		vlist *hv = &out->head;
		CV_PUSH(hv->lines, hv->n_lines, hv->cap_lines);
		memmove(&hv->lines[1], &hv->lines[0], (hv->n_lines - 1) * sizeof *hv->lines);
		hv->lines[0] = (vline){.height = extra / 2};
		spacer(&c, extra / 2);
	}

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
	cv_arena_free(c.scratch);
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
	if (!s->s || !*s->s)
		return (size_t)-1;
	add_marked(c, s->s, body(c), NULL, s->span);
	size_t l = flush_para(c, (place){.width = c->width, .right = true});
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

void cv_blocks_letter(const cv_doc *doc, const cv_letter_view *l, cv_today today, const cv_fontset *fs,
		      cv_arena *arena, cv_diags *d, cv_columns *out)
{
	const cv_design *ds = &doc->design;
	float text_w = ds->page_width - ds->margin_left - ds->margin_right;
	lctx c = ctx_new(doc, (cv_scale){.font = 1, .space = 1}, today, fs, NULL, arena, d, out);
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
	cv_arena_free(c.scratch);
}

void cv_columns_free(cv_columns *cols)
{
	vlist *v[] = {&cols->head, &cols->side, &cols->main};
	for (size_t i = 0; i < 3; i++)
		free(v[i]->lines);
}
