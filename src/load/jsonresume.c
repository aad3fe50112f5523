/* Maps JSON Resume documents (basics, work, volunteer, education, awards, certificates, publications,
 * skills, languages, interests, references, projects, meta) onto the model, and holds the section
 * mappers YAMLResume shares, since its content is JSON Resume with a few keys renamed.
 * Section titles, labels and YAMLResume's option values come from the document's language (lang.h);
 * nothing here prints.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* ---- Small builders -------------------------------------------------------------------------- */

static cv_str str_at(const char *s, cv_span span)
{
	cv_str out = {0};
	out.s = s;
	out.span = span;
	return out;
}

/* The list separator of the document's language. */
static const char *sep(const cv_rctx *r)
{
	return r->lang->list_sep;
}

/* Joins the texts of l with s between them; NULL when l is empty. Arena-owned. */
static const char *join(cv_rctx *r, const cv_strlist *l, const char *s)
{
	if (!l->n)
		return NULL;
	size_t total = 1;
	for (size_t i = 0; i < l->n; i++)
		total += strlen(l->items[i].s) + strlen(s);
	char *out = cv_arena_alloc(r->m.a, total), *w = out;
	for (size_t i = 0; i < l->n; i++) {
		if (i) {
			strcpy(w, s);
			w += strlen(s);
		}
		strcpy(w, l->items[i].s);
		w += strlen(l->items[i].s);
	}
	return out;
}

/* A list of texts at map[key]: a list of strings (a single string is accepted as a list of one). */
static cv_strlist list_field(cv_rctx *r, const ynode *map, const char *key, const char *path)
{
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s.%s", path, key);
	return cv_map_text_list(&r->m, cv_yn_get(map, key), p);
}

/* "[text](url)" when there is a url, else text. */
static cv_str linked(cv_rctx *r, cv_str text, cv_str url)
{
	if (!text.s || !url.s)
		return text.s ? text : url;
	text.s = cv_arena_printf(r->m.a, "[%s](%s)", text.s, url.s);
	return text;
}

/* A growable list of highlights, copied into the arena when done. */
typedef struct itembuf {
	cv_item *items;
	size_t n, cap;
} itembuf;

static cv_item *push_item(itembuf *b, cv_str text)
{
	cv_item *it = CV_PUSH(b->items, b->n, b->cap);
	memset(it, 0, sizeof *it);
	it->text = text;
	it->span = text.span;
	return it;
}

static void take_items(cv_rctx *r, itembuf *b, cv_item **out, size_t *n)
{
	*n = b->n;
	*out = b->n ? cv_arena_calloc(r->m.a, b->n, sizeof **out) : NULL;
	if (b->n)
		memcpy(*out, b->items, b->n * sizeof **out);
	free(b->items);
	memset(b, 0, sizeof *b);
}

/* "**Courses:** A, B, C" as a highlight (cv_map_labelled). */
static void labelled_item(cv_rctx *r, itembuf *b, cv_word term, const cv_strlist *values)
{
	if (!values->n)
		return;
	push_item(b, str_at(cv_map_labelled(r->m.a, r->lang, term, join(r, values, sep(r))), values->items[0].span));
}

/* "main (aside)" with the document's parentheses. Arena-owned. */
static const char *aside(cv_rctx *r, const char *main, const char *extra)
{
	return cv_arena_printf(r->m.a, "%s%s%s%s", main, r->lang->paren_open, extra, r->lang->paren_close);
}

/* A YAMLResume option value (a degree, a fluency, a skill level) in the document's language; a value
 * that is none of them stays as written. */
static cv_str option(cv_rctx *r, cv_str v, cv_option o)
{
	const char *t = cv_lang_option(r->lang, o, v.s);
	if (t)
		v.s = t;
	return v;
}

/* ---- Dates ------------------------------------------------------------------------------------- */

/* The dates JSON Resume (ISO 8601, each part after the year optional) and YAMLResume (anything
 * JavaScript's Date.parse reads; in practice "2023-05", "May 2023", "Sep 1, 2016", "1 Sep 2016" or a
 * full ISO timestamp) write. */
