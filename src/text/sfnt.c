/* sfnt files table by table: reading a table directory, writing a font from its tables, and the two
 * tables every embedded font gets anew ('name', so each subset has its own name, and 'cmap', which also
 * reaches characters above U+FFFF through private-use codes). Bytes only: no FreeType, no libharu.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "font_internal.h"

unsigned char *cv_bytes_add(cv_bytes *b, size_t n)
{
	cv_grow((void **)&b->data, &b->cap, b->len + n, 1);
	unsigned char *p = b->data + b->len;
	memset(p, 0, n);
	b->len += n;
	return p;
}

void cv_bytes_u16(cv_bytes *b, uint32_t v)
{
	cv_wr16(cv_bytes_add(b, 2), v);
}

void cv_bytes_u32(cv_bytes *b, uint32_t v)
{
	cv_wr32(cv_bytes_add(b, 4), v);
}

/* ---- Table directory ----------------------------------------------------------------------- */

bool cv_sfnt_read(cv_sfnt *s, const unsigned char *in, size_t len)
{
	memset(s, 0, sizeof *s);
	if (len < 12)
		return false;
	size_t n = cv_rd16(in + 4);
	if (12 + 16 * n > len)
		return false;
	s->version = cv_rd32(in);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *rec = in + 12 + 16 * i;
		size_t off = cv_rd32(rec + 8), tl = cv_rd32(rec + 12);
		if (off > len || tl > len - off) {
			cv_sfnt_fini(s);
			return false;
		}
		*CV_PUSH(s->tables, s->n, s->cap) = (cv_sfnt_table){cv_rd32(rec), (unsigned char *)(uintptr_t)(in + off), tl, false};
	}
	return true;
}

cv_sfnt_table *cv_sfnt_find(cv_sfnt *s, uint32_t tag)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->tables[i].tag == tag)
			return &s->tables[i];
	return NULL;
}

void cv_sfnt_drop(cv_sfnt *s, uint32_t tag)
{
	cv_sfnt_table *t = cv_sfnt_find(s, tag);
	if (!t)
		return;
	if (t->owned)
		free(t->data);
	*t = s->tables[--s->n];
}

void cv_sfnt_put(cv_sfnt *s, uint32_t tag, unsigned char *data, size_t len)
{
	cv_sfnt_drop(s, tag);
	*CV_PUSH(s->tables, s->n, s->cap) = (cv_sfnt_table){tag, data, len, true};
}

void cv_sfnt_fini(cv_sfnt *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->tables[i].owned)
			free(s->tables[i].data);
	free(s->tables);
	memset(s, 0, sizeof *s);
}

static uint32_t table_checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < len; i += 4) {
		unsigned char w[4] = {0};
		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += cv_rd32(w);
	}
	return sum;
}

static int cmp_table(const void *a, const void *b)
{
	uint32_t x = ((const cv_sfnt_table *)a)->tag, y = ((const cv_sfnt_table *)b)->tag;
	return (x > y) - (x < y);
}

/* A 'prep' program that pushes a zero and pops it (PUSHB[0] 0, POP): it does nothing. libharu 2.3.0
 * rewrites an embedded font with 'prep' last, and when the font has none (subsets drop hinting) it
 * seeks its memory stream to the very end to checksum the empty table; when the rewritten font is an
 * exact multiple of the stream's 4096-byte buffers, that seek fails (hpdf_streams.c,
 * HPDF_MemStream_SeekFunc) and saving stops with "invalid object" (0x1033): a résumé in a thousand
 * or so, by the glyphs it uses. A font written here therefore always has a non-empty 'prep'. */
static unsigned char noop_prep[] = {0xB0, 0x00, 0x21};

