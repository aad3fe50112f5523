/* libFuzzer target for the text engine: arbitrary UTF-8 is broken (cv_text_breaks) and laid out
 * (cv_text_layout) with the shipped fonts, loaded once per process, at several widths with and without
 * justification. The first bytes choose sizes and styles; a 0x01 byte starts a new inline run, so
 * paragraphs mix faces, sizes and links as the layout stage produces them. Checks the invariants the
 * renderer relies on: runs inside the arena and within the line list, finite coordinates, one advance
 * per character. Contact items (no break inside, separators), a widening column and hyphenation are
 * chosen by selector bits too.
 * Invalid UTF-8 is skipped: the loader refuses it before any text reaches this stage.
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"

#ifndef CV2PDF_FUZZ_FONT_DIR
#error "CV2PDF_FUZZ_FONT_DIR must name the shipped fonts directory"
#endif

/* A paragraph in a résumé has a few dozen runs; more only slows each execution. */
#define MAX_RUNS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cv_fontset *fonts(void)
{
	static cv_fontset *fs; /* loaded once and shared by every execution, as cv2pdf does per process */
	if (!fs) {
		cv_font_request req = {.font_dir = CV2PDF_FUZZ_FONT_DIR};
		cv_diags *d = cv_diags_new();
		fs = cv_fontset_new(&req, d);
		cv_diags_free(d);
		if (!fs)
			abort();
	}
	return fs;
}

static void check(const cv_para *p)
{
	for (size_t l = 0; l < p->n_lines; l++) {
		const cv_line *ln = &p->lines[l];
		if (ln->first_run > p->n_runs || ln->n_runs > p->n_runs - ln->first_run)
			abort();
		if (!isfinite(ln->width) || !isfinite(ln->ascent) || !isfinite(ln->descent))
			abort();
	}
	for (size_t r = 0; r < p->n_runs; r++) {
		const cv_run *run = &p->runs[r];
		if (!isfinite(run->x) || !isfinite(run->y) || !isfinite(run->width) || !isfinite(run->char_spacing))
			abort();
		if (run->face >= CV_FACE_COUNT)
			abort();
		if (run->len)
			(void)memchr(run->text, 0, run->len); /* every byte readable (ASan checks) */
		/* One finite advance per character, as the renderer reads them, summing to the width. */
		size_t chars = 0;
		float sum = 0;
		for (size_t i = 0; i < run->len; chars++)
			cv_utf8_next(run->text, run->len, &i);
		if (run->adv && run->n_adv != chars)
			abort();
		for (size_t k = 0; run->adv && k < run->n_adv; k++) {
			if (!isfinite(run->adv[k]))
				abort();
			sum += run->adv[k];
		}
		if (run->adv && fabsf(sum - run->width) > 0.01f + 1e-4f * fabsf(run->width))
			abort();
		if (!isfinite(run->hscale) || run->hscale < 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > 4096)
		return 0;
	unsigned sel = data[0], sizes = data[1];
	const char *text = (const char *)data + 2;
	size_t len = size - 2;
	if (!cv_utf8_valid(text, len))
		return 0;
	cv_fontset *fs = fonts();

	char *brk = malloc(len + 1);
	cv_text_breaks(text, len, (sel & 1) ? "zh" : "en", brk);
	free(brk);

	/* Split at 0x01 into inline runs with styles and sizes drawn from the selector bytes. */
	cv_inline in[MAX_RUNS];
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len && n < MAX_RUNS; i++) {
		if (i < len && text[i] != '\x01')
			continue;
		unsigned k = (unsigned)n + sel;
		in[n] = (cv_inline){
			.text = text + start,
			.len = i - start,
			.style = (k & 7u) | ((k & 16u) ? CV_NOBREAK : 0) | ((k & 32u) ? CV_SEPARATOR : 0),
			.size = 6.0f + (float)((sizes >> (n % 4)) & 15u),
			.link = (k & 8u) ? "https://example.com" : NULL,
		};
		n++;
		start = i + 1;
	}
	static const float widths[] = {0.5f, 12.0f, 72.0f, 200.0f, 451.0f};
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		for (int justify = 0; justify < 2; justify++) {
			cv_para_opts o = {
				.width = widths[w],
				.first_indent = (sel & 2) ? -10.0f : (sel & 4) ? 10.0f : 0.0f,
				.justify = justify,
				.lang = (sel & 1) ? "zh" : "en",
				/* A column that widens after two lines, and hyphenation, now and then. */
				.lines_at_width = (sel & 8) ? 2 : 0,
				.rest_width = (sel & 8) ? widths[w] * 1.5f : 0,
				.hyphenate = (sel & 16) != 0,
			};
			cv_arena *a = cv_arena_new();
			cv_diags *d = cv_diags_new();
			cv_para p;
			if (cv_text_layout(fs, in, n, &o, a, &p, d) == CV_OK)
				check(&p);
			cv_diags_free(d);
			cv_arena_free(a);
		}
	}
	return 0;
}
