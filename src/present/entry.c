/* An entry as its design's template (RenderCV's design.templates) arranges it: the lines of the main
 * column, the date-and-location column and education's degree column, each filled with the entry's
 * fields, and how long the entry lasted. One source for the PDF (layout/blocks.c, which places the
 * columns) and the text outputs (export/walk.c, which reads them in order), so both show the same
 * lines. Pure string work: no fonts, no layout.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/lang.h"
#include "cv2pdf/util.h"
#include "cv2pdf/present.h"

/* The placeholders of entry templates, RenderCV's names for an entry's fields. */
enum {
	F_COMPANY, F_POSITION, F_INSTITUTION, F_AREA, F_DEGREE, F_NAME, F_TITLE, F_AUTHORS, F_JOURNAL, F_URL, F_DOI,
	F_LABEL, F_DETAILS, F_LOCATION, F_DATE, F_START_DATE, F_END_DATE, F_SUMMARY, F_COUNT
};
static const char *const field_names[F_COUNT] = {
	"COMPANY", "POSITION", "INSTITUTION", "AREA", "DEGREE",     "NAME",     "TITLE",      "AUTHORS", "JOURNAL",
	"URL",     "DOI",      "LABEL",       "DETAILS", "LOCATION", "DATE",     "START_DATE", "END_DATE", "SUMMARY",
};

bool cv_entry_template_kind(const cv_design *ds, const cv_entry *e, cv_template_kind *kind)
{
	switch (e->kind) {
	case CV_ENTRY_EXPERIENCE: *kind = CV_TEMPLATE_EXPERIENCE; return true;
	case CV_ENTRY_EDUCATION: *kind = CV_TEMPLATE_EDUCATION; return true;
	case CV_ENTRY_NORMAL: *kind = CV_TEMPLATE_NORMAL; return true;
	case CV_ENTRY_PUBLICATION: *kind = CV_TEMPLATE_PUBLICATION; return true;
	case CV_ENTRY_ONELINE: /* by a template only when the design gives one; else "Label: details" */
		*kind = CV_TEMPLATE_ONELINE;
		return ds->entries.templates[CV_TEMPLATE_ONELINE].main != NULL;
	default: return false;
	}
}

bool cv_shows_time_spans(const cv_design *ds, const char *title)
{
	const cv_strlist *in = &ds->entries.time_spans_in;
	for (size_t i = 0; title && i < in->n; i++) {
		const char *a = title, *b = in->items[i].s;
		for (; *a && *b; a++, b++) {
			char x = *a == ' ' || *a == '-' ? '_' : *a, y = *b == ' ' || *b == '-' ? '_' : *b;
			if (x >= 'A' && x <= 'Z')
				x = (char)(x - 'A' + 'a');
			if (y >= 'A' && y <= 'Z')
				y = (char)(y - 'A' + 'a');
			if (x != y)
				break;
		}
		if (!*a && !*b)
			return true;
	}
	return false;
}

/* One end of a range in the language's date format ("Aug 2023", "present"): RenderCV's START_DATE
 * and END_DATE, a month and a year without the day. */
static const char *one_date(const cv_doc *doc, const cv_date *d, cv_arena *a)
{
	const cv_words *w = &doc->locale.words;
	if (d->present)
		return w->present;
	char buf[128];
	cv_lang_date(w, w->date, d->year, d->month, 0, buf, sizeof buf);
	return cv_arena_strdup(a, buf);
}