static bool parse_loose_date(const char *s, cv_date *out)
{
	if (cv_map_parse_date(s, out))
		return true;
	size_t n = strlen(s);
	/* 2025-02-02T00:00:03.123Z: the date part. */
	const char *t = strchr(s, 'T');
	if (t && t - s == 10) {
		char day[11];
		memcpy(day, s, 10);
		day[10] = '\0';
		return cv_map_parse_date(day, out);
	}
	/* Words: a month name, an optional day, a year, in either order, with commas and dots. */
	int mo = 0, d = 0, y = 0, words = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '/'))
			i++;
		size_t j = i;
		if (i < n && isalpha((unsigned char)s[i])) {
			while (j < n && isalpha((unsigned char)s[j]))
				j++;
			int m = cv_lang_month(s + i, j - i);
			if (!m || mo)
				return false;
			mo = m;
		} else if (i < n && isdigit((unsigned char)s[i])) {
			while (j < n && isdigit((unsigned char)s[j]))
				j++;
			int v = atoi(s + i);
			if (j - i == 4 && !y)
				y = v;
			else if (j - i <= 2 && !d && v >= 1 && v <= 31)
				d = v;
			else
				return false;
		} else if (i < n) {
			return false;
		}
		if (j > i)
			words++;
		i = j;
	}
	if (!y || !mo || words > 3 || y < 1000)
		return false;
	char iso[40];
	if (d)
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, mo, d);
	else
		snprintf(iso, sizeof iso, "%04d-%02d", y, mo);
	return cv_map_parse_date(iso, out);
}

/* Absent, null or "" (JSON Resume files leave a current job's endDate as ""). */
static bool blank(const ynode *n)
{
	return !n || cv_yn_is_null(n) || (n->kind == YN_SCALAR && n->len == 0);
}

/* A date at map[key]. One cv2pdf cannot read ("Summer 2011", "Fall 2022": JSON Resume's themes and
 * YAMLResume print such dates as written) is shown as written, with a warning; a value that is no text
 * at all is an error. */
static bool loose_date(cv_rctx *r, const ynode *map, const char *key, const char *path, cv_date *out)
{
	const ynode *n = cv_yn_get(map, key);
	if (blank(n))
		return false;
	if (n->kind != YN_SCALAR) {
		cv_map_err(&r->m, n, "bad-date", "%s.%s: expected a date such as 2023, 2023-05, 2023-05-20 or \"May 2023\", got %s",
			   path, key, cv_yn_shown(r->m.a, n));
		return false;
	}
	if (!parse_loose_date(n->value, out) || out->present) {
		cv_diag_add(r->m.d, CV_WARNING, "date-as-written", n->span,
			    "%s.%s: \"%s\" is not a date cv2pdf can read (such as 2023, 2023-05 or \"May 2023\"); it is shown "
			    "as written",
			    path, key, n->value);
		memset(out, 0, sizeof *out);
		out->text = n->value;
	}
	out->span = n->span;
	return true;
}

/* A range: a start with no end is ongoing (JSON Resume and YAMLResume both leave endDate out, or
 * empty, for a current position). */
static void range(cv_rctx *r, const ynode *map, const char *path, cv_entry *e, const char *start_key,
		  const char *end_key)
{
	e->has_start = loose_date(r, map, start_key, path, &e->start_date);
	const ynode *end = cv_yn_get(map, end_key);
	if (!blank(end) && end->kind == YN_SCALAR && cv_map_parse_date(end->value, &e->end_date) &&
	    e->end_date.present) {
		e->end_date.span = end->span;
		e->has_end = true;
	} else {
		e->has_end = loose_date(r, map, end_key, path, &e->end_date);
	}
	if (e->has_start && !e->has_end && blank(end)) {
		e->has_end = true;
		e->end_date.present = true;
		e->end_date.span = e->start_date.span;
	}
	if (e->has_start && e->has_end && !e->start_date.text && !e->end_date.text &&
	    cv_map_date_before(&e->end_date, &e->start_date))
		cv_map_err(&r->m, end, "date-order", "%s.%s: the end (%s) is before the start (%s)", path, end_key,
			   end->value, cv_yn_get(map, start_key)->value);
}

/* One date (an award's, a certificate's, a publication's release). */
static void single(cv_rctx *r, const ynode *map, const char *path, cv_entry *e, const char *key)
{
	e->has_start = loose_date(r, map, key, path, &e->start_date);
}

/* ---- Basics ------------------------------------------------------------------------------------ */

static cv_strlist one(cv_rctx *r, cv_str s)
{
	cv_strlist l = {0};
	if (!s.s)
		return l;
	l.items = cv_arena_alloc(r->m.a, sizeof *l.items);
	l.items[0] = s;
	l.n = 1;
	return l;
}

