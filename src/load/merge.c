/* Overlays and --set assignments on the loader's YAML tree, before any dialect mapper sees it: maps
 * merge deeply, section entries match by id, other values are replaced. Nodes are copied on write,
 * never changed in place, because aliases share them. It never reads files and never prints.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* Where a node sits in a native document: section values hold entry lists matched by id. */
typedef enum { AT_OTHER, AT_ROOT, AT_CV, AT_SECTIONS, AT_SECTION, AT_SUBSECTION } where;

/* The merge's context (not cv_mctx, the mappers' context in load_internal.h). */
typedef struct merge_ctx {
	cv_arena *a;
	cv_diags *d;
	int *errors;
} merge_ctx;

long cv_yn_find(const ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return -1;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->kind == YN_SCALAR && strcmp(map->keys[i]->value, key) == 0)
			return (long)i;
	return -1;
}

static where child_where(where w, const ynode *key)
{
	switch (w) {
	case AT_ROOT: return strcmp(key->value, "cv") == 0 ? AT_CV : AT_OTHER;
	case AT_CV: return strcmp(key->value, "sections") == 0 ? AT_SECTIONS : AT_OTHER;
	case AT_SECTIONS: return AT_SECTION;
	case AT_SECTION: return AT_SUBSECTION; /* a section given as a map of subsections */
	default: return AT_OTHER;
	}
}

/* A copy of map with room for extra more pairs; the copy's used flags start clear. */
static ynode *copy_map(merge_ctx *m, const ynode *map, size_t extra)
{
	ynode *c = cv_arena_alloc(m->a, sizeof *c);
	*c = *map;
	size_t cap = map->n + extra;
	c->keys = cv_arena_calloc(m->a, cap, sizeof *c->keys);
	c->items = cv_arena_calloc(m->a, cap, sizeof *c->items);
	c->used = cv_arena_calloc(m->a, cap, sizeof *c->used);
	if (map->n) {
		memcpy(c->keys, map->keys, map->n * sizeof *c->keys);
		memcpy(c->items, map->items, map->n * sizeof *c->items);
	}
	return c;
}

static ynode *copy_seq(merge_ctx *m, const ynode *seq, size_t extra)
{
	ynode *c = cv_arena_alloc(m->a, sizeof *c);
	*c = *seq;
	c->items = cv_arena_calloc(m->a, seq->n + extra, sizeof *c->items);
	if (seq->n)
		memcpy(c->items, seq->items, seq->n * sizeof *c->items);
	return c;
}

/* The id of a section entry, or NULL. */
static const char *entry_id(const ynode *e)
{
	long i = cv_yn_find(e, "id");
	return i >= 0 && e->items[i]->kind == YN_SCALAR && !cv_yn_is_null(e->items[i]) ? e->items[i]->value : NULL;
}

/* The overlay entry without its `remove` key, which means nothing once the entry is in place. */
static ynode *without_remove(merge_ctx *m, ynode *e)
{
	long r = cv_yn_find(e, "remove");
	if (r < 0)
		return e;
	ynode *c = copy_map(m, e, 0);
	memmove(c->keys + r, c->keys + r + 1, (c->n - (size_t)r - 1) * sizeof *c->keys);
	memmove(c->items + r, c->items + r + 1, (c->n - (size_t)r - 1) * sizeof *c->items);
	c->n--;
	return c;
}

__attribute__((format(printf, 3, 4))) static void merge_error(merge_ctx *m, const ynode *at, const char *fmt, ...)
{
	(*m->errors)++;
	va_list ap;
	va_start(ap, fmt);
	cv_diag_vadd(m->d, CV_ERROR, "overlay", at->span, fmt, ap);
	va_end(ap);
}

static ynode *merge(merge_ctx *m, ynode *base, ynode *over, where w, const char *name);

/* The ids of entries[0..n), as a NULL-terminated array (arena) and as "a, b, c" in known (cut short
 * with "..." when long). */
