/* The model's constructor with the default design, its destructor, and the text dump used as a test
 * oracle (--dump=model). Nothing here interprets markup or decides layout.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/model.h"
#include "cv2pdf/util.h"

cv_doc *cv_doc_new(void)
{
	cv_doc *doc = cv_xcalloc(1, sizeof *doc);
	doc->arena = cv_arena_new();
	cv_design *ds = &doc->design;
	/* A4 with 1.8 cm margins and 10 pt text: the density of a typical one- to two-page résumé. */
	ds->page_width = 595.28f;
	ds->page_height = 841.89f;
	ds->margin_top = ds->margin_bottom = 45;
	ds->margin_left = ds->margin_right = 51;
	ds->font_size = 10;
	ds->name_size = 24;
	ds->heading_size = 12;
	ds->line_spacing = 1.32f;
	ds->align = CV_ALIGN_JUSTIFY;
	ds->color_primary = 0x1F3A5F;
	ds->color_text = 0x1A1A1A;
	ds->color_link = 0x1F4E8C;
	ds->color_name = ds->color_headings = CV_COLOR_UNSET;
	ds->page_numbers = true;
	ds->fill_last_page = true;
	doc->locale.lang = cv_lang_english();
	doc->locale.tag = doc->locale.lang->tag;
	doc->locale.words = doc->locale.lang->words;
	return doc;
}

void cv_doc_free(cv_doc *doc)
{
	if (!doc)
		return;
	cv_arena_free(doc->arena);
	free(doc);
}

/* ---- Tags ---------------------------------------------------------------------------------- */

typedef struct tag_set {
	cv_tag_use *uses;
	size_t n, cap;
} tag_set;

static void count_tags(tag_set *t, const cv_strlist *tags)
{
	for (size_t i = 0; i < tags->n; i++) {
		const char *tag = tags->items[i].s;
		size_t k = 0;
		while (k < t->n && strcmp(t->uses[k].tag, tag) != 0)
			k++;
		if (k == t->n)
			*CV_PUSH(t->uses, t->n, t->cap) = (cv_tag_use){tag, 0};
		t->uses[k].count++;
	}
}

static void count_item_tags(tag_set *t, const cv_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		count_tags(t, &items[i].tags);
		count_item_tags(t, items[i].children, items[i].n_children);
	}
}

static void count_section_tags(tag_set *t, const cv_section *s)
{
	for (size_t i = 0; i < s->n_entries; i++) {
		count_tags(t, &s->entries[i].tags);
		count_item_tags(t, s->entries[i].highlights, s->entries[i].n_highlights);
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		count_section_tags(t, &s->subsections[i]);
}

cv_tag_use *cv_doc_tags(const cv_doc *doc, size_t *n)
{
	tag_set t = {0};
	for (size_t i = 0; i < doc->n_sections; i++)
		count_section_tags(&t, &doc->sections[i]);
	cv_tag_use *out = cv_arena_calloc(doc->arena, t.n ? t.n : 1, sizeof *out);
	if (t.n)
		memcpy(out, t.uses, t.n * sizeof *out);
	free(t.uses);
	*n = t.n;
	return out;
}

/* ---- Dump ---------------------------------------------------------------------------------- */

static void dump_str(FILE *out, int indent, const char *key, const cv_str *s)
{
	if (!s->s)
		return;
	fprintf(out, "%*s%s: \"%s\"", indent, "", key, s->s);
	if (s->span.line)
		fprintf(out, " @%d:%d", s->span.line, s->span.col);
	fputc('\n', out);
}

static void dump_list(FILE *out, int indent, const char *key, const cv_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		dump_str(out, indent, key, &l->items[i]);
}

/* One line per block: a paragraph's text, an item's marker ("-" or its number) after two spaces per
 * level below the first. */
static void dump_blocks(FILE *out, int indent, const char *key, const cv_blocks *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const cv_block *k = &b->items[i];
		fprintf(out, "%*s%s: %*s", indent, "", key, 2 * (k->level - (k->item ? 1 : 0)), "");
		if (k->item && k->numbered)
			fprintf(out, "%d. ", k->number);
		else if (k->item)
			fprintf(out, "- ");
		fprintf(out, "\"%s\"", k->text.s);
		if (k->text.span.line)
			fprintf(out, " @%d:%d", k->text.span.line, k->text.span.col);
		fputc('\n', out);
	}
}

