/* The loader's entry points: read a file whole, check it is text, parse it into the YAML tree and hand
 * the tree to the mapper of its dialect. Nothing downstream learns which dialect it was.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/load.h"
#include "cv2pdf/util.h"
#include "load_internal.h"

int cv_read_file(const char *path, char **text, size_t *len, cv_diags *d)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	cv_span at = {shown, 0, 0, 0, 0};
	if (!f) {
		cv_diag_add(d, CV_ERROR, "io", at, "cannot open: %s", strerror(errno));
		return CV_EIO;
	}
	size_t cap = 16384, n = 0;
	char *buf = cv_xmalloc(cap + 1);
	int rc = CV_OK;
	for (;;) {
		if (n == cap) {
			if (cap >= CV_MAX_INPUT_BYTES) {
				cv_diag_add(d, CV_ERROR, "too-large", at, "the input is larger than %u MiB; refusing to read it",
					    CV_MAX_INPUT_BYTES >> 20);
				rc = CV_ELIMIT;
				break;
			}
			cap *= 2;
			buf = cv_xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				cv_diag_add(d, CV_ERROR, "io", at, "cannot read: %s", strerror(errno));
				rc = CV_EIO;
			}
			break;
		}
	}
	if (!is_stdin)
		fclose(f);
	if (rc != CV_OK) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return CV_OK;
}

/* Finds the first invalid UTF-8 byte so the error points at it rather than at the whole file. */
static bool check_text(const char *name, const char *text, size_t len, cv_diags *d)
{
	int line = 1, col = 1;
	size_t i = 0;
	while (i < len) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(text, len, &i);
		bool bad = (cp == 0xFFFD && i - at != 3) || cp == 0;
		if (bad) {
			cv_span s = {name, line, col, line, col};
			if (cp == 0)
				cv_diag_add(d, CV_ERROR, "binary", s, "the file contains a NUL byte: it is not a text file");
			else
				cv_diag_add(d, CV_ERROR, "bad-utf8", s, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
					    (unsigned char)text[at]);
			return false;
		}
		if (cp == '\n')
			line++, col = 1;
		else
			col++;
	}
	return true;
}

/* Registers and checks one file's text and parses it into arena; NULL after an error in d. */
static ynode *parse_source(const cv_source *src, cv_arena *arena, cv_diags *d)
{
	const char *file = cv_diags_add_source(d, src->name, src->text, src->len);
	size_t skip = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM from Windows editors */
	if (!check_text(file, src->text + skip, src->len - skip, d))
		return NULL;
	return cv_yaml_parse(file, src->text, src->len, arena, d);
}

/* One --set argument, "PATH=VALUE". The value is parsed as YAML from a copy of the argument whose
 * path is blanked out, so the value's columns are its columns in the argument, which is registered
 * as a source named "--set" for diagnostics to quote. */
static ynode *apply_cli_set(ynode *root, const char *arg, cv_arena *arena, cv_diags *d, const char **path_out,
			    cv_span *span_out)
{
	const char *file = cv_diags_add_source(d, "--set", arg, strlen(arg));
	const char *eq = strchr(arg, '=');
	size_t plen = eq ? (size_t)(eq - arg) : strlen(arg);
	cv_span at = {file, 1, 1, 1, plen ? (int)plen : 1};
	char *what = cv_arena_printf(arena, "--set %s", arg);
	if (!eq || plen == 0) {
		cv_diag_add(d, CV_ERROR, "bad-set", at, "%s: expected PATH=VALUE, such as cv.phone=\"+1 555 0100\"", what);
		return NULL;
	}
	char *path = cv_arena_strndup(arena, arg, plen);
	*path_out = path;
	*span_out = at;
	size_t n = strlen(arg);
	char *padded = cv_arena_strdup(arena, arg);
	memset(padded, ' ', plen + 1);
	ynode *value;
	if (strspn(padded, " \t") == n) { /* "cv.photo=": an empty value, which YAML reads as null */
		value = cv_arena_alloc(arena, sizeof *value);
		value->kind = YN_SCALAR;
		value->value = "";
		value->plain = true;
		value->span = (cv_span){file, 1, (int)plen + 1, 1, (int)plen + 1};
	} else {
		if (!cv_utf8_valid(arg, n)) {
			cv_diag_add(d, CV_ERROR, "bad-utf8", at, "%s: the argument is not valid UTF-8", what);
			return NULL;
		}
		value = cv_yaml_parse(file, padded, n, arena, d);
		if (!value)
			return NULL;
	}
	return cv_tree_set(root, path, at, what, value, arena, d);
}

