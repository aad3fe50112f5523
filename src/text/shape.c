/* Shaping with HarfBuzz: advances and GPOS kerning, with ligatures off so that every glyph maps to
 * exactly the characters of the source and extracted text equals it. Results are cached per thread,
 * since a paragraph measures each box and then shapes it again to position it, and a résumé (or a
 * batch of its variants) repeats words, spaces and Chinese characters many times.
 * SPDX-License-Identifier: MIT */
#include <hb.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* Cache limits. A one-page résumé shapes about a thousand distinct strings and a batch of variants of
 * one résumé not many more, so 8,192 entries hold all of them; past either limit the cache is simply
 * emptied, which bounds memory (at most some 1.9 MB: slots 640 KB, glyph ink 256 KB, text 512 KB,
 * glyphs 512 KB) and keeps a pathological input linear. */
#define SHAPE_CACHE_SLOTS 16384u /* open addressing, kept at most half full */
#define SHAPE_CACHE_MAX_ENTRIES (SHAPE_CACHE_SLOTS / 2)
/* The slot tables start small and double as they fill (to SHAPE_CACHE_SLOTS, INK_SLOTS): a program
 * start touches every page of a table it fills at random, and on a virtual machine a first touch of
 * a page costs some 25 µs. The full tables (640 KB and 256 KB) cost a one-page résumé some 220 page
 * faults, more than its shaping's memory; these sizes hold a short document without growing. */
#define SHAPE_CACHE_FIRST_SLOTS 1024u
#define INK_FIRST_SLOTS 512u
#define SHAPE_CACHE_MAX_BYTES (1u << 19)  /* text bytes kept */
#define SHAPE_CACHE_MAX_GLYPHS (1u << 16) /* glyph records kept */
/* Longer strings are shaped every time: they are rare (a box is a word) and would crowd out the rest. */
#define SHAPE_CACHE_MAX_LEN 256u
/* Room made at once for the first strings: about what a one-page résumé keeps (a thousand strings,
 * some 6,000 glyphs), so that the cache does not grow by doubling from 8, a dozen copies per array. */
#define SHAPE_CACHE_FIRST_BYTES 8192u
#define SHAPE_CACHE_FIRST_GLYPHS 8192u
/* Shape plans kept per thread: one per font set, face and script (a résumé has two or three scripts
 * in five faces); when full, all are dropped and made again. */
#define SHAPE_PLANS_MAX 32u
/* Glyph ink kept per thread: a résumé draws a few hundred distinct characters (a Chinese one a
 * thousand or two); a full table is emptied. Reading a CFF glyph's extents interprets its charstring,
 * which for Noto Serif CJK was a third of a whole run when asked for every character set. */
#define INK_SLOTS 8192u

typedef struct ink_entry {
	uint64_t fontset; /* 0: empty slot (fontset serials start at 1) */
	uint32_t cp;
	int face;
	float left, right, advance;
} ink_entry;

typedef struct shape_entry {
	uint64_t hash;      /* 0: empty slot */
	uint64_t fontset;   /* cv_fontset.serial */
	uint32_t text, len; /* into shape_cache.bytes */
	uint32_t glyph, n;  /* into shape_cache.info/pos */
	int face;
} shape_entry;

/* A shape plan made once: hb_shape finds its cached plan again on every call, and computing the key
 * (the face's feature variations) and comparing it cost about as much as shaping a short word. */
typedef struct shape_plan {
	uint64_t fontset;
	int face;
	hb_segment_properties_t props;
	hb_shape_plan_t *plan;
} shape_plan;

