/* Pictures: checks that the bytes of a photo are a whole PNG or JPEG that a PDF can hold, by decoding
 * all of it with libpng or libjpeg (each under an error handler that returns here: libpng's own
 * aborts the process), and prepares what the renderer embeds. It never opens a file and never prints.
 * SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>
#include <png.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* A picture of more pixels than this (a 40-megapixel camera's) is refused: checking it takes about a
 * second and memory in proportion, for a photo shown an inch wide. */
#define MAX_PIXELS 40000000ul
/* A picture more than this many times as long as it is wide (or as wide as long) is not a portrait:
 * the box beside the header would be a sliver or a column. */
#define MAX_ASPECT 4
/* An interlaced PNG can only be decoded whole, its passes filling the rows in turn: at 4 bytes a
 * pixel this bounds the buffer at 64 MB. Photos are seldom interlaced. */
#define MAX_INTERLACED_PIXELS 16000000ul
/* A PNG's pixels are compressed into the PDF again, so a larger one is scaled down to this width:
 * the photo box is at most 100 pt wide (layout.c), where 1024 px is over 700 dpi, and embedding a
 * 40-megapixel PNG whole would take seconds and tens of megabytes for nothing. */
#define EMBED_MAX_WIDTH 1024u
/* A progressive JPEG of more scans than this is refused: each scan walks the whole image again, so a
 * small file of thousands of tiny scans takes minutes (libjpeg-turbo's advice for untrusted files).
 * Encoders write about ten. */
#define MAX_JPEG_SCANS 100
/* libjpeg's working memory: a progressive JPEG keeps every coefficient, 120 MB at 40 megapixels. */
#define JPEG_MAX_MEMORY (256l << 20)
/* Ancillary PNG chunks larger than this are damaged or hostile (a text or profile chunk that
 * inflates to gigabytes); the ones libpng keeps are only these few bytes. */
#define PNG_CHUNK_MAX (1ul << 20)

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Pictures people try that are neither PNG nor JPEG, by their first bytes. */
static const struct {
	const char *magic;
	size_t at, len;
	const char *name;
} other_formats[] = {
	{"GIF8", 0, 4, "a GIF picture"},          {"WEBP", 8, 4, "a WebP picture"},
	{"ftypheic", 4, 8, "a HEIC picture"},     {"ftypheix", 4, 8, "a HEIC picture"},
	{"ftypmif1", 4, 8, "a HEIF picture"},     {"ftypavif", 4, 8, "an AVIF picture"},
	{"II*\0", 0, 4, "a TIFF picture"},        {"MM\0*", 0, 4, "a TIFF picture"},
	{"BM", 0, 2, "a BMP picture"},            {"%PDF", 0, 4, "a PDF file"},
	{"<svg", 0, 4, "an SVG drawing"},         {"<?xml", 0, 5, "an XML file (an SVG drawing?)"},
	{"\0\0\1\0", 0, 4, "an icon (.ico) file"},
};

static const char *other_format(const unsigned char *p, size_t n, cv_arena *a)
{
	for (size_t i = 0; i < sizeof other_formats / sizeof other_formats[0]; i++)
		if (n >= other_formats[i].at + other_formats[i].len &&
		    memcmp(p + other_formats[i].at, other_formats[i].magic, other_formats[i].len) == 0)
			return cv_arena_printf(a, "%s, not a PNG or JPEG one (convert it to either)", other_formats[i].name);
	return "not a PNG or JPEG picture";
}

/* Refuses sizes no photo has, before anything is decoded. */
static const char *check_size(unsigned long w, unsigned long h, cv_arena *a)
{
	if (!w || !h)
		return cv_arena_printf(a, "a picture with no pixels (%lu × %lu)", w, h);
	if (h / MAX_ASPECT > w || w / MAX_ASPECT > h)
		return cv_arena_printf(a, "a picture more than %d times as long as it is wide (%lu × %lu pixels)",
				       MAX_ASPECT, w, h);
	if (w > MAX_PIXELS / h)
		return cv_arena_printf(a, "a picture of %.0f megapixels (%lu × %lu); the limit is %lu megapixels",
				       (double)w * (double)h / 1e6, w, h, MAX_PIXELS / 1000000);
	return NULL;
}