static const char **entry_ids(merge_ctx *m, const ynode *list, char *known, size_t cap)
{
	const char **ids = cv_arena_calloc(m->a, list->n + 1, sizeof *ids);
	size_t n = 0, used = 0;
	known[0] = '\0';
	for (size_t j = 0; j < list->n; j++) {
		const char *id = entry_id(list->items[j]);
		if (!id)
			continue;
		ids[n++] = id;
		int w = snprintf(known + used, cap - used, "%s%s", used ? ", " : "", id);
		used += w > 0 ? (size_t)w : 0;
		if (used >= cap) {
			memcpy(known + cap - 4, "...", 4);
			used = cap - 1;
		}
	}
	return ids;
}

/* A section's entries: an overlay entry with an id merges into the entry of the same id (the keys
 * it gives replace the entry's, maps merge deeply, and `key: null` removes one), or removes it with
 * `remove: true`; an id no entry has is appended, unless it is spelt like an existing one (then it
 * is an error with a did-you-mean); an entry without an id is appended. */
static ynode *merge_entries(merge_ctx *m, ynode *base, ynode *over, const char *section)
{
	ynode *out = base ? copy_seq(m, base, over->n) : copy_seq(m, &(ynode){.kind = YN_SEQ, .span = over->span}, over->n);
	for (size_t i = 0; i < over->n; i++) {
		ynode *e = over->items[i];
		const char *id = entry_id(e);
		long r = cv_yn_find(e, "remove");
		int rb = r >= 0 ? cv_yn_bool(e->items[r], "remove", m->d) : 0;
		bool remove = rb == 1;
		if (rb < 0)
			merge_error(m, e->items[r], "remove: expected true or false, got %s", cv_yn_shown(m->a, e->items[r]));
		size_t at = out->n;
		for (size_t j = 0; id && j < out->n && at == out->n; j++) {
			const char *other = entry_id(out->items[j]);
			if (other && strcmp(other, id) == 0)
				at = j;
		}
		char known[256];
		const char *best = NULL;
		if (id && at == out->n)
			best = cv_yn_suggest(id, entry_ids(m, out, known, sizeof known));
		if (remove && !id) {
			merge_error(m, e->keys[r], "remove: an entry to remove needs the id of the entry it removes");
		} else if (remove && at == out->n) {
			if (best)
				merge_error(m, e->keys[r], "remove: no entry with id \"%s\" in %s to remove; did you mean \"%s\"? (known: %s)",
					    id, section, best, known);
			else
				merge_error(m, e->keys[r], "remove: no entry with id \"%s\" in %s to remove (%s%s)", id, section,
					    *known ? "known: " : "none has an id", known);
		} else if (remove) {
			memmove(out->items + at, out->items + at + 1, (out->n - at - 1) * sizeof *out->items);
			out->n--;
		} else if (at == out->n && best) {
			merge_error(m, e->items[cv_yn_find(e, "id")], "no entry with id \"%s\" in %s; did you mean \"%s\"? (known: %s)",
				    id, section, best, known);
		} else if (at == out->n) {
			ynode *added = without_remove(m, e);
			if (id && added->kind == YN_MAP) {
				if (added == e)
					added = copy_map(m, e, 0);
				added->appended = cv_arena_printf(m->a, "no entry in %s has the id \"%s\" (%s%s), so the overlay's "
									 "entry was added as a new one",
								  section, id, *known ? "known: " : "none has an id", known);
			}
			out->items[out->n++] = added;
		} else {
			ynode *into = out->items[at], *with = without_remove(m, e);
			out->items[at] = into->kind == YN_MAP && with->kind == YN_MAP ? merge(m, into, with, AT_OTHER, NULL) : with;
		}
	}
	return out;
}

static ynode *merge(merge_ctx *m, ynode *base, ynode *over, where w, const char *name)
{
	if (over->kind == YN_SEQ && (w == AT_SECTION || w == AT_SUBSECTION) && (!base || base->kind == YN_SEQ))
		return merge_entries(m, base, over, name);
	if (!base || base->kind != YN_MAP || over->kind != YN_MAP)
		return over; /* scalars, other lists and a change of kind: the overlay's value wins */
	ynode *out = copy_map(m, base, over->n);
	for (size_t i = 0; i < over->n; i++) {
		ynode *k = over->keys[i];
		if (k->kind != YN_SCALAR)
			continue; /* already reported by the parser */
		where cw = child_where(w, k);
		long j = cv_yn_find(out, k->value);
		if (j >= 0) {
			out->items[j] = merge(m, out->items[j], over->items[i], cw, k->value);
		} else {
			out->keys[out->n] = k;
			out->items[out->n++] = merge(m, NULL, over->items[i], cw, k->value);
		}
	}
	return out;
}

