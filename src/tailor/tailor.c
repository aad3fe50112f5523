/* Tailoring: filters entries and highlights by tag, and sets the page limit asked for. A pure
 * model-to-model step: it reads no files and knows nothing of layout. (The language is chosen by the loader, which resolves every multilingual
 * text as it reads it: see src/load/language.c.)
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/tailor.h"
#include "cv2pdf/util.h"

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
	tctx t = {o};
	for (size_t i = 0; i < doc->n_sections; i++)
		tailor_section(&t, &doc->sections[i]);
	if (o->max_pages > 0)
		doc->design.max_pages = o->max_pages;
	return CV_OK;
}
