/* PDF output: draws a display list with libharu, embedding HarfBuzz subsets of the faces it uses.
 * It sees only libharu's public view of <hpdf.h> (HPDF_SHARED: opaque handles and the documented
 * functions) and, for what that lacks, the fence (haru_private.c). It never measures, wraps or
 * moves anything: every position comes from the display list and is only flipped from its top-left
 * origin to PDF's bottom-left one.
 * libharu writes the document's structure (pages, resources, links, bookmarks, information, the
 * cross-reference table); the content streams and the fonts are written here, as bytes, into
 * libharu's objects (pdf_bytes.c makes the bytes): libharu's own text and font code cannot say what
 * the layout means (TJ, codes above U+FFFF) and spent more than the whole layout doing it.
 * SPDX-License-Identifier: MIT */
/* libharu's public view: any use of its private records here fails to compile (the fence's job). */
#define HPDF_SHARED
#include <hpdf.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cv2pdf/render.h"
#include "cv2pdf/util.h"
#include "haru_private.h"
#include "render_internal.h"

/* Stroke width of synthetic bold, in em. Filling and stroking the outline with this width thickens
 * each stem by 0.035 em, about the difference between WenQuanYi's regular stems and a bold Hei,
 * as xeCJK's AutoFakeBold does; more starts to close the counters of dense Han characters. */
#define FAKE_BOLD_STROKE_EM 0.035f
/* OpenType limits PostScript names to 63 characters. */
#define PS_NAME_MAX 63
/* The largest font size, points: libharu's own limit (HPDF_MAX_FONTSIZE), which its error message
 * (the table below) states. */
#define FONT_SIZE_MAX 600.0f
/* Not a 0xRRGGBB value: the first colour of a page is always written. */
#define NO_COLOR 0xFFFFFFFFu
/* zlib levels by kind of stream (measured on the examples with callgrind; docs/performance.md).
 * Glyph outlines are dense data that level 6 shrinks only 3 to 7 % more than level 1, at about
 * twice the instructions; a content stream is repetitive text that level 6 makes a third smaller
 * than level 1 does; the CMaps and glyph maps are small either way. */
#define DEFLATE_FONT 1
#define DEFLATE_CONTENT 6
#define DEFLATE_SMALL 6

static const cv_span no_span = {0};

/* Everything one rendering owns. libharu's handler only records into it; callers check. */
typedef struct render_ctx {
	HPDF_Doc pdf;
	HPDF_STATUS error_no, detail_no; /* the first libharu error; 0 while there is none */
	int canon[CV_FACE_COUNT];        /* per face: the face whose font it draws with (same file) */
	cv_charset chars[CV_FACE_COUNT]; /* per canonical face: its characters, codes, glyphs, widths */
	cv_haru_obj fonts[CV_FACE_COUNT]; /* the Type0 fonts; NULL for faces nothing draws */
	char ps_names[CV_FACE_COUNT][PS_NAME_MAX + 1];
	char *widths[CV_FACE_COUNT];     /* each descendant font's /W entry, until the document is saved */
	HPDF_Page *pages;                /* by display-list page index */
	cv_buf content;                  /* the content stream of the page being drawn */
	cv_buf bytes, packed;            /* a stream's bytes, and the same deflated */
	cv_deflater z;
	cv_diags *d;
	cv_span at; /* where libharu's errors point: the setting of the font being embedded, else none */
	const cv_fontset *fs; /* for the glyph outlines of CV_DRAW_OUTLINE runs */
} render_ctx;

/* Current graphics and text state of a page's content stream, so that operators are only written
 * when a value changes. */
typedef struct draw_state {
	HPDF_Page page;
	cv_color fill, stroke;
	float line_width;
	int face;
	float size, spacing, hscale;
	int render_mode; /* PDF's text rendering mode (Tr): 0 fill, 2 fill and stroke, 3 invisible */
	const char *font_names[CV_FACE_COUNT]; /* each font's name in the page's resources, once used */
	/* Inside the page's text object: the origin of the text line matrix (the last Td) and the pen
	 * after the last text shown, in PDF coordinates; a run that starts at the pen needs no Td. */
	double line_x, line_y, pen_x, pen_y;
	bool pen_known;
} draw_state;

static void on_haru_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	/* Never longjmp from here (STYLE.md §4): record the first error, the cause; later ones are
	 * usually its consequences. */
	render_ctx *c = user;
	if (!c->error_no) {
		c->error_no = error_no;
		c->detail_no = detail_no;
	}
}

/* Turns a recorded libharu error into a diagnostic. Returns whether there was one. */
static bool haru_failed(render_ctx *c, const char *what)
{
	if (!c->error_no)
		return false;
	cv_diag_add(c->d, CV_ERROR, "pdf-write", c->at, "PDF writer error 0x%04X (detail %u): %s, while %s",
		    (unsigned)c->error_no, (unsigned)c->detail_no, cv_haru_error_text(c->error_no), what);
	return true;
}

/* For a libharu call that returned no object: its error if it recorded one, else a generic one
 * (a few libharu functions return NULL without calling the handler). */
static int haru_null(render_ctx *c, const char *what)
{
	if (!haru_failed(c, what))
		cv_diag_add(c->d, CV_ERROR, "pdf-write", c->at,
			    "PDF writer error 0x0000 (detail 0): libharu returned nothing, while %s", what);
	return CV_EPDF;
}

/* ---- Text helpers ------------------------------------------------------------------------- */

