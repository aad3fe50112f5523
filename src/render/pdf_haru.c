/* PDF output: draws a display list with libharu, embedding HarfBuzz subsets of the faces it uses.
 * The only file that includes <hpdf.h>. It never measures, wraps or moves anything: every position
 * comes from the display list and is only flipped from its top-left origin to PDF's bottom-left one.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create, mkostemp */
#endif

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "cv2pdf/render.h"
#include "cv2pdf/util.h"

/* Stroke width of synthetic bold, in em. Filling and stroking the outline with this width thickens
 * each stem by 0.035 em, about the difference between WenQuanYi's regular stems and a bold Hei,
 * as xeCJK's AutoFakeBold does; more starts to close the counters of dense Han characters. */
#define FAKE_BOLD_STROKE_EM 0.035f
/* OpenType limits PostScript names to 63 characters; libharu itself allows 127 with the style. */
#define PS_NAME_MAX 63
/* Largest code point libharu can write itself: its content-stream codes are 2-byte Unicode values,
 * and it turns anything above into a space or drops it. Characters above are drawn through the
 * private-use codes the embedded font gives them (cv_font_embed) and mapped back in ToUnicode. */
#define HARU_MAX_CP 0xFFFDu
/* Not a 0xRRGGBB value: the first colour of a page is always written. */
#define NO_COLOR 0xFFFFFFFFu
/* Room for "/proc/self/fd/N" or "$TMPDIR/cv2pdf-font-XXXXXX". */
#define FONT_PATH_CAP 4096

static const cv_span no_span = {0};

/* libharu has error numbers and no string function (STYLE.md §4): every code of libharu 2.3.0's
 * hpdf_error.h (2.4 adds two that a résumé cannot meet), in its order. Checklist: keep in step with
 * hpdf_error.h when supporting a new libharu. */
