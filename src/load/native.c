/* Maps a native (RenderCV-compatible) YAML tree onto the model: cv, design, locale, settings.
 * Keeps going after schema errors so one run reports them all (up to the diagnostics cap).
 * It never prints; every problem becomes a cv_diag with the span of the offending node.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"


/* ---- Highlights and tags ------------------------------------------------------------------- */

static cv_strlist get_tags(cv_mctx *m, const ynode *n, const char *path)
{
	return cv_map_text_list(m, n, path);
}

static const char *const highlight_keys[] = {"text", "highlights", "numbered", "tags", NULL};

static void get_items(cv_mctx *m, const ynode *n, const char *path, cv_item **out, size_t *count);

/* RenderCV 2 writes nested highlights as continuation lines that start with "- ", which YAML folds
 * into " - " inside one plain scalar. Split them off as children, as RenderCV does; only in a scalar
 * that spans lines, so "2019 - 2021" typed on one line stays text. */
static void split_rendercv_nested(cv_mctx *m, const ynode *n, cv_item *it)
{
	if (n->kind != YN_SCALAR || !n->plain || n->span.end_line <= n->span.line || !it->text.s ||
	    !strstr(it->text.s, " - "))
		return;
	size_t count = 0;
	for (const char *p = strstr(it->text.s, " - "); p; p = strstr(p + 3, " - "))
		count++;
	it->children = cv_arena_calloc(m->a, count, sizeof *it->children);
	const char *s = it->text.s, *cut = strstr(s, " - ");
	it->text.s = cv_arena_strndup(m->a, s, (size_t)(cut - s));
	while (cut) {
		const char *from = cut + 3, *next = strstr(from, " - ");
		cv_item *c = &it->children[it->n_children++];
		c->text = it->text;
		c->text.s = next ? cv_arena_strndup(m->a, from, (size_t)(next - from)) : from;
		c->span = n->span;
		cut = next;
	}
}

/* "- Built X: a tool for Y" is a one-key map in YAML: say so, rather than "unknown key" and "a
 * highlight needs text". what names the thing ("highlight", "entry"). */
static bool colon_text(cv_mctx *m, const ynode *n, const char *path, const char *what)
{
	const char *text = yn_colon_text(m->a, n); /* NULL for "compnay: X", a misspelt key */
	if (!text)
		return false;
	n->used[0] = true;
	cv_map_err(m, n, "yaml-colon",
		   "%s: this %s is read as a map (key \"%s\") because of the \": \" in it; quote it: - %s", path, what,
		   n->keys[0]->value, cv_yaml_quote(m->a, text, strlen(text)));
	return true;
}

static void get_item(cv_mctx *m, const ynode *n, const char *path, cv_item *it)
{
	it->span = n->span;
	if (n->kind == YN_MAP && !cv_map_is_lang_map(n) && colon_text(m, n, path, "highlight"))
		return;
	if (n->kind == YN_MAP && !cv_map_is_lang_map(n)) {
		char p[CV_PATH_MAX];
		it->text = cv_map_field(m, n, "text", path);
		CV_PATHF(p, "%s.highlights", path);
		get_items(m, yn_get(n, "highlights"), p, &it->children, &it->n_children);
		CV_PATHF(p, "%s.numbered", path);
		it->numbered = cv_map_bool(m, yn_get(n, "numbered"), p, false);
		CV_PATHF(p, "%s.tags", path);
		it->tags = get_tags(m, yn_get(n, "tags"), p);
		yn_report_unknown(n, path, highlight_keys, m->d, CV_WARNING);
		const ynode *t = yn_get(n, "text");
		if (!it->text.s && !it->n_children && (!t || yn_is_null(t))) /* a text of the wrong type was reported */
			cv_map_err(m, n, "missing-field", "%s: a highlight needs \"text\"%s", path, "");
		return;
	}
	it->text = cv_map_text(m, n, path);
	split_rendercv_nested(m, n, it);
}

static void get_items(cv_mctx *m, const ynode *n, const char *path, cv_item **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list of highlights, got %s", path, yn_kind_name(n));
		return;
	}
	*out = cv_arena_calloc(m->a, n->n, sizeof **out);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s[%zu]", path, i);
		if (yn_is_null(n->items[i])) { /* an empty "- " line: nothing to show, but maybe a slip */
			if (!n->items[i]->explained)
				cv_diag_add(m->d, CV_WARNING, "empty", n->items[i]->span, "%s: an empty highlight; it is left out", p);
			continue;
		}
		get_item(m, n->items[i], p, &(*out)[(*count)++]);
	}
}

/* ---- Entries ------------------------------------------------------------------------------- */

static const char *const entry_keys[] = {
	"id", "name", "company", "position", "institution", "area", "degree", "title", "authors", "doi", "url",
	"journal", "label", "details", "bullet", "number", "reversed_number", "date", "start_date", "end_date",
	"location", "summary", "highlights", "numbered", "tags", "page_break", "grade", NULL
};

/* Read by overlays (src/load/merge.c), which take it out: in the résumé itself it has no effect. */
static const char *const entry_overlay_keys[] = {"remove", NULL};

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
	/* RenderCV 1.0 to 1.3 wrote a one-line entry as name and details (label came in 1.4). */
	if (yn_has(n, "name") && !yn_has(n, "details"))
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


/* "**Score:** 3.9/4.0" before the highlights. */
static void grade_item(cv_mctx *m, cv_str grade, cv_entry *e)
{
	if (!grade.s)
		return;
	cv_item *items = cv_arena_calloc(m->a, e->n_highlights + 1, sizeof *items);
	items[0].text = grade;
	items[0].text.s = cv_map_labelled(m->a, m->doc->locale.lang, CV_W_SCORE, grade.s);
	items[0].span = grade.span;
	if (e->n_highlights)
		memcpy(items + 1, e->highlights, e->n_highlights * sizeof *items);
	e->highlights = items;
	e->n_highlights++;
}