static bool writable(uint32_t cp)
{
	/* Controls have no glyph to show, surrogates are not characters, and U+FFFE and U+FFFF are
	 * noncharacters. */
	return cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
}

/* The character a text character is written as: a no-break space is written as a space, which every
 * extractor reads as one (the layout has already kept the line from breaking there). */
static uint32_t drawn_char(uint32_t cp)
{
	return cp == 0xA0 ? ' ' : cp;
}

/* A URI as PDF wants it, 7-bit ASCII (PDF 32000 §12.6.4.7): non-ASCII bytes, controls, space and
 * the characters RFC 3986 never allows are percent-encoded, as RFC 3987 maps an IRI to a URI.
 * Returns the text in c->bytes, NUL-terminated. */
static const char *ascii_uri(render_ctx *c, const char *uri)
{
	static const char hex[] = "0123456789ABCDEF";
	c->bytes.n = 0;
	for (const unsigned char *s = (const unsigned char *)uri; *s; s++) {
		if (*s <= 0x20 || *s >= 0x7F || strchr("\"<>\\^`{|}", *s)) {
			char e[3] = {'%', hex[*s >> 4], hex[*s & 15]};
			cv_buf_put(&c->bytes, e, 3);
		} else {
			cv_buf_put(&c->bytes, s, 1);
		}
	}
	cv_buf_put(&c->bytes, "", 1);
	return c->bytes.p;
}

/* Gathers, per font, the characters its runs will draw: exactly what the subset must hold, plus the
 * characters whose glyphs draw others (cv_display_cp). Faces that are one font (a family's missing
 * style, one font for Latin and Chinese) share one subset. */
static void collect_code_points(render_ctx *c, const cv_dlist *dl, const cv_fontset *fs)
{
	for (size_t p = 0; p < dl->n_pages; p++) {
		const cv_page *pg = &dl->pages[p];
		for (size_t r = 0; r < pg->n_runs; r++) {
			const cv_run *run = &pg->runs[r];
			cv_charset *set = &c->chars[c->canon[run->face]];
			uint32_t last = 0; /* a repeat of the last character needs no second look */
			for (size_t i = 0; i < run->len;) {
				uint32_t cp = drawn_char(cv_utf8_next(run->text, run->len, &i));
				if (cp == last || !writable(cp))
					continue;
				last = cp;
				cv_charset_add(set, cp);
				uint32_t shown = cv_display_cp(fs, run->face, cp);
				if (shown != cp && writable(shown))
					cv_charset_add(set, shown);
			}
		}
	}
}

/* ---- Font names ---------------------------------------------------------------------------- */

/* Unique PostScript names for the faces in use: the font set's label, with the face's role added
 * when an earlier face already has that label (same file for two roles). */
static void choose_names(render_ctx *c, const cv_fontset *fs)
{
	static const char *const role_suffix[CV_FACE_COUNT] = {"-Regular", "-Bold", "-Italic", "-BoldItalic",
							       "-CJK"};
	for (int f = 0; f < CV_FACE_COUNT; f++) {
		if (c->chars[f].n == 0)
			continue;
		const char *label = cv_fontset_name(fs, f);
		/* Leaves room for the longest suffix below ("-BoldItalic", "-F4-2147483647"). */
		char base[PS_NAME_MAX - 15];
		size_t n = 0;
		/* PostScript names are printable ASCII without delimiters; the font set already gives
		 * [A-Za-z0-9-], this only guards the contract. */
		for (const char *s = label ? label : ""; *s && n + 1 < sizeof base; s++)
			if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			    *s == '-' || *s == '_')
				base[n++] = *s;
		base[n] = '\0';
		if (n == 0)
			snprintf(base, sizeof base, "cv2pdf");
		char *name = c->ps_names[f];
		snprintf(name, PS_NAME_MAX + 1, "%s", base);
		for (int attempt = 0;; attempt++) {
			bool taken = false;
			for (int g = 0; g < f; g++)
				taken = taken || (c->chars[g].n && strcmp(c->ps_names[g], name) == 0);
			if (!taken)
				break;
			if (attempt == 0)
				snprintf(name, PS_NAME_MAX + 1, "%s%s", base, role_suffix[f]);
			else
				snprintf(name, PS_NAME_MAX + 1, "%s-F%d-%d", base, f, attempt);
		}
	}
}

/* ---- Streams ------------------------------------------------------------------------------ */

/* Deflates data[0..len) at level into the stream object s. Returns false after recording a
 * failure. */
static bool put_packed(render_ctx *c, cv_haru_obj s, const void *data, size_t len, int level)
{
	if (!cv_deflate(&c->z, data, len, level, &c->packed)) {
		on_haru_error(CV_HARU_ZLIB_ERROR, 0, c);
		return false;
	}
	return cv_haru_stream_put_deflated(s, c->packed.p, c->packed.n) == HPDF_OK;
}

/* A new stream object holding c->bytes, deflated at level; NULL after recording a failure. */
static cv_haru_obj packed_stream(render_ctx *c, int level)
{
	cv_haru_obj s = cv_haru_stream_new(c->pdf);
	return s && put_packed(c, s, c->bytes.p, c->bytes.n, level) ? s : NULL;
}

/* ---- Fonts -------------------------------------------------------------------------------- */

/* Six capital letters naming the subset (PDF 32000 §9.6.4), from its characters, so that the same
 * document gives the same bytes and two subsets of one face differ. */
