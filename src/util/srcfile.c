/* A source text shared by reference: its name, its bytes and where its lines start, indexed once
 * when it is made, so every diagnostics collection that quotes it (a batch's N jobs) holds a
 * reference instead of a copy, and a line or column is a binary search (as jq's locfile does).
 * It is immutable after cv_srcfile_new: threads read it at once; only the count of references moves.
 * SPDX-License-Identifier: MIT */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/util.h"

/* Line starts are 4-byte offsets, which halves the index of a file of short lines (8 MiB of line
 * breaks, the loader's CV_MAX_INPUT_BYTES, would otherwise index at 64 MiB). A longer text is kept
 * and indexed up to this many bytes: no input the loader accepts comes near it. */
#define SRCFILE_MAX_BYTES ((size_t)UINT32_MAX)

struct cv_srcfile {
	atomic_size_t refs;
	char *name;
	char *text; /* NUL-terminated copy */
	size_t len;
	uint32_t *starts; /* starts[i]: the byte offset of line i + 1 */
	size_t n_lines;   /* at least 1: an empty text is one empty line */
};

/* The length of the line break at text[i], or 0. The breaks are those of YAML 1.1, which libyaml
 * counts in its marks: LF, CR LF, a lone CR, NEL, LS and PS. Counting only LF would quote the wrong
 * line of a file saved with old Mac line ends, or after a U+2028 in a text. */
static size_t break_len(const char *text, size_t len, size_t i)
{
	const unsigned char *t = (const unsigned char *)text;
	if (t[i] == '\n')
		return 1;
	if (t[i] == '\r')
		return i + 1 < len && t[i + 1] == '\n' ? 2 : 1;
	if (t[i] == 0xC2 && i + 1 < len && t[i + 1] == 0x85)
		return 2;
	if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && (t[i + 2] == 0xA8 || t[i + 2] == 0xA9))
		return 3;
	return 0;
}

cv_srcfile *cv_srcfile_new(const char *name, const char *text, size_t len)
{
	if (len > SRCFILE_MAX_BYTES)
		len = SRCFILE_MAX_BYTES;
	cv_srcfile *f = cv_xcalloc(1, sizeof *f);
	atomic_init(&f->refs, 1);
	f->name = cv_xstrdup(name);
	f->text = cv_xmalloc(len + 1);
	if (len)
		memcpy(f->text, text, len);
	f->text[len] = '\0';
	f->len = len;
	size_t cap = 0;
	*(uint32_t *)CV_PUSH(f->starts, f->n_lines, cap) = 0;
	const unsigned char *t = (const unsigned char *)f->text;
	for (size_t i = 0; i < len;) {
		/* Every line break begins with one of \n, \r, 0xC2 or 0xE2; the bytes between \r and 0xC2
		 * (printable ASCII, continuation bytes) are passed over without asking break_len. */
		if (t[i] > '\r' && t[i] < 0xC2) {
			i++;
			continue;
		}
		size_t b = break_len(f->text, len, i);
		if (!b) {
			i++;
			continue;
		}
		i += b;
		*(uint32_t *)CV_PUSH(f->starts, f->n_lines, cap) = (uint32_t)i;
	}
	return f;
}

cv_srcfile *cv_srcfile_retain(cv_srcfile *f)
{
	if (f)
		atomic_fetch_add_explicit(&f->refs, 1, memory_order_relaxed);
	return f;
}

void cv_srcfile_release(cv_srcfile *f)
{
	/* The last holder frees; acquire-release orders every other thread's reads before the free. */
	if (!f || atomic_fetch_sub_explicit(&f->refs, 1, memory_order_acq_rel) != 1)
		return;
	free(f->starts);
	free(f->text);
	free(f->name);
	free(f);
}

const char *cv_srcfile_name(const cv_srcfile *f)
{
	return f->name;
}

const char *cv_srcfile_text(const cv_srcfile *f, size_t *len)
{
	if (len)
		*len = f->len;
	return f->text;
}

size_t cv_srcfile_lines(const cv_srcfile *f)
{
	return f->n_lines;
}

int cv_srcfile_line_at(const cv_srcfile *f, size_t at)
{
	if (at > f->len)
		at = f->len;
	size_t lo = 0, hi = f->n_lines; /* the last start <= at is in [lo, hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->starts[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1 > INT32_MAX ? INT32_MAX : (int)(lo + 1);
}

bool cv_srcfile_line(const cv_srcfile *f, int line, size_t *start, size_t *len)
{
	if (line < 1 || (size_t)line > f->n_lines)
		return false;
	size_t from = f->starts[line - 1];
	size_t limit = (size_t)line < f->n_lines ? f->starts[line] : f->len, to = from;
	while (to < limit && !break_len(f->text, f->len, to))
		to++; /* the line's own break, which ends before the next line starts */
	*start = from;
	*len = to - from;
	return true;
}

void cv_srcfile_locate(const cv_srcfile *f, size_t at, int *line, int *col)
{
	if (at > f->len)
		at = f->len;
	int l = cv_srcfile_line_at(f, at);
	size_t i = f->starts[l - 1];
	int c = 1;
	while (i < at) {
		(void)cv_utf8_next(f->text, f->len, &i);
		c += c < INT32_MAX;
	}
	*line = l;
	*col = c;
}
