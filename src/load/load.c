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

/* Finds the first invalid UTF-8 byte or control character of src from byte i on, so the error points at
 * it rather than at the whole file. */
static bool check_text(const cv_srcfile *src, size_t i, cv_diags *d)
{
	size_t len;
	const char *text = cv_srcfile_text(src, &len);
	while (i < len) {
		/* Printable ASCII, tab and line breaks are nearly every byte of a YAML file: skipped without
		 * decoding. */
		unsigned char b = (unsigned char)text[i];
		if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\t' || b == '\r') {
			i++;
			continue;
		}
		size_t at = i;
		uint32_t cp = cv_utf8_next(text, len, &i);
		bool bad = (cp == 0xFFFD && i - at != 3) || cp == 0;
		/* YAML allows tab, line breaks, NEL and printable characters only; libyaml says so at line
		 * 1, column 1 whatever the place. */
		bool control = !bad && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
					(cp >= 0x80 && cp < 0xA0 && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF);
		if (!control && !bad)
			continue;
		cv_span s = {cv_srcfile_name(src), 0, 0, 0, 0};
		cv_srcfile_locate(src, at, &s.line, &s.col);
		s.end_line = s.line, s.end_col = s.col;
		if (control)
			cv_diag_add(d, CV_ERROR, "bad-char", s, "the control character U+%04X is not allowed in YAML", (unsigned)cp);
		else if (cp == 0)
			cv_diag_add(d, CV_ERROR, "binary", s, "the file contains a NUL byte: it is not a text file");
		else
			cv_diag_add(d, CV_ERROR, "bad-utf8", s, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
				    (unsigned char)text[at]);
		return false;
	}
	return true;
}

/* Counts highlights under items[0..n), stopping at limit; *over is set to the first one past it. */
static size_t count_items(const cv_item *items, size_t n, size_t count, size_t limit, const cv_span **over)
{
	for (size_t i = 0; i < n && !*over; i++) {
		if (++count > limit)
			*over = &items[i].span;
		else
			count = count_items(items[i].children, items[i].n_children, count, limit, over);
	}
	return count;
}

static size_t count_entries(const cv_section *s, size_t n, size_t count, size_t limit, const cv_span **over)
{
	for (size_t i = 0; i < n && !*over; i++) {
		for (size_t k = 0; k < s[i].n_entries && !*over; k++) {
			const cv_entry *e = &s[i].entries[k];
			if (++count > limit)
				*over = &e->span;
			else
				count = count_items(e->highlights, e->n_highlights, count, limit, over);
		}
		count = count_entries(s[i].subsections, s[i].n_subsections, count, limit, over);
	}
	return count;
}

/* Refuses a document with more than CV_MAX_ENTRIES entries and highlights, at the first one too many. */
static bool check_entries(const cv_doc *doc, cv_diags *d)
{
	const cv_span *over = NULL;
	count_entries(doc->sections, doc->n_sections, 0, CV_MAX_ENTRIES, &over);
	if (over)
		cv_diag_add(d, CV_ERROR, "too-many-entries", *over,
			    "the document has more than %u entries and highlights; refusing it", CV_MAX_ENTRIES);
	return !over;
}

/* Whether the code unit of size bytes at t is one ASCII character (a tab, a line break or printable),
 * in the given byte order. */
static bool ascii_unit(const unsigned char *t, size_t size, bool little)
{
	for (size_t i = 1; i < size; i++)
		if (t[little ? i : i - 1])
			return false;
	unsigned char ch = t[little ? 0 : size - 1];
	return ch == '\t' || ch == '\n' || ch == '\r' || (ch >= 0x20 && ch < 0x7F);
}

/* "UTF-16" or "UTF-32" when text is in one of them (either byte order), else NULL: by the byte-order
 * mark, or without one by two ASCII characters at the start (a YAML file starts with some). */
static const char *utf16_or_32(const char *text, size_t len)
{
	static const char *const names[2][2] = {{"UTF-16", "UTF-16"}, {"UTF-32", "UTF-32"}};
	const unsigned char *t = (const unsigned char *)text;
	if (len >= 4 && t[0] == 0xFF && t[1] == 0xFE && !t[2] && !t[3])
		return names[1][1];
	if (len >= 4 && !t[0] && !t[1] && t[2] == 0xFE && t[3] == 0xFF)
		return names[1][0];
	if (len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF)))
		return names[0][t[0] == 0xFF];
	for (int wide = 1; wide >= 0; wide--) {
		size_t size = wide ? 4 : 2;
		for (int little = 0; little < 2 && len >= 2 * size; little++)
			if (ascii_unit(t, size, little) && ascii_unit(t + size, size, little))
				return names[wide][little];
	}
	return NULL;
}

