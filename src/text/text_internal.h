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
	/* Bit c set: the face has a glyph for ASCII code c. Choosing a face asks about every character
	 * of a paragraph, and HarfBuzz's cmap lookup costs some 200 instructions: a third of a million
	 * lookups' worth on a one-page résumé, for the 128 answers kept here. */
	uint64_t ascii[2];
	char *path, *name;
	cv_span span; /* where the input named this font; zero for a shipped face */
} cv_face;

struct cv_fontset {
	cv_face faces[CV_FACE_COUNT];
	/* Unique in the process (cv_shape_serial): names the font set in the shaping cache, where a
	 * pointer could be reused by a later font set. */
	uint64_t serial;
};

/* One shaped glyph as the layout reads it: its cluster (a byte offset into the text shaped) and its
 * advance in font units. The layout places glyphs by advances alone; HarfBuzz's two records per glyph
 * are 40 bytes, these 8, and the cache keeps thousands of them. */
typedef struct cv_shaped {
	uint32_t cluster;
	int32_t advance;
} cv_shaped;

/* Shapes text[0..len) with face (ligatures off, kerning on). Returns the glyph count and sets *glyphs
 * to a read-only array, valid until the next call on the same thread. Results are cached per thread. */
unsigned cv_shape(const cv_fontset *fs, int face, const char *text, size_t len, const cv_shaped **glyphs);
/* cv_font_subset for the PDF writer, giving the subset's glyph of each cps[i] in glyphs[0..n) (0 for
 * a character the face lacks), without the tables the writer never reads (cmap, vertical metrics). */
unsigned char *cv_font_subset_glyphs(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len,
				     uint16_t *glyphs);
/* A new font set serial, never 0 and never repeated in the process. */
uint64_t cv_shape_serial(void);


/* The ink of cp's glyph in face: its left and right edges and the glyph's advance, all in em from
 * the glyph's origin (0s when the face lacks cp). Compression of full-width punctuation follows the
 * ink (WenQuanYi's brackets are centred in their em, not set at its edge). */
void cv_glyph_ink(const cv_fontset *fs, int face, uint32_t cp, float *left, float *right, float *advance);

/* ---- Items: what paragraph.c prepares and linebreak.c breaks ------------------------------- */


enum { CV_IT_BOX, CV_IT_GLUE, CV_IT_PEN };

/* Kinds of glue, for justification's order (rule 13). */
enum {
	CV_GLUE_WORD,   /* a word space */
	CV_GLUE_TIE,    /* a space that keeps its width: number and unit, date ranges */
	CV_GLUE_HANLAT, /* the quarter em between Han and Latin (rule 8) */
	CV_GLUE_HAN,    /* between two CJK characters: justification's last resort */
	CV_GLUE_SEP     /* an item separator ("  |  "): drawn inside a line, dropped at its edges */
};

/* Penalties: plain.tex uses 10000 as "never" and -10000 as "always". */
#define CV_PEN_NEVER 10000
#define CV_PEN_FORCE (-10000)

typedef struct cv_item {
	uint8_t type; /* CV_IT_* */
	uint8_t glue; /* CV_GLUE_* for glue */
	bool hyphen;  /* penalty: a flagged break, ending its line with a hyphen (TeX's discretionary) */
	float w, stretch, shrink; /* points; a penalty's w is added to the line's width when it breaks there */
	int penalty;
	/* Box: characters [c0, c1) of one face and inline. Glue: the source characters it draws (a space,
	 * a separator), or c0 == c1 for none. */
	uint32_t c0, c1;
	/* Box: change of its last character's advance (compressed punctuation), points, included in w. */
	float dx;
	/* How much more it may widen once every glue is at its stretch (r = 1), points: a word space up
	 * to its widest, a box by font expansion. 0 for the rest (Han gaps, Han-Latin gaps, Chinese). */
	float room;
	/* Penalty: the next line starts this far left of its edge (a pulled-back opening bracket). */
	float start_adjust;
} cv_item;