static const struct haru_error {
	HPDF_STATUS code;
	const char *text;
} haru_errors[] = {
	{HPDF_ARRAY_COUNT_ERR, "an internal array is full"},
	{HPDF_ARRAY_ITEM_NOT_FOUND, "an internal array item is missing"},
	{HPDF_ARRAY_ITEM_UNEXPECTED_TYPE, "an internal array item has the wrong type"},
	{HPDF_BINARY_LENGTH_ERR, "binary data too long"},
	{HPDF_CANNOT_GET_PALLET, "cannot read the picture's palette"},
	{HPDF_DICT_COUNT_ERR, "an internal dictionary is full"},
	{HPDF_DICT_ITEM_NOT_FOUND, "an internal dictionary item is missing"},
	{HPDF_DICT_ITEM_UNEXPECTED_TYPE, "an internal dictionary item has the wrong type"},
	{HPDF_DICT_STREAM_LENGTH_NOT_FOUND, "a stream has no length"},
	{HPDF_DOC_ENCRYPTDICT_NOT_FOUND, "encryption was asked for without its settings"},
	{HPDF_DOC_INVALID_OBJECT, "invalid object in the document"},
	{HPDF_DUPLICATE_REGISTRATION, "a font or encoding was registered twice"},
	{HPDF_EXCEED_JWW_CODE_NUM_LIMIT, "too many Japanese word-wrap codes"},
	{HPDF_ENCRYPT_INVALID_PASSWORD, "invalid password"},
	{HPDF_ERR_UNKNOWN_CLASS, "unknown object class"},
	{HPDF_EXCEED_GSTATE_LIMIT, "graphics states nested too deeply"},
	{HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
	{HPDF_FILE_IO_ERROR, "a file could not be read or written"},
	{HPDF_FILE_OPEN_ERROR, "a file could not be opened"},
	{HPDF_FONT_EXISTS, "a font of that name is already loaded"},
	{HPDF_FONT_INVALID_WIDTHS_TABLE, "the font's width table is invalid"},
	{HPDF_INVALID_AFM_HEADER, "invalid AFM font metrics"},
	{HPDF_INVALID_ANNOTATION, "invalid link annotation"},
	{HPDF_INVALID_BIT_PER_COMPONENT, "a picture's bits per component are not supported"},
	{HPDF_INVALID_CHAR_MATRICS_DATA, "invalid character metrics"},
	{HPDF_INVALID_COLOR_SPACE, "a picture's colour space is not supported"},
	{HPDF_INVALID_COMPRESSION_MODE, "invalid compression mode"},
	{HPDF_INVALID_DATE_TIME, "invalid date"},
	{HPDF_INVALID_DESTINATION, "invalid bookmark destination"},
	{HPDF_INVALID_DOCUMENT, "invalid document"},
	{HPDF_INVALID_DOCUMENT_STATE, "operation not allowed in the document's current state"},
	{HPDF_INVALID_ENCODER, "invalid text encoder"},
	{HPDF_INVALID_ENCODER_TYPE, "text encoder of the wrong kind"},
	{HPDF_INVALID_ENCODING_NAME, "unknown text encoding"},
	{HPDF_INVALID_ENCRYPT_KEY_LEN, "invalid encryption key length"},
	{HPDF_INVALID_FONTDEF_DATA, "invalid font data"},
	{HPDF_INVALID_FONTDEF_TYPE, "font of an unsupported kind"},
	{HPDF_INVALID_FONT_NAME, "unknown font name"},
	{HPDF_INVALID_IMAGE, "invalid picture"},
	{HPDF_INVALID_JPEG_DATA, "invalid JPEG data"},
	{HPDF_INVALID_N_DATA, "invalid number"},
	{HPDF_INVALID_OBJECT, "invalid object"},
	{HPDF_INVALID_OBJ_ID, "invalid object number"},
	{HPDF_INVALID_OPERATION, "operation not allowed"},
	{HPDF_INVALID_OUTLINE, "invalid bookmark"},
	{HPDF_INVALID_PAGE, "invalid page"},
	{HPDF_INVALID_PAGES, "invalid page tree"},
	{HPDF_INVALID_PARAMETER, "invalid parameter"},
	{HPDF_INVALID_PNG_IMAGE, "invalid PNG picture"},
	{HPDF_INVALID_STREAM, "invalid stream"},
	{HPDF_MISSING_FILE_NAME_ENTRY, "a file name is missing"},
	{HPDF_INVALID_TTC_FILE, "invalid TrueType collection"},
	{HPDF_INVALID_TTC_INDEX, "face index out of range in a TrueType collection"},
	{HPDF_INVALID_WX_DATA, "invalid character width"},
	{HPDF_ITEM_NOT_FOUND, "item not found"},
	{HPDF_LIBPNG_ERROR, "libpng could not read the PNG picture"},
	{HPDF_NAME_INVALID_VALUE, "invalid PDF name"},
	{HPDF_NAME_OUT_OF_RANGE, "PDF name too long (over 127 bytes)"},
	{HPDF_PAGE_INVALID_PARAM_COUNT, "wrong number of parameters for a page operator"},
	{HPDF_PAGES_MISSING_KIDS_ENTRY, "the page tree has no pages"},
	{HPDF_PAGE_CANNOT_FIND_OBJECT, "a page's object is missing"},
	{HPDF_PAGE_CANNOT_GET_ROOT_PAGES, "the page tree's root is missing"},
	{HPDF_PAGE_CANNOT_RESTORE_GSTATE, "graphics state restored more often than saved"},
	{HPDF_PAGE_CANNOT_SET_PARENT, "a page cannot be attached to the page tree"},
	{HPDF_PAGE_FONT_NOT_FOUND, "text drawn before a font was set"},
	{HPDF_PAGE_INVALID_FONT, "invalid font"},
	{HPDF_PAGE_INVALID_FONT_SIZE, "font size out of range (above 0, at most 600 pt)"},
	{HPDF_PAGE_INVALID_GMODE, "drawing operator not allowed in the current graphics mode"},
	{HPDF_PAGE_INVALID_INDEX, "page index out of range"},
	{HPDF_PAGE_INVALID_ROTATE_VALUE, "page rotation not a multiple of 90"},
	{HPDF_PAGE_INVALID_SIZE, "page size out of range (3 to 14400 pt)"},
	{HPDF_PAGE_INVALID_XOBJECT, "invalid picture or form"},
	{HPDF_PAGE_OUT_OF_RANGE, "value out of range (line width, character spacing or colour)"},
	{HPDF_REAL_OUT_OF_RANGE, "number out of range"},
	{HPDF_STREAM_EOF, "a file or stream ended early"},
	{HPDF_STREAM_READLN_CONTINUE, "a line of a stream is longer than the buffer"},
	{HPDF_STRING_OUT_OF_RANGE, "string too long (over 65535 bytes)"},
	{HPDF_THIS_FUNC_WAS_SKIPPED, "an earlier error stopped this operation"},
	{HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence does not allow embedding"},
	{HPDF_TTF_INVALID_CMAP, "the font's cmap table is invalid or unsupported"},
	{HPDF_TTF_INVALID_FOMAT, "invalid TrueType font"},
	{HPDF_TTF_MISSING_TABLE, "a required TrueType table is missing or damaged"},
	{HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type"},
	{HPDF_UNSUPPORTED_FUNC, "function not supported by this libharu"},
	{HPDF_UNSUPPORTED_JPEG_FORMAT, "a JPEG of a kind the PDF writer cannot embed"},
	{HPDF_UNSUPPORTED_TYPE1_FONT, "unsupported Type 1 font"},
	{HPDF_XREF_COUNT_ERR, "too many objects in the document"},
	{HPDF_ZLIB_ERROR, "compression (zlib) failed"},
	{HPDF_INVALID_PAGE_INDEX, "invalid page index"},
	{HPDF_INVALID_URI, "invalid link URI"},
	{HPDF_PAGE_LAYOUT_OUT_OF_RANGE, "page layout out of range"},
	{HPDF_PAGE_MODE_OUT_OF_RANGE, "page mode out of range"},
	{HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE, "page number style out of range"},
	{HPDF_ANNOT_INVALID_ICON, "invalid annotation icon"},
	{HPDF_ANNOT_INVALID_BORDER_STYLE, "invalid link border style"},
	{HPDF_PAGE_INVALID_DIRECTION, "invalid page direction"},
	{HPDF_INVALID_FONT, "invalid font"},
	{HPDF_PAGE_INSUFFICIENT_SPACE, "not enough room on the page"},
	{HPDF_PAGE_INVALID_DISPLAY_TIME, "invalid page display time"},
	{HPDF_PAGE_INVALID_TRANSITION_TIME, "invalid page transition time"},
	{HPDF_INVALID_PAGE_SLIDESHOW_TYPE, "invalid slide show type"},
	{HPDF_EXT_GSTATE_OUT_OF_RANGE, "graphics state value out of range"},
	{HPDF_INVALID_EXT_GSTATE, "invalid graphics state"},
	{HPDF_EXT_GSTATE_READ_ONLY, "graphics state is read-only"},
	{HPDF_INVALID_U3D_DATA, "invalid U3D data"},
	{HPDF_NAME_CANNOT_GET_NAMES, "cannot read the document's names"},
	{HPDF_INVALID_ICC_COMPONENT_NUM, "invalid number of ICC colour components"},
};

static const char *haru_error_text(HPDF_STATUS code)
{
	for (size_t i = 0; i < sizeof haru_errors / sizeof haru_errors[0]; i++)
		if (haru_errors[i].code == code)
			return haru_errors[i].text;
	return "an error this libharu version added (see its hpdf_error.h)";
}

/* Code points of one face, sorted and unique once collected. */
typedef struct cp_set {
	uint32_t *cps;
	size_t n, cap;
} cp_set;

/* Everything one rendering owns. libharu's handler only records into it; callers check. */
typedef struct render_ctx {
	HPDF_Doc pdf;
	HPDF_STATUS error_no, detail_no; /* the first libharu error; 0 while there is none */
	HPDF_Font fonts[CV_FACE_COUNT];  /* NULL for faces no run uses */
	char ps_names[CV_FACE_COUNT][PS_NAME_MAX + 1];
	int canon[CV_FACE_COUNT];        /* per face: the face whose font it draws with (same file) */
	const cp_set *sets;              /* per face: the characters drawn, sorted */
	cv_font_file files[CV_FACE_COUNT]; /* per face: the embedded font and each character's code */
	HPDF_Page *pages; /* by display-list page index */
	char *scratch;    /* NUL-terminated text handed to libharu */
	size_t scratch_cap;
	cv_diags *d;
	cv_span at; /* where libharu's errors point: the setting of the font being embedded, else none */
	const char *tmpdir; /* for font files when there is no memfd_create (cv_env.tmpdir) */
} render_ctx;

/* Current graphics and text state of a page's content stream, so that operators are only written
 * when a value changes. */
typedef struct draw_state {
	cv_color fill, stroke;
	float line_width;
	int face;
	float size, spacing, hscale;
	HPDF_TextRenderingMode mode;
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
		    (unsigned)c->error_no, (unsigned)c->detail_no, haru_error_text(c->error_no), what);
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
	/* Controls would map to .notdef (libharu's UTF-8 encoder reserves U+0000..U+001F), surrogates
	 * cannot be encoded, NUL would end the C string, and U+FFFE and U+FFFF are noncharacters. */
	return cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE && cp != 0xFFFF;
}

/* The code a character is drawn with in face: the character itself in the BMP, else the private-use
 * code its embedded font gives it; 0 when it has none (and for text outside any font). */
static uint32_t code_of(const render_ctx *c, int face, uint32_t cp)
{
	if (cp <= HARU_MAX_CP)
		return cp;
	if (face < 0 || !c->files[face].codes)
		return 0;
	const cp_set *set = &c->sets[face];
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->n && set->cps[lo] == cp ? c->files[face].codes[lo] : 0;
}

/* Copies the characters libharu can write from s[0..len) into c->scratch, re-encoded, so that
 * invalid bytes become the U+FFFD that was subset rather than confusing libharu's UTF-8 decoder, and
 * characters above U+FFFF become face's codes for them (face -1: text outside any font, where they
 * are left out). Returns the NUL-terminated copy (valid until the next call) and its length in
 * *out_len. */
static const char *writable_text(render_ctx *c, const char *s, size_t len, int face, size_t *out_len)
{
	/* One input byte becomes at most three output bytes (an invalid byte turns into U+FFFD). */
	size_t need = 3 * len + 1;
	if (need > c->scratch_cap) {
		c->scratch = cv_xrealloc(c->scratch, need);
		c->scratch_cap = need;
	}
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = cv_utf8_next(s, len, &i);
		uint32_t code = writable(cp) ? code_of(c, face, cp) : 0;
		if (code)
			n += cv_utf8_put(code, c->scratch + n);
	}
	c->scratch[n] = '\0';
	if (out_len)
		*out_len = n;
	return c->scratch;
}

/* A URI as PDF wants it, 7-bit ASCII (PDF 32000 §12.6.4.7): non-ASCII bytes, controls, space and
 * the characters RFC 3986 never allows are percent-encoded, as RFC 3987 maps an IRI to a URI. */
static const char *ascii_uri(render_ctx *c, const char *uri)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(uri), need = 3 * len + 1;
	if (need > c->scratch_cap) {
		c->scratch = cv_xrealloc(c->scratch, need);
		c->scratch_cap = need;
	}
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)uri[i];
		if (b <= 0x20 || b >= 0x7F || strchr("\"<>\\^`{|}", b)) {
			c->scratch[n++] = '%';
			c->scratch[n++] = hex[b >> 4];
			c->scratch[n++] = hex[b & 15];
		} else {
			c->scratch[n++] = (char)b;
		}
	}
	c->scratch[n] = '\0';
	return c->scratch;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The character a text character is written as: a no-break space is written as a space, which every
 * extractor reads as one (the layout has already kept the line from breaking there). */
