/* Helpers shared by the dialect mappers: key lookup that remembers which keys were understood,
 * null detection, the unknown-key report with a did-you-mean suggestion, and the scalar readers
 * (text, lists, booleans, dates, lengths) every dialect uses.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

const ynode *cv_yn_get(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i];
		if (k->kind == YN_SCALAR && strcmp(k->value, key) == 0) {
			map->used[i] = true;
			return map->items[i];
		}
	}
	return NULL;
}

bool cv_yn_has(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return false;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->kind == YN_SCALAR && strcmp(map->keys[i]->value, key) == 0)
			return true;
	return false;
}

bool cv_yn_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}

/* The one table of the spellings a boolean may take: YAML 1.2's core booleans, and yes and no, which
 * YAML 1.1 (and so PyYAML, and RenderCV files written for it) reads as booleans. The JSON Schema's
 * $defs/bool lists the same words. */
static const struct {
	const char *word;
	bool value;
} bool_words[] = {
	{"true", true}, {"True", true}, {"TRUE", true}, {"yes", true},
	{"false", false}, {"False", false}, {"FALSE", false}, {"no", false},
};

int cv_yn_bool(const ynode *n, const char *path, cv_diags *d)
{
	if (!n || n->kind != YN_SCALAR)
		return -1;
	for (size_t i = 0; i < sizeof bool_words / sizeof *bool_words; i++) {
		if (strcmp(n->value, bool_words[i].word) != 0)
			continue;
		/* A quoted "true" is text to YAML and to every tool that reads the file as data (a JSON
		 * Schema validator among them); what it means is plain, so it is taken, and said. */
		if (!n->plain)
			cv_diag_add(d, CV_WARNING, "quoted-bool", n->span,
				    "%s: \"%s\" is quoted, so YAML reads it as text; taken as %s: write it without quotes",
				    path, n->value, bool_words[i].value ? "true" : "false");
		return bool_words[i].value;
	}
	return -1;
}

const char *cv_yn_shown(cv_arena *a, const ynode *n)
{
	return n->kind == YN_SCALAR && !cv_yn_is_null(n) ? cv_arena_printf(a, "\"%s\"", n->value) : cv_yn_kind_name(n);
}

const char *cv_yn_kind_name(const ynode *n)
{
	if (cv_yn_is_null(n))
		return "nothing";
	switch (n->kind) {
	case YN_SCALAR: return "text";
	case YN_SEQ: return "a list";
	default: return "a map";
	}
}

const char *cv_yn_suggest(const char *word, const char *const *known)
{
	return cv_suggest(word, known, SIZE_MAX);
}

/* Marks every key under n used: an assignment reported as a whole is not reported again, key by key,
 * by the check after mapping. */
static void mark_used(const ynode *n)
{
	if (!n || n->kind == YN_SCALAR)
		return;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == YN_MAP)
			n->used[i] = true;
		mark_used(n->items[i]);
	}
}

void cv_yn_report_unknown(const ynode *map, const char *path, const char *const *known, cv_diags *d,
		       cv_severity sev)
{
	if (!map || map->kind != YN_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		if (map->used[i] || map->keys[i]->kind != YN_SCALAR)
			continue;
		const char *key = map->keys[i]->value;
		const char *best = cv_yn_suggest(key, known);
		const char *by = map->keys[i]->assigned;
		if (by) {
			/* An assignment that changes nothing is an error, whether it came from --set or from a
			 * variant's set: the same mistake gets the same verdict. Marked used, so the check after
			 * mapping does not report it again. */
			map->used[i] = true;
			mark_used(map->items[i]);
			if (best && strcmp(best, key) != 0)
				cv_diag_add(d, CV_ERROR, "unknown-setting", map->keys[i]->span,
					    "%s: %s%s%s is not a setting; did you mean \"%s\"?", by, path, *path ? "." : "", key, best);
			else
				cv_diag_add(d, CV_ERROR, "unknown-setting", map->keys[i]->span,
					    "%s: %s%s%s is not a setting, so assigning it would change nothing", by, path,
					    *path ? "." : "", key);
			continue;
		}
		/* A key known elsewhere (a title on a normal entry) is spelt right but means nothing here. */
		if (best && strcmp(best, key) == 0)
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "key \"%s%s%s\" has no effect here", path,
				    *path ? "." : "", key);
		else if (best)
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "unknown key \"%s%s%s\"; did you mean \"%s\"?",
				    path, *path ? "." : "", key, best);
		else
			cv_diag_add(d, sev, "unknown-key", map->keys[i]->span, "unknown key \"%s%s%s\"", path,
				    *path ? "." : "", key);
	}
}

