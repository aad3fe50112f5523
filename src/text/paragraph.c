/* Paragraph layout: styled runs in, lines of positioned runs out.
 * Four steps, as in Typst's inline layout: collect (normalise spaces, choose a face per character),
 * prepare (boxes, glue and penalties with the Chinese spacing and punctuation rules), break (Knuth–Plass
 * total fit, linebreak.c) and finalize (a position for every character, then runs). It never draws.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>

#include "cv2pdf/util.h"
#include "text_internal.h"

/* ---- Spacing and penalties ----------------------------------------------------------------- */

/* A word space stretches by half itself and shrinks by a third, TeX's proportions for a text face
 * (cmr10: 3.33 pt plus 1.67 minus 1.11): Noto Sans's 0.26 em space ranges from 0.17 to 0.39 em. */
#define WORD_STRETCH 0.5f
#define WORD_SHRINK (1.0f / 3)
/* Rule 8: the gap between Han and Latin is a quarter em, from an eighth to a third in justification. */
#define HANLAT_W 0.25f
#define HANLAT_MIN 0.125f
#define HANLAT_MAX (1.0f / 3)
/* Stretch of each gap between CJK characters, em. With dozens of gaps in a Chinese line they take
 * most of a line's slack together with the few Latin spaces, so no space opens wide; a median gap
 * stays under a tenth of an em unless a line is very short of material. */
#define HAN_STRETCH 0.1f
/* The stretch of the glue that ends a paragraph (TeX's \parfillskip): "infinite", a million points against
 * the few points of a line's other glue, so a last line takes all its slack there and stays
 * unjustified. Any glue stretching less is an item of the text. */
#define PARA_FILL_STRETCH 1e6f
/* Past r = 1 a line gets its slack from its items' room (cv_item.room), all opening in one share up
 * to r = CV_KP_FULL: word spaces stretch on, to at most WIDE_SPACE_MAX em in a column of WIDE_COLUMN em
 * or more and NARROW_SPACE_MAX em in one of NARROW_COLUMN em or less (a narrow column has fewer
 * spaces to share its slack), and HAN_LINE_SPACE_MAX in a paragraph holding Han; Latin glyphs widen
 * by up to EXPAND_MAX, as pdfTeX's font expansion does (microtype's default is 2 %, 3 % is common). Gaps
 * between Han characters have no room: past a tenth of an em Chinese reads letter-spaced. A line that
 * needs more is left short of the margin rather than opened wider. CV_KP_FULL is also the tolerance
 * of the first passes: TeX's (200, r = 1.26 without room) hyphenates sooner, but a hyphenated word no
 * longer extracts whole (poppler alone joins it), so a résumé takes a looser line first. */
#define WIDE_SPACE_MAX 0.54f
#define NARROW_SPACE_MAX 0.68f
#define HAN_LINE_SPACE_MAX 0.5f
/* Columns of 34 em and more (moderncv's, 35 em beside its date column) keep the one-column limit;
 * the sidebar's main column (31 em) gets the narrow one. */
#define WIDE_COLUMN 34.0f
#define NARROW_COLUMN 32.0f
#define EXPAND_MAX 0.03f
/* Rules 10 and 11: a full-width mark gives up at most half an em of its blank, and never so much that
 * its ink comes closer than MARK_INK_GAP em to the next mark's ink or crosses the margin: WenQuanYi
 * centres "）" (ink 0.27–0.62 em), so a flat half em would overlap "。" after it. */
#define HALF_EM 0.5f
#define MARK_INK_GAP 0.08f
/* A full-width bracket against Latin text ("（LLM）") keeps LATIN_INK_GAP em of blank beside the
 * letter; the cut is at most NEG_ADJUST_MAX em, below the 0.15 em by which a glyph may start before
 * the previous one's end without MuPDF's text extraction taking it for a new line. */
#define LATIN_INK_GAP 0.12f
#define NEG_ADJUST_MAX 0.14f
/* A space stretched by more than this (em) is drawn as a wider space glyph (horizontal scaling)
 * rather than a space followed by a gap: pdfminer reads a gap over a tenth of an em after a glyph as
 * one more space, and it (like MuPDF) does not count character spacing as part of a glyph. A space
 * shrunk by more than SPACE_SHRINK_MAX is drawn narrower, since MuPDF starts a new line where a glyph
 * starts 0.15 em before the previous one's end. */
#define SPACE_SCALE_MIN 0.08f
#define SPACE_SHRINK_MAX 0.1f
/* A space kept for the text's sake beside full-width punctuation, em: poppler and pdf.js read a
 * space glyph narrower than about 0.03 em as no space at all. */
#define NARROW_SPACE_EM 0.04f
/* A break inside a Latin token with no space (a URL after "/", "Text-to-UI/Image-to-UI", after a
 * dash): the token then extracts with a space in it, so it is taken only where the lines around it
 * would otherwise be loose near the cap (demerits of a line at r ≈ 1.7). */
#define PEN_INWORD 500
/* TeX's \hyphenpenalty and \exhyphenpenalty: a line ending in a hyphen (last resort, see CV_KP_FULL). */
#define PEN_HYPHEN 50
/* A last line holding one word: TeX leaves such runts to the author; this avoids one when it costs
 * no more than lines a little looser. */
#define PEN_RUNT 1000
/* A last line holding a single Han character (rule 14): only when there is no other way. */
#define PEN_LONELY 3000
/* Emergency breaks inside a token wider than the line: after its punctuation (an address's "@" or ".",
 * a URL's "/" "?" "&" "=") where it can, elsewhere only when it must. */
#define PEN_EMERGENCY 5000
#define PEN_EMERGENCY_PUNCT 2000
/* A hard hyphen may end a line (last resort) with at least this many letters on each side. */
#define COMPOUND_MIN 3
/* Break points looked for inside one word. */
#define MAX_HYPHENS 16
/* Combining marks kept after one base character: Unicode's stream-safe text format (UAX #15) allows
 * 30 non-starters in a row, far more than any script stacks. HarfBuzz positions a cluster's marks in
 * time quadratic in their number (0.5 s for 10,000, minutes for 120,000), so the rest are left out,
 * with a warning. */
#define MAX_COMBINING_MARKS 30

/* ---- Collect -------------------------------------------------------------------------------- */

enum { C_LATIN, C_HAN, C_OPEN, C_CLOSE, C_CJKSYM, C_SPACE, C_NBSP, C_OTHER };

typedef struct tch {
	uint32_t cp;
	uint32_t byte; /* offset of the character in the normalised string */
	uint32_t in;   /* index of the cv_inline it came from */
	uint8_t face;
	uint8_t cls;
	bool centred;  /* a middle dot set full-width and centred (rule 12: the Chinese 间隔号) */
	bool newline;  /* a space that stands for line breaks of the source only */
} tch;

typedef struct pctx {
	const cv_fontset *fs;
	const cv_inline *in;
	size_t n_in;
	const cv_para_opts *o;
	cv_diags *d;
	tch *ch;
	size_t n, cap;
	char *str; /* normalised UTF-8 */
	size_t len, cap_str;
	char *brk; /* break opportunities of str, CV_BRK_* per byte */
	bool compounds; /* prepare() adds breaks after the hard hyphens of long compounds */
	bool hyphenate; /* and hyphenation points (the author's choice, English only) */
	float space_max; /* a word space's widest, em (see WIDE_SPACE_MAX) */
} pctx;

static bool cjk_class(int cls)
{
	return cls == C_HAN || cls == C_OPEN || cls == C_CLOSE || cls == C_CJKSYM;
}

static bool cjk_punct(int cls)
{
	return cls == C_OPEN || cls == C_CLOSE || cls == C_CJKSYM;
}

static unsigned style_of(const pctx *p, size_t i)
{
	return p->in[p->ch[i].in].style;
}