static void get_entry(cv_mctx *m, const ynode *n, const char *path, cv_entry *e)
{
	e->span = n->span;
	if (n->kind == YN_SCALAR || cv_map_is_lang_map(n)) {
		e->kind = CV_ENTRY_TEXT;
		e->summary = cv_map_blocks(m, cv_map_text(m, n, path), path);
		return;
	}
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected an entry (text or a map), got %s", path, yn_kind_name(n));
		return;
	}
	e->kind = entry_kind(n);
	if (e->kind == CV_ENTRY_TEXT && colon_text(m, n, path, "entry"))
		return;
	char p[CV_PATH_MAX];
	e->id = cv_map_field(m, n, "id", path);
	switch (e->kind) {
	case CV_ENTRY_PAGEBREAK:
		CV_PATHF(p, "%s.page_break", path);
		cv_map_bool(m, yn_get(n, "page_break"), p, true);
		break;
	case CV_ENTRY_EXPERIENCE:
		e->company = cv_map_field(m, n, "company", path);
		e->position = cv_map_field(m, n, "position", path);
		cv_map_require(m, n, &e->company, path, "company");
		break;
	case CV_ENTRY_EDUCATION:
		e->institution = cv_map_field(m, n, "institution", path);
		e->area = cv_map_field(m, n, "area", path);
		e->degree = cv_map_field(m, n, "degree", path);
		break;
	case CV_ENTRY_PUBLICATION:
		e->title = cv_map_field(m, n, "title", path);
		CV_PATHF(p, "%s.authors", path);
		e->authors = cv_map_text_list(m, yn_get(n, "authors"), p);
		e->doi = cv_map_field(m, n, "doi", path);
		e->url = cv_map_field(m, n, "url", path);
		e->journal = cv_map_field(m, n, "journal", path);
		cv_map_require(m, n, &e->title, path, "title");
		break;
	case CV_ENTRY_NORMAL: e->name = cv_map_field(m, n, "name", path); break;
	case CV_ENTRY_ONELINE:
		e->label = cv_map_field(m, n, "label", path);
		if (!e->label.s)
			e->label = cv_map_field(m, n, "name", path);
		e->details = cv_map_field(m, n, "details", path);
		break;
	case CV_ENTRY_BULLET: e->text = cv_map_field(m, n, "bullet", path); break;
	case CV_ENTRY_NUMBERED: e->text = cv_map_field(m, n, "number", path); break;
	case CV_ENTRY_REVNUMBERED: e->text = cv_map_field(m, n, "reversed_number", path); break;
	case CV_ENTRY_TEXT:
		cv_map_err(m, n, "unknown-entry",
			   "%s: cannot tell the kind of this entry from its keys (expected one of company, institution, name, "
			   "title, label, bullet, number or reversed_number)%s",
			   path, "");
		break;
	}
	e->date = cv_map_field(m, n, "date", path);
	CV_PATHF(p, "%s.start_date", path);
	e->has_start = cv_map_date(m, yn_get(n, "start_date"), p, &e->start_date);
	CV_PATHF(p, "%s.end_date", path);
	e->has_end = cv_map_date(m, yn_get(n, "end_date"), p, &e->end_date);
	/* As RenderCV: a start without an end is ongoing. */
	if (e->has_start && !e->has_end && !e->date.s && !e->start_date.present) {
		e->has_end = true;
		e->end_date.present = true;
		e->end_date.span = e->start_date.span;
	}
	if (e->has_start && e->start_date.present) {
		cv_map_err(m, yn_get(n, "start_date"), "bad-date", "%s.start_date: a range cannot start at \"present\"%s", path, "");
		e->has_start = false;
	}
	if (e->has_start && e->has_end && cv_map_date_before(&e->end_date, &e->start_date)) {
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "date-order", e->end_date.span,
			    "%s.end_date: the end (%s) is before the start (%s)", path, yn_get(n, "end_date")->value,
			    yn_get(n, "start_date")->value);
	}
	/* As RenderCV: a date written YYYY-MM or YYYY-MM-DD is formatted like any other date; anything
	 * else ("Fall 2023", "2021") is shown as written. */
	cv_date one;
	if (e->date.s && strlen(e->date.s) >= 7 && cv_map_parse_date(e->date.s, &one) &&
	    !one.present) {
		one.span = e->date.span;
		e->start_date = one; /* a date wins over start and end, as a free-text one does */
		e->has_start = true;
		e->has_end = false;
		e->date.s = NULL;
	}
	e->location = cv_map_field(m, n, "location", path);
	CV_PATHF(p, "%s.summary", path);
	e->summary = cv_map_blocks(m, cv_map_field(m, n, "summary", path), p);
	CV_PATHF(p, "%s.highlights", path);
	get_items(m, yn_get(n, "highlights"), p, &e->highlights, &e->n_highlights);
	if (e->kind == CV_ENTRY_EDUCATION) /* RenderCV 2.3's grade: a first highlight, as JSON Resume's score */
		grade_item(m, cv_map_field(m, n, "grade", path), e);
	CV_PATHF(p, "%s.numbered", path);
	e->numbered = cv_map_bool(m, yn_get(n, "numbered"), p, false);
	CV_PATHF(p, "%s.tags", path);
	e->tags = get_tags(m, yn_get(n, "tags"), p);
	const ynode *remove = yn_get(n, "remove");
	if (remove)
		cv_diag_add(m->d, CV_WARNING, "unknown-key", remove->span,
			    "%s.remove: only an overlay removes an entry (by its id); in the résumé itself it has no effect",
			    path);
	yn_report_unknown(n, path, entry_keys, m->d, CV_WARNING);
}

/* ---- Sections ------------------------------------------------------------------------------ */

/* RenderCV's section titles: a key with a space or a capital is the title as written; a snake_case
 * key becomes words in title case ("selected_honors" is "Selected Honors", "education_and_training"
 * is "Education and Training"). Keys in scripts without case ("工作经历") are unchanged. A key that
 * is a standard section's English title in lower case ("experience", "education", "skills") is that
 * title in the document's language: the same words in English, "工作经历" in Chinese. */