/* Registers and checks one file's text and parses it into arena; NULL after an error in d. */
ynode *cv_load_parse_source(const cv_source *src, cv_arena *arena, cv_diags *d)
{
	const char *file = cv_diags_add_source(d, src->name, src->text, src->len);
	/* Windows editors offer "Unicode" (UTF-16), and some tools write UTF-32: told by the byte-order mark,
	 * or without one by the zero bytes around the first character (a YAML file starts with ASCII). */
	const char *wide = utf16_or_32(src->text, src->len);
	if (wide) {
		cv_diag_add(d, CV_ERROR, "bad-utf8", (cv_span){file, 1, 1, 1, 1}, "the file is %s text; save it as UTF-8", wide);
		return NULL;
	}
	size_t skip = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM from Windows editors */
	if (!check_text(cv_diags_source(d, file), skip, d))
		return NULL;
	return cv_yaml_parse(cv_diags_source(d, file), src->text, arena, d);
}

/* The assignments of one load (a variant's `set` and theme, --theme, --set), in the order applied,
 * kept so that each path can be checked after mapping: a path the mapper never read is an error. */
typedef struct assigns {
	ynode *root;
	cv_arena *a;
	cv_diags *d;
	const char **paths, **whats;
	cv_span *spans;
	size_t n, cap;
} assigns;

static bool assign(assigns *x, const char *path, cv_span at, const char *what, ynode *value)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 8;
		const char **paths = cv_arena_calloc(x->a, cap, sizeof *paths), **whats = cv_arena_calloc(x->a, cap, sizeof *whats);
		cv_span *spans = cv_arena_calloc(x->a, cap, sizeof *spans);
		if (x->n) {
			memcpy(paths, x->paths, x->n * sizeof *paths);
			memcpy(whats, x->whats, x->n * sizeof *whats);
			memcpy(spans, x->spans, x->n * sizeof *spans);
		}
		x->paths = paths, x->whats = whats, x->spans = spans, x->cap = cap;
	}
	ynode *root = cv_tree_set(x->root, path, at, what, value, x->a, x->d);
	if (!root)
		return false;
	x->root = root;
	x->paths[x->n] = path;
	x->whats[x->n] = what;
	x->spans[x->n++] = at;
	return true;
}

/* A command-line value registered as a source named label (so diagnostics can quote it), whose
 * text is prefix followed by the value: the value's columns are then its columns in the source. */
static ynode *cli_value(assigns *x, const char *label, const char *text, size_t skip, cv_span *at)
{
	size_t n = strlen(text);
	const char *file = cv_diags_add_source(x->d, label, text, n);
	*at = (cv_span){file, 1, 1, 1, skip > 1 ? (int)skip - 1 : 1};
	if (!cv_utf8_valid(text, n)) {
		cv_diag_add(x->d, CV_ERROR, "bad-utf8", *at, "%s %s: the argument is not valid UTF-8", label, text);
		return NULL;
	}
	/* The YAML parser reads the value from a copy of the argument with its "PATH=" blanked out. */
	char *padded = cv_arena_strdup(x->a, text);
	memset(padded, ' ', skip);
	if (strspn(padded, " \t") == n) { /* "cv.photo=": an empty value, which YAML reads as null */
		ynode *v = cv_arena_alloc(x->a, sizeof *v);
		v->kind = YN_SCALAR;
		v->value = "";
		v->plain = true;
		v->span = (cv_span){file, 1, (int)skip + 1, 1, (int)skip + 1};
		return v;
	}
	return cv_yaml_parse(cv_diags_source(x->d, file), padded, x->a, x->d);
}

/* One --set argument, "PATH=VALUE"; the argument is registered as a source named "--set". */
static bool assign_cli(assigns *x, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t plen = eq ? (size_t)(eq - arg) : strlen(arg);
	char *what = cv_arena_printf(x->a, "--set %s", arg);
	cv_span at;
	ynode *value = cli_value(x, "--set", arg, eq ? plen + 1 : 0, &at);
	if (!eq || plen == 0) {
		cv_diag_add(x->d, CV_ERROR, "bad-set", at, "%s: expected PATH=VALUE, such as cv.phone=\"+1 555 0100\"", what);
		return false;
	}
	at.end_col = (int)plen;
	return value && assign(x, cv_arena_strndup(x->a, arg, plen), at, what, value);
}

