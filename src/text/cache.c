/* A memo of laid-out paragraphs. Trial layouts that only tighten vertical spacing (pulling a last page
 * back) set every paragraph exactly as the layout before them did; with a memo, all but the first
 * trial skip collecting, faces, break opportunities, shaping and line breaking. A paragraph's
 * messages are kept with it and given again, so that a layout with a memo says what one without says.
 * It knows nothing of what a paragraph means: a key is the inlines' bytes and the options.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* Open addressing, at most half full: the tables start at MEMO_SLOTS (a résumé has a few hundred
 * paragraphs) and double as they fill, so that a long document's trials find every paragraph again
 * (a fixed table of 2,048 entries made the pull-back trials of a 170-page document lay everything out
 * anew, eight times). A memo that holds MEMO_MAX_BYTES of paragraphs takes no more, which keeps its
 * memory bounded for any input. */
#define MEMO_SLOTS 1024u
#define MEMO_MAX_BYTES (32u << 20)

typedef struct memo_entry {
	const char *key;
	size_t key_len;
	cv_para para;            /* runs and lines in the memo's arena */
	const uint32_t *inlines; /* for each run, the inline it came from: its link is the caller's */
	cv_diag *said;           /* the messages laying it out gave (in the memo's arena) */
	size_t n_said;
} memo_entry;

/* A slot of the memo's table: the entry lives in the arena, so that the table, half empty by design
 * and touched all over, holds 16 bytes a slot instead of the entry's 80. */
typedef struct memo_slot {
	uint64_t hash; /* 0: empty slot */
	memo_entry *e;
} memo_slot;

/* Break opportunities depend on the text and its language only, not on sizes or widths: a trial at
 * another scale lays each paragraph out anew but finds its breaks here. */
typedef struct breaks_entry {
	uint64_t hash; /* 0: empty slot */
	const char *text, *lang;
	size_t len;
	const char *brk; /* len bytes, as cv_text_breaks() writes them */
} breaks_entry;

struct cv_text_cache {
	cv_arena *arena;
	/* The runs' texts and advances: the only part of the memo a display list still needs once its
	 * layout is chosen (its runs are copies; their texts are not), so kept apart to outlive the
	 * rest, which is about two thirds of the memo (docs/performance.md). */
	cv_arena *texts;
	breaks_entry *breaks; /* n_break_slots of them, a power of two */
	size_t n_breaks, n_break_slots;
	memo_slot *slots; /* n_slots of them, a power of two */
	size_t n_entries, n_slots, bytes;
	const char *lang; /* the language of the last break opportunities kept, shared by their entries */
	char *key; /* the key being built */
	size_t key_len, key_cap;
};

cv_text_cache *cv_text_cache_new(void)
{
	cv_text_cache *c = cv_xcalloc(1, sizeof *c);
	c->arena = cv_arena_new();
	c->texts = cv_arena_new();
	c->slots = cv_xcalloc(MEMO_SLOTS, sizeof *c->slots);
	c->breaks = cv_xcalloc(MEMO_SLOTS, sizeof *c->breaks);
	c->n_slots = c->n_break_slots = MEMO_SLOTS;
	return c;
}

void cv_text_cache_free(cv_text_cache *c)
{
	cv_arena_free(cv_text_cache_release(c));
}

cv_arena *cv_text_cache_release(cv_text_cache *c)
{
	if (!c)
		return NULL;
	cv_arena *texts = c->texts;
	cv_arena_free(c->arena);
	free(c->slots);
	free(c->breaks);
	free(c->key);
	free(c);
	return texts;
}

static void put(cv_text_cache *c, const void *p, size_t n)
{
	cv_grow((void **)&c->key, &c->key_cap, c->key_len + n, 1);
	memcpy(c->key + c->key_len, p, n);
	c->key_len += n;
}

static void put_str(cv_text_cache *c, const char *s, size_t n)
{
	put(c, &n, sizeof n);
	if (n)
		put(c, s, n);
}