/* address, city, region, postal code, country: one line, in the order the language writes them. */
static void get_location(cv_rctx *r, const ynode *n, const char *path)
{
	static const char *const keys[] = {"address", "city", "region", "postalCode", "countryCode", "country", NULL};
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind == YN_SCALAR) {
		r->m.doc->location = cv_map_text(&r->m, n, path);
		return;
	}
	if (n->kind != YN_MAP) {
		cv_map_err(&r->m, n, "wrong-type", "%s: expected a map (address, city, region, ...), got %s", path,
			   cv_yn_kind_name(n));
		return;
	}
	cv_str part[6];
	for (size_t i = 0; keys[i]; i++)
		part[i] = cv_map_field(&r->m, n, keys[i], path);
	/* One country, by its name in the document's language: the name given (YAMLResume's English
	 * names, or any other), else the ISO code's (JSON Resume). */
	const char *country = cv_lang_country(r->lang, part[5].s);
	if (!country && !part[5].s)
		country = cv_lang_country(r->lang, part[4].s);
	if (country)
		part[5].s = country;
	if (!part[5].s)
		part[5] = part[4];
	part[4].s = NULL;
	/* "1 Main St, Springfield, CA 90210, United States"; Chinese, Japanese, Korean and Hungarian
	 * from the country down, with spaces. */
	static const int little[] = {0, 1, 2, 3, 5}, big[] = {5, 2, 1, 0, 3};
	const int *order = r->lang->big_endian ? big : little;
	char buf[1024];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < 5; k++) {
		const cv_str *p = &part[order[k]];
		if (!p->s)
			continue;
		/* The postal code follows the region after a space, as addresses are written. */
		const char *gap = !len ? "" : r->lang->big_endian ? " " : order[k] == 3 && part[2].s ? " " : ", ";
		int w = snprintf(buf + len, sizeof buf - len, "%s%s", gap, p->s);
		if (w < 0 || (size_t)w >= sizeof buf - len)
			break;
		len += (size_t)w;
	}
	cv_yn_report_unknown(n, path, keys, r->m.d, CV_WARNING);
	if (len)
		r->m.doc->location = str_at(cv_arena_strdup(r->m.a, buf), n->span);
}

static void get_profiles(cv_rctx *r, const ynode *n, const char *path)
{
	static const char *const keys[] = {"network", "username", "url", NULL};
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_SEQ) {
		cv_map_err(&r->m, n, "wrong-type", "%s: expected a list of profiles, got %s", path, cv_yn_kind_name(n));
		return;
	}
	cv_doc *doc = r->m.doc;
	doc->social = cv_arena_calloc(r->m.a, n->n, sizeof *doc->social);
	doc->connections = cv_arena_calloc(r->m.a, n->n, sizeof *doc->connections);
	for (size_t i = 0; i < n->n; i++) {
		char p[CV_PATH_MAX];
		const ynode *it = n->items[i];
		CV_PATHF(p, "%s[%zu]", path, i);
		if (it->kind != YN_MAP) {
			cv_map_err(&r->m, it, "wrong-type", "%s: expected a map with network, username and url, got %s", p,
				   cv_yn_kind_name(it));
			continue;
		}
		cv_str network = cv_map_field(&r->m, it, "network", p);
		cv_str user = cv_map_field(&r->m, it, "username", p);
		cv_str url = cv_map_field(&r->m, it, "url", p);
		cv_yn_report_unknown(it, p, keys, r->m.d, CV_WARNING);
		if (network.s && user.s) {
			cv_social *s = &doc->social[doc->n_social++];
			s->network = network;
			s->username = user;
			s->url = url;
			s->span = it->span;
		} else if (url.s || user.s) {
			cv_connection *c = &doc->connections[doc->n_connections++];
			c->text = user.s ? user : url;
			if (!user.s && strstr(url.s, "://")) /* shown as the contact line shows websites */
				c->text.s = strstr(url.s, "://") + 3;
			if (network.s)
				c->text.s = cv_arena_printf(r->m.a, "%s: %s", network.s, c->text.s);
			c->url = url;
			c->span = it->span;
		} else {
			cv_map_err(&r->m, it, "missing-field", "%s: a profile needs \"username\" or \"url\"%s", p, "");
		}
	}
}

