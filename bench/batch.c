/* Batch throughput: renders N tailored variants of one résumé in one process, fonts loaded once, each
 * variant going through every stage (load → tailor → layout → render, PDF kept in memory), and prints
 * the milliseconds per variant and the time of each stage. Variant i takes language i mod L from
 * --langs and a non-empty subset of --tags (the bits of a counter), so consecutive variants differ.
 * Usage: batch FILE.yaml N [--tags a,b,c] [--langs en,zh]
 * Output (key value lines): variants, ms_per_variant (wall), cpu_ms_per_variant (user + system, which
 * other load on the machine inflates less), per-variant wall median/min/max, stage medians in ms,
 * pages and bytes per variant, peak_rss_kib.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/text.h"
#include "cv2pdf/util.h"

#define MAX_LIST 16

enum { ST_LOAD, ST_TAILOR, ST_LAYOUT, ST_RENDER, ST_COUNT };
static const char *const stage_names[ST_COUNT] = {"load", "tailor", "layout", "render"};

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static size_t split(char *s, const char **out)
{
	size_t n = 0;
	for (char *t = strtok(s, ","); t && n < MAX_LIST; t = strtok(NULL, ","))
		out[n++] = t;
	return n;
}

static void fail(const char *what, const cv_diags *d)
{
	fprintf(stderr, "batch: %s failed\n", what);
	cv_diags_print(d, stderr, false, false);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: batch FILE.yaml N [--tags a,b,c] [--langs en,zh]\n");
		return 2;
	}
	const char *path = argv[1];
	int n = atoi(argv[2]);
	const char *tags[MAX_LIST], *langs[MAX_LIST];
	size_t n_tags = 0, n_langs = 0;
	for (int i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--tags") == 0)
			n_tags = split(argv[i + 1], tags);
		else if (strcmp(argv[i], "--langs") == 0)
			n_langs = split(argv[i + 1], langs);
	}
	if (n < 1)
		n = 1;

	cv_diags *d = cv_diags_new();
	char *text = NULL;
	size_t len = 0;
	if (cv_read_file(path, &text, &len, d) != CV_OK)
		fail("reading", d);
	/* Fonts once per process, from the first document's design. */
	cv_doc *first = cv_load(path, text, len, d);
	if (!first)
		fail("loading", d);
	cv_font_request req = {
		.latin = first->design.font_family.s,
		.cjk = first->design.cjk_font_family.s,
	};
	double t_fonts = now_ms();
	cv_fontset *fs = cv_fontset_new(&req, d);
	t_fonts = now_ms() - t_fonts;
	cv_doc_free(first);
	if (!fs)
		fail("loading the fonts", d);

	double *per = calloc((size_t)n, sizeof *per), *stage[ST_COUNT];
	for (int s = 0; s < ST_COUNT; s++)
		stage[s] = calloc((size_t)n, sizeof(double));
	size_t pages = 0, bytes = 0;
	double total = now_ms(), cpu_total = cpu_ms();
	for (int i = 0; i < n; i++) {
		const char *sel[MAX_LIST];
		size_t n_sel = 0;
		unsigned mask = n_tags ? (unsigned)(i / (int)(n_langs ? n_langs : 1)) % ((1u << n_tags) - 1) + 1 : 0;
		for (size_t k = 0; k < n_tags; k++)
			if (mask & (1u << k))
				sel[n_sel++] = tags[k];
		cv_tailor_opts topts = {n_langs ? langs[(size_t)i % n_langs] : NULL, n_tags ? sel : NULL, n_sel,
					NULL, 0};
		double t0 = now_ms();
		cv_doc *doc = cv_load(path, text, len, d);
		double t1 = now_ms();
		if (!doc || cv_tailor(doc, &topts, d) != CV_OK)
			fail("loading or tailoring", d);
		double t2 = now_ms();
		cv_dlist *dl = cv_layout(doc, fs, NULL, d);
		double t3 = now_ms();
		if (!dl)
			fail("layout", d);
		cv_doc_free(doc);
		cv_env ropts = {"cv2pdf bench", -1, 0, NULL};
		unsigned char *pdf = NULL;
		size_t pdf_len = 0;
		double t4 = now_ms();
		if (cv_render_pdf(dl, fs, &ropts, &pdf, &pdf_len, d) != CV_OK)
			fail("rendering", d);
		double t5 = now_ms();
		pages += dl->n_pages;
		bytes += pdf_len;
		free(pdf);
		cv_dlist_free(dl);
		stage[ST_LOAD][i] = t1 - t0;
		stage[ST_TAILOR][i] = t2 - t1;
		stage[ST_LAYOUT][i] = t3 - t2;
		stage[ST_RENDER][i] = t5 - t4;
		per[i] = (t1 - t0) + (t2 - t1) + (t3 - t2) + (t5 - t4);
	}
	total = now_ms() - total;
	cpu_total = cpu_ms() - cpu_total;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);

	qsort(per, (size_t)n, sizeof *per, cmp_double);
	printf("variants %d\n", n);
	printf("fonts_ms %.2f\n", t_fonts);
	printf("ms_per_variant %.3f\n", total / n);
	printf("cpu_ms_per_variant %.3f\n", cpu_total / n);
	printf("variant_median_ms %.3f\nvariant_min_ms %.3f\nvariant_max_ms %.3f\n", per[n / 2], per[0], per[n - 1]);
	for (int s = 0; s < ST_COUNT; s++) {
		qsort(stage[s], (size_t)n, sizeof(double), cmp_double);
		printf("%s_median_ms %.3f\n", stage_names[s], stage[s][n / 2]);
		free(stage[s]);
	}
	printf("pages_per_variant %.2f\nbytes_per_variant %zu\n", (double)pages / n, bytes / (size_t)n);
	printf("peak_rss_kib %ld\n", ru.ru_maxrss);
	free(per);
	cv_fontset_free(fs);
	cv_diags_free(d);
	free(text);
	cv_text_thread_fini();
	return 0;
}