/* Serializes what decides a paragraph's layout into c->key and returns its FNV-1a hash (never 0). */
static uint64_t make_key(cv_text_cache *c, const cv_inline *in, size_t n_in, const cv_para_opts *o)
{
	c->key_len = 0;
	put(c, &n_in, sizeof n_in);
	for (size_t i = 0; i < n_in; i++) {
		put_str(c, in[i].text, in[i].len);
		put(c, &in[i].style, sizeof in[i].style);
		put(c, &in[i].size, sizeof in[i].size);
		put(c, &in[i].color, sizeof in[i].color);
		put_str(c, in[i].link ? in[i].link : "", in[i].link ? strlen(in[i].link) : 0);
	}
	put(c, &o->width, sizeof o->width);
	put(c, &o->rest_width, sizeof o->rest_width);
	put(c, &o->lines_at_width, sizeof o->lines_at_width);
	put(c, &o->first_indent, sizeof o->first_indent);
	put(c, &o->justify, sizeof o->justify);
	put(c, &o->hyphenate, sizeof o->hyphenate);
	put_str(c, o->lang ? o->lang : "", o->lang ? strlen(o->lang) : 0);
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < c->key_len; i++)
		h = (h ^ (unsigned char)c->key[i]) * 1099511628211u;
	return h ? h : 1;
}

static memo_slot *slot_of(cv_text_cache *c, uint64_t h)
{
	size_t mask = c->n_slots - 1, i = (size_t)h & mask;
	for (memo_slot *s = &c->slots[i]; s->hash; i = (i + 1) & mask, s = &c->slots[i])
		if (s->hash == h && s->e->key_len == c->key_len && memcmp(s->e->key, c->key, c->key_len) == 0)
			return s;
	return &c->slots[i];
}

void *cv_table_grow(void *old, size_t n, size_t size, uint64_t (*hash)(const void *entry))
{
	size_t mask = 2 * n - 1;
	char *t = cv_xcalloc(2 * n, size);
	for (size_t k = 0; k < n; k++) {
		const char *from = (const char *)old + k * size;
		uint64_t h, used;
		memcpy(&h, from, sizeof h);
		if (!h)
			continue;
		if (hash)
			h = hash(from);
		size_t i = (size_t)h & mask;
		for (memcpy(&used, t + i * size, sizeof used); used; memcpy(&used, t + i * size, sizeof used))
			i = (i + 1) & mask;
		memcpy(t + i * size, from, size);
	}
	free(old);
	return t;
}

static void grow_slots(cv_text_cache *c)
{
	c->slots = cv_table_grow(c->slots, c->n_slots, sizeof *c->slots, NULL);
	c->n_slots *= 2;
}

static void grow_breaks(cv_text_cache *c)
{
	c->breaks = cv_table_grow(c->breaks, c->n_break_slots, sizeof *c->breaks, NULL);
	c->n_break_slots *= 2;
}

bool cv_text_cache_get(cv_text_cache *c, const cv_inline *in, size_t n_in, const cv_para_opts *o, cv_para *out,
		       cv_diags *d)
{
	uint64_t h = make_key(c, in, n_in, o);
	memo_slot *s = slot_of(c, h);
	if (!s->hash)
		return false;
	const memo_entry *e = s->e;
	*out = e->para;
	/* Links point at the caller's copies, which differ from layout to layout. */
	for (size_t r = 0; r < out->n_runs; r++)
		out->runs[r].link = out->runs[r].draw == CV_DRAW_HIDDEN ? NULL : in[e->inlines[r]].link;
	for (size_t i = 0; i < e->n_said; i++)
		cv_diag_add(d, e->said[i].severity, e->said[i].code, e->said[i].span, "%s", e->said[i].message);
	return true;
}