ynode *cv_tree_merge(ynode *base, ynode *over, cv_arena *arena, cv_diags *d, int *errors)
{
	merge_ctx m = {arena, d, errors};
	if (base->kind != YN_MAP || over->kind != YN_MAP) {
		merge_error(&m, over, "the overlay: an overlay must be a map, like the résumé it changes");
		return base;
	}
	return merge(&m, base, over, AT_ROOT, NULL);
}

/* ---- Copies -------------------------------------------------------------------------------- */

/* A copy of a tree for one more document made from it: maps and sequences are new (the mapper marks
 * the keys it reads in each map, so every document needs its own flags, starting as the tree's);
 * scalars and key lists are shared, as nothing changes them. A node an alias shares stays shared in
 * the copy (memo), so the copy is as large as the tree, never as the document it spells out. */
typedef struct copier {
	cv_arena *a;
	const ynode *keep; /* shared as it is */
	const ynode **from;
	ynode **to;
	size_t n, cap; /* open addressing by pointer; cap a power of two */
} copier;

static size_t slot_of(const copier *c, const ynode *n)
{
	size_t h = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15u);
	for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
		if (!c->from[i] || c->from[i] == n)
			return i;
}

static void remember(copier *c, const ynode *from, ynode *to)
{
	if (2 * (c->n + 1) > c->cap) {
		copier old = *c;
		c->cap = c->cap ? 2 * c->cap : 256;
		c->from = cv_xcalloc(c->cap, sizeof *c->from);
		c->to = cv_xcalloc(c->cap, sizeof *c->to);
		for (size_t i = 0; i < old.cap; i++)
			if (old.from[i]) {
				size_t k = slot_of(c, old.from[i]);
				c->from[k] = old.from[i], c->to[k] = old.to[i];
			}
		free(old.from);
		free(old.to);
	}
	size_t k = slot_of(c, from);
	c->from[k] = from, c->to[k] = to;
	c->n++;
}

static ynode *copy_node(copier *c, const ynode *n)
{
	if (n == c->keep || (n->kind != YN_MAP && n->kind != YN_SEQ))
		return (ynode *)(uintptr_t)n;
	if (c->cap) {
		size_t k = slot_of(c, n);
		if (c->from[k])
			return c->to[k];
	}
	ynode *out = cv_arena_alloc(c->a, sizeof *out);
	*out = *n;
	remember(c, n, out);
	out->items = cv_arena_calloc(c->a, n->n ? n->n : 1, sizeof *out->items);
	if (n->kind == YN_MAP) {
		/* As the parser left them (it marks a duplicate key, already reported, as read). */
		out->used = cv_arena_calloc(c->a, n->n ? n->n : 1, sizeof *out->used);
		if (n->n && n->used)
			memcpy(out->used, n->used, n->n * sizeof *out->used);
	}
	for (size_t i = 0; i < n->n; i++)
		out->items[i] = copy_node(c, n->items[i]);
	return out;
}

ynode *cv_tree_copy(const ynode *root, const ynode *keep, cv_arena *arena)
{
	copier c = {.a = arena, .keep = keep};
	ynode *out = copy_node(&c, root);
	free(c.from);
	free(c.to);
	return out;
}

/* ---- Paths --------------------------------------------------------------------------------- */

/* Paths are short; a longer one is a mistake, not a résumé field. */
#define MAX_PATH_SEGMENTS 32

typedef struct segment {
	char *key;    /* NULL for an index */
	size_t index;
} segment;

/* Splits "cv.sections.Experience[0].position" into keys and indices (heap copies in *buf, freed by
 * the caller). Returns the number of segments, or -1 when the path is malformed. */