static void subset_tag(const render_ctx *c, int face, char tag[8])
{
	const cv_charset *s = &c->chars[face];
	uint64_t h = 14695981039346656037u;
	for (const char *p = c->ps_names[face]; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	for (size_t i = 0; i < s->n; i++)
		h = (h ^ s->cps[i]) * 1099511628211u;
	for (int i = 0; i < 6; i++, h /= 26)
		tag[i] = (char)('A' + h % 26);
	tag[6] = '+';
	tag[7] = '\0';
}

static void add_descriptor(render_ctx *c, cv_haru_obj desc, const char *name, const cv_font_metrics *m)
{
	cv_haru_put_name(desc, "Type", "FontDescriptor");
	cv_haru_put_name(desc, "FontName", name);
	/* Flags (PDF 32000 §9.8.2): 1 fixed pitch, 2 serif, 32 non-symbolic, 64 italic. */
	cv_haru_put_int(desc, "Flags", (m->fixed_pitch ? 1 : 0) | (m->serif ? 2 : 0) | 32 | (m->italic ? 64 : 0));
	cv_haru_obj bbox = cv_haru_array_new(c->pdf);
	if (bbox && cv_haru_put(desc, "FontBBox", bbox) == HPDF_OK)
		for (int i = 0; i < 4; i++)
			cv_haru_push_int(bbox, m->bbox[i]);
	cv_haru_put_real(desc, "ItalicAngle", m->italic_angle);
	cv_haru_put_int(desc, "Ascent", m->ascent);
	cv_haru_put_int(desc, "Descent", m->descent);
	cv_haru_put_int(desc, "CapHeight", m->cap_height);
	cv_haru_put_int(desc, "XHeight", m->x_height);
	cv_haru_put_int(desc, "StemV", m->stem_v);
}

/* Embeds face for the characters collected (cv_font_embed: a subset, with TrueType outlines) as a
 * Type0 font whose codes are the characters' numbers in c->chars[face]: a CIDFontType2 with a
 * CIDToGIDMap, widths, descriptor and font file, and a ToUnicode CMap back to the characters. A font
 * the input named that fails is the input's fault: its errors point at the setting and the result is
 * CV_EINPUT (exit status 1); a shipped one is an internal failure. */
/* The font file of face for the characters collected (cv_font_embed), after sealing its character
 * set. A font the input named that fails is the input's fault: CV_EINPUT, the error at its setting. */
static int font_file(render_ctx *c, const cv_fontset *fs, int face, cv_font_file *file)
{
	cv_charset *set = &c->chars[face];
	size_t lost = cv_charset_seal(set);
	if (lost)
		cv_diag_add(c->d, CV_WARNING, "unencodable", no_span,
			    "font %s: %zu characters are left out (at most %u different characters per font and document)",
			    c->ps_names[face], lost, CV_CHARSET_MAX);
	int rc = cv_font_embed(fs, face, set->cps, set->n, c->ps_names[face], file, c->d);
	return rc != CV_OK && cv_fontset_span(fs, face).file ? CV_EINPUT : rc;
}

static int embed_face(render_ctx *c, const cv_fontset *fs, int face)
{
	cv_charset *set = &c->chars[face];
	const char *label = c->ps_names[face];
	cv_span at = cv_fontset_span(fs, face);
	cv_font_file file;
	int rc = font_file(c, fs, face, &file);
	if (rc != CV_OK)
		return rc;
	c->at = at;
	for (size_t i = 0; i < set->n; i++)
		set->glyph[i + 1] = file.glyphs[i], set->width[i + 1] = file.widths[i];
	/* A character drawn with another's glyph (cv_display_cp) takes that glyph and its width, as the
	 * layout measured it; its code, and so the text, stays its own. */
	for (size_t i = 0; i < set->n; i++)
		for (int g = 0; g < CV_FACE_COUNT; g++) {
			uint32_t shown = c->canon[g] == face ? cv_display_cp(fs, g, set->cps[i]) : set->cps[i];
			uint16_t code = shown != set->cps[i] ? cv_charset_code(set, shown) : 0;
			if (code) {
				set->glyph[i + 1] = set->glyph[code];
				set->width[i + 1] = set->width[code];
				break;
			}
		}
	char tag[8], name[PS_NAME_MAX + 8];
	subset_tag(c, face, tag);
	snprintf(name, sizeof name, "%s%s", tag, label);
	rc = CV_EPDF;
	cv_haru_obj font = cv_haru_dict_new(c->pdf, 1), cid = cv_haru_dict_new(c->pdf, 1);
	cv_haru_obj desc = cv_haru_dict_new(c->pdf, 1), descendants = cv_haru_array_new(c->pdf);
	cv_haru_obj info = cv_haru_dict_new(c->pdf, 0);
	if (!font || !cid || !desc || !descendants || !info)
		goto done;
	cv_haru_put_name(font, "Type", "Font");
	cv_haru_put_name(font, "Subtype", "Type0");
	cv_haru_put_name(font, "BaseFont", name);
	cv_haru_put_name(font, "Encoding", "Identity-H");
	cv_haru_put(font, "DescendantFonts", descendants);
	cv_haru_push(descendants, cid);
	cv_haru_put_name(cid, "Type", "Font");
	cv_haru_put_name(cid, "Subtype", "CIDFontType2");
	cv_haru_put_name(cid, "BaseFont", name);
	cv_haru_put(cid, "CIDSystemInfo", info);
	cv_haru_put_ascii(c->pdf, info, "Registry", "Adobe");
	cv_haru_put_ascii(c->pdf, info, "Ordering", "Identity");
	cv_haru_put_int(info, "Supplement", 0);
	cv_haru_put(cid, "FontDescriptor", desc);
	/* The widths as one piece of text rather than one libharu number object each. */
	c->bytes.n = 0;
	cv_buf_str(&c->bytes, "/W [");
	cv_pdf_widths(set, &c->bytes);
	cv_buf_put(&c->bytes, "]\n", 3);
	c->widths[face] = cv_xstrdup(c->bytes.p);
	cv_haru_put_raw(cid, c->widths[face]);
	c->bytes.n = 0;
	cv_pdf_cid_to_gid(set, &c->bytes);
	cv_haru_obj map = packed_stream(c, DEFLATE_SMALL);
	if (!map)
		goto done;
	cv_haru_put(cid, "CIDToGIDMap", map);
	add_descriptor(c, desc, name, &file.metrics);
	cv_haru_obj program = cv_haru_stream_new(c->pdf);
	if (!program || !put_packed(c, program, file.data, file.len, DEFLATE_FONT))
		goto done;
	cv_haru_put_int(program, "Length1", (HPDF_INT32)file.len);
	cv_haru_put(desc, "FontFile2", program);
	c->bytes.n = 0;
	cv_pdf_to_unicode(set, &c->bytes);
	cv_haru_obj to_unicode = packed_stream(c, DEFLATE_SMALL);
	if (!to_unicode)
		goto done;
	cv_haru_put(font, "ToUnicode", to_unicode);
	c->fonts[face] = font;
	rc = CV_OK;
done:
	cv_font_file_fini(&file);
	if (rc != CV_OK || c->error_no) {
		char what[PATH_MAX + 80];
		if (at.file)
			snprintf(what, sizeof what, "embedding the %s font \"%s\"", cv_face_role(face), cv_fontset_path(fs, face));
		else
			snprintf(what, sizeof what, "embedding font %s", label);
		if (!haru_failed(c, what))
			haru_null(c, what);
		rc = CV_EPDF;
	}
	c->at = no_span;
	return rc != CV_OK && at.file ? CV_EINPUT : rc;
}

/* Frees what a rendering owns, the document included. */
static void render_ctx_fini(render_ctx *c)
{
	if (c->pdf)
		HPDF_Free(c->pdf);
	free(c->pages);
	free(c->content.p);
	free(c->bytes.p);
	free(c->packed.p);
	cv_deflater_fini(&c->z);
	for (int f = CV_FACE_COUNT - 1; f >= 0; f--) {
		cv_charset_fini(&c->chars[f]);
		free(c->widths[f]);
	}
}

/* ---- Pages -------------------------------------------------------------------------------- */

static void put_op(render_ctx *c, const char *op)
{
	cv_buf_str(&c->content, op);
}

/* Numbers n[0..k), each followed by a space, then op. */
static void put_nums(render_ctx *c, const double *n, int k, const char *op)
{
	for (int i = 0; i < k; i++) {
		cv_buf_num(&c->content, n[i]);
		cv_buf_put(&c->content, " ", 1);
	}
	put_op(c, op);
}

static double channel(cv_color color, int shift)
{
	return (double)((color >> shift) & 0xFF) / 255.0;
}

static void set_fill(render_ctx *c, draw_state *st, cv_color color)
{
	if (st->fill == color)
		return;
	double rgb[3] = {channel(color, 16), channel(color, 8), channel(color, 0)};
	put_nums(c, rgb, 3, "rg\n");
	st->fill = color;
}

static void set_stroke(render_ctx *c, draw_state *st, cv_color color)
{
	if (st->stroke == color)
		return;
	double rgb[3] = {channel(color, 16), channel(color, 8), channel(color, 0)};
	put_nums(c, rgb, 3, "RG\n");
	st->stroke = color;
}

static void set_line_width(render_ctx *c, draw_state *st, float width)
{
	if (st->line_width == width)
		return;
	double w = width;
	put_nums(c, &w, 1, "w\n");
	st->line_width = width;
}

/* A rule along one axis is a stroked line centred on its segment, thickness wide (butt caps, so it
 * ends exactly at x0/x1 or y0/y1). A rule with x0 != x1 and y0 != y1 is the filled rectangle with
 * those corners; its thickness is ignored. */
static void draw_rule(render_ctx *c, draw_state *st, const cv_rule *r, float h)
{
	if (r->x0 == r->x1 || r->y0 == r->y1) {
		if (r->thickness <= 0)
			return; /* PDF would draw a zero width as the thinnest visible line */
		set_line_width(c, st, r->thickness);
		set_stroke(c, st, r->color);
		double from[2] = {r->x0, h - r->y0}, to[2] = {r->x1, h - r->y1};
		put_nums(c, from, 2, "m\n");
		put_nums(c, to, 2, "l\nS\n");
	} else {
		float left = r->x0 < r->x1 ? r->x0 : r->x1, top = r->y0 < r->y1 ? r->y0 : r->y1;
		float w = r->x0 < r->x1 ? r->x1 - r->x0 : r->x0 - r->x1;
		float hh = r->y0 < r->y1 ? r->y1 - r->y0 : r->y0 - r->y1;
		set_fill(c, st, r->color);
		double box[4] = {left, h - top - hh, w, hh};
		put_nums(c, box, 4, "re\nf\n");
	}
}

/* Text-showing operators: one TJ per run keeps the engine's positions exact with one operator per
 * run of same-font text on a line (libharu's Tj places every glyph at its nominal advance, while the
 * layout gives each character its own: kerning, stretched spaces, compressed punctuation); what TJ
 * cannot say without extractors reading it as a gap (spacing inside a Chinese line, a stretched
 * space, a compressed mark) the layout has put into the run's character spacing (Tc). */

/* Writes the pen movement carry (points) as a TJ number when it is at least half a thousandth of an
 * em: a number n moves the pen left by n thousandths of unit (the font size times the horizontal
 * scale). The rounding error stays in carry for the next glyph. Closes the <...> string being
 * written, if any. */
static void tj_move(render_ctx *c, bool *in_string, double *carry, double *pen, double unit)
{
	long long t = llround(-*carry * 1000 / unit);
	if (t == 0)
		return;
	if (*in_string)
		cv_buf_put(&c->content, ">", 1);
	*in_string = false;
	cv_buf_put(&c->content, " ", 1);
	cv_buf_num(&c->content, (double)t);
	cv_buf_put(&c->content, " ", 1);
	*carry += (double)t * unit / 1000;
	*pen -= (double)t * unit / 1000;
}

/* Where the font's own width of code moves the pen in run r (horizontal scale th), points. */
static double nominal_advance(const cv_charset *set, uint16_t code, const cv_run *r, float th)
{
	return set->width[code] * (double)r->size * th / 1000 + r->char_spacing;
}

static void draw_run(render_ctx *c, draw_state *st, const cv_run *r, float h)
{
	int face = c->canon[r->face];
	const cv_charset *set = &c->chars[face];
	if (r->len == 0 || !c->fonts[face])
		return;
	if (!(r->size > 0) || r->size > FONT_SIZE_MAX) {
		/* The layout never makes one; the caller reports it as libharu reported it before. */
		on_haru_error(CV_HARU_PAGE_INVALID_FONT_SIZE, 0, c);
		return;
	}
	if (st->face != face || st->size != r->size) {
		if (!st->font_names[face])
			st->font_names[face] = cv_haru_page_font_name(st->page, c->fonts[face]);
		if (!st->font_names[face])
			return; /* libharu recorded why */
		put_op(c, "/");
		put_op(c, st->font_names[face]);
		double size = r->size;
		put_op(c, " ");
		put_nums(c, &size, 1, "Tf\n");
		st->face = face;
		st->size = r->size;
	}
	set_fill(c, st, r->color);
	/* PDF scales character spacing and TJ numbers by the horizontal scale (Th): Tc is written
	 * divided by it so the layout's spacing comes out as given. */
	float th = r->hscale > 0 ? r->hscale : 1;
	if (st->hscale != th) {
		double tz = (double)th * 100;
		put_nums(c, &tz, 1, "Tz\n");
		st->hscale = th;
	}
	if (st->spacing != r->char_spacing / th) {
		cv_buf_fixed(&c->content, r->char_spacing / th, 5);
		put_op(c, " Tc\n");
		st->spacing = r->char_spacing / th;
	}
	int mode = r->draw == CV_DRAW_HIDDEN ? 3 : r->fake_bold ? 2 : 0;
	if (mode == 2) {
		set_line_width(c, st, r->size * FAKE_BOLD_STROKE_EM);
		set_stroke(c, st, r->color);
	}
	if (st->render_mode != mode) {
		/* fill; fill then stroke; neither: text that is read but not seen */
		put_op(c, mode == 3 ? "3 Tr\n" : mode == 2 ? "2 Tr\n" : "0 Tr\n");
		st->render_mode = mode;
	}
	double x = r->x, y = h - r->y, size = r->size;
	if (!st->pen_known || fabs(st->pen_x - x) > 0.005 || fabs(st->pen_y - y) > 0.005) {
		double move[2] = {x - st->line_x, y - st->line_y};
		put_nums(c, move, 2, "Td\n");
		st->line_x = st->pen_x = x;
		st->line_y = st->pen_y = y;
	}
	put_op(c, "[");
	bool in_string = false;
	/* carry: how far the pen must still move, in points, beyond where the glyphs written so far
	 * leave it; pen: where they leave it, from x. */
	double carry = 0, pen = 0;
	size_t k = 0;
	for (size_t i = 0; i < r->len; k++) {
		uint32_t cp = cv_utf8_next(r->text, r->len, &i);
		double adv = r->adv && k < r->n_adv ? r->adv[k] : -1;
		uint16_t code = writable(cp) ? cv_charset_code(set, drawn_char(cp)) : 0;
		if (!code) {
			/* Never written (a control, or past the codes a font can have): its advance moves
			 * the next glyph instead. */
			carry += adv > 0 ? adv : 0;
			continue;
		}
		double nominal = nominal_advance(set, code, r, th);
		tj_move(c, &in_string, &carry, &pen, size * th);
		if (!in_string)
			cv_buf_put(&c->content, "<", 1);
		in_string = true;
		cv_buf_hex4(&c->content, code);
		pen += nominal;
		if (adv >= 0)
			carry += adv - nominal;
	}
	/* The last glyph's own extra advance too, so the pen ends where the next run may start. */
	tj_move(c, &in_string, &carry, &pen, size * th);
	put_op(c, in_string ? ">] TJ\n" : "] TJ\n");
	st->pen_x = x + pen;
	st->pen_known = true;
}

/* Glyph outlines (CV_DRAW_OUTLINE) as path operators: each glyph in its own coordinates, thousandths
 * of an em as whole numbers (as precise as the PDF's own glyph widths), placed by a matrix; written
 * in points with three decimals, a broken URL's outlines took 20 KB of a 50 KB file. */
typedef struct outline_pen {
	render_ctx *c;
	double matrix[6]; /* the glyph's: scale to points, origin on the page */
	bool started;     /* the matrix is written (at the glyph's first point) */
} outline_pen;

#define OUTLINE_UNITS 1000.0

static void outline_point(outline_pen *o, float x, float y)
{
	if (!o->started) {
		put_op(o->c, "q\n");
		put_nums(o->c, o->matrix, 6, "cm\n");
		o->started = true;
	}
	cv_buf_fixed(&o->c->content, x * OUTLINE_UNITS, 0);
	cv_buf_put(&o->c->content, " ", 1);
	cv_buf_fixed(&o->c->content, y * OUTLINE_UNITS, 0);
	cv_buf_put(&o->c->content, " ", 1);
}

static void outline_move(void *u, float x, float y)
{
	outline_point(u, x, y);
	put_op(((outline_pen *)u)->c, "m\n");
}

static void outline_line(void *u, float x, float y)
{
	outline_point(u, x, y);
	put_op(((outline_pen *)u)->c, "l\n");
}

static void outline_cubic(void *u, float x1, float y1, float x2, float y2, float x, float y)
{
	outline_point(u, x1, y1);
	outline_point(u, x2, y2);
	outline_point(u, x, y);
	put_op(((outline_pen *)u)->c, "c\n");
}

static void outline_close(void *u)
{
	put_op(((outline_pen *)u)->c, "h\n");
}

/* Draws a run's glyphs as filled paths (outside the page's text object): the pieces of a word broken
 * at a line end, which a line holds whole as hidden text (include/cv2pdf/text.h). */
static void draw_outline_run(render_ctx *c, draw_state *st, const cv_run *r, float h)
{
	const cv_charset *set = &c->chars[c->canon[r->face]];
	float th = r->hscale > 0 ? r->hscale : 1;
	outline_pen o = {c, {(double)r->size * th / OUTLINE_UNITS, 0, 0, r->size / OUTLINE_UNITS, r->x, h - r->y}, false};
	cv_outline_sink sink = {outline_move, outline_line, outline_cubic, outline_close, &o};
	set_fill(c, st, r->color);
	if (r->fake_bold) {
		/* The stroke is drawn in the glyph's units: its width too. */
		set_line_width(c, st, FAKE_BOLD_STROKE_EM * (float)OUTLINE_UNITS);
		set_stroke(c, st, r->color);
	}
	size_t k = 0;
	for (size_t i = 0; i < r->len; k++) {
		uint32_t cp = cv_utf8_next(r->text, r->len, &i);
		o.started = false;
		if (cp != ' ' && cv_glyph_outline(c->fs, r->face, cp, &sink) && o.started)
			put_op(c, r->fake_bold ? "B\nQ\n" : "f\nQ\n");
		uint16_t code = writable(cp) ? cv_charset_code(set, drawn_char(cp)) : 0;
		o.matrix[4] += r->adv && k < r->n_adv ? r->adv[k] : code ? nominal_advance(set, code, r, th) : 0;
	}
}

/* Loads a picture layout checked (src/layout/picture.c): a JPEG as it is, or pixels with their
 * opacity as a soft mask. NULL after a libharu error. */
static HPDF_Image load_picture(render_ctx *c, const cv_picture *pic)
{
	if (pic->kind == CV_PICTURE_JPEG)
		return HPDF_LoadJpegImageFromMem(c->pdf, pic->data, (HPDF_UINT)pic->len);
	HPDF_ColorSpace cs = pic->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
	HPDF_Image img = HPDF_LoadRawImageFromMem(c->pdf, pic->data, pic->w, pic->h, cs, 8);
	if (img && pic->alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, pic->alpha, pic->w, pic->h, HPDF_CS_DEVICE_GRAY, 8);
		if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
			return NULL;
	}
	return img;
}