/* ---- JPEG ---------------------------------------------------------------------------------------
 * A JPEG is embedded as it is (the PDF's DCTDecode filter), so it must be one that PDF readers decode
 * and that libharu's header walk (hpdf_image.c, LoadJpegHeader) reads right: every marker before the
 * frame header with a length, no fill bytes, an 8-bit baseline, extended or progressive frame with
 * Huffman coding. libjpeg then decodes every scan (at 1/8 scale, which still entropy-decodes all of
 * it), so a file cut short or damaged inside is caught. */

typedef struct jpeg_guard {
	struct jpeg_error_mgr pub;
	struct jpeg_progress_mgr progress;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
} jpeg_guard;

static void jpeg_on_error(j_common_ptr c)
{
	jpeg_guard *g = (jpeg_guard *)(void *)c->err;
	c->err->format_message(c, g->msg);
	longjmp(g->jump, 1);
}

/* libjpeg reports damage it can decode around (a segment cut short, a bad Huffman code, the file
 * ending early) as warnings and fills the rest grey: for a photo that is damage. Other warnings
 * (stray bytes between segments, an unknown JFIF version) leave the picture whole. */
static void jpeg_on_message(j_common_ptr c, int level)
{
	if (level >= 0)
		return; /* trace messages */
	switch (c->err->msg_code) {
	case JWRN_HIT_MARKER:
	case JWRN_HUFF_BAD_CODE:
	case JWRN_JPEG_EOF:
	case JWRN_MUST_RESYNC:
	case JWRN_NOT_SEQUENTIAL:
	case JWRN_BOGUS_PROGRESSION:
		jpeg_on_error(c);
		break;
	default:
		c->err->num_warnings++;
	}
}

static void jpeg_on_progress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)(void *)c;
	if (d->input_scan_number > MAX_JPEG_SCANS) {
		jpeg_guard *g = (jpeg_guard *)(void *)c->err;
		snprintf(g->msg, sizeof g->msg, "more than %d scans", MAX_JPEG_SCANS);
		longjmp(g->jump, 1);
	}
}

/* The frame header as libharu finds it. Returns NULL, or why the file cannot be embedded. */
static const char *jpeg_frame(const unsigned char *p, size_t n, cv_picture *out, cv_arena *a)
{
	size_t pos = 2;
	for (;;) {
		if (pos + 4 > n)
			return "a JPEG cut short before its frame header";
		unsigned marker = p[pos + 1], len = be16(p + pos + 2);
		if (p[pos] != 0xFF)
			return "a damaged JPEG (no marker where one should be)";
		if (marker == 0xFF)
			return "a JPEG with fill bytes between its markers, which the PDF writer cannot read (save it again)";
		if (marker == 0xD9 || marker == 0xDA)
			return "a damaged JPEG (no frame header)";
		bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
		if (sof) {
			if (len < 8 || pos + 10 > n)
				return "a JPEG cut short in its frame header";
			unsigned precision = p[pos + 4];
			out->h = be16(p + pos + 5);
			out->w = be16(p + pos + 7);
			out->channels = p[pos + 9];
			if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF)
				return "a lossless JPEG, which PDF cannot hold (save it as an ordinary JPEG)";
			if (marker == 0xC5 || marker == 0xC6 || marker == 0xCD || marker == 0xCE)
				return "a hierarchical JPEG, which PDF cannot hold (save it as an ordinary JPEG)";
			if (marker == 0xC9 || marker == 0xCA)
				return "an arithmetic-coded JPEG, which PDF readers cannot decode (save it as an ordinary JPEG)";
			if (precision != 8)
				return cv_arena_printf(a, "a %u-bit JPEG, which PDF cannot hold (save it as an ordinary 8-bit JPEG)",
						       precision);
			if (out->channels != 1 && out->channels != 3 && out->channels != 4)
				return cv_arena_printf(a, "a JPEG of %u colour components (PDF takes 1, 3 or 4)", out->channels);
			return NULL;
		}
		if (len < 2)
			return "a damaged JPEG (a segment shorter than its header)";
		pos += 2 + (size_t)len;
	}
}