unsigned char *cv_sfnt_write(const cv_sfnt *s, size_t *len)
{
	size_t m = s->n;
	cv_sfnt_table *t = cv_xmalloc((m + 1) * sizeof *t);
	memcpy(t, s->tables, m * sizeof *t);
	bool has_prep = false;
	for (size_t i = 0; i < m; i++)
		has_prep = has_prep || (t[i].tag == CV_TAG('p', 'r', 'e', 'p') && t[i].len);
	if (!has_prep) {
		for (size_t i = 0; i < m; i++) /* an empty one: replaced */
			if (t[i].tag == CV_TAG('p', 'r', 'e', 'p'))
				t[i] = t[--m];
		t[m++] = (cv_sfnt_table){CV_TAG('p', 'r', 'e', 'p'), noop_prep, sizeof noop_prep, false};
	}
	qsort(t, m, sizeof *t, cmp_table);
	size_t total = 12 + 16 * m;
	for (size_t i = 0; i < m; i++)
		total += (t[i].len + 3) & ~(size_t)3;
	unsigned char *out = cv_xcalloc(1, total); /* zeroed: the padding between tables is part of it */
	unsigned pow2 = 1, log2 = 0;
	while (pow2 * 2 <= m) {
		pow2 *= 2;
		log2++;
	}
	cv_wr32(out, s->version);
	cv_wr16(out + 4, (uint32_t)m);
	cv_wr16(out + 6, 16 * pow2);
	cv_wr16(out + 8, log2);
	cv_wr16(out + 10, (uint32_t)(16 * m - 16 * pow2));
	size_t off = 12 + 16 * m;
	for (size_t i = 0; i < m; i++) {
		unsigned char *rec = out + 12 + 16 * i;
		if (t[i].len)
			memcpy(out + off, t[i].data, t[i].len);
		if (t[i].tag == CV_TAG('h', 'e', 'a', 'd') && t[i].len >= 12)
			cv_wr32(out + off + 8, 0); /* checkSumAdjustment: its checksum is taken as 0 */
		cv_wr32(rec, t[i].tag);
		cv_wr32(rec + 4, table_checksum(out + off, t[i].len));
		cv_wr32(rec + 8, (uint32_t)off);
		cv_wr32(rec + 12, (uint32_t)t[i].len);
		off += (t[i].len + 3) & ~(size_t)3;
	}
	free(t);
	*len = total;
	return out;
}

/* ---- name ------------------------------------------------------------------------------------ */

/* libharu keys loaded fonts by the name it reads from the 'name' table (PostScript name, plus the
 * style unless it is "Regular"): a second font with a name it has seen is silently replaced by the
 * first. Faces share a file when a family lacks a style or one font serves Latin and Chinese, and
 * their subsets differ, so each subset gets a 'name' table carrying its own unique name. */

typedef struct name_rec {
	uint16_t platform, encoding, language, id, len;
	const unsigned char *str;
} name_rec;

static int cmp_name_rec(const void *a, const void *b)
{
	const name_rec *x = a, *y = b;
	if (x->platform != y->platform)
		return x->platform < y->platform ? -1 : 1;
	if (x->encoding != y->encoding)
		return x->encoding < y->encoding ? -1 : 1;
	if (x->language != y->language)
		return x->language < y->language ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Name IDs that say which font this is (family, style, unique ID, full and PostScript names,
 * typographic, WWS and variation names): replaced. Copyright, version, licence and the like stay. */
static bool is_identity_name(uint16_t id)
{
	switch (id) {
	case 1: case 2: case 3: case 4: case 6: case 16: case 17: case 18: case 20: case 21: case 22: case 25:
		return true;
	default:
		return false;
	}
}

unsigned char *cv_sfnt_name_table(const unsigned char *old, size_t old_len, const char *ps, size_t *out_len)
{
	static const char regular[] = "Regular";
	static const uint16_t ids[] = {1, 2, 4, 6};
	unsigned char ps16[2 * CV_PS_NAME_MAX], reg16[2 * (sizeof regular - 1)];
	size_t ps_len = strnlen(ps, CV_PS_NAME_MAX);
	for (size_t i = 0; i < ps_len; i++)
		cv_wr16(ps16 + 2 * i, (unsigned char)ps[i]);
	for (size_t i = 0; i + 1 < sizeof regular; i++)
		cv_wr16(reg16 + 2 * i, (unsigned char)regular[i]);

	size_t old_count = old && old_len >= 6 ? cv_rd16(old + 2) : 0;
	size_t storage = old_count ? cv_rd16(old + 4) : 0;
	name_rec *recs = cv_xmalloc((old_count + 4) * sizeof *recs);
	size_t n = 0;
	for (size_t i = 0; i < old_count && 6 + 12 * (i + 1) <= old_len; i++) {
		const unsigned char *p = old + 6 + 12 * i;
		name_rec r = {cv_rd16(p), cv_rd16(p + 2), cv_rd16(p + 4), cv_rd16(p + 6), cv_rd16(p + 8), NULL};
		size_t off = storage + cv_rd16(p + 10);
		/* Language-tag records (format 1) would need the tag list too; they are never needed. */
		if (off + r.len > old_len || is_identity_name(r.id) || r.language >= 0x8000)
			continue;
		r.str = old + off;
		recs[n++] = r;
	}
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		bool style = ids[i] == 2;
		recs[n++] = (name_rec){3, 1, 0x409, ids[i], (uint16_t)(style ? sizeof reg16 : 2 * ps_len),
				       style ? reg16 : ps16};
	}
	qsort(recs, n, sizeof *recs, cmp_name_rec);

	size_t head = 6 + 12 * n, strings = 0;
	for (size_t i = 0; i < n; i++)
		strings += recs[i].len;
	unsigned char *t = NULL;
	if (head <= 0xFFFF && strings <= 0xFFFF) {
		t = cv_xmalloc(head + strings);
		cv_wr16(t, 0);
		cv_wr16(t + 2, (uint32_t)n);
		cv_wr16(t + 4, (uint32_t)head);
		size_t off = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char *p = t + 6 + 12 * i;
			cv_wr16(p, recs[i].platform);
			cv_wr16(p + 2, recs[i].encoding);
			cv_wr16(p + 4, recs[i].language);
			cv_wr16(p + 6, recs[i].id);
			cv_wr16(p + 8, recs[i].len);
			cv_wr16(p + 10, (uint32_t)off);
			memcpy(t + head + off, recs[i].str, recs[i].len);
			off += recs[i].len;
		}
		*out_len = head + strings;
	}
	free(recs);
	return t;
}

