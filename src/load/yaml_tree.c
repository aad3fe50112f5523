/* libyaml events to the loader's YAML tree. The only file that includes <yaml.h>.
 * Scalars are copied into the arena before their event is deleted; aliases share the anchored node,
 * and their expanded size is counted so alias bombs are refused before anything walks them.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

typedef struct anchor {
	char *name;
	ynode *node;
	size_t weight;
	size_t bytes; /* text bytes of the subtree, aliases expanded */
	bool used;    /* an alias refers to it */
	size_t from, to; /* a scalar's anchor: the node's bytes in the source (anchor included); else 0, 0 */
} anchor;

typedef struct frame {
	ynode *node;
	ynode **children;
	size_t n, cap;
	size_t weight; /* expanded node count of the subtree so far */
	size_t bytes;  /* expanded text bytes of the subtree so far */
} frame;

typedef struct tree_ctx {
	const cv_srcfile *src; /* the registered source: its name for spans, its line index for hints */
	const char *file;      /* src's name */
	const char *text; /* the source, for re-reading folded scalars */
	size_t len;
	size_t cur_chars, cur_bytes; /* a character index of the source and its byte offset (byte_offset) */
	cv_arena *arena;
	cv_diags *d;
	frame stack[CV_MAX_DEPTH + 1];
	int depth;
	anchor *anchors;
	size_t n_anchors, cap_anchors;
	/* Open-addressing index of anchors by name: slot holds 1 + the index of the latest anchor of that
	 * name, 0 when empty. A linear search per alias made 100,000 aliases of 100,000 anchors take
	 * minutes. */
	size_t *slots;
	size_t n_slots;
	size_t total_weight, total_bytes;
	ynode *root;
	size_t root_weight;
} tree_ctx;

/* libyaml marks are 0-based; ours are 1-based. This is the one place that converts. */
static cv_span span_of(const char *file, yaml_mark_t start, yaml_mark_t end)
{
	cv_span s = {file, (int)start.line + 1, (int)start.column + 1, (int)end.line + 1, (int)end.column};
	if (s.end_line == s.line && s.end_col < s.col)
		s.end_col = s.col;
	return s;
}