void cv_text_cache_put(cv_text_cache *c, const cv_inline *in, size_t n_in, const cv_para_opts *o, const cv_para *para,
		       const uint32_t *inlines, const cv_diags *said)
{
	/* Full: it takes no more. Emptying it would free paragraphs that display lists still kept
	 * (the best trial so far, the layout returned) point into. */
	if (c->bytes > MEMO_MAX_BYTES)
		return;
	if (2 * (c->n_entries + 1) > c->n_slots)
		grow_slots(c);
	uint64_t h = make_key(c, in, n_in, o);
	memo_slot *s = slot_of(c, h);
	if (s->hash)
		return;
	char *key = cv_arena_alloc(c->arena, c->key_len);
	memcpy(key, c->key, c->key_len);
	/* The paragraph was laid out in the memo's arena (cv_text_cache_arena): kept as it is. */
	uint32_t *from = cv_arena_alloc(c->arena, (para->n_runs ? para->n_runs : 1) * sizeof *from);
	size_t bytes = c->key_len + para->n_runs * sizeof *from;
	for (size_t r = 0; r < para->n_runs; r++) {
		from[r] = inlines[r];
		bytes += sizeof *para->runs + para->runs[r].len + para->runs[r].n_adv * sizeof(float);
	}
	size_t n_said = cv_diags_count(said);
	/* Most paragraphs say nothing: no room for messages then (48 bytes a paragraph). */
	cv_diag *kept = n_said ? cv_arena_calloc(c->arena, n_said, sizeof *kept) : NULL;
	for (size_t i = 0; i < n_said; i++) {
		kept[i] = *cv_diags_at(said, i);
		kept[i].message = cv_arena_strdup(c->arena, kept[i].message);
		bytes += strlen(kept[i].message);
	}
	memo_entry *e = cv_arena_alloc(c->arena, sizeof *e);
	*e = (memo_entry){key, c->key_len, *para, from, kept, n_said};
	*s = (memo_slot){h, e};
	c->n_entries++;
	c->bytes += bytes + para->n_lines * sizeof *para->lines;
}

cv_arena *cv_text_cache_arena(cv_text_cache *c, cv_arena *otherwise)
{
	return c->bytes > MEMO_MAX_BYTES ? otherwise : c->arena;
}

cv_arena *cv_text_cache_text_arena(cv_text_cache *c, cv_arena *otherwise)
{
	return c->bytes > MEMO_MAX_BYTES ? otherwise : c->texts;
}

static breaks_entry *breaks_slot(cv_text_cache *c, const char *text, size_t len, const char *lang, uint64_t *hash)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211u;
	for (const char *l = lang ? lang : ""; *l; l++)
		h = (h ^ (unsigned char)*l) * 1099511628211u;
	h = h ? h : 1;
	*hash = h;
	size_t mask = c->n_break_slots - 1, i = (size_t)h & mask;
	for (breaks_entry *e = &c->breaks[i]; e->hash; i = (i + 1) & mask, e = &c->breaks[i])
		if (e->hash == h && e->len == len && memcmp(e->text, text, len) == 0 &&
		    strcmp(e->lang ? e->lang : "", lang ? lang : "") == 0)
			return e;
	return &c->breaks[i];
}

void cv_text_cache_breaks(cv_text_cache *c, const char *text, size_t len, const char *lang, char *brk)
{
	uint64_t h;
	breaks_entry *e = breaks_slot(c, text, len, lang, &h);
	if (e->hash) {
		memcpy(brk, e->brk, len);
		return;
	}
	cv_text_breaks(text, len, lang, brk);
	if (c->bytes > MEMO_MAX_BYTES)
		return;
	if (2 * (c->n_breaks + 1) > c->n_break_slots) {
		grow_breaks(c);
		e = breaks_slot(c, text, len, lang, &h);
	}
	char *t = cv_arena_alloc(c->arena, 2 * len + 1);
	memcpy(t, text, len);
	memcpy(t + len, brk, len);
	/* One copy of the language for the entries in a row that share it (a document has one or two). */
	if (lang && (!c->lang || strcmp(c->lang, lang) != 0))
		c->lang = cv_arena_strdup(c->arena, lang);
	*e = (breaks_entry){h, t, lang ? c->lang : NULL, len, t + len};
	c->n_breaks++;
	c->bytes += 2 * len;
}