static void push_char(pctx *p, uint32_t cp, uint32_t in, bool newline)
{
	tch *c = CV_PUSH(p->ch, p->n, p->cap);
	memset(c, 0, sizeof *c);
	c->cp = cp;
	c->in = in;
	c->newline = newline;
	c->byte = (uint32_t)p->len;
	c->cls = cp == ' ' ? C_SPACE : cp == 0xA0 ? C_NBSP : C_OTHER;
	cv_grow((void **)&p->str, &p->cap_str, p->len + 5, 1);
	p->len += cv_utf8_put(cp, p->str + p->len);
}

/* Copies the inlines into one character array: tabs and line breaks become spaces, runs of spaces
 * collapse to one, control characters are left out, and so are combining marks past the stream-safe limit. */
static void collect(pctx *p, size_t n_in)
{
	/* Room for every character at once: the text has at most as many characters as bytes, and its
	 * normalised form is never longer (growing both a step at a time was a dozen reallocations a
	 * paragraph). */
	size_t bytes = 0;
	for (size_t k = 0; k < n_in; k++)
		bytes += p->in[k].len;
	cv_grow(&p->ch, &p->cap, bytes, sizeof *p->ch);
	cv_grow(&p->str, &p->cap_str, bytes + 5, 1);
	size_t marks = 0; /* combining marks since the last base character */
	for (size_t k = 0; k < n_in; k++) {
		const cv_inline *in = &p->in[k];
		bool warned = false;
		for (size_t i = 0; i < in->len;) {
			uint32_t cp = cv_utf8_next(in->text, in->len, &i);
			/* No character below U+0300 combines: most text never asks libunistring. */
			marks = cp >= 0x300 && uc_combining_class(cp) ? marks + 1 : 0;
			if (marks > MAX_COMBINING_MARKS) {
				if (!warned)
					cv_diag_add(p->d, CV_WARNING, "combining-marks", in->span,
						    "more than %d combining marks on one character (Unicode's stream-safe "
						    "limit); the rest are left out",
						    MAX_COMBINING_MARKS);
				warned = true;
				continue;
			}
			bool newline = cp == '\n' || cp == '\r';
			if (cp == '\t' || newline)
				cp = ' ';
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFEFF || cp == 0x200B)
				continue;
			if (cp == ' ' && p->n && p->ch[p->n - 1].cls == C_SPACE)
				p->ch[p->n - 1].newline &= newline;
			if (cp == ' ' && (p->n == 0 || p->ch[p->n - 1].cls == C_SPACE))
				continue;
			push_char(p, cp, (uint32_t)k, newline);
		}
	}
	while (p->n && p->ch[p->n - 1].cls == C_SPACE) {
		p->n--;
		p->len = p->ch[p->n].byte;
	}
	if (p->str)
		p->str[p->len] = '\0';
}

static int latin_face(unsigned style)
{
	return (style & (CV_BOLD | CV_ITALIC)) == (CV_BOLD | CV_ITALIC) ? CV_FACE_LATIN_BOLD_ITALIC
	       : (style & CV_BOLD)                                   ? CV_FACE_LATIN_BOLD
	       : (style & CV_ITALIC)                                 ? CV_FACE_LATIN_ITALIC
									: CV_FACE_LATIN_REGULAR;
}

/* The nearest non-space neighbour's class decides the face of marks shared by both scripts. */
static bool near_han(const pctx *p, size_t i)
{
	for (size_t j = i; j-- > 0;) {
		if (p->ch[j].cls == C_SPACE)
			continue;
		if (cv_is_han(p->ch[j].cp) || cv_is_cjk_symbol(p->ch[j].cp))
			return true;
		if (!cv_is_ambiguous(p->ch[j].cp))
			break;
	}
	for (size_t j = i + 1; j < p->n; j++) {
		if (p->ch[j].cls == C_SPACE)
			continue;
		if (cv_is_han(p->ch[j].cp) || cv_is_cjk_symbol(p->ch[j].cp))
			return true;
		if (!cv_is_ambiguous(p->ch[j].cp))
			break;
	}
	return false;
}