/* A variant's `set` map and its theme, which apply before the command line's. */
/* One "PATH=VALUE" item of a variant's set list: the value becomes a plain scalar whose span starts
 * after the '=' (and after the opening quote of a quoted item). */
static bool assign_item(assigns *x, const cv_load_opts *o, const ynode *item, size_t k)
{
	const char *eq = strchr(item->value, '=');
	size_t plen = (size_t)(eq - item->value); /* variants.c checked there is one */
	ynode *value = cv_arena_alloc(x->a, sizeof *value);
	value->kind = YN_SCALAR;
	value->value = cv_arena_strdup(x->a, eq + 1);
	value->len = strlen(eq + 1);
	value->plain = true;
	value->span = item->span;
	value->span.col += (int)plen + 1 + (item->plain ? 0 : 1);
	char *what = cv_arena_printf(x->a, "variants.%s.set[%zu]", o->variant, k);
	cv_span at = item->span;
	at.end_line = at.line;
	at.end_col = at.col + (int)plen - (item->plain ? 1 : 0);
	return assign(x, cv_arena_strndup(x->a, item->value, plen), at, what, value);
}

static bool assign_variant(assigns *x, const cv_load_opts *o, const ynode *v)
{
	long i = cv_yn_find(v, "set");
	const ynode *set = i >= 0 ? v->items[i] : NULL;
	/* A map from path to value, or a list of "PATH=VALUE" strings as on the command line. */
	for (size_t k = 0; set && set->kind == YN_MAP && k < set->n; k++) {
		const ynode *key = set->keys[k];
		char *what = cv_arena_printf(x->a, "variants.%s.set.%s", o->variant, key->value);
		/* A copy: the variants map may be shared by documents mapped on other threads, and mapping
		 * marks the keys of a map value it reads. */
		if (!assign(x, key->value, key->span, what, cv_tree_copy(set->items[k], NULL, x->a)))
			return false;
	}
	for (size_t k = 0; set && set->kind == YN_SEQ && k < set->n; k++)
		if (!assign_item(x, o, set->items[k], k))
			return false;
	/* A variant's letter replaces the document's letter key by key, as `set: {letter.KEY: ...}`. */
	long l = cv_yn_find(v, "letter");
	const ynode *letter = l >= 0 ? v->items[l] : NULL;
	for (size_t k = 0; letter && letter->kind == YN_MAP && k < letter->n; k++) {
		const ynode *key = letter->keys[k];
		bool plain = !strpbrk(key->value, ".[]\"");
		char *path = cv_arena_printf(x->a, plain ? "letter.%s" : "letter.\"%s\"", key->value);
		char *what = cv_arena_printf(x->a, "variants.%s.%s", o->variant, path);
		if (!assign(x, path, key->span, what, letter->items[k]))
			return false;
	}
	long t = cv_yn_find(v, "theme");
	if (t >= 0 && !o->theme && v->items[t]->kind == YN_SCALAR)
		return assign(x, "design.theme", v->items[t]->span,
			      cv_arena_printf(x->a, "variants.%s.theme", o->variant), v->items[t]);
	return true;
}

/* The dialect is told by the top-level keys: cv is native (RenderCV), content is YAMLResume, and
 * basics or any of JSON Resume's sections is JSON Resume (as JSON or as YAML). */
cv_dialect cv_dialect_of(const ynode *root)
{
	if (root->kind == YN_MAP && !cv_yn_has(root, "cv")) {
		if (cv_yn_has(root, "content"))
			return CV_DIALECT_YAMLRESUME;
		for (size_t i = 0; i < root->n; i++)
			if (root->keys[i]->kind == YN_SCALAR &&
			    (!strcmp(root->keys[i]->value, "basics") || cv_resume_is_section(root->keys[i]->value)))
				return CV_DIALECT_JSONRESUME;
	}
	return CV_DIALECT_NATIVE;
}

/* A photo at a web address (RenderCV downloads one; JSON Resume's image is often a Gravatar link):
 * cv2pdf uses no network, so that a render never depends on one, and the photo is left out with a
 * warning rather than looked for as a file of that name. */