/* Draws a picture into its box. One libharu still refuses is left out with a warning at the input's
 * line: a photo never stops the résumé. */
static void draw_image(render_ctx *c, draw_state *st, const cv_image *im, float h)
{
	HPDF_Image img = load_picture(c, &im->pic);
	const char *name = img && !c->error_no ? cv_haru_page_image_name(st->page, img) : NULL;
	if (!name || c->error_no) {
		cv_diag_add(c->d, CV_WARNING, "photo", im->span,
			    "cv.photo: \"%s\" could not be embedded (PDF writer error 0x%04X: %s); no photo is shown",
			    im->path, (unsigned)c->error_no, cv_haru_error_text(c->error_no));
		HPDF_ResetError(c->pdf);
		c->error_no = c->detail_no = 0;
		return;
	}
	double m[6] = {im->x1 - im->x0, 0, 0, im->y1 - im->y0, im->x0, h - im->y1};
	put_op(c, "q\n");
	put_nums(c, m, 6, "cm\n/");
	put_op(c, name);
	put_op(c, " Do\nQ\n");
}

static void draw_link(render_ctx *c, HPDF_Page page, const cv_link *l, float h)
{
	if (!l->uri || !*l->uri)
		return;
	HPDF_Rect rect = {
		.left = l->x0 < l->x1 ? l->x0 : l->x1,
		.right = l->x0 < l->x1 ? l->x1 : l->x0,
		.bottom = h - (l->y0 < l->y1 ? l->y1 : l->y0),
		.top = h - (l->y0 < l->y1 ? l->y0 : l->y1),
	};
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, rect, ascii_uri(c, l->uri));
	if (a)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0); /* viewers draw a box around links otherwise */
	else if (!c->error_no)
		on_haru_error(CV_HARU_INVALID_ANNOTATION, 0, c);
}

