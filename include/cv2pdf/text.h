/* The text engine: fonts, break opportunities, shaping and line breaking for mixed English and Chinese.
 * In: a paragraph of styled runs and a width. Out: lines of positioned runs in points. It knows
 * nothing about PDF or libharu, and nothing about résumés.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_TEXT_H
#define CV2PDF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Fonts ---------------------------------------------------------------------------------- */

/* Style bits of an inline run. CV_NOBREAK: no line break inside the inline (a contact item), unless
 * it alone is wider than the line. CV_SEPARATOR: the inline separates items ("  |  "); a line may
 * break at it, and it disappears at a line edge. */
enum { CV_BOLD = 1, CV_ITALIC = 2, CV_CODE = 4, CV_NOBREAK = 8, CV_SEPARATOR = 16 };

/* Faces of a font set, by index. The Latin family has four styles. The Chinese family has a regular
 * face and, when the family has one (Noto Sans/Serif CJK do), a real bold face; otherwise bold Chinese
 * is drawn synthetically (fill and stroke), as with the shipped WenQuanYi. Fallback faces, named after
 * the Chinese family in design.cjk_font_family ("Noto Serif CJK SC, HanaMinB"), draw characters no
 * earlier face covers, such as CJK Extension B. Faces other than the four Latin ones and the Chinese
 * regular may be absent (cv_fontset_present). */
enum {
	CV_FACE_LATIN_REGULAR = 0,
	CV_FACE_LATIN_BOLD = 1,
	CV_FACE_LATIN_ITALIC = 2,
	CV_FACE_LATIN_BOLD_ITALIC = 3,
	CV_FACE_CJK = 4,
	CV_FACE_CJK_BOLD = 5,
	CV_FACE_FALLBACK = 6, /* the first of CV_FALLBACK_FACES */
	CV_FACE_COUNT = 9
};
/* Fallback families after the Chinese one: enough for a font split in two by the 65,535-glyph limit
 * (HanaMinA and HanaMinB) plus one more; each is only embedded when a character needs it. */
#define CV_FALLBACK_FACES (CV_FACE_COUNT - CV_FACE_FALLBACK)

typedef struct cv_fontset cv_fontset;

typedef struct cv_font_request {
	const char *font_dir;    /* folder of the shipped fonts; NULL: where they are installed */
	const char *latin;       /* family name or file for the Latin faces; NULL: shipped Noto Sans */
	const char *cjk;         /* family name or file for the Chinese face, optionally followed by
				  * fallback families or files, comma-separated; NULL: shipped WenQuanYi */
	cv_span latin_span, cjk_span; /* where the request came from, for diagnostics */
} cv_font_request;

/* Loads every face of the request: fonts with TrueType, CFF or CFF2 outlines, single files or one face
 * of a collection; a variable font at its default instance, or the named instance fontconfig chose.
 * Returns NULL and adds an error to d when a face cannot be found or has no usable outlines. Caller frees with cv_fontset_free(). Loaded once per process
 * and shared read-only by every document rendered with it (safe across threads once built).
 * Creating and freeing sets is not thread-safe: a set that looked families up through fontconfig
 * releases fontconfig's configuration when freed. */
cv_fontset *cv_fontset_new(const cv_font_request *req, cv_diags *d);
void cv_fontset_free(cv_fontset *fs);

/* Frees the calling thread's shaping buffer and cache. Every thread that laid out text calls it when
 * it is done (the main thread too: nothing else frees its cache, and cv_fontset_free leaves other
 * font sets' entries alone); the next layout on the thread starts afresh. */
void cv_text_thread_fini(void);

/* Whether dir holds the shipped fonts (cv_font_request.font_dir): the command line tries the places
 * they may be in turn (src/cli/env.c). */
bool cv_font_dir_ok(const char *dir);
/* PostScript-ish name used to label the face in the PDF; static or fontset-owned ("" when absent). */
const char *cv_fontset_name(const cv_fontset *fs, int face);
/* The first face of the set that is the same font as face (one file, one face in it, one instance),
 * face itself if none is: the PDF writer embeds such faces once. */
