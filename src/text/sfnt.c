/* sfnt files table by table: reading a table directory, writing a font from its tables, and the
 * 'name' table a redrawn font gets anew (carrying the name the PDF gives it). Bytes only: no
 * FreeType, no PDF.
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

/* The sum of the big-endian 32-bit words of p[0..len), the last one padded with zeros. */
static uint32_t table_checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	size_t whole = len & ~(size_t)3;
	for (size_t i = 0; i < whole; i += 4)
		sum += cv_rd32(p + i);
	if (whole < len) {
		unsigned char w[4] = {0};
		memcpy(w, p + whole, len - whole);
		sum += cv_rd32(w);
	}
	return sum;
}

static int cmp_table(const void *a, const void *b)
{
	uint32_t x = ((const cv_sfnt_table *)a)->tag, y = ((const cv_sfnt_table *)b)->tag;
	return (x > y) - (x < y);
}

unsigned char *cv_sfnt_write(const cv_sfnt *s, size_t *len)
{
	size_t m = s->n;
	cv_sfnt_table *t = cv_xmalloc((m ? m : 1) * sizeof *t);
	if (m)
		memcpy(t, s->tables, m * sizeof *t);
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
	size_t off = 12 + 16 * m, head = 0;
	uint32_t tables_sum = 0;
	for (size_t i = 0; i < m; i++) {
		unsigned char *rec = out + 12 + 16 * i;
		if (t[i].len)
			memcpy(out + off, t[i].data, t[i].len);
		if (t[i].tag == CV_TAG('h', 'e', 'a', 'd') && t[i].len >= 12) {
			cv_wr32(out + off + 8, 0); /* checkSumAdjustment: its checksum is taken as 0 */
			head = off;
		}
		uint32_t sum = table_checksum(out + off, t[i].len);
		tables_sum += sum;
		cv_wr32(rec, t[i].tag);
		cv_wr32(rec + 4, sum);
		cv_wr32(rec + 8, (uint32_t)off);
		cv_wr32(rec + 12, (uint32_t)t[i].len);
		off += (t[i].len + 3) & ~(size_t)3;
	}
	free(t);
	/* The whole file's checksum, as the OpenType spec defines it, completes head (which the PDF
	 * embeds as it is). Tables start on 4-byte boundaries and are padded with zeros, so it is the
	 * directory's sum plus the tables' own, without a second pass over the file. */
	if (head)
		cv_wr32(out + head + 8, 0xB1B0AFBAu - (table_checksum(out, 12 + 16 * m) + tables_sum));
	*len = total;
	return out;
}

/* ---- name ------------------------------------------------------------------------------------ */

/* A redrawn font (outline.c) is a new font: its 'name' table says so with the name the PDF gives it,
 * instead of the face's family, style and unique ID. */

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