void cv_resume_basics(cv_rctx *r, const ynode *basics, const char *path, const ynode *location,
		      const char *location_path, const ynode *profiles, const char *profiles_path)
{
	/* JSON Resume 1.0 names, their 0.x predecessors (picture, website), and YAMLResume's headline. */
	static const char *const keys[] = {"name",    "label",   "headline", "image",    "picture", "email", "phone",
					   "url",     "website", "summary",  "location", "profiles", NULL};
	cv_doc *doc = r->m.doc;
	if (basics && !cv_yn_is_null(basics) && basics->kind != YN_MAP) {
		cv_map_err(&r->m, basics, "wrong-type", "%s: expected a map, got %s", path, cv_yn_kind_name(basics));
		basics = NULL;
	}
	if (basics && !cv_yn_is_null(basics)) {
		doc->name = cv_map_field(&r->m, basics, "name", path);
		doc->headline = cv_map_field(&r->m, basics, "label", path);
		cv_str headline = cv_map_field(&r->m, basics, "headline", path);
		if (headline.s)
			doc->headline = headline;
		doc->photo = cv_map_field(&r->m, basics, "image", path);
		cv_str picture = cv_map_field(&r->m, basics, "picture", path);
		if (picture.s)
			doc->photo = picture;
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s.email", path);
		doc->email = cv_map_text_list(&r->m, cv_yn_get(basics, "email"), p);
		CV_PATHF(p, "%s.phone", path);
		doc->phone = cv_map_text_list(&r->m, cv_yn_get(basics, "phone"), p);
		doc->website = one(r, cv_map_field(&r->m, basics, "url", path));
		if (!doc->website.n)
			doc->website = one(r, cv_map_field(&r->m, basics, "website", path));
		CV_PATHF(p, "%s.summary", path);
		doc->summary = cv_map_blocks(&r->m, cv_map_field(&r->m, basics, "summary", path), p);
		if (!location)
			location = cv_yn_get(basics, "location"), location_path = "basics.location";
		if (!profiles)
			profiles = cv_yn_get(basics, "profiles"), profiles_path = "basics.profiles";
		cv_yn_report_unknown(basics, path, keys, r->m.d, CV_WARNING);
	}
	get_location(r, location, location_path);
	get_profiles(r, profiles, profiles_path);
}

/* ---- Sections ---------------------------------------------------------------------------------- */

/* Entry mappers: fill e from the map n at path, with highlights collected in b. */
typedef void (*entry_fn)(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b);

/* The Markdown text at n[key] as blocks (paragraphs and lists, in order). */
static cv_blocks blocks_field(cv_rctx *r, const ynode *n, const char *key, const char *path)
{
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s.%s", path, key);
	return cv_map_blocks(&r->m, cv_map_field(&r->m, n, key, path), p);
}

static void summary_into(cv_rctx *r, const ynode *n, const char *path, cv_entry *e)
{
	e->summary = blocks_field(r, n, "summary", path);
}

/* A company's description ("Social media company"), in italics, leads the summary. */
static void lead_into(cv_rctx *r, cv_entry *e, cv_str lead)
{
	if (!lead.s)
		return;
	lead.s = cv_arena_printf(r->m.a, "*%s*", lead.s);
	e->summary = cv_blocks_join(r->m.a, cv_blocks_paragraph(r->m.a, lead), e->summary);
}

static void highlights_into(cv_rctx *r, const ynode *n, const char *path, itembuf *b)
{
	cv_strlist l = list_field(r, n, "highlights", path);
	for (size_t i = 0; i < l.n; i++)
		push_item(b, l.items[i]);
}

static void keywords_into(cv_rctx *r, const ynode *n, const char *path, itembuf *b)
{
	cv_strlist k = list_field(r, n, "keywords", path);
	if (k.n)
		labelled_item(r, b, CV_W_KEYWORDS, &k);
}

static void work(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	e->kind = CV_ENTRY_EXPERIENCE;
	cv_str name = cv_map_field(&r->m, n, "name", path);
	if (!name.s) /* JSON Resume 0.x */
		name = cv_map_field(&r->m, n, "company", path);
	cv_str url = cv_map_field(&r->m, n, "url", path);
	if (!url.s)
		url = cv_map_field(&r->m, n, "website", path);
	e->company = linked(r, name, url);
	e->position = cv_map_field(&r->m, n, "position", path);
	e->location = cv_map_field(&r->m, n, "location", path);
	range(r, n, path, e, "startDate", "endDate");
	/* The company's description ("Social media company") leads the summary, in italics. */
	cv_str desc = cv_map_field(&r->m, n, "description", path);
	summary_into(r, n, path, e);
	lead_into(r, e, desc);
	highlights_into(r, n, path, b);
	keywords_into(r, n, path, b);
	if (!e->company.s && !e->position.s)
		cv_map_err(&r->m, n, "missing-field", "%s: a work entry needs \"name\" or \"position\"%s", path, "");
}

