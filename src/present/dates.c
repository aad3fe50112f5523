/* An entry's dates as the document's language writes them ("Aug 2023 – present", "2023年8月 – 至今",
 * "juin 2023 – présent"), from the words of its locale (lang.h, with the document's own locale keys).
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/present.h"

/* A date is a few words: a month name, a year, a day. */
#define DATE_MAX 128

void cv_format_date(const cv_date *d, const cv_words *w, char *out, size_t cap)
{
	if (d->text) /* a date cv2pdf could not read, as it was written */
		snprintf(out, cap, "%s", d->text);
	else if (d->present)
		snprintf(out, cap, "%s", w->present);
	else
		cv_lang_date(w, w->date, d->year, d->month, d->day, out, cap);
}

const char *cv_format_dates(const cv_entry *e, const cv_locale *loc, cv_arena *arena)
{
	if (e->date.s)
		return e->date.s;
	if (!e->has_start && !e->has_end)
		return NULL;
	char a[DATE_MAX] = "", b[DATE_MAX] = "";
	if (e->has_start)
		cv_format_date(&e->start_date, &loc->words, a, sizeof a);
	if (e->has_end)
		cv_format_date(&e->end_date, &loc->words, b, sizeof b);
	if (e->has_start && e->has_end)
		return strcmp(a, b) == 0 ? cv_arena_strdup(arena, a) : cv_arena_printf(arena, "%s%s%s", a, loc->words.range, b);
	return cv_arena_strdup(arena, e->has_start ? a : b);
}
