/* Bytes of the PDF that need no PDF library: numbers for content streams, the character table of an
 * embedded font and the width array, CIDToGIDMap and ToUnicode CMap made from it, and deflate.
 * pdf_haru.c puts them into libharu's objects; nothing here knows libharu.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "render_internal.h"

/* Entries per beginbfrange or beginbfchar block: PDF 32000 §9.10.3 (via Adobe TN 5014) allows at
 * most 100. */
#define CMAP_BLOCK 100
/* Digits of the longest number cv_buf_num writes (a 64-bit integer part), with sign and decimals. */
#define NUM_MAX 32

void cv_buf_put(cv_buf *b, const void *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = 2 * (b->n + n) + 256;
		b->p = cv_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

void cv_buf_str(cv_buf *b, const char *s)
{
	cv_buf_put(b, s, strlen(s));
}

void cv_buf_num(cv_buf *b, double v)
{
	cv_buf_fixed(b, v, 3);
}

void cv_buf_fixed(cv_buf *b, double v, int decimals)
{
	static const double scale[] = {1, 10, 100, 1000, 10000, 100000};
	char buf[NUM_MAX];
	decimals = decimals < 0 ? 0 : decimals > 5 ? 5 : decimals;
	/* A display list's numbers are finite page coordinates; anything else is written as 0 rather
	 * than overflow (the layout stage never makes one; a broken font's size could). */
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	unsigned long long unit = (unsigned long long)scale[decimals];
	long long m = llround(v * (double)unit);
	bool neg = m < 0;
	unsigned long long u = neg ? (unsigned long long)(-m) : (unsigned long long)m;
	char *e = buf + sizeof buf, *q = e;
	unsigned long long frac = u % unit, whole = u / unit;
	if (frac) {
		int digits = decimals;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		for (int k = 0; k < digits; k++) {
			*--q = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--q = '.';
	}
	do {
		*--q = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole);
	if (neg)
		*--q = '-';
	cv_buf_put(b, q, (size_t)(e - q));
}

void cv_buf_hex4(cv_buf *b, unsigned v)
{
	static const char digits[] = "0123456789ABCDEF";
	char h[4] = {digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15]};
	cv_buf_put(b, h, 4);
}

/* ---- The character table ------------------------------------------------------------------- */

void cv_charset_add(cv_charset *s, uint32_t cp)
{
	if (cp >= 0x110000 || s->sealed)
		return;
	uint16_t **b = &s->blocks[cp >> 12];
	if (!*b)
		*b = cv_xcalloc(0x1000, sizeof **b);
	s->n += !(*b)[cp & 0xFFF];
	(*b)[cp & 0xFFF] = 1;
}

size_t cv_charset_seal(cv_charset *s)
{
	size_t lost = 0;
	s->cps = cv_xmalloc((s->n ? s->n : 1) * sizeof *s->cps);
	s->n = 0;
	for (size_t k = 0; k < sizeof s->blocks / sizeof s->blocks[0]; k++)
		for (size_t i = 0; s->blocks[k] && i < 0x1000; i++) {
			if (!s->blocks[k][i])
				continue;
			if (s->n == CV_CHARSET_MAX) {
				s->blocks[k][i] = 0;
				lost++;
				continue;
			}
			s->cps[s->n++] = (uint32_t)(k << 12 | i);
			s->blocks[k][i] = (uint16_t)s->n;
		}
	s->glyph = cv_xcalloc(s->n + 1, sizeof *s->glyph);
	s->width = cv_xcalloc(s->n + 1, sizeof *s->width);
	s->sealed = true;
	return lost;
}

void cv_charset_fini(cv_charset *s)
{
	for (size_t k = 0; k < sizeof s->blocks / sizeof s->blocks[0]; k++)
		free(s->blocks[k]);
	free(s->cps);
	free(s->glyph);
	free(s->width);
	memset(s, 0, sizeof *s);
}

/* ---- Font pieces --------------------------------------------------------------------------- */

void cv_pdf_widths(const cv_charset *s, cv_buf *out)
{
	/* Codes run 1..n without gaps: one list says every width. */
	cv_buf_str(out, "1 [");
	for (size_t c = 1; c <= s->n; c++) {
		cv_buf_num(out, s->width[c]);
		cv_buf_put(out, c < s->n ? " " : "]", 1);
	}
	if (!s->n)
		cv_buf_put(out, "]", 1);
}

void cv_pdf_cid_to_gid(const cv_charset *s, cv_buf *out)
{
	for (size_t c = 0; c <= s->n; c++) {
		unsigned char g[2] = {(unsigned char)(s->glyph[c] >> 8), (unsigned char)s->glyph[c]};
		cv_buf_put(out, g, 2);
	}
}

/* A character as a CMap destination string's hexadecimal digits: UTF-16BE. */
static void put_utf16(cv_buf *out, uint32_t cp)
{
	if (cp > 0xFFFF) {
		cv_buf_hex4(out, 0xD800 + ((cp - 0x10000) >> 10));
		cv_buf_hex4(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
	} else {
		cv_buf_hex4(out, cp);
	}
}

/* Appends one block of ranges (first code, last code, first character) or, with single, of single
 * codes (first code, character). */
static void put_block(cv_buf *out, const uint32_t (*e)[3], size_t n, bool single)
{
	char head[48];
	size_t len = (size_t)snprintf(head, sizeof head, "%zu %s\n", n, single ? "beginbfchar" : "beginbfrange");
	cv_buf_put(out, head, len);
	for (size_t i = 0; i < n; i++) {
		cv_buf_put(out, "<", 1);
		cv_buf_hex4(out, e[i][0]);
		if (!single) {
			cv_buf_put(out, "> <", 3);
			cv_buf_hex4(out, e[i][1]);
		}
		cv_buf_put(out, "> <", 3);
		put_utf16(out, e[i][2]);
		cv_buf_put(out, ">\n", 2);
	}
	cv_buf_str(out, single ? "endbfchar\n" : "endbfrange\n");
}

void cv_pdf_to_unicode(const cv_charset *s, cv_buf *out)
{
	cv_buf_str(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
			"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	uint32_t ranges[CMAP_BLOCK][3], singles[CMAP_BLOCK][3];
	size_t nr = 0, ns = 0;
	for (size_t c = 1; c <= s->n;) {
		/* A range: codes and characters both run on, within one last byte of each (a bfrange may
		 * vary only in its last byte, and its destination's last byte must not overflow). */
		uint32_t cp = s->cps[c - 1];
		size_t e = c;
		while (e < s->n && s->cps[e] == s->cps[e - 1] + 1 && ((e + 1) >> 8) == (c >> 8) &&
		       (s->cps[e] >> 8) == (cp >> 8) && cp <= 0xFFFF)
			e++;
		if (e > c) {
			if (nr == CMAP_BLOCK) {
				put_block(out, (const uint32_t(*)[3])ranges, nr, false);
				nr = 0;
			}
			ranges[nr][0] = (uint32_t)c, ranges[nr][1] = (uint32_t)e, ranges[nr][2] = cp;
			nr++;
		} else {
			if (ns == CMAP_BLOCK) {
				put_block(out, (const uint32_t(*)[3])singles, ns, true);
				ns = 0;
			}
			singles[ns][0] = (uint32_t)c, singles[ns][1] = 0, singles[ns][2] = cp;
			ns++;
		}
		c = e + 1;
	}
	if (nr)
		put_block(out, (const uint32_t(*)[3])ranges, nr, false);
	if (ns)
		put_block(out, (const uint32_t(*)[3])singles, ns, true);
	cv_buf_str(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* ---- Deflate ------------------------------------------------------------------------------- */

/* A stream of at most this many bytes is deflated with a window of the same size (2^SMALL_WINDOW_BITS)
 * and a small hash table (zlib's memLevel, 2^(SMALL_MEM_LEVEL + 7) entries). */
#define SMALL_WINDOW_BITS 12
#define SMALL_STREAM (1u << SMALL_WINDOW_BITS)
#define SMALL_MEM_LEVEL 4

bool cv_deflate(cv_deflater *d, const void *in, size_t len, int level, cv_buf *out)
{
	bool small = len <= SMALL_STREAM;
	cv_zstate *s = small ? &d->small : &d->big;
	if (!s->ready) {
		memset(&s->z, 0, sizeof s->z);
		if (deflateInit2(&s->z, level, Z_DEFLATED, small ? SMALL_WINDOW_BITS : MAX_WBITS,
				 small ? SMALL_MEM_LEVEL : 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return false;
		s->ready = true;
		s->level = level;
	} else if (deflateReset(&s->z) != Z_OK) {
		return false;
	}
	if (s->level != level) {
		/* deflateParams right after a reset changes the level before any data is compressed. */
		if (deflateParams(&s->z, level, Z_DEFAULT_STRATEGY) != Z_OK)
			return false;
		s->level = level;
	}
	size_t bound = deflateBound(&s->z, (uLong)len);
	out->n = 0;
	if (bound > out->cap) {
		out->cap = bound;
		out->p = cv_xrealloc(out->p, out->cap);
	}
	s->z.next_in = (Bytef *)(uintptr_t)in;
	s->z.avail_in = (uInt)len;
	s->z.next_out = (Bytef *)out->p;
	s->z.avail_out = (uInt)out->cap;
	if (deflate(&s->z, Z_FINISH) != Z_STREAM_END)
		return false;
	out->n = out->cap - s->z.avail_out;
	return true;
}

void cv_deflater_fini(cv_deflater *d)
{
	cv_zstate *states[] = {&d->big, &d->small};
	for (size_t i = 0; i < 2; i++) {
		if (states[i]->ready)
			deflateEnd(&states[i]->z);
		states[i]->ready = false;
	}
}