static void web_photo(cv_doc *doc, cv_diags *d)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://", "www.", NULL};
	const char *p = doc->photo.s;
	for (size_t i = 0; p && schemes[i]; i++)
		if (!strncasecmp(p, schemes[i], strlen(schemes[i]))) {
			cv_diag_add(d, CV_WARNING, "photo", doc->photo.span,
				    "the photo \"%s\" is a web address; cv2pdf downloads nothing, so no photo is shown: save "
				    "the image beside the résumé and give its file name",
				    p);
			doc->photo.s = NULL;
			return;
		}
}

/* Decides the language, applies the theme, maps the tree with its dialect's mapper, then the design
 * keys: the same design map for every dialect, so --theme and --set design.* work on all of them, and
 * the document's own design keys win over the preset and over what the dialect's own keys set. */
static int map_dialect(const ynode *root, const cv_load_opts *o, cv_doc *doc, cv_diags *d)
{
	cv_dialect dl = cv_dialect_of(root);
	cv_load_language(root, dl, o, doc, d);
	/* A cover letter is the same in every dialect; read first, so no mapper calls its key unknown. */
	cv_mctx m = {doc, doc->arena, d, 0};
	if (root->kind == YN_MAP) {
		cv_map_letter(&m, cv_yn_get(root, "letter"));
		/* The variants map is cv2pdf's own and read by the command line in every dialect
		 * (src/load/variants.c): marked read here, so that no mapper calls it unknown. */
		(void)cv_yn_get(root, "variants");
	}
	const ynode *design = cv_yn_get(root, "design");
	const ynode *meta = dl == CV_DIALECT_JSONRESUME ? cv_yn_get(root, "meta") : NULL;
	cv_dctx *dc = cv_design_begin(&m, design, meta && meta->kind == YN_MAP ? cv_yn_get(meta, "theme") : NULL, o->theme_dir);
	int rc;
	switch (dl) {
	case CV_DIALECT_YAMLRESUME: rc = cv_map_yamlresume(root, doc, d); break;
	case CV_DIALECT_JSONRESUME: rc = cv_map_jsonresume(root, doc, d); break;
	default: rc = cv_map_native(root, doc, d); break;
	}
	cv_design_map(dc, design);
	cv_design_end(dc);
	web_photo(doc, d);
	return m.errors ? CV_EINPUT : rc;
}

/* The rest of a load once the input and overlays are one tree (x->root): the variant's `set` and
 * theme, --theme and --set applied, the variants map read (when read_variants; else the variant's own
 * settings checked), the tree mapped into doc and every assignment checked. Returns doc, or NULL after
 * freeing it. */
static cv_doc *apply_and_map(cv_doc *doc, assigns *x, const cv_load_opts *o, size_t errors_before, bool read_variants)
{
	cv_diags *d = x->d;
	int errors = 0;
	bool map_ok = false, vars_ok = true;
	const cv_variant *vars = NULL;
	size_t n_vars = 0;
	if (o->variant) {
		const ynode *v = cv_variant_node(x->root, o->variant);
		if (!v) {
			cv_diag_add(d, CV_ERROR, "unknown-variant", (cv_span){doc->source_name, 0, 0, 0, 0},
				    "the document has no variant named \"%s\"", o->variant);
			goto fail;
		}
		if (!assign_variant(x, o, v))
			goto fail;
	}
	if (o->theme) {
		cv_span at;
		ynode *value = cli_value(x, "--theme", o->theme, 0, &at);
		if (!value || !assign(x, "design.theme", at, "--theme", value))
			goto fail;
	}
	for (size_t i = 0; i < o->n_sets; i++)
		if (!assign_cli(x, o->sets[i]))
			goto fail;
	if (read_variants)
		vars_ok = cv_variants_read(x->root, x->a, d, &vars, &n_vars);
	else if (o->variant)
		vars_ok = cv_variant_check(x->root, o->variant, x->a, d);
	/* A path counts as unread only when the mapper went through the whole tree without an error. */
	map_ok = map_dialect(x->root, o, doc, d) == CV_OK && check_entries(doc, d);
	for (size_t i = 0; map_ok && i < x->n; i++) {
		if (!cv_tree_path_used(x->root, x->paths[i])) {
			cv_diag_add(d, CV_ERROR, "unknown-setting", x->spans[i],
				    "%s: %s is not a setting, so assigning it would change nothing", x->whats[i], x->paths[i]);
			errors++;
		}
	}
	if (!errors && map_ok && vars_ok && cv_diags_errors(d) == errors_before) {
		if (o->variants) {
			*o->variants = vars;
			*o->n_variants = n_vars;
		}
		return doc;
	}
fail:
	if (o->variants) { /* they would live in the arena freed below */
		*o->variants = NULL;
		*o->n_variants = 0;
	}
	cv_doc_free(doc);
	return NULL;
}

