/* The document's language, decided once before any text is read: --lang, else the variant's lang,
 * else the dialect's own key (locale.language, meta.language), else English. Every multilingual text
 * is then resolved to it as it is read (cv_map_text), and RenderCV's locale keys of every version
 * replace single words of its table. Nothing after the loader chooses a language again.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* The node that names the language in a document of dialect dl, or NULL. */
static const ynode *language_node(const ynode *root, cv_dialect dl)
{
	long i = cv_yn_find(root, dl == CV_DIALECT_JSONRESUME ? "meta" : "locale");
	const ynode *holder = i >= 0 ? root->items[i] : NULL;
	long k = holder && holder->kind == YN_MAP ? cv_yn_find(holder, "language") : -1;
	return k >= 0 ? holder->items[k] : NULL;
}

/* A code as BCP 47 writes it: the language in lower case, a script in title case, a region in upper
 * case, '-' between ("zh_hant_tw" is "zh-Hant-TW"). code holds only letters, '-' and '_'. Arena-owned. */
static const char *tidy_tag(cv_arena *a, const char *code)
{
	char *t = cv_arena_strdup(a, code);
	size_t part = 0, start = 0;
	for (size_t i = 0;; i++) {
		if (t[i] == '_')
			t[i] = '-';
		if (t[i] != '-' && t[i] != '\0')
			continue;
		for (size_t k = start; k < i; k++) {
			size_t len = i - start;
			bool up = part > 0 && (len == 2 || (len == 4 && k == start));
			if (up && t[k] >= 'a' && t[k] <= 'z')
				t[k] = (char)(t[k] - 'a' + 'A');
			else if (!up && t[k] >= 'A' && t[k] <= 'Z')
				t[k] = (char)(t[k] - 'A' + 'a');
		}
		if (!t[i])
			break;
		part++;
		start = i + 1;
	}
	return t;
}