/* Everything libjpeg touches, outside the function that calls setjmp: a local changed between setjmp
 * and longjmp has no defined value afterwards. */
typedef struct jpeg_run {
	struct jpeg_decompress_struct ci;
	jpeg_guard g;
	bool cmyk_unlike_adobe;
} jpeg_run;

/* Decodes every scan; false after a libjpeg error, with the message in r->g.msg. */
static bool jpeg_decode_all(jpeg_run *r, const unsigned char *data, size_t len)
{
	struct jpeg_decompress_struct *ci = &r->ci;
	if (setjmp(r->g.jump))
		return false;
	ci->mem->max_memory_to_use = JPEG_MAX_MEMORY;
	ci->progress = &r->g.progress;
	jpeg_mem_src(ci, data, (unsigned long)len);
	jpeg_read_header(ci, TRUE);
	/* libharu marks every 4-component JPEG as inverted CMYK, as Adobe's applications write it. */
	r->cmyk_unlike_adobe = ci->num_components == 4 && !ci->saw_Adobe_marker;
	ci->scale_num = 1;
	ci->scale_denom = 8;
	ci->dct_method = JDCT_IFAST;
	ci->do_fancy_upsampling = FALSE;
	ci->do_block_smoothing = FALSE;
	jpeg_start_decompress(ci);
	JSAMPARRAY row = (*ci->mem->alloc_sarray)((j_common_ptr)ci, JPOOL_IMAGE,
						  ci->output_width * (JDIMENSION)ci->output_components, 1);
	while (ci->output_scanline < ci->output_height)
		jpeg_read_scanlines(ci, row, 1);
	jpeg_finish_decompress(ci);
	return true;
}

static const char *decode_jpeg(const unsigned char *data, size_t len, cv_arena *a, cv_picture *out)
{
	const char *why = jpeg_frame(data, len, out, a);
	if (!why)
		why = check_size(out->w, out->h, a);
	if (why)
		return why;
	jpeg_run *r = cv_xcalloc(1, sizeof *r);
	r->ci.err = jpeg_std_error(&r->g.pub);
	r->g.pub.error_exit = jpeg_on_error;
	r->g.pub.emit_message = jpeg_on_message;
	r->g.progress.progress_monitor = jpeg_on_progress;
	jpeg_create_decompress(&r->ci);
	bool ok = jpeg_decode_all(r, data, len);
	jpeg_destroy_decompress(&r->ci);
	if (!ok)
		why = cv_arena_printf(a, "a damaged JPEG (libjpeg: %s)", r->g.msg);
	else if (r->cmyk_unlike_adobe)
		why = "a CMYK JPEG not written the way Adobe's applications write one, which would print as a "
		      "negative (save it as an RGB JPEG)";
	free(r);
	if (why)
		return why;
	unsigned char *copy = cv_arena_alloc(a, len);
	memcpy(copy, data, len);
	out->kind = CV_PICTURE_JPEG;
	out->data = copy;
	out->len = len;
	out->alpha = NULL;
	return NULL;
}

/* ---- PNG ----------------------------------------------------------------------------------------
 * Decoded to 8-bit grey or RGB pixels and an opacity plane (palettes, grey below 8 bits, 16 bits and
 * tRNS transparency all expanded by libpng), scaled down to EMBED_MAX_WIDTH, and embedded as pixels:
 * libharu's own PNG reader has no error handler (libpng aborts the process), crashes on RGB images
 * with a tRNS chunk and refuses interlaced ones. */

/* Ancillary chunks nothing here uses: skipped unread, so a damaged or hostile one (a compressed text
 * or colour profile that inflates to gigabytes) costs nothing. tRNS is kept: it is transparency. */
static const png_byte skipped_chunks[] = "bKGD\0cHRM\0eXIf\0gAMA\0hIST\0iCCP\0iTXt\0oFFs\0pCAL\0pHYs\0sBIT\0"
					 "sCAL\0sPLT\0sRGB\0sTER\0tEXt\0tIME\0zTXt";

