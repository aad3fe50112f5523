/* Maps a native (RenderCV-compatible) YAML tree onto the model: cv, design, locale, settings.
 * Keeps going after schema errors so one run reports them all (up to the diagnostics cap).
 * It never prints; every problem becomes a cv_diag with the span of the offending node.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

typedef struct mctx {
	cv_doc *doc;
	cv_arena *a;
	cv_diags *d;
	int errors;
} mctx;

#define PATH_MAX_LEN 512
/* Formats a field path into a PATH_MAX_LEN buffer; an absurdly long path is cut with "...". */
#define PATHF(buf, ...)                                                                          \
	do {                                                                                     \
		if (snprintf(buf, PATH_MAX_LEN, __VA_ARGS__) >= PATH_MAX_LEN)                     \
			memcpy(buf + PATH_MAX_LEN - 4, "...", 4);                                \
	} while (0)

static void err(mctx *m, const ynode *n, const char *code, const char *fmt, const char *path, const char *extra)
{
	m->errors++;
	cv_diag_add(m->d, CV_ERROR, code, n->span, fmt, path, extra);
}

/* ---- Scalars ------------------------------------------------------------------------------- */

/* How a message quotes a value it did not accept: a scalar in quotes, a list or map by its kind
 * ("got \"soon\"", "got a map"). Arena-owned or static. */
static const char *shown(mctx *m, const ynode *n)
{
	return n->kind == YN_SCALAR ? cv_arena_printf(m->a, "\"%s\"", n->value) : yn_kind_name(n);
}

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

static bool is_lang_map(const ynode *n)
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
static cv_str get_text(mctx *m, const ynode *n, const char *path)
{
	cv_str s = {0};
	if (!n || yn_is_null(n))
		return s;
	if (n->kind == YN_SCALAR) {
		s.s = n->value;
		s.span = n->span;
		return s;
	}
	if (is_lang_map(n)) {
		cv_text_alt *alts = cv_arena_calloc(m->a, n->n, sizeof *alts);
		for (size_t i = 0; i < n->n; i++) {
			n->used[i] = true;
			alts[i].lang = n->keys[i]->value;
			alts[i].s = n->items[i]->value;
			alts[i].span = n->items[i]->span;
		}
		s.alts = alts;
		s.n_alts = n->n;
		s.s = alts[0].s; /* tailoring picks the document's language */
		s.span = alts[0].span;
		return s;
	}
	err(m, n, "wrong-type", "%s: expected text, got %s", path, yn_kind_name(n));
	return s;
}

static cv_str field(mctx *m, const ynode *map, const char *key, const char *path)
{
	char p[PATH_MAX_LEN];
	PATHF(p, "%s.%s", path, key);
	return get_text(m, yn_get(map, key), p);
}

/* Text or a list of texts (email, phone, website). */
static cv_strlist get_text_list(mctx *m, const ynode *n, const char *path)
{
	cv_strlist l = {0};
	if (!n || yn_is_null(n))
		return l;
	if (n->kind != YN_SEQ) {
		l.items = cv_arena_alloc(m->a, sizeof *l.items);
		l.items[0] = get_text(m, n, path);
		l.n = l.items[0].s ? 1 : 0;
		return l;
	}
	l.items = cv_arena_calloc(m->a, n->n, sizeof *l.items);
	for (size_t i = 0; i < n->n; i++) {
		char p[PATH_MAX_LEN];
		PATHF(p, "%s[%zu]", path, i);
		cv_str s = get_text(m, n->items[i], p);
		if (s.s)
			l.items[l.n++] = s;
	}
	return l;
}

static bool get_bool(mctx *m, const ynode *n, const char *path, bool dflt)
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
	err(m, n, "wrong-type", "%s: expected true or false, got %s", path, shown(m, n));
	return dflt;
}

/* ---- Dates --------------------------------------------------------------------------------- */

static int days_in_month(int y, int mo)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mo == 2 && leap ? 29 : days[mo - 1];
}