int cv_fontset_canonical(const cv_fontset *fs, int face);
/* Whether the font set has this face (see the CV_FACE_* list). */
bool cv_fontset_present(const cv_fontset *fs, int face);
/* What a face is for, in words ("Latin bold", "Chinese", "fallback"): static. */
const char *cv_face_role(int face);
/* The file a face was loaded from, fontset-owned (NULL for an absent face): the command line refuses
 * an output that would replace it. */
const char *cv_fontset_path(const cv_fontset *fs, int face);
/* Where the input named the face's font (font_family or cjk_font_family); a zero span (file NULL)
 * for a shipped or absent face. */
cv_span cv_fontset_span(const cv_fontset *fs, int face);
/* Whether face has a glyph for cp (false for an absent face). */
bool cv_fontset_has(const cv_fontset *fs, int face, uint32_t cp);
/* Font-wide metrics in em (1.0 = font size): ascender (positive) and descender (negative). */
void cv_fontset_metrics(const cv_fontset *fs, int face, float *ascender, float *descender);

/* HarfBuzz's subset of face holding exactly the code points cps[0..n) (plus .notdef), as a font file of
 * the face's own flavour (TrueType, or CFF for a CFF face) with its cmap, in a new malloc'd buffer
 * (caller frees). Glyphs are renumbered densely. Returns NULL on failure. cv_font_embed makes the
 * same subset, less the tables a PDF does not read, for static TrueType faces. */
unsigned char *cv_font_subset(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, size_t *len);

/* The character whose glyph face draws for cp: cp itself, except where the text stage sets a form
 * the font keeps under another code point. The one case: the Chinese middle dot (间隔号), U+00B7 in
 * the Chinese face, is drawn full-width and centred with the face's U+30FB glyph when it has one,
 * while the text still reads U+00B7. Layout measures with it; the renderer embeds and maps it. */
uint32_t cv_display_cp(const cv_fontset *fs, int face, uint32_t cp);

/* What a PDF font descriptor says about a face, in thousandths of an em (PDF 32000 §9.8). */
typedef struct cv_font_metrics {
	int ascent, descent;        /* descent negative */
	int cap_height, x_height;
	int bbox[4];                /* xMin, yMin, xMax, yMax of the whole face */
	float italic_angle;         /* degrees, negative for a face leaning right */
	int stem_v;                 /* an estimate from the weight, as PDF producers commonly make */
	bool fixed_pitch, serif, italic;
} cv_font_metrics;

/* A face made ready for the PDF writer: a TrueType (glyf) font file, each character's glyph in it and
 * that glyph's advance. The writer addresses glyphs by number (a CIDFont with a CIDToGIDMap), so the
 * file's cmap is not used to draw; characters above U+FFFF need nothing special. */
typedef struct cv_font_file {
	unsigned char *data; /* a TrueType (glyf) font file holding the glyphs of cps, malloc'd */
	size_t len;
	/* glyphs[i]: the glyph of cps[i] in data (0, .notdef, when the face lacks it); widths[i]: its
	 * advance in thousandths of an em, rounded, as the PDF's width array says it. n entries. */
	uint16_t *glyphs;
	uint16_t *widths;
	size_t n;
	cv_font_metrics metrics;
} cv_font_file;

/* Makes the file for face holding the characters cps[0..n) (sorted, unique, at least U+0020), named
 * ps_name (at most 63 characters of [A-Za-z0-9_-]): a HarfBuzz subset; CFF, CFF2 and variable faces
 * are rewritten with TrueType outlines (src/text/outline.c). Characters the face lacks get .notdef.
 * Returns CV_OK, or CV_EFONT with an error in d. Free out with cv_font_file_fini. */
int cv_font_embed(const cv_fontset *fs, int face, const uint32_t *cps, size_t n, const char *ps_name,
		  cv_font_file *out, cv_diags *d);
void cv_font_file_fini(cv_font_file *f);

/* Width in points of text (UTF-8) set in one face at size, with kerning; no line breaking. */
float cv_text_measure(const cv_fontset *fs, int face, float size, const char *text, size_t len);