static uint32_t drawn_char(uint32_t cp)
{
	return cp == 0xA0 ? ' ' : cp;
}

/* Gathers, per font, the code points its runs will draw: exactly what the subset must hold, plus the
 * characters whose glyphs draw others (cv_display_cp). Faces that are one font (a family's missing
 * style, one font for Latin and Chinese) share one subset. */
static void collect_code_points(const cv_dlist *dl, const cv_fontset *fs, const int canon[CV_FACE_COUNT],
				cp_set sets[CV_FACE_COUNT])
{
	for (size_t p = 0; p < dl->n_pages; p++) {
		const cv_page *pg = &dl->pages[p];
		for (size_t r = 0; r < pg->n_runs; r++) {
			const cv_run *run = &pg->runs[r];
			cp_set *set = &sets[canon[run->face]];
			for (size_t i = 0; i < run->len;) {
				uint32_t cp = drawn_char(cv_utf8_next(run->text, run->len, &i));
				if (!writable(cp))
					continue;
				*CV_PUSH(set->cps, set->n, set->cap) = cp;
				uint32_t shown = cv_display_cp(fs, run->face, cp);
				if (shown != cp && writable(shown))
					*CV_PUSH(set->cps, set->n, set->cap) = shown;
			}
		}
	}
	for (int f = 0; f < CV_FACE_COUNT; f++) {
		cp_set *set = &sets[f];
		if (set->n == 0)
			continue;
		qsort(set->cps, set->n, sizeof *set->cps, cmp_u32);
		size_t u = 1;
		for (size_t i = 1; i < set->n; i++)
			if (set->cps[i] != set->cps[u - 1])
				set->cps[u++] = set->cps[i];
		set->n = u;
	}
}

/* ---- Font names ---------------------------------------------------------------------------- */

/* Unique PostScript names for the faces in use: the font set's label, with the face's role added
 * when an earlier face already has that label (same file for two roles). */
static void choose_names(render_ctx *c, const cv_fontset *fs, const cp_set sets[CV_FACE_COUNT])
{
	static const char *const role_suffix[CV_FACE_COUNT] = {"-Regular", "-Bold", "-Italic", "-BoldItalic",
							       "-CJK"};
	for (int f = 0; f < CV_FACE_COUNT; f++) {
		if (sets[f].n == 0)
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
				taken = taken || (sets[g].n && strcmp(c->ps_names[g], name) == 0);
			if (!taken)
				break;
			if (attempt == 0)
				snprintf(name, PS_NAME_MAX + 1, "%s%s", base, role_suffix[f]);
			else
				snprintf(name, PS_NAME_MAX + 1, "%s-F%d-%d", base, f, attempt);
		}
	}
}

/* ---- Font embedding ----------------------------------------------------------------------- */

static int write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

/* libharu 2.3.0 can only load a TrueType font from a path. Puts buf behind one: an anonymous
 * memory file named through /proc, else a temporary file (*on_disk set: the caller unlinks path).
 * Returns the open descriptor, or -1 with errno set. */
static int font_file(const unsigned char *buf, size_t len, const char *dir, char *path, size_t cap, bool *on_disk)
{
	*on_disk = false;
#ifdef MFD_CLOEXEC
	int mfd = memfd_create("cv2pdf-font", MFD_CLOEXEC);
	if (mfd >= 0) {
		snprintf(path, cap, "/proc/self/fd/%d", mfd);
		/* libharu opens the path itself, which fails where /proc is not mounted (some chroots). */
		if (write_all(mfd, buf, len) == 0 && access(path, R_OK) == 0)
			return mfd;
		close(mfd);
	}
#endif
	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, cap, "%s/cv2pdf-font-XXXXXX", dir) >= cap) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -1;
	*on_disk = true;
	if (write_all(fd, buf, len) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		*on_disk = false;
		errno = e;
		return -1;
	}
	return fd;
}

/* Entries per beginbfrange block: PDF 32000 §9.10.3 (via Adobe TN 5014) allows at most 100. */
#define BFRANGE_BLOCK 100

#ifndef HPDF_SHARED
/* Writes one block of n ToUnicode ranges, each mapping to the code points themselves. */
static char *put_bfranges(char *p, char *end, const uint32_t *first, const uint32_t *last, size_t n)
{
	p += snprintf(p, (size_t)(end - p), "%zu beginbfrange\n", n);
	for (size_t r = 0; r < n; r++)
		p += snprintf(p, (size_t)(end - p), "<%04X> <%04X> <%04X>\n", (unsigned)first[r], (unsigned)last[r],
			      (unsigned)first[r]);
	return p + snprintf(p, (size_t)(end - p), "endbfrange\n");
}

/* Writes one block of n single codes, each mapping to a character above U+FFFF (UTF-16BE, a
 * surrogate pair, as PDF 32000 §9.10.3 has it). */
static char *put_bfchars(char *p, char *end, const uint32_t *code, const uint32_t *uni, size_t n)
{
	p += snprintf(p, (size_t)(end - p), "%zu beginbfchar\n", n);
	for (size_t r = 0; r < n; r++) {
		uint32_t v = uni[r] - 0x10000;
		p += snprintf(p, (size_t)(end - p), "<%04X> <%04X%04X>\n", (unsigned)code[r], 0xD800u + (unsigned)(v >> 10),
			      0xDC00u + (unsigned)(v & 0x3FF));
	}
	return p + snprintf(p, (size_t)(end - p), "endbfchar\n");
}
#endif

