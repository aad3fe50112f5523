/* An entry's dates as the document's language writes them ("Aug 2023 – present", "2023年8月 – 至今",
 * "juin 2023 – présent"), from the words of its locale (lang.h, with the document's own locale keys).
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"

/* A date is a few words: a month name, a year, a day. */
#define DATE_MAX 128

/* The date in words, in out[0..cap), or a date cv2pdf could not read as it was written. */
static const char *format_one(const cv_date *d, const cv_words *w, char *out, size_t cap)
{
	if (d->text)
		return d->text;
	if (d->present)
		snprintf(out, cap, "%s", w->present);
	else
		cv_lang_date(w, w->date, d->year, d->month, d->day, out, cap);
	return out;
}

const char *cv_format_dates(const cv_entry *e, const cv_locale *loc, cv_arena *arena)
{
	if (e->date.s)
		return e->date.s;
	if (!e->has_start && !e->has_end)
		return NULL;
	char abuf[DATE_MAX] = "", bbuf[DATE_MAX] = "";
	const char *a = abuf, *b = bbuf;
	if (e->has_start)
		a = format_one(&e->start_date, &loc->words, abuf, sizeof abuf);
	if (e->has_end)
		b = format_one(&e->end_date, &loc->words, bbuf, sizeof bbuf);
	if (e->has_start && e->has_end)
		return strcmp(a, b) == 0 ? cv_arena_strdup(arena, a) : cv_arena_printf(arena, "%s%s%s", a, loc->words.range, b);
	return cv_arena_strdup(arena, e->has_start ? a : b);
}
