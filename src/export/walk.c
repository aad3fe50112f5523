/* The one walk over the tailored model that every text format shares: the header, the summary, each
 * section with its entries (their title blocks as the PDF sets them, then summaries and highlights),
 * or the cover letter's parts in the order its convention sets them. It decides what is said and in
 * which order; the emitter decides how it is written. A new kind of entry or section is added here.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/lang.h"
#include "export_internal.h"

#define CALL(w, fn, ...)                          \
	do {                                      \
		if ((w)->em->fn)                  \
			(w)->em->fn(w, __VA_ARGS__); \
	} while (0)
#define CALL0(w, fn)                  \
	do {                          \
		if ((w)->em->fn)      \
			(w)->em->fn(w); \
	} while (0)

/* A text's blocks (model.h): body paragraphs, and list items nested by level, each list opened by its
 * first item and closed when a block stands outside it; a paragraph that continues an item is handed
 * over inside that item. The emitters see the same list calls as for highlights. */
static void blocks(xw *w, const cv_blocks *b)
{
	int depth = 0; /* lists open; the innermost one's last item is still open */
	int kind[CV_EXPORT_MAX_DEPTH] = {0};
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *k = &b->items[i];
		int level = k->level < 0 ? 0 : k->level;
		int most = depth + (k->item ? 1 : 0); /* a block cannot stand deeper than the lists around it */
		level = level > most ? most : level;
		level = level > CV_EXPORT_MAX_DEPTH ? CV_EXPORT_MAX_DEPTH : level;
		if (k->item && level == 0)
			level = 1;
		for (; depth > level; depth--) {
			CALL(w, item_end, depth - 1);
			CALL(w, list_end, depth - 1);
		}
		if (!k->item) {
			if (level == 0)
				CALL(w, para, &k->text);
			else
				CALL(w, item_para, &k->text, level - 1);
			continue;
		}
		int numbered = k->numbered ? 1 : 0;
		if (depth == level) {
			CALL(w, item_end, level - 1);
			if (kind[level - 1] != numbered) { /* a bullet list right after a numbered one */
				CALL(w, list_end, level - 1);
				depth--;
			}
		}
		if (depth < level) {
			kind[level - 1] = numbered;
			CALL(w, list, numbered, level - 1);
			depth = level;
		}
		CALL(w, item, &k->text, k->numbered ? k->number : 0, level - 1);
	}
	for (; depth > 0; depth--) {
		CALL(w, item_end, depth - 1);
		CALL(w, list_end, depth - 1);
	}
}

static void items(xw *w, const cv_item *it, size_t n, bool numbered, int level)
{
	if (!n)
		return;
	if (level >= CV_EXPORT_MAX_DEPTH)
		level = CV_EXPORT_MAX_DEPTH - 1;
	CALL(w, list, numbered ? 1 : 0, level);
	for (size_t i = 0; i < n; i++) {
		if (!it[i].text.s) { /* a highlight of only nested ones: they stand at this level */
			items(w, it[i].children, it[i].n_children, it[i].numbered, level);
			continue;
		}
		CALL(w, item, &it[i].text, numbered ? (int)i + 1 : 0, level);
		items(w, it[i].children, it[i].n_children, it[i].numbered, level + 1);
		CALL(w, item_end, level);
	}
	CALL(w, list_end, level);
}

/* One end of a range in ISO 8601 ("2023-08"), for a machine to read; "" for the open end. */
static void iso(const cv_date *d, char out[11])
{
	out[0] = '\0';
	if (d->present || !d->year)
		return;
	if (d->day)
		snprintf(out, 11, "%04d-%02d-%02d", d->year, d->month, d->day);
	else if (d->month)
		snprintf(out, 11, "%04d-%02d", d->year, d->month);
	else
		snprintf(out, 11, "%04d", d->year);
}