static void volunteer(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	e->kind = CV_ENTRY_EXPERIENCE;
	e->company = linked(r, cv_map_field(&r->m, n, "organization", path), cv_map_field(&r->m, n, "url", path));
	e->position = cv_map_field(&r->m, n, "position", path);
	e->location = cv_map_field(&r->m, n, "location", path);
	range(r, n, path, e, "startDate", "endDate");
	summary_into(r, n, path, e);
	highlights_into(r, n, path, b);
	keywords_into(r, n, path, b);
	if (!e->company.s && !e->position.s)
		cv_map_err(&r->m, n, "missing-field", "%s: a volunteer entry needs \"organization\" or \"position\"%s", path,
			   "");
}

static void education(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	e->kind = CV_ENTRY_EDUCATION;
	e->institution = linked(r, cv_map_field(&r->m, n, "institution", path), cv_map_field(&r->m, n, "url", path));
	e->area = cv_map_field(&r->m, n, "area", path);
	e->degree = cv_map_field(&r->m, n, "studyType", path); /* JSON Resume */
	cv_str degree = cv_map_field(&r->m, n, "degree", path); /* YAMLResume */
	if (degree.s)
		e->degree = degree;
	e->degree = option(r, e->degree, CV_OPT_DEGREE);
	e->location = cv_map_field(&r->m, n, "location", path);
	range(r, n, path, e, "startDate", "endDate");
	summary_into(r, n, path, e);
	cv_str score = cv_map_field(&r->m, n, "score", path);
	if (!score.s) /* JSON Resume 0.x */
		score = cv_map_field(&r->m, n, "gpa", path);
	cv_strlist scores = one(r, score);
	labelled_item(r, b, CV_W_SCORE, &scores);
	cv_strlist courses = list_field(r, n, "courses", path);
	labelled_item(r, b, CV_W_COURSES, &courses);
	highlights_into(r, n, path, b);
	cv_map_require(&r->m, n, &e->institution, path, "institution");
}

/* Awards and certificates: a normal entry linked to its url, its giver on the right under the date. */
static void given(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, const char *name_key,
		  const char *giver_key)
{
	e->kind = CV_ENTRY_NORMAL;
	e->name = linked(r, cv_map_field(&r->m, n, name_key, path), cv_map_field(&r->m, n, "url", path));
	e->location = cv_map_field(&r->m, n, giver_key, path);
	single(r, n, path, e, "date");
	summary_into(r, n, path, e);
	cv_map_require(&r->m, n, &e->name, path, name_key);
}

static void award(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	given(r, n, path, e, "title", "awarder");
}

static void certificate(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	given(r, n, path, e, "name", "issuer");
}

static void publication(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	e->kind = CV_ENTRY_PUBLICATION;
	e->title = cv_map_field(&r->m, n, "name", path);
	e->journal = cv_map_field(&r->m, n, "publisher", path);
	e->url = cv_map_field(&r->m, n, "url", path);
	cv_str website = cv_map_field(&r->m, n, "website", path); /* JSON Resume 0.x */
	if (!e->url.s)
		e->url = website;
	single(r, n, path, e, "releaseDate");
	summary_into(r, n, path, e);
	cv_map_require(&r->m, n, &e->title, path, "name");
}

/* Skills, languages and interests: one line each. A skill's level belongs to the skill, not to its
 * last keyword: "**Frontend (Expert):** HTML, CSS, Jest"; without keywords the level is the line's
 * text ("**Frontend:** Expert"), as YAMLResume shows it. */
static void skill(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	e->kind = CV_ENTRY_ONELINE;
	e->label = cv_map_field(&r->m, n, "name", path);
	cv_str level = option(r, cv_map_field(&r->m, n, "level", path), CV_OPT_LEVEL);
	cv_strlist k = list_field(r, n, "keywords", path);
	const char *kw = join(r, &k, sep(r));
	e->details = level;
	if (kw) {
		e->details = str_at(kw, k.items[0].span);
		if (level.s && e->label.s)
			e->label.s = aside(r, e->label.s, level.s);
		else if (level.s) /* no name: the level leads the keywords */
			e->details.s = aside(r, level.s, kw);
	}
	cv_map_require(&r->m, n, &e->label, path, "name");
}

static void language(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	e->kind = CV_ENTRY_ONELINE;
	e->label = cv_map_field(&r->m, n, "language", path);
	const char *name = cv_lang_language_name(r->lang, e->label.s);
	if (name)
		e->label.s = name;
	e->details = option(r, cv_map_field(&r->m, n, "fluency", path), CV_OPT_FLUENCY);
	cv_strlist k = list_field(r, n, "keywords", path);
	const char *kw = join(r, &k, sep(r));
	if (kw)
		e->details = str_at(e->details.s ? aside(r, e->details.s, kw) : kw,
				    e->details.s ? e->details.span : k.items[0].span);
	cv_map_require(&r->m, n, &e->label, path, "language");
}

