/* Internals shared by the text engine's files: the font set's layout and the shaping helper.
 * Nothing outside src/text/ includes this.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_TEXT_INTERNAL_H
#define CV2PDF_TEXT_INTERNAL_H

#include <hb.h>

#include "cv2pdf/text.h"

typedef struct cv_face {
	hb_blob_t *blob; /* the whole file, memory-mapped by HarfBuzz; NULL: the face is absent */
	hb_face_t *face;
	hb_font_t *font; /* scaled to upem: positions come back in font units */
	unsigned index;  /* face index inside a .ttc */
	unsigned instance; /* a variable font's named instance + 1 (fontconfig's index >> 16); 0: default */
	bool glyf;       /* TrueType outlines in a static font: embedded as a HarfBuzz subset as it is */
	unsigned upem;
	float ascender, descender; /* em */
	char *path, *name;
	cv_span span; /* where the input named this font; zero for a shipped face */
} cv_face;

struct cv_fontset {
	cv_face faces[CV_FACE_COUNT];
	/* Unique in the process (cv_shape_serial): names the font set in the shaping cache, where a
	 * pointer could be reused by a later font set. */
	uint64_t serial;
};

/* Shapes text[0..len) with face (ligatures off, kerning on). Returns the glyph count and sets *info
 * and *pos to read-only arrays, valid until the next call on the same thread. Clusters are byte
 * offsets into text. info may be NULL. Results are cached per thread. */
unsigned cv_shape(const cv_fontset *fs, int face, const char *text, size_t len, hb_glyph_info_t **info,
		  hb_glyph_position_t **pos);
/* A new font set serial, never 0 and never repeated in the process. */
uint64_t cv_shape_serial(void);


/* Character classes (classify.c). */
bool cv_is_han(uint32_t c);
bool cv_is_cjk_open(uint32_t c);
bool cv_is_cjk_close(uint32_t c);
bool cv_is_cjk_symbol(uint32_t c);
bool cv_is_ambiguous(uint32_t c);
bool cv_is_latin_alnum(uint32_t c);

#endif