cv_doc *cv_load_ex(const cv_source *input, const cv_load_opts *o, cv_diags *d)
{
	static const cv_load_opts none = {0};
	if (!o)
		o = &none;
	cv_doc *doc = cv_doc_new();
	cv_arena *a = doc->arena;
	int errors = 0;
	ynode *root = parse_source(input, a, d);
	if (!root)
		goto fail;
	doc->source_name = cv_arena_strdup(a, input->name);
	for (size_t i = 0; i < o->n_overlays; i++) {
		ynode *over = parse_source(&o->overlays[i], a, d);
		if (!over)
			goto fail;
		root = cv_tree_merge(root, over, a, d, &errors);
	}
	if (errors)
		goto fail;
	/* Paths assigned by a variant's `set` and by --set, checked after mapping for effect. */
	size_t n_paths = 0;
	const char **paths = NULL;
	cv_span *spans = NULL;
	const char **whats = NULL;
	const ynode *vset = NULL;
	if (o->variant) {
		bool found;
		vset = cv_variant_set_map(root, o->variant, &found);
		if (!found) {
			cv_diag_add(d, CV_ERROR, "unknown-variant", (cv_span){doc->source_name, 0, 0, 0, 0},
				    "the document has no variant named \"%s\"", o->variant);
			goto fail;
		}
	}
	paths = cv_arena_calloc(a, (vset ? vset->n : 0) + o->n_sets + 1, sizeof *paths);
	spans = cv_arena_calloc(a, (vset ? vset->n : 0) + o->n_sets + 1, sizeof *spans);
	whats = cv_arena_calloc(a, (vset ? vset->n : 0) + o->n_sets + 1, sizeof *whats);
	for (size_t i = 0; vset && i < vset->n; i++) {
		const ynode *k = vset->keys[i];
		char *what = cv_arena_printf(a, "variants.%s.set.%s", o->variant, k->value);
		root = cv_tree_set(root, k->value, k->span, what, vset->items[i], a, d);
		if (!root)
			goto fail;
		spans[n_paths] = k->span;
		whats[n_paths] = what;
		paths[n_paths++] = k->value;
	}
	for (size_t i = 0; i < o->n_sets; i++) {
		root = apply_cli_set(root, o->sets[i], a, d, &paths[n_paths], &spans[n_paths]);
		whats[n_paths] = cv_arena_printf(a, "--set %s", o->sets[i]);
		if (!root)
			goto fail;
		n_paths++;
	}
	const cv_variant *vars;
	size_t n_vars;
	bool vars_ok = cv_variants_read(root, a, d, &vars, &n_vars);
	if (o->variants) {
		*o->variants = vars;
		*o->n_variants = n_vars;
	}
	/* A path counts as unread only when the mapper went through the whole tree without an error. */
	bool map_ok = cv_map_native(root, doc, d) == CV_OK;
	for (size_t i = 0; map_ok && i < n_paths; i++) {
		if (!cv_tree_path_used(root, paths[i])) {
			cv_diag_add(d, CV_ERROR, "unknown-setting", spans[i],
				    "%s: %s is not a setting, so assigning it would change nothing", whats[i], paths[i]);
			errors++;
		}
	}
	if (errors || !map_ok || !vars_ok)
		goto fail_vars;
	return doc;
fail_vars:
	if (o->variants) { /* they lived in the arena freed below */
		*o->variants = NULL;
		*o->n_variants = 0;
	}
fail:
	cv_doc_free(doc);
	return NULL;
}

cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d)
{
	cv_source src = {name, text, len};
	return cv_load_ex(&src, NULL, d);
}