static size_t hash_name(const char *s)
{
	size_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of name: the one holding it, or the empty one where it belongs. n_slots is a power of two
 * kept at least twice the number of anchors, so an empty slot always exists. */
static size_t *anchor_slot(const tree_ctx *c, const char *name)
{
	size_t i = hash_name(name) & (c->n_slots - 1);
	while (c->slots[i] && strcmp(c->anchors[c->slots[i] - 1].name, name) != 0)
		i = (i + 1) & (c->n_slots - 1);
	return &c->slots[i];
}

static void add_anchor(tree_ctx *c, const yaml_char_t *name, ynode *node, size_t weight, size_t bytes)
{
	if (!name)
		return;
	anchor *a = CV_PUSH(c->anchors, c->n_anchors, c->cap_anchors);
	*a = (anchor){0};
	a->name = cv_xstrdup((const char *)name);
	a->node = node;
	a->weight = weight;
	a->bytes = bytes;
	if (2 * c->n_anchors > c->n_slots) {
		free(c->slots);
		c->n_slots = c->n_slots ? 2 * c->n_slots : 64;
		c->slots = cv_xcalloc(c->n_slots, sizeof *c->slots);
		for (size_t i = 0; i + 1 < c->n_anchors; i++)
			*anchor_slot(c, c->anchors[i].name) = i + 1;
	}
	/* Later anchors with the same name override earlier ones (YAML 1.2 §3.2.2.2). */
	*anchor_slot(c, a->name) = c->n_anchors;
}

static const anchor *find_anchor(const tree_ctx *c, const char *name)
{
	if (!c->n_slots)
		return NULL;
	size_t slot = *anchor_slot(c, name);
	return slot ? &c->anchors[slot - 1] : NULL;
}

/* Attaches a finished node of expanded size weight (nodes) and bytes (text) to its parent, or makes
 * it the root. fresh and fresh_bytes are what it adds to the document: for a scalar, 1 and its length;
 * for a closing collection, 1 and 0 (its children were counted as they came); for an alias, the
 * anchor's whole weight and bytes. Returns false past a limit, reported at the span at (for an alias,
 * the alias rather than its anchor). */
static bool attach(tree_ctx *c, ynode *node, cv_span at, size_t weight, size_t fresh, size_t bytes,
		   size_t fresh_bytes)
{
	c->total_weight += fresh;
	c->total_bytes += fresh_bytes;
	if (c->total_weight > CV_MAX_EXPANDED_NODES) {
		cv_diag_add(c->d, CV_ERROR, "alias-bomb", at,
			    "the document expands to more than %u nodes (aliases repeat too much); refusing it",
			    CV_MAX_EXPANDED_NODES);
		return false;
	}
	if (c->total_bytes > CV_MAX_EXPANDED_BYTES) {
		cv_diag_add(c->d, CV_ERROR, "alias-bomb", at,
			    "the document's text expands to more than %u MiB (aliases repeat too much); refusing it",
			    CV_MAX_EXPANDED_BYTES >> 20);
		return false;
	}
	if (c->depth == 0) {
		c->root = node;
		c->root_weight = weight;
		return true;
	}
	frame *f = &c->stack[c->depth - 1];
	*(ynode **)CV_PUSH(f->children, f->n, f->cap) = node;
	f->weight += weight;
	f->bytes += bytes;
	return true;
}

static ynode *new_node(tree_ctx *c, yn_kind kind, cv_span span)
{
	ynode *n = cv_arena_alloc(c->arena, sizeof *n);
	n->kind = kind;
	n->span = span;
	return n;
}

static bool open_collection(tree_ctx *c, yn_kind kind, const yaml_event_t *ev)
{
	if (c->depth >= CV_MAX_DEPTH) {
		cv_diag_add(c->d, CV_ERROR, "too-deep", span_of(c->file, ev->start_mark, ev->end_mark),
			    "nesting deeper than %d levels", CV_MAX_DEPTH);
		return false;
	}
	frame *f = &c->stack[c->depth++];
	memset(f, 0, sizeof *f);
	f->node = new_node(c, kind, span_of(c->file, ev->start_mark, ev->end_mark));
	f->weight = 1;
	const yaml_char_t *a = kind == YN_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	/* The anchor is registered when the collection closes, with its final weight; until then its name
	 * rides in the otherwise unused value field. */
	f->node->value = a ? cv_arena_strdup(c->arena, (const char *)a) : NULL;
	return true;
}

typedef struct keyref {
	const ynode *key;
	size_t at; /* index in the map */
} keyref;

static int compare_keys(const void *pa, const void *pb)
{
	const keyref *a = pa, *b = pb;
	size_t la = a->key->len, lb = b->key->len;
	int r = memcmp(a->key->value, b->key->value, la < lb ? la : lb);
	if (r || la != lb)
		return r ? r : la < lb ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at; /* equal keys in document order */
}

/* Reports keys of map n that are not strings, and every repeated key, in document order. The keys
 * are sorted so that a map with 100,000 keys costs n log n comparisons, not n²/2. */
static bool check_keys(tree_ctx *c, ynode *n)
{
	bool ok = true;
	keyref *sorted = cv_xmalloc((n->n ? n->n : 1) * sizeof *sorted);
	const ynode **first = cv_xcalloc(n->n ? n->n : 1, sizeof *first); /* per key: its earliest twin */
	size_t m = 0;
	for (size_t i = 0; i < n->n; i++)
		if (n->keys[i]->kind == YN_SCALAR)
			sorted[m++] = (keyref){n->keys[i], i};
	qsort(sorted, m, sizeof *sorted, compare_keys);
	for (size_t i = 1, head = 0; i < m; i++) {
		if (compare_keys(&(keyref){sorted[i].key, 0}, &(keyref){sorted[head].key, 0}) == 0)
			first[sorted[i].at] = sorted[head].key;
		else
			head = i;
	}
	for (size_t i = 0; i < n->n; i++) {
		const ynode *k = n->keys[i];
		if (k->kind != YN_SCALAR) {
			cv_diag_add(c->d, CV_ERROR, "complex-key", k->span, "a map key must be a plain string");
			ok = false;
		} else if (first[i]) {
			/* Not fatal to the parse: the tree is still sound (lookups find the first), so the mapper
			 * can report the file's other errors in the same run; cv_load() refuses the document
			 * because an error was reported. */
			cv_diag_add(c->d, CV_ERROR, "duplicate-key", k->span, "duplicate key \"%s\" (first defined on line %d)",
				    k->value, first[i]->span.line);
			n->used[i] = true; /* reported here; not again as a key with no effect */
		}
	}
	free(first);
	free(sorted);
	return ok;
}

static bool is_merge_key(const ynode *k)
{
	return k->kind == YN_SCALAR && k->plain && k->len == 2 && memcmp(k->value, "<<", 2) == 0;
}

/* One key of a map with merge keys: its own entries first, then the merged maps' in order. */
typedef struct merge_cand {
	ynode *key, *item;
	size_t order;
} merge_cand;

static int compare_cands(const void *pa, const void *pb)
{
	const merge_cand *a = pa, *b = pb;
	int r = compare_keys(&(keyref){a->key, 0}, &(keyref){b->key, 0});
	return r ? r : a->order < b->order ? -1 : a->order > b->order;
}

/* YAML merge keys ("<<: *defaults", or "<<: [*a, *b]"): the named maps' entries are added to n unless
 * n has the key itself, earlier maps of a list winning over later ones, and the "<<" entry goes. Merged
 * nodes are shared, as aliases are, so they add nothing to what the alias already counted. */
static bool apply_merge_keys(tree_ctx *c, ynode *n)
{
	size_t extra = 0, own = 0;
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		if (!is_merge_key(n->keys[i])) {
			own++;
			continue;
		}
		const ynode *v = n->items[i];
		bool maps = v->kind == YN_MAP || (v->kind == YN_SEQ && v->n > 0);
		for (size_t k = 0; v->kind == YN_SEQ && k < v->n; k++)
			maps = maps && v->items[k]->kind == YN_MAP;
		if (!maps) {
			cv_diag_add(c->d, CV_ERROR, "yaml-merge", v->span, "a merge key (<<) takes a map or a list of maps, got %s",
				    cv_yn_kind_name(v));
			ok = false;
			continue;
		}
		for (size_t k = 0; k < (v->kind == YN_SEQ ? v->n : 1); k++)
			extra += (v->kind == YN_SEQ ? v->items[k] : v)->n;
	}
	if (own == n->n || !ok)
		return ok;
	/* Sorted by key, so that a map merged into thousands of maps costs n log n each time. */
	merge_cand *cands = cv_xmalloc((own + extra) * sizeof *cands);
	size_t m = 0;
	for (size_t i = 0; i < n->n; i++)
		if (!is_merge_key(n->keys[i]))
			cands[m] = (merge_cand){n->keys[i], n->items[i], m}, m++;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *v = n->items[i];
		for (size_t k = 0; is_merge_key(n->keys[i]) && k < (v->kind == YN_SEQ ? v->n : 1); k++) {
			const ynode *from = v->kind == YN_SEQ ? v->items[k] : v;
			for (size_t j = 0; j < from->n; j++)
				cands[m] = (merge_cand){from->keys[j], from->items[j], m}, m++;
		}
	}
	qsort(cands, m, sizeof *cands, compare_cands);
	bool *keep = cv_xcalloc(m, sizeof *keep);
	for (size_t i = 0; i < m; i++) {
		bool same = i > 0 && cands[i].key->kind == YN_SCALAR && cands[i - 1].key->kind == YN_SCALAR &&
			    compare_keys(&(keyref){cands[i].key, 0}, &(keyref){cands[i - 1].key, 0}) == 0;
		/* Own keys all stay (check_keys has reported twins); a merged one only when it is new. */
		keep[cands[i].order] = cands[i].order < own || !same;
	}
	n->keys = cv_arena_calloc(c->arena, m, sizeof *n->keys);
	n->items = cv_arena_calloc(c->arena, m, sizeof *n->items);
	n->used = cv_arena_calloc(c->arena, m, sizeof *n->used);
	size_t count = 0;
	merge_cand *ordered = cv_xmalloc(m * sizeof *ordered);
	for (size_t i = 0; i < m; i++) /* back in document order */
		ordered[cands[i].order] = cands[i];
	for (size_t i = 0; i < m; i++)
		if (keep[i]) {
			n->keys[count] = ordered[i].key;
			n->items[count++] = ordered[i].item;
		}
	free(ordered);
	free(keep);
	free(cands);
	n->n = count;
	return ok;
}