/* Everything libpng touches, outside the function that calls setjmp (see jpeg_run). */
typedef struct png_state {
	const unsigned char *data;
	size_t len, pos;
	char msg[160];
	png_structp p;
	png_infop info;
	unsigned char *buf; /* the decoded rows: one, or the whole image when interlaced (malloc'd) */
	uint32_t *sums;     /* per output column: colour channels, opacity, count (malloc'd) */
	const char *why;    /* a refusal that is not libpng's */
} png_state;

static void png_on_error(png_structp p, png_const_charp msg)
{
	png_state *st = png_get_error_ptr(p);
	snprintf(st->msg, sizeof st->msg, "%s", msg);
	png_longjmp(p, 1);
}

static void png_on_warning(png_structp p, png_const_charp msg)
{
	(void)p; /* libpng's default prints to standard error; a warning leaves the picture whole */
	(void)msg;
}

static void png_read_mem(png_structp p, png_bytep to, size_t n)
{
	png_state *st = png_get_io_ptr(p);
	if (n > st->len - st->pos)
		png_error(p, "the file ends early");
	memcpy(to, st->data + st->pos, n);
	st->pos += n;
}

/* Box-filter scaler: rows of w pixels of ch channels (ch 2 and 4 carry opacity last) in, rows of
 * ow = ceil(w / k) pixels out. Colour is weighted by opacity, so transparent pixels do not darken the
 * edge of what they surround. */
typedef struct scaler {
	unsigned w, ch, k, ow, colour; /* colour: 1 or 3 channels out */
	unsigned long out_row;
	unsigned rows_in; /* rows summed into the current output row */
	unsigned char *rgb, *alpha;
	uint32_t *sums; /* ow × (colour + 2) */
	bool translucent;
} scaler;

static void scale_flush(scaler *s)
{
	unsigned stride = s->colour + 2;
	for (unsigned x = 0; x < s->ow; x++) {
		uint32_t *t = &s->sums[x * stride];
		uint32_t weight = t[s->colour], count = t[s->colour + 1];
		unsigned char *c = &s->rgb[(s->out_row * s->ow + x) * s->colour];
		for (unsigned i = 0; i < s->colour; i++)
			c[i] = (unsigned char)(weight ? (t[i] + weight / 2) / weight : 0);
		if (s->alpha) {
			unsigned char av = (unsigned char)((weight + count / 2) / count);
			s->alpha[s->out_row * s->ow + x] = av;
			s->translucent |= av != 255;
		}
	}
	memset(s->sums, 0, (size_t)s->ow * stride * sizeof *s->sums);
	s->out_row++;
	s->rows_in = 0;
}

static void scale_row(scaler *s, const unsigned char *row)
{
	unsigned stride = s->colour + 2;
	bool has_alpha = s->ch == 2 || s->ch == 4;
	for (unsigned x = 0; x < s->w; x++) {
		const unsigned char *px = row + (size_t)x * s->ch;
		uint32_t a = has_alpha ? px[s->ch - 1] : 255;
		uint32_t *t = &s->sums[(x / s->k) * stride];
		for (unsigned i = 0; i < s->colour; i++)
			t[i] += px[i] * a;
		t[s->colour] += a;
		t[s->colour + 1]++;
	}
	if (++s->rows_in == s->k)
		scale_flush(s);
}

/* Decodes the whole PNG into out; false after a libpng error (its message in st->msg) or a refusal
 * (st->why). */
