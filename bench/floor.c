/* The benchmark's floor: the least work that puts a résumé's text into a PDF with libharu and
 * hb-subset fonts, with no layout at all. It reads the runs of `cv2pdf --dump=layout`, subsets the
 * same faces with the same settings (cv_font_subset), loads them into libharu through a memory file
 * as the renderer does, and writes each line's runs one after the other at a fixed left margin, one
 * line every 14 pt, a new page where the dump has one (or after 60 lines). It never measures, breaks,
 * kerns or justifies: whatever cv2pdf spends above this is the price of its typesetting.
 * It uses libharu plainly (HPDF_GetFont with the UTF-8 encoder), as a program written from libharu's
 * manual would. Usage: floor LAYOUT.txt OUT.pdf
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"

/* Lines per page when the dump's pages are longer than a page of this fixed-pitch output. */
#define LINES_PER_PAGE 60
#define LINE_PITCH 14.0f
#define MARGIN 50.0f

typedef struct run {
	int face;
	float size;
	size_t page;
	float y;       /* from the dump: runs with the same page and y share a line */
	bool gap;      /* a space precedes it on its line */
	char *text;    /* NUL-terminated UTF-8 */
} run;

static void die(const char *msg)
{
	fprintf(stderr, "floor: %s\n", msg);
	exit(1);
}

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	(void)user;
	fprintf(stderr, "floor: libharu error 0x%04X (detail %u)\n", (unsigned)e, (unsigned)detail);
	exit(1);
}

/* Parses "  run NAME SIZE at X, Y w W [...] "TEXT"" lines and "page N" lines. */
static run *read_dump(const char *path, const cv_fontset *fs, size_t *n_out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot open the layout dump");
	run *runs = NULL;
	size_t n = 0, cap = 0, page = 0;
	float last_end = 0;
	char *line = NULL;
	size_t lcap = 0;
	while (getline(&line, &lcap, f) > 0) {
		if (strncmp(line, "page ", 5) == 0) {
			page = strtoul(line + 5, NULL, 10);
			continue;
		}
		char name[64];
		float size, x, y, w;
		if (sscanf(line, "  run %63s %f at %f, %f w %f", name, &size, &x, &y, &w) != 5)
			continue;
		char *q0 = strchr(line, '"'), *q1 = strrchr(line, '"');
		if (!q0 || q1 == q0)
			continue;
		int face = -1;
		for (int i = 0; i < CV_FACE_COUNT && face < 0; i++)
			if (strcmp(cv_fontset_name(fs, i), name) == 0)
				face = i;
		if (face < 0)
			die("a run names a face the default fonts do not have");
		run *r = CV_PUSH(runs, n, cap);
		bool same_line = n > 1 && runs[n - 2].page == page && runs[n - 2].y == y;
		*r = (run){face, size, page, y, same_line && x > last_end + 0.5f, NULL};
		r->text = cv_xmalloc((size_t)(q1 - q0));
		memcpy(r->text, q0 + 1, (size_t)(q1 - q0 - 1));
		r->text[q1 - q0 - 1] = '\0';
		last_end = x + w;
	}
	free(line);
	fclose(f);
	*n_out = n;
	return runs;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		die("usage: floor LAYOUT.txt OUT.pdf");
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(NULL, d);
	if (!fs)
		die("cannot load the shipped fonts (set CV2PDF_FONT_DIR)");
	size_t n = 0;
	run *runs = read_dump(argv[1], fs, &n);

	/* The code points of each face, sorted and unique: the subset must hold exactly these. */
	static unsigned char used[CV_FACE_COUNT][0x10000];
	uint32_t *cps[CV_FACE_COUNT] = {0};
	size_t n_cps[CV_FACE_COUNT] = {0}, cap_cps[CV_FACE_COUNT] = {0};
	for (size_t i = 0; i < n; i++) {
		const char *s = runs[i].text;
		size_t len = strlen(s);
		for (size_t k = 0; k < len;) {
			uint32_t cp = cv_utf8_next(s, len, &k);
			if (cp >= 0x20 && cp <= 0xFFFF)
				used[runs[i].face][cp] = 1;
		}
		if (runs[i].gap)
			used[runs[i].face][' '] = 1;
	}
	HPDF_Doc pdf = HPDF_New(on_error, NULL);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	HPDF_Font fonts[CV_FACE_COUNT] = {0};
	for (int f = 0; f < CV_FACE_COUNT; f++) {
		for (uint32_t cp = 0; cp < 0x10000; cp++)
			if (used[f][cp])
				*CV_PUSH(cps[f], n_cps[f], cap_cps[f]) = cp;
		if (!n_cps[f])
			continue;
		size_t len = 0;
		unsigned char *sub = cv_font_subset(fs, f, cps[f], n_cps[f], &len);
		if (!sub)
			die("hb-subset failed");
		int fd = memfd_create("floor-font", MFD_CLOEXEC);
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (fd < 0 || write(fd, sub, len) != (ssize_t)len)
			die("cannot write the memory file");
		const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
		free(sub);
	}

	HPDF_Page page = NULL;
	size_t page_no = 0, lines = 0;
	float y = 0;
	for (size_t i = 0; i < n; i++) {
		const run *r = &runs[i];
		bool new_line = i == 0 || r->page != runs[i - 1].page || r->y != runs[i - 1].y;
		if (new_line) {
			if (page)
				HPDF_Page_EndText(page);
			if (!page || r->page != page_no || lines == LINES_PER_PAGE) {
				page = HPDF_AddPage(pdf);
				HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
				page_no = r->page;
				lines = 0;
				y = HPDF_Page_GetHeight(page) - MARGIN;
			}
			HPDF_Page_BeginText(page);
			HPDF_Page_MoveTextPos(page, MARGIN, y);
			y -= LINE_PITCH;
			lines++;
		}
		HPDF_Page_SetFontAndSize(page, fonts[r->face], r->size);
		if (r->gap)
			HPDF_Page_ShowText(page, " ");
		HPDF_Page_ShowText(page, r->text);
	}
	if (page)
		HPDF_Page_EndText(page);
	HPDF_SaveToFile(pdf, argv[2]);
	HPDF_Free(pdf);

	for (size_t i = 0; i < n; i++)
		free(runs[i].text);
	free(runs);
	for (int f = 0; f < CV_FACE_COUNT; f++)
		free(cps[f]);
	cv_fontset_free(fs);
	cv_diags_free(d);
	cv_text_thread_fini();
	return 0;
}
