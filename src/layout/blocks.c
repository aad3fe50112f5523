/* Block layout: the résumé's parts (header, summary, section headings, entries, highlights) become a
 * list of vertical lines of positioned runs, with keep-together marks for pagination.
 * It decides what goes where on a line; the text engine decides where lines break.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* Entries shorter than this share of the page are kept on one page (moved whole to the next). */
#define KEEP_ENTRY_FRACTION 0.4f
/* Highlights nest at most this deep visually; deeper levels keep the last indent. */
#define MAX_INDENT_LEVELS 4

typedef struct lctx {
	const cv_doc *doc;
	const cv_design *ds;
	const cv_fontset *fs;
	cv_diags *d;
	cv_arena *arena; /* the display list's arena */
	vlist *vl;
	float width;     /* column width, points */
	float page_body; /* usable page height, points */
	const char *lang;
	bool zh;
	float size;      /* body font size */
	float pitch;     /* body line pitch */
	/* Scratch inline list, reused for every paragraph. */
	cv_inline *in;
	size_t n_in, cap_in;
	cv_mpiece *pieces;
	size_t n_pieces, cap_pieces;
	/* The page limit: lines measured so far, the height they fill, and whether it was exceeded. */
	size_t measured;
	float filled;
	bool too_long;
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

/* Adds plain text (no markup) with a style. */
static void add_plain(lctx *c, const char *s, tstyle st, const char *link, cv_span span)
{
	if (!s || !*s)
		return;
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

/* Only these schemes become clickable (TYPESETTING and the PDF features issue): anything else, such
 * as javascript: or file:, is shown as text without a link. */
static const char *safe_link(lctx *c, const char *uri, cv_span span)
{
	if (!uri)
		return NULL;
	static const char *const ok[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncasecmp(uri, ok[i], strlen(ok[i])) == 0)
			return uri;
	if (strncasecmp(uri, "www.", 4) == 0)
		return cv_arena_printf(c->arena, "https://%s", uri);
	cv_diag_add(c->d, CV_WARNING, "unsafe-link", span,
		    "link \"%s\" is not http, https, mailto or tel; it is shown without a link", uri);
	return NULL;
}

/* Adds marked-up text: **bold** etc. on top of the base style. */
static void add_marked(lctx *c, const char *s, tstyle st, const char *link, cv_span span)
{
	if (!s || !*s)
		return;
	c->n_pieces = 0;
	cv_markup_parse(s, strlen(s), c->arena, &c->pieces, &c->n_pieces, &c->cap_pieces);
	for (size_t i = 0; i < c->n_pieces; i++) {
		const cv_mpiece *p = &c->pieces[i];
		tstyle ps = st;
		ps.style |= p->style & (CV_BOLD | CV_ITALIC);
		const char *l = p->link ? safe_link(c, p->link, span) : link;
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

/* Lays out the current inlines as a paragraph and appends its lines. Returns the index of the first
 * line appended, or (size_t)-1 when there was nothing to lay out. */
static size_t flush_para(lctx *c, place pl)
{
	if (!c->n_in)
		return (size_t)-1;
	cv_para para;
	cv_para_opts o = {.width = pl.width, .justify = pl.justify, .lang = c->lang};
	cv_text_layout(c->fs, c->in, c->n_in, &o, c->arena, &para, c->d);
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
	/* Widows and orphans: the first two and the last two lines of a paragraph stay together. */
	size_t n = para.n_lines;
	if (n >= 2) {
		vl->lines[first].keep_with_next = true;
		vl->lines[first + n - 2].keep_with_next = true;
	}
	return n ? first : (size_t)-1;
}

/* Adds a run of text right-aligned at the column's right edge on line `line` (already laid out). */
static void add_right(lctx *c, size_t line, const char *text, tstyle st, float right)
{
	if (!text || !*text || line == (size_t)-1)
		return;
	add_marked(c, text, st, NULL, (cv_span){0});
	cv_para para;
	cv_para_opts o = {.width = 1e5f, .lang = c->lang};
	cv_text_layout(c->fs, c->in, c->n_in, &o, c->arena, &para, c->d);
	clear_inlines(c);
	if (!para.n_lines)
		return;
	vlist *vl = c->vl;
	vline *v = &vl->lines[line];
	float w = para.lines[0].width;
	/* The line's runs must stay contiguous: right-aligned runs can only be added to the last line. */
	if (line + 1 != vl->n_lines)
		return;
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
	cv_para_opts o = {.width = 1e5f, .lang = c->lang};
	cv_text_layout(c->fs, c->in, c->n_in, &o, c->arena, &para, c->d);
	clear_inlines(c);
	return para.n_lines ? para.lines[0].width : 0;
}

static void space_before(lctx *c, size_t line, float space)
{
	if (line != (size_t)-1 && line < c->vl->n_lines && c->vl->lines[line].space_before < space)
		c->vl->lines[line].space_before = space;
}

static void keep_range(lctx *c, size_t from, size_t to)
{
	for (size_t i = from; i + 1 < to && i + 1 < c->vl->n_lines; i++)
		c->vl->lines[i].keep_with_next = true;
}

static tstyle body(const lctx *c)
{
	return (tstyle){c->size, 0, c->ds->color_text};
}

/* ---- Header ---------------------------------------------------------------------------------- */

/* A contact item: spaces inside become no-break spaces so an item never splits across lines. */
static const char *nobreak(lctx *c, const char *s)
{
	size_t n = strlen(s), extra = 0;
	for (size_t i = 0; i < n; i++)
		extra += s[i] == ' ';
	char *t = cv_arena_alloc(c->arena, n + extra + 1), *w = t;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ') {
			*w++ = (char)0xC2;
			*w++ = (char)0xA0;
		} else {
			*w++ = s[i];
		}
	}
	*w = '\0';
	return t;
}

static const char *social_url(lctx *c, const cv_social *s, const char **shown)
{
	static const struct {
		const char *network, *prefix;
	} known[] = {
		{"LinkedIn", "linkedin.com/in/"},   {"GitHub", "github.com/"},         {"GitLab", "gitlab.com/"},
		{"Twitter", "twitter.com/"},        {"X", "x.com/"},                   {"ORCID", "orcid.org/"},
		{"ResearchGate", "researchgate.net/profile/"}, {"YouTube", "youtube.com/@"},
		{"StackOverflow", "stackoverflow.com/users/"}, {"Google Scholar", "scholar.google.com/citations?user="},
		{"Bluesky", "bsky.app/profile/"},   {"Telegram", "t.me/"},             {"Leetcode", "leetcode.com/u/"},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(s->network.s, known[i].network) == 0) {
			*shown = cv_arena_printf(c->arena, "%s%s", known[i].prefix, s->username.s);
			return cv_arena_printf(c->arena, "https://%s%s", known[i].prefix, s->username.s);
		}
	*shown = cv_arena_printf(c->arena, "%s: %s", s->network.s, s->username.s);
	return NULL;
}

/* "tel:" wants digits and a leading plus only. */
static const char *tel_uri(lctx *c, const char *phone)
{
	size_t n = strlen(phone);
	char *t = cv_arena_alloc(c->arena, n + 5), *w = t;
	w += sprintf(w, "tel:");
	for (size_t i = 0; i < n; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') || (phone[i] == '+' && w == t + 4))
			*w++ = phone[i];
	*w = '\0';
	return w > t + 4 ? t : NULL;
}

static const char *strip_scheme(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	return p;
}

static void contact_item(lctx *c, bool *first, const char *text, const char *link, cv_span span)
{
	tstyle st = body(c);
	st.size = c->size * 0.95f;
	if (!*first) {
		tstyle sep = st;
		sep.color = 0x888888;
		add_plain(c, "  |  ", sep, NULL, span);
	}
	*first = false;
	if (link)
		st.color = c->ds->color_link;
	add_plain(c, nobreak(c, text), st, link, span);
}

static void layout_header(lctx *c)
{
	const cv_doc *doc = c->doc;
	const cv_design *ds = c->ds;
	place center = {.x = 0, .width = c->width, .center = true};
	if (doc->name.s) {
		add_marked(c, doc->name.s, (tstyle){ds->name_size, CV_BOLD, ds->color_primary}, NULL, doc->name.span);
		flush_para(c, center);
	}
	if (doc->headline.s) {
		add_marked(c, doc->headline.s, (tstyle){c->size * 1.1f, 0, ds->color_text}, NULL, doc->headline.span);
		size_t l = flush_para(c, center);
		space_before(c, l, c->size * 0.2f);
	}
	bool first = true;
	if (doc->location.s)
		contact_item(c, &first, doc->location.s, NULL, doc->location.span);
	for (size_t i = 0; i < doc->email.n; i++)
		contact_item(c, &first, doc->email.items[i].s,
			     cv_arena_printf(c->arena, "mailto:%s", doc->email.items[i].s), doc->email.items[i].span);
	for (size_t i = 0; i < doc->phone.n; i++)
		contact_item(c, &first, doc->phone.items[i].s, tel_uri(c, doc->phone.items[i].s), doc->phone.items[i].span);
	for (size_t i = 0; i < doc->website.n; i++) {
		const cv_str *w = &doc->website.items[i];
		const char *shown = strip_scheme(w->s);
		size_t n = strlen(shown);
		if (n && shown[n - 1] == '/')
			shown = cv_arena_strndup(c->arena, shown, n - 1);
		contact_item(c, &first, shown, safe_link(c, strstr(w->s, "://") ? w->s : cv_arena_printf(c->arena, "https://%s", w->s), w->span), w->span);
	}
	for (size_t i = 0; i < doc->n_social; i++) {
		const char *shown;
		const char *url = social_url(c, &doc->social[i], &shown);
		contact_item(c, &first, shown, url, doc->social[i].span);
	}
	for (size_t i = 0; i < doc->n_connections; i++) {
		const cv_connection *k = &doc->connections[i];
		contact_item(c, &first, k->text.s, k->url.s ? safe_link(c, k->url.s, k->url.span) : NULL, k->span);
	}
	size_t l = flush_para(c, center);
	space_before(c, l, c->size * 0.45f);
	if (doc->summary.s) {
		/* Paragraphs of the summary are separated by blank lines in the source. */
		const char *s = doc->summary.s;
		bool firstp = true;
		while (*s) {
			const char *e = strstr(s, "\n\n");
			size_t n = e ? (size_t)(e - s) : strlen(s);
			add_marked(c, cv_arena_strndup(c->arena, s, n), body(c), NULL, doc->summary.span);
			size_t pl = flush_para(c, (place){.width = c->width, .justify = ds->align == CV_ALIGN_JUSTIFY});
			space_before(c, pl, firstp ? c->size * 1.0f : c->size * 0.4f);
			firstp = false;
			s = e ? e + 2 : s + n;
			while (*s == '\n')
				s++;
		}
	}
}

/* ---- Entries --------------------------------------------------------------------------------- */

static void layout_text_block(lctx *c, const cv_str *s, float x, float space, tstyle st)
{
	if (!s->s)
		return;
	const char *p = s->s;
	bool first = true;
	while (*p) {
		const char *e = strstr(p, "\n\n");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		add_marked(c, cv_arena_strndup(c->arena, p, n), st, NULL, s->span);
		size_t l = flush_para(c, (place){.x = x, .width = c->width - x, .justify = c->ds->align == CV_ALIGN_JUSTIFY});
		space_before(c, l, first ? space : c->size * 0.3f);
		first = false;
		p = e ? e + 2 : p + n;
		while (*p == '\n')
			p++;
	}
}

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

/* A list item: a marker ("•", "1.") in the hanging indent (marker_w wide), the text beside it. */
static size_t layout_list_item(lctx *c, const cv_str *text, const char *marker, float marker_w, int level,
			       float space)
{
	if (level >= MAX_INDENT_LEVELS)
		level = MAX_INDENT_LEVELS - 1;
	float step = c->size * 1.1f;
	float x = step * 0.15f + (float)level * step + marker_w;
	if (!text->s)
		return (size_t)-1;
	add_marked(c, text->s, body(c), NULL, text->span);
	size_t l = flush_para(c, (place){.x = x, .width = c->width - x, .justify = c->ds->align == CV_ALIGN_JUSTIFY});
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
	cv_para_opts o = {.width = 1e5f, .lang = "en"};
	cv_text_layout(c->fs, c->in, c->n_in, &o, c->arena, &para, c->d);
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

static void layout_items(lctx *c, const cv_item *items, size_t n, bool numbered, int level)
{
	static const char *const bullets[] = {"•", "–", "◦", "·"};
	float room = marker_room(c, numbered, n);
	for (size_t i = 0; i < n; i++) {
		const cv_item *it = &items[i];
		char num[24];
		snprintf(num, sizeof num, "%zu.", i + 1);
		const char *marker = numbered ? num : bullets[level % 4];
		if (it->text.s)
			layout_list_item(c, &it->text, marker, room, level, c->size * 0.18f);
		layout_items(c, it->children, it->n_children, it->numbered, it->text.s ? level + 1 : level);
	}
}

/* The two title lines of a dated entry: primary text on the left and dates on the right, then the
 * secondary text on the left and the place on the right. */
static size_t title_lines(lctx *c, const char *primary, cv_span pspan, const char *secondary, cv_span sspan,
			  unsigned sec_style, const char *dates, const char *place_text)
{
	tstyle right = body(c);
	tstyle right2 = body(c);
	right2.style = CV_ITALIC;
	float gap = c->size * 1.2f;
	float wr1 = measure_marked(c, dates, right);
	float wr2 = measure_marked(c, place_text, right2);
	size_t first = (size_t)-1;
	if (primary) {
		add_marked(c, primary, (tstyle){c->size * 1.02f, CV_BOLD, c->ds->color_text}, NULL, pspan);
		first = flush_para(c, (place){.width = c->width - (wr1 > 0 ? wr1 + gap : 0), .pitch = c->pitch});
		add_right(c, c->vl->n_lines - 1 == first ? first : (size_t)-1, dates, right, c->width);
		if (first != (size_t)-1 && c->vl->n_lines - 1 != first && dates) {
			/* The title wrapped: put the dates on its first line anyway by re-adding to the first line
			 * is not possible without reordering, so they go on the last line of the title. */
			add_right(c, c->vl->n_lines - 1, dates, right, c->width);
		}
	}
	const char *sec = secondary;
	if (sec || place_text) {
		size_t l;
		if (sec) {
			add_marked(c, sec, (tstyle){c->size, sec_style, c->ds->color_text}, NULL, sspan);
			l = flush_para(c, (place){.width = c->width - (wr2 > 0 ? wr2 + gap : 0), .pitch = c->pitch});
		} else {
			/* No left text: an empty line to carry the place. */
			vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
			memset(v, 0, sizeof *v);
			v->first_run = c->vl->n_runs;
			v->height = c->pitch;
			v->ascent = c->size * 0.93f + (c->pitch - c->size * 1.2f) / 2;
			l = c->vl->n_lines - 1;
		}
		if (l != (size_t)-1)
			add_right(c, c->vl->n_lines - 1, place_text, right2, c->width);
		if (first == (size_t)-1)
			first = l;
	}
	if (!primary && dates && first == (size_t)-1) {
		vline *v = CV_PUSH(c->vl->lines, c->vl->n_lines, c->vl->cap_lines);
		memset(v, 0, sizeof *v);
		v->first_run = c->vl->n_runs;
		v->height = c->pitch;
		v->ascent = c->size * 0.93f + (c->pitch - c->size * 1.2f) / 2;
		first = c->vl->n_lines - 1;
		add_right(c, first, dates, right, c->width);
	}
	return first;
}

static const char *join_authors(lctx *c, const cv_strlist *a)
{
	size_t total = 0;
	for (size_t i = 0; i < a->n; i++)
		total += strlen(a->items[i].s) + 2;
	char *s = cv_arena_alloc(c->arena, total + 1), *w = s;
	for (size_t i = 0; i < a->n; i++)
		w += sprintf(w, "%s%s", i ? ", " : "", a->items[i].s);
	return s;
}

static const char *edu_secondary(lctx *c, const cv_entry *e)
{
	const char *deg = e->degree.s, *area = e->area.s;
	if (deg && area)
		return c->zh ? cv_arena_printf(c->arena, "%s %s", area, deg) : cv_arena_printf(c->arena, "%s in %s", deg, area);
	return deg ? deg : area;
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
		title = title_lines(c, e->institution.s, e->institution.span, edu_secondary(c, e), e->degree.span, CV_ITALIC,
				    dates, e->location.s);
		break;
	case CV_ENTRY_NORMAL:
		/* A one-paragraph summary takes the second line opposite the place, rather than leaving that
		 * line empty on the left. */
		if (e->location.s && e->summary.s && !strstr(e->summary.s, "\n\n")) {
			title = title_lines(c, e->name.s, e->name.span, e->summary.s, e->summary.span, 0, dates, e->location.s);
			summary_done = true;
		} else {
			title = title_lines(c, e->name.s, e->name.span, NULL, none, 0, dates, e->location.s);
		}
		break;
	case CV_ENTRY_PUBLICATION: {
		title = title_lines(c, e->title.s, e->title.span, NULL, none, 0, dates, NULL);
		if (e->authors.n) {
			add_marked(c, join_authors(c, &e->authors), body(c), NULL, e->authors.items[0].span);
			flush_para(c, (place){.width = c->width, .justify = c->ds->align == CV_ALIGN_JUSTIFY});
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
				add_plain(c, strip_scheme(e->url.s), ls, safe_link(c, e->url.s, e->url.span), e->url.span);
			}
			flush_para(c, (place){.width = c->width, .justify = c->ds->align == CV_ALIGN_JUSTIFY});
		}
		break;
	}
	case CV_ENTRY_ONELINE: {
		if (e->label.s) {
			add_marked(c, e->label.s, (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL, e->label.span);
			add_plain(c, c->zh ? "：" : ": ", (tstyle){c->size, CV_BOLD, c->ds->color_text}, NULL, e->label.span);
		}
		add_marked(c, e->details.s, body(c), NULL, e->details.span);
		title = flush_para(c, (place){.width = c->width, .justify = c->ds->align == CV_ALIGN_JUSTIFY});
		break;
	}
	case CV_ENTRY_BULLET:
		title = layout_list_item(c, &e->text, "•", marker_room(c, false, 1), 0, 0);
		break;
	case CV_ENTRY_NUMBERED:
	case CV_ENTRY_REVNUMBERED: {
		char num[24];
		snprintf(num, sizeof num, "%zu.", e->kind == CV_ENTRY_NUMBERED ? index + 1 : count - index);
		title = layout_list_item(c, &e->text, num, marker_room(c, true, count), 0, 0);
		break;
	}
	case CV_ENTRY_TEXT:
		layout_text_block(c, &e->text, 0, 0, body(c));
		title = first < c->vl->n_lines ? first : (size_t)-1;
		break;
	}
	if (e->kind != CV_ENTRY_TEXT && e->kind != CV_ENTRY_ONELINE && e->kind != CV_ENTRY_BULLET &&
	    e->kind != CV_ENTRY_NUMBERED && e->kind != CV_ENTRY_REVNUMBERED) {
		if (!summary_done)
			layout_text_block(c, &e->summary, 0, c->size * 0.15f, body(c));
		layout_items(c, e->highlights, e->n_highlights, e->numbered, 0);
	} else if (e->n_highlights) {
		layout_items(c, e->highlights, e->n_highlights, e->numbered, 1);
	}
	if (first >= c->vl->n_lines)
		return;
	space_before(c, first, space);
	(void)title;
	/* The title block and the first line of content stay together (rule 18); a short entry stays
	 * together as a whole. */
	float h = 0;
	for (size_t i = first; i < c->vl->n_lines; i++)
		h += c->vl->lines[i].height + c->vl->lines[i].space_before;
	size_t head_end = first;
	while (head_end + 1 < c->vl->n_lines && c->vl->lines[head_end].n_runs &&
	       head_end - first < 2 && e->kind != CV_ENTRY_TEXT)
		head_end++;
	if (h < c->page_body * KEEP_ENTRY_FRACTION)
		keep_range(c, first, c->vl->n_lines);
	else
		keep_range(c, first, head_end + 2 <= c->vl->n_lines ? head_end + 2 : c->vl->n_lines);
}

/* ---- Sections -------------------------------------------------------------------------------- */

static void layout_heading(lctx *c, const cv_str *title, int level)
{
	const cv_design *ds = c->ds;
	float size = level == 0 ? ds->heading_size : c->size * 1.08f;
	add_marked(c, title->s, (tstyle){size, CV_BOLD, ds->color_primary}, NULL, title->span);
	size_t l = flush_para(c, (place){.width = c->width, .pitch = size * 1.45f});
	if (l == (size_t)-1)
		return;
	vlist *vl = c->vl;
	space_before(c, l, level == 0 ? c->size * 1.1f : c->size * 0.7f);
	vl->lines[l].bookmark = cv_markup_strip(title->s, c->arena);
	vl->lines[l].bookmark_level = level;
	if (level == 0) {
		vl->lines[l].rule_below = 0.6f;
		vl->lines[l].rule_color = ds->color_primary;
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
	for (; c->measured < c->vl->n_lines; c->measured++) {
		const vline *v = &c->vl->lines[c->measured];
		if (v->page_break_before)
			c->filled = ceilf(c->filled / c->page_body) * c->page_body;
		c->filled += v->space_before + v->height;
	}
	if (c->filled <= (float)CV_MAX_PAGES * c->page_body)
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
	layout_heading(c, &s->title, level);
	for (size_t i = 0; i < s->n_entries; i++) {
		const cv_entry *e = &s->entries[i];
		bool list_like = e->kind == CV_ENTRY_BULLET || e->kind == CV_ENTRY_NUMBERED ||
				 e->kind == CV_ENTRY_REVNUMBERED || e->kind == CV_ENTRY_ONELINE;
		float space = i == 0 ? c->size * 0.3f : list_like ? c->size * 0.25f : c->size * 0.75f;
		layout_entry(c, e, i, s->n_entries, space);
		if (past_page_limit(c, e->span))
			return;
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		layout_section(c, &s->subsections[i], level + 1);
}

static void set_info(lctx *c, cv_dlist *dl)
{
	const cv_doc *doc = c->doc;
	cv_docinfo *info = &dl->info;
	if (doc->name.s) {
		const char *name = cv_markup_strip(doc->name.s, c->arena);
		info->author = name;
		info->title = cv_arena_printf(c->arena, "%s — %s", name, c->zh ? "简历" : "CV");
	}
	if (doc->headline.s)
		info->subject = cv_markup_strip(doc->headline.s, c->arena);
	info->language = c->lang;
	/* Keywords: the section titles, which is what a reader searching a folder of CVs looks for. */
	size_t total = 0;
	for (size_t i = 0; i < doc->n_sections; i++)
		total += strlen(doc->sections[i].title.s) + 2;
	if (total) {
		char *k = cv_arena_alloc(c->arena, total + 1), *w = k;
		for (size_t i = 0; i < doc->n_sections; i++)
			w += sprintf(w, "%s%s", i ? ", " : "", doc->sections[i].title.s);
		info->keywords = k;
	}
}

cv_dlist *cv_layout(const cv_doc *doc, const cv_fontset *fs, cv_diags *d)
{
	cv_dlist *dl = cv_xcalloc(1, sizeof *dl);
	dl->arena = cv_arena_new();
	const cv_design *ds = &doc->design;
	dl->width = ds->page_width;
	dl->height = ds->page_height;
	vlist vl = {0};
	const char *lang = doc->locale.language ? doc->locale.language : "en";
	lctx c = {
		.doc = doc,
		.ds = ds,
		.fs = fs,
		.d = d,
		.arena = dl->arena,
		.vl = &vl,
		.width = ds->page_width - ds->margin_left - ds->margin_right,
		.page_body = ds->page_height - ds->margin_top - ds->margin_bottom,
		.lang = cv_arena_strdup(dl->arena, lang),
		.zh = strncmp(lang, "zh", 2) == 0,
		.size = ds->font_size,
		.pitch = ds->font_size * ds->line_spacing,
	};
	layout_header(&c);
	for (size_t i = 0; i < doc->n_sections; i++)
		layout_section(&c, &doc->sections[i], 0);
	set_info(&c, dl);
	if (!c.too_long)
		cv_paginate(&vl, dl, ds->margin_left, ds->margin_top, ds->page_height - ds->margin_bottom, c.width, ds,
			    fs, c.lang);
	/* Pagination keeps lines together and so may need more pages than the estimate. */
	if (!c.too_long && dl->n_pages > CV_MAX_PAGES) {
		cv_span at = doc->n_sections ? doc->sections[doc->n_sections - 1].span : doc->name.span;
		cv_diag_add(d, CV_ERROR, "too-many-pages", at, "the document runs past %d pages; refusing to typeset it",
			    CV_MAX_PAGES);
		c.too_long = true;
	}
	free(vl.runs);
	free(vl.lines);
	free(c.in);
	free(c.pieces);
	if (c.too_long) {
		cv_dlist_free(dl);
		return NULL;
	}
	return dl;
}
