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

/* Days from 1 March of year 0 to the date (a missing day counts as the 1st), so leap days fall at the
 * end of a year. */
static long day_number(int y, int m, int d)
{
	long ya = y - (m < 3), ma = (m + 9) % 12;
	return 365L * ya + ya / 4 - ya / 100 + ya / 400 + (153 * ma + 2) / 5 + (d ? d : 1);
}

bool cv_entry_span(const cv_entry *e, int today_year, int today_month, int today_day, int *years, int *months)
{
	*years = *months = 0;
	if (!e->has_start || e->date.s || e->start_date.present)
		return false;
	const cv_date *s = &e->start_date;
	bool open = !e->has_end || e->end_date.present;
	if (s->text || (!open && e->end_date.text)) /* "Summer 2011": no day to count from */
		return false;
	int ey = open ? today_year : e->end_date.year, em = open ? today_month : e->end_date.month;
	int ed = open ? today_day : e->end_date.day;
	if (!s->month || !em) {
		/* Years alone: the years between, and a year begun counts (RenderCV). */
		if (ey < s->year)
			return false;
		*years = ey - s->year < 1 ? 1 : ey - s->year;
		return true;
	}
	long days = day_number(ey, em, ed) - day_number(s->year, s->month, s->day);
	if (days < 0)
		return false;
	*years = (int)(days / 365);
	*months = (int)(days % 365 / 30 + 1);
	*years += *months / 12;
	*months %= 12;
	return true;
}