static void interest(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	(void)b;
	e->kind = CV_ENTRY_ONELINE;
	e->label = cv_map_field(&r->m, n, "name", path);
	cv_strlist k = list_field(r, n, "keywords", path);
	if (k.n)
		e->details = str_at(join(r, &k, sep(r)), k.items[0].span);
	cv_map_require(&r->m, n, &e->label, path, "name");
}

/* A reference: who (and how they know you) on the title line, their words below, then how to reach
 * them. JSON Resume calls the words "reference", YAMLResume "summary". */
static void reference(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	e->kind = CV_ENTRY_NORMAL;
	e->name = cv_map_field(&r->m, n, "name", path);
	e->location = cv_map_field(&r->m, n, "relationship", path);
	cv_blocks words = blocks_field(r, n, "reference", path);
	summary_into(r, n, path, e);
	if (words.n)
		e->summary = words;
	cv_str email = cv_map_field(&r->m, n, "email", path);
	cv_str phone = cv_map_field(&r->m, n, "phone", path);
	if (email.s)
		email.s = cv_arena_printf(r->m.a, "[%s](mailto:%s)", email.s, email.s);
	cv_strlist emails = one(r, email), phones = one(r, phone);
	labelled_item(r, b, CV_W_EMAIL, &emails);
	labelled_item(r, b, CV_W_PHONE, &phones);
	cv_map_require(&r->m, n, &e->name, path, "name");
}

static void project(cv_rctx *r, const ynode *n, const char *path, cv_entry *e, itembuf *b)
{
	e->kind = CV_ENTRY_NORMAL;
	cv_str url = cv_map_field(&r->m, n, "url", path);
	if (!url.s) /* JSON Resume 0.x, and the registry's files */
		url = cv_map_field(&r->m, n, "website", path);
	e->name = linked(r, cv_map_field(&r->m, n, "name", path), url);
	range(r, n, path, e, "startDate", "endDate");
	/* The entity and the type ("application", "talk") stand under the dates, as JSON Resume's themes
	 * show them beside the project rather than in its description. */
	cv_str entity = cv_map_field(&r->m, n, "entity", path);
	cv_str type = cv_map_field(&r->m, n, "type", path);
	e->location = entity.s ? entity : type;
	if (entity.s && type.s)
		e->location.s = cv_arena_printf(r->m.a, "%s%s%s", entity.s, sep(r), type.s);
	/* The description leads, then YAMLResume's summary. */
	summary_into(r, n, path, e);
	e->summary = cv_blocks_join(r->m.a, blocks_field(r, n, "description", path), e->summary);
	cv_strlist roles = list_field(r, n, "roles", path);
	labelled_item(r, b, CV_W_ROLES, &roles);
	highlights_into(r, n, path, b);
	keywords_into(r, n, path, b);
	cv_map_require(&r->m, n, &e->name, path, "name");
}

typedef struct section_kind {
	const char *key;
	entry_fn fn;
	const char *const *keys; /* the keys an entry of this section may have */
} section_kind;

static const char *const work_keys[] = {"name",    "company",  "position",   "url",     "website", "location",
					"description", "startDate", "endDate", "summary", "highlights", "keywords", NULL};
static const char *const volunteer_keys[] = {"organization", "position", "url",     "location", "startDate",
					     "endDate",      "summary",  "highlights", "keywords", NULL};
static const char *const education_keys[] = {"institution", "url",   "area",    "studyType", "degree",
					     "location",    "startDate", "endDate", "score", "gpa", "courses",
					     "summary",     "highlights", NULL};
static const char *const award_keys[] = {"title", "date", "awarder", "url", "summary", NULL};
static const char *const certificate_keys[] = {"name", "date", "url", "issuer", "summary", NULL};
static const char *const publication_keys[] = {"name", "publisher", "releaseDate", "url", "website", "summary", NULL};
static const char *const skill_keys[] = {"name", "level", "keywords", NULL};
static const char *const language_keys[] = {"language", "fluency", "keywords", NULL};
static const char *const interest_keys[] = {"name", "keywords", NULL};
static const char *const reference_keys[] = {"name", "reference", "summary", "relationship", "email", "phone", NULL};
static const char *const project_keys[] = {"name",  "description", "highlights", "keywords", "startDate",
					   "endDate", "url",       "website",    "roles",    "entity",   "type",
					   "summary", NULL};