/* ---- Break opportunities -------------------------------------------------------------------- */

enum {
	CV_BRK_NO = 0,        /* no break before this byte */
	CV_BRK_ALLOW = 1,     /* a line may start at this byte */
	CV_BRK_MANDATORY = 2, /* a line must start at this byte (after a newline) */
	CV_BRK_TIE = 3,       /* no break, and the spaces before this byte keep their natural width: they
			       * join a number to its unit ("10 GB") or the parts of a date range */
	CV_BRK_LONG = 4       /* a line may start at this byte only when the token holding it is wider than
			       * the line: a URL's rule-5 points (after / . ? & = #), since a URL broken at a
			       * line end extracts with a space in it */
};

/* For UTF-8 text s[0..len), sets brk[i] for every byte i to one of CV_BRK_*: UAX #14 from
 * libunistring, corrected for technical tokens (C++, Node.js, e.g., URLs, e-mail addresses), date
 * ranges, number-unit pairs, Chinese quotation marks, middle dot, —— and ……, and the CLREQ rules for
 * characters that may not start or end a line. Only bytes that begin a character can be nonzero;
 * CV_BRK_TIE only on a character that follows spaces. lang is a BCP 47 code ("en", "zh") or NULL. */
void cv_text_breaks(const char *s, size_t len, const char *lang, char *brk);

/* Whether UTF-8 s[0..len) holds a Han character (or kana): text the text stage never slants. */
bool cv_text_has_han(const char *s, size_t len);

/* ---- Paragraphs ----------------------------------------------------------------------------- */

/* Colour as 0xRRGGBB. */
typedef unsigned cv_color;

/* One styled piece of a paragraph's input. */
typedef struct cv_inline {
	const char *text; /* UTF-8, no markup */
	size_t len;
	unsigned style;   /* CV_BOLD | CV_ITALIC | CV_CODE */
	float size;       /* points */
	cv_color color;
	const char *link; /* URI or NULL; must outlive the result */
	cv_span span;     /* source of this text, for warnings */
} cv_inline;

/* A positioned run of text in one face and style: the unit the renderer draws as one text-showing
 * operation. A run holds the spaces between its words as real space characters, so that text
 * extractors need not guess word boundaries from gaps. */
typedef struct cv_run {
	const char *text; /* UTF-8, owned by the arena the result was built in */
	/* The advance of each character of text in points (one per code point, in order), including
	 * char_spacing: where the next character starts. Arena-owned, n_adv entries; NULL when the
	 * characters sit at their nominal font advances (then the renderer uses the font's widths). */
	const float *adv;
	const char *link; /* URI or NULL */
	/* Bytes of text and entries of adv. 32 bits are plenty (a run is one paragraph's text at most,
	 * and an input at most CV_MAX_INPUT_BYTES; layout refuses a run over CV_MAX_PDF_STRING), and
	 * keep the run at 64 bytes instead of 80: a long document holds every run twice, in its
	 * paragraph and on its page (docs/performance.md). */
	uint32_t len;
	uint32_t n_adv;
	float x, y;       /* baseline origin in points; y grows downwards */
	float width;      /* advance width in points, including char_spacing */
	float size;       /* points */
	float char_spacing; /* extra space after each character, points (PDF Tc); extractors count it as
			     * part of the character, so it carries spacing that must not read as a gap */
	/* Horizontal glyph scale (PDF Tz / 100): font expansion of a justified line, as pdfTeX's; 0 or 1
	 * for none. adv already includes it. */
	float hscale;
	cv_color color;
	uint8_t face;     /* CV_FACE_* (fewer than 256) */
	bool fake_bold;   /* draw with fill and stroke */
	uint8_t draw;     /* CV_DRAW_*: how the run is drawn */
} cv_run;

/* How a run is drawn. A word broken at a line end (a URL wider than the line, a hyphenated word)
 * would extract as two words: every extractor reads a line end as a space. So its text is written
 * whole on the line where it starts: the part after the break follows there as invisible text,
 * narrowed (CV_DRAW_HIDDEN); on the following line that part is drawn as glyph outlines, which no
 * extractor reads (CV_DRAW_OUTLINE), as is the hyphen a hyphenated word ends its line with. */
