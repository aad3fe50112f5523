/* The photo: finds the file named by cv.photo, reads it within the limits, and has picture.c check and
 * decode it, so layout can size its box and the renderer embeds what was checked without reading the
 * file again. A photo that cannot be shown is a warning: it never stops the résumé.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cv2pdf/util.h"
#include "layout_internal.h"

/* The largest photo file read: a 40-megapixel camera's best JPEG is about 20 MB, while a photo shown
 * an inch wide needs a few hundred kilobytes. A JPEG is embedded as it is, so this also bounds what a
 * photo adds to the PDF (a 256 MB file took 11 s and made a 268 MB PDF before). */
#define CV_PHOTO_MAX_BYTES (20ul << 20)

/* Reads the regular file at path whole, refusing anything else before a byte is read: a FIFO would
 * block forever and a device never end. Returns NULL with *why set (or errno for open/read). */
static unsigned char *read_photo(const char *path, size_t *len, const char **why, cv_arena *a)
{
	*why = NULL;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return NULL;
	struct stat st;
	unsigned char *buf = NULL;
	if (fstat(fd, &st) != 0) {
		*why = cv_arena_printf(a, "cannot be read (%s)", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		*why = "a folder, not a picture";
	} else if (!S_ISREG(st.st_mode)) {
		*why = "not a regular file (a pipe or a device)";
	} else if ((unsigned long long)st.st_size > CV_PHOTO_MAX_BYTES) {
		*why = cv_arena_printf(a, "%.1f MB; the limit is %lu MB (a photo an inch wide needs far less: scale it "
				       "down to about 1000 pixels across)",
				       (double)st.st_size / (1 << 20), CV_PHOTO_MAX_BYTES >> 20);
	} else {
		/* One byte more than the size, to notice a file that grew since fstat. */
		size_t cap = (size_t)st.st_size + 1, n = 0;
		buf = cv_xmalloc(cap);
		for (;;) {
			ssize_t got = read(fd, buf + n, cap - n);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0) {
				*why = cv_arena_printf(a, "cannot be read (%s)", strerror(errno));
				break;
			}
			if (got == 0)
				break;
			n += (size_t)got;
			if (n == cap) {
				*why = "changing while it is read";
				break;
			}
		}
		*len = n;
		if (*why) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

bool cv_photo_probe(const cv_doc *doc, float width, cv_arena *arena, cv_diags *d, cv_photo *out)
{
	const cv_str *p = &doc->photo;
	if (!p->s || !*p->s)
		return false;
	/* A relative path is relative to the file that names it, as it is in RenderCV. */
	char *joined = cv_path_beside(p->span.file, p->s);
	const char *path = cv_arena_strdup(arena, joined);
	free(joined);
	const char *where = "";
	if (p->s[0] != '/')
		where = cv_path_is_file(p->span.file)
				? cv_arena_printf(arena, " (relative to the folder of %s)", p->span.file)
				: " (relative to the current directory)";
	size_t len = 0;
	const char *why;
	unsigned char *data = read_photo(path, &len, &why, arena);
	if (!data && !why) {
		cv_diag_add(d, CV_WARNING, "photo", p->span, "cv.photo: cannot open \"%s\"%s: %s; no photo is shown", path,
			    where, strerror(errno));
		return false;
	}
	cv_picture pic;
	if (data)
		why = cv_picture_decode(data, len, arena, &pic);
	free(data);
	if (why) {
		cv_diag_add(d, CV_WARNING, "photo", p->span, "cv.photo: \"%s\" is %s; no photo is shown", path, why);
		return false;
	}
	*out = (cv_photo){.path = path, .pic = pic, .w = width, .h = width * (float)pic.h / (float)pic.w, .span = p->span};
	return true;
}