typedef struct shape_cache {
	hb_buffer_t *buf; /* reused: creating a buffer per word is a cost of its own */
	shape_plan plans[SHAPE_PLANS_MAX];
	size_t n_plans;
	ink_entry *ink; /* cap_ink slots (a power of two), allocated on first use */
	size_t n_ink, cap_ink;
	shape_entry *slots; /* cap_slots (a power of two) */
	size_t n_entries, cap_slots;
	char *bytes;
	size_t n_bytes, cap_bytes;
	cv_shaped *glyphs; /* what the layout reads of each glyph: not HarfBuzz's 40-byte records */
	size_t n_glyphs, cap_glyphs;
	cv_shaped *long_glyphs; /* the last string too long to keep (SHAPE_CACHE_MAX_LEN) */
	size_t cap_long;
} shape_cache;

static _Thread_local shape_cache *cache;
static tss_t cache_key; /* its destructor frees a thread's cache when the thread ends */
static once_flag cache_key_once = ONCE_FLAG_INIT;
static atomic_uint_fast64_t next_serial = 1;

static void free_cache(void *p)
{
	shape_cache *c = p;
	if (!c)
		return;
	hb_buffer_destroy(c->buf);
	for (size_t i = 0; i < c->n_plans; i++)
		hb_shape_plan_destroy(c->plans[i].plan);
	free(c->ink);
	free(c->slots);
	free(c->bytes);
	free(c->glyphs);
	free(c->long_glyphs);
	free(c);
}

static void make_key(void)
{
	if (tss_create(&cache_key, free_cache) != thrd_success)
		abort();
}

uint64_t cv_shape_serial(void)
{
	return atomic_fetch_add(&next_serial, 1);
}

static shape_cache *get_cache(void)
{
	if (!cache) {
		call_once(&cache_key_once, make_key);
		cache = cv_xcalloc(1, sizeof *cache);
		cache->buf = hb_buffer_create();
		cache->cap_slots = SHAPE_CACHE_FIRST_SLOTS;
		cache->slots = cv_xcalloc(cache->cap_slots, sizeof *cache->slots);
		cv_grow(&cache->bytes, &cache->cap_bytes, SHAPE_CACHE_FIRST_BYTES, 1);
		cv_grow(&cache->glyphs, &cache->cap_glyphs, SHAPE_CACHE_FIRST_GLYPHS, sizeof *cache->glyphs);
		tss_set(cache_key, cache);
	}
	return cache;
}

static void clear_cache(shape_cache *c)
{
	memset(c->slots, 0, c->cap_slots * sizeof *c->slots);
	c->n_entries = c->n_bytes = c->n_glyphs = 0;
}

_Static_assert(offsetof(shape_entry, hash) == 0 && offsetof(ink_entry, fontset) == 0,
	       "cv_table_grow reads an entry's first 8 bytes as its used mark");

/* FNV-1a over the text, the face and the font set; never 0, which marks an empty slot. */
static uint64_t hash_key(uint64_t fontset, int face, const char *text, size_t len)
{
	uint64_t h = 14695981039346656037u ^ fontset;
	h = (h ^ (uint64_t)face) * 1099511628211u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211u;
	return h ? h : 1;
}