/* libharu 2.3.0 writes its UTF-8 *encoding* CMap (one cidrange over all codes) as the font's
 * /ToUnicode. That is no ToUnicode CMap: poppler warns "Invalid 'begincidrange'" and recovers
 * through the embedded font's cmap, but extractors that trust ToUnicode (pdfminer, which many
 * applicant-tracking systems use) find no mapping at all. Our codes are the Unicode values
 * themselves, except the private-use codes of characters above U+FFFF, so the right map is the
 * identity over the code points used plus one entry per such character back to it; it replaces the
 * data of libharu's stream object (outside Windows DLL builds the font is a plain libharu dictionary).
 * codes[0..n) are sorted; unis[i] is the character codes[i] draws. */
static void write_to_unicode(HPDF_Font font, const uint32_t *codes, const uint32_t *unis, size_t n)
{
#ifndef HPDF_SHARED
	static const char head[] = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
				   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				   "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
				   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
	/* Each range is "<XXXX> <XXXX> <XXXX>\n" (21 bytes), each single code "<XXXX> <XXXXXXXX>\n"
	 * (19); each block adds its two lines (30), and there are two kinds of block. */
	size_t cap = sizeof head + sizeof tail + 21 * n + 60 * (n / BFRANGE_BLOCK + 2);
	char *buf = cv_xmalloc(cap), *p = buf;
	p += snprintf(p, cap, "%s", head);
	/* Ranges of consecutive code points; a bfrange may vary only in its last byte. */
	uint32_t first[BFRANGE_BLOCK], last[BFRANGE_BLOCK], code[BFRANGE_BLOCK], uni[BFRANGE_BLOCK];
	size_t nr = 0, nc = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = codes[i];
		if (unis[i] != cp) {
			if (nc == BFRANGE_BLOCK) {
				p = put_bfchars(p, buf + cap, code, uni, nc);
				nc = 0;
			}
			code[nc] = cp, uni[nc] = unis[i];
			nc++;
			continue;
		}
		if (nr && cp == last[nr - 1] + 1 && (cp >> 8) == (last[nr - 1] >> 8)) {
			last[nr - 1] = cp;
			continue;
		}
		if (nr == BFRANGE_BLOCK) {
			p = put_bfranges(p, buf + cap, first, last, nr);
			nr = 0;
		}
		first[nr] = last[nr] = cp;
		nr++;
	}
	if (nr)
		p = put_bfranges(p, buf + cap, first, last, nr);
	if (nc)
		p = put_bfchars(p, buf + cap, code, uni, nc);
	p += snprintf(p, cap - (size_t)(p - buf), "%s", tail);
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (cmap && cmap->stream) {
		/* The encoding CMap's dictionary entries (/Type /CMap /CMapName /UTF-8 ...) would now
		 * contradict the stream; a ToUnicode stream needs none of them. */
		static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			HPDF_Dict_RemoveElement(cmap, keys[i]);
		HPDF_MemStream_FreeData(cmap->stream);
		HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)buf, (HPDF_UINT)(p - buf));
	}
	free(buf);
#else
	(void)font;
	(void)codes;
	(void)unis;
	(void)n;
#endif
}

/* libharu 2.3.0 builds a font's CIDToGIDMap and widths by looking up all 65,536 UTF-8 codes in the
 * font's cmap (hpdf_font_cid.c, CIDFontType2_New), and its lookup walks the format-4 segments one by
 * one (HPDF_TTFontDef_GetGlyphid): 65,536 times the segment count, per face and per document. A subset
 * of a few hundred scattered Han characters has hundreds of segments, which made this half of the
 * whole run for the Chinese example (123 million instructions, callgrind). So the parsed cmap is
 * replaced, in libharu's memory only, by an equivalent one of a single segment from the first to the
 * last code point used, backed by a glyph array holding 0 (.notdef) in the gaps, as the original gives
 * for codes it lacks. Every code maps to the same glyph as before; the embedded file is untouched
 * (libharu copies the cmap table from the file). Also speeds up the width look-ups of TextOut. */
static void flatten_cmap(render_ctx *c, const char *name, const cp_set *set)
{
#ifndef HPDF_SHARED
	HPDF_FontDef def = HPDF_GetFontDef(c->pdf, name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || set->n == 0)
		return;
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange *cm = &attr->cmap;
	uint32_t first = set->cps[0], last = set->cps[set->n - 1];
	/* 0xFFFF is the terminating segment's code: the layout below has no room for it. */
	if (cm->format != 4 || cm->seg_count_x2 < 2 || last >= 0xFFFF)
		return;
	size_t count = last - first + 1;
	HPDF_UINT16 *ends = HPDF_GetMem(def->mmgr, 2 * sizeof *ends);
	HPDF_UINT16 *starts = HPDF_GetMem(def->mmgr, 2 * sizeof *starts);
	HPDF_INT16 *deltas = HPDF_GetMem(def->mmgr, 2 * sizeof *deltas);
	HPDF_UINT16 *offsets = HPDF_GetMem(def->mmgr, 2 * sizeof *offsets);
	HPDF_UINT16 *glyphs = HPDF_GetMem(def->mmgr, (HPDF_UINT)(count * sizeof *glyphs));
	if (!ends || !starts || !deltas || !offsets || !glyphs) {
		HPDF_FreeMem(def->mmgr, ends);
		HPDF_FreeMem(def->mmgr, starts);
		HPDF_FreeMem(def->mmgr, deltas);
		HPDF_FreeMem(def->mmgr, offsets);
		HPDF_FreeMem(def->mmgr, glyphs);
		return; /* keep the slow but correct original */
	}
	memset(glyphs, 0, count * sizeof *glyphs);
	/* The subset's cmap holds exactly the code points of set, so asking it for those (n look-ups,
	 * not 65,536) gives the whole mapping. */
	for (size_t i = 0; i < set->n; i++)
		glyphs[set->cps[i] - first] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)set->cps[i]);
	/* Segment 0 covers [first, last] through the glyph array: libharu reads entry
	 * offset/2 + (code - start) - (segments - 0), so an offset of 4 bytes makes it glyphs[code - first].
	 * Segment 1 is the obligatory 0xFFFF terminator, mapping to glyph 0 as usual. */
	ends[0] = (HPDF_UINT16)last, starts[0] = (HPDF_UINT16)first, deltas[0] = 0, offsets[0] = 4;
	ends[1] = 0xFFFF, starts[1] = 0xFFFF, deltas[1] = 1, offsets[1] = 0;
	HPDF_FreeMem(def->mmgr, cm->end_count);
	HPDF_FreeMem(def->mmgr, cm->start_count);
	HPDF_FreeMem(def->mmgr, cm->id_delta);
	HPDF_FreeMem(def->mmgr, cm->id_range_offset);
	HPDF_FreeMem(def->mmgr, cm->glyph_id_array);
	cm->end_count = ends;
	cm->start_count = starts;
	cm->id_delta = deltas;
	cm->id_range_offset = offsets;
	cm->glyph_id_array = glyphs;
	cm->glyph_id_array_count = (HPDF_UINT)count;
	cm->seg_count_x2 = 4;