/* ---- Scalars shared by the dialect mappers ------------------------------------------------- */

void cv_map_err(cv_mctx *m, const ynode *n, const char *code, const char *fmt, ...)
{
	m->errors++;
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vadd(m->d, CV_ERROR, code, n->span, fmt, ap);
	va_end(ap);
}

/* ---- Scalars ------------------------------------------------------------------------------- */

/* A language code key: "en", "zh", "zh-CN", "pt-BR". */
static bool is_lang_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 8 || !islower((unsigned char)s[0]) || !islower((unsigned char)s[1]))
		return false;
	for (size_t i = 2; i < n; i++)
		if (!isalpha((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return n == 2 || s[2] == '-' || s[2] == '_' || (n == 3 && islower((unsigned char)s[2]));
}

/* Field names that are also valid language codes ("id" is Indonesian, "url" a three-letter code):
 * a map holding one of them is an entry or a highlight, never a choice of languages. */
static const char *const field_like_codes[] = {"id", "doi", "url", "tags", "text", "date", "name", NULL};

bool cv_map_is_lang_map(const ynode *n)
{
	if (!n || n->kind != YN_MAP || n->n == 0)
		return false;
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys[i]->kind != YN_SCALAR || !is_lang_code(n->keys[i]->value) || n->items[i]->kind != YN_SCALAR)
			return false;
		for (size_t k = 0; field_like_codes[k]; k++)
			if (strcmp(n->keys[i]->value, field_like_codes[k]) == 0)
				return false;
	}
	return true;
}

const char *cv_yn_colon_text(cv_arena *a, const ynode *n)
{
	if (!n || n->kind != YN_MAP || n->n != 1 || n->keys[0]->kind != YN_SCALAR || !n->keys[0]->plain)
		return NULL;
	const ynode *k = n->keys[0], *v = n->items[0];
	/* A key in lower-case snake_case is a field name, misplaced or misspelt ("employer: X"), not text. */
	if (strspn(k->value, "abcdefghijklmnopqrstuvwxyz_0123456789") == k->len)
		return NULL;
	if (cv_yn_is_null(v) && v->span.line <= k->span.line)
		return cv_arena_printf(a, "%s:", k->value);
	if (v->kind != YN_SCALAR || !v->plain || v->span.line != k->span.line)
		return NULL;
	return cv_arena_printf(a, "%s: %s", k->value, v->value);
}

/* "expected text, got a map", and when the map is text with a ": " in it, how to quote it (inside
 * the argument when --set gave it). */
static void not_text(cv_mctx *m, const ynode *n, const char *path)
{
	const char *text = cv_yn_colon_text(m->a, n);
	if (!text) {
		cv_map_err(m, n, "wrong-type", "%s: expected text, got %s", path, cv_yn_kind_name(n));
		return;
	}
	const char *q = cv_yaml_quote(m->a, text, strlen(text));
	if (n->span.file && !strcmp(n->span.file, "--set") && !strchr(q, '\''))
		cv_map_err(m, n, "wrong-type",
			   "%s: expected text, got a map: --set reads its value as YAML, where \"%s\" is a key and a value; "
			   "quote the text inside the argument: --set '%s=%s'",
			   path, text, path, q);
	else
		cv_map_err(m, n, "wrong-type",
			   "%s: expected text, got a map: YAML reads \"%s\" as a key and a value because of the \": \"; "
			   "quote the text: %s",
			   path, text, q);
}