static const section_kind kinds[] = {
	{"work", work, work_keys},
	{"volunteer", volunteer, volunteer_keys},
	{"education", education, education_keys},
	{"awards", award, award_keys},
	{"certificates", certificate, certificate_keys},
	{"publications", publication, publication_keys},
	{"skills", skill, skill_keys},
	{"languages", language, language_keys},
	{"interests", interest, interest_keys},
	{"references", reference, reference_keys},
	{"projects", project, project_keys},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

bool cv_resume_is_section(const char *key)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (!strcmp(kinds[i].key, key))
			return true;
	return false;
}

/* The keys of a section's entries that no mapper read (other tools' extensions: "pinned", a
 * publication's "author"): one warning per key name at its first place, counting the entries that
 * repeat it, rather than one per entry. Keys an assignment added are left to cv_yn_report_unknown. */
static void unknown_keys(cv_rctx *r, const ynode *list, const char *path, const char *const *known)
{
	for (size_t i = 0; i < list->n; i++) {
		const ynode *it = list->items[i];
		for (size_t j = 0; it->kind == YN_MAP && j < it->n; j++) {
			const ynode *key = it->keys[j];
			if (it->used[j] || key->kind != YN_SCALAR || key->assigned)
				continue;
			size_t more = 0;
			for (size_t i2 = i + 1; i2 < list->n; i2++) {
				const ynode *o = list->items[i2];
				for (size_t j2 = 0; o->kind == YN_MAP && j2 < o->n; j2++)
					if (!o->used[j2] && o->keys[j2]->kind == YN_SCALAR && !o->keys[j2]->assigned &&
					    !strcmp(o->keys[j2]->value, key->value)) {
						o->used[j2] = true;
						more++;
					}
			}
			it->used[j] = true;
			const char *best = cv_yn_suggest(key->value, known);
			const char *also = more ? cv_arena_printf(r->m.a, " (and in %zu more entries)", more) : "";
			if (best && !strcmp(best, key->value))
				cv_diag_add(r->m.d, CV_WARNING, "unknown-key", key->span, "key \"%s[%zu].%s\" has no effect here%s", path,
					    i, key->value, also);
			else if (best)
				cv_diag_add(r->m.d, CV_WARNING, "unknown-key", key->span,
					    "unknown key \"%s[%zu].%s\"; did you mean \"%s\"?%s", path, i, key->value, best, also);
			else
				cv_diag_add(r->m.d, CV_WARNING, "unknown-key", key->span, "unknown key \"%s[%zu].%s\"%s", path, i,
					    key->value, also);
		}
	}
}

void cv_resume_section(cv_rctx *r, const char *key, const ynode *keynode, const ynode *list, const char *path,
		       const char *title)
{
	const section_kind *k = NULL;
	size_t ki = 0;
	for (; ki < N_KINDS && !k; ki++)
		if (!strcmp(kinds[ki].key, key))
			k = &kinds[ki];
	if (!k || !list || cv_yn_is_null(list) || (r->done & 1u << (ki - 1)))
		return;
	r->done |= 1u << (ki - 1); /* so doc->sections, sized for one of each kind, never overflows */
	if (list->kind != YN_SEQ) {
		cv_map_err(&r->m, list, "wrong-type", "%s: expected a list, got %s", path, cv_yn_kind_name(list));
		return;
	}
	cv_doc *doc = r->m.doc;
	if (!doc->sections) /* every kind at most once, so this is enough */
		doc->sections = cv_arena_calloc(r->m.a, N_KINDS, sizeof *doc->sections);
	cv_section *s = &doc->sections[doc->n_sections++];
	/* kinds[] is in cv_section_id's order. */
	s->title = str_at(title ? title : r->lang->titles[ki - 1], keynode->span);
	s->span = keynode->span;
	s->entries = cv_arena_calloc(r->m.a, list->n, sizeof *s->entries);
	for (size_t i = 0; i < list->n; i++) {
		char p[CV_PATH_MAX];
		const ynode *it = list->items[i];
		CV_PATHF(p, "%s[%zu]", path, i);
		if (cv_yn_is_null(it))
			continue;
		if (it->kind != YN_MAP) {
			cv_map_err(&r->m, it, "wrong-type", "%s: expected a map, got %s", p, cv_yn_kind_name(it));
			continue;
		}
		cv_entry *e = &s->entries[s->n_entries++];
		e->span = it->span;
		itembuf b = {0};
		k->fn(r, it, p, e, &b);
		take_items(r, &b, &e->highlights, &e->n_highlights);
	}
	unknown_keys(r, list, path, k->keys);
	for (size_t i = 0; i < list->n; i++) {
		char p[CV_PATH_MAX];
		CV_PATHF(p, "%s[%zu]", path, i);
		cv_yn_report_unknown(list->items[i], p, k->keys, r->m.d, CV_WARNING); /* what --set added */
	}
}

