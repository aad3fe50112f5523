/* The top-level `variants` map: a name for each tailored version of the résumé and its settings
 * (tags, exclude_tags, lang, theme, output, outputs, set, letter). Read from the YAML tree; the command line applies
 * them. It renders nothing and never prints.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

const char *const cv_variant_keys[] = {"tags", "exclude_tags", "lang", "theme", "output", "outputs", "set", "letter", NULL};

/* A name becomes part of a file name ({variant} in -o), so it is kept to letters, digits, '.', '-'
 * and '_', and may not start with a dot. */
static bool good_name(const char *s)
{
	if (!*s || *s == '.')
		return false;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *s))
			return false;
	return true;
}

__attribute__((format(printf, 3, 4))) static bool vfail(cv_diags *d, const ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vadd(d, CV_ERROR, "bad-variant", at->span, fmt, ap);
	va_end(ap);
	return false;
}

static const char *scalar(cv_arena *a, cv_diags *d, const ynode *n, const char *name, const char *key, bool *ok)
{
	if (!n || cv_yn_is_null(n))
		return NULL;
	if (n->kind != YN_SCALAR) {
		char p[256];
		snprintf(p, sizeof p, "variants.%s.%s", name, key);
		*ok = vfail(d, n, "%s: expected text, got %s", p, cv_yn_kind_name(n));
		return NULL;
	}
	return cv_arena_strdup(a, n->value);
}

/* Tags (or outputs) as a list or as comma-separated text; *spans receives where each was written
 * (the whole text for a comma-separated one). */
static const char *const *tag_list(cv_arena *a, cv_diags *d, const ynode *n, const char *name, const char *key,
				   size_t *count, const cv_span **spans, bool *ok)
{
	*count = 0;
	*spans = NULL;
	if (!n)
		return NULL;
	char p[256];
	snprintf(p, sizeof p, "variants.%s.%s", name, key);
	if (cv_yn_is_null(n))
		return cv_arena_calloc(a, 1, sizeof(char *));
	if (n->kind == YN_SCALAR) {
		char *copy = cv_arena_strdup(a, n->value);
		size_t cap = strlen(copy) / 2 + 1;
		const char **out = cv_arena_calloc(a, cap, sizeof *out);
		cv_span *at = cv_arena_calloc(a, cap, sizeof *at);
		for (char *save = NULL, *t = cv_next_item(copy, &save); t; t = cv_next_item(NULL, &save))
			if (*t) {
				at[*count] = n->span;
				out[(*count)++] = t;
			}
		*spans = at;
		return out;
	}
	if (n->kind != YN_SEQ) {
		*ok = vfail(d, n, "%s: expected a list of tags, got %s", p, cv_yn_kind_name(n));
		return NULL;
	}
	const char **out = cv_arena_calloc(a, n->n + 1, sizeof *out);
	cv_span *at = cv_arena_calloc(a, n->n + 1, sizeof *at);
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->kind != YN_SCALAR || cv_yn_is_null(n->items[i])) {
			*ok = vfail(d, n->items[i], "%s: expected a tag, got %s", p, cv_yn_kind_name(n->items[i]));
			continue;
		}
		at[*count] = n->items[i]->span;
		out[(*count)++] = n->items[i]->value;
	}
	*spans = at;
	return out;
}