static const char *section_title(cv_mctx *m, const char *key)
{
	const cv_lang *en = cv_lang_english();
	for (int i = 0; i < CV_SEC_COUNT; i++)
		if (!strcasecmp(key, en->titles[i]) && key[0] >= 'a' && key[0] <= 'z')
			return m->doc->locale.lang->titles[i];
	static const char *const small[] = {"a",   "and", "as",   "at",   "but",  "by",   "for",  "from", "if",   "in",
					    "into", "like", "near", "nor", "of",   "off",  "on",   "onto", "or",   "over",
					    "so",  "than", "that", "to",  "upon", "when", "with", "yet",  NULL};
	for (const char *p = key; *p; p++)
		if (*p == ' ' || (*p >= 'A' && *p <= 'Z'))
			return key;
	char *t = cv_arena_strdup(m->a, key);
	for (char *w = t; *w;) {
		char *end = w;
		while (*end && *end != '_')
			end++;
		size_t n = (size_t)(end - w);
		bool keep = false;
		for (size_t i = 0; small[i]; i++)
			keep = keep || (strlen(small[i]) == n && strncmp(w, small[i], n) == 0);
		if (!keep && *w >= 'a' && *w <= 'z')
			*w = (char)(*w - 'a' + 'A');
		if (!*end)
			break;
		*end = ' ';
		w = end + 1;
	}
	return t;
}

static void get_section(cv_mctx *m, const ynode *key, const ynode *val, const char *path, cv_section *s, int level)
{
	s->title.s = section_title(m, key->value);
	s->title.span = key->span;
	s->span = key->span;
	if (yn_is_null(val)) {
		cv_diag_add(m->d, CV_WARNING, "empty", key->span, "%s: the section has no entries; it is left out", path);
		return;
	}
	/* Entries written without their "- " make the section a map of entry keys, not of subsections. */
	for (size_t i = 0; val->kind == YN_MAP && i < val->n; i++) {
		const ynode *k = val->keys[i];
		if (k->kind == YN_SCALAR && val->items[i]->kind == YN_SCALAR && yn_suggest(k->value, entry_keys) &&
		    !strcmp(yn_suggest(k->value, entry_keys), k->value)) {
			for (size_t j = 0; j < val->n; j++)
				val->used[j] = true;
			cv_map_err(m, k, "wrong-type",
				   "%s: expected a list of entries, got a map with \"%s\" in it: each entry starts with "
				   "\"- \" (write \"- %s: ...\")",
				   path, k->value, k->value);
			return;
		}
	}
	if (val->kind == YN_MAP && level == 0) {
		s->subsections = cv_arena_calloc(m->a, val->n, sizeof *s->subsections);
		s->n_subsections = val->n;
		for (size_t i = 0; i < val->n; i++) {
			char p[CV_PATH_MAX];
			val->used[i] = true;
			CV_PATHF(p, "%s.%s", path, val->keys[i]->value);
			get_section(m, val->keys[i], val->items[i], p, &s->subsections[i], level + 1);
		}
		return;
	}
	if (val->kind != YN_SEQ) {
		cv_map_err(m, val, "wrong-type", "%s: expected a list of entries%s", path,
			   level ? "" : " (or a map of subsections)");
		return;
	}
	s->entries = cv_arena_calloc(m->a, val->n, sizeof *s->entries);
	for (size_t i = 0; i < val->n; i++) {
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s[%zu]", path, i);
		if (yn_is_null(val->items[i])) {
			cv_map_err(m, val->items[i], "empty", "%s: an empty entry; write the entry, or remove its \"-\" line", p);
			continue;
		}
		int before = m->errors;
		get_entry(m, val->items[i], p, &s->entries[s->n_entries++]);
		if (m->errors > before && val->items[i]->appended) /* an overlay's id that matched nothing */
			cv_diag_add(m->d, CV_NOTE, "overlay", val->items[i]->span, "%s", val->items[i]->appended);
	}
}

static void get_sections(cv_mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map from section title to entries, got %s", "cv.sections",
			   yn_kind_name(n));
		return;
	}
	cv_doc *doc = m->doc;
	doc->sections = cv_arena_calloc(m->a, n->n, sizeof *doc->sections);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		n->used[i] = true;
		CV_PATHF(p, "cv.sections.%s", n->keys[i]->value);
		get_section(m, n->keys[i], n->items[i], p, &doc->sections[doc->n_sections++], 0);
	}
}

/* ---- cv ------------------------------------------------------------------------------------ */

static const char *const cv_keys[] = {
	"name", "headline", "location", "email", "phone", "website", "photo", "social_networks",
	"custom_connections", "summary", "sections", "sort_entries", NULL
};

static const char *const social_keys[] = {"network", "username", NULL};

static void get_social(cv_mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.social_networks", yn_kind_name(n));
		return;
	}
	cv_doc *doc = m->doc;
	doc->social = cv_arena_calloc(m->a, n->n, sizeof *doc->social);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		const ynode *it = n->items[i];
		CV_PATHF(p, "cv.social_networks[%zu]", i);
		if (it->kind != YN_MAP) {
			cv_map_err(m, it, "wrong-type", "%s: expected a map with network and username, got %s", p, yn_kind_name(it));
			continue;
		}
		cv_social *s = &doc->social[doc->n_social++];
		s->span = it->span;
		s->network = cv_map_field(m, it, "network", p);
		s->username = cv_map_field(m, it, "username", p);
		cv_map_require(m, it, &s->network, p, "network");
		cv_map_require(m, it, &s->username, p, "username");
		yn_report_unknown(it, p, social_keys, m->d, CV_WARNING);
	}
}

static const char *const connection_keys[] = {"placeholder", "url", "fontawesome_icon", NULL};