static const hb_feature_t features[] = {
	{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
	{HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	{HB_TAG('d', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
	{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
};
#define N_FEATURES (sizeof features / sizeof features[0])

/* The plan for face of fs and the buffer's properties: the one made before, else a new one (at the
 * font's variation coordinates, as hb_shape would make it). */
static hb_shape_plan_t *plan_for(shape_cache *c, const cv_fontset *fs, int face, const hb_segment_properties_t *props)
{
	for (size_t i = 0; i < c->n_plans; i++) {
		const shape_plan *p = &c->plans[i];
		if (p->fontset == fs->serial && p->face == face && hb_segment_properties_equal(&p->props, props))
			return p->plan;
	}
	if (c->n_plans == SHAPE_PLANS_MAX) {
		for (size_t i = 0; i < c->n_plans; i++)
			hb_shape_plan_destroy(c->plans[i].plan);
		c->n_plans = 0;
	}
	const cv_face *f = &fs->faces[face];
	unsigned n_coords = 0;
	const int *coords = hb_font_get_var_coords_normalized(f->font, &n_coords);
	hb_shape_plan_t *plan = hb_shape_plan_create_cached2(f->face, props, features, N_FEATURES, coords, n_coords, NULL);
	c->plans[c->n_plans++] = (shape_plan){fs->serial, face, *props, plan};
	return plan;
}

/* Shapes text into c's buffer; *info and *pos are the buffer's arrays, valid until the next shaping. */
static unsigned shape_now(shape_cache *c, const cv_fontset *fs, int face, const char *text, size_t len,
			  hb_glyph_info_t **info, hb_glyph_position_t **pos)
{
	hb_buffer_t *buf = c->buf;
	hb_buffer_clear_contents(buf);
	hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_guess_segment_properties(buf);
	hb_segment_properties_t props;
	hb_buffer_get_segment_properties(buf, &props);
	hb_shape_plan_execute(plan_for(c, fs, face, &props), fs->faces[face].font, buf, features, N_FEATURES);
	unsigned n = 0;
	*info = hb_buffer_get_glyph_infos(buf, &n);
	*pos = hb_buffer_get_glyph_positions(buf, &n);
	return n;
}

/* The glyphs of a shaping as the layout reads them, written to out[0..n). */
static void keep_glyphs(cv_shaped *out, const hb_glyph_info_t *gi, const hb_glyph_position_t *gp, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		out[i] = (cv_shaped){gi[i].cluster, gp[i].x_advance};
}

unsigned cv_shape(const cv_fontset *fs, int face, const char *text, size_t len, const cv_shaped **glyphs)
{
	shape_cache *c = get_cache();
	hb_glyph_info_t *gi;
	hb_glyph_position_t *gp;
	if (len > SHAPE_CACHE_MAX_LEN) {
		unsigned n = shape_now(c, fs, face, text, len, &gi, &gp);
		cv_grow(&c->long_glyphs, &c->cap_long, n, sizeof *c->long_glyphs);
		keep_glyphs(c->long_glyphs, gi, gp, n);
		*glyphs = c->long_glyphs;
		return n;
	}
	uint64_t h = hash_key(fs->serial, face, text, len);
	size_t mask = c->cap_slots - 1, i = (size_t)h & mask;
	for (shape_entry *e = &c->slots[i]; e->hash; i = (i + 1) & mask, e = &c->slots[i]) {
		if (e->hash == h && e->fontset == fs->serial && e->face == face && e->len == len &&
		    memcmp(c->bytes + e->text, text, len) == 0) {
			*glyphs = c->glyphs + e->glyph;
			return e->n;
		}
	}
	unsigned n = shape_now(c, fs, face, text, len, &gi, &gp);
	if (c->n_entries >= SHAPE_CACHE_MAX_ENTRIES || c->n_bytes + len > SHAPE_CACHE_MAX_BYTES ||
	    c->n_glyphs + n > SHAPE_CACHE_MAX_GLYPHS) {
		clear_cache(c);
		for (i = (size_t)h & mask; c->slots[i].hash; i = (i + 1) & mask)
			;
	} else if (2 * (c->n_entries + 1) > c->cap_slots) {
		c->slots = cv_table_grow(c->slots, c->cap_slots, sizeof *c->slots, NULL);
		c->cap_slots *= 2;
		mask = c->cap_slots - 1;
		for (i = (size_t)h & mask; c->slots[i].hash; i = (i + 1) & mask)
			;
	}
	cv_grow(&c->bytes, &c->cap_bytes, c->n_bytes + len, 1);
	cv_grow(&c->glyphs, &c->cap_glyphs, c->n_glyphs + n, sizeof *c->glyphs);
	shape_entry *e = &c->slots[i];
	*e = (shape_entry){h, fs->serial, (uint32_t)c->n_bytes, (uint32_t)len, (uint32_t)c->n_glyphs, n, face};
	memcpy(c->bytes + c->n_bytes, text, len);
	keep_glyphs(c->glyphs + c->n_glyphs, gi, gp, n);
	c->n_bytes += len;
	c->n_glyphs += n;
	c->n_entries++;
	*glyphs = c->glyphs + e->glyph;
	return n;
}

void cv_text_thread_fini(void)
{
	/* The thread's cache is also freed by the TSS destructor when a thread exits; doing it here lets a
	 * worker (and the main thread, before exit) release it at a point of its choosing. */
	if (!cache)
		return;
	tss_set(cache_key, NULL);
	free_cache(cache);
	cache = NULL;
}

static void glyph_ink(const cv_fontset *fs, int face, uint32_t cp, float *left, float *right, float *advance)
{
	const cv_face *f = &fs->faces[face];
	hb_codepoint_t g = 0;
	hb_glyph_extents_t e = {0};
	*left = *right = *advance = 0;
	if (!hb_font_get_nominal_glyph(f->font, cp, &g))
		return;
	*advance = (float)hb_font_get_glyph_h_advance(f->font, g) / (float)f->upem;
	if (!hb_font_get_glyph_extents(f->font, g, &e) || e.width <= 0) {
		/* No ink (a space): the ink is taken as the whole advance, so nothing is trimmed. */
		*right = *advance;
		return;
	}
	*left = (float)e.x_bearing / (float)f->upem;
	*right = (float)(e.x_bearing + e.width) / (float)f->upem;
}

static uint64_t ink_hash(uint64_t fontset, uint32_t cp, int face)
{
	uint64_t h = (fontset * 0x9E3779B97F4A7C15u) ^ ((uint64_t)cp * 0xC2B2AE3D27D4EB4Fu) ^ (uint64_t)face;
	return h ^ (h >> 29);
}

static uint64_t ink_home(const void *entry)
{
	const ink_entry *e = entry;
	return ink_hash(e->fontset, e->cp, e->face);
}

void cv_glyph_ink(const cv_fontset *fs, int face, uint32_t cp, float *left, float *right, float *advance)
{
	shape_cache *c = get_cache();
	if (!c) {
		glyph_ink(fs, face, cp, left, right, advance);
		return;
	}
	if (!c->ink) {
		c->cap_ink = INK_FIRST_SLOTS;
		c->ink = cv_xcalloc(c->cap_ink, sizeof *c->ink);
	}
	uint64_t h = ink_hash(fs->serial, cp, face);
	size_t mask = c->cap_ink - 1, i = (size_t)h & mask;
	for (ink_entry *e = &c->ink[i]; e->fontset; i = (i + 1) & mask, e = &c->ink[i])
		if (e->fontset == fs->serial && e->cp == cp && e->face == face) {
			*left = e->left, *right = e->right, *advance = e->advance;
			return;
		}
	glyph_ink(fs, face, cp, left, right, advance);
	if (2 * (c->n_ink + 1) > c->cap_ink) {
		if (c->cap_ink < INK_SLOTS) {
			c->ink = cv_table_grow(c->ink, c->cap_ink, sizeof *c->ink, ink_home);
			c->cap_ink *= 2;
		} else {
			memset(c->ink, 0, c->cap_ink * sizeof *c->ink);
			c->n_ink = 0;
		}
		mask = c->cap_ink - 1;
		for (i = (size_t)h & mask; c->ink[i].fontset; i = (i + 1) & mask)
			;
	}
	c->ink[i] = (ink_entry){fs->serial, cp, face, *left, *right, *advance};
	c->n_ink++;
}

uint32_t cv_display_cp(const cv_fontset *fs, int face, uint32_t cp)
{
	hb_codepoint_t g;
	if (face == CV_FACE_CJK && cp == 0x00B7 && hb_font_get_nominal_glyph(fs->faces[face].font, 0x30FB, &g))
		return 0x30FB;
	return cp;
}