#else
	(void)c;
	(void)name;
	(void)set;
#endif
}

/* Where the text stage draws a character with another one's glyph (cv_display_cp: the Chinese
 * middle dot in its full-width form), the flattened cmap sends the character's code to that glyph: the
 * text keeps its own code, so extractors read U+00B7, while the page shows the full-width form with
 * its width. Without a flattened cmap the character keeps its own glyph, and its layout position. */
static void show_display_glyphs(render_ctx *c, const char *name, const cv_fontset *fs, int face, const cp_set *set)
{
#ifndef HPDF_SHARED
	HPDF_FontDef def = HPDF_GetFontDef(c->pdf, name);
	if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return;
	HPDF_TTF_CmapRange *cm = &((HPDF_TTFontDefAttr)def->attr)->cmap;
	if (cm->seg_count_x2 != 4 || cm->id_range_offset[0] != 4)
		return; /* not the single segment flatten_cmap makes */
	for (size_t i = 0; i < set->n; i++) {
		uint32_t cp = set->cps[i], shown = cv_display_cp(fs, face, cp);
		if (shown != cp && shown <= HARU_MAX_CP && cp >= cm->start_count[0] && cp <= cm->end_count[0])
			cm->glyph_id_array[cp - cm->start_count[0]] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)shown);
	}
#else
	(void)c;
	(void)name;
	(void)fs;
	(void)face;
	(void)set;
#endif
}

/* Entries of the UTF-8 encoder's cid_map that its decoder uses as scratch space: libharu keeps its
 * UTF-8 state (10 bytes) in cid_map[0] (hpdf_encoder_utf.c). Code points below U+0020 never reach
 * the map, so they never collide with it. */
#define UTF8_STATE_CIDS 5

/* HPDF_GetFont(name, "UTF-8"), minus libharu's per-font set-up over all 65,536 codes. For the UTF-8
 * encoder, CIDFontType2_New looks every code up in the font, writes a width for each, and a 128 KB
 * CIDToGIDMap that zlib then compresses: about 6 million instructions per face and document, the
 * largest single cost of a render (callgrind). For any other CMap encoder it walks only the codes
 * the encoder's cid_map defines. So for the duration of the call the encoder is made to look like
 * one whose cid_map holds exactly the code points used, each as its own CID (as the UTF-8 encoder
 * maps them), plus one past the last, because libharu stops its width and map loops one short of
 * the largest CID. The widths and the map come out the same for every code drawn; the map just ends
 * after the last one. The encoder is restored before anything encodes text with it. */
static HPDF_Font get_font(render_ctx *c, const char *name, const cp_set *set)
{
#ifndef HPDF_SHARED
	HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
	uint32_t last = set->n ? set->cps[set->n - 1] : 0xFFFF;
	if (!enc || !enc->attr || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || last >= 0xFFFF ||
	    set->cps[0] < 0x20)
		return HPDF_GetFont(c->pdf, name, "UTF-8");
	HPDF_CMapEncoderAttr a = (HPDF_CMapEncoderAttr)enc->attr;
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	HPDF_UINT16 state[UTF8_STATE_CIDS];
	memcpy(state, a->cid_map[0], sizeof state);
	memset(a->cid_map[0], 0, sizeof state);
	size_t n = set->n + 1;
	HPDF_UINT16 *saved = cv_xmalloc(2 * n * sizeof *saved);
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = i < set->n ? set->cps[i] : last + 1;
		HPDF_UINT16 *cid = &a->cid_map[cp >> 8][cp & 0xFF];
		HPDF_UNICODE *uni = &a->unicode_map[cp >> 8][cp & 0xFF];
		saved[2 * i] = *cid;
		saved[2 * i + 1] = *uni;
		*cid = (HPDF_UINT16)cp;
		*uni = (HPDF_UNICODE)cp;
	}
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font font = HPDF_GetFont(c->pdf, name, "UTF-8");
	enc->to_unicode_fn = to_unicode;
	for (size_t i = n; i-- > 0;) {
		uint32_t cp = i < set->n ? set->cps[i] : last + 1;
		a->cid_map[cp >> 8][cp & 0xFF] = saved[2 * i];
		a->unicode_map[cp >> 8][cp & 0xFF] = saved[2 * i + 1];
	}
	memcpy(a->cid_map[0], state, sizeof state);
	free(saved);
	return font;
#else
	(void)set;
	return HPDF_GetFont(c->pdf, name, "UTF-8");
#endif
}

static int cmp_code(const void *a, const void *b)
{
	uint32_t x = ((const uint32_t *)a)[0], y = ((const uint32_t *)b)[0];
	return (x > y) - (x < y);
}

/* Makes the embeddable font of face for the characters of set (cv_font_embed: a subset, with TrueType
 * outlines, private-use codes for characters above U+FFFF) and loads it into the document. A font the
 * input named that fails is the input's fault: its errors point at the setting and the result is
 * CV_EINPUT (exit status 1); a shipped one is an internal failure. */
static int embed_face(render_ctx *c, const cv_fontset *fs, int face, const cp_set *set)
{
	const char *label = c->ps_names[face];
	char path[FONT_PATH_CAP], what[FONT_PATH_CAP + 80];
	cv_span at = cv_fontset_span(fs, face);
	if (at.file)
		snprintf(what, sizeof what, "embedding the %s font \"%s\"", cv_face_role(face), cv_fontset_path(fs, face));
	else
		snprintf(what, sizeof what, "embedding font %s", label);
	cv_font_file *file = &c->files[face];
	int rc = cv_font_embed(fs, face, set->cps, set->n, label, file, c->d);
	if (rc != CV_OK)
		return at.file ? CV_EINPUT : rc;
	c->at = at;
	/* The codes drawn, sorted, each with its character: what libharu's set-up and ToUnicode need. */
	uint32_t *pairs = cv_xmalloc(2 * (set->n ? set->n : 1) * sizeof *pairs);
	size_t n = 0;
	for (size_t i = 0; i < set->n; i++)
		if (file->codes[i]) {
			pairs[2 * n] = file->codes[i];
			pairs[2 * n + 1] = set->cps[i];
			n++;
		}
	qsort(pairs, n, 2 * sizeof *pairs, cmp_code);
	cp_set codes = {cv_xmalloc((n ? n : 1) * sizeof *codes.cps), n, n};
	uint32_t *unis = cv_xmalloc((n ? n : 1) * sizeof *unis);
	for (size_t i = 0; i < n; i++)
		codes.cps[i] = pairs[2 * i], unis[i] = pairs[2 * i + 1];
	free(pairs);
	rc = CV_EFONT;
	bool on_disk;
	int fd = font_file(file->data, file->len, c->tmpdir, path, sizeof path, &on_disk);
	if (fd < 0) {
		cv_diag_add(c->d, CV_ERROR, "font-embed", no_span, "cannot create a temporary file for font %s: %s",
			    label, strerror(errno));
		at = no_span; /* not the font's fault */
		goto done;
	}
	const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
	/* libharu reads lazily: it parses the tables now but copies the glyphs only while saving,
	 * through a FILE* of its own that it keeps until HPDF_Free (hpdf_fontdef_tt.c; checked with
	 * strace). That open file keeps the memory file, or the unlinked temporary file, alive, so
	 * our descriptor and name can go now. */
	close(fd);
	if (on_disk)
		unlink(path);
	if (!name) {
		rc = haru_null(c, what);
		goto done;
	}
	if (strcmp(name, label) != 0) {
		/* The renaming did not take: two faces could end up sharing one font. */
		cv_diag_add(c->d, CV_ERROR, "pdf-write", no_span,
			    "PDF writer error 0x0000 (detail 0): font %s was loaded as \"%s\", while %s", label, name,
			    what);
		rc = CV_EPDF;
		at = no_span;
		goto done;
	}
	flatten_cmap(c, name, &codes);
	show_display_glyphs(c, name, fs, face, &codes);
	c->fonts[face] = get_font(c, name, &codes);
	if (!c->fonts[face]) {
		rc = haru_null(c, what);
		goto done;
	}
	write_to_unicode(c->fonts[face], codes.cps, unis, codes.n);
	rc = haru_failed(c, what) ? CV_EPDF : CV_OK;
done:
	c->at = no_span;
	/* libharu has its own copy of the file; the codes stay for drawing. */
	free(file->data);
	file->data = NULL;
	free(codes.cps);
	free(unis);
	return rc != CV_OK && at.file ? CV_EINPUT : rc;
}