static void get_connections(cv_mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.custom_connections", yn_kind_name(n));
		return;
	}
	cv_doc *doc = m->doc;
	doc->connections = cv_arena_calloc(m->a, n->n, sizeof *doc->connections);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		const ynode *it = n->items[i];
		CV_PATHF(p, "cv.custom_connections[%zu]", i);
		cv_connection *c = &doc->connections[doc->n_connections];
		if (it->kind == YN_SCALAR) {
			c->text = cv_map_text(m, it, p);
		} else if (it->kind == YN_MAP) {
			c->text = cv_map_field(m, it, "placeholder", p);
			c->url = cv_map_field(m, it, "url", p);
			(void)yn_get(it, "fontawesome_icon"); /* icons are not drawn; accepted for RenderCV files */
			cv_map_require(m, it, &c->text, p, "placeholder");
			yn_report_unknown(it, p, connection_keys, m->d, CV_WARNING);
		} else {
			cv_map_err(m, it, "wrong-type", "%s: expected text or a map, got %s", p, yn_kind_name(it));
			continue;
		}
		c->span = it->span;
		doc->n_connections++;
	}
}

/* Whether n looks like the body of a section: a list, or a map of lists (subsections). */
static bool section_like(const ynode *n)
{
	if (n->kind == YN_SEQ) { /* of entries: maps or texts, not lists */
		for (size_t i = 0; i < n->n; i++)
			if (n->items[i]->kind == YN_MAP || (n->items[i]->kind == YN_SCALAR && !yn_is_null(n->items[i])))
				return true;
		return false;
	}
	if (n->kind != YN_MAP || n->n == 0 || cv_map_is_lang_map(n))
		return false;
	for (size_t i = 0; i < n->n; i++)
		if (n->items[i]->kind != YN_SEQ)
			return false;
	return true;
}

/* A key under cv (or at the top) that no one reads and whose value is a list of entries is a section
 * written without "sections:" above it: an error, since its entries would be lost. */
static void misplaced_sections(cv_mctx *m, const ynode *map, const char *where)
{
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i];
		if (map->used[i] || k->kind != YN_SCALAR || !section_like(map->items[i]))
			continue;
		map->used[i] = true;
		cv_map_err(m, k, "misplaced-section",
			   "%s%s holds a list of entries, so it is a section; sections go under cv.sections: did you mean "
			   "cv.sections.%s?",
			   where, k->value, k->value);
	}
}

static void get_cv(cv_mctx *m, const ynode *cv)
{
	cv_doc *doc = m->doc;
	doc->name = cv_map_field(m, cv, "name", "cv");
	doc->headline = cv_map_field(m, cv, "headline", "cv");
	doc->location = cv_map_field(m, cv, "location", "cv");
	doc->photo = cv_map_field(m, cv, "photo", "cv");
	doc->summary = cv_map_blocks(m, cv_map_field(m, cv, "summary", "cv"), "cv.summary");
	doc->email = cv_map_text_list(m, yn_get(cv, "email"), "cv.email");
	doc->phone = cv_map_text_list(m, yn_get(cv, "phone"), "cv.phone");
	doc->website = cv_map_text_list(m, yn_get(cv, "website"), "cv.website");
	get_social(m, yn_get(cv, "social_networks"));
	get_connections(m, yn_get(cv, "custom_connections"));
	get_sections(m, yn_get(cv, "sections"));
	cv_map_sort_entries(m, yn_get(cv, "sort_entries"), "cv.sort_entries"); /* RenderCV 2.2 and 2.3 */
	misplaced_sections(m, cv, "cv.");
	yn_report_unknown(cv, "cv", cv_keys, m->d, CV_WARNING);
}

/* ---- design and locale --------------------------------------------------------------------- */

static void get_number(cv_mctx *m, const ynode *n, const char *path, float *out, float lo, float hi)
{
	if (!n || yn_is_null(n))
		return;
	char *end = NULL;
	double v = n->kind == YN_SCALAR ? strtod(n->value, &end) : 0;
	if (n->kind != YN_SCALAR || end == n->value || *end) {
		cv_map_err(m, n, "wrong-type", "%s: expected a number, got %s", path,
			   yn_shown(m->a, n));
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

static void get_color(cv_mctx *m, const ynode *n, const char *path, unsigned *out)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_SCALAR || !parse_color(n->value, out))
		cv_map_err(m, n, "bad-color", "%s: expected a colour such as \"#004f90\", \"rgb(0, 79, 144)\" or \"navy\", got %s",
			   path, yn_shown(m->a, n));
}


static void get_align(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR && (!strcmp(n->value, "justified") || !strcmp(n->value, "justify")))
		m->doc->design.align = CV_ALIGN_JUSTIFY;
	else if (n->kind == YN_SCALAR && (!strcmp(n->value, "left") || !strcmp(n->value, "ragged")))
		m->doc->design.align = CV_ALIGN_LEFT;
	else
		cv_map_err(m, n, "bad-alignment", "%s: expected \"justified\" or \"left\", got %s", path,
			   yn_shown(m->a, n));
}

/* RenderCV settings cv2pdf has no counterpart for (icons, small caps, column templates, ...): each one
 * present gets one warning and is otherwise ignored, so a RenderCV file renders unchanged. */
static void not_implemented(cv_mctx *m, const ynode *map, const char *path, const char *const *keys)
{
	for (size_t k = 0; keys[k]; k++) {
		for (size_t i = 0; i < map->n; i++) {
			if (map->keys[i]->kind != YN_SCALAR || strcmp(map->keys[i]->value, keys[k]) != 0)
				continue;
			map->used[i] = true;
			cv_diag_add(m->d, CV_WARNING, "not-implemented", map->keys[i]->span,
				    "%s.%s: RenderCV setting not implemented by cv2pdf; ignored", path, keys[k]);
		}
	}
}

/* A length in em ("0.6em", "1.4em") or a bare number, as RenderCV's typography writes some sizes. */
static bool parse_em(const char *s, float *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !(v >= 0 && v < 100))
		return false;
	while (*end == ' ')
		end++;
	if (*end && strcmp(end, "em") != 0)
		return false;
	*out = (float)v;
	return true;
}