const char *cv_time_span(const cv_doc *doc, const cv_entry *e, cv_today today, cv_arena *a)
{
	const cv_design_entries *de = &doc->design.entries;
	if (!e->has_start || e->date.s || (de->time_span && !*de->time_span))
		return NULL;
	cv_date end = e->has_end ? e->end_date : (cv_date){.present = true};
	int ey = end.present ? today.year : end.year, em = end.present ? today.month : end.month;
	int ed = end.present ? today.day : end.day;
	const cv_date *s = &e->start_date;
	int years = 0, months = 0;
	if (!s->month || (!end.present && !end.month)) {
		years = ey - s->year < 1 ? 1 : ey - s->year;
	} else {
		/* Days from 1 March of year 0, so leap days fall at the end of a year. */
		int ya = s->year - (s->month < 3), ma = (s->month + 9) % 12;
		int yb = ey - (em < 3), mb = (em + 9) % 12;
		long da = 365L * ya + ya / 4 - ya / 100 + ya / 400 + (153 * ma + 2) / 5 + (s->day ? s->day : 1);
		long db = 365L * yb + yb / 4 - yb / 100 + yb / 400 + (153 * mb + 2) / 5 + (ed ? ed : 1);
		long days = db - da;
		if (days < 0)
			return NULL;
		years = (int)(days / 365);
		months = (int)(days % 365 / 30 + 1);
		years += months / 12;
		months %= 12;
	}
	char out[128];
	const cv_words *w = &doc->locale.words;
	if (!de->time_span || !strcmp(de->time_span, "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS")) {
		cv_lang_duration(doc->locale.lang, w, years * 12 + months, out, sizeof out);
		return *out ? cv_arena_strdup(a, out) : NULL;
	}
	/* A template of its own: the numbers, and the units' words without the number ("# years"). */
	char ny[16], nm[16];
	snprintf(ny, sizeof ny, "%d", years);
	snprintf(nm, sizeof nm, "%d", months);
	const char *yw = w->years[cv_lang_plural(doc->locale.lang, (unsigned)years)];
	const char *mw = w->months[cv_lang_plural(doc->locale.lang, (unsigned)months)];
	yw = yw ? yw : w->years[CV_PLURAL_OTHER];
	mw = mw ? mw : w->months[CV_PLURAL_OTHER];
	static const char *const names[] = {"HOW_MANY_YEARS", "YEARS", "HOW_MANY_MONTHS", "MONTHS"};
	const char *vals[] = {years ? ny : NULL, years ? strchr(yw, '#') ? strchr(yw, '#') + 1 + (yw[strcspn(yw, "#") + 1] == ' ') : yw : NULL,
			      months ? nm : NULL, months ? strchr(mw, '#') ? strchr(mw, '#') + 1 + (mw[strcspn(mw, "#") + 1] == ' ') : mw : NULL};
	return cv_template_fill(de->time_span, names, vals, 4, a);
}

/* The values of an entry's placeholders (inline markup; NULL when the entry lacks the field), and
 * where each was written (for messages about a line that shows it; spans[F_COUNT]: the entry). DATE
 * holds the time span on a line of its own after the dates, when one is shown. */
static void entry_fields(const cv_doc *doc, const cv_entry *e, const char *time_span, cv_arena *a, const char **v,
			 cv_span *spans)
{
	memset(v, 0, F_COUNT * sizeof *v);
	const cv_str *src[F_COUNT] = {
		[F_COMPANY] = &e->company, [F_POSITION] = &e->position, [F_INSTITUTION] = &e->institution,
		[F_AREA] = &e->area,       [F_DEGREE] = &e->degree,     [F_NAME] = &e->name,
		[F_TITLE] = &e->title,     [F_JOURNAL] = &e->journal,   [F_URL] = &e->url,
		[F_DOI] = &e->doi,         [F_LABEL] = &e->label,       [F_DETAILS] = &e->details,
		[F_LOCATION] = &e->location, [F_DATE] = &e->date,
	};
	for (int i = 0; i < F_COUNT; i++) {
		spans[i] = src[i] && src[i]->s ? src[i]->span : e->span;
		/* The text fields as written; links and dates are made up below. */
		if (src[i] && i != F_URL && i != F_DOI && i != F_DATE)
			v[i] = src[i]->s;
	}
	if (e->summary.n) { /* a block of its own: its first paragraph stands for it */
		v[F_SUMMARY] = e->summary.items[0].text.s;
		spans[F_SUMMARY] = e->summary.span;
	}
	spans[F_COUNT] = e->span; /* for a line that shows no field */
	if (e->authors.n) {
		spans[F_AUTHORS] = e->authors.items[0].span;
		v[F_AUTHORS] = cv_present_authors(doc, &e->authors, a);
	}
	if (e->doi.s) {
		v[F_DOI] = cv_arena_printf(a, "[%s](https://doi.org/%s)", e->doi.s, e->doi.s);
		v[F_URL] = v[F_DOI];
	} else if (e->url.s) {
		v[F_URL] = cv_arena_printf(a, "[%s](%s)", cv_link_shown(e->url.s, a), e->url.s);
	}
	const char *dates = cv_format_dates(e, &doc->locale, a);
	v[F_DATE] = time_span && dates ? cv_arena_printf(a, "%s\n%s", dates, time_span) : dates;
	if (e->has_start && !e->date.s)
		v[F_START_DATE] = one_date(doc, &e->start_date, a);
	if (e->has_end && !e->date.s)
		v[F_END_DATE] = one_date(doc, &e->end_date, a);
}