/* YYYY, YYYY-MM, YYYY-MM-DD or "present". */
static bool parse_date(const char *s, cv_date *out)
{
	memset(out, 0, sizeof *out);
	if (!strcasecmp(s, "present") || !strcasecmp(s, "now") || !strcmp(s, "至今")) {
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

static bool get_date(mctx *m, const ynode *n, const char *path, cv_date *out)
{
	if (!n || yn_is_null(n))
		return false;
	if (n->kind != YN_SCALAR || !parse_date(n->value, out)) {
		err(m, n, "bad-date", "%s: expected a date as YYYY, YYYY-MM, YYYY-MM-DD or \"present\", got %s", path,
		    shown(m, n));
		return false;
	}
	out->span = n->span;
	return true;
}

/* Is a before b? Compared at the precision both dates have, so a range from 2023-05 to 2023, or from
 * 2023-05-20 to 2023-05, is in order. */
static bool date_before(const cv_date *a, const cv_date *b)
{
	if (a->present || b->present)
		return !a->present;
	if (a->year != b->year)
		return a->year < b->year;
	if (!a->month || !b->month || a->month != b->month)
		return a->month && b->month && a->month < b->month;
	return a->day && b->day && a->day < b->day;
}

/* ---- Highlights and tags ------------------------------------------------------------------- */

static cv_strlist get_tags(mctx *m, const ynode *n, const char *path)
{
	return get_text_list(m, n, path);
}

static const char *const highlight_keys[] = {"text", "highlights", "numbered", "tags", NULL};

static void get_items(mctx *m, const ynode *n, const char *path, cv_item **out, size_t *count);

static void get_item(mctx *m, const ynode *n, const char *path, cv_item *it)
{
	it->span = n->span;
	if (n->kind == YN_MAP && !is_lang_map(n)) {
		char p[PATH_MAX_LEN];
		it->text = field(m, n, "text", path);
		PATHF(p, "%s.highlights", path);
		get_items(m, yn_get(n, "highlights"), p, &it->children, &it->n_children);
		PATHF(p, "%s.numbered", path);
		it->numbered = get_bool(m, yn_get(n, "numbered"), p, false);
		PATHF(p, "%s.tags", path);
		it->tags = get_tags(m, yn_get(n, "tags"), p);
		yn_report_unknown(n, path, highlight_keys, m->d, CV_WARNING);
		const ynode *t = yn_get(n, "text");
		if (!it->text.s && !it->n_children && (!t || yn_is_null(t))) /* a text of the wrong type was reported */
			err(m, n, "missing-field", "%s: a highlight needs \"text\"%s", path, "");
		return;
	}
	it->text = get_text(m, n, path);
}

static void get_items(mctx *m, const ynode *n, const char *path, cv_item **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		err(m, n, "wrong-type", "%s: expected a list of highlights, got %s", path, yn_kind_name(n));
		return;
	}
	*out = cv_arena_calloc(m->a, n->n, sizeof **out);
	for (size_t i = 0; i < n->n; i++) {
		char p[PATH_MAX_LEN];
		PATHF(p, "%s[%zu]", path, i);
		if (yn_is_null(n->items[i]))
			continue; /* an empty "- " line: nothing to show, nothing to complain about */
		get_item(m, n->items[i], p, &(*out)[(*count)++]);
	}
}

/* ---- Entries ------------------------------------------------------------------------------- */

static const char *const entry_keys[] = {
	"id", "name", "company", "position", "institution", "area", "degree", "title", "authors", "doi", "url",
	"journal", "label", "details", "bullet", "number", "reversed_number", "date", "start_date", "end_date",
	"location", "summary", "highlights", "numbered", "tags", "page_break", NULL,
};

/* Probes with yn_has(), which does not mark keys used: a key of another kind of entry (a title on a
 * normal entry) is then reported instead of silently dropped. */
static cv_entry_kind entry_kind(const ynode *n)
{
	if (yn_has(n, "page_break"))
		return CV_ENTRY_PAGEBREAK;
	if (yn_has(n, "company") || yn_has(n, "position"))
		return CV_ENTRY_EXPERIENCE;
	if (yn_has(n, "institution"))
		return CV_ENTRY_EDUCATION;
	if (yn_has(n, "authors") || yn_has(n, "doi") || yn_has(n, "journal") || (yn_has(n, "title") && !yn_has(n, "name")))
		return CV_ENTRY_PUBLICATION;
	if (yn_has(n, "name"))
		return CV_ENTRY_NORMAL;
	if (yn_has(n, "label") || yn_has(n, "details"))
		return CV_ENTRY_ONELINE;
	if (yn_has(n, "bullet"))
		return CV_ENTRY_BULLET;
	if (yn_has(n, "number"))
		return CV_ENTRY_NUMBERED;
	if (yn_has(n, "reversed_number"))
		return CV_ENTRY_REVNUMBERED;
	return CV_ENTRY_TEXT;
}

static void require(mctx *m, const ynode *n, const cv_str *s, const char *path, const char *key)
{
	if (!s->s)
		err(m, n, "missing-field", "%s: this entry needs \"%s\"", path, key);
}

static void get_entry(mctx *m, const ynode *n, const char *path, cv_entry *e)
{
	e->span = n->span;
	if (n->kind == YN_SCALAR || is_lang_map(n)) {
		e->kind = CV_ENTRY_TEXT;
		e->text = get_text(m, n, path);
		return;
	}
	if (n->kind != YN_MAP) {
		err(m, n, "wrong-type", "%s: expected an entry (text or a map), got %s", path, yn_kind_name(n));
		return;
	}
	e->kind = entry_kind(n);
	char p[PATH_MAX_LEN];
	e->id = field(m, n, "id", path);
	switch (e->kind) {
	case CV_ENTRY_PAGEBREAK:
		PATHF(p, "%s.page_break", path);
		get_bool(m, yn_get(n, "page_break"), p, true);
		break;
	case CV_ENTRY_EXPERIENCE:
		e->company = field(m, n, "company", path);
		e->position = field(m, n, "position", path);
		require(m, n, &e->company, path, "company");
		break;
	case CV_ENTRY_EDUCATION:
		e->institution = field(m, n, "institution", path);
		e->area = field(m, n, "area", path);
		e->degree = field(m, n, "degree", path);
		break;
	case CV_ENTRY_PUBLICATION:
		e->title = field(m, n, "title", path);
		PATHF(p, "%s.authors", path);
		e->authors = get_text_list(m, yn_get(n, "authors"), p);
		e->doi = field(m, n, "doi", path);
		e->url = field(m, n, "url", path);
		e->journal = field(m, n, "journal", path);
		require(m, n, &e->title, path, "title");
		break;
	case CV_ENTRY_NORMAL: e->name = field(m, n, "name", path); break;
	case CV_ENTRY_ONELINE:
		e->label = field(m, n, "label", path);
		e->details = field(m, n, "details", path);
		break;
	case CV_ENTRY_BULLET: e->text = field(m, n, "bullet", path); break;
	case CV_ENTRY_NUMBERED: e->text = field(m, n, "number", path); break;
	case CV_ENTRY_REVNUMBERED: e->text = field(m, n, "reversed_number", path); break;
	case CV_ENTRY_TEXT:
		err(m, n, "unknown-entry",
		    "%s: cannot tell the kind of this entry from its keys (expected one of company, institution, name, "
		    "title, label, bullet, number or reversed_number)%s",
		    path, "");
		break;
	}
	e->date = field(m, n, "date", path);
	PATHF(p, "%s.start_date", path);
	e->has_start = get_date(m, yn_get(n, "start_date"), p, &e->start_date);
	PATHF(p, "%s.end_date", path);
	e->has_end = get_date(m, yn_get(n, "end_date"), p, &e->end_date);
	if (e->has_start && e->start_date.present) {
		err(m, yn_get(n, "start_date"), "bad-date", "%s.start_date: a range cannot start at \"present\"%s", path, "");
		e->has_start = false;
	}
	if (e->has_start && e->has_end && date_before(&e->end_date, &e->start_date)) {
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "date-order", e->end_date.span,
			    "%s.end_date: the end (%s) is before the start (%s)", path, yn_get(n, "end_date")->value,
			    yn_get(n, "start_date")->value);
	}
	e->location = field(m, n, "location", path);
	e->summary = field(m, n, "summary", path);
	PATHF(p, "%s.highlights", path);
	get_items(m, yn_get(n, "highlights"), p, &e->highlights, &e->n_highlights);
	PATHF(p, "%s.numbered", path);
	e->numbered = get_bool(m, yn_get(n, "numbered"), p, false);
	PATHF(p, "%s.tags", path);
	e->tags = get_tags(m, yn_get(n, "tags"), p);
	yn_report_unknown(n, path, entry_keys, m->d, CV_WARNING);
}