/* ---- cmap ------------------------------------------------------------------------------------ */

/* The end of the run of consecutive codes starting at i; *delta: whose glyphs are consecutive too. */
static size_t run_end(const uint32_t *codes, const uint16_t *glyphs, size_t n, size_t i, bool *delta)
{
	size_t j = i + 1;
	*delta = true;
	while (j < n && codes[j] == codes[j - 1] + 1) {
		*delta = *delta && glyphs[j] == glyphs[j - 1] + 1;
		j++;
	}
	return j;
}

unsigned char *cv_sfnt_cmap_table(const uint32_t *codes, const uint16_t *glyphs, size_t n, size_t *len)
{
	/* Segments: maximal runs of consecutive codes. A run whose glyphs are consecutive too is one
	 * idDelta; any other reads its glyphs from glyphIdArray. The last segment is the obligatory one
	 * ending at 0xFFFF. */
	size_t n_seg = 1, n_array = 0;
	for (size_t i = 0; i < n;) {
		bool delta;
		size_t j = run_end(codes, glyphs, n, i, &delta);
		n_seg++;
		if (!delta)
			n_array += j - i;
		i = j;
	}
	size_t sub_len = 16 + 8 * n_seg + 2 * n_array;
	if (sub_len > 0xFFFF)
		return NULL;
	size_t total = 4 + 8 + sub_len;
	unsigned char *t = cv_xcalloc(1, total), *s = t + 12;
	cv_wr16(t, 0);      /* version */
	cv_wr16(t + 2, 1);  /* one encoding record */
	cv_wr16(t + 4, 3);  /* Windows */
	cv_wr16(t + 6, 1);  /* Unicode BMP */
	cv_wr32(t + 8, 12); /* subtable offset */
	unsigned pow2 = 1, log2 = 0;
	while (pow2 * 2 <= n_seg) {
		pow2 *= 2;
		log2++;
	}
	cv_wr16(s, 4);
	cv_wr16(s + 2, (uint32_t)sub_len);
	cv_wr16(s + 4, 0); /* language */
	cv_wr16(s + 6, (uint32_t)(2 * n_seg));
	cv_wr16(s + 8, 2 * pow2);
	cv_wr16(s + 10, log2);
	cv_wr16(s + 12, (uint32_t)(2 * n_seg - 2 * pow2));
	unsigned char *ends = s + 14, *starts = ends + 2 * n_seg + 2, *deltas = starts + 2 * n_seg;
	unsigned char *offsets = deltas + 2 * n_seg, *array = offsets + 2 * n_seg;
	size_t seg = 0, a = 0;
	for (size_t i = 0; i < n;) {
		bool delta;
		size_t j = run_end(codes, glyphs, n, i, &delta);
		cv_wr16(starts + 2 * seg, codes[i]);
		cv_wr16(ends + 2 * seg, codes[j - 1]);
		if (delta) {
			cv_wr16(deltas + 2 * seg, (uint32_t)(glyphs[i] - codes[i]) & 0xFFFF);
		} else {
			/* idRangeOffset counts bytes from this very field to the glyph of the first code. */
			size_t field = (size_t)(offsets + 2 * seg - s), target = (size_t)(array + 2 * a - s);
			cv_wr16(offsets + 2 * seg, (uint32_t)(target - field));
			for (size_t k = i; k < j; k++)
				cv_wr16(array + 2 * a++, glyphs[k]);
		}
		seg++;
		i = j;
	}
	cv_wr16(starts + 2 * seg, 0xFFFF);
	cv_wr16(ends + 2 * seg, 0xFFFF);
	cv_wr16(deltas + 2 * seg, 1);
	*len = total;
	return t;
}