typedef struct cv_kp_opts {
	float width, rest_width; /* as in cv_para_opts */
	size_t lines_at_width;
	float first_indent;      /* the first line is this much narrower */
	bool justify;            /* glue stretches; otherwise the line end does (ragged right) */
	double threshold;        /* largest adjustment ratio of a feasible line */
	/* The last pass: lines past the threshold are taken too, so that some set of lines always comes
	 * out; in justified text one that would stay far short of the margin at its loosest is set
	 * ragged (cv_kp_ragged). */
	bool last_resort;
} cv_kp_opts;

/* The adjustment ratio of a line short of extra points, with glue stretch Y and room E (cv_item.room):
 * up to r = 1 the stretch alone, from 1 to CV_KP_FULL the room, taken in one share by every item. */
double cv_kp_ratio(double extra, double Y, double E);
#define CV_KP_FULL 2.0

/* Whether a justified line short of its margin by extra points, with glue stretch Y and room E, is
 * past the tolerance and would still leave more than a small share of the width blank at its
 * loosest: such a line is set ragged, at natural spacing and flush left, as the last line of a
 * paragraph is, rather than both loose and short (the line before a URL that moves whole to the next
 * line, a Chinese line that could only be letter-spaced). A line nearly flush at its loosest is set
 * so. */
bool cv_kp_ragged(double extra, double Y, double E, double width);

/* Width of line number line (0-based) under o. */
float cv_kp_line_width(const cv_kp_opts *o, size_t line);

/* Chooses the breaks of it[0..n), which ends with a forced penalty, by total fit. Returns the number
 * of lines and sets *breaks to a new array (caller frees) of the item index ending each line; returns
 * 0 with *breaks NULL when no set of lines stays within o->threshold, unless o->last_resort. */
size_t cv_kp_break(const cv_item *it, size_t n, const cv_kp_opts *o, size_t **breaks);

/* Hyphenation points of the word w[0..n) (UTF-8): byte offsets where a line may end with a hyphen,
 * at most max of them, in pos. Only lower-case ASCII words of six letters or more are hyphenated;
 * 0 for anything else or when no dictionary is installed. Safe across threads. */
size_t cv_hyphenate(const char *w, size_t n, size_t *pos, size_t max);

/* Doubles an open-addressing table of n entries of size bytes (n a power of two, probed linearly),
 * moving every entry to its place in the new one, and frees the old one. Each entry starts with a
 * uint64_t that is 0 in an empty slot; it is the entry's hash unless hash gives it. The memo's tables
 * and the shaping caches' (cache.c, shape.c). */
void *cv_table_grow(void *old, size_t n, size_t size, uint64_t (*hash)(const void *entry));

/* The memo (cache.c): a paragraph laid out before with these inlines and options, into out (memo
 * memory, links set from in), its messages added to d again; false when there is none. _put keeps
 * para, whose run r came from inline inlines[r], and a copy of the messages laying it out gave. para
 * must have been laid out in the arena cv_text_cache_arena() gave (its runs, lines, texts and
 * advances are kept, not copied). */
bool cv_text_cache_get(cv_text_cache *c, const cv_inline *in, size_t n_in, const cv_para_opts *o, cv_para *out,
		       cv_diags *d);
void cv_text_cache_put(cv_text_cache *c, const cv_inline *in, size_t n_in, const cv_para_opts *o, const cv_para *para,
		       const uint32_t *inlines, const cv_diags *said);

/* Where to lay out a paragraph that will be given to cv_text_cache_put: the memo's own arenas while
 * it takes paragraphs, so that a paragraph is kept without a copy; otherwise (the memo is full).
 * _arena is for its runs and lines, _text_arena for the runs' texts and advances, which outlive the
 * rest (cv_text_cache_release). */
cv_arena *cv_text_cache_arena(cv_text_cache *c, cv_arena *otherwise);
cv_arena *cv_text_cache_text_arena(cv_text_cache *c, cv_arena *otherwise);

/* cv_text_breaks() through the memo: the break opportunities of text in lang, computed once. */
void cv_text_cache_breaks(cv_text_cache *c, const char *text, size_t len, const char *lang, char *brk);

/* Character classes (classify.c). */
bool cv_is_han(uint32_t c);
bool cv_is_cjk_open(uint32_t c);
bool cv_is_cjk_close(uint32_t c);
bool cv_is_cjk_symbol(uint32_t c);
bool cv_is_ambiguous(uint32_t c);
bool cv_is_latin_alnum(uint32_t c);

#endif