/* ---- Sections ------------------------------------------------------------------------------ */

static void get_section(mctx *m, const ynode *key, const ynode *val, const char *path, cv_section *s, int level)
{
	s->title.s = key->value;
	s->title.span = key->span;
	s->span = key->span;
	if (yn_is_null(val))
		return;
	if (val->kind == YN_MAP && level == 0) {
		s->subsections = cv_arena_calloc(m->a, val->n, sizeof *s->subsections);
		s->n_subsections = val->n;
		for (size_t i = 0; i < val->n; i++) {
			char p[PATH_MAX_LEN];
			val->used[i] = true;
			PATHF(p, "%s.%s", path, val->keys[i]->value);
			get_section(m, val->keys[i], val->items[i], p, &s->subsections[i], level + 1);
		}
		return;
	}
	if (val->kind != YN_SEQ) {
		err(m, val, "wrong-type", "%s: expected a list of entries%s", path,
		    level ? "" : " (or a map of subsections)");
		return;
	}
	s->entries = cv_arena_calloc(m->a, val->n, sizeof *s->entries);
	for (size_t i = 0; i < val->n; i++) {
		char p[PATH_MAX_LEN];
		PATHF(p, "%s[%zu]", path, i);
		if (yn_is_null(val->items[i]))
			continue;
		get_entry(m, val->items[i], p, &s->entries[s->n_entries++]);
	}
}

