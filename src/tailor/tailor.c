/* Tailoring: chooses the language of every multilingual text and filters entries and highlights by
 * tag. A pure model-to-model step: it reads no files and knows nothing of layout.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/tailor.h"
#include "cv2pdf/util.h"

typedef struct tctx {
	const cv_tailor_opts *o;
	const char *lang;
} tctx;

/* "zh" matches "zh-CN" and the other way round: a résumé rarely distinguishes regions. */
static bool lang_matches(const char *want, const char *have)
{
	size_t a = strcspn(want, "-_"), b = strcspn(have, "-_");
	return a == b && strncasecmp(want, have, a) == 0;
}

static void pick(const tctx *t, cv_str *s)
{
	if (!s->n_alts)
		return;
	const cv_text_alt *best = NULL;
	for (size_t i = 0; i < s->n_alts && !best; i++)
		if (strcasecmp(s->alts[i].lang, t->lang) == 0)
			best = &s->alts[i];
	for (size_t i = 0; i < s->n_alts && !best; i++)
		if (lang_matches(t->lang, s->alts[i].lang))
			best = &s->alts[i];
	/* No text in the wanted language: English, then whatever came first, rather than a hole. */
	for (size_t i = 0; i < s->n_alts && !best; i++)
		if (lang_matches("en", s->alts[i].lang))
			best = &s->alts[i];
	if (!best)
		best = &s->alts[0];
	s->s = best->s;
	s->span = best->span;
}

static bool has_tag(const cv_strlist *tags, const char *const *list, size_t n)
{
	for (size_t i = 0; i < tags->n; i++)
		for (size_t j = 0; j < n; j++)
			if (tags->items[i].s && strcmp(tags->items[i].s, list[j]) == 0)
				return true;
	return false;
}

/* Untagged items are always kept; with --tags a tagged item needs one of them; an excluded tag drops. */
static bool keep(const tctx *t, const cv_strlist *tags)
{
	if (has_tag(tags, t->o->exclude_tags, t->o->n_exclude_tags))
		return false;
	if (t->o->tags && tags->n && !has_tag(tags, t->o->tags, t->o->n_tags))
		return false;
	return true;
}

static void pick_list(const tctx *t, cv_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		pick(t, &l->items[i]);
}

static void tailor_items(const tctx *t, cv_item *items, size_t *n)
{
	size_t out = 0;
	for (size_t i = 0; i < *n; i++) {
		cv_item *it = &items[i];
		if (!keep(t, &it->tags))
			continue;
		pick(t, &it->text);
		tailor_items(t, it->children, &it->n_children);
		items[out++] = *it;
	}
	*n = out;
}

static void tailor_entry(const tctx *t, cv_entry *e)
{
	cv_str *fields[] = {&e->text, &e->name, &e->company, &e->position, &e->institution, &e->area, &e->degree,
			    &e->title, &e->doi, &e->url, &e->journal, &e->label, &e->details, &e->date,
			    &e->location, &e->summary};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		pick(t, fields[i]);
	pick_list(t, &e->authors);
	tailor_items(t, e->highlights, &e->n_highlights);
}

static void tailor_section(const tctx *t, cv_section *s)
{
	size_t out = 0;
	for (size_t i = 0; i < s->n_entries; i++) {
		if (!keep(t, &s->entries[i].tags))
			continue;
		tailor_entry(t, &s->entries[i]);
		s->entries[out++] = s->entries[i];
	}
	s->n_entries = out;
	for (size_t i = 0; i < s->n_subsections; i++)
		tailor_section(t, &s->subsections[i]);
}

/* Warns about each tag of list that no entry or highlight of doc carries: a misspelt --tags keeps
 * nothing tagged, a misspelt --exclude-tags excludes nothing, and neither says so otherwise. */
static void check_tags(const cv_doc *doc, const char *const *list, size_t n, const char *const *from,
		       const cv_span *spans, const char *option, cv_diags *d)
{
	if (!n)
		return;
	size_t n_used;
	const cv_tag_use *used = cv_doc_tags(doc, &n_used);
	const char **names = cv_arena_calloc(doc->arena, n_used + 1, sizeof *names);
	char known[256] = "";
	for (size_t i = 0; i < n_used; i++) {
		names[i] = used[i].tag;
		size_t k = strlen(known);
		if (k + strlen(used[i].tag) + 8 < sizeof known)
			snprintf(known + k, sizeof known - k, "%s%s", i ? ", " : "", used[i].tag);
		else if (k + 4 < sizeof known && !strstr(known, "..."))
			strcat(known, ", ...");
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < n_used && strcmp(used[k].tag, list[i]) != 0)
			k++;
		if (k < n_used)
			continue;
		const char *best = cv_suggest(list[i], names, n_used);
		cv_span at = spans ? spans[i] : (cv_span){0};
		const char *label = from ? from[i] : option;
		if (!n_used)
			cv_diag_add(d, CV_WARNING, "unknown-tag", at, "%s: no entry or highlight has a tag, so \"%s\" %s", label,
				    list[i], option[2] == 't' ? "keeps every item" : "excludes nothing");
		else if (best)
			cv_diag_add(d, CV_WARNING, "unknown-tag", at,
				    "%s: no entry or highlight has the tag \"%s\"; did you mean \"%s\"? (tags in use: %s)", label,
				    list[i], best, known);
		else
			cv_diag_add(d, CV_WARNING, "unknown-tag", at,
				    "%s: no entry or highlight has the tag \"%s\" (tags in use: %s)", label, list[i], known);
	}
}

int cv_tailor(cv_doc *doc, const cv_tailor_opts *o, cv_diags *d)
{
	static const cv_tailor_opts none = {0};
	if (!o)
		o = &none;
	check_tags(doc, o->tags, o->n_tags, o->tag_from, o->tag_spans, "--tags", d);
	check_tags(doc, o->exclude_tags, o->n_exclude_tags, o->exclude_from, o->exclude_spans, "--exclude-tags", d);
	if (o->lang) /* copied: the model owns its strings, the caller's may not outlive it */
		doc->locale.language = cv_arena_strdup(doc->arena, o->lang);
	tctx t = {o, doc->locale.language ? doc->locale.language : "en"};
	cv_str *top[] = {&doc->name, &doc->headline, &doc->location, &doc->photo, &doc->summary};
	for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
		pick(&t, top[i]);
	pick_list(&t, &doc->email);
	pick_list(&t, &doc->phone);
	pick_list(&t, &doc->website);
	for (size_t i = 0; i < doc->n_connections; i++)
		pick(&t, &doc->connections[i].text);
	for (size_t i = 0; i < doc->n_sections; i++) {
		pick(&t, &doc->sections[i].title);
		tailor_section(&t, &doc->sections[i]);
		for (size_t j = 0; j < doc->sections[i].n_subsections; j++)
			pick(&t, &doc->sections[i].subsections[j].title);
	}
	return CV_OK;
}