enum {
	CV_DRAW_TEXT = 0, /* visible text */
	CV_DRAW_HIDDEN,   /* text no one sees (PDF text rendering mode 3): extractors read it */
	CV_DRAW_OUTLINE   /* glyph outlines: seen, not text */
};

/* A glyph outline's path as cv_glyph_outline reports it: in ems from the glyph's origin, y up. */
typedef struct cv_outline_sink {
	void (*move_to)(void *user, float x, float y);
	void (*line_to)(void *user, float x, float y);
	void (*cubic_to)(void *user, float x1, float y1, float x2, float y2, float x, float y);
	void (*close)(void *user);
	void *user;
} cv_outline_sink;

/* Reports the outline of the glyph face draws cp with (cv_display_cp applied) to sink; quadratic
 * curves come as the cubic curves equal to them. Returns false when the face has no glyph for cp. */
bool cv_glyph_outline(const cv_fontset *fs, int face, uint32_t cp, const cv_outline_sink *sink);

typedef struct cv_line {
	size_t first_run, n_runs; /* into cv_para.runs */
	float width;              /* natural width of the content, points */
	float ascent, descent;    /* above and below the baseline, points, both positive */
} cv_line;

/* A memo of laid-out paragraphs for layouts repeated with the same paragraphs (the trial layouts of
 * --max-pages and of pulling a last page back). Not thread-safe: one per layout. */
typedef struct cv_text_cache cv_text_cache;
/* Caller frees with cv_text_cache_free(), after every result taken from it. */
cv_text_cache *cv_text_cache_new(void);
void cv_text_cache_free(cv_text_cache *c);
/* Frees c but the texts and advances of the runs it gave (its paragraphs, their lines and runs, its
 * break opportunities and keys are gone), and returns their arena: caller frees it with
 * cv_arena_free(), after every run taken from c and copied elsewhere (a display list's). */
cv_arena *cv_text_cache_release(cv_text_cache *c);

typedef struct cv_para_opts {
	float width;         /* line width, points */
	/* When rest_width > 0, only the first lines_at_width lines have width and every later one has
	 * rest_width (a column that widens where a sidebar has ended). */
	size_t lines_at_width;
	float rest_width;
	float first_indent;  /* extra indent of the first line (negative for hanging), points */
	bool justify;        /* flush both edges, except the last line */
	/* Justified English text may be hyphenated (TeX's patterns) when a paragraph cannot be set
	 * within tolerance otherwise. Off by default: a word split across lines no longer extracts
	 * whole (docs/typesetting.md), so a line is rather left a little short of the margin. */
	bool hyphenate;
	const char *lang;    /* "en", "zh" or NULL: affects quotes and Chinese-only rules */
	/* NULL, or a memo: a paragraph laid out before with the same inlines and options is taken from
	 * it (its runs and lines then belong to the memo, its warnings are given again), and a new one is
	 * kept there. */
	cv_text_cache *cache;
} cv_para_opts;

/* The width at which a text is laid out to measure it: as one line, broken only where it must be.
 * 100,000 pt (35 m) is past any page (A0 is 2,384 pt wide) yet finite, so the line breaker's
 * adjustment ratios stay numbers (an infinite width would make every line's ratio infinite). */
#define CV_PARA_UNBOUNDED 1e5f

/* A laid-out paragraph: lines whose runs have x relative to the line start and y = 0 (the line's
 * baseline); the caller places lines vertically. */
typedef struct cv_para {
	cv_run *runs;
	size_t n_runs;
	cv_line *lines;
	size_t n_lines;
} cv_para;

/* Lays out a paragraph. All output memory comes from arena (or o->cache). Warns in d (with the
 * inline's span) for characters no face covers. */
int cv_text_layout(const cv_fontset *fs, const cv_inline *in, size_t n_in, const cv_para_opts *o,
		   cv_arena *arena, cv_para *out, cv_diags *d);

#ifdef __cplusplus
}
#endif

#endif