static void get_sections(mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		err(m, n, "wrong-type", "%s: expected a map from section title to entries, got %s", "cv.sections",
		    yn_kind_name(n));
		return;
	}
	cv_doc *doc = m->doc;
	doc->sections = cv_arena_calloc(m->a, n->n, sizeof *doc->sections);
	for (size_t i = 0; i < n->n; i++) {
		char p[PATH_MAX_LEN];
		n->used[i] = true;
		PATHF(p, "cv.sections.%s", n->keys[i]->value);
		get_section(m, n->keys[i], n->items[i], p, &doc->sections[doc->n_sections++], 0);
	}
}

/* ---- cv ------------------------------------------------------------------------------------ */

static const char *const cv_keys[] = {
	"name", "headline", "location", "email", "phone", "website", "photo", "social_networks",
	"custom_connections", "summary", "sections", NULL,
};

static void get_social(mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.social_networks", yn_kind_name(n));
		return;
	}
	static const char *const keys[] = {"network", "username", NULL};
	cv_doc *doc = m->doc;
	doc->social = cv_arena_calloc(m->a, n->n, sizeof *doc->social);
	for (size_t i = 0; i < n->n; i++) {
		char p[PATH_MAX_LEN];
		const ynode *it = n->items[i];
		PATHF(p, "cv.social_networks[%zu]", i);
		if (it->kind != YN_MAP) {
			err(m, it, "wrong-type", "%s: expected a map with network and username, got %s", p, yn_kind_name(it));
			continue;
		}
		cv_social *s = &doc->social[doc->n_social++];
		s->span = it->span;
		s->network = field(m, it, "network", p);
		s->username = field(m, it, "username", p);
		require(m, it, &s->network, p, "network");
		require(m, it, &s->username, p, "username");
		yn_report_unknown(it, p, keys, m->d, CV_WARNING);
	}
}