static int split_path(const char *path, segment *seg, char **buf)
{
	/* Each "[" gains a NUL before it, so the copy may need up to twice the length. */
	size_t len0 = strlen(path);
	char *p = *buf = cv_xmalloc(2 * len0 + 2);
	memcpy(p, path, len0 + 1);
	int n = 0;
	while (*p) {
		if (n == MAX_PATH_SEGMENTS)
			return -1;
		if (*p == '[') {
			char *end;
			if (!isdigit((unsigned char)p[1]))
				return -1;
			unsigned long v = strtoul(p + 1, &end, 10);
			if (*end != ']')
				return -1;
			seg[n].key = NULL;
			seg[n++].index = v;
			p = end + 1;
			if (*p == '.' && p[1] && p[1] != '[')
				p++;
			else if (*p && *p != '[')
				return -1;
			continue;
		}
		if (*p == '"' || *p == '\'') {
			/* A quoted key ("Side Projects", "v1.2"): everything up to the closing quote. */
			char *close = strchr(p + 1, *p);
			if (!close || close == p + 1)
				return -1;
			*close = '\0';
			seg[n].key = p + 1;
			seg[n++].index = 0;
			p = close + 1;
			if (*p == '.') {
				p++;
				if (!*p || *p == '.' || *p == '[')
					return -1;
			} else if (*p && *p != '[') {
				return -1;
			}
			continue;
		}
		size_t len = strcspn(p, ".[");
		if (len == 0)
			return -1;
		seg[n].key = p;
		seg[n++].index = 0;
		p += len;
		if (*p == '.') {
			*p++ = '\0';
			if (!*p || *p == '.' || *p == '[')
				return -1;
		} else if (*p == '[') {
			/* Terminate the key and keep the bracket: shift the rest one byte right. */
			memmove(p + 1, p, strlen(p) + 1);
			*p++ = '\0';
		}
	}
	return n;
}

/* A key of map matching want: exactly, else the one key equal to it ignoring case with '_' for ' ',
 * so that "cv.sections.work_experience" reaches the section titled "Work Experience". */
static long find_key(const ynode *map, const char *want)
{
	long exact = cv_yn_find(map, want);
	if (exact >= 0)
		return exact;
	long found = -1;
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->value;
		if (map->keys[i]->kind != YN_SCALAR || strlen(k) != strlen(want))
			continue;
		bool same = true;
		for (size_t c = 0; same && k[c]; c++) {
			char a = (char)tolower((unsigned char)k[c]), b = (char)tolower((unsigned char)want[c]);
			same = a == b || ((a == ' ' || a == '_') && (b == ' ' || b == '_'));
		}
		if (same) {
			if (found >= 0)
				return -1; /* ambiguous: ask for the exact spelling */
			found = (long)i;
		}
	}
	return found;
}

typedef struct sctx {
	merge_ctx m;
	const char *what;
	cv_span at;
	const segment *seg;
	int n;
	bool failed;
} sctx;

/* Reports the assignment's failure (once): "WHAT: message". Returns NULL for the caller to return. */
__attribute__((format(printf, 2, 3))) static ynode *set_fail(sctx *s, const char *fmt, ...)
{
	if (!s->failed) {
		(*s->m.errors)++;
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		char *msg = cv_xmalloc(n > 0 ? (size_t)n + 1 : 1); /* the whole of it: cv_diag_add does the cutting */
		va_start(ap, fmt);
		vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
		va_end(ap);
		cv_diag_add(s->m.d, CV_ERROR, "bad-set", s->at, "%s: %s", s->what, msg);
		free(msg);
	}
	s->failed = true;
	return NULL;
}

/* A key of map spelt like want, for a did-you-mean; NULL when none is close. */
static const char *close_key(sctx *s, const ynode *map, const char *want)
{
	const char **keys = cv_arena_calloc(s->m.a, map->n + 1, sizeof *keys);
	for (size_t i = 0, n = 0; i < map->n; i++)
		if (map->keys[i]->kind == YN_SCALAR)
			keys[n++] = map->keys[i]->value;
	return cv_yn_suggest(want, keys);
}

/* Path text up to segment i, for messages. */
static void prefix(const sctx *s, int upto, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < upto && used < cap; i++) {
		int w = s->seg[i].key ? snprintf(buf + used, cap - used, "%s%s", i ? "." : "", s->seg[i].key)
				      : snprintf(buf + used, cap - used, "[%zu]", s->seg[i].index);
		used += w > 0 ? (size_t)w : 0;
	}
}