static bool close_collection(tree_ctx *c, const yaml_event_t *ev)
{
	frame *f = &c->stack[--c->depth];
	ynode *n = f->node;
	n->span.end_line = (int)ev->end_mark.line + 1;
	n->span.end_col = (int)ev->end_mark.column;
	const char *anchor_name = n->value;
	n->value = NULL;
	bool ok = true;
	if (n->kind == YN_SEQ) {
		n->n = f->n;
		n->items = cv_arena_calloc(c->arena, f->n, sizeof *n->items);
		if (f->n)
			memcpy(n->items, f->children, f->n * sizeof *n->items);
	} else {
		n->n = f->n / 2;
		n->keys = cv_arena_calloc(c->arena, n->n, sizeof *n->keys);
		n->items = cv_arena_calloc(c->arena, n->n, sizeof *n->items);
		n->used = cv_arena_calloc(c->arena, n->n, sizeof *n->used);
		for (size_t i = 0; i < n->n; i++) {
			n->keys[i] = f->children[2 * i];
			n->items[i] = f->children[2 * i + 1];
		}
		ok = check_keys(c, n) && apply_merge_keys(c, n);
	}
	free(f->children);
	size_t weight = f->weight, bytes = f->bytes;
	if (anchor_name)
		add_anchor(c, (const yaml_char_t *)anchor_name, n, weight, bytes);
	return attach(c, n, n->span, weight, 1, bytes, 0) && ok;
}