void cv_load_language(const ynode *root, cv_dialect dl, const cv_load_opts *o, cv_doc *doc, cv_diags *d)
{
	cv_arena *a = doc->arena;
	const char *code = NULL, *what = NULL;
	cv_span at = {0};
	if (o->lang) {
		size_t n = strlen(o->lang);
		at = (cv_span){cv_diags_add_source(d, "--lang", o->lang, n), 1, 1, 1, n ? (int)n : 1};
		code = o->lang;
		what = "--lang";
	}
	const ynode *v = !code && o->variant ? cv_variant_node(root, o->variant) : NULL;
	long vi = v ? cv_yn_find(v, "lang") : -1;
	if (vi >= 0 && v->items[vi]->kind == YN_SCALAR && !cv_yn_is_null(v->items[vi])) {
		code = v->items[vi]->value;
		at = v->items[vi]->span;
		what = cv_arena_printf(a, "variants.%s.lang", o->variant);
	}
	const ynode *own = !code ? language_node(root, dl) : NULL;
	if (own && own->kind == YN_SCALAR && !cv_yn_is_null(own) && own->len) {
		code = own->value;
		at = own->span;
		what = dl == CV_DIALECT_JSONRESUME ? "meta.language" : "locale.language";
	}
	cv_locale *loc = &doc->locale;
	loc->span = at;
	if (!code)
		return; /* English, as cv_doc_new() left it */
	const cv_lang *l = cv_lang_find(code);
	if (!l) {
		char list[CV_LANG_LIST_MAX];
		cv_diag_add(d, CV_WARNING, "unknown-language", at,
			    "%s: cv2pdf has no words for \"%s\"; dates, titles and labels are in English (it has %s)", what,
			    code, cv_lang_list(list, sizeof list));
		l = cv_lang_english();
	}
	/* A name ("german", "Deutsch") becomes the table's tag; a code keeps its region, so that
	 * {zh-TW: ..., zh-HK: ...} can tell them apart. */
	bool is_code = strspn(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") == strlen(code) &&
		       strcspn(code, "-_") <= 3;
	loc->tag = is_code ? tidy_tag(a, code) : l->tag;
	loc->lang = l;
	loc->words = l->words;
}

/* ---- RenderCV's locale keys ------------------------------------------------------------------- */

/* RenderCV's date placeholders in cv2pdf's tokens ("MONTH_ABBREVIATION YEAR" is "MONTH_ABBR YYYY");
 * NULL when t uses one cv2pdf has no token for. Longest placeholders first, as RenderCV reads them. */
const char *cv_rendercv_date_template(cv_arena *a, const char *t)
{
	static const struct {
		const char *rendercv, *ours;
	} tokens[] = {
		{"YEAR_IN_TWO_DIGITS", NULL}, {"MONTH_IN_TWO_DIGITS", "MM"}, {"MONTH_ABBREVIATION", "MONTH_ABBR"},
		{"FULL_MONTH_NAME", "MONTH"}, {"MONTH_NAME", "MONTH"},      {"MONTH", "M"},
		{"YEAR", "YYYY"},             {"DAY", "D"},
	};
	char out[256];
	size_t n = 0;
	for (const char *p = t; *p;) {
		const char *ours = "";
		size_t k = 0, skip = 1;
		for (; k < sizeof tokens / sizeof tokens[0]; k++)
			if (!strncmp(p, tokens[k].rendercv, strlen(tokens[k].rendercv)))
				break;
		if (k < sizeof tokens / sizeof tokens[0]) {
			if (!tokens[k].ours)
				return NULL;
			ours = tokens[k].ours;
			skip = strlen(tokens[k].rendercv);
		}
		size_t len = *ours ? strlen(ours) : 1;
		if (n + len + 1 >= sizeof out)
			return NULL;
		memcpy(out + n, *ours ? ours : p, len);
		n += len;
		p += skip;
	}
	out[n] = '\0';
	return cv_arena_strdup(a, out);
}

const char *cv_rendercv_note_template(cv_arena *a, const char *t)
{
	static const char *const keys[] = {"PAGE_NUMBER", "TOTAL_PAGES"};
	static const char *const vals[] = {"PAGE", "TOTAL"};
	char out[512];
	cv_lang_fill(t, keys, vals, 2, out, sizeof out);
	return cv_arena_strdup(a, out);
}

/* Twelve month names at n; NULL when absent or wrong (reported). */
static const char *const *get_months(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n))
		return NULL;
	cv_strlist l = cv_map_text_list(m, n, path);
	if (n->kind != YN_SEQ || n->n != 12 || l.n != 12) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list of twelve month names%s", path, "");
		return NULL;
	}
	const char **out = cv_arena_calloc(m->a, 12, sizeof *out);
	for (size_t i = 0; i < 12; i++)
		out[i] = l.items[i].s;
	return out;
}

/* The text at map[key] (path is the map's), or NULL. */
static const char *word(cv_mctx *m, const ynode *map, const char *key, const char *path)
{
	return cv_map_field(m, map, key, path).s;
}

/* RenderCV's singular and plural of a unit ("year", "years"), as duration forms "# year". */
static void unit_forms(cv_mctx *m, const char **forms, const char *one, const char *many)
{
	for (int p = 0; p < CV_PLURAL_COUNT; p++) {
		const char *w = p == CV_PLURAL_ONE ? one : many;
		if (w)
			forms[p] = cv_arena_printf(m->a, "# %s", w);
	}
}

/* cv2pdf's keys, then RenderCV's: the current ones, v2.0-2.2's (also v1.x's locale_catalog). Also in
 * cv_native_key_tables (native.c), which a test compares with the JSON Schema. */
const char *const cv_locale_keys[] = {
	"language", "date_format", "present", "month_abbreviations", "month_names", "full_month_names",
	"last_updated", "month", "months", "year", "years", "phrases", "to", "date_template", "date_style",
	"abbreviations_for_months", "full_names_of_months", "page_numbering_template", "page_numbering_style",
	"last_updated_date_template", "last_updated_date_style", "phone_number_format", NULL,
};
const char *const cv_locale_phrase_keys[] = {"degree_with_area", NULL};