/* One variant, key: v, into x; false when its name is refused. Marks the keys of v it understood. */
static bool read_one(cv_arena *a, cv_diags *d, const ynode *k, const ynode *v, cv_variant *x, bool *okp)
{
	bool ok = true;
	if (!good_name(k->value)) {
		*okp = vfail(d, k, "variants: the name \"%s\" may hold only letters, digits, '.', '-' and '_'", k->value);
		return false;
	}
	x->name = k->value;
	x->span = k->span;
	if (cv_yn_is_null(v))
		return true;
	if (v->kind != YN_MAP) {
		*okp = vfail(d, v, "variants.%s: expected a map of settings, got %s", k->value, cv_yn_kind_name(v));
		return true;
	}
	x->tags = tag_list(a, d, cv_yn_get(v, "tags"), k->value, "tags", &x->n_tags, &x->tag_spans, &ok);
	x->exclude_tags = tag_list(a, d, cv_yn_get(v, "exclude_tags"), k->value, "exclude_tags", &x->n_exclude_tags,
				   &x->exclude_tag_spans, &ok);
	x->lang = scalar(a, d, cv_yn_get(v, "lang"), k->value, "lang", &ok);
	x->theme = scalar(a, d, cv_yn_get(v, "theme"), k->value, "theme", &ok);
	x->output = scalar(a, d, cv_yn_get(v, "output"), k->value, "output", &ok);
	if (x->output)
		x->output_span = cv_yn_get(v, "output")->span;
	if (x->output && !*x->output)
		ok = vfail(d, cv_yn_get(v, "output"), "variants.%s.output: expected a file name, got %s", k->value,
			   "empty text");
	x->outputs = tag_list(a, d, cv_yn_get(v, "outputs"), k->value, "outputs", &x->n_outputs, &x->outputs_spans, &ok);
	if (x->outputs && !x->n_outputs)
		ok = vfail(d, cv_yn_get(v, "outputs"), "variants.%s.outputs: expected what to write (pdf, txt, md, html, "
			   "letter, ...), got %s", k->value, "nothing");
	const ynode *letter = cv_yn_get(v, "letter");
	if (letter && !cv_yn_is_null(letter) && letter->kind != YN_MAP)
		ok = vfail(d, letter, "variants.%s.letter: expected a map (recipient, company, body, ...), got %s", k->value,
			   cv_yn_kind_name(letter));
	const ynode *set = cv_yn_get(v, "set");
	if (set && !cv_yn_is_null(set) && set->kind != YN_MAP && set->kind != YN_SEQ)
		ok = vfail(d, set, "variants.%s.set: expected a map from setting path to value, got %s", k->value,
			   cv_yn_kind_name(set));
	for (size_t j = 0; set && set->kind == YN_SEQ && j < set->n; j++) {
		const ynode *item = set->items[j];
		const char *eq = item->kind == YN_SCALAR ? strchr(item->value, '=') : NULL;
		if (!eq || eq == item->value) {
			char p[256];
			snprintf(p, sizeof p, "variants.%s.set[%zu]", k->value, j);
			ok = vfail(d, item, "%s: expected PATH=VALUE, such as design.font_size=10pt, got %s", p,
				   cv_yn_shown(a, item));
		}
	}
	char p[256];
	snprintf(p, sizeof p, "variants.%s", k->value);
	cv_yn_report_unknown(v, p, cv_variant_keys, d, CV_WARNING);
	if (!ok)
		*okp = false;
	return true;
}

bool cv_variants_read(const ynode *root, cv_arena *a, cv_diags *d, const cv_variant **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const ynode *vs = cv_yn_get(root, "variants");
	if (!vs || cv_yn_is_null(vs))
		return true;
	if (vs->kind != YN_MAP)
		return vfail(d, vs, "variants: expected a map from variant name to its settings, got %s", cv_yn_kind_name(vs));
	if (vs->n > CV_MAX_VARIANTS) {
		cv_diag_add(d, CV_ERROR, "too-many-variants", vs->keys[CV_MAX_VARIANTS]->span,
			    "variants: more than %u variants; refusing the document", CV_MAX_VARIANTS);
		return false;
	}
	cv_variant *list = cv_arena_calloc(a, vs->n, sizeof *list);
	bool ok = true;
	for (size_t i = 0; i < vs->n; i++) {
		vs->used[i] = true;
		if (read_one(a, d, vs->keys[i], vs->items[i], &list[*n], &ok))
			(*n)++;
	}
	*out = list;
	return ok;
}

bool cv_variant_check(const ynode *root, const char *name, cv_arena *a, cv_diags *d)
{
	long r = cv_yn_find(root, "variants");
	const ynode *vs = r >= 0 ? root->items[r] : NULL;
	long i = vs && vs->kind == YN_MAP ? cv_yn_find(vs, name) : -1;
	if (i < 0)
		return true;
	bool ok = true;
	cv_variant x = {0};
	read_one(a, d, vs->keys[i], cv_tree_copy(vs->items[i], NULL, a), &x, &ok);
	return ok;
}

const ynode *cv_variant_node(const ynode *root, const char *name)
{
	long r = cv_yn_find(root, "variants");
	const ynode *vs = r >= 0 ? root->items[r] : NULL;
	long i = vs && vs->kind == YN_MAP ? cv_yn_find(vs, name) : -1;
	if (i < 0)
		return NULL;
	/* A variant without settings ("name:" alone) is an empty map for the caller's purposes. */
	static const ynode empty = {.kind = YN_MAP};
	return vs->items[i]->kind == YN_MAP ? vs->items[i] : &empty;
}