/* Splits a template part into its lines, each filled (the language's degree–area phrase first, as
 * RenderCV's DEGREE_WITH_AREA) into out; lines left empty go, the blocks' lines stay as they are
 * (SUMMARY, HIGHLIGHTS: blocks true) unless the entry lacks that block. A filled line holding line
 * breaks (DATE with a time span) becomes several. */
static void fill_lines(const cv_doc *doc, const char *tpl, const char **v, const cv_span *spans, bool blocks,
		       bool has_highlights, cv_arena *a, cv_entry_part *out)
{
	out->n = 0;
	for (const char *p = tpl; p && *p && out->n < CV_ENTRY_MAX_LINES;) {
		size_t l = strcspn(p, "\n");
		char *line = cv_arena_strndup(a, p, l);
		p += l + (p[l] == '\n');
		const char *bare = line + strspn(line, " ");
		if (blocks && (!strncmp(bare, "SUMMARY", 7) || !strncmp(bare, "HIGHLIGHTS", 10)) &&
		    !bare[strspn(bare, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_")]) {
			/* A block the entry lacks is no line at all (it would count as a row). */
			if (bare[0] == 'S' ? !v[F_SUMMARY] : !has_highlights)
				continue;
			out->span[out->n] = spans[F_SUMMARY];
			out->line[out->n++] = bare;
			continue;
		}
		/* Messages about the line point at the first field it shows. */
		const char *at = NULL;
		cv_span span = spans[F_COUNT];
		for (int f = 0; f < F_COUNT; f++) {
			const char *hit = v[f] ? strstr(line, field_names[f]) : NULL;
			if (hit && (!at || hit < at))
				at = hit, span = spans[f];
		}
		const char *dwa = strstr(line, "DEGREE_WITH_AREA");
		if (dwa)
			line = cv_arena_printf(a, "%.*s%s%s", (int)(dwa - line), line, doc->locale.words.degree_area, dwa + 16);
		const char *filled = cv_template_fill(line, field_names, v, F_COUNT, a);
		for (const char *q = filled; q && *q && out->n < CV_ENTRY_MAX_LINES;) {
			size_t k = strcspn(q, "\n");
			if (k) {
				out->span[out->n] = span;
				out->line[out->n++] = cv_arena_strndup(a, q, k);
			}
			q += k + (q[k] == '\n');
		}
	}
}

bool cv_entry_is_block(const char *line)
{
	return !strcmp(line, "SUMMARY") || !strcmp(line, "HIGHLIGHTS");
}

bool cv_present_entry(const cv_doc *doc, const cv_entry *e, bool spans, cv_today today, cv_arena *a,
		      cv_entry_lines *out)
{
	memset(out, 0, sizeof *out);
	cv_template_kind kind;
	if (!cv_entry_template_kind(&doc->design, e, &kind))
		return false;
	const cv_entry_template *t = &doc->design.entries.templates[kind];
	out->time_span = spans ? cv_time_span(doc, e, today, a) : NULL;
	const char *v[F_COUNT];
	cv_span sp[F_COUNT + 1];
	entry_fields(doc, e, out->time_span, a, v, sp);
	const char *main = t->main;
	if (kind == CV_TEMPLATE_PUBLICATION && !e->journal.s && t->main_no_journal)
		main = t->main_no_journal;
	else if (kind == CV_TEMPLATE_PUBLICATION && !e->url.s && !e->doi.s && t->main_no_url)
		main = t->main_no_url;
	fill_lines(doc, main, v, sp, true, e->n_highlights > 0, a, &out->main);
	fill_lines(doc, t->dates, v, sp, false, false, a, &out->dates);
	out->degree_column = kind == CV_TEMPLATE_EDUCATION && t->degree && *t->degree;
	if (out->degree_column)
		fill_lines(doc, t->degree, v, sp, false, false, a, &out->degree);
	return true;
}