/* Text: a scalar, or a map from language code to text. Numbers and booleans keep their literal
 * spelling, so an unquoted phone number or year is still shown as written. */
cv_str cv_map_text(cv_mctx *m, const ynode *n, const char *path)
{
	cv_str s = {0};
	/* An empty string ("" in JSON Resume files for a field left blank) is no text at all. */
	if (!n || cv_yn_is_null(n) || (n->kind == YN_SCALAR && n->len == 0))
		return s;
	if (n->kind == YN_SCALAR) {
		s.s = n->value;
		s.span = n->span;
		return s;
	}
	if (cv_map_is_lang_map(n)) {
		/* The alternative that best suits the document's language; without one, English, then the
		 * first, rather than a hole. Every key counts as read: the others were considered. */
		const cv_locale *loc = &m->doc->locale;
		const char **keys = cv_arena_calloc(m->a, n->n, sizeof *keys);
		for (size_t i = 0; i < n->n; i++) {
			n->used[i] = true;
			keys[i] = n->keys[i]->value;
		}
		size_t best = cv_lang_choose(loc->tag, loc->lang, keys, n->n);
		s.s = n->items[best]->value;
		s.span = n->items[best]->span;
		return s;
	}
	not_text(m, n, path);
	return s;
}

cv_str cv_map_field(cv_mctx *m, const ynode *map, const char *key, const char *path)
{
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s.%s", path, key);
	return cv_map_text(m, cv_yn_get(map, key), p);
}

/* Text or a list of texts (email, phone, website). */
cv_strlist cv_map_text_list(cv_mctx *m, const ynode *n, const char *path)
{
	cv_strlist l = {0};
	if (!n || cv_yn_is_null(n))
		return l;
	if (n->kind != YN_SEQ) {
		l.items = cv_arena_alloc(m->a, sizeof *l.items);
		l.items[0] = cv_map_text(m, n, path);
		l.n = l.items[0].s ? 1 : 0;
		return l;
	}
	l.items = cv_arena_calloc(m->a, n->n, sizeof *l.items);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s[%zu]", path, i);
		cv_str s = cv_map_text(m, n->items[i], p);
		if (s.s)
			l.items[l.n++] = s;
	}
	return l;
}

bool cv_map_bool(cv_mctx *m, const ynode *n, const char *path, bool dflt)
{
	if (!n || cv_yn_is_null(n))
		return dflt;
	int b = cv_yn_bool(n, path, m->d);
	if (b >= 0)
		return b;
	cv_map_err(m, n, "wrong-type", "%s: expected true or false, got %s", path,
		   cv_yn_shown(m->a, n));
	return dflt;
}

/* ---- Dates --------------------------------------------------------------------------------- */

static int days_in_month(int y, int mo)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mo == 2 && leap ? 29 : days[mo - 1];
}

/* YYYY, YYYY-MM, YYYY-MM-DD, or "present" in any language of the table. */
bool cv_map_parse_date(const char *s, cv_date *out)
{
	memset(out, 0, sizeof *out);
	if (cv_lang_is_present(s)) {
		out->present = true;
		return true;
	}
	int y = 0, mo = 0, dd = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '-')
			return false;
	if (n == 4 && sscanf(s, "%4d", &y) == 1) {
	} else if (n == 7 && s[4] == '-' && sscanf(s, "%4d-%2d", &y, &mo) == 2) {
		if (mo < 1 || mo > 12)
			return false;
	} else if (n == 10 && s[4] == '-' && s[7] == '-' && sscanf(s, "%4d-%2d-%2d", &y, &mo, &dd) == 3) {
		if (mo < 1 || mo > 12 || dd < 1 || dd > days_in_month(y, mo))
			return false;
	} else {
		return false;
	}
	if (y < 1000)
		return false;
	out->year = y, out->month = mo, out->day = dd;
	return true;
}