/* Draws one page: rules first (so a filled box lies under its text), then all runs in one text
 * object, then the link rectangles, which are annotations rather than content. The content stream
 * is built here and deflated into the page's stream object. */
static void draw_page(render_ctx *c, HPDF_Page page, const cv_page *pg, float h)
{
	/* Each page starts a new content stream with PDF's initial state: black, 1 pt, Tc 0, fill. */
	draw_state st = {.page = page, .fill = NO_COLOR, .stroke = NO_COLOR, .line_width = 1.0f, .face = -1, .hscale = 1};
	c->content.n = 0;
	for (size_t i = 0; i < pg->n_rules; i++)
		draw_rule(c, &st, &pg->rules[i], h);
	for (size_t i = 0; i < pg->n_images; i++)
		draw_image(c, &st, &pg->images[i], h);
	if (pg->n_runs) {
		bool outlines = false;
		put_op(c, "BT\n");
		for (size_t i = 0; i < pg->n_runs; i++) {
			if (pg->runs[i].draw == CV_DRAW_OUTLINE)
				outlines = true;
			else
				draw_run(c, &st, &pg->runs[i], h);
		}
		put_op(c, "ET\n");
		for (size_t i = 0; outlines && i < pg->n_runs; i++)
			if (pg->runs[i].draw == CV_DRAW_OUTLINE)
				draw_outline_run(c, &st, &pg->runs[i], h);
	}
	put_packed(c, cv_haru_page_contents(page), c->content.p, c->content.n, DEFLATE_CONTENT);
	for (size_t i = 0; i < pg->n_links; i++)
		draw_link(c, page, &pg->links[i], h);
}