static void get_connections(mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.custom_connections", yn_kind_name(n));
		return;
	}
	static const char *const keys[] = {"placeholder", "url", "fontawesome_icon", NULL};
	cv_doc *doc = m->doc;
	doc->connections = cv_arena_calloc(m->a, n->n, sizeof *doc->connections);
	for (size_t i = 0; i < n->n; i++) {
		char p[PATH_MAX_LEN];
		const ynode *it = n->items[i];
		PATHF(p, "cv.custom_connections[%zu]", i);
		cv_connection *c = &doc->connections[doc->n_connections];
		if (it->kind == YN_SCALAR) {
			c->text = get_text(m, it, p);
		} else if (it->kind == YN_MAP) {
			c->text = field(m, it, "placeholder", p);
			c->url = field(m, it, "url", p);
			(void)yn_get(it, "fontawesome_icon"); /* icons are not drawn; accepted for RenderCV files */
			require(m, it, &c->text, p, "placeholder");
			yn_report_unknown(it, p, keys, m->d, CV_WARNING);
		} else {
			err(m, it, "wrong-type", "%s: expected text or a map, got %s", p, yn_kind_name(it));
			continue;
		}
		c->span = it->span;
		doc->n_connections++;
	}
}

static void get_cv(mctx *m, const ynode *cv)
{
	cv_doc *doc = m->doc;
	doc->name = field(m, cv, "name", "cv");
	doc->headline = field(m, cv, "headline", "cv");
	doc->location = field(m, cv, "location", "cv");
	doc->photo = field(m, cv, "photo", "cv");
	doc->summary = field(m, cv, "summary", "cv");
	doc->email = get_text_list(m, yn_get(cv, "email"), "cv.email");
	doc->phone = get_text_list(m, yn_get(cv, "phone"), "cv.phone");
	doc->website = get_text_list(m, yn_get(cv, "website"), "cv.website");
	get_social(m, yn_get(cv, "social_networks"));
	get_connections(m, yn_get(cv, "custom_connections"));
	get_sections(m, yn_get(cv, "sections"));
	yn_report_unknown(cv, "cv", cv_keys, m->d, CV_WARNING);
}

/* ---- design and locale --------------------------------------------------------------------- */

/* A length such as "2cm", "0.7in", "18mm", "36pt" or a bare number of points. */
static bool parse_length(const char *s, float *out)
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

