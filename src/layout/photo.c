/* The photo: finds the file named by cv.photo, checks it is a whole, undamaged PNG or JPEG and reads
 * its pixel size, so layout can size its box. It keeps no pixels; the renderer embeds the file.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* Enough of a JPEG file to reach its frame header past EXIF and colour-profile segments. */
#define JPEG_SCAN_MAX (1u << 20)
/* A photo taller than this many times its width is refused as not a portrait. */
#define MAX_ASPECT 4.0f
/* A photo of more pixels than this (a 40-megapixel camera's) is refused: checking and embedding it
 * would take seconds and megabytes for a picture shown an inch wide. */
#define MAX_PIXELS 40000000ul
/* PNG chunks longer than this are damaged (the format allows 2^31 - 1; real photos use 8-64 KB). */
#define MAX_CHUNK (64ul << 20)

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* Width and height from a PNG's IHDR chunk or a JPEG's SOFn segment; false when neither is found. */
static bool image_size(FILE *f, bool *jpeg, unsigned long *w, unsigned long *h)
{
	unsigned char b[24];
	if (fread(b, 1, sizeof b, f) != sizeof b)
		return false;
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	if (!memcmp(b, png_sig, 8) && !memcmp(b + 12, "IHDR", 4)) {
		*jpeg = false;
		*w = be32(b + 16);
		*h = be32(b + 20);
		return true;
	}
	if (b[0] != 0xFF || b[1] != 0xD8)
		return false;
	*jpeg = true;
	/* Walk the segments: FF marker, 2-byte length that counts itself. */
	long pos = 2;
	while (pos < (long)JPEG_SCAN_MAX) {
		unsigned char m[9];
		if (fseek(f, pos, SEEK_SET) || fread(m, 1, 4, f) != 4 || m[0] != 0xFF)
			return false;
		unsigned marker = m[1], len = be16(m + 2);
		bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
		if (sof) {
			if (fread(m + 4, 1, 5, f) != 5)
				return false;
			*h = be16(m + 5);
			*w = be16(m + 7);
			return true;
		}
		if (len < 2)
			return false;
		pos += 2 + (long)len;
	}
	return false;
}

/* ---- PNG check --------------------------------------------------------------------------------
 * libharu reads PNG through libpng without an error handler of its own, and libpng then aborts the
 * whole process on a damaged file. So the file is walked here first: chunk CRCs, IHDR values, a palette
 * where one is needed, IDAT data that inflates to exactly the rows IHDR announces (Adam7 passes
 * included) with a valid filter type at the start of each, and IEND. */

typedef struct png_rows {
	unsigned long w, h;
	unsigned bits_per_pixel;
	int interlace;
	int pass;               /* Adam7 pass 0..6, or 0 for a plain image */
	unsigned long row, rows; /* rows done and rows in this pass */
	unsigned long col, row_bytes; /* bytes of the current row still to skip; bytes per row */
	bool done, bad;
} png_rows;

