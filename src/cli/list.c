/* --list: what a résumé defines, for a person choosing --tags, --variant or a --set path, and for
 * scripts (--json): the sections and the ids of their entries, the tags in use and the variants.
 * It reads the loaded model only and changes nothing.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "cli.h"

static size_t count_entries(const cv_section *s)
{
	size_t n = s->n_entries;
	for (size_t i = 0; i < s->n_subsections; i++)
		n += count_entries(&s->subsections[i]);
	return n;
}

/* The ids of s's entries (subsections included), as ", a, b" (text) or ",\"a\",\"b\"" (JSON). */
static void print_ids(FILE *out, const cv_section *s, bool json, bool *first)
{
	for (size_t i = 0; i < s->n_entries; i++) {
		const char *id = s->entries[i].id.s;
		if (!id)
			continue;
		fputs(*first ? "" : json ? "," : ", ", out);
		if (json)
			cv_cli_json_string(out, id);
		else
			fputs(id, out);
		*first = false;
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		print_ids(out, &s->subsections[i], json, first);
}

static bool has_ids(const cv_section *s)
{
	for (size_t i = 0; i < s->n_entries; i++)
		if (s->entries[i].id.s)
			return true;
	for (size_t i = 0; i < s->n_subsections; i++)
		if (has_ids(&s->subsections[i]))
			return true;
	return false;
}

static void list_text(FILE *out, const cv_doc *doc, const cv_tag_use *tags, size_t n_tags, const cv_variant *vars,
		      size_t n_vars)
{
	fputs("sections:\n", out);
	for (size_t i = 0; i < doc->n_sections; i++) {
		const cv_section *s = &doc->sections[i];
		size_t n = count_entries(s);
		fprintf(out, "  %s: %zu entr%s", s->title.s, n, n == 1 ? "y" : "ies");
		for (size_t k = 0; k < s->n_subsections; k++)
			fprintf(out, "%s %s", k ? "," : " in", s->subsections[k].title.s);
		if (has_ids(s)) {
			bool first = true;
			fputs("; ids: ", out);
			print_ids(out, s, false, &first);
		}
		fputc('\n', out);
	}
	fputs("tags:", out);
	for (size_t i = 0; i < n_tags; i++)
		fprintf(out, "%s %s (%zu)", i ? "," : "", tags[i].tag, tags[i].count);
	fputs(n_tags ? "\n" : " none\n", out);
	fputs("variants:", out);
	for (size_t i = 0; i < n_vars; i++)
		fprintf(out, "%s %s", i ? "," : "", vars[i].name);
	fputs(n_vars ? "\n" : " none\n", out);
}

static void list_json(FILE *out, const cv_doc *doc, const cv_tag_use *tags, size_t n_tags, const cv_variant *vars,
		      size_t n_vars)
{
	fputs("{\"sections\":[", out);
	for (size_t i = 0; i < doc->n_sections; i++) {
		const cv_section *s = &doc->sections[i];
		fputs(i ? ",{\"title\":" : "{\"title\":", out);
		cv_cli_json_string(out, s->title.s);
		fprintf(out, ",\"entries\":%zu,\"subsections\":[", count_entries(s));
		for (size_t k = 0; k < s->n_subsections; k++) {
			fputs(k ? "," : "", out);
			cv_cli_json_string(out, s->subsections[k].title.s);
		}
		fputs("],\"ids\":[", out);
		bool first = true;
		print_ids(out, s, true, &first);
		fputs("]}", out);
	}
	fputs("],\"tags\":{", out);
	for (size_t i = 0; i < n_tags; i++) {
		fputs(i ? "," : "", out);
		cv_cli_json_string(out, tags[i].tag);
		fprintf(out, ":%zu", tags[i].count);
	}
	fputs("},\"variants\":[", out);
	for (size_t i = 0; i < n_vars; i++) {
		fputs(i ? "," : "", out);
		cv_cli_json_string(out, vars[i].name);
	}
	fputs("]}\n", out);
}

void cv_cli_list(const cv_cli *o, const cv_doc *doc, const cv_variant *vars, size_t n_vars)
{
	size_t n_tags;
	const cv_tag_use *tags = cv_doc_tags(doc, &n_tags);
	if (o->json)
		list_json(stdout, doc, tags, n_tags, vars, n_vars);
	else
		list_text(stdout, doc, tags, n_tags, vars, n_vars);
}
