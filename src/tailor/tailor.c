/* Tailoring: filters entries and highlights by tag. A pure model-to-model step: it reads no files and
 * knows nothing of layout. (The language is chosen by the loader, which resolves every multilingual
 * text as it reads it: see src/load/language.c.)
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cv2pdf/tailor.h"

typedef struct tctx {
	const cv_tailor_opts *o;
} tctx;

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

static void tailor_items(const tctx *t, cv_item *items, size_t *n)
{
	size_t out = 0;
	for (size_t i = 0; i < *n; i++) {
		cv_item *it = &items[i];
		if (!keep(t, &it->tags))
			continue;
		tailor_items(t, it->children, &it->n_children);
		items[out++] = *it;
	}
	*n = out;
}

static void tailor_section(const tctx *t, cv_section *s)
{
	size_t out = 0;
	for (size_t i = 0; i < s->n_entries; i++) {
		if (!keep(t, &s->entries[i].tags))
			continue;
		tailor_items(t, s->entries[i].highlights, &s->entries[i].n_highlights);
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
	tctx t = {o ? o : &none};
	for (size_t i = 0; i < doc->n_sections; i++)
		tailor_section(&t, &doc->sections[i]);
	return CV_OK;
}