/* libyaml's mark.index counts characters, not bytes (a CR LF pair counts two, a BOM one). Converts
 * one to a byte offset into the source. Marks arrive in document order, so a cursor that only moves
 * forward keeps the whole file's conversions linear. */
static size_t byte_offset(tree_ctx *c, size_t chars)
{
	if (chars < c->cur_chars)
		c->cur_chars = c->cur_bytes = 0;
	while (c->cur_chars < chars && c->cur_bytes < c->len) {
		(void)cv_utf8_next(c->text, c->len, &c->cur_bytes);
		c->cur_chars++;
	}
	return c->cur_bytes;
}

/* Does src[p..to) hold blanks with exactly one line break in them, then the bytes next[0..n)? */
static bool single_break_before(const char *src, size_t p, size_t to, const char *next, size_t n)
{
	int breaks = 0;
	for (; p < to; p++) {
		if (src[p] == '\n' || (src[p] == '\r' && (p + 1 >= to || src[p + 1] != '\n')))
			breaks++;
		else if (src[p] != ' ' && src[p] != '\t' && src[p] != '\r')
			break;
	}
	return breaks == 1 && p + n <= to && memcmp(src + p, next, n) == 0;
}

/* libyaml folds each line break of a plain or folded scalar into a space, but a line break inside a
 * Chinese sentence is only where the author's editor wrapped: it must vanish, not become a space
 * (TYPESETTING.md rule 7). These scalars have no escapes, so every non-blank character of the value
 * appears in the source src[from..to) in the same order: walk both, and drop each space of the value
 * that stands for one line break of the source between two CJK characters. Spaces typed inside a
 * line stay, and so do blank lines (paragraph breaks, which libyaml keeps as "\n"). */
static size_t unfold_cjk(const char *src, size_t from, size_t to, char *value, size_t len)
{
	size_t p = from, out = 0;
	uint32_t prev = 0; /* the last character kept */
	for (size_t r = 0; r < len;) {
		size_t at = r;
		uint32_t ch = cv_utf8_next(value, len, &r);
		if (ch == ' ' && cv_cp_unspaced(prev) && r < len) {
			size_t peek = r;
			if (cv_cp_unspaced(cv_utf8_next(value, len, &peek)) &&
			    single_break_before(src, p, to, value + r, peek - r))
				continue;
		}
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
			size_t q = p;
			while (q + (r - at) <= to && memcmp(src + q, value + at, r - at) != 0)
				q++;
			if (q + (r - at) > to) {
				/* The source does not match the value (it never should): keep the rest as it is. */
				memmove(value + out, value + at, len - at);
				out += len - at;
				break;
			}
			p = q + (r - at);
		}
		memmove(value + out, value + at, r - at);
		out += r - at;
		prev = ch;
	}
	value[out] = '\0';
	return out;
}