/* English month names, for reading "May 2023" back as 2023-05 in a did-you-mean. */
static const char *const month_names[] = {"january", "february", "march",     "april",   "may",      "june",
					  "july",    "august",   "september", "october", "november", "december"};

/* The month a word names ("May", "sep", "Sept."), 1 to 12, or 0. */
static int month_of(const char *w, size_t n)
{
	while (n && w[n - 1] == '.')
		n--;
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (n <= strlen(month_names[i]) && strncasecmp(w, month_names[i], n) == 0)
			return i + 1;
	return 0;
}

/* Splits s into runs of digits and of letters (other characters separate them): at most 4. */
typedef struct date_parts {
	const char *at[4];
	size_t len[4];
	bool digits[4];
	int n;
	char sep; /* the first separator between two runs of digits, or 0 */
} date_parts;

static bool split_date(const char *s, date_parts *p)
{
	memset(p, 0, sizeof *p);
	for (const char *c = s; *c;) {
		if (!isalnum((unsigned char)*c)) {
			if (!p->sep && p->n && p->digits[p->n - 1] && isdigit((unsigned char)c[1]))
				p->sep = *c;
			c++;
			continue;
		}
		if (p->n == 4)
			return false;
		bool d = isdigit((unsigned char)*c);
		p->at[p->n] = c;
		while (*c && (d ? isdigit((unsigned char)*c) : isalpha((unsigned char)*c)))
			c++;
		p->len[p->n] = (size_t)(c - p->at[p->n]);
		p->digits[p->n++] = d;
	}
	return true;
}

static int num(const date_parts *p, int i)
{
	return p->len[i] > 4 ? 0 : atoi(p->at[i]);
}

/* Why s is not a date, and the date it probably means, as the end of a message ("did you mean
 * \"2023-05\"?", "there is no month 13"); NULL when nothing better than the general message fits.
 * start: a start_date, for which "present" is no suggestion. Arena-owned. */
