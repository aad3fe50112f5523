/* Tailoring: chooses the language of every multilingual text and filters entries and highlights by
 * tag. A pure model-to-model step: it reads no files and knows nothing of layout.
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cv2pdf/tailor.h"

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

int cv_tailor(cv_doc *doc, const cv_tailor_opts *o, cv_diags *d)
{
	(void)d;
	static const cv_tailor_opts none = {0};
	if (!o)
		o = &none;
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