/* Escapes in quoted scalars ("\0", "\t", "\e", "\x85", JSON's "\u0000") put characters in a value that
 * the file itself may not hold. A tab is a space (it glued words together). Other controls (C0, DEL,
 * C1) are removed with a warning: a NUL cut the value short where C code read it ("a\0b" showed "a")
 * and the rest vanished silently in the text engine. Returns the new length. */
static size_t clean_controls(tree_ctx *c, const ynode *n, char *value, size_t len)
{
	size_t out = 0, removed = 0;
	uint32_t first = 0;
	for (size_t i = 0; i < len;) {
		size_t at = i;
		uint32_t cp = cv_utf8_next(value, len, &i);
		if (cp == '\t') {
			value[out++] = ' ';
		} else if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0)) {
			if (!removed++)
				first = cp;
		} else {
			memmove(value + out, value + at, i - at);
			out += i - at;
		}
	}
	value[out] = '\0';
	if (removed == 1)
		cv_diag_add(c->d, CV_WARNING, "bad-char", n->span, "the control character U+%04X in this value is removed",
			    (unsigned)first);
	else if (removed)
		cv_diag_add(c->d, CV_WARNING, "bad-char", n->span,
			    "%zu control characters in this value (the first: U+%04X) are removed", removed, (unsigned)first);
	return out;
}

/* Whether tag is one of YAML's core tags (!!str, !!int, ... or the non-specific "!"), which change
 * nothing a résumé shows; any other tag is a mistake or an unknown extension. */
static bool core_tag(const char *tag)
{
	static const char *const core[] = {"str", "int", "float", "bool", "null", "map", "seq", NULL};
	static const char prefix[] = "tag:yaml.org,2002:";
	if (!strcmp(tag, "!"))
		return true;
	if (strncmp(tag, prefix, sizeof prefix - 1) != 0)
		return false;
	for (size_t i = 0; core[i]; i++)
		if (!strcmp(tag + sizeof prefix - 1, core[i]))
			return true;
	return false;
}

/* The end of the line holding byte offset at, before any "\r". */
static size_t eol(const tree_ctx *c, size_t at)
{
	while (at < c->len && c->text[at] != '\n' && c->text[at] != '\r')
		at++;
	return at;
}

/* A plain value followed on its line by a comment that looks like text ("#1", "#1F3A5F", "#tag",
 * not "# a note"): YAML ends the value before " #", so the rest of the text is lost without a word.
 * from..to are the value's bytes (from == to for an empty value); key is its key in a map, or NULL. */
static void check_comment(tree_ctx *c, ynode *n, const ynode *key, size_t from, size_t to)
{
	/* Only what follows on the line up to its first non-blank is looked at before deciding: a
	 * minified JSON file is one line of many plain values. */
	size_t hash = to;
	while (hash < c->len && (c->text[hash] == ' ' || c->text[hash] == '\t'))
		hash++;
	if (hash == to && from != to) /* "C#": a '#' right after text is text */
		return;
	if (hash + 1 >= c->len || c->text[hash] != '#' || strchr(" \t\r\n", c->text[hash + 1]))
		return;
	size_t end = eol(c, hash);
	/* A note after the text ("#1 in Ohio  # my note") is not part of it. */
	for (size_t i = hash + 1; i + 1 < end; i++)
		if ((c->text[i] == ' ' || c->text[i] == '\t') && c->text[i + 1] == '#' &&
		    (i + 2 == end || c->text[i + 2] == ' ' || c->text[i + 2] == '\t')) {
			end = i;
			break;
		}
	cv_span at = n->span;
	const char *fix = cv_yaml_quoted_line(c->arena, c->text, c->len, from == to ? hash : from, end);
	size_t line = from;
	while (line > 0 && c->text[line - 1] != '\n')
		line--;
	int col = 1;
	for (size_t i = line; i < hash;)
		(void)cv_utf8_next(c->text, c->len, &i), col++;
	at.line = at.end_line = n->span.end_line;
	at.col = col;
	size_t shown = end;
	while (shown > hash && (c->text[shown - 1] == ' ' || c->text[shown - 1] == '\t'))
		shown--;
	at.end_col = col - 1;
	for (size_t i = hash; i < shown;)
		(void)cv_utf8_next(c->text, c->len, &i), at.end_col++;
	const char *comment = cv_arena_strndup(c->arena, c->text + hash, shown - hash);
	n->explained = true;
	if (from == to)
		cv_diag_add(c->d, CV_WARNING, "yaml-comment", at,
			    "\"%s\" starts a YAML comment, so %s%s%s is empty; quote the value: %s", comment,
			    key ? "\"" : "this item", key ? key->value : "", key ? "\"" : "", fix);
	else if (n->span.end_line != n->span.line)
		cv_diag_add(c->d, CV_WARNING, "yaml-comment", at,
			    "\"%s\" starts a YAML comment, so the text before it ends the value; quote the value", comment);
	else
		cv_diag_add(c->d, CV_WARNING, "yaml-comment", at,
			    "\"%s\" starts a YAML comment, so the text ends at \"%s\"; quote the value: %s", comment,
			    n->value, fix);
}