static void dump_date(FILE *out, int indent, const char *key, const cv_date *d)
{
	if (d->text)
		fprintf(out, "%*s%s: \"%s\" (as written)\n", indent, "", key, d->text);
	else if (d->present)
		fprintf(out, "%*s%s: present\n", indent, "", key);
	else
		fprintf(out, "%*s%s: %04d-%02d-%02d\n", indent, "", key, d->year, d->month, d->day);
}

static void dump_items(FILE *out, int indent, const cv_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dump_str(out, indent, "-", &items[i].text);
		dump_list(out, indent + 2, "tag", &items[i].tags);
		dump_items(out, indent + 2, items[i].children, items[i].n_children);
	}
}

static const char *const kind_names[] = {"text", "education", "experience", "normal", "publication",
					 "oneline", "bullet", "numbered", "reversed_numbered", "page_break"};

static void dump_section(FILE *out, int indent, const cv_section *s)
{
	dump_str(out, indent, "section", &s->title);
	for (size_t i = 0; i < s->n_entries; i++) {
		const cv_entry *e = &s->entries[i];
		fprintf(out, "%*sentry %s @%d:%d\n", indent + 2, "", kind_names[e->kind], e->span.line, e->span.col);
		int in = indent + 4;
		dump_str(out, in, "id", &e->id);
		dump_str(out, in, "text", &e->text);
		dump_str(out, in, "name", &e->name);
		dump_str(out, in, "company", &e->company);
		dump_str(out, in, "position", &e->position);
		dump_str(out, in, "institution", &e->institution);
		dump_str(out, in, "area", &e->area);
		dump_str(out, in, "degree", &e->degree);
		dump_str(out, in, "title", &e->title);
		dump_list(out, in, "author", &e->authors);
		dump_str(out, in, "doi", &e->doi);
		dump_str(out, in, "url", &e->url);
		dump_str(out, in, "journal", &e->journal);
		dump_str(out, in, "label", &e->label);
		dump_str(out, in, "details", &e->details);
		dump_str(out, in, "date", &e->date);
		if (e->has_start)
			dump_date(out, in, "start_date", &e->start_date);
		if (e->has_end)
			dump_date(out, in, "end_date", &e->end_date);
		dump_str(out, in, "location", &e->location);
		dump_blocks(out, in, e->kind == CV_ENTRY_TEXT ? "text" : "summary", &e->summary);
		dump_list(out, in, "tag", &e->tags);
		if (e->numbered)
			fprintf(out, "%*snumbered\n", in, "");
		dump_items(out, in, e->highlights, e->n_highlights);
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		dump_section(out, indent + 2, &s->subsections[i]);
}

static void dump_letter(FILE *out, const cv_letter *l)
{
	if (!l->present)
		return;
	fprintf(out, "letter @%d:%d\n", l->span.line, l->span.col);
	dump_str(out, 2, "recipient", &l->recipient);
	dump_str(out, 2, "company", &l->company);
	dump_list(out, 2, "address", &l->address);
	dump_str(out, 2, "date", &l->date);
	if (l->date_value.year)
		dump_date(out, 2, "date", &l->date_value);
	dump_str(out, 2, "subject", &l->subject);
	dump_str(out, 2, "salutation", &l->salutation);
	dump_list(out, 2, "body", &l->body);
	dump_str(out, 2, "closing", &l->closing);
	dump_str(out, 2, "signature", &l->signature);
}

void cv_model_dump(const cv_doc *doc, FILE *out)
{
	dump_str(out, 0, "name", &doc->name);
	dump_str(out, 0, "headline", &doc->headline);
	dump_str(out, 0, "location", &doc->location);
	dump_list(out, 0, "email", &doc->email);
	dump_list(out, 0, "phone", &doc->phone);
	dump_list(out, 0, "website", &doc->website);
	for (size_t i = 0; i < doc->n_social; i++)
		fprintf(out, "social: %s %s%s%s\n", doc->social[i].network.s, doc->social[i].username.s,
			doc->social[i].url.s ? " " : "", doc->social[i].url.s ? doc->social[i].url.s : "");
	for (size_t i = 0; i < doc->n_connections; i++)
		dump_str(out, 0, "connection", &doc->connections[i].text);
	dump_blocks(out, 0, "summary", &doc->summary);
	fprintf(out, "language: %s (words: %s)\n", doc->locale.tag, doc->locale.lang->tag);
	for (size_t i = 0; i < doc->n_sections; i++)
		dump_section(out, 0, &doc->sections[i]);
	dump_letter(out, &doc->letter);
}