/* ---- JSON Resume ------------------------------------------------------------------------------- */

/* meta.sections (a list of section keys, as jsonresume-theme-even reads it) into order[] (indices of
 * kinds[]); returns how many it named. A key that is no section is a warning. */
static size_t meta_order(cv_rctx *r, const ynode *list, size_t *order)
{
	const char *keys[N_KINDS + 1];
	for (size_t i = 0; i < N_KINDS; i++)
		keys[i] = kinds[i].key;
	keys[N_KINDS] = NULL;
	size_t n = 0;
	if (!list || cv_yn_is_null(list))
		return 0;
	if (list->kind != YN_SEQ) {
		cv_diag_add(r->m.d, CV_WARNING, "wrong-type", list->span,
			    "meta.sections: expected a list of section names, got %s; the standard order is used",
			    cv_yn_kind_name(list));
		return 0;
	}
	for (size_t i = 0; i < list->n; i++) {
		const ynode *it = list->items[i];
		size_t k = 0;
		while (k < N_KINDS && (it->kind != YN_SCALAR || strcmp(it->value, kinds[k].key)))
			k++;
		bool again = false;
		for (size_t j = 0; j < n; j++)
			again = again || order[j] == k;
		if (k == N_KINDS) {
			const char *best = it->kind == YN_SCALAR ? cv_yn_suggest(it->value, keys) : NULL;
			cv_diag_add(r->m.d, CV_WARNING, "unknown-section", it->span, "meta.sections[%zu]: unknown section %s%s%s%s",
				    i, cv_yn_shown(r->m.a, it), best ? "; did you mean \"" : "", best ? best : "", best ? "\"?" : "");
		} else if (!again) {
			order[n++] = k;
		}
	}
	return n;
}

int cv_map_jsonresume(const ynode *root, cv_doc *doc, cv_diags *d)
{
	static const char *const top_keys[] = {"$schema", "basics",       "work",         "volunteer", "education",
					       "awards",  "certificates", "publications", "skills",    "languages",
					       "interests", "references", "projects",     "meta",      NULL};
	cv_rctx r = {.m = {doc, doc->arena, d, 0}, .lang = doc->locale.lang};
	(void)cv_yn_get(root, "$schema");
	/* meta: the language was read before mapping (cv_load_language); theme, sections and their labels
	 * (jsonresume-theme-even's keys) are read here; canonical, version, lastModified and other tools'
	 * keys are the tools' own. */
	const ynode *meta = cv_yn_get(root, "meta");
	const ynode *labels = NULL, *sections = NULL;
	if (meta && meta->kind == YN_MAP) {
		labels = cv_yn_get(meta, "sectionLabels");
		sections = cv_yn_get(meta, "sections");
		(void)cv_yn_get(meta, "theme"); /* a theme preset, applied before mapping (cv_design_begin) */
		for (size_t i = 0; i < meta->n; i++)
			meta->used[i] = true;
	}
	cv_resume_basics(&r, cv_yn_get(root, "basics"), "basics", NULL, NULL, NULL, NULL);
	/* Sections in the order of JSON Resume's schema and its standard themes, whatever the order of
	 * the keys (a file saved with sorted keys starts with "awards"), or meta.sections' order first. */
	size_t order[N_KINDS], n = meta_order(&r, sections, order);
	for (size_t k = 0; k < N_KINDS; k++) {
		bool listed = false;
		for (size_t j = 0; j < n; j++)
			listed = listed || order[j] == k;
		if (!listed)
			order[n++] = k;
	}
	for (size_t j = 0; j < N_KINDS; j++) {
		const char *key = kinds[order[j]].key;
		for (size_t i = 0; i < root->n; i++) {
			if (root->keys[i]->kind != YN_SCALAR || strcmp(root->keys[i]->value, key))
				continue;
			root->used[i] = true;
			cv_str title = {0};
			if (labels && labels->kind == YN_MAP)
				title = cv_map_field(&r.m, labels, key, "meta.sectionLabels");
			cv_resume_section(&r, key, root->keys[i], root->items[i], key, title.s);
		}
	}
	cv_yn_report_unknown(root, "", top_keys, d, CV_WARNING);
	if (!doc->name.s && !doc->n_sections)
		cv_map_err(&r.m, root, "missing-field", "%s: a résumé needs at least basics.name or a section%s", "the document",
			   "");
	return r.m.errors ? CV_EINPUT : CV_OK;
}