/* RenderCV's nested design blocks, read where cv2pdf has the matching setting. Each must be a map;
 * nested_map() says so when it is not, and false means there is nothing to read. */
static bool nested_map(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || yn_is_null(n))
		return false;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map, got %s", path, yn_kind_name(n));
		return false;
	}
	return true;
}

static const char *const page_keys[] = {
	"size", "top_margin", "bottom_margin", "left_margin", "right_margin", "show_page_numbering",
	"show_footer", "show_last_updated_date", NULL
};
static const char *const page_rendercv_only[] = {"show_top_note", NULL};

static void get_design_page(cv_mctx *m, const ynode *n)
{
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.page"))
		return;
	not_implemented(m, n, "design.page", page_rendercv_only);
	/* RenderCV's footer is "NAME -- PAGE_NUMBER/TOTAL_PAGES": cv2pdf's page numbers are the nearest. */
	ds->page_numbers = cv_map_bool(m, yn_get(n, "show_footer"), "design.page.show_footer", ds->page_numbers);
	cv_map_page_size(m, yn_get(n, "size"), "design.page.size");
	cv_map_length(m, yn_get(n, "top_margin"), "design.page.top_margin", &ds->margin_top, 0, 200);
	cv_map_length(m, yn_get(n, "bottom_margin"), "design.page.bottom_margin", &ds->margin_bottom, 0, 200);
	cv_map_length(m, yn_get(n, "left_margin"), "design.page.left_margin", &ds->margin_left, 0, 200);
	cv_map_length(m, yn_get(n, "right_margin"), "design.page.right_margin", &ds->margin_right, 0, 200);
	ds->page_numbers =
		cv_map_bool(m, yn_get(n, "show_page_numbering"), "design.page.show_page_numbering", ds->page_numbers);
	ds->last_updated = cv_map_bool(m, yn_get(n, "show_last_updated_date"), "design.page.show_last_updated_date",
				       ds->last_updated);
	yn_report_unknown(n, "design.page", page_keys, m->d, CV_WARNING);
}

static const char *const colors_keys[] = {"text", "body", "name", "section_titles", "links", "primary", NULL};
static const char *const colors_rendercv_only[] = {"headline", "connections", "footer", "top_note", NULL};

static void get_design_colors(cv_mctx *m, const ynode *n)
{
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.colors"))
		return;
	get_color(m, yn_get(n, "text"), "design.colors.text", &ds->color_text);
	get_color(m, yn_get(n, "body"), "design.colors.body", &ds->color_text);
	not_implemented(m, n, "design.colors", colors_rendercv_only);
	get_color(m, yn_get(n, "primary"), "design.colors.primary", &ds->color_primary);
	get_color(m, yn_get(n, "name"), "design.colors.name", &ds->color_name);
	get_color(m, yn_get(n, "section_titles"), "design.colors.section_titles", &ds->color_headings);
	get_color(m, yn_get(n, "links"), "design.colors.links", &ds->color_link);
	yn_report_unknown(n, "design.colors", colors_keys, m->d, CV_WARNING);
}

static const char *const text_keys[] = {"font_family", "font_size", "alignment", NULL};
static const char *const text_rendercv_only[] = {"leading", NULL};

static void get_design_text(cv_mctx *m, const ynode *n)
{
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.text"))
		return;
	not_implemented(m, n, "design.text", text_rendercv_only);
	cv_str family = cv_map_field(m, n, "font_family", "design.text");
	if (family.s)
		ds->font_family = family;
	cv_map_length(m, yn_get(n, "font_size"), "design.text.font_size", &ds->font_size, 6, 24);
	get_align(m, yn_get(n, "alignment"), "design.text.alignment");
	yn_report_unknown(n, "design.text", text_keys, m->d, CV_WARNING);
}

/* RenderCV 2's design.typography. Its line_spacing is Typst's leading, the gap between a line's
 * baseline and the next line's cap height: the baseline pitch is then about 0.7 em (Latin cap height)
 * plus the leading, which is what cv2pdf's line_spacing multiplies. */
static const char *const typography_keys[] = {"line_spacing", "alignment", "font_family", "font_size", NULL};
static const char *const typography_rendercv_only[] = {
	"date_and_location_column_alignment", "small_caps", "bold", NULL
};
static const char *const typography_family_keys[] = {"body", NULL};
static const char *const typography_family_rendercv_only[] = {
	"name", "headline", "connections", "section_titles", NULL
};
static const char *const typography_size_keys[] = {"body", "name", "section_titles", NULL};
static const char *const typography_size_rendercv_only[] = {"headline", "connections", NULL};

static void get_design_typography(cv_mctx *m, const ynode *n)
{
	cv_design *ds = &m->doc->design;
	if (!nested_map(m, n, "design.typography"))
		return;
	not_implemented(m, n, "design.typography", typography_rendercv_only);
	const ynode *ls = yn_get(n, "line_spacing");
	float lead;
	if (ls && !yn_is_null(ls)) {
		if (ls->kind == YN_SCALAR && parse_em(ls->value, &lead) && lead <= 2.3f)
			ds->line_spacing = 0.7f + lead;
		else
			cv_map_err(m, ls, "bad-length", "%s: expected a leading in em such as \"0.6em\" (0 to 2.3), got %s",
				   "design.typography.line_spacing", yn_shown(m->a, ls));
	}
	const ynode *al = yn_get(n, "alignment");
	if (al && al->kind == YN_SCALAR && !strcmp(al->value, "justified-with-no-hyphenation"))
		ds->align = CV_ALIGN_JUSTIFY;
	else
		get_align(m, al, "design.typography.alignment");
	const ynode *ff = yn_get(n, "font_family");
	if (ff && ff->kind == YN_MAP) {
		cv_str body = cv_map_field(m, ff, "body", "design.typography.font_family");
		if (body.s)
			ds->font_family = body;
		not_implemented(m, ff, "design.typography.font_family", typography_family_rendercv_only);
		yn_report_unknown(ff, "design.typography.font_family", typography_family_keys, m->d, CV_WARNING);
	} else {
		cv_str family = cv_map_text(m, ff, "design.typography.font_family");
		if (family.s)
			ds->font_family = family;
	}
	const ynode *fs = yn_get(n, "font_size");
	if (nested_map(m, fs, "design.typography.font_size")) {
		cv_map_length(m, yn_get(fs, "body"), "design.typography.font_size.body", &ds->font_size, 6, 24);
		cv_map_length(m, yn_get(fs, "name"), "design.typography.font_size.name", &ds->name_size, 8, 72);
		const ynode *st = yn_get(fs, "section_titles");
		float em;
		if (st && st->kind == YN_SCALAR && strstr(st->value, "em") && parse_em(st->value, &em) && em >= 0.5f &&
		    em <= 3)
			ds->heading_size = ds->font_size * em;
		else
			cv_map_length(m, st, "design.typography.font_size.section_titles", &ds->heading_size, 6, 36);
		not_implemented(m, fs, "design.typography.font_size", typography_size_rendercv_only);
		yn_report_unknown(fs, "design.typography.font_size", typography_size_keys, m->d, CV_WARNING);
	}
	yn_report_unknown(n, "design.typography", typography_keys, m->d, CV_WARNING);
}