cv_doc *cv_load_ex(const cv_source *input, const cv_load_opts *o, cv_diags *d)
{
	static const cv_load_opts none = {0};
	if (!o)
		o = &none;
	cv_doc *doc = cv_doc_new();
	assigns x = {.a = doc->arena, .d = d};
	int errors = 0;
	/* Some errors of the parse (duplicate keys) let loading go on, to report more in one run; any
	 * error at all still refuses the document. */
	size_t errors_before = cv_diags_errors(d);
	x.root = cv_load_parse_source(input, x.a, d);
	if (!x.root)
		goto fail;
	doc->source_name = cv_arena_strdup(x.a, input->name);
	for (size_t i = 0; i < o->n_overlays; i++) {
		ynode *over = cv_load_parse_source(&o->overlays[i], x.a, d);
		if (!over)
			goto fail;
		x.root = cv_tree_merge(x.root, over, x.a, d, &errors);
	}
	if (errors)
		goto fail;
	return apply_and_map(doc, &x, o, errors_before, true);
fail:
	if (o->variants) {
		*o->variants = NULL;
		*o->n_variants = 0;
	}
	cv_doc_free(doc);
	return NULL;
}

struct cv_load_base {
	cv_arena *arena;
	const cv_diags *d;   /* the parse's messages, and the sources every document's messages quote */
	ynode *root;         /* the input with the overlays merged, never mapped */
	const ynode *shared; /* root's variants map, which documents share rather than copy; or NULL */
	const char *source_name;
};

cv_load_base *cv_load_base_new(const cv_source *input, const cv_source *overlays, size_t n_overlays, cv_diags *d)
{
	cv_load_base *b = cv_xcalloc(1, sizeof *b);
	b->arena = cv_arena_new();
	b->d = d;
	int errors = 0;
	b->root = cv_load_parse_source(input, b->arena, d);
	for (size_t i = 0; b->root && i < n_overlays; i++) {
		ynode *over = cv_load_parse_source(&overlays[i], b->arena, d);
		b->root = over ? cv_tree_merge(b->root, over, b->arena, d, &errors) : NULL;
	}
	/* Errors of the parse that let it go on (duplicate keys) refuse each document made, after its
	 * mapping has reported what else is wrong, as cv_load_ex() does. */
	if (!b->root || errors) {
		cv_load_base_free(b);
		return NULL;
	}
	b->source_name = cv_arena_strdup(b->arena, input->name);
	long v = b->root->kind == YN_MAP ? cv_yn_find(b->root, "variants") : -1;
	b->shared = v >= 0 ? b->root->items[v] : NULL;
	return b;
}

void cv_load_base_free(cv_load_base *b)
{
	if (!b)
		return;
	cv_arena_free(b->arena);
	free(b);
}

cv_doc *cv_load_from(const cv_load_base *b, const cv_load_opts *o, cv_diags *d)
{
	size_t errors_before = cv_diags_errors(d);
	cv_diags_inherit(d, b->d);
	cv_doc *doc = cv_doc_new();
	assigns x = {.a = doc->arena, .d = d};
	doc->source_name = cv_arena_strdup(x.a, b->source_name);
	/* Reading the variants map marks its keys, and an assignment into it must find them marked: then
	 * this document gets a copy of its own (the one load that lists the variants does). Otherwise all
	 * share the one map, and a batch's documents do not each copy every variant. */
	bool variants = o->variants != NULL;
	for (size_t i = 0; i < o->n_sets && !variants; i++)
		variants = strncmp(o->sets[i], "variants", 8) == 0 && strchr(".[=", o->sets[i][8]);
	x.root = cv_tree_copy(b->root, variants ? NULL : b->shared, x.a);
	return apply_and_map(doc, &x, o, errors_before, variants);
}

cv_doc *cv_load(const char *name, const char *text, size_t len, cv_diags *d)
{
	cv_source src = {name, text, len};
	return cv_load_ex(&src, NULL, d);
}