/* Characters to try a font with: the printable ASCII and first Han characters it has. */
static void sample_code_points(const cv_fontset *fs, int face, cp_set *set)
{
	static const uint32_t ranges[][2] = {{0x20, 0x7E}, {0x4E00, 0x4E3F}};
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++)
			if (cv_fontset_has(fs, face, cp))
				*CV_PUSH(set->cps, set->n, set->cap) = cp;
}

int cv_render_font_check(const cv_fontset *fs, const cv_env *env, cv_diags *d)
{
	int rc = CV_OK;
	for (int f = 0; f < CV_FACE_COUNT && rc == CV_OK; f++) {
		if (!cv_fontset_present(fs, f) || !cv_fontset_span(fs, f).file || cv_fontset_canonical(fs, f) != f)
			continue; /* shipped, absent, or the same font as an earlier face */
		cp_set set = {0};
		sample_code_points(fs, f, &set);
		if (set.n == 0) {
			free(set.cps);
			continue; /* a font with none of these is judged by the characters it is used for */
		}
		render_ctx c = {.d = d, .tmpdir = env ? env->tmpdir : NULL};
		c.pdf = HPDF_New(on_haru_error, &c);
		if (c.pdf) {
			HPDF_UseUTFEncodings(c.pdf);
			HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
			snprintf(c.ps_names[f], sizeof c.ps_names[f], "%s", cv_fontset_name(fs, f));
			rc = embed_face(&c, fs, f, &set);
			HPDF_Free(c.pdf);
		}
		cv_font_file_fini(&c.files[f]);
		free(c.scratch);
		free(set.cps);
	}
	return rc;
}

/* ---- Pages -------------------------------------------------------------------------------- */

static float channel(cv_color color, int shift)
{
	return (float)((color >> shift) & 0xFF) / 255.0f;
}

static void set_fill(HPDF_Page page, draw_state *st, cv_color color)
{
	if (st->fill == color)
		return;
	HPDF_Page_SetRGBFill(page, channel(color, 16), channel(color, 8), channel(color, 0));
	st->fill = color;
}

static void set_stroke(HPDF_Page page, draw_state *st, cv_color color)
{
	if (st->stroke == color)
		return;
	HPDF_Page_SetRGBStroke(page, channel(color, 16), channel(color, 8), channel(color, 0));
	st->stroke = color;
}

static void set_line_width(HPDF_Page page, draw_state *st, float width)
{
	if (st->line_width == width)
		return;
	HPDF_Page_SetLineWidth(page, width);
	st->line_width = width;
}

/* A rule along one axis is a stroked line centred on its segment, thickness wide (butt caps, so it
 * ends exactly at x0/x1 or y0/y1). A rule with x0 != x1 and y0 != y1 is the filled rectangle with
 * those corners; its thickness is ignored. */
static void draw_rule(HPDF_Page page, draw_state *st, const cv_rule *r, float h)
{
	if (r->x0 == r->x1 || r->y0 == r->y1) {
		if (r->thickness <= 0)
			return; /* PDF would draw a zero width as the thinnest visible line */
		set_line_width(page, st, r->thickness);
		set_stroke(page, st, r->color);
		HPDF_Page_MoveTo(page, r->x0, h - r->y0);
		HPDF_Page_LineTo(page, r->x1, h - r->y1);
		HPDF_Page_Stroke(page);
	} else {
		float left = r->x0 < r->x1 ? r->x0 : r->x1, top = r->y0 < r->y1 ? r->y0 : r->y1;
		float w = r->x0 < r->x1 ? r->x1 - r->x0 : r->x0 - r->x1;
		float hh = r->y0 < r->y1 ? r->y1 - r->y0 : r->y0 - r->y1;
		set_fill(page, st, r->color);
		HPDF_Page_Rectangle(page, left, h - top - hh, w, hh);
		HPDF_Page_Fill(page);
	}
}

/* Text-showing operators are written into the page's content stream directly: libharu 2.3.0 has no
 * TJ, and its Tj of a whole run places every glyph at its nominal advance, while the layout gives
 * each character its own (kerning, stretched spaces, compressed punctuation). One TJ per run keeps
 * the engine's positions exact with one operator per run of same-font text on a line; what TJ cannot
 * say without extractors reading it as a gap (spacing inside a Chinese line, a stretched space, a
 * compressed mark) the layout has put into the run's character spacing (Tc). */

/* Digits of the longest number text_num writes (a 64-bit integer part). */
#define TJ_DIGITS_MAX 24

/* Appends n bytes to the text buffer c->scratch (capacity grows). */
static void text_put(render_ctx *c, size_t *at, const char *s, size_t n)
{
	if (*at + n + 1 > c->scratch_cap) {
		c->scratch_cap = 2 * (*at + n + 1);
		c->scratch = cv_xrealloc(c->scratch, c->scratch_cap);
	}
	memcpy(c->scratch + *at, s, n);
	*at += n;
}