/* The entry's dates, and its two ends when the text is exactly them (for <time datetime>). */
static void entry_dates(xw *w, const cv_entry *e, xentry *x)
{
	x->dates = cv_format_dates(e, &w->doc->locale, w->a);
	if (!x->dates || e->date.s)
		return;
	char a[128] = "", b[128] = "";
	if (e->has_start)
		cv_format_date(&e->start_date, &w->doc->locale.words, a, sizeof a);
	if (e->has_end)
		cv_format_date(&e->end_date, &w->doc->locale.words, b, sizeof b);
	const char *range = w->doc->locale.words.range;
	if (e->has_start && e->has_end && strlen(a) + strlen(range) + strlen(b) == strlen(x->dates) &&
	    !strncmp(x->dates, a, strlen(a)) && !strcmp(x->dates + strlen(x->dates) - strlen(b), b)) {
		x->start_text = cv_arena_strdup(w->a, a);
		x->end_text = cv_arena_strdup(w->a, b);
		iso(&e->start_date, x->start_iso);
		iso(&e->end_date, x->end_iso);
	} else if (!strcmp(x->dates, e->has_start ? a : b)) {
		x->start_text = x->dates;
		iso(e->has_start ? &e->start_date : &e->end_date, x->start_iso);
	}
}

static bool list_like(const cv_entry *e)
{
	return e->kind == CV_ENTRY_BULLET || e->kind == CV_ENTRY_NUMBERED || e->kind == CV_ENTRY_REVNUMBERED;
}

/* A run of bullet or numbered entries, from entries[i], as one list. Returns the index after it. */
static size_t entry_list(xw *w, const cv_section *s, size_t i)
{
	cv_entry_kind k = s->entries[i].kind;
	CALL(w, list, k == CV_ENTRY_BULLET ? 0 : k == CV_ENTRY_NUMBERED ? 1 : -1, 0);
	for (; i < s->n_entries && s->entries[i].kind == k; i++) {
		const cv_entry *e = &s->entries[i];
		int number = k == CV_ENTRY_NUMBERED ? (int)i + 1 : k == CV_ENTRY_REVNUMBERED ? (int)(s->n_entries - i) : 0;
		CALL(w, item, &e->text, number, 0);
		items(w, e->highlights, e->n_highlights, e->numbered, 1);
		CALL(w, item_end, 0);
	}
	CALL(w, list_end, 0);
	CALL0(w, group_end);
	return i;
}

/* An entry as its theme's template arranges it in the PDF (cv_present_entry): the main column's
 * first line as the title; the side columns (the degree, then the dates and place) after the title
 * lines they stand beside; the main column's other lines, summary and highlights in the template's
 * order. */
static void entry(xw *w, const cv_entry *e, int level)
{
	xentry x = {.e = e, .level = level + 1};
	cv_entry_lines el;
	cv_today today = {w->o->year, w->o->month, w->o->day};
	cv_present_entry(w->doc, e, w->spans, today, w->a, &el);
	const cv_entry_part *m = &el.main;
	/* The degree column at the left reads first, then the date-and-location column. */
	size_t nc = el.degree.n + el.dates.n;
	const char **col = cv_arena_alloc(w->a, (nc ? nc : 1) * sizeof *col);
	cv_span *col_spans = cv_arena_alloc(w->a, (nc ? nc : 1) * sizeof *col_spans);
	for (size_t i = 0; i < nc; i++) {
		bool deg = i < el.degree.n;
		col[i] = deg ? el.degree.line[i] : el.dates.line[i - el.degree.n];
		col_spans[i] = deg ? el.degree.span[i] : el.dates.span[i - el.degree.n];
	}
	x.column = col, x.column_spans = col_spans, x.n_column = nc;
	entry_dates(w, e, &x);
	x.duration = el.time_span;
	size_t i = 0;
	if (m->n && !cv_entry_is_block(m->line[0]))
		x.title = m->line[i++];
	/* The side columns stand beside as many title lines as they have (the PDF's rows). */
	size_t rows = el.dates.n > 1 ? el.dates.n : 1;
	bool meta = false;
	w->in_entry = true;
	CALL(w, entry, &x);
	for (; i < m->n; i++) {
		if (!meta && (i >= rows || cv_entry_is_block(m->line[i]))) {
			CALL(w, meta, &x);
			meta = true;
		}
		if (!strcmp(m->line[i], "SUMMARY"))
			blocks(w, &e->summary);
		else if (!strcmp(m->line[i], "HIGHLIGHTS"))
			items(w, e->highlights, e->n_highlights, e->numbered, 0);
		else
			CALL(w, para, &(cv_str){m->line[i], m->span[i]});
	}
	if (!meta)
		CALL(w, meta, &x);
	CALL0(w, entry_end);
	w->in_entry = false;
}