static bool on_scalar(tree_ctx *c, const yaml_event_t *ev)
{
	const yaml_char_t *v = ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	ynode *n = new_node(c, YN_SCALAR, span_of(c->file, ev->start_mark, ev->end_mark));
	if (len > CV_MAX_SCALAR_BYTES) {
		cv_diag_add(c->d, CV_ERROR, "too-long", n->span, "a value of %zu bytes is longer than the limit of %u",
			    len, CV_MAX_SCALAR_BYTES);
		return false;
	}
	char *value = cv_arena_strndup(c->arena, (const char *)v, len);
	yaml_scalar_style_t style = ev->data.scalar.style;
	if ((style == YAML_PLAIN_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) &&
	    ev->end_mark.line > ev->start_mark.line)
		len = unfold_cjk(c->text, byte_offset(c, ev->start_mark.index), byte_offset(c, ev->end_mark.index),
				 value, len);
	if (strpbrk(value, "\t\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
			   "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f\xc2") || strlen(value) != len)
		len = clean_controls(c, n, value, len);
	n->value = value;
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
	size_t from = byte_offset(c, ev->start_mark.index), to = byte_offset(c, ev->end_mark.index);
	const char *tag = (const char *)ev->data.scalar.tag;
	const frame *f = c->depth ? &c->stack[c->depth - 1] : NULL;
	bool is_value = f && (f->node->kind == YN_SEQ || f->n % 2 == 1);
	if (tag && !core_tag(tag) && is_value)
		cv_diag_add(c->d, CV_WARNING, "yaml-tag", n->span,
			    "%s is a YAML tag, not part of the text, so the value is \"%s\"; to keep the text as written, "
			    "quote it: %s",
			    tag, n->value, cv_yaml_quoted_line(c->arena, c->text, c->len, from, eol(c, from)));
	else if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !tag && !ev->data.scalar.anchor && is_value)
		check_comment(c, n, f->node->kind == YN_MAP ? f->children[f->n - 1] : NULL, from, to);
	add_anchor(c, ev->data.scalar.anchor, n, 1, len);
	if (ev->data.scalar.anchor) {
		c->anchors[c->n_anchors - 1].from = from;
		c->anchors[c->n_anchors - 1].to = to;
	}
	return attach(c, n, n->span, 1, 1, len, len);
}

static bool on_alias(tree_ctx *c, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	anchor *a = (anchor *)find_anchor(c, name);
	cv_span at = span_of(c->file, ev->start_mark, ev->end_mark);
	if (!a) {
		/* Mostly text that starts with "*" ("*Shipped* the thing"): say how to keep it. */
		size_t from = byte_offset(c, ev->start_mark.index);
		cv_diag_add(c->d, CV_ERROR, "unknown-alias", at,
			    "alias *%s refers to no anchor defined before it; a value that starts with \"*\" is read as a "
			    "YAML alias: if it is text, quote it: %s",
			    name, cv_yaml_quoted_line(c->arena, c->text, c->len, from, eol(c, from)));
		return false;
	}
	a->used = true;
	return attach(c, a->node, at, a->weight, a->weight, a->bytes, a->bytes);
}

