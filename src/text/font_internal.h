/* Internals of font embedding shared by embed.c, sfnt.c and outline.c (and their unit test): reading
 * and writing sfnt tables, and turning any outline format FreeType reads into TrueType glyphs.
 * Nothing here knows about libharu or PDF. Nothing outside src/text/ and tests includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_FONT_INTERNAL_H
#define CV2PDF_FONT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* OpenType limits PostScript names to 63 characters. */
#define CV_PS_NAME_MAX 63

#define CV_TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* Big-endian reads and writes, as every sfnt field is. */
static inline uint16_t cv_rd16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}
static inline uint32_t cv_rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void cv_wr16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}
static inline void cv_wr32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A growing byte buffer (malloc'd; the owner frees data). */
typedef struct cv_bytes {
	unsigned char *data;
	size_t len, cap;
} cv_bytes;
unsigned char *cv_bytes_add(cv_bytes *b, size_t n); /* n more bytes, zeroed; valid until the next add */
void cv_bytes_u16(cv_bytes *b, uint32_t v);
void cv_bytes_u32(cv_bytes *b, uint32_t v);

/* One table of an sfnt being assembled. data is borrowed unless owned is set (then malloc'd and
 * freed by cv_sfnt_fini). */
typedef struct cv_sfnt_table {
	uint32_t tag;
	unsigned char *data;
	size_t len;
	bool owned;
} cv_sfnt_table;

/* The tables of a font, read from or to be written to one sfnt file. */
typedef struct cv_sfnt {
	uint32_t version; /* 0x00010000 for TrueType outlines */
	cv_sfnt_table *tables;
	size_t n, cap;
} cv_sfnt;

/* Reads the table directory of the sfnt in[0..len) into s, borrowing the table data from in. Returns
 * false (and leaves s empty) when in is not a well-formed single-font sfnt. */
bool cv_sfnt_read(cv_sfnt *s, const unsigned char *in, size_t len);
/* The table with tag, or NULL. */
cv_sfnt_table *cv_sfnt_find(cv_sfnt *s, uint32_t tag);
/* Adds or replaces a table; takes ownership of data (malloc'd). */
void cv_sfnt_put(cv_sfnt *s, uint32_t tag, unsigned char *data, size_t len);
/* Removes a table if present. */
void cv_sfnt_drop(cv_sfnt *s, uint32_t tag);
/* The font as one file: sorted table directory, checksums, 4-byte padding, head.checkSumAdjustment.
 * New malloc'd buffer of *len bytes. */
unsigned char *cv_sfnt_write(const cv_sfnt *s, size_t *len);
void cv_sfnt_fini(cv_sfnt *s);

/* A 'name' table (format 0) keeping old's records except those naming the font, which become ps
 * (style Regular) in Windows Unicode records. old may be NULL. NULL when the table would overflow its
 * 16-bit offsets; else a new malloc'd buffer of *len bytes. */
unsigned char *cv_sfnt_name_table(const unsigned char *old, size_t old_len, const char *ps, size_t *len);


/* ---- Outlines to TrueType (outline.c, the one user of FreeType) ---------------------------------- */

/* Largest distance between a cubic curve and the quadratic curves replacing it, in em, before the
 * points are rounded to whole font units: 1/2000 em is half a unit at 1000 units per em and 0.005 pt
 * at 10 pt, far below what a printer or screen shows. Rounding each point to the unit grid (TrueType
 * stores integers) moves the outline by at most another 0.71 unit. A finer tolerance made the glyphs
 * no closer to the originals (rounding dominates: tests/unit/test_fonts.c) and the PDF 7 % larger. */
#define CV_CURVE_TOLERANCE_EM (1.0 / 2000.0)

/* The glyph-level tables of a TrueType font made from another face's outlines. */
typedef struct cv_glyf_font {
	cv_bytes glyf, loca, hmtx;
	uint16_t n_glyphs;
	bool long_loca;                    /* head.indexToLocFormat */
	int x_min, y_min, x_max, y_max;    /* font units, over all glyphs (0 when all are empty) */
	int min_lsb, min_rsb, max_extent;  /* for hhea, font units */
	unsigned max_advance;
	unsigned max_points, max_contours; /* for maxp 1.0 */
} cv_glyf_font;

/* Reads glyphs gids[0..n) (gids[0] should be .notdef, 0) of face index `index` (a collection index,
 * plus a named instance in the upper 16 bits, as FreeType takes it) of the font file data[0..len) with
 * FreeType, unhinted at the face's default instance or the named one, and writes them as TrueType
 * glyphs numbered 0..n-1, cubic curves split into quadratic ones within CV_CURVE_TOLERANCE_EM and
 * contours turned clockwise, as TrueType has them. advances[i] is glyph i's advance in font units (the
 * text engine's, so the PDF and the layout agree). Returns false, with a reason in err, when FreeType
 * cannot read the face or a glyph. out is filled on success; free with cv_glyf_font_fini. */
bool cv_glyf_from_outlines(const unsigned char *data, size_t len, long index, const uint32_t *gids, size_t n,
			   const unsigned *advances, cv_glyf_font *out, char *err, size_t err_cap);
void cv_glyf_font_fini(cv_glyf_font *g);

/* Splits the cubic from p0 through c1, c2 to p3 into quadratic curves within tol: the number of pieces
 * (at most CV_CUBIC_PIECES_MAX), their control points in ctrl[2*i], ctrl[2*i+1] and end points in
 * end[2*i], end[2*i+1] (the last end is p3). Coordinates are x, y pairs. */
#define CV_CUBIC_PIECES_MAX 64
int cv_cubic_to_quads(const double p0[2], const double c1[2], const double c2[2], const double p3[2], double tol,
		      double ctrl[2 * CV_CUBIC_PIECES_MAX], double end[2 * CV_CUBIC_PIECES_MAX]);

#endif