cv_str cv_map_theme(cv_mctx *m, const ynode *n, const char *path, cv_severity unknown)
{
	static const char *const own[] = {"classic", "sidebar", "compact", NULL};
	static const struct {
		const char *rendercv, *ours;
	} mapped[] = {
		{"sb2nov", "classic"},        {"moderncv", "sidebar"}, {"engineeringresumes", "compact"},
		{"engineeringclassic", "compact"}, {"ember", "classic"}, {"harvard", "classic"},
		{"ink", "classic"},           {"opal", "classic"},
	};
	cv_str t = cv_map_text(m, n, path);
	if (!t.s)
		return t;
	for (size_t i = 0; own[i]; i++)
		if (!strcmp(t.s, own[i]))
			return t;
	for (size_t i = 0; i < sizeof mapped / sizeof mapped[0]; i++)
		if (!strcmp(t.s, mapped[i].rendercv)) {
			cv_diag_add(m->d, CV_NOTE, "theme-mapped", n->span, "%s: RenderCV's theme \"%s\" is drawn with cv2pdf's \"%s\"",
				    path, t.s, mapped[i].ours);
			t.s = mapped[i].ours;
			return t;
		}
	static const char *const all[] = {"classic", "sidebar", "compact", "sb2nov", "moderncv", "engineeringresumes",
					  "engineeringclassic", "ember", "harvard", "ink", "opal", NULL};
	const char *best = yn_suggest(t.s, all);
	if (unknown != CV_ERROR) {
		/* Another tool's theme (JSON Resume's meta.theme names an npm package): drawn with classic. */
		cv_diag_add(m->d, unknown, "theme-mapped", n->span,
			    "%s: \"%s\" is not a cv2pdf theme; drawn with \"classic\" (choose with --theme)", path, t.s);
		t.s = NULL;
		return t;
	}
	if (best)
		cv_map_err(m, n, "unknown-theme", "%s: unknown theme \"%s\"; did you mean \"%s\"?", path, t.s, best);
	else
		cv_map_err(m, n, "unknown-theme",
			   "%s: unknown theme \"%s\" (known: classic, sidebar, compact, and RenderCV's sb2nov, "
			   "moderncv, engineeringresumes, engineeringclassic, ember, harvard, ink, opal)",
			   path, t.s);
	t.s = NULL;
	return t;
}

/* RenderCV 2's design.templates: the single date's template becomes the date format; the others
 * (entry layouts, footer, top note, time spans) have no counterpart. */
static const char *const templates_keys[] = {"single_date", "date_range", NULL};
static const char *const templates_rendercv_only[] = {
	"footer", "top_note", "time_span", "one_line_entry", "education_entry", "normal_entry",
	"experience_entry", "publication_entry", NULL
};

static void get_design_templates(cv_mctx *m, const ynode *n)
{
	if (!nested_map(m, n, "design.templates"))
		return;
	not_implemented(m, n, "design.templates", templates_rendercv_only);
	const ynode *single = yn_get(n, "single_date");
	cv_str t = cv_map_text(m, single, "design.templates.single_date");
	/* RenderCV's default template is left to the language's own default ("2023年1月" in Chinese). */
	if (t.s && strcmp(t.s, "MONTH_ABBREVIATION YEAR") != 0) {
		const char *fmt = cv_rendercv_date_template(m->a, t.s);
		if (fmt)
			m->doc->locale.words.date = fmt;
		else
			cv_diag_add(m->d, CV_WARNING, "not-implemented", single->span,
				    "design.templates.single_date: YEAR_IN_TWO_DIGITS is not implemented by cv2pdf; ignored");
	}
	/* Ranges are always START – END with an en dash (TYPESETTING.md); other templates are ignored. */
	const ynode *range = yn_get(n, "date_range");
	cv_str r = cv_map_text(m, range, "design.templates.date_range");
	if (r.s && strcmp(r.s, "START_DATE – END_DATE") && strcmp(r.s, "START_DATE - END_DATE") &&
	    strcmp(r.s, "START_DATE -- END_DATE"))
		cv_diag_add(m->d, CV_WARNING, "not-implemented", range->span,
			    "design.templates.date_range: only START_DATE – END_DATE is implemented by cv2pdf; ignored");
	yn_report_unknown(n, "design.templates", templates_keys, m->d, CV_WARNING);
}

static void get_title_style(cv_mctx *m, const ynode *n, const char *path)
{
	static const struct {
		const char *name;
		cv_title_style style;
	} styles[] = {
		{"with_full_line", CV_TITLE_FULL_LINE}, {"with_partial_line", CV_TITLE_PARTIAL_LINE},
		{"without_line", CV_TITLE_NO_LINE},     {"moderncv", CV_TITLE_PARTIAL_LINE},
	};
	if (!n || yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR)
		for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
			if (!strcmp(n->value, styles[i].name)) {
				m->doc->design.title_style = styles[i].style;
				return;
			}
	cv_map_err(m, n, "bad-value", "%s: expected with_full_line, with_partial_line or without_line, got %s", path,
		   yn_shown(m->a, n));
}