static const char *date_fault(cv_arena *a, const char *s, bool start)
{
	/* An ISO timestamp: a date, then "T" or a space and a time. */
	cv_date day_only;
	if (strlen(s) > 11 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && isdigit((unsigned char)s[11])) {
		char head[11];
		memcpy(head, s, 10);
		head[10] = '\0';
		if (cv_map_parse_date(head, &day_only))
			return cv_arena_printf(a, "a date, not a time: write \"%s\"", head);
	}
	date_parts p;
	if (!split_date(s, &p) || p.n == 0)
		return NULL;
	/* Words: a month name and a year ("May 2023", "2023 May", "Sep 1, 2016"). */
	int year = 0, month = 0, day = 0, words = 0;
	for (int i = 0; i < p.n; i++) {
		if (!p.digits[i]) {
			words++;
			month = month ? -1 : month_of(p.at[i], p.len[i]);
		} else if (p.len[i] == 4) {
			year = num(&p, i);
		} else if (p.len[i] <= 2 && !day) {
			day = num(&p, i);
		}
	}
	if (words == 1 && month > 0 && year) {
		if (day >= 1 && day <= 31)
			return cv_arena_printf(a, "write the month as a number: did you mean \"%04d-%02d-%02d\"?", year, month, day);
		return cv_arena_printf(a, "write the month as a number: did you mean \"%04d-%02d\"?", year, month);
	}
	if (words && year && !month)
		return cv_arena_printf(a, "a date in words is shown as written with date: \"%s\" (instead of start_date and "
					  "end_date)",
				       s);
	if (words) {
		static const char *const open[] = {"current", "currently", "ongoing", "today", "till now", "to date", "now",
						   "present", NULL};
		for (size_t i = 0; open[i]; i++)
			if (!strcasecmp(s, open[i]))
				return start ? "a range starts at a date" : "write \"present\" for a range that goes on";
		return NULL;
	}
	/* Digits only. The year is the four-digit run; the others are the month and the day. */
	if (p.n == 1)
		return p.len[0] == 6 ? cv_arena_printf(a, "did you mean \"%.4s-%.2s\"?", s, s + 4)
		       : p.len[0] == 8 ? cv_arena_printf(a, "did you mean \"%.4s-%.2s-%.2s\"?", s, s + 4, s + 6)
		       : p.len[0] < 4 ? "write the year with four digits"
				      : NULL;
	int yi = p.len[0] == 4 ? 0 : p.len[p.n - 1] == 4 ? p.n - 1 : -1;
	if (yi < 0)
		return "write the year with four digits, first: YYYY-MM or YYYY-MM-DD";
	int mo = num(&p, yi == 0 ? 1 : 0), dd = p.n == 3 ? num(&p, yi == 0 ? 2 : 1) : 0;
	year = num(&p, yi);
	if (p.n == 3 && yi != 0 && mo > 12 && dd <= 12) { /* 20/05/2023: day first */
		int t = mo;
		mo = dd;
		dd = t;
	}
	if (mo < 1 || mo > 12)
		return cv_arena_printf(a, "there is no month %d (months are 01 to 12)", mo);
	if (p.n == 3 && (dd < 1 || dd > 31))
		return cv_arena_printf(a, "there is no day %d", dd);
	if (p.n == 3 && dd > days_in_month(year, mo))
		return cv_arena_printf(a, "%c%s %d has %d days", toupper((unsigned char)month_names[mo - 1][0]),
				       month_names[mo - 1] + 1, year, days_in_month(year, mo));
	const char *fixed = p.n == 3 ? cv_arena_printf(a, "%04d-%02d-%02d", year, mo, dd) : cv_arena_printf(a, "%04d-%02d", year, mo);
	if (strcmp(fixed, s) == 0)
		return NULL;
	if (yi == 0 && p.sep == '-')
		return cv_arena_printf(a, "write the month%s with two digits: did you mean \"%s\"?", p.n == 3 ? " and the day" : "",
				       fixed);
	return cv_arena_printf(a, "write dates with \"-\", the year first: did you mean \"%s\"?", fixed);
}

bool cv_map_date(cv_mctx *m, const ynode *n, const char *path, cv_date *out)
{
	if (!n || cv_yn_is_null(n))
		return false;
	if (n->kind != YN_SCALAR || !cv_map_parse_date(n->value, out)) {
		/* A range cannot start at "present", so a start is never offered it. */
		size_t pl = strlen(path);
		bool start = pl >= 10 && !strcmp(path + pl - 10, "start_date");
		const char *why = n->kind == YN_SCALAR ? date_fault(m->a, n->value, start) : NULL;
		if (why)
			cv_map_err(m, n, "bad-date", "%s: \"%s\" is not a date: %s", path, n->value, why);
		else
			cv_map_err(m, n, "bad-date", "%s: expected a date as YYYY, YYYY-MM%s YYYY-MM-DD%s, got %s", path,
				   start ? " or" : ",", start ? "" : " or \"present\"", cv_yn_shown(m->a, n));
		return false;
	}
	out->span = n->span;
	return true;
}

/* Is a before b? Compared at the precision both dates have, so a range from 2023-05 to 2023, or from
 * 2023-05-20 to 2023-05, is in order. */
bool cv_map_date_before(const cv_date *a, const cv_date *b)
{
	if (a->present || b->present)
		return !a->present;
	if (a->year != b->year)
		return a->year < b->year;
	if (!a->month || !b->month || a->month != b->month)
		return a->month && b->month && a->month < b->month;
	return a->day && b->day && a->day < b->day;
}