static void syntax_error(tree_ctx *c, const yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	cv_span s = {c->file, (int)m.line + 1, (int)m.column + 1, (int)m.line + 1, (int)m.column + 1};
	const char *problem = p->problem ? p->problem : "invalid YAML";
	/* The context mark may lie before the problem mark: take it first (byte_offset moves forward). */
	size_t context_at = p->context ? byte_offset(c, p->context_mark.index) : 0;
	/* libyaml's words for a tab where indentation is expected name no tab; say what to change. */
	size_t at = byte_offset(c, m.index);
	if (at < c->len && c->text[at] == '\t') {
		cv_diag_add(c->d, CV_ERROR, "yaml-tab", s, "a tab character cannot indent YAML; indent with spaces");
		return;
	}
	cv_yaml_fault f = {p->problem, p->context, at, context_at, p->context != NULL};
	if (cv_yaml_explain(c->src, c->text, &f, c->arena, c->d))
		return;
	if (p->context)
		cv_diag_add(c->d, CV_ERROR, "yaml-syntax", s, "%s %s (line %zu)", problem, p->context,
			    p->context_mark.line + 1);
	else
		cv_diag_add(c->d, CV_ERROR, "yaml-syntax", s, "%s", problem);
}

ynode *cv_yaml_parse(const cv_srcfile *src, const char *text, cv_arena *arena, cv_diags *d)
{
	size_t len;
	(void)cv_srcfile_text(src, &len);
	const char *file = cv_srcfile_name(src);
	tree_ctx c = {.src = src, .file = file, .text = text, .len = len, .arena = arena, .d = d};
	yaml_parser_t parser;
	yaml_event_t ev;
	if (!yaml_parser_initialize(&parser)) {
		cv_diag_add(d, CV_ERROR, "internal", (cv_span){file, 0, 0, 0, 0}, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	bool ok = true, done = false;
	int documents = 0;
	while (ok && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&c, &parser);
			ok = false;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				cv_diag_add(d, CV_ERROR, "multiple-documents", span_of(file, ev.start_mark, ev.end_mark),
					    "the file holds more than one YAML document; a résumé is one document");
				ok = false;
			}
			break;
		case YAML_MAPPING_START_EVENT: ok = open_collection(&c, YN_MAP, &ev); break;
		case YAML_SEQUENCE_START_EVENT: ok = open_collection(&c, YN_SEQ, &ev); break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT: ok = close_collection(&c, &ev); break;
		case YAML_SCALAR_EVENT: ok = on_scalar(&c, &ev); break;
		case YAML_ALIAS_EVENT: ok = on_alias(&c, &ev); break;
		default: break;
		}
		yaml_event_delete(&ev);
	}
	/* On an early stop, free the children arrays of frames still open. */
	while (c.depth > 0)
		free(c.stack[--c.depth].children);
	yaml_parser_delete(&parser);
	/* An anchor on a text that nothing refers to is text YAML took away ("- &ampersand first" is
	 * "first"). Anchors on maps and lists are left alone: naming a block for later is their use. */
	for (size_t i = 0; ok && i < c.n_anchors; i++) {
		const anchor *a = &c.anchors[i];
		if (a->used || a->to <= a->from)
			continue;
		cv_span at = a->node->span;
		at.end_line = at.line;
		at.end_col = at.col + (int)strlen(a->name);
		cv_diag_add(d, CV_WARNING, "yaml-anchor", at,
			    "&%s is a YAML anchor, not part of the text, and nothing refers to it: the value is \"%s\"; to keep "
			    "the text as written, quote it: %s",
			    a->name, a->node->value, cv_yaml_quoted_line(arena, text, len, a->from, eol(&c, a->from)));
	}
	for (size_t i = 0; i < c.n_anchors; i++)
		free(c.anchors[i].name);
	free(c.anchors);
	free(c.slots);
	if (ok && !c.root) {
		cv_diag_add(d, CV_ERROR, "empty", (cv_span){file, 1, 1, 1, 1}, "the file is empty: expected a résumé");
		return NULL;
	}
	return ok ? c.root : NULL;
}