/* A number in PDF syntax with up to three decimals, independent of the locale. */
static void text_num(render_ctx *c, size_t *at, double v)
{
	char buf[TJ_DIGITS_MAX + 8];
	/* A display list's numbers are finite page coordinates; anything else is written as 0 rather
	 * than overflow (the layout stage never makes one; a broken font's size could). */
	if (!isfinite(v) || fabs(v) > 1e12)
		v = 0;
	long long m = llround(v * 1000);
	bool neg = m < 0;
	unsigned long long u = neg ? (unsigned long long)(-m) : (unsigned long long)m;
	char *e = buf + sizeof buf, *q = e;
	unsigned long long frac = u % 1000, whole = u / 1000;
	if (frac) {
		int digits = 3;
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
	text_put(c, at, q, (size_t)(e - q));
}

/* The content-stream code of a character drawn in face: the code of the character it is written as
 * (drawn_char), through code_of. This is the one place that maps text to codes. */
static uint32_t text_code(const render_ctx *c, int face, uint32_t cp)
{
	return code_of(c, face, drawn_char(cp));
}

/* Writes the pen movement carry (points) as a TJ number when it is at least half a thousandth of an
 * em: a number n moves the pen left by n thousandths of unit (the font size times the horizontal
 * scale). The rounding error stays in carry for the next glyph. Closes the <...> string being
 * written, if any. */
static void tj_move(render_ctx *c, size_t *at, bool *in_string, double *carry, double *pen, double unit)
{
	long long t = llround(-*carry * 1000 / unit);
	if (t == 0)
		return;
	if (*in_string)
		text_put(c, at, ">", 1);
	*in_string = false;
	text_put(c, at, " ", 1);
	text_num(c, at, (double)t);
	text_put(c, at, " ", 1);
	*carry += (double)t * unit / 1000;
	*pen -= (double)t * unit / 1000;
}

static void draw_run(render_ctx *c, HPDF_Page page, draw_state *st, const cv_run *r, float h)
{
	int face = c->canon[r->face];
	if (r->len == 0)
		return;
	if (st->face != face || st->size != r->size) {
		HPDF_Page_SetFontAndSize(page, c->fonts[face], r->size);
		st->face = face;
		st->size = r->size;
	}
	set_fill(page, st, r->color);
	/* PDF scales character spacing and TJ numbers by the horizontal scale (Th): Tc is written
	 * divided by it so the layout's spacing comes out as given. */
	float th = r->hscale > 0 ? r->hscale : 1;
	if (st->hscale != th) {
#ifndef HPDF_SHARED
		/* Written directly: libharu refuses scales outside 10–300 %, and a space that joins a title
		 * to its right-aligned date is far wider than its glyph. */
		size_t n = 0;
		text_num(c, &n, (double)th * 100);
		text_put(c, &n, " Tz\n", 4);
		HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, (const HPDF_BYTE *)c->scratch, (HPDF_UINT)n);
#else
		HPDF_Page_SetHorizontalScalling(page, th < 0.1f ? 10 : th > 3 ? 300 : th * 100);
#endif
		st->hscale = th;
	}
	if (st->spacing != r->char_spacing / th) {
		HPDF_Page_SetCharSpace(page, r->char_spacing / th);
		st->spacing = r->char_spacing / th;
	}
	HPDF_TextRenderingMode mode = r->fake_bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL;
	if (r->fake_bold) {
		set_line_width(page, st, r->size * FAKE_BOLD_STROKE_EM);
		set_stroke(page, st, r->color);
	}
	if (st->mode != mode) {
		HPDF_Page_SetTextRenderingMode(page, mode);
		st->mode = mode;
	}
#ifndef HPDF_SHARED
	if (!(r->size > 0) || c->error_no)
		return; /* libharu refused the font size: the error is recorded, nothing is written */
	HPDF_Stream stream = ((HPDF_PageAttr)page->attr)->stream;
	HPDF_Font font = c->fonts[face];
	double x = r->x, y = h - r->y, size = r->size;
	size_t at = 0;
	if (!st->pen_known || fabs(st->pen_x - x) > 0.005 || fabs(st->pen_y - y) > 0.005) {
		text_num(c, &at, x - st->line_x);
		text_put(c, &at, " ", 1);
		text_num(c, &at, y - st->line_y);
		text_put(c, &at, " Td\n", 4);
		st->line_x = st->pen_x = x;
		st->line_y = st->pen_y = y;
	}
	text_put(c, &at, "[", 1);
	bool in_string = false;
	/* carry: how far the pen must still move, in points, beyond where the glyphs written so far
	 * leave it; pen: where they leave it, from x. */
	double carry = 0, pen = 0;
	size_t k = 0;
	for (size_t i = 0; i < r->len; k++) {
		uint32_t cp = cv_utf8_next(r->text, r->len, &i);
		double adv = r->adv && k < r->n_adv ? r->adv[k] : -1;
		if (!writable(cp)) {
			/* Never written: its advance moves the next glyph instead. */
			carry += adv > 0 ? adv : 0;
			continue;
		}
		uint32_t code = text_code(c, face, cp);
		if (!code) {
			/* Above U+FFFF with no private-use code in this font: nothing to draw. */
			carry += adv > 0 ? adv : 0;
			continue;
		}
		double nominal = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)code) * size * th / 1000 + r->char_spacing;
		tj_move(c, &at, &in_string, &carry, &pen, size * th);
		if (!in_string)
			text_put(c, &at, "<", 1);
		in_string = true;
		char hex[4];
		static const char digits[] = "0123456789ABCDEF";
		hex[0] = digits[(code >> 12) & 15], hex[1] = digits[(code >> 8) & 15];
		hex[2] = digits[(code >> 4) & 15], hex[3] = digits[code & 15];
		text_put(c, &at, hex, 4);
		pen += nominal;
		if (adv >= 0)
			carry += adv - nominal;
	}
	/* The last glyph's own extra advance too, so the pen ends where the next run may start. */
	tj_move(c, &at, &in_string, &carry, &pen, size * th);
	if (in_string)
		text_put(c, &at, ">", 1);
	text_put(c, &at, "] TJ\n", 5);
	HPDF_Stream_Write(stream, (const HPDF_BYTE *)c->scratch, (HPDF_UINT)at);
	st->pen_x = x + pen;
	st->pen_known = true;
#else
	size_t n;
	const char *text = writable_text(c, r->text, r->len, face, &n);
	if (n)
		HPDF_Page_TextOut(page, r->x, h - r->y, text);
#endif
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
static void draw_image(render_ctx *c, HPDF_Page page, const cv_image *im, float h)
{
	HPDF_Image img = load_picture(c, &im->pic);
	if (!img || c->error_no) {
		cv_diag_add(c->d, CV_WARNING, "photo", im->span,
			    "cv.photo: \"%s\" could not be embedded (PDF writer error 0x%04X: %s); no photo is shown",
			    im->path, (unsigned)c->error_no, haru_error_text(c->error_no));
		HPDF_ResetError(c->pdf);
		c->error_no = c->detail_no = 0;
		return;
	}
	HPDF_Page_DrawImage(page, img, im->x0, h - im->y1, im->x1 - im->x0, im->y1 - im->y0);
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
		on_haru_error(HPDF_INVALID_ANNOTATION, 0, c);
}

/* Draws one page: rules first (so a filled box lies under its text), then all runs in one text
 * object, then the link rectangles, which are annotations rather than content. */