/* ---- Document ----------------------------------------------------------------------------- */

/* Sets dict's key to the text string s (UTF-8): as it is when it is printable ASCII, else as
 * UTF-16BE with a byte order mark in a hex string (PDF 32000 §7.9.2.2), characters above U+FFFF as
 * surrogate pairs, so that a name such as 𠮷野 stays whole in the title, the author and the
 * bookmarks. Control characters are left out. */
static void put_text_string(render_ctx *c, cv_haru_obj dict, const char *key, const char *s)
{
	size_t len = strlen(s), n = 2;
	bool ascii = true;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F;
	if (!dict)
		return;
	if (ascii) {
		cv_haru_put_ascii(c->pdf, dict, key, s);
		return;
	}
	HPDF_BYTE *u = cv_xmalloc(4 * len + 2);
	u[0] = 0xFE, u[1] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp = cv_utf8_next(s, len, &i);
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		uint32_t hi = cp, lo = 0;
		if (cp > 0xFFFF)
			hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		u[n++] = (HPDF_BYTE)(hi >> 8), u[n++] = (HPDF_BYTE)hi;
		if (lo)
			u[n++] = (HPDF_BYTE)(lo >> 8), u[n++] = (HPDF_BYTE)lo;
	}
	cv_haru_put_bytes(c->pdf, dict, key, u, n);
	free(u);
}