static bool png_decode_all(png_state *st, cv_arena *a, cv_picture *out)
{
	png_structp p = st->p;
	png_infop info = st->info;
	if (setjmp(png_jmpbuf(p)))
		return false;
	png_set_read_fn(p, st, png_read_mem);
	png_set_user_limits(p, MAX_PIXELS, MAX_PIXELS);
	png_set_chunk_malloc_max(p, PNG_CHUNK_MAX);
	png_set_keep_unknown_chunks(p, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
	png_set_keep_unknown_chunks(p, PNG_HANDLE_CHUNK_NEVER, skipped_chunks, (int)(sizeof skipped_chunks / 5));
	png_read_info(p, info);
	png_uint_32 w = png_get_image_width(p, info), h = png_get_image_height(p, info);
	st->why = check_size(w, h, a);
	bool interlaced = png_get_interlace_type(p, info) != PNG_INTERLACE_NONE;
	if (!st->why && interlaced && (unsigned long)w * h > MAX_INTERLACED_PIXELS)
		st->why = cv_arena_printf(a, "an interlaced PNG of %.0f megapixels; the limit for interlaced ones is %lu "
					  "(save it without interlacing)",
					  (double)w * h / 1e6, MAX_INTERLACED_PIXELS / 1000000);
	if (st->why)
		return false;
	png_set_expand(p);
	png_set_strip_16(p);
	int passes = png_set_interlace_handling(p);
	png_read_update_info(p, info);
	unsigned ch = png_get_channels(p, info);
	size_t row_bytes = png_get_rowbytes(p, info);
	if (ch < 1 || ch > 4 || row_bytes != (size_t)w * ch)
		png_error(p, "unexpected pixel layout");

	scaler sc = {.w = w, .ch = ch, .colour = ch <= 2 ? 1 : 3};
	sc.k = (w + EMBED_MAX_WIDTH - 1) / EMBED_MAX_WIDTH;
	sc.ow = (w + sc.k - 1) / sc.k;
	unsigned long oh = (h + sc.k - 1) / sc.k;
	sc.rgb = cv_arena_alloc(a, (size_t)sc.ow * oh * sc.colour);
	sc.alpha = ch == 2 || ch == 4 ? cv_arena_alloc(a, (size_t)sc.ow * oh) : NULL;
	sc.sums = st->sums = cv_xcalloc((size_t)sc.ow * (sc.colour + 2), sizeof *st->sums);
	if (passes > 1) {
		st->buf = cv_xmalloc(row_bytes * h);
		png_bytep *rows = cv_arena_alloc(a, h * sizeof *rows);
		for (png_uint_32 y = 0; y < h; y++)
			rows[y] = st->buf + row_bytes * y;
		png_read_image(p, rows);
		for (png_uint_32 y = 0; y < h; y++)
			scale_row(&sc, rows[y]);
	} else {
		st->buf = cv_xmalloc(row_bytes);
		for (png_uint_32 y = 0; y < h; y++) {
			png_read_row(p, st->buf, NULL);
			scale_row(&sc, st->buf);
		}
	}
	if (sc.rows_in)
		scale_flush(&sc);
	png_read_end(p, NULL); /* the chunks after the pixels, IEND included, and their checksums */
	*out = (cv_picture){
		.kind = CV_PICTURE_PIXELS,
		.data = sc.rgb,
		.len = (size_t)sc.ow * oh * sc.colour,
		.w = sc.ow,
		.h = (unsigned)oh,
		.channels = sc.colour,
		.alpha = sc.translucent ? sc.alpha : NULL,
	};
	return true;
}

static const char *decode_png(const unsigned char *data, size_t len, cv_arena *a, cv_picture *out)
{
	/* The signature, then IHDR: its size is checked first so that a picture too large is called so. */
	if (len >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
		const char *why = check_size(be32(data + 16), be32(data + 20), a);
		if (why)
			return why;
	}
	png_state *st = cv_xcalloc(1, sizeof *st);
	st->data = data;
	st->len = len;
	st->p = png_create_read_struct(PNG_LIBPNG_VER_STRING, st, png_on_error, png_on_warning);
	st->info = st->p ? png_create_info_struct(st->p) : NULL;
	const char *why = "a PNG that could not be read (out of memory)";
	if (st->info && png_decode_all(st, a, out))
		why = NULL;
	else if (st->info)
		why = st->why ? st->why : cv_arena_printf(a, "a damaged PNG (libpng: %s)", st->msg);
	png_destroy_read_struct(&st->p, &st->info, NULL);
	free(st->buf);
	free(st->sums);
	free(st);
	return why;
}

const char *cv_picture_decode(const unsigned char *data, size_t len, cv_arena *a, cv_picture *out)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	memset(out, 0, sizeof *out);
	if (len >= 8 && memcmp(data, png_sig, 8) == 0)
		return decode_png(data, len, a, out);
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
		return decode_jpeg(data, len, a, out);
	return other_format(data, len, a);
}