static bool section_empty(const cv_section *s)
{
	for (size_t i = 0; i < s->n_subsections; i++)
		if (!section_empty(&s->subsections[i]))
			return false;
	return s->n_entries == 0;
}

static void section(xw *w, const cv_section *s, int level)
{
	if (section_empty(s))
		return;
	bool spans = w->spans;
	if (level == 0) /* as the PDF: a top-level section's title decides, for its subsections too */
		w->spans = cv_shows_time_spans(&w->doc->design, cv_markup_strip(s->title.s, w->a));
	CALL(w, section, &s->title, level);
	for (size_t i = 0; i < s->n_entries;) {
		const cv_entry *e = &s->entries[i];
		if (list_like(e)) {
			i = entry_list(w, s, i);
		} else if (e->kind == CV_ENTRY_ONELINE && !cv_entry_template_kind(&w->doc->design, e, &(cv_template_kind){0})) {
			for (; i < s->n_entries && s->entries[i].kind == CV_ENTRY_ONELINE; i++)
				CALL(w, line, &s->entries[i].label, &s->entries[i].details);
			CALL0(w, group_end);
		} else if (e->kind == CV_ENTRY_TEXT) {
			blocks(w, &e->summary);
			CALL0(w, group_end);
			i++;
		} else if (e->kind == CV_ENTRY_PAGEBREAK) {
			i++;
		} else {
			entry(w, e, level + 1);
			i++;
		}
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		section(w, &s->subsections[i], level + 1);
	CALL(w, section_end, level);
	w->spans = spans;
}

static void letter(xw *w)
{
	const cv_letter_view *l = w->letter;
	if (!l->chinese) {
		CALL(w, letter, XL_DATE, &l->date, l->date_iso);
		for (size_t i = 0; i < l->n_address; i++)
			CALL(w, letter, XL_ADDRESS, &l->address[i], NULL);
	}
	if (l->subject.s)
		CALL(w, letter, XL_SUBJECT, &l->subject, NULL);
	CALL(w, letter, XL_SALUTATION, &l->salutation, NULL);
	for (size_t i = 0; i < l->n_body; i++)
		CALL(w, letter, XL_BODY, &l->body[i], NULL);
	for (size_t i = 0; i < l->n_closing; i++)
		CALL(w, letter, l->chinese && i > 0 ? XL_CLOSING_FLUSH : XL_CLOSING, &l->closing[i], NULL);
	if (l->signature.s)
		CALL(w, letter, XL_SIGNATURE, &l->signature, NULL);
	if (l->chinese)
		CALL(w, letter, XL_DATE, &l->date, l->date_iso);
}

void cv_export_walk(xw *w)
{
	const cv_doc *doc = w->doc;
	CALL0(w, begin);
	size_t n;
	const cv_contact *c = cv_present_contacts(doc, w->a, w->d, &n);
	CALL(w, header, &doc->name, &doc->headline, c, n);
	if (w->letter) {
		letter(w);
	} else {
		blocks(w, &doc->summary);
		CALL0(w, group_end);
		for (size_t i = 0; i < doc->n_sections; i++)
			section(w, &doc->sections[i], 0);
	}
	CALL0(w, end);
}