static int add_bookmarks(render_ctx *c, const cv_dlist *dl)
{
	if (dl->n_bookmarks == 0)
		return CV_OK;
	HPDF_Outline section = NULL; /* the last level-0 bookmark: parent of the level-1 ones after it */
	for (size_t i = 0; i < dl->n_bookmarks; i++) {
		const cv_bookmark *b = &dl->bookmarks[i];
		HPDF_Outline parent = b->level > 0 ? section : NULL; /* NULL: the outline root */
		HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, "", NULL);
		HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[b->page]);
		if (!o || !dst)
			return haru_null(c, "adding bookmarks");
		put_text_string(c, o, "Title", b->title ? b->title : "");
		cv_haru_destination_xyz(c->pdf, dst, c->pages[b->page], 0, dl->height - b->y);
		HPDF_Outline_SetDestination(o, dst);
		if (b->level == 0) {
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
			section = o;
		}
	}
	HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	return haru_failed(c, "adding bookmarks") ? CV_EPDF : CV_OK;
}

static void set_info(render_ctx *c, HPDF_InfoType type, const char *value)
{
	static const char *const keys[] = {
		[HPDF_INFO_AUTHOR] = "Author", [HPDF_INFO_CREATOR] = "Creator", [HPDF_INFO_TITLE] = "Title",
		[HPDF_INFO_SUBJECT] = "Subject", [HPDF_INFO_KEYWORDS] = "Keywords",
	};
	if (!value)
		return;
	/* libharu makes the information dictionary; the value is then written as a text string. */
	HPDF_SetInfoAttr(c->pdf, type, "");
	if ((size_t)type < sizeof keys / sizeof keys[0] && keys[type])
		put_text_string(c, cv_haru_info(c->pdf), keys[type], value);
}

static void set_dates(render_ctx *c, long long epoch)
{
	if (epoch < 0 || epoch > CV_MAX_EPOCH) /* PDF dates have four-digit years */
		return;
	time_t t = (time_t)epoch;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return;
	HPDF_Date date = {
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday, .hour = tm.tm_hour,
		.minutes = tm.tm_min, .seconds = tm.tm_sec, .ind = 'Z', .off_hour = 0, .off_minutes = 0,
	};
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Sets the catalog's /Lang (a BCP 47 tag), which screen readers and text extraction use (libharu
 * has no function for it: cv_haru_catalog). */