static ynode *new_map(sctx *s)
{
	ynode *n = cv_arena_alloc(s->m.a, sizeof *n);
	n->kind = YN_MAP;
	n->span = s->at;
	return n;
}

static ynode *set_at(sctx *s, ynode *node, int i, ynode *value)
{
	if (i == s->n)
		return value;
	const segment *g = &s->seg[i];
	char where_[512];
	prefix(s, i, where_, sizeof where_);
	if (g->key) {
		if (!node || cv_yn_is_null(node))
			node = new_map(s);
		if (node->kind != YN_MAP)
			return set_fail(s, "%s is %s, not a map with keys", where_, cv_yn_kind_name(node));
		long k = find_key(node, g->key);
		/* A key the path goes through that is not there but is spelt like one that is: a typo, not a
		 * new map or section to create ("cv.sections.Experiance[0].position" would make a section of
		 * one incomplete entry). */
		const char *like = k < 0 && i + 1 < s->n ? close_key(s, node, g->key) : NULL;
		if (like && i == 2 && !strcmp(where_, "cv.sections"))
			return set_fail(s, "there is no section \"%s\" in cv.sections; did you mean \"%s\"?", g->key, like);
		if (like)
			return set_fail(s, "%s%s has no key \"%s\"; did you mean \"%s\"?", *where_ ? "" : "the document",
					where_, g->key, like);
		ynode *out = copy_map(&s->m, node, k < 0 ? 1 : 0);
		ynode *child = set_at(s, k >= 0 ? node->items[k] : NULL, i + 1, value);
		if (!child)
			return NULL;
		if (k < 0) {
			ynode *key = cv_arena_alloc(s->m.a, sizeof *key);
			key->kind = YN_SCALAR;
			key->span = s->at;
			key->value = cv_arena_strdup(s->m.a, g->key);
			key->len = strlen(g->key);
			key->plain = true;
			key->assigned = s->what;
			k = (long)out->n++;
			out->keys[k] = key;
		}
		out->items[k] = child;
		return out;
	}
	if ((!node || cv_yn_is_null(node)) && g->index == 0) { /* [0] of nothing starts a list */
		node = cv_arena_alloc(s->m.a, sizeof *node);
		node->kind = YN_SEQ;
		node->span = s->at;
	}
	if (!node || node->kind != YN_SEQ)
		return set_fail(s, "%s is %s, not a list", where_, node ? cv_yn_kind_name(node) : "missing");
	if (g->index > node->n) {
		return set_fail(s, "index past the end of %s (it has %zu items)", where_, node->n);
	}
	ynode *out = copy_seq(&s->m, node, 1);
	ynode *child = set_at(s, g->index < node->n ? node->items[g->index] : NULL, i + 1, value);
	if (!child)
		return NULL;
	if (g->index == out->n)
		out->n++;
	out->items[g->index] = child;
	return out;
}

ynode *cv_tree_set(ynode *root, const char *path, cv_span at, const char *what, ynode *value, cv_arena *arena,
		   cv_diags *d)
{
	int errors = 0;
	segment seg[MAX_PATH_SEGMENTS];
	char *buf;
	int n = split_path(path, seg, &buf);
	sctx s = {{arena, d, &errors}, what, at, seg, n, false};
	ynode *out = NULL;
	if (n <= 0 || !seg[0].key)
		set_fail(&s, "malformed path \"%s\" (write it as in diagnostics: cv.sections.Experience[0].position, "
			     "quoting a key with dots or brackets in it: cv.sections.\"Side Projects\"[0].name)",
			 path);
	else
		out = set_at(&s, root, 0, value);
	free(buf);
	return out;
}

bool cv_tree_path_used(const ynode *root, const char *path)
{
	segment seg[MAX_PATH_SEGMENTS];
	char *buf;
	int n = split_path(path, seg, &buf);
	const ynode *node = root;
	bool used = true;
	for (int i = 0; i < n && node; i++) {
		if (seg[i].key) {
			long k = node->kind == YN_MAP ? find_key(node, seg[i].key) : -1;
			if (k < 0)
				break;
			if (i == n - 1)
				used = node->used[k];
			node = node->items[k];
		} else {
			node = node->kind == YN_SEQ && seg[i].index < node->n ? node->items[seg[i].index] : NULL;
		}
	}
	free(buf);
	return used;
}