static void get_length(mctx *m, const ynode *n, const char *path, float *out, float lo, float hi)
{
	if (!n || yn_is_null(n))
		return;
	float v;
	if (n->kind != YN_SCALAR || !parse_length(n->value, &v)) {
		err(m, n, "bad-length", "%s: expected a length such as \"2cm\", \"18mm\", \"0.7in\" or \"10pt\", got %s",
		    path, shown(m, n));
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

static void get_number(mctx *m, const ynode *n, const char *path, float *out, float lo, float hi)
{
	if (!n || yn_is_null(n))
		return;
	char *end = NULL;
	double v = n->kind == YN_SCALAR ? strtod(n->value, &end) : 0;
	if (n->kind != YN_SCALAR || end == n->value || *end) {
		err(m, n, "wrong-type", "%s: expected a number, got %s", path, shown(m, n));
		return;
	}
	if (!(v >= lo && v <= hi)) { /* NaN too */
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "out-of-range", n->span, "%s: %s is outside the range %g to %g", path, n->value,
			    (double)lo, (double)hi);
		return;
	}
	*out = (float)v;
}

static bool parse_color(const char *s, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned rgb;
	} names[] = {
		{"black", 0x000000}, {"white", 0xFFFFFF}, {"gray", 0x808080}, {"grey", 0x808080},
		{"red", 0xFF0000},   {"green", 0x008000}, {"blue", 0x0000FF}, {"navy", 0x000080},
		{"darkblue", 0x00008B}, {"teal", 0x008080}, {"maroon", 0x800000}, {"purple", 0x800080},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(s, names[i].name)) {
			*out = names[i].rgb;
			return true;
		}
	unsigned r, g, b;
	int end = -1;
	if (s[0] == '#' && strlen(s) == 7 && strspn(s + 1, "0123456789abcdefABCDEF") == 6) {
		*out = (unsigned)strtoul(s + 1, NULL, 16);
		return true;
	}
	/* A space in the format matches any white space, none included; %n is set only when the closing
	 * parenthesis matched, and then nothing may follow it. */
	if (sscanf(s, "rgb(%u ,%u ,%u )%n", &r, &g, &b, &end) == 3 && end > 0 && s[end] == '\0' && r < 256 &&
	    g < 256 && b < 256) {
		*out = r << 16 | g << 8 | b;
		return true;
	}
	return false;
}

static void get_color(mctx *m, const ynode *n, const char *path, unsigned *out)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SCALAR || !parse_color(n->value, out))
		err(m, n, "bad-color", "%s: expected a colour such as \"#004f90\", \"rgb(0, 79, 144)\" or \"navy\", got %s",
		    path, shown(m, n));
}

static void get_page_size(mctx *m, const ynode *n, const char *path)
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
	err(m, n, "bad-page-size", "%s: unknown page size %s (known: a4, us-letter, us-legal, a5, a3)", path,
	    shown(m, n));
}

static void get_align(mctx *m, const ynode *n, const char *path)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR && (!strcmp(n->value, "justified") || !strcmp(n->value, "justify")))
		m->doc->design.align = CV_ALIGN_JUSTIFY;
	else if (n->kind == YN_SCALAR && (!strcmp(n->value, "left") || !strcmp(n->value, "ragged")))
		m->doc->design.align = CV_ALIGN_LEFT;
	else
		err(m, n, "bad-alignment", "%s: expected \"justified\" or \"left\", got %s", path,
		    shown(m, n));
}

/* RenderCV's nested design blocks, read where cv2pdf has the matching setting. Each must be a map;
 * nested_map() says so when it is not, and false means there is nothing to read. */
static bool nested_map(mctx *m, const ynode *n, const char *path)
{
	if (!n || yn_is_null(n))
		return false;
	if (n->kind != YN_MAP) {
		err(m, n, "wrong-type", "%s: expected a map, got %s", path, yn_kind_name(n));
		return false;
	}
	return true;
}

static void get_design_page(mctx *m, const ynode *n)
{
	static const char *const keys[] = {"size", "top_margin", "bottom_margin", "left_margin", "right_margin",
					   "show_page_numbering", NULL};
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.page"))
		return;
	get_page_size(m, yn_get(n, "size"), "design.page.size");
	get_length(m, yn_get(n, "top_margin"), "design.page.top_margin", &ds->margin_top, 0, 200);
	get_length(m, yn_get(n, "bottom_margin"), "design.page.bottom_margin", &ds->margin_bottom, 0, 200);
	get_length(m, yn_get(n, "left_margin"), "design.page.left_margin", &ds->margin_left, 0, 200);
	get_length(m, yn_get(n, "right_margin"), "design.page.right_margin", &ds->margin_right, 0, 200);
	ds->page_numbers = get_bool(m, yn_get(n, "show_page_numbering"), "design.page.show_page_numbering", ds->page_numbers);
	yn_report_unknown(n, "design.page", keys, m->d, CV_WARNING);
}

