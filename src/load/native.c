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
	const char *text = cv_yn_colon_text(m->a, n); /* NULL for "compnay: X", a misspelt key */
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
		get_items(m, cv_yn_get(n, "highlights"), p, &it->children, &it->n_children);
		CV_PATHF(p, "%s.numbered", path);
		it->numbered = cv_map_bool(m, cv_yn_get(n, "numbered"), p, false);
		CV_PATHF(p, "%s.tags", path);
		it->tags = get_tags(m, cv_yn_get(n, "tags"), p);
		cv_yn_report_unknown(n, path, highlight_keys, m->d, CV_WARNING);
		const ynode *t = cv_yn_get(n, "text");
		if (!it->text.s && !it->n_children && (!t || cv_yn_is_null(t))) /* a text of the wrong type was reported */
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
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list of highlights, got %s", path, cv_yn_kind_name(n));
		return;
	}
	*out = cv_arena_calloc(m->a, n->n, sizeof **out);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s[%zu]", path, i);
		if (cv_yn_is_null(n->items[i])) { /* an empty "- " line: nothing to show, but maybe a slip */
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

/* Probes with cv_yn_has(), which does not mark keys used: a key of another kind of entry (a title on a
 * normal entry) is then reported instead of silently dropped. */
static cv_entry_kind entry_kind(const ynode *n)
{
	if (cv_yn_has(n, "page_break"))
		return CV_ENTRY_PAGEBREAK;
	if (cv_yn_has(n, "company") || cv_yn_has(n, "position"))
		return CV_ENTRY_EXPERIENCE;
	if (cv_yn_has(n, "institution"))
		return CV_ENTRY_EDUCATION;
	if (cv_yn_has(n, "authors") || cv_yn_has(n, "doi") || cv_yn_has(n, "journal") ||
	    (cv_yn_has(n, "title") && !cv_yn_has(n, "name")))
		return CV_ENTRY_PUBLICATION;
	/* RenderCV 1.0 to 1.3 wrote a one-line entry as name and details (label came in 1.4). */
	if (cv_yn_has(n, "name") && !cv_yn_has(n, "details"))
		return CV_ENTRY_NORMAL;
	if (cv_yn_has(n, "label") || cv_yn_has(n, "details"))
		return CV_ENTRY_ONELINE;
	if (cv_yn_has(n, "bullet"))
		return CV_ENTRY_BULLET;
	if (cv_yn_has(n, "number"))
		return CV_ENTRY_NUMBERED;
	if (cv_yn_has(n, "reversed_number"))
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
		cv_map_err(m, n, "wrong-type", "%s: expected an entry (text or a map), got %s", path, cv_yn_kind_name(n));
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
		cv_map_bool(m, cv_yn_get(n, "page_break"), p, true);
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
		e->authors = cv_map_text_list(m, cv_yn_get(n, "authors"), p);
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
	e->has_start = cv_map_date(m, cv_yn_get(n, "start_date"), p, &e->start_date);
	CV_PATHF(p, "%s.end_date", path);
	e->has_end = cv_map_date(m, cv_yn_get(n, "end_date"), p, &e->end_date);
	/* As RenderCV: a start without an end is ongoing. */
	if (e->has_start && !e->has_end && !e->date.s && !e->start_date.present) {
		e->has_end = true;
		e->end_date.present = true;
		e->end_date.span = e->start_date.span;
	}
	if (e->has_start && e->start_date.present) {
		cv_map_err(m, cv_yn_get(n, "start_date"), "bad-date", "%s.start_date: a range cannot start at \"present\"%s",
			   path, "");
		e->has_start = false;
	}
	if (e->has_start && e->has_end && cv_map_date_before(&e->end_date, &e->start_date)) {
		m->errors++;
		cv_diag_add(m->d, CV_ERROR, "date-order", e->end_date.span,
			    "%s.end_date: the end (%s) is before the start (%s)", path, cv_yn_get(n, "end_date")->value,
			    cv_yn_get(n, "start_date")->value);
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
	get_items(m, cv_yn_get(n, "highlights"), p, &e->highlights, &e->n_highlights);
	if (e->kind == CV_ENTRY_EDUCATION) /* RenderCV 2.3's grade: a first highlight, as JSON Resume's score */
		grade_item(m, cv_map_field(m, n, "grade", path), e);
	CV_PATHF(p, "%s.numbered", path);
	e->numbered = cv_map_bool(m, cv_yn_get(n, "numbered"), p, false);
	CV_PATHF(p, "%s.tags", path);
	e->tags = get_tags(m, cv_yn_get(n, "tags"), p);
	const ynode *remove = cv_yn_get(n, "remove");
	if (remove)
		cv_diag_add(m->d, CV_WARNING, "unknown-key", remove->span,
			    "%s.remove: only an overlay removes an entry (by its id); in the résumé itself it has no effect",
			    path);
	cv_yn_report_unknown(n, path, entry_keys, m->d, CV_WARNING);
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
	/* As RenderCV does: underscores become spaces, and each word in lower case alone is capitalised
	 * unless it is a small word ("welcome_to_RenderCV!" is "Welcome to RenderCV!"). */
	char *t = cv_arena_strdup(m->a, key);
	for (char *w = t; *w;) {
		char *end = w;
		while (*end && *end != '_' && *end != ' ')
			end++;
		size_t n = (size_t)(end - w);
		bool lower = false, upper = false;
		for (size_t i = 0; i < n; i++) {
			lower = lower || (w[i] >= 'a' && w[i] <= 'z');
			upper = upper || (w[i] >= 'A' && w[i] <= 'Z') || (unsigned char)w[i] >= 0x80;
		}
		bool keep = upper || !lower;
		for (size_t i = 0; small[i] && !keep; i++)
			keep = strlen(small[i]) == n && strncmp(w, small[i], n) == 0;
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
	if (cv_yn_is_null(val)) {
		cv_diag_add(m->d, CV_WARNING, "empty", key->span, "%s: the section has no entries; it is left out", path);
		return;
	}
	/* Entries written without their "- " make the section a map of entry keys, not of subsections. */
	for (size_t i = 0; val->kind == YN_MAP && i < val->n; i++) {
		const ynode *k = val->keys[i];
		if (k->kind == YN_SCALAR && val->items[i]->kind == YN_SCALAR && cv_yn_suggest(k->value, entry_keys) &&
		    !strcmp(cv_yn_suggest(k->value, entry_keys), k->value)) {
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
		if (cv_yn_is_null(val->items[i])) {
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
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map from section title to entries, got %s", "cv.sections",
			   cv_yn_kind_name(n));
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
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.social_networks", cv_yn_kind_name(n));
		return;
	}
	cv_doc *doc = m->doc;
	doc->social = cv_arena_calloc(m->a, n->n, sizeof *doc->social);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		const ynode *it = n->items[i];
		CV_PATHF(p, "cv.social_networks[%zu]", i);
		if (it->kind != YN_MAP) {
			cv_map_err(m, it, "wrong-type", "%s: expected a map with network and username, got %s", p, cv_yn_kind_name(it));
			continue;
		}
		cv_social *s = &doc->social[doc->n_social++];
		s->span = it->span;
		s->network = cv_map_field(m, it, "network", p);
		s->username = cv_map_field(m, it, "username", p);
		cv_map_require(m, it, &s->network, p, "network");
		cv_map_require(m, it, &s->username, p, "username");
		cv_yn_report_unknown(it, p, social_keys, m->d, CV_WARNING);
	}
}

static const char *const connection_keys[] = {"placeholder", "url", "fontawesome_icon", NULL};

static void get_connections(cv_mctx *m, const ynode *n)
{
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(m, n, "wrong-type", "%s: expected a list, got %s", "cv.custom_connections", cv_yn_kind_name(n));
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
			(void)cv_yn_get(it, "fontawesome_icon"); /* icons are not drawn; accepted for RenderCV files */
			cv_map_require(m, it, &c->text, p, "placeholder");
			cv_yn_report_unknown(it, p, connection_keys, m->d, CV_WARNING);
		} else {
			cv_map_err(m, it, "wrong-type", "%s: expected text or a map, got %s", p, cv_yn_kind_name(it));
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
			if (n->items[i]->kind == YN_MAP || (n->items[i]->kind == YN_SCALAR && !cv_yn_is_null(n->items[i])))
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
	doc->email = cv_map_text_list(m, cv_yn_get(cv, "email"), "cv.email");
	doc->phone = cv_map_text_list(m, cv_yn_get(cv, "phone"), "cv.phone");
	doc->website = cv_map_text_list(m, cv_yn_get(cv, "website"), "cv.website");
	get_social(m, cv_yn_get(cv, "social_networks"));
	get_connections(m, cv_yn_get(cv, "custom_connections"));
	get_sections(m, cv_yn_get(cv, "sections"));
	cv_map_sort_entries(m, cv_yn_get(cv, "sort_entries"), "cv.sort_entries"); /* RenderCV 2.2 and 2.3 */
	misplaced_sections(m, cv, "cv.");
	cv_yn_report_unknown(cv, "cv", cv_keys, m->d, CV_WARNING);
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
			   cv_yn_kind_name(root));
		return CV_EINPUT;
	}
	const ynode *cv = cv_yn_get(root, "cv");
	if (!cv || cv->kind != YN_MAP) {
		cv_span at = cv ? cv->span : root->span;
		cv_diag_add(d, CV_ERROR, "missing-field", at, "%s", cv ? "cv: expected a map" : "the document has no \"cv\" key");
		return CV_EINPUT;
	}
	get_cv(&m, cv);
	cv_rendercv_typst(&m); /* before bold_keywords, which reads cv2pdf's markup */
	/* A résumé without a name renders as a page with no heading, and no one notices until it is sent.
	 * Not when a name of the wrong type was reported already. */
	const ynode *name = cv_yn_get(cv, "name");
	if (!doc->name.s && (!name || cv_yn_is_null(name) || (name->kind == YN_SCALAR && !name->len)))
		cv_map_err(&m, name ? name : cv, "missing-field", "cv.name: a résumé needs a name%s",
			   name ? "" : " (add \"name: ...\" under cv)");
	(void)cv_yn_get(root, "design"); /* the same for every dialect: design.c, from load.c */
	cv_map_locale(&m, cv_yn_get(root, "locale"), "locale");
	cv_map_locale(&m, cv_yn_get(root, "locale_catalog"), "locale_catalog"); /* RenderCV 1 */
	cv_map_settings(&m, cv_yn_get(root, "settings"), "settings");
	cv_map_settings(&m, cv_yn_get(root, "rendercv_settings"), "rendercv_settings"); /* RenderCV 1.14 to 2.3 */
	(void)cv_yn_get(root, "letter"); /* read for every dialect by load.c (src/load/letter.c) */
	misplaced_sections(&m, root, "");
	cv_yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	return m.errors ? CV_EINPUT : CV_OK;
}