/* RenderCV 2's design.section_titles: the rule's style and the titles' size. */
static const char *const section_titles_keys[] = {"type", "font_size", NULL};

static void get_design_section_titles(cv_mctx *m, const ynode *n)
{
	if (!nested_map(m, n, "design.section_titles"))
		return;
	get_title_style(m, yn_get(n, "type"), "design.section_titles.type");
	cv_map_length(m, yn_get(n, "font_size"), "design.section_titles.font_size", &m->doc->design.heading_size, 6, 36);
	yn_report_unknown(n, "design.section_titles", section_titles_keys, m->d, CV_WARNING);
}

/* A marker longer than this is a word, not a bullet; it would push the highlights' text aside. */
#define MAX_BULLET_CHARS 8

/* The highlight marker: one short piece of text, such as "•", "–", "▪" or "-". */
static void get_bullet(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || yn_is_null(n))
		return;
	size_t chars = 0;
	for (size_t i = 0; n->kind == YN_SCALAR && i < n->len; chars++)
		(void)cv_utf8_next(n->value, n->len, &i);
	if (n->kind != YN_SCALAR || !*n->value || chars > MAX_BULLET_CHARS) {
		cv_map_err(m, n, "bad-value", "%s: expected a short marker such as \"•\" or \"–\", got %s", path,
			   yn_shown(m->a, n));
		return;
	}
	m->doc->design.bullet = n->value;
}

static const char *const design_highlights_keys[] = {"bullet", NULL};

static void get_design_highlights(cv_mctx *m, const ynode *n)
{
	if (!nested_map(m, n, "design.highlights"))
		return;
	get_bullet(m, yn_get(n, "bullet"), "design.highlights.bullet");
	yn_report_unknown(n, "design.highlights", design_highlights_keys, m->d, CV_WARNING);
}

static const char *const design_keys[] = {
	"theme", "page_size", "margin", "top_margin", "bottom_margin", "left_margin", "right_margin", "font_size",
	"name_size", "heading_size", "line_spacing", "alignment", "color", "primary_color", "text_color", "link_color",
	"font_family", "cjk_font_family", "page_numbers", "page", "colors", "text", "typography", "templates",
	"section_titles", "section_title_style", "highlights", "bullet", "name_color", "heading_color", "last_updated",
	"sidebar_sections", "max_pages", "pdf_title", "fill_last_page", "hyphenate", NULL
};
/* RenderCV 2 blocks with no cv2pdf counterpart (one warning each). */
static const char *const design_rendercv_only[] = {"links", "header", "sections", "entries", NULL};

static void get_design(cv_mctx *m, const ynode *n)
{
	if (!n || yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map, got %s", "design", yn_kind_name(n));
		return;
	}
	cv_design *ds = &m->doc->design;
	ds->span = n->span;
	cv_str theme = cv_map_theme(m, yn_get(n, "theme"), "design.theme", CV_ERROR);
	if (theme.s)
		ds->theme = theme;
	cv_map_page_size(m, yn_get(n, "page_size"), "design.page_size");
	float margin = -1;
	cv_map_length(m, yn_get(n, "margin"), "design.margin", &margin, 0, 200);
	if (margin >= 0)
		ds->margin_top = ds->margin_bottom = ds->margin_left = ds->margin_right = margin;
	cv_map_length(m, yn_get(n, "top_margin"), "design.top_margin", &ds->margin_top, 0, 200);
	cv_map_length(m, yn_get(n, "bottom_margin"), "design.bottom_margin", &ds->margin_bottom, 0, 200);
	cv_map_length(m, yn_get(n, "left_margin"), "design.left_margin", &ds->margin_left, 0, 200);
	cv_map_length(m, yn_get(n, "right_margin"), "design.right_margin", &ds->margin_right, 0, 200);
	cv_map_length(m, yn_get(n, "font_size"), "design.font_size", &ds->font_size, 6, 24);
	cv_map_length(m, yn_get(n, "name_size"), "design.name_size", &ds->name_size, 8, 72);
	cv_map_length(m, yn_get(n, "heading_size"), "design.heading_size", &ds->heading_size, 6, 36);
	get_number(m, yn_get(n, "line_spacing"), "design.line_spacing", &ds->line_spacing, 0.9f, 3.0f);
	get_align(m, yn_get(n, "alignment"), "design.alignment");
	get_color(m, yn_get(n, "color"), "design.color", &ds->color_primary);
	get_color(m, yn_get(n, "primary_color"), "design.primary_color", &ds->color_primary);
	get_color(m, yn_get(n, "text_color"), "design.text_color", &ds->color_text);
	get_color(m, yn_get(n, "link_color"), "design.link_color", &ds->color_link);
	ds->font_family = cv_map_field(m, n, "font_family", "design");
	ds->cjk_font_family = cv_map_field(m, n, "cjk_font_family", "design");
	ds->page_numbers = cv_map_bool(m, yn_get(n, "page_numbers"), "design.page_numbers", ds->page_numbers);
	get_design_page(m, yn_get(n, "page"));
	get_design_colors(m, yn_get(n, "colors"));
	get_design_text(m, yn_get(n, "text"));
	get_design_typography(m, yn_get(n, "typography"));
	get_design_templates(m, yn_get(n, "templates"));
	get_design_section_titles(m, yn_get(n, "section_titles"));
	get_design_highlights(m, yn_get(n, "highlights"));
	get_title_style(m, yn_get(n, "section_title_style"), "design.section_title_style");
	get_bullet(m, yn_get(n, "bullet"), "design.bullet");
	get_color(m, yn_get(n, "name_color"), "design.name_color", &ds->color_name);
	get_color(m, yn_get(n, "heading_color"), "design.heading_color", &ds->color_headings);
	ds->last_updated = cv_map_bool(m, yn_get(n, "last_updated"), "design.last_updated", ds->last_updated);
	ds->fill_last_page = cv_map_bool(m, yn_get(n, "fill_last_page"), "design.fill_last_page", ds->fill_last_page);
	ds->hyphenate = cv_map_bool(m, yn_get(n, "hyphenate"), "design.hyphenate", ds->hyphenate);
	ds->sidebar_sections = cv_map_text_list(m, yn_get(n, "sidebar_sections"), "design.sidebar_sections");
	ds->pdf_title = cv_map_field(m, n, "pdf_title", "design");
	const ynode *mp = yn_get(n, "max_pages");
	float max_pages = (float)ds->max_pages;
	get_number(m, mp, "design.max_pages", &max_pages, 0, 100);
	if (max_pages != (float)(int)max_pages)
		cv_map_err(m, mp, "wrong-type", "%s: expected a whole number of pages, got \"%s\"", "design.max_pages",
			   mp->value);
	else
		ds->max_pages = (int)max_pages;
	not_implemented(m, n, "design", design_rendercv_only);
	/* RenderCV has many more design keys; an unknown one is a warning so RenderCV files still render. */
	yn_report_unknown(n, "design", design_keys, m->d, CV_WARNING);
	if (ds->margin_left + ds->margin_right > ds->page_width * 0.6f ||
	    ds->margin_top + ds->margin_bottom > ds->page_height * 0.6f) {
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "out-of-range", n->span, "design: the margins leave too little room for text");
	}
}

