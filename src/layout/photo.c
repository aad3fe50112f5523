/* The photo: finds the file named by cv.photo, checks it is a PNG or JPEG and reads its pixel size from
 * the header, so layout can size its box. It does not decode the image; the renderer embeds it.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* Enough of a JPEG file to reach its frame header past EXIF and colour-profile segments. */
#define JPEG_SCAN_MAX (1u << 20)
/* A photo taller than this many times its width is refused as not a portrait. */
#define MAX_ASPECT 4.0f

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
	bool ok = image_size(f, &jpeg, &w, &h);
	fclose(f);
	if (!ok || !w || !h || (float)h > (float)w * MAX_ASPECT || (float)w > (float)h * MAX_ASPECT) {
		cv_diag_add(d, CV_WARNING, "photo", p->span,
			    "cv.photo: \"%s\" is not a PNG or JPEG picture of a usable shape; no photo is shown", path);
		return false;
	}
	*out = (cv_photo){.path = path, .jpeg = jpeg, .w = width, .h = width * (float)h / (float)w, .span = p->span};
	return true;
}