static void set_language(render_ctx *c, const char *lang)
{
	if (!lang || !*lang)
		return;
	for (const char *s = lang; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return; /* not a language tag: better none than a wrong one */
	cv_haru_put_ascii(c->pdf, cv_haru_catalog(c->pdf), "Lang", lang);
}

static void set_docinfo(render_ctx *c, const cv_dlist *dl, const cv_env *env)
{
	set_info(c, HPDF_INFO_TITLE, dl->info.title);
	set_info(c, HPDF_INFO_AUTHOR, dl->info.author);
	set_info(c, HPDF_INFO_SUBJECT, dl->info.subject);
	set_info(c, HPDF_INFO_KEYWORDS, dl->info.keywords);
	/* Producer stays libharu's own ("Haru Free PDF Library 2.3.0"): it is what wrote the file. */
	set_info(c, HPDF_INFO_CREATOR, env ? env->creator : NULL);
	set_dates(c, env ? env->epoch : -1);
	set_language(c, dl->info.language);
}

/* Contract checks that would otherwise crash (face index) or make libharu fail obscurely. */
static int check_dlist(const cv_dlist *dl, cv_diags *d)
{
	if (dl->n_pages == 0) {
		cv_diag_add(d, CV_ERROR, "internal", no_span, "the display list has no pages");
		return CV_EINTERNAL;
	}
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t r = 0; r < dl->pages[p].n_runs; r++) {
			int face = dl->pages[p].runs[r].face;
			if (face < 0 || face >= CV_FACE_COUNT) {
				cv_diag_add(d, CV_ERROR, "internal", no_span, "page %zu, run %zu: face %d out of range",
					    p + 1, r + 1, face);
				return CV_EINTERNAL;
			}
		}
	for (size_t i = 0; i < dl->n_bookmarks; i++)
		if (dl->bookmarks[i].page >= dl->n_pages) {
			cv_diag_add(d, CV_ERROR, "internal", no_span, "bookmark %zu points to page %zu of %zu", i + 1,
				    dl->bookmarks[i].page + 1, dl->n_pages);
			return CV_EINTERNAL;
		}
	return CV_OK;
}

int cv_render_pdf(const cv_dlist *dl, const cv_fontset *fs, const cv_env *env, unsigned char **out,
		  size_t *len, cv_diags *d)
{
	*out = NULL;
	*len = 0;
	int rc = check_dlist(dl, d);
	if (rc != CV_OK)
		return rc;

	render_ctx c = {.d = d, .fs = fs};
	unsigned char *buf = NULL;
	char what[64];

	c.pdf = HPDF_New(on_haru_error, &c);
	if (!c.pdf) {
		rc = haru_null(&c, "creating the document");
		goto done;
	}
	/* Images; the fonts and pages deflate their own streams at the level each kind deserves. */
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	if (haru_failed(&c, "setting up the document")) {
		rc = CV_EPDF;
		goto done;
	}

	for (int f = 0; f < CV_FACE_COUNT; f++)
		c.canon[f] = cv_fontset_canonical(fs, f);
	collect_code_points(&c, dl, fs);
	choose_names(&c, fs);
	for (int f = 0; f < CV_FACE_COUNT; f++)
		if (c.chars[f].n && (rc = embed_face(&c, fs, f)) != CV_OK)
			goto done;

	c.pages = cv_xcalloc(dl->n_pages, sizeof *c.pages);
	for (size_t p = 0; p < dl->n_pages; p++) {
		snprintf(what, sizeof what, "drawing page %zu", p + 1);
		HPDF_Page page = c.pages[p] = HPDF_AddPage(c.pdf);
		if (!page) {
			rc = haru_null(&c, what);
			goto done;
		}
		HPDF_Page_SetWidth(page, dl->width);
		HPDF_Page_SetHeight(page, dl->height);
		draw_page(&c, page, &dl->pages[p], dl->height);
		if (haru_failed(&c, what)) {
			rc = CV_EPDF;
			goto done;
		}
	}
	if ((rc = add_bookmarks(&c, dl)) != CV_OK)
		goto done;
	set_docinfo(&c, dl, env);
	if (haru_failed(&c, "writing the document information")) {
		rc = CV_EPDF;
		goto done;
	}

	if (HPDF_SaveToStream(c.pdf) != HPDF_OK || c.error_no) {
		rc = haru_null(&c, "saving");
		goto done;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(c.pdf), got = size;
	buf = cv_xmalloc(size ? size : 1);
	HPDF_ResetStream(c.pdf);
	HPDF_ReadFromStream(c.pdf, buf, &got);
	if (size == 0 || got != size || c.error_no) {
		rc = haru_null(&c, "reading the saved document");
		goto done;
	}
	*out = buf;
	*len = size;
	buf = NULL;
	rc = CV_OK;
done:
	free(buf);
	render_ctx_fini(&c);
	return rc;
}

int cv_render_font_check(const cv_dlist *dl, const cv_fontset *fs, cv_diags *d)
{
	int rc = check_dlist(dl, d);
	render_ctx c = {.d = d};
	if (rc == CV_OK) {
		for (int f = 0; f < CV_FACE_COUNT; f++)
			c.canon[f] = cv_fontset_canonical(fs, f);
		collect_code_points(&c, dl, fs);
		choose_names(&c, fs);
	}
	/* The shipped faces are not tried: they are known to embed. */
	for (int f = 0; f < CV_FACE_COUNT && rc == CV_OK; f++) {
		if (!c.chars[f].n || !cv_fontset_span(fs, f).file)
			continue;
		cv_font_file file;
		if ((rc = font_file(&c, fs, f, &file)) == CV_OK)
			cv_font_file_fini(&file);
	}
	render_ctx_fini(&c);
	return rc;
}
