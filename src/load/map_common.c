/* Helpers shared by the dialect mappers: key lookup that remembers which keys were understood,
 * null detection, the unknown-key report with a did-you-mean suggestion, and the scalar readers
 * (text, lists, booleans, dates, lengths) every dialect uses.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_internal.h"

const ynode *yn_get(const ynode *map, const char *key)
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

bool yn_has(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return false;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->kind == YN_SCALAR && strcmp(map->keys[i]->value, key) == 0)
			return true;
	return false;
}

bool yn_is_null(const ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YN_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}

const char *yn_shown(cv_arena *a, const ynode *n)
{
	return n->kind == YN_SCALAR && !yn_is_null(n) ? cv_arena_printf(a, "\"%s\"", n->value) : yn_kind_name(n);
}

const char *yn_kind_name(const ynode *n)
{
	if (yn_is_null(n))
		return "nothing";
	switch (n->kind) {
	case YN_SCALAR: return "text";
	case YN_SEQ: return "a list";
	default: return "a map";
	}
}

/* Levenshtein distance, capped: keys are short, so the quadratic table is tiny. */
#define SUGGEST_MAX_KEY 64
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la >= SUGGEST_MAX_KEY || lb >= SUGGEST_MAX_KEY)
		return (size_t)-1;
	size_t row[SUGGEST_MAX_KEY + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *yn_suggest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t k = 0; known && known[k]; k++) {
		size_t dist = edit_distance(word, known[k]);
		if (dist < best_d) {
			best_d = dist;
			best = known[k];
		}
	}
	/* A suggestion is only useful when it is close: at most a third of the word's letters. An exact
	 * match is returned too, so the caller can tell "spelt right but means nothing here". */
	return best && best_d <= strlen(word) / 3 + 1 ? best : NULL;
}

void yn_report_unknown(const ynode *map, const char *path, const char *const *known, cv_diags *d,
		       cv_severity sev)
{
	if (!map || map->kind != YN_MAP)
		return;
	for (size_t i = 0; i < map->n; i++) {
		if (map->used[i] || map->keys[i]->kind != YN_SCALAR)
			continue;
		const char *key = map->keys[i]->value;
		const char *best = yn_suggest(key, known);
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
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cv_diag_add(m->d, CV_ERROR, code, n->span, "%s", msg);
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

/* Text: a scalar, or a map from language code to text. Numbers and booleans keep their literal
 * spelling, so an unquoted phone number or year is still shown as written. */
cv_str cv_map_text(cv_mctx *m, const ynode *n, const char *path)
{
	cv_str s = {0};
	/* An empty string ("" in JSON Resume files for a field left blank) is no text at all. */
	if (!n || yn_is_null(n) || (n->kind == YN_SCALAR && n->len == 0))
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
	cv_map_err(m, n, "wrong-type", "%s: expected text, got %s", path, yn_kind_name(n));
	return s;
}

cv_str cv_map_field(cv_mctx *m, const ynode *map, const char *key, const char *path)
{
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s.%s", path, key);
	return cv_map_text(m, yn_get(map, key), p);
}

/* Text or a list of texts (email, phone, website). */
cv_strlist cv_map_text_list(cv_mctx *m, const ynode *n, const char *path)
{
	cv_strlist l = {0};
	if (!n || yn_is_null(n))
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
	if (!n || yn_is_null(n))
		return dflt;
	if (n->kind == YN_SCALAR) {
		const char *v = n->value;
		if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE") || !strcmp(v, "yes"))
			return true;
		if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE") || !strcmp(v, "no"))
			return false;
	}
	cv_map_err(m, n, "wrong-type", "%s: expected true or false, got %s", path,
		   yn_shown(m->a, n));
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

bool cv_map_date(cv_mctx *m, const ynode *n, const char *path, cv_date *out)
{
	if (!n || yn_is_null(n))
		return false;
	if (n->kind != YN_SCALAR || !cv_map_parse_date(n->value, out)) {
		cv_map_err(m, n, "bad-date", "%s: expected a date as YYYY, YYYY-MM, YYYY-MM-DD or \"present\", got %s", path,
			   yn_shown(m->a, n));
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
	double v = strtod(s, &end);
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
	if (!n || yn_is_null(n))
		return;
	float v;
	if (n->kind != YN_SCALAR || !cv_map_parse_length(n->value, &v)) {
		cv_map_err(m, n, "bad-length", "%s: expected a length such as \"2cm\", \"18mm\", \"0.7in\" or \"10pt\", got %s",
			   path, yn_shown(m->a, n));
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
		{"a4", 595.28f, 841.89f}, {"us-letter", 612, 792}, {"letter", 612, 792}, {"a5", 419.53f, 595.28f},
		{"us-legal", 612, 1008},  {"legal", 612, 1008},    {"a3", 841.89f, 1190.55f},
	};
	if (!n || yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			if (!strcasecmp(n->value, sizes[i].name)) {
				m->doc->design.page_width = sizes[i].w;
				m->doc->design.page_height = sizes[i].h;
				return;
			}
	cv_map_err(m, n, "bad-page-size", "%s: unknown page size %s (known: a4, us-letter, us-legal, a5, a3)", path,
		   yn_shown(m->a, n));
}