void cv_map_locale(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map, got %s", path, cv_yn_kind_name(n));
		return;
	}
	cv_words *w = &m->doc->locale.words;
	char p[CV_PATH_MAX];
	(void)cv_map_field(m, n, "language", path); /* decided before mapping (cv_load_language) */
	const char *fmt = word(m, n, "date_format", path);
	if (fmt)
		w->date = fmt;
	static const char *const rendercv_dates[] = {"date_template", "date_style"};
	for (size_t i = 0; i < 2; i++) {
		const char *t = word(m, n, rendercv_dates[i], path);
		if (!t)
			continue;
		const char *ours = cv_rendercv_date_template(m->a, t);
		if (ours)
			w->date = ours;
		else
			cv_diag_add(m->d, CV_WARNING, "not-implemented", cv_yn_get(n, rendercv_dates[i])->span,
				    "%s.%s: YEAR_IN_TWO_DIGITS is not implemented by cv2pdf; ignored", path, rendercv_dates[i]);
	}
	const char *present = word(m, n, "present", path);
	if (present)
		w->present = present;
	const char *to = word(m, n, "to", path); /* RenderCV writes "START TO END" with spaces */
	if (to)
		w->range = cv_arena_printf(m->a, " %s ", to);
	static const char *const abbr_keys[] = {"month_abbreviations", "abbreviations_for_months"};
	static const char *const name_keys[] = {"month_names", "full_names_of_months", "full_month_names"};
	for (size_t i = 0; i < 2; i++) {
		CV_PATHF(p, "%s.%s", path, abbr_keys[i]);
		const char *const *months = get_months(m, cv_yn_get(n, abbr_keys[i]), p);
		if (months)
			memcpy(w->month_abbr, months, sizeof w->month_abbr);
	}
	for (size_t i = 0; i < 3; i++) {
		CV_PATHF(p, "%s.%s", path, name_keys[i]);
		const char *const *months = get_months(m, cv_yn_get(n, name_keys[i]), p);
		if (months)
			memcpy(w->month_name, months, sizeof w->month_name);
	}
	/* "last_updated" is RenderCV's phrase before the month ("Last updated in"); the templates of
	 * v1.17 and v2.0-2.2 say where the month goes (TODAY). */
	const char *last = word(m, n, "last_updated", path);
	if (last)
		w->last_updated = cv_arena_printf(m->a, "%s TODAY", last);
	static const char *const last_keys[] = {"last_updated_date_template", "last_updated_date_style"};
	for (size_t i = 0; i < 2; i++) {
		const char *t = word(m, n, last_keys[i], path);
		if (t)
			w->last_updated = cv_rendercv_note_template(m->a, t);
	}
	static const char *const page_keys[] = {"page_numbering_template", "page_numbering_style"};
	for (size_t i = 0; i < 2; i++) {
		const char *t = word(m, n, page_keys[i], path);
		if (t)
			w->page = cv_rendercv_note_template(m->a, t);
	}
	unit_forms(m, w->years, word(m, n, "year", path), word(m, n, "years", path));
	unit_forms(m, w->months, word(m, n, "month", path), word(m, n, "months", path));
	const ynode *phrases = cv_yn_get(n, "phrases");
	if (phrases && !cv_yn_is_null(phrases)) {
		CV_PATHF(p, "%s.phrases", path);
		if (phrases->kind != YN_MAP) {
			cv_map_err(m, phrases, "wrong-type", "%s: expected a map, got %s", p, cv_yn_kind_name(phrases));
		} else {
			const char *dwa = word(m, phrases, "degree_with_area", p);
			if (dwa)
				w->degree_area = dwa;
			cv_yn_report_unknown(phrases, p, cv_locale_phrase_keys, m->d, CV_WARNING);
		}
	}
	/* RenderCV 2.0 to 2.3 kept the phone format in the locale (2.4 moved it to the design's header). */
	CV_PATHF(p, "%s.phone_number_format", path);
	cv_map_phone_format(m, cv_yn_get(n, "phone_number_format"), p);
	cv_yn_report_unknown(n, path, cv_locale_keys, m->d, CV_WARNING);
}