static void get_design_colors(mctx *m, const ynode *n)
{
	static const char *const keys[] = {"text", "name", "section_titles", "links", "primary", NULL};
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.colors"))
		return;
	get_color(m, yn_get(n, "text"), "design.colors.text", &ds->color_text);
	get_color(m, yn_get(n, "primary"), "design.colors.primary", &ds->color_primary);
	get_color(m, yn_get(n, "name"), "design.colors.name", &ds->color_primary);
	get_color(m, yn_get(n, "section_titles"), "design.colors.section_titles", &ds->color_primary);
	get_color(m, yn_get(n, "links"), "design.colors.links", &ds->color_link);
	yn_report_unknown(n, "design.colors", keys, m->d, CV_WARNING);
}

static void get_design_text(mctx *m, const ynode *n)
{
	static const char *const keys[] = {"font_family", "font_size", "leading", "alignment", NULL};
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.text"))
		return;
	cv_str family = field(m, n, "font_family", "design.text");
	if (family.s)
		ds->font_family = family;
	get_length(m, yn_get(n, "font_size"), "design.text.font_size", &ds->font_size, 6, 24);
	get_align(m, yn_get(n, "alignment"), "design.text.alignment");
	yn_report_unknown(n, "design.text", keys, m->d, CV_WARNING);
}

/* Themes: cv2pdf's own, and RenderCV's, whose files name them and are drawn in the closest cv2pdf
 * look. Anything else is a typo or a theme this version does not have: refused rather than ignored. */
static const char *const themes[] = {
	"classic", "sidebar", "compact", "sb2nov", "moderncv", "engineeringresumes", "engineeringclassic", NULL,
};

static void check_theme(mctx *m, const ynode *n, const cv_str *theme)
{
	if (!theme->s)
		return;
	for (size_t i = 0; themes[i]; i++)
		if (!strcmp(theme->s, themes[i]))
			return;
	err(m, n, "bad-theme", "%s: unknown theme \"%s\" (known: classic, sidebar, compact, sb2nov, moderncv, "
	    "engineeringresumes, engineeringclassic)", "design.theme", theme->s);
}

static const char *const design_keys[] = {
	"theme", "page_size", "margin", "top_margin", "bottom_margin", "left_margin", "right_margin", "font_size",
	"name_size", "heading_size", "line_spacing", "alignment", "color", "primary_color", "text_color", "link_color",
	"font_family", "cjk_font_family", "page_numbers", "page", "colors", "text", NULL,
};

static void get_design(mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		err(m, n, "wrong-type", "%s: expected a map, got %s", "design", yn_kind_name(n));
		return;
	}
	cv_design *ds = &m->doc->design;
	ds->span = n->span;
	ds->theme = field(m, n, "theme", "design");
	check_theme(m, yn_get(n, "theme"), &ds->theme);
	get_page_size(m, yn_get(n, "page_size"), "design.page_size");
	float margin = -1;
	get_length(m, yn_get(n, "margin"), "design.margin", &margin, 0, 200);
	if (margin >= 0)
		ds->margin_top = ds->margin_bottom = ds->margin_left = ds->margin_right = margin;
	get_length(m, yn_get(n, "top_margin"), "design.top_margin", &ds->margin_top, 0, 200);
	get_length(m, yn_get(n, "bottom_margin"), "design.bottom_margin", &ds->margin_bottom, 0, 200);
	get_length(m, yn_get(n, "left_margin"), "design.left_margin", &ds->margin_left, 0, 200);
	get_length(m, yn_get(n, "right_margin"), "design.right_margin", &ds->margin_right, 0, 200);
	get_length(m, yn_get(n, "font_size"), "design.font_size", &ds->font_size, 6, 24);
	get_length(m, yn_get(n, "name_size"), "design.name_size", &ds->name_size, 8, 72);
	get_length(m, yn_get(n, "heading_size"), "design.heading_size", &ds->heading_size, 6, 36);
	get_number(m, yn_get(n, "line_spacing"), "design.line_spacing", &ds->line_spacing, 0.9f, 3.0f);
	get_align(m, yn_get(n, "alignment"), "design.alignment");
	get_color(m, yn_get(n, "color"), "design.color", &ds->color_primary);
	get_color(m, yn_get(n, "primary_color"), "design.primary_color", &ds->color_primary);
	get_color(m, yn_get(n, "text_color"), "design.text_color", &ds->color_text);
	get_color(m, yn_get(n, "link_color"), "design.link_color", &ds->color_link);
	ds->font_family = field(m, n, "font_family", "design");
	ds->cjk_font_family = field(m, n, "cjk_font_family", "design");
	ds->page_numbers = get_bool(m, yn_get(n, "page_numbers"), "design.page_numbers", ds->page_numbers);
	get_design_page(m, yn_get(n, "page"));
	get_design_colors(m, yn_get(n, "colors"));
	get_design_text(m, yn_get(n, "text"));
	/* RenderCV has many more design keys; an unknown one is a warning so RenderCV files still render. */
	yn_report_unknown(n, "design", design_keys, m->d, CV_WARNING);
	if (ds->margin_left + ds->margin_right > ds->page_width * 0.6f ||
	    ds->margin_top + ds->margin_bottom > ds->page_height * 0.6f) {
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "out-of-range", n->span, "design: the margins leave too little room for text");
	}
}