void cv_map_require(cv_mctx *m, const ynode *n, const cv_str *s, const char *path, const char *key)
{
	if (!s->s)
		cv_map_err(m, n, "missing-field", "%s: this entry needs \"%s\"", path, key);
}


/* A length such as "2cm", "0.7in", "18mm", "36pt" or a bare number of points. */
bool cv_map_parse_length(const char *s, float *out)
{
	char *end;
	double v = cv_strtod(s, &end);
	if (end == s)
		return false;
	while (*end == ' ')
		end++;
	double k = 1;
	if (!strcmp(end, "cm"))
		k = 72.0 / 2.54;
	else if (!strcmp(end, "mm"))
		k = 72.0 / 25.4;
	else if (!strcmp(end, "in"))
		k = 72.0;
	else if (!strcmp(end, "pt") || !*end)
		k = 1;
	else
		return false;
	*out = (float)(v * k);
	return true;
}

void cv_map_length(cv_mctx *m, const ynode *n, const char *path, float *out, float lo, float hi)
{
	if (!n || cv_yn_is_null(n))
		return;
	float v;
	if (n->kind != YN_SCALAR || !cv_map_parse_length(n->value, &v)) {
		cv_map_err(m, n, "bad-length", "%s: expected a length such as \"2cm\", \"18mm\", \"0.7in\" or \"10pt\", got %s",
			   path, cv_yn_shown(m->a, n));
		return;
	}
	if (!(v >= lo && v <= hi)) { /* written so that NaN ("nan") is out of range too */
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "out-of-range", n->span, "%s: %s is outside the sensible range %.0fpt to %.0fpt",
			    path, n->value, (double)lo, (double)hi);
		return;
	}
	*out = v;
}

void cv_map_page_size(cv_mctx *m, const ynode *n, const char *path)
{
	static const struct {
		const char *name;
		float w, h;
	} sizes[] = {
		/* cv2pdf's names, then RenderCV 2's (Typst's paper names) and RenderCV 1's (LaTeX's). */
		{"a4", 595.28f, 841.89f}, {"us-letter", 612, 792}, {"letter", 612, 792}, {"a5", 419.53f, 595.28f},
		{"us-legal", 612, 1008},  {"legal", 612, 1008},    {"a3", 841.89f, 1190.55f},
		{"a0", 2383.94f, 3370.39f}, {"a1", 1683.78f, 2383.94f}, {"a2", 1190.55f, 1683.78f},
		{"a6", 297.64f, 419.53f}, {"a7", 209.76f, 297.64f}, {"a8", 147.4f, 209.76f},
		{"us-executive", 522, 756}, {"us-gov-letter", 576, 756}, {"us-gov-legal", 612, 936},
		{"us-business-card", 252, 144}, {"presentation-16-9", 841.89f, 473.56f},
		{"presentation-4-3", 793.7f, 595.28f},
		{"a4paper", 595.28f, 841.89f}, {"letterpaper", 612, 792}, {"a5paper", 419.53f, 595.28f},
		{"legalpaper", 612, 1008}, {"executivepaper", 522, 756},
	};
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			if (!strcasecmp(n->value, sizes[i].name)) {
				m->doc->design.page_width = sizes[i].w;
				m->doc->design.page_height = sizes[i].h;
				return;
			}
	cv_map_err(m, n, "bad-page-size", "%s: unknown page size %s (known: a4, us-letter, us-legal, a5, a3, "
		   "and RenderCV's a0-a8, us-executive, letterpaper, a4paper, ...)", path, cv_yn_shown(m->a, n));
}

const char *cv_map_labelled(cv_arena *a, const cv_lang *lang, cv_word term, const char *text)
{
	const char *ls = lang->label_sep;
	size_t mark = strlen(ls);
	while (mark > 0 && ls[mark - 1] == ' ')
		mark--;
	return cv_arena_printf(a, "**%s%.*s**%s%s", lang->terms[term], (int)mark, ls, ls + mark, text);
}