static const unsigned char adam7[7][4] = {
	/* x0, y0, dx, dy */
	{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
};

/* Sets up the next non-empty pass from pr->pass on; done when there is none. */
static void next_pass(png_rows *pr)
{
	for (; pr->pass < (pr->interlace ? 7 : 1); pr->pass++) {
		unsigned long x0 = pr->interlace ? adam7[pr->pass][0] : 0, y0 = pr->interlace ? adam7[pr->pass][1] : 0;
		unsigned long dx = pr->interlace ? adam7[pr->pass][2] : 1, dy = pr->interlace ? adam7[pr->pass][3] : 1;
		unsigned long pw = pr->w > x0 ? (pr->w - x0 + dx - 1) / dx : 0;
		unsigned long ph = pr->h > y0 ? (pr->h - y0 + dy - 1) / dy : 0;
		if (pw && ph) {
			pr->rows = ph;
			pr->row = 0;
			pr->row_bytes = (pw * pr->bits_per_pixel + 7) / 8;
			pr->col = 0;
			return;
		}
	}
	pr->done = true;
}

/* Walks inflated bytes: a filter type (0-4) at the start of each row, then row_bytes to skip. */
static void walk_rows(png_rows *pr, const unsigned char *p, size_t n)
{
	while (n && !pr->bad) {
		if (pr->done) {
			pr->bad = true; /* more data than the rows */
			return;
		}
		if (pr->col == 0) {
			if (*p > 4) {
				pr->bad = true;
				return;
			}
			p++;
			n--;
			pr->col = pr->row_bytes;
			if (!pr->col)
				continue;
		}
		size_t take = n < pr->col ? n : pr->col;
		p += take;
		n -= take;
		pr->col -= take;
		if (pr->col == 0 && ++pr->row == pr->rows) {
			pr->pass++;
			next_pass(pr);
		}
	}
}

static bool png_valid(FILE *f, const char **why)
{
	unsigned char hdr[8], buf[16384], out[16384];
	if (fseek(f, 8, SEEK_SET))
		return false;
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return false;
	png_rows pr = {0};
	bool ok = false, have_ihdr = false, have_plte = false, in_idat = false, idat_done = false;
	int color = 0;
	for (;;) {
		if (fread(hdr, 1, 8, f) != 8)
			break;
		unsigned long len = be32(hdr);
		if (len > MAX_CHUNK)
			break;
		uLong crc = crc32(0, hdr + 4, 4);
		bool idat = !memcmp(hdr + 4, "IDAT", 4);
		if (!have_ihdr && memcmp(hdr + 4, "IHDR", 4))
			break;
		if (idat && (idat_done || (color == 3 && !have_plte)))
			break;
		if (in_idat && !idat)
			idat_done = true;
		in_idat = idat;
		unsigned char ihdr[13] = {0};
		for (unsigned long left = len; left;) {
			size_t take = left < sizeof buf ? left : sizeof buf;
			if (fread(buf, 1, take, f) != take)
				goto out;
			crc = crc32(crc, buf, (uInt)take);
			if (!have_ihdr && len == 13)
				memcpy(ihdr, buf, 13);
			if (idat) {
				z.next_in = buf;
				z.avail_in = (uInt)take;
				while (z.avail_in) {
					z.next_out = out;
					z.avail_out = sizeof out;
					int rc = inflate(&z, Z_NO_FLUSH);
					walk_rows(&pr, out, sizeof out - z.avail_out);
					if (pr.bad || (rc != Z_OK && rc != Z_STREAM_END) || (rc == Z_STREAM_END && z.avail_in))
						goto out;
					if (rc == Z_STREAM_END)
						break;
				}
			}
			left -= take;
		}
		unsigned char c[4];
		if (fread(c, 1, 4, f) != 4 || be32(c) != (crc & 0xFFFFFFFFul))
			break;
		if (!have_ihdr) {
			if (len != 13)
				break;
			static const unsigned char channels[7] = {1, 0, 3, 1, 2, 0, 4};
			unsigned depth = ihdr[8];
			color = ihdr[9];
			if (color > 6 || !channels[color] || ihdr[10] || ihdr[11] || ihdr[12] > 1 ||
			    (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16) ||
			    ((color == 2 || color == 4 || color == 6) && depth < 8) || (color == 3 && depth > 8))
				break;
			pr.w = be32(ihdr);
			pr.h = be32(ihdr + 4);
			if (!pr.w || !pr.h || pr.w > MAX_PIXELS / pr.h)
				break;
			pr.bits_per_pixel = channels[color] * depth;
			pr.interlace = ihdr[12];
			if (pr.interlace) {
				/* libharu 2.3.0 refuses interlaced PNGs, or with an alpha channel crashes on them. */
				*why = "an interlaced PNG (save it without interlacing)";
				break;
			}
			next_pass(&pr);
			have_ihdr = true;
		}
		if (!memcmp(hdr + 4, "PLTE", 4))
			have_plte = true;
		if (!memcmp(hdr + 4, "IEND", 4)) {
			ok = pr.done && !pr.bad;
			break;
		}
	}
out:
	inflateEnd(&z);
	return ok;
}

/* A JPEG ends with its EOI marker (FF D9); one cut short by a failed copy does not, and libharu would
 * embed the fragment as it is. */
static bool jpeg_complete(FILE *f)
{
	unsigned char tail[2];
	return fseek(f, -2, SEEK_END) == 0 && fread(tail, 1, 2, f) == 2 && tail[0] == 0xFF && tail[1] == 0xD9;
}

bool cv_photo_probe(const cv_doc *doc, float width, cv_arena *arena, cv_diags *d, cv_photo *out)
{
	const cv_str *p = &doc->photo;
	if (!p->s || !*p->s)
		return false;
	/* A relative path is relative to the YAML file, as it is in RenderCV. */
	const char *path = p->s;
	const char *slash = doc->source_name ? strrchr(doc->source_name, '/') : NULL;
	if (path[0] != '/' && slash)
		path = cv_arena_printf(arena, "%.*s/%s", (int)(slash - doc->source_name), doc->source_name, p->s);
	FILE *f = fopen(path, "rb");
	if (!f) {
		cv_diag_add(d, CV_WARNING, "photo", p->span, "cv.photo: cannot open \"%s\": %s; no photo is shown", path,
			    strerror(errno));
		return false;
	}
	unsigned long w = 0, h = 0;
	bool jpeg = false;
	const char *why = "not a PNG or JPEG picture";
	bool ok = image_size(f, &jpeg, &w, &h);
	if (ok && !(w && h && (float)h <= (float)w * MAX_ASPECT && (float)w <= (float)h * MAX_ASPECT)) {
		why = "a picture more than four times as long as it is wide";
		ok = false;
	} else if (ok) {
		why = jpeg ? "a JPEG cut short" : "a damaged PNG";
		ok = jpeg ? jpeg_complete(f) : png_valid(f, &why);
	}
	fclose(f);
	if (!ok) {
		cv_diag_add(d, CV_WARNING, "photo", p->span, "cv.photo: \"%s\" is %s; no photo is shown", path, why);
		return false;
	}
	*out = (cv_photo){.path = path, .jpeg = jpeg, .w = width, .h = width * (float)h / (float)w, .span = p->span};
	return true;
}