static void get_locale(mctx *m, const ynode *n)
{
	static const char *const keys[] = {"language", "date_format", "present", "phone_number_format",
					   "month_abbreviations", "full_month_names", NULL};
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		err(m, n, "wrong-type", "%s: expected a map, got %s", "locale", yn_kind_name(n));
		return;
	}
	cv_locale *l = &m->doc->locale;
	l->span = n->span;
	cv_str lang = field(m, n, "language", "locale");
	if (lang.s)
		l->language = lang.s;
	cv_str fmt = field(m, n, "date_format", "locale");
	if (fmt.s)
		l->date_format = fmt.s;
	cv_str present = field(m, n, "present", "locale");
	if (present.s)
		l->present = present.s;
	yn_report_unknown(n, "locale", keys, m->d, CV_WARNING);
}

static const char *const top_keys[] = {"cv", "design", "locale", "settings", "variants", "rendercv_settings", NULL};

int cv_map_native(const ynode *root, cv_doc *doc, cv_diags *d)
{
	mctx m = {doc, doc->arena, d, 0};
	if (root->kind != YN_MAP) {
		err(&m, root, "wrong-type", "%s: expected a map with a \"cv\" key, got %s", "the document", yn_kind_name(root));
		return CV_EINPUT;
	}
	const ynode *cv = yn_get(root, "cv");
	if (!cv || cv->kind != YN_MAP) {
		cv_span at = cv ? cv->span : root->span;
		cv_diag_add(d, CV_ERROR, "missing-field", at, "%s", cv ? "cv: expected a map" : "the document has no \"cv\" key");
		return CV_EINPUT;
	}
	get_cv(&m, cv);
	/* Not when a name or sections of the wrong type was reported already. */
	const ynode *name = yn_get(cv, "name"), *sections = yn_get(cv, "sections");
	bool absent = (!name || yn_is_null(name)) && (!sections || yn_is_null(sections) || sections->kind == YN_MAP);
	if (!doc->name.s && !doc->n_sections && absent)
		err(&m, cv, "missing-field", "%s: a résumé needs at least a name or sections%s", "cv", "");
	get_design(&m, yn_get(root, "design"));
	get_locale(&m, yn_get(root, "locale"));
	(void)yn_get(root, "settings");          /* read by the command line (issue: variants, overlays) */
	(void)yn_get(root, "variants");
	(void)yn_get(root, "rendercv_settings"); /* RenderCV's own output settings: nothing to do here */
	yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	return m.errors ? CV_EINPUT : CV_OK;
}