static void draw_page(render_ctx *c, HPDF_Page page, const cv_page *pg, float h)
{
	/* Each page starts a new content stream with PDF's initial state: black, 1 pt, Tc 0, fill. */
	draw_state st = {NO_COLOR, NO_COLOR, 1.0f, -1, 0, 0, 1, HPDF_FILL, 0, 0, 0, 0, false};
	for (size_t i = 0; i < pg->n_rules; i++)
		draw_rule(page, &st, &pg->rules[i], h);
	for (size_t i = 0; i < pg->n_images; i++)
		draw_image(c, page, &pg->images[i], h);
	if (pg->n_runs) {
		HPDF_Page_BeginText(page);
		for (size_t i = 0; i < pg->n_runs; i++)
			draw_run(c, page, &st, &pg->runs[i], h);
		HPDF_Page_EndText(page);
	}
	for (size_t i = 0; i < pg->n_links; i++)
		draw_link(c, page, &pg->links[i], h);
}

/* ---- Document ----------------------------------------------------------------------------- */

/* Makes dst [page /XYZ 0 top null]: a null zoom keeps the reader's zoom, as hyperref's bookmarks
 * do. HPDF_Destination_SetXYZ cannot write it (libharu 2.3.0 wants a zoom of 0.08 to 32), but outside
 * Windows DLL builds a destination is a plain libharu array, whose functions are exported. */
static void set_destination(render_ctx *c, HPDF_Destination dst, HPDF_Page page, float top)
{
#ifndef HPDF_SHARED
	HPDF_Array_Clear(dst);
	HPDF_Array_Add(dst, page);
	HPDF_Array_AddName(dst, "XYZ");
	HPDF_Array_AddReal(dst, 0);
	HPDF_Array_AddReal(dst, top);
	HPDF_Array_Add(dst, HPDF_Null_New(c->pdf->mmgr));
#else
	(void)c;
	(void)page;
	HPDF_Destination_SetFitH(dst, top);
#endif
}

/* Sets dict's key to the text string s (UTF-8) as UTF-16BE with a byte order mark, written as a hex
 * string, when s has characters above U+FFFF: libharu's encoder turns those into spaces, but a PDF
 * text string carries them as surrogate pairs (PDF 32000 §7.9.2.2), so a name such as 𠮷野 stays
 * whole in the title, the author and the bookmarks. Outside Windows DLL builds the dictionaries are
 * plain libharu objects. */
static void put_text_string(render_ctx *c, HPDF_Dict dict, const char *key, const char *s)
{
#ifndef HPDF_SHARED
	size_t len = strlen(s), n = 2;
	bool above = false;
	for (size_t i = 0; i < len;)
		above = cv_utf8_next(s, len, &i) > 0xFFFF || above;
	if (!dict || !above)
		return;
	HPDF_BYTE *u = cv_xmalloc(4 * len + 2);
	u[0] = 0xFE, u[1] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp = cv_utf8_next(s, len, &i);
		if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		uint32_t hi = cp, lo = 0;
		if (cp > 0xFFFF)
			hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		u[n++] = (HPDF_BYTE)(hi >> 8), u[n++] = (HPDF_BYTE)hi;
		if (lo)
			u[n++] = (HPDF_BYTE)(lo >> 8), u[n++] = (HPDF_BYTE)lo;
	}
	HPDF_Binary b = HPDF_Binary_New(c->pdf->mmgr, u, (HPDF_UINT)n);
	if (b)
		HPDF_Dict_Add(dict, key, b);
	free(u);
#else
	(void)c;
	(void)dict;
	(void)key;
	(void)s;
#endif
}

static int add_bookmarks(render_ctx *c, const cv_dlist *dl)
{
	if (dl->n_bookmarks == 0)
		return CV_OK;
	HPDF_Encoder utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
	if (!utf8)
		return haru_null(c, "adding bookmarks");
	HPDF_Outline section = NULL; /* the last level-0 bookmark: parent of the level-1 ones after it */
	for (size_t i = 0; i < dl->n_bookmarks; i++) {
		const cv_bookmark *b = &dl->bookmarks[i];
		const char *title = b->title ? b->title : "";
		HPDF_Outline parent = b->level > 0 ? section : NULL; /* NULL: the outline root */
		HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, writable_text(c, title, strlen(title), -1, NULL), utf8);
		HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[b->page]);
		if (!o || !dst)
			return haru_null(c, "adding bookmarks");
		put_text_string(c, o, "Title", title);
		set_destination(c, dst, c->pages[b->page], dl->height - b->y);
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
	/* With the current encoder set to UTF-8, libharu writes info strings as UTF-16BE with a byte
	 * order mark (measured: pdfinfo shows Chinese correctly); characters above U+FFFF are put in
	 * afterwards. */
	static const char *const keys[] = {
		[HPDF_INFO_AUTHOR] = "Author", [HPDF_INFO_CREATOR] = "Creator", [HPDF_INFO_TITLE] = "Title",
		[HPDF_INFO_SUBJECT] = "Subject", [HPDF_INFO_KEYWORDS] = "Keywords",
	};
	if (!value)
		return;
	HPDF_SetInfoAttr(c->pdf, type, writable_text(c, value, strlen(value), -1, NULL));
#ifndef HPDF_SHARED
	if ((size_t)type < sizeof keys / sizeof keys[0] && keys[type])
		put_text_string(c, c->pdf->info, keys[type], value);
#else
	(void)keys;
#endif
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

/* Sets the catalog's /Lang (a BCP 47 tag), which screen readers and text extraction use. libharu
 * 2.3.0 and 2.4.x have no function for it, but outside Windows DLL builds <hpdf.h> exposes the
 * document record and exports HPDF_Dict_Add/HPDF_String_New, which HPDF_SetPageMode uses too. */
static void set_language(render_ctx *c, const char *lang)
{
#ifndef HPDF_SHARED
	if (!lang || !*lang)
		return;
	for (const char *s = lang; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return; /* not a language tag: better none than a wrong one */
	HPDF_String s = HPDF_String_New(c->pdf->mmgr, lang, NULL);
	if (s)
		HPDF_Dict_Add(c->pdf->catalog, "Lang", s);
#else
	(void)c;
	(void)lang;
#endif
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

	render_ctx c = {.d = d, .tmpdir = env ? env->tmpdir : NULL};
	cp_set sets[CV_FACE_COUNT] = {{0}};
	unsigned char *buf = NULL;
	char what[64];

	c.pdf = HPDF_New(on_haru_error, &c);
	if (!c.pdf) {
		rc = haru_null(&c, "creating the document");
		goto done;
	}
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	if (haru_failed(&c, "setting up the document")) {
		rc = CV_EPDF;
		goto done;
	}

	for (int f = 0; f < CV_FACE_COUNT; f++)
		c.canon[f] = cv_fontset_canonical(fs, f);
	collect_code_points(dl, fs, c.canon, sets);
	c.sets = sets;
	choose_names(&c, fs, sets);
	for (int f = 0; f < CV_FACE_COUNT; f++)
		if (sets[f].n && (rc = embed_face(&c, fs, f, &sets[f])) != CV_OK)
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
	if (c.pdf)
		HPDF_Free(c.pdf); /* also closes libharu's handles on the font files */
	free(c.pages);
	free(c.scratch);
	for (int f = CV_FACE_COUNT - 1; f >= 0; f--) {
		cv_font_file_fini(&c.files[f]);
		free(sets[f].cps);
	}
	return rc;
}