static const char *const top_keys[] = {"cv",       "design",           "locale", "locale_catalog",
				       "settings", "variants", "rendercv_settings", "letter", NULL};

/* Every key table of the native format and where it applies in the JSON Schema: a JSON pointer to
 * the object whose "properties" must be exactly the keys read plus those accepted with a warning.
 * tests/unit/test_formats.c checks each against schema/cv2pdf.schema.json, so a key added to one and
 * not the other fails a test. */
const cv_key_table cv_native_key_tables[] = {
	{"", top_keys, NULL},
	{"/properties/cv", cv_keys, NULL},
	{"/properties/cv/properties/social_networks/items", social_keys, NULL},
	{"/properties/cv/properties/custom_connections/items/oneOf/1", connection_keys, NULL},
	{"/$defs/entry", entry_keys, entry_overlay_keys},
	{"/$defs/highlight/anyOf/1", highlight_keys, NULL},
	{"/properties/design", design_keys, design_rendercv_only},
	{"/properties/design/properties/page", page_keys, page_rendercv_only},
	{"/properties/design/properties/colors", colors_keys, colors_rendercv_only},
	{"/properties/design/properties/text", text_keys, text_rendercv_only},
	{"/properties/design/properties/typography", typography_keys, typography_rendercv_only},
	{"/properties/design/properties/typography/properties/font_family/oneOf/1", typography_family_keys,
	 typography_family_rendercv_only},
	{"/properties/design/properties/typography/properties/font_size", typography_size_keys,
	 typography_size_rendercv_only},
	{"/properties/design/properties/templates", templates_keys, templates_rendercv_only},
	{"/properties/design/properties/section_titles", section_titles_keys, NULL},
	{"/properties/design/properties/highlights", design_highlights_keys, NULL},
	{"/properties/locale", cv_locale_keys, NULL},
	{"/properties/locale/properties/phrases", cv_locale_phrase_keys, NULL},
	{"/properties/settings", cv_settings_keys, NULL},
	{"/properties/rendercv_settings", cv_rendercv_settings_keys, NULL},
	{"/properties/variants/additionalProperties", cv_variant_keys, NULL},
	{"/properties/letter", cv_letter_keys, NULL},
	{NULL, NULL, NULL},
};

int cv_map_native(const ynode *root, cv_doc *doc, cv_diags *d)
{
	cv_mctx m = {doc, doc->arena, d, 0};
	if (root->kind != YN_MAP) {
		cv_map_err(&m, root, "wrong-type", "%s: expected a map with a \"cv\" key, got %s", "the document",
			   yn_kind_name(root));
		return CV_EINPUT;
	}
	const ynode *cv = yn_get(root, "cv");
	if (!cv || cv->kind != YN_MAP) {
		cv_span at = cv ? cv->span : root->span;
		cv_diag_add(d, CV_ERROR, "missing-field", at, "%s", cv ? "cv: expected a map" : "the document has no \"cv\" key");
		return CV_EINPUT;
	}
	get_cv(&m, cv);
	cv_rendercv_typst(&m); /* before bold_keywords, which reads cv2pdf's markup */
	/* A résumé without a name renders as a page with no heading, and no one notices until it is sent.
	 * Not when a name of the wrong type was reported already. */
	const ynode *name = yn_get(cv, "name");
	if (!doc->name.s && (!name || yn_is_null(name) || (name->kind == YN_SCALAR && !name->len)))
		cv_map_err(&m, name ? name : cv, "missing-field", "cv.name: a résumé needs a name%s",
			   name ? "" : " (add \"name: ...\" under cv)");
	get_design(&m, yn_get(root, "design"));
	cv_map_locale(&m, yn_get(root, "locale"), "locale");
	cv_map_locale(&m, yn_get(root, "locale_catalog"), "locale_catalog"); /* RenderCV 1 */
	cv_map_settings(&m, yn_get(root, "settings"), "settings");
	cv_map_settings(&m, yn_get(root, "rendercv_settings"), "rendercv_settings"); /* RenderCV 1.14 to 2.3 */
	(void)yn_get(root, "letter"); /* read for every dialect by load.c (src/load/letter.c) */
	(void)yn_get(root, "variants"); /* read by the command line (src/load/variants.c) */
	misplaced_sections(&m, root, "");
	yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	return m.errors ? CV_EINPUT : CV_OK;
}
