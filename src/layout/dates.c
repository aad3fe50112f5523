/* Date ranges as each language writes them. English "Aug 2023 – present", Chinese "2023年8月 – 至今",
 * or any locale.date_format template (YYYY, MM, M, MONTH, MONTH_ABBR, DD, D), with the locale's month
 * names when it gives them. Always an en dash.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "layout_internal.h"

static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_full[] = {"January", "February", "March",     "April",   "May",      "June",
					 "July",    "August",   "September", "October", "November", "December"};

static bool is_zh(const char *lang)
{
	return lang && strncmp(lang, "zh", 2) == 0;
}

/* Expands one date with the template; a template token whose part the date lacks (a month for a date
 * given as a year) is dropped together with the separator that follows or precedes it. */
static void format_one(const cv_date *d, const char *fmt, const cv_locale *loc, char *out, size_t cap)
{
	const char *const *abbr = loc->month_abbr ? loc->month_abbr : month_abbr;
	const char *const *full = loc->month_names ? loc->month_names : month_full;
	size_t n = 0;
	out[0] = '\0';
	for (const char *f = fmt; *f && n + 16 < cap;) {
		int wrote = -1;
		if (!strncmp(f, "YYYY", 4)) {
			wrote = snprintf(out + n, cap - n, "%04d", d->year);
			f += 4;
		} else if (!strncmp(f, "MONTH_ABBR", 10)) {
			wrote = d->month ? snprintf(out + n, cap - n, "%s", abbr[d->month - 1]) : 0;
			f += 10;
		} else if (!strncmp(f, "MONTH", 5)) {
			wrote = d->month ? snprintf(out + n, cap - n, "%s", full[d->month - 1]) : 0;
			f += 5;
		} else if (!strncmp(f, "MM", 2)) {
			wrote = d->month ? snprintf(out + n, cap - n, "%02d", d->month) : 0;
			f += 2;
		} else if (!strncmp(f, "DD", 2)) {
			wrote = d->day ? snprintf(out + n, cap - n, "%02d", d->day) : 0;
			f += 2;
		} else if (f[0] == 'M' && !(f[1] >= 'A' && f[1] <= 'Z')) {
			wrote = d->month ? snprintf(out + n, cap - n, "%d", d->month) : 0;
			f += 1;
		} else if (f[0] == 'D' && !(f[1] >= 'A' && f[1] <= 'Z')) {
			wrote = d->day ? snprintf(out + n, cap - n, "%d", d->day) : 0;
			f += 1;
		}
		if (wrote == 0) {
			/* The part is missing: drop the literal text up to the next token, or trim what the
			 * previous token left behind ("2023." from "YYYY.MM"). */
			while (*f && !(*f >= 'A' && *f <= 'Z'))
				f++;
			while (n > 0 && !(out[n - 1] >= '0' && out[n - 1] <= '9') && !((unsigned char)out[n - 1] >= 0x80) &&
			       !(out[n - 1] >= 'A' && out[n - 1] <= 'z'))
				out[--n] = '\0';
			continue;
		}
		if (wrote > 0) {
			n += (size_t)wrote;
			continue;
		}
		out[n++] = *f++;
		out[n] = '\0';
	}
	/* Chinese "年" after a bare year is kept, but a dangling "月" is not: handled by the template. */
}

const char *cv_format_dates(const cv_entry *e, const cv_locale *loc, cv_arena *arena)
{
	if (e->date.s)
		return e->date.s;
	if (!e->has_start && !e->has_end)
		return NULL;
	bool zh = is_zh(loc->language);
	const char *fmt = loc->date_format ? loc->date_format : zh ? "YYYY年M月" : "MONTH_ABBR YYYY";
	const char *present = loc->present ? loc->present : zh ? "至今" : "present";
	char a[64] = "", b[64] = "";
	if (e->has_start)
		format_one(&e->start_date, fmt, loc, a, sizeof a);
	if (e->has_end) {
		if (e->end_date.present)
			snprintf(b, sizeof b, "%s", present);
		else
			format_one(&e->end_date, fmt, loc, b, sizeof b);
	}
	if (e->has_start && e->has_end)
		return strcmp(a, b) == 0 ? cv_arena_strdup(arena, a) : cv_arena_printf(arena, "%s – %s", a, b);
	return cv_arena_strdup(arena, e->has_start ? a : b);
}
