/* The renderer's byte-level helpers (pdf_bytes.c): content-stream text, the character table of an
 * embedded font and the PDF pieces built from it, and zlib. Nothing here knows libharu; pdf_haru.c
 * puts these bytes into libharu's objects. Nothing outside src/render/ includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_RENDER_INTERNAL_H
#define CV2PDF_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

/* A growing byte buffer (malloc'd; the owner frees p). */
typedef struct cv_buf {
	char *p;
	size_t n, cap;
} cv_buf;

void cv_buf_put(cv_buf *b, const void *s, size_t n);
void cv_buf_str(cv_buf *b, const char *s);
/* A number in PDF syntax with up to three decimals (no exponent, locale-independent), without a
 * separator; non-finite or absurd values (beyond 10^12) are written as 0. */
void cv_buf_num(cv_buf *b, double v);
/* The same with up to decimals (0-5) decimals: character spacing, which adds up along a line. */
void cv_buf_fixed(cv_buf *b, double v, int decimals);
/* Four upper-case hexadecimal digits of v (a 2-byte code in a <...> string). */
void cv_buf_hex4(cv_buf *b, unsigned v);

/* The characters one embedded font draws, each with its own 2-byte code: 1, 2, ... in code-point
 * order once sealed (0 is .notdef's CID and never a character's). Adding is a table store, not a
 * sorted insert: a document adds every character it draws, tens of thousands of times. */
typedef struct cv_charset {
	uint16_t *blocks[0x110000 >> 12]; /* per 4,096 code points: 0 absent, 1 added, or the code */
	uint32_t *cps;                    /* once sealed: the characters in code order, cps[code - 1] */
	size_t n;                         /* characters added; once sealed, those with a code */
	uint16_t *glyph, *width;          /* by code: the glyph it draws and its width (1/1000 em) */
	bool sealed;
} cv_charset;

/* More characters than 2-byte codes can name are left out (cv_charset_seal's count says so). */
#define CV_CHARSET_MAX 0xFFFEu

void cv_charset_add(cv_charset *s, uint32_t cp);
/* Numbers the characters added, in code-point order, and lists them in cps. Returns how many were
 * left out for want of codes (beyond CV_CHARSET_MAX). */
size_t cv_charset_seal(cv_charset *s);
/* The code of cp, 0 when it was not added (or was left out). */
static inline uint16_t cv_charset_code(const cv_charset *s, uint32_t cp)
{
	const uint16_t *b = cp < 0x110000 ? s->blocks[cp >> 12] : NULL;
	return b ? b[cp & 0xFFF] : 0;
}
void cv_charset_fini(cv_charset *s);

/* The descendant font's /W array contents ("1 [w1 w2 ...]") for codes 1..n. */
void cv_pdf_widths(const cv_charset *s, cv_buf *out);
/* The CIDToGIDMap stream: two bytes, big-endian, per code from 0 to n. */
void cv_pdf_cid_to_gid(const cv_charset *s, cv_buf *out);
/* A ToUnicode CMap sending each code back to its character (UTF-16BE, a surrogate pair above
 * U+FFFF), in ranges where codes and characters run on together. */
void cv_pdf_to_unicode(const cv_charset *s, cv_buf *out);

/* zlib's deflate, stream states reused for every stream of a document (deflateInit allocates and
 * clears hundreds of kilobytes). Two of them: a reset still clears the state's hash table (64 KB
 * at zlib's default sizes), which costs more than compressing a CMap or a widths array of a few
 * hundred bytes, so streams up to SMALL_STREAM bytes go to a state with a window as large as they
 * are and a hash table of 4 KB (the same compression: the window holds the whole stream). */
typedef struct cv_zstate {
	z_stream z;
	bool ready;
	int level;
} cv_zstate;

typedef struct cv_deflater {
	cv_zstate big, small;
} cv_deflater;

/* Compresses in[0..len) at level (1-9) into out (replacing its contents). Returns false when zlib
 * fails (out of memory). */
bool cv_deflate(cv_deflater *d, const void *in, size_t len, int level, cv_buf *out);
void cv_deflater_fini(cv_deflater *d);

#endif