/* Chooses a face and a class for every character. */
static void assign_faces(pctx *p)
{
	for (size_t i = 0; i < p->n; i++) {
		tch *c = &p->ch[i];
		const cv_inline *in = &p->in[c->in];
		int latin = latin_face(in->style);
		uint32_t cp = c->cp;
		if (c->cls == C_SPACE || c->cls == C_NBSP) {
			c->face = (uint8_t)latin;
			continue;
		}
		if (cp < 0x80) { /* ASCII is in no CJK class below (they all start at U+00B7) */
			c->face = (uint8_t)latin;
			c->cls = cv_is_latin_alnum(cp) ? C_LATIN : C_OTHER;
		} else if (cv_is_han(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_HAN;
		} else if (cv_is_cjk_open(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_OPEN;
		} else if (cv_is_cjk_close(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_CLOSE;
		} else if (cv_is_cjk_symbol(cp)) {
			c->face = CV_FACE_CJK;
			c->cls = C_CJKSYM;
		} else if (cv_is_ambiguous(cp) && near_han(p, i)) {
			c->face = CV_FACE_CJK;
			c->cls = (cp == 0x201C || cp == 0x2018) ? C_OPEN : (cp == 0x201D || cp == 0x2019) ? C_CLOSE : C_CJKSYM;
		} else {
			c->face = (uint8_t)latin;
			c->cls = cv_is_latin_alnum(cp) ? C_LATIN : C_OTHER;
		}
		/* Bold Chinese uses the family's bold face when it has one, else the regular one made bold. */
		int cjk = (in->style & CV_BOLD) && cv_fontset_present(p->fs, CV_FACE_CJK_BOLD) ? CV_FACE_CJK_BOLD
											    : CV_FACE_CJK;
		if (c->face == CV_FACE_CJK)
			c->face = (uint8_t)cjk;
		if (!cv_fontset_has(p->fs, c->face, cp)) {
			int other = c->face == cjk ? latin : cjk;
			for (int f = CV_FACE_FALLBACK; f < CV_FACE_COUNT && !cv_fontset_has(p->fs, other, cp); f++)
				other = f;
			if (cv_fontset_has(p->fs, other, cp)) {
				c->face = (uint8_t)other;
			} else {
				char buf[5] = {0};
				cv_utf8_put(cp, buf);
				cv_diag_add(p->d, CV_WARNING, "missing-glyph", in->span,
					    "no font has a glyph for \"%s\" (U+%04X); it will show as a box", buf,
					    (unsigned)cp);
			}
		}
		/* The Chinese middle dot (间隔号, "林晓·Christina") is full-width and centred, not the
		 * narrow Latin dot fonts keep at U+00B7 (rule 12). */
		c->centred = c->face == CV_FACE_CJK && cp == 0x00B7;
	}
}

/* Inlines marked CV_NOBREAK (contact items) break nowhere inside; their separators decide. */
static void apply_nobreak(pctx *p)
{
	for (size_t i = 1; i < p->n; i++) {
		unsigned st = style_of(p, i);
		char *b = &p->brk[p->ch[i].byte];
		if ((st & CV_NOBREAK) && !(st & CV_SEPARATOR) && (*b == CV_BRK_ALLOW || *b == CV_BRK_LONG))
			*b = CV_BRK_NO;
	}
}

static float shape_width(const pctx *p, size_t c0, size_t c1);

/* The narrowest line of the paragraph but a first line's indent, points: a token wider than this
 * may have to break. */
static float narrowest_line(const pctx *p)
{
	const cv_para_opts *o = p->o;
	return o->rest_width > 0 && o->rest_width < o->width ? o->rest_width : o->width;
}

/* Width of characters [c0, c1), which may change face, points. */
static float span_width(const pctx *p, size_t c0, size_t c1)
{
	float w = 0;
	for (size_t i = c0; i < c1;) {
		size_t j = i + 1;
		while (j < c1 && p->ch[j].face == p->ch[i].face && p->ch[j].in == p->ch[i].in)
			j++;
		w += shape_width(p, i, j);
		i = j;
	}
	return w;
}

/* A URL's break points (CV_BRK_LONG) count only when the URL, with whatever is bound to it up to the
 * next break opportunity ("README.md。"), is wider than line_w: in the first pass, one that fits
 * moves whole to the next line (a broken URL is read whole, but reads better unbroken); in the
 * second (line_w 0), any may break at those points (rule 5) rather than leave a line far short. */
static void resolve_url_breaks(pctx *p, float line_w)
{
	for (size_t i = 0; i < p->n;) {
		/* The unit from i: up to a space or a break opportunity other than a URL's. */
		size_t j = i + 1;
		bool url = false;
		for (; j < p->n; j++) {
			char b = p->brk[p->ch[j].byte];
			if (p->ch[j].cls == C_SPACE || p->ch[j].cls == C_NBSP || (b != CV_BRK_NO && b != CV_BRK_LONG))
				break;
			url |= b == CV_BRK_LONG;
		}
		if (url) {
			char to = span_width(p, i, j) > line_w ? CV_BRK_ALLOW : CV_BRK_NO;
			for (size_t k = i + 1; k < j; k++)
				if (p->brk[p->ch[k].byte] == CV_BRK_LONG)
					p->brk[p->ch[k].byte] = to;
		}
		i = j;
		while (i < p->n && (p->ch[i].cls == C_SPACE || p->ch[i].cls == C_NBSP))
			i++;
	}
}

/* ---- Prepare -------------------------------------------------------------------------------- */

typedef struct items {
	cv_item *v;
	size_t n, cap;
} items;

static cv_item *add(items *it, int type)
{
	cv_item *x = CV_PUSH(it->v, it->n, it->cap);
	memset(x, 0, sizeof *x);
	x->type = (uint8_t)type;
	return x;
}

static float em(const pctx *p, size_t i)
{
	return p->in[p->ch[i].in].size;
}

static uint32_t end_byte(const pctx *p, size_t c1)
{
	return c1 < p->n ? p->ch[c1].byte : (uint32_t)p->len;
}

static float shape_width(const pctx *p, size_t c0, size_t c1)
{
	const tch *a = &p->ch[c0];
	return cv_text_measure(p->fs, a->face, p->in[a->in].size, p->str + a->byte, end_byte(p, c1) - a->byte);
}

/* The blank of character i's glyph left and right of its ink, points. */
static void blanks(const pctx *p, size_t i, float *left, float *right)
{
	float l, r, adv;
	cv_glyph_ink(p->fs, p->ch[i].face, p->ch[i].cp, &l, &r, &adv);
	float size = em(p, i);
	*left = (l > 0 ? l : 0) * size;
	*right = (adv - r > 0 ? adv - r : 0) * size;
}

static bool same_run(const pctx *p, size_t a, size_t b)
{
	const tch *x = &p->ch[a], *y = &p->ch[b];
	if (x->face != y->face || x->in == y->in)
		return x->face == y->face && x->in == y->in;
	const cv_inline *s = &p->in[x->in], *t = &p->in[y->in];
	return s->size == t->size && s->color == t->color && s->link == t->link && (s->style & CV_BOLD) == (t->style & CV_BOLD);
}

static void add_penalty(items *it, int cost, float width, float start_adjust)
{
	cv_item *x = add(it, CV_IT_PEN);
	x->penalty = cost;
	x->w = width;
	x->start_adjust = start_adjust;
}

static void add_glue(items *it, int kind, float w, float stretch, float shrink, size_t c0, size_t c1)
{
	cv_item *g = add(it, CV_IT_GLUE);
	g->glue = (uint8_t)kind;
	g->w = w, g->stretch = stretch, g->shrink = shrink;
	g->c0 = (uint32_t)c0, g->c1 = (uint32_t)c1;
}

/* The Han–Latin gap of rule 8; a tie keeps it at a quarter em. */
static void add_hanlat(const pctx *p, items *it, size_t at, bool tie, size_t c0, size_t c1)
{
	float size = em(p, at);
	add_glue(it, tie ? CV_GLUE_TIE : CV_GLUE_HANLAT, size * HANLAT_W, tie ? 0 : size * (HANLAT_MAX - HANLAT_W),
		 tie ? 0 : size * (HANLAT_W - HANLAT_MIN), c0, c1);
}

/* Latin symbols that take the Han–Latin gap like letters and digits ("98% 性能", "C++开发"). */
static bool latin_symbol(uint32_t cp)
{
	static const uint32_t set[] = {'%', '$', '#', '&', '+', '@', '*', 0x2030, 0x20AC, 0xA3, 0xB0, 0xA7};
	for (size_t i = 0; i < sizeof set / sizeof *set; i++)
		if (set[i] == cp)
			return true;
	return false;
}

/* Whether Latin character c directly after Han takes the gap: letters, digits, symbols and an
 * opening bracket; not a comma or a closing bracket. gap_before_han: the same before Han. */
static bool gap_after_han(const tch *c)
{
	return c->cls == C_LATIN || (c->cls == C_OTHER && (latin_symbol(c->cp) || c->cp == '(' || c->cp == '['));
}

static bool gap_before_han(const tch *c)
{
	return c->cls == C_LATIN || (c->cls == C_OTHER && (latin_symbol(c->cp) || c->cp == ')' || c->cp == ']'));
}

static bool is_ascii_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Adds the box [c0, c1) with its width and, in justified text, its room for font expansion. */
static cv_item *push_box(items *it, const pctx *p, size_t c0, size_t c1, float w)
{
	cv_item *b = add(it, CV_IT_BOX);
	b->c0 = (uint32_t)c0, b->c1 = (uint32_t)c1, b->w = w;
	if (p->o->justify && p->ch[c0].face != CV_FACE_CJK)
		b->room = w * EXPAND_MAX;
	return b;
}

/* Last-resort break points inside the word box [c0, c1): hyphenation points of its lower-case parts
 * and the hard hyphens of a compound ("Retrieval-Augmented"), as character indices where a piece
 * starts, with hard[k] telling the two apart. Returns the count, sorted. */
static size_t split_points(const pctx *p, size_t c0, size_t c1, size_t *at, bool *hard)
{
	size_t n = 0;
	/* The whole token, not only the box: a URL's break points cut it into boxes ("2023/",
	 * "paged-attention"). */
	size_t t0 = c0, t1 = c1;
	while (t0 > 0 && p->ch[t0 - 1].cls != C_SPACE && p->ch[t0 - 1].cls != C_NBSP && !cjk_class(p->ch[t0 - 1].cls))
		t0--;
	while (t1 < p->n && p->ch[t1].cls != C_SPACE && p->ch[t1].cls != C_NBSP && !cjk_class(p->ch[t1].cls))
		t1++;
	for (size_t i = t0; i < t1; i++) {
		uint32_t cp = p->ch[i].cp;
		if (cp == '@' || cp == '/' || cp == ':' || cp == '_' || (cp >= '0' && cp <= '9'))
			return 0; /* addresses, paths and technical tokens are never split (rule 15) */
	}
	/* Hard hyphens with enough letters on both sides. */
	for (size_t i = c0 + 1; i + 1 < c1 && n < MAX_HYPHENS; i++) {
		if (p->ch[i].cp != '-')
			continue;
		size_t l = 0, r = 0;
		for (size_t k = i; k-- > c0 && is_ascii_letter(p->ch[k].cp);)
			l++;
		for (size_t k = i + 1; k < c1 && is_ascii_letter(p->ch[k].cp); k++)
			r++;
		if (l >= COMPOUND_MIN && r >= COMPOUND_MIN) {
			hard[n] = true;
			at[n++] = i + 1;
		}
	}
	/* Each all-letter part of the box (a compound's parts, a word before its punctuation). */
	for (size_t i = c0; p->hyphenate && i < c1 && n < MAX_HYPHENS;) {
		if (!is_ascii_letter(p->ch[i].cp)) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < c1 && is_ascii_letter(p->ch[j].cp))
			j++;
		size_t pos[MAX_HYPHENS];
		size_t k = cv_hyphenate(p->str + p->ch[i].byte, j - i, pos, MAX_HYPHENS);
		for (size_t m = 0; m < k && n < MAX_HYPHENS; m++) {
			hard[n] = false;
			at[n++] = i + pos[m]; /* ASCII letters: a byte offset is a character offset */
		}
		i = j;
	}
	/* Insertion sort: a handful of points. */
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && at[b] < at[b - 1]; b--) {
			size_t t = at[b];
			at[b] = at[b - 1], at[b - 1] = t;
			bool h = hard[b];
			hard[b] = hard[b - 1], hard[b - 1] = h;
		}
	return n;
}

static int emergency_cost(uint32_t before)
{
	return before && before < 0x80 && strchr("@./?&=-_#", (int)before) ? PEN_EMERGENCY_PUNCT : PEN_EMERGENCY;
}

/* Adds the box [c0, c1). A box wider than the line is split into single characters joined by
 * emergency breaks, so that a long URL or token never crosses the margin; in the hyphenating pass a
 * word gets flagged breaks at its hyphenation points and hard hyphens. */
static void add_box(pctx *p, items *it, size_t c0, size_t c1, float line_w)
{
	float w = shape_width(p, c0, c1);
	if (w > line_w && c1 - c0 >= 2) {
		for (size_t i = c0; i < c1; i++) {
			if (i > c0)
				add_penalty(it, emergency_cost(p->ch[i - 1].cp), 0, 0);
			push_box(it, p, i, i + 1, shape_width(p, i, i + 1));
		}
		return;
	}
	size_t at[MAX_HYPHENS];
	bool hard[MAX_HYPHENS];
	size_t n = p->compounds && p->ch[c0].face != CV_FACE_CJK ? split_points(p, c0, c1, at, hard) : 0;
	if (n == 0) {
		push_box(it, p, c0, c1, w);
		return;
	}
	float hyphen_w = cv_text_measure(p->fs, p->ch[c0].face, em(p, c0), "-", 1);
	size_t from = c0;
	for (size_t k = 0; k < n; k++) {
		if (at[k] <= from || at[k] >= c1)
			continue;
		push_box(it, p, from, at[k], shape_width(p, from, at[k]));
		cv_item *x = add(it, CV_IT_PEN);
		x->penalty = PEN_HYPHEN;
		x->hyphen = true;
		x->w = hard[k] ? 0 : hyphen_w;
		from = at[k];
	}
	push_box(it, p, from, c1, shape_width(p, from, c1));
}

/* A source space: glue of the right kind, or nothing next to full-width punctuation (rule 9). */
static void prepare_space(pctx *p, items *it, size_t i)
{
	const tch *c = &p->ch[i];
	/* collect() trims leading spaces, but a no-break space may lead: it then stands in for its own
	 * missing predecessor, which is neither Han, Latin nor punctuation. */
	const tch *a = &p->ch[i ? i - 1 : i], *b = i + 1 < p->n ? &p->ch[i + 1] : NULL;
	char brk = b ? p->brk[b->byte] : CV_BRK_NO;
	bool can_break = c->cls == C_SPACE && brk == CV_BRK_ALLOW;
	bool tie = brk == CV_BRK_TIE;
	if (b && (cjk_punct(a->cls) || cjk_punct(b->cls))) {
		/* Full-width punctuation (the centred middle dot among it) carries its own space (rule 9). A
		 * line break of the source beside it ("，" at the end of a YAML line) is nothing; a space the
		 * author typed ("工程师 · Senior") stays in the text as a space too narrow to see, so that
		 * extracted text still equals the source. Either way it marks a break opportunity. */
		add_penalty(it, can_break ? 0 : CV_PEN_NEVER, 0, 0);
		if (!c->newline)
			add_glue(it, CV_GLUE_TIE, em(p, i) * NARROW_SPACE_EM, 0, 0, i, i + 1);
		return;
	}
	add_penalty(it, can_break ? 0 : CV_PEN_NEVER, 0, 0);
	if (b && ((a->cls == C_HAN && !cjk_class(b->cls)) || (!cjk_class(a->cls) && b->cls == C_HAN))) {
		add_hanlat(p, it, i, tie, i, i + 1);
		return;
	}
	float sw = cv_text_measure(p->fs, c->face, em(p, i), " ", 1);
	if (tie) {
		add_glue(it, CV_GLUE_TIE, sw, 0, 0, i, i + 1);
		return;
	}
	add_glue(it, CV_GLUE_WORD, sw, sw * WORD_STRETCH, sw * WORD_SHRINK, i, i + 1);
	float room = p->space_max * em(p, i) - sw * (1 + WORD_STRETCH);
	if (p->o->justify && room > 0)
		it->v[it->n - 1].room = room;
}

/* At most the cut, at most max. */
static float cut_to(float cut, float max)
{
	return cut > max ? max : cut;
}

/* What stands between the box ending at a and the character b after it (not a space): compression
 * of punctuation, the Han–Latin gap, spacing between CJK characters and the break opportunity. */
static void prepare_between(pctx *p, items *it, cv_item *box, size_t ia, size_t ib)
{
	const tch *a = &p->ch[ia], *b = &p->ch[ib];
	float size = em(p, ia);
	char brk = p->brk[b->byte];
	bool can_break = brk == CV_BRK_ALLOW;
	/* Only the rules below for full-width marks read a blank; any other glyph's ink is never asked
	 * for (for a CFF face, HarfBuzz interprets the glyph's charstring to find it). */
	float al = 0, ar = 0, bl = 0, br = 0;
	if (a->face == CV_FACE_CJK && (a->cls == C_OPEN || a->cls == C_CLOSE))
		blanks(p, ia, &al, &ar);
	if (b->face == CV_FACE_CJK && (b->cls == C_OPEN || b->cls == C_CLOSE))
		blanks(p, ib, &bl, &br);
	float cut = 0;
	if (a->face == CV_FACE_CJK && b->face == CV_FACE_CJK &&
	    ((a->cls == C_CLOSE && (b->cls == C_CLOSE || b->cls == C_OPEN)) || (a->cls == C_OPEN && b->cls == C_OPEN))) {
		/* Rule 10: two full-width marks meet: the first gives up its blank, up to half an em,
		 * keeping the two inks apart. */
		cut = cut_to(ar + bl - size * MARK_INK_GAP, size * HALF_EM);
	} else if (a->cls == C_OPEN && a->face == CV_FACE_CJK && !cjk_class(b->cls)) {
		/* "（LLM）": a full-width bracket against Latin keeps only a little blank by the letter. */
		cut = cut_to(ar - size * LATIN_INK_GAP, size * NEG_ADJUST_MAX);
	} else if (b->cls == C_CLOSE && b->face == CV_FACE_CJK && !cjk_class(a->cls)) {
		cut = cut_to(bl - size * LATIN_INK_GAP, size * NEG_ADJUST_MAX);
	}
	if (cut > 0) {
		box->dx = -cut;
		box->w -= cut;
	}
	/* Rule 11: a closing mark ending a line gives up its blank (up to half an em) so its ink is
	 * flush with the margin; an opening one starting a line is pulled back by its blank. The break's
	 * width undoes a compression made for the next mark, which is then on the next line. */
	float end_w = 0, start_pull = 0;
	if (a->cls == C_CLOSE && a->face == CV_FACE_CJK)
		end_w = -cut_to(ar, size * HALF_EM) - box->dx;
	if (b->cls == C_OPEN && b->face == CV_FACE_CJK)
		start_pull = cut_to(bl, size * HALF_EM);
	if ((a->cls == C_HAN && gap_after_han(b)) || (gap_before_han(a) && b->cls == C_HAN)) {
		add_penalty(it, can_break ? 0 : CV_PEN_NEVER, 0, 0);
		add_hanlat(p, it, ia, brk == CV_BRK_TIE, 0, 0);
	} else if (cjk_class(a->cls) && cjk_class(b->cls)) {
		add_penalty(it, can_break ? 0 : CV_PEN_NEVER, can_break ? end_w : 0, can_break ? start_pull : 0);
		add_glue(it, CV_GLUE_HAN, 0, size * HAN_STRETCH, 0, 0, 0);
	} else if (can_break) {
		add_penalty(it, cjk_class(a->cls) || cjk_class(b->cls) ? 0 : PEN_INWORD, end_w, start_pull);
	}
}

/* Builds the item list of the paragraph, ending with the paragraph's fill and forced break. */
static void prepare(pctx *p, items *it)
{
	float line_w = narrowest_line(p);
	size_t i = 0;
	while (i < p->n) {
		tch *c = &p->ch[i];
		if (style_of(p, i) & CV_SEPARATOR) {
			/* An item separator: a break opportunity before it, and glue that is dropped at a line
			 * edge but drawn inside a line. */
			size_t j = i;
			while (j < p->n && p->ch[j].in == c->in)
				j++;
			if (i > 0 && j < p->n) {
				add_penalty(it, 0, 0, 0);
				add_glue(it, CV_GLUE_SEP, shape_width(p, i, j), 0, 0, i, j);
			}
			i = j;
			continue;
		}
		if (c->cls == C_SPACE || c->cls == C_NBSP) {
			prepare_space(p, it, i);
			i++;
			continue;
		}
		/* A box: characters up to the next break opportunity, space, face change or CJK character
		 * (each CJK character is its own box, so justification can space them evenly). */
		size_t j = i + 1;
		if (!cjk_class(c->cls))
			while (j < p->n && p->ch[j].cls != C_SPACE && p->ch[j].cls != C_NBSP && !cjk_class(p->ch[j].cls) &&
			       p->brk[p->ch[j].byte] == CV_BRK_NO && same_run(p, i, j) &&
			       !(style_of(p, j) & CV_SEPARATOR))
				j++;
		if (c->centred)
			push_box(it, p, i, j, em(p, i)); /* a full em; finalize centres the dot in it */
		else
			add_box(p, it, i, j, line_w);
		if (j >= p->n)
			break;
		cv_item *box = &it->v[it->n - 1];
		const tch *b = &p->ch[j];
		if (b->cls != C_SPACE && b->cls != C_NBSP && !(style_of(p, j) & CV_SEPARATOR))
			prepare_between(p, it, box, j - 1, j);
		i = j;
	}
	/* The paragraph's end: an infinitely stretchable glue and a forced break. */
	add_penalty(it, CV_PEN_NEVER, 0, 0);
	cv_item *fill = add(it, CV_IT_GLUE);
	fill->stretch = PARA_FILL_STRETCH;
	add_penalty(it, CV_PEN_FORCE, 0, 0);
}

/* Penalizes breaks that would leave a runt on the last line: one word, or one or two Han characters
 * (rule 14), when the paragraph has other ways to break. */
static void discourage_runts(const pctx *p, items *it)
{
	/* Walking back from the end: the tail after a break holds `words` words (a glue right after the
	 * break is dropped at the line start, so it separates words only for breaks further back). */
	int boxes = 0, words = 1;
	bool only_han = true, glue_pending = false;
	for (size_t i = it->n; i-- > 0;) {
		cv_item *x = &it->v[i];
		if (x->type == CV_IT_BOX) {
			boxes++;
			words += glue_pending;
			glue_pending = false;
			for (uint32_t c = x->c0; c < x->c1; c++)
				if (p->ch[c].cls != C_HAN && p->ch[c].cls != C_CLOSE)
					only_han = false;
			continue;
		}
		if (x->type == CV_IT_GLUE) {
			glue_pending |= x->glue != CV_GLUE_HAN && x->stretch < PARA_FILL_STRETCH; /* not the paragraph's fill */
			continue;
		}
		if (x->penalty >= CV_PEN_NEVER || x->penalty <= CV_PEN_FORCE || boxes == 0)
			continue;
		int runt = only_han ? (boxes <= 2 ? PEN_LONELY : 0) : words == 1 ? PEN_RUNT : 0;
		if (!runt)
			break;
		if (x->penalty < runt)
			x->penalty = runt;
	}
}

/* ---- Finalize ------------------------------------------------------------------------------- */

/* One positioned character of a line. */
typedef struct glyph {
	uint32_t cp;
	uint32_t c;   /* the character it stands for (style, face); for a hyphen, the one before it */
	float x, adv; /* points, from the line start */
	float tc;     /* the part of adv written as character spacing */
	float scale;  /* horizontal glyph scale (font expansion) */
	uint8_t draw; /* CV_DRAW_* */
} glyph;

typedef struct fin {
	pctx *p;
	cv_arena *texts; /* for the runs' texts and advances */
	glyph *g;
	size_t n, cap;
	cv_run *runs;
	size_t n_runs, cap_runs;
	cv_line *lines;
	size_t n_lines, cap_lines;
	uint32_t *run_in; /* for each run, the inline it came from (for the memo) */
	size_t cap_run_in;
	size_t n_txt; /* bytes of the runs' texts, each with its NUL */
	float x;      /* the pen */
	float expand; /* this line's font expansion (0.02: glyphs 2 % wider) */
} fin;

static glyph *put(fin *f, uint32_t cp, size_t c, float adv, float tc)
{
	glyph *g = CV_PUSH(f->g, f->n, f->cap);
	*g = (glyph){cp, (uint32_t)c, f->x, adv, tc, 1, CV_DRAW_TEXT};
	f->x += adv;
	return g;
}

/* Widens the glyph before the pen (on this line) by w; as_tc: as character spacing. */
static void widen_last(fin *f, size_t line_first, float w, bool as_tc)
{
	if (f->n > line_first) {
		f->g[f->n - 1].adv += w;
		if (as_tc)
			f->g[f->n - 1].tc += w;
	}
	f->x += w;
}

/* Shapes the box's characters and places each at its shaped advance (kerning included; a character
 * inside a multi-character cluster gets 0 and its cluster's first character the whole), widened by
 * the line's font expansion. The box's compression goes to its last character, except at the line
 * end, where the break's width says how much of it hangs. */
static void emit_box(fin *f, const cv_item *b, bool line_end, size_t line_first)
{
	pctx *p = f->p;
	const tch *a = &p->ch[b->c0];
	float size = p->in[a->in].size;
	if (a->centred) {
		/* Drawn with the face's full-width centred dot (cv_display_cp): an em, no gaps around it
		 * that an extractor could read as spaces. A face without one gets the dot centred by gaps. */
		float l, r, adv;
		cv_glyph_ink(p->fs, a->face, cv_display_cp(p->fs, a->face, a->cp), &l, &r, &adv);
		float pad = (size - adv * size) / 2;
		widen_last(f, line_first, pad, false);
		put(f, a->cp, b->c0, adv * size + pad, 0);
		return;
	}
	uint32_t b0 = a->byte, b1 = end_byte(p, b->c1);
	const cv_shaped *sg;
	unsigned ng = cv_shape(p->fs, a->face, p->str + b0, b1 - b0, &sg);
	float scale = b->room > 0 ? 1 + f->expand : 1;
	float k = size * scale / (float)p->fs->faces[a->face].upem;
	size_t first = f->n;
	for (size_t c = b->c0; c < b->c1; c++)
		put(f, p->ch[c].cp, c, 0, 0)->scale = scale;
	/* Clusters are byte offsets, non-decreasing for left-to-right text: one walk assigns them. */
	size_t c = first;
	for (unsigned gi = 0; gi < ng; gi++) {
		uint32_t at = b0 + sg[gi].cluster;
		while (c + 1 < f->n && p->ch[f->g[c + 1].c].byte <= at)
			c++;
		f->g[c].adv += (float)sg[gi].advance * k;
	}
	float x = f->g[first].x;
	for (size_t i = first; i < f->n; i++) {
		f->g[i].x = x;
		x += f->g[i].adv;
	}
	f->x = x;
	if (b->dx != 0 && !line_end) {
		glyph *last = &f->g[f->n - 1];
		last->adv += b->dx;
		/* A compressed full-width mark is written with character spacing, so extractors see a
		 * narrower mark rather than two overlapping ones; a Latin letter before a closing bracket
		 * moves the bracket with a small gap adjustment (NEG_ADJUST_MAX). */
		if (cjk_punct(p->ch[last->c].cls))
			last->tc += b->dx;
		f->x += b->dx;
	}
}

/* Draws glue: a source space as a space character as wide as the glue (so extractors need not guess
 * words from gaps), a separator as its characters, other glue as extra advance of the glyph before. */
static void emit_glue(fin *f, const cv_item *g, float gw, size_t line_first)
{
	pctx *p = f->p;
	if (g->c1 > g->c0 && g->glue == CV_GLUE_SEP) {
		float drawn = 0;
		for (size_t c = g->c0; c < g->c1; c++) {
			float w = shape_width(p, c, c + 1);
			put(f, p->ch[c].cp, c, w, 0);
			drawn += w;
		}
		widen_last(f, line_first, gw - drawn, false);
		return;
	}
	if (g->c1 > g->c0) {
		size_t c = g->c0;
		float sw = shape_width(p, c, c + 1);
		glyph *sp = put(f, ' ', c, gw, 0);
		if ((gw - sw > em(p, c) * SPACE_SCALE_MIN || sw - gw > em(p, c) * SPACE_SHRINK_MAX) && sw > 0)
			sp->scale = gw / sw;
		return;
	}
	widen_last(f, line_first, gw, g->glue == CV_GLUE_HAN);
}

/* How a justified line's slack is spread (rule 13): every glue in proportion to its stretch up to
 * r = 1 (word spaces 0.39 em, Han–Latin gaps a third of an em, Han gaps a tenth); then every item's
 * room (word spaces to their widest, Latin glyphs by font expansion) in one share, as cv_kp_ratio
 * assumes; anything beyond is left at the line end rather than opening holes or letter-spacing
 * Chinese, and a line that would stay far short even so is set ragged, at natural spacing
 * (cv_kp_ragged). Shrinking is proportional, never past r = -1. */
typedef struct spread {
	double r;      /* stage 1 ratio, or the shrink ratio when negative */
	double share;  /* stage 2: the share of every item's room taken */
} spread;

static spread plan_spread(const cv_item *it, size_t from, size_t to, double extra, double over, double width)
{
	spread s = {0, 0};
	double Y = 0, Z = 0, E = 0;
	for (size_t i = from; i < to; i++) {
		const cv_item *x = &it[i];
		if (x->type == CV_IT_BOX || x->type == CV_IT_GLUE)
			E += x->room;
		if (x->type == CV_IT_GLUE)
			Y += x->stretch, Z += x->shrink;
	}
	if (over > 0) {
		s.r = Z > 0 ? -over / Z : 0;
		if (s.r < -1)
			s.r = -1;
		return s;
	}
	if (extra <= 0 || cv_kp_ragged(extra, Y, E, width))
		return s; /* natural spacing: a ragged line, the line breaker's last resort */
	s.r = Y > 0 ? (extra <= Y ? extra / Y : 1) : 0;
	double rest = extra - s.r * Y;
	if (rest > 0 && E > 0)
		s.share = rest < E ? rest / E : 1;
	return s;
}

static float glue_width(const cv_item *g, const spread *s)
{
	if (s->r < 0)
		return g->w + (float)(s->r * g->shrink);
	return (float)(g->w + s->r * g->stretch + s->share * g->room);
}

static bool same_style(const pctx *p, const glyph *a, const glyph *b)
{
	const tch *x = &p->ch[a->c], *y = &p->ch[b->c];
	if (x->face != y->face || fabsf(a->tc - b->tc) > 0.001f || a->scale != b->scale || a->draw != b->draw)
		return false;
	if (x->in == y->in)
		return true;
	const cv_inline *s = &p->in[x->in], *t = &p->in[y->in];
	return s->size == t->size && s->color == t->color && s->link == t->link &&
	       (x->face != CV_FACE_CJK || (s->style & CV_BOLD) == (t->style & CV_BOLD));
}

/* A space of natural width between two glyphs of one expanded run takes the run's scale, so that it
 * does not split the run: its advance is set exactly either way. */
static void spaces_follow_scale(fin *f, size_t g0)
{
	for (size_t i = g0 + 1; i + 1 < f->n; i++)
		if (f->g[i].cp == ' ' && f->g[i].scale == 1 && f->g[i - 1].scale == f->g[i + 1].scale)
			f->g[i].scale = f->g[i - 1].scale;
}

/* The character a run's text holds for cp: a no-break space is written as a space (extractors read
 * it as one; the break was decided already). */
static uint32_t run_cp(uint32_t cp)
{
	return cp == 0xA0 ? ' ' : cp;
}

/* Writes the texts and advances of the paragraph's runs into the arena: two blocks for all of them,
 * since an allocation per run rounded each space (6 bytes) up to 32 and a text sized for 4-byte
 * characters took four times its bytes, and a long document keeps every paragraph until it is
 * rendered. The runs cover the glyphs in order, each n_adv of them. */
static void write_texts(fin *f, cv_run *runs)
{
	char *txt = cv_arena_alloc(f->texts, f->n_txt ? f->n_txt : 1);
	float *adv = cv_arena_alloc(f->texts, (f->n ? f->n : 1) * sizeof *adv);
	size_t g = 0;
	for (size_t r = 0; r < f->n_runs; r++) {
		runs[r].text = txt;
		runs[r].adv = adv;
		for (size_t k = 0; k < runs[r].n_adv; k++, g++) {
			txt += cv_utf8_put(run_cp(f->g[g].cp), txt);
			*adv++ = f->g[g].adv;
		}
		*txt++ = '\0';
	}
}

/* Groups a line's glyphs [g0, n) into runs of one face, style, character spacing and scale. */
static void make_runs(fin *f, size_t g0, cv_line *line)
{
	pctx *p = f->p;
	spaces_follow_scale(f, g0);
	line->first_run = f->n_runs;
	for (size_t i = g0; i < f->n;) {
		size_t j = i + 1;
		while (j < f->n && same_style(p, &f->g[i], &f->g[j]))
			j++;
		const tch *a = &p->ch[f->g[i].c];
		const cv_inline *in = &p->in[a->in];
		cv_grow((void **)&f->run_in, &f->cap_run_in, f->n_runs + 1, sizeof *f->run_in);
		f->run_in[f->n_runs] = a->in;
		cv_run *r = CV_PUSH(f->runs, f->n_runs, f->cap_runs);
		memset(r, 0, sizeof *r);
		size_t len = 0;
		for (size_t k = i; k < j; k++) {
			len += cv_utf8_size(run_cp(f->g[k].cp));
			r->width += f->g[k].adv;
		}
		/* The text and advances are written by finalize, once the paragraph's are counted. */
		r->len = (uint32_t)len;
		r->n_adv = (uint32_t)(j - i);
		f->n_txt += len + 1;
		r->x = f->g[i].x;
		r->size = in->size;
		r->char_spacing = f->g[i].tc;
		r->hscale = f->g[i].scale;
		r->face = a->face;
		r->fake_bold = (a->face == CV_FACE_CJK || a->face >= CV_FACE_FALLBACK) && (in->style & CV_BOLD);
		r->color = in->color;
		r->draw = f->g[i].draw;
		/* Hidden text is past the line's end: no link there, nor an underline. */
		r->link = r->draw == CV_DRAW_HIDDEN ? NULL : in->link;
		float asc, desc;
		cv_fontset_metrics(p->fs, r->face, &asc, &desc);
		if (asc * r->size > line->ascent)
			line->ascent = asc * r->size;
		if (-desc * r->size > line->descent)
			line->descent = -desc * r->size;
		i = j;
	}
	line->n_runs = f->n_runs - line->first_run;
}

/* ---- Words broken at a line end ------------------------------------------------------------ */

/* A word broken at a line end (a URL wider than the line, a hyphenated word, a token split by
 * emergency breaks, "compute/memory" after its slash) would extract as two: every text extractor
 * reads a line end as a space, and only poppler's raw mode honours ActualText. So its pieces are
 * drawn as glyph outlines (CV_DRAW_OUTLINE), which are no text, the hyphen too, and the whole word is
 * written once as invisible text (CV_DRAW_HIDDEN) over its widest piece, narrowed to that piece's
 * width: it is read there, in its place in the line, and nothing sticks out of the column. The widest
 * of two pieces is at least half the word: narrower than about 0.4 of its width, poppler would take
 * two equal characters ("ll", "//") for one drawn twice (fake bold) and drop one. */

/* A word longer than this many characters is no text anyone reads whole (the longest web address
 * browsers take is 2,048): its pieces stay text, and its hidden copy cannot blow a PDF string's
 * limit (CV_MAX_PDF_STRING). */
#define HIDDEN_WORD_MAX 2048

/* A character a word is made of: neither a space nor Chinese (a line may end between Han
 * characters; extractors join those lines without a space, or the reader expects one). */
static bool word_char(const tch *c)
{
	return c->cls != C_SPACE && c->cls != C_NBSP && !cjk_class(c->cls);
}

/* The end of the word that goes on at character c0 (the first of a line): the next space, or the
 * next break opportunity beside Chinese text. What is bound to the word goes with it ("README.md。"),
 * so the line after holds no character that may not start one. */
static size_t word_end(const pctx *p, size_t c0)
{
	size_t c = c0 + 1;
	for (; c < p->n; c++) {
		const tch *x = &p->ch[c];
		if (x->cls == C_SPACE || x->cls == C_NBSP)
			break;
		char b = p->brk[x->byte];
		if ((b == CV_BRK_ALLOW || b == CV_BRK_MANDATORY) && (cjk_class(x->cls) || cjk_class(p->ch[c - 1].cls)))
			break;
	}
	return c;
}

/* The start of the word that ends at character c1 - 1 (the last of a line). */
static size_t word_start(const pctx *p, size_t c1)
{
	size_t c = c1 - 1;
	for (; c > 0; c--) {
		const tch *x = &p->ch[c - 1];
		if (x->cls == C_SPACE || x->cls == C_NBSP)
			break;
		char b = p->brk[p->ch[c].byte];
		if ((b == CV_BRK_ALLOW || b == CV_BRK_MANDATORY) && (cjk_class(x->cls) || cjk_class(p->ch[c].cls)))
			break;
	}
	return c;
}

/* The characters [*c0, *c1) of the line of items [from, to): from its first box to its last. */
static void line_chars(const cv_item *it, size_t from, size_t to, size_t *c0, size_t *c1)
{
	*c0 = *c1 = 0;
	bool any = false;
	for (size_t i = from; i < to; i++)
		if (it[i].type == CV_IT_BOX) {
			if (!any)
				*c0 = it[i].c0;
			*c1 = it[i].c1;
			any = true;
		}
}

/* The words whose hidden text a line holds: the one it starts with (going on from the line before)
 * and the one it ends with (going on to the next), each as characters [from, to); to == 0 for none. */
typedef struct hidden_words {
	size_t from[2], to[2];
} hidden_words;

/* Finds the words broken at line ends: draw[c] = CV_DRAW_OUTLINE for each of their characters, and
 * each word in the hidden_words of the line holding its widest piece. */
static void plan_broken_words(const pctx *p, const cv_item *it, const size_t *breaks, size_t n_breaks,
			      hidden_words *hide, uint8_t *draw)
{
	size_t *c0 = cv_xcalloc(2 * n_breaks, sizeof *c0), *c1 = c0 + n_breaks;
	size_t from = 0;
	for (size_t l = 0; l < n_breaks; l++) {
		line_chars(it, from, breaks[l], &c0[l], &c1[l]);
		from = breaks[l] + 1;
	}
	for (size_t l = 0; l + 1 < n_breaks; l++) {
		size_t a = c1[l];
		if (c1[l] <= c0[l] || c0[l + 1] != a || a == 0 || !word_char(&p->ch[a - 1]) ||
		    !word_char(&p->ch[a]) || draw[a - 1] == CV_DRAW_OUTLINE)
			continue;
		size_t start = word_start(p, a), end = word_end(p, a);
		if (end - start > HIDDEN_WORD_MAX)
			continue;
		memset(draw + start, CV_DRAW_OUTLINE, end - start);
		/* The line of its widest piece: lines l, l + 1 and on while the word goes on. */
		size_t best = l;
		float widest = -1;
		for (size_t m = l; m < n_breaks && c0[m] < end; m++) {
			size_t s = c0[m] > start ? c0[m] : start, e = c1[m] < end ? c1[m] : end;
			float w = e > s ? shape_width(p, s, e) : 0;
			if (w > widest)
				widest = w, best = m;
		}
		int slot = best == l ? 1 : 0; /* the line's last word where it starts, else its first */
		hide[best].from[slot] = start;
		hide[best].to[slot] = end;
	}
	free(c0);
}

/* Two equal characters of hidden text start at least this far apart, em: poppler takes equal
 * characters less than a tenth of an em apart for one drawn twice (fake bold) and drops one. */
#define HIDDEN_TWIN_GAP 0.12f

/* Writes the word [a, b) as hidden text over its piece on the line of glyphs [g0, f->n), ending by
 * line_end: right after the piece's last glyph, so that it comes in reading order, narrowed to the
 * piece's width. */
static void hide_word(fin *f, size_t g0, size_t a, size_t b, float line_end)
{
	pctx *p = f->p;
	size_t first = SIZE_MAX, last = 0;
	for (size_t g = g0; g < f->n; g++)
		if (f->g[g].c >= a && f->g[g].c < b && f->g[g].draw == CV_DRAW_OUTLINE) {
			first = first == SIZE_MAX ? g : first;
			last = g;
		}
	if (first == SIZE_MAX)
		return;
	float x0 = f->g[first].x, x1 = f->g[last].x + f->g[last].adv;
	float width = (x1 < line_end ? x1 : line_end) - x0, natural = 0;
	size_t n = b - a, at = last + 1;
	cv_grow((void **)&f->g, &f->cap, f->n + n, sizeof *f->g);
	memmove(&f->g[at + n], &f->g[at], (f->n - at) * sizeof *f->g);
	f->n += n;
	glyph *h = &f->g[at];
	for (size_t i = 0; i < n; i++) {
		h[i] = (glyph){p->ch[a + i].cp, (uint32_t)(a + i), 0, shape_width(p, a + i, a + i + 1), 0, 1, CV_DRAW_HIDDEN};
		natural += h[i].adv;
	}
	float k = natural > width && natural > 0 ? width / natural : 1;
	/* Narrowed: each advance by k, but the first of two equal characters keeps HIDDEN_TWIN_GAP,
	 * which the others give back in proportion. */
	float kept = 0, rest = 0;
	for (size_t i = 0; i < n; i++) {
		float twin = i + 1 < n && h[i].cp == h[i + 1].cp ? HIDDEN_TWIN_GAP * em(p, a + i) : 0;
		h[i].tc = h[i].adv * k < twin ? twin : 0; /* (tc: marks a kept advance, reset below) */
		if (h[i].tc > 0)
			kept += h[i].tc;
		else
			rest += h[i].adv;
	}
	float q = rest > 0 && width > kept ? (width - kept) / rest : k;
	float x = x0;
	for (size_t i = 0; i < n; i++) {
		h[i].adv = h[i].tc > 0 ? h[i].tc : h[i].adv * q;
		h[i].tc = 0;
		h[i].x = x;
		h[i].scale = k;
		x += h[i].adv;
	}
}

static void finalize(pctx *p, const items *its, const cv_kp_opts *ko, const size_t *breaks, size_t n_breaks,
		     cv_arena *arena, cv_arena *texts, cv_para *out)
{
	fin f = {.p = p, .texts = texts};
	cv_grow(&f.g, &f.cap, p->n, sizeof *f.g); /* a glyph a character, but for a hyphen or two */
	const cv_item *it = its->v;
	hidden_words *hide = cv_xcalloc(n_breaks ? n_breaks : 1, sizeof *hide);
	uint8_t *draw = cv_xcalloc(p->n ? p->n : 1, 1);
	plan_broken_words(p, it, breaks, n_breaks, hide, draw);
	size_t from = 0;
	for (size_t l = 0; l < n_breaks; l++) {
		size_t to = breaks[l]; /* the break item; the line holds items [from, to) */
		const cv_item *brk = &it[to];
		bool last = l + 1 == n_breaks;
		/* Skip discardable items at the line start. */
		while (from < to && it[from].type != CV_IT_BOX)
			from++;
		float start_adjust = l > 0 ? it[breaks[l - 1]].start_adjust : 0;
		float indent = l == 0 ? p->o->first_indent : 0;
		double L = brk->w - start_adjust;
		size_t last_box = to;
		for (size_t i = from; i < to; i++) {
			if (it[i].type == CV_IT_BOX || it[i].type == CV_IT_GLUE)
				L += it[i].w;
			if (it[i].type == CV_IT_BOX)
				last_box = i;
		}
		double avail = cv_kp_line_width(ko, l);
		double extra = p->o->justify && !last && L < avail ? avail - L : 0;
		spread s = plan_spread(it, from, to, extra, L > avail ? L - avail : 0, avail);
		f.expand = (float)(s.share * EXPAND_MAX);
		size_t g0 = f.n;
		f.x = indent - start_adjust;
		for (size_t i = from; i < to; i++) {
			if (it[i].type == CV_IT_BOX)
				emit_box(&f, &it[i], i == last_box && i + 1 == to, g0);
			else if (it[i].type == CV_IT_GLUE)
				emit_glue(&f, &it[i], glue_width(&it[i], &s), g0);
		}
		/* Where the content ends: the boxes' widths, a compression at the line end included. */
		float end = f.x;
		if (last_box + 1 == to && it[last_box].dx != 0)
			end += it[last_box].dx;
		for (size_t g = g0; g < f.n; g++)
			f.g[g].draw = draw[f.g[g].c];
		if (brk->hyphen && brk->w > 0 && f.n > g0) {
			glyph *h = put(&f, '-', f.g[f.n - 1].c, brk->w, 0);
			h->scale = f.g[f.n - 2].scale;
			/* The hyphen is seen, not read: the word extracts whole. */
			h->draw = f.g[f.n - 2].draw;
		}
		for (int w = 1; w >= 0; w--) /* the last first: inserting it leaves the first where it is */
			if (hide[l].to[w])
				hide_word(&f, g0, hide[l].from[w], hide[l].to[w], end + brk->w);
		cv_line *line = CV_PUSH(f.lines, f.n_lines, f.cap_lines);
		memset(line, 0, sizeof *line);
		line->width = end + brk->w;
		make_runs(&f, g0, line);
		from = to + 1;
	}
	out->n_runs = f.n_runs;
	out->n_lines = f.n_lines;
	out->runs = cv_arena_calloc(arena, f.n_runs ? f.n_runs : 1, sizeof *out->runs);
	out->lines = cv_arena_calloc(arena, f.n_lines ? f.n_lines : 1, sizeof *out->lines);
	if (f.n_runs)
		memcpy(out->runs, f.runs, f.n_runs * sizeof *out->runs);
	if (f.n_lines)
		memcpy(out->lines, f.lines, f.n_lines * sizeof *out->lines);
	write_texts(&f, out->runs);
	free(hide);
	free(draw);
	if (p->o->cache)
		cv_text_cache_put(p->o->cache, p->in, p->n_in, p->o, out, f.run_in, p->d);
	free(f.g);
	free(f.runs);
	free(f.lines);
	free(f.run_in);
}

/* A word space's widest in this paragraph, em (see WIDE_SPACE_MAX): by the column's width in ems of
 * its first inline's size, and never over HAN_LINE_SPACE_MAX when it holds Han. */
static float space_max(const pctx *p)
{
	float ems = p->o->width / p->in[0].size;
	float t = (WIDE_COLUMN - ems) / (WIDE_COLUMN - NARROW_COLUMN);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	float max = WIDE_SPACE_MAX + t * (NARROW_SPACE_MAX - WIDE_SPACE_MAX);
	for (size_t i = 0; i < p->n; i++)
		if (p->ch[i].cls == C_HAN)
			return max < HAN_LINE_SPACE_MAX ? max : HAN_LINE_SPACE_MAX;
	return max;
}

/* English text may be hyphenated as a last resort; Chinese text has its character gaps instead, and
 * hyphenating English words inside Chinese sentences is what XeLaTeX gets wrong (TYPESETTING.md). */
static bool hyphenating_language(const char *lang)
{
	return !lang || ((lang[0] | 0x20) == 'e' && (lang[1] | 0x20) == 'n' &&
			 (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'));
}

int cv_text_layout(const cv_fontset *fs, const cv_inline *in, size_t n_in, const cv_para_opts *o,
		   cv_arena *arena, cv_para *out, cv_diags *d)
{
	memset(out, 0, sizeof *out);
	if (o->cache && cv_text_cache_get(o->cache, in, n_in, o, out, d))
		return CV_OK;
	/* With a memo, the paragraph's messages are collected apart, to be kept with it and given again
	 * whenever it is taken from the memo. */
	pctx p = {.fs = fs, .in = in, .n_in = n_in, .o = o, .d = o->cache ? cv_diags_new() : d};
	collect(&p, n_in);
	if (p.n == 0) {
		free(p.ch);
		free(p.str);
		if (o->cache) {
			cv_diags_inherit(d, p.d);
			cv_diags_free(p.d);
		}
		return CV_OK;
	}
	assign_faces(&p);
	p.brk = cv_xcalloc(p.len + 1, 1);
	if (o->cache)
		cv_text_cache_breaks(o->cache, p.str, p.len, o->lang, p.brk);
	else
		cv_text_breaks(p.str, p.len, o->lang, p.brk);
	apply_nobreak(&p);
	/* The URLs' break points as found, for the second pass. */
	char *url_brk = cv_xmalloc(p.len + 1);
	memcpy(url_brk, p.brk, p.len + 1);
	resolve_url_breaks(&p, narrowest_line(&p));
	p.space_max = space_max(&p);
	cv_kp_opts ko = {.width = o->width, .rest_width = o->rest_width, .lines_at_width = o->lines_at_width,
			 .first_indent = o->first_indent, .justify = o->justify, .threshold = CV_KP_FULL};
	items it = {0};
	prepare(&p, &it);
	discourage_runts(&p, &it);
	size_t *breaks = NULL;
	size_t n_breaks = cv_kp_break(it.v, it.n, &ko, &breaks);
	if (!n_breaks && o->justify) {
		/* TeX's second pass: breaks after the hard hyphens of long compounds ("Retrieval-|Augmented",
		 * TeX's \exhyphenpenalty), and hyphenation when the author allows it. A word broken so is
		 * still read whole (finalize: plan_broken_words). */
		p.compounds = true;
		p.hyphenate = o->hyphenate && hyphenating_language(o->lang);
		/* A URL that fits its line may break too, at rule 5's points: moved whole, it may leave the
		 * line before it half empty. It is read whole either way. */
		memcpy(p.brk, url_brk, p.len + 1);
		resolve_url_breaks(&p, 0);
		it.n = 0;
		prepare(&p, &it);
		discourage_runts(&p, &it);
		n_breaks = cv_kp_break(it.v, it.n, &ko, &breaks);
	}
	if (!n_breaks) {
		/* Any looseness rather than fail, the least of it (cv_kp_break's last resort): finalize leaves
		 * what the spaces cannot take at the line end, and sets a line that would stay far short at
		 * natural spacing (cv_kp_ragged). */
		ko.last_resort = true;
		n_breaks = cv_kp_break(it.v, it.n, &ko, &breaks);
	}
	/* With a memo, in its arenas: it keeps the paragraph without copying it. */
	finalize(&p, &it, &ko, breaks, n_breaks, o->cache ? cv_text_cache_arena(o->cache, arena) : arena,
		 o->cache ? cv_text_cache_text_arena(o->cache, arena) : arena, out);
	free(breaks);
	free(it.v);
	free(url_brk);
	free(p.brk);
	free(p.ch);
	free(p.str);
	if (o->cache) {
		cv_diags_inherit(d, p.d);
		cv_diags_free(p.d);
	}
	return CV_OK;
}
