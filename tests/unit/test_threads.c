/* A library user renders two documents on two threads at once, sharing one font set, each with its
 * own options (time, Creator, temporary folder, page limit): each PDF must be byte for byte the one a
 * serial render gives, and carry its own options, whatever the process environment says (nothing
 * below the command line reads SOURCE_DATE_EPOCH or the clock).
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/util.h"
#include "harness.h"

#ifndef CV2PDF_TEST_FONT_DIR
#error "define CV2PDF_TEST_FONT_DIR as the directory of the shipped fonts"
#endif

/* Renders per thread: enough for the two to overlap many times. */
#define ROUNDS 3
/* Entries of the long document: a little more than a page at its normal size. */
#define LONG_ENTRIES 45

typedef struct job {
	const char *yaml;
	cv_env env;
	int max_pages;
	const cv_fontset *fs;
	/* Out. */
	unsigned char *pdf[ROUNDS];
	size_t len[ROUNDS];
	size_t pages;
	bool updated_as_expected;
	const char *updated; /* the "last updated" text the job's env must give */
} job;

static bool dlist_has(const cv_dlist *dl, const char *text)
{
	for (size_t p = 0; p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_runs; i++)
			if (memmem(dl->pages[p].runs[i].text, dl->pages[p].runs[i].len, text, strlen(text)))
				return true;
	return false;
}

/* load, tailor, layout, render: one document as the command line does it. NULL on failure. */
static unsigned char *render(job *j, size_t *len, size_t *pages, bool *updated)
{
	cv_diags *d = cv_diags_new();
	unsigned char *pdf = NULL;
	cv_doc *doc = cv_load_ex(&(cv_source){"job.yaml", j->yaml, strlen(j->yaml)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	cv_dlist *dl = NULL;
	if (!doc || cv_tailor(doc, &(cv_tailor_opts){.max_pages = j->max_pages}, d) != CV_OK)
		goto done;
	if (!(dl = cv_layout(doc, j->fs, &j->env, d)))
		goto done;
	*pages = dl->n_pages;
	*updated = dlist_has(dl, j->updated);
	if (cv_render_pdf(dl, j->fs, &j->env, &pdf, len, d) != CV_OK)
		pdf = NULL;
done:
	if (cv_diags_errors(d))
		cv_diags_print(d, stderr, false, false);
	cv_dlist_free(dl);
	cv_doc_free(doc);
	cv_diags_free(d);
	return pdf;
}

static void *run_job(void *arg)
{
	job *j = arg;
	for (int r = 0; r < ROUNDS; r++)
		j->pdf[r] = render(j, &j->len[r], &j->pages, &j->updated_as_expected);
	cv_text_thread_fini();
	return NULL;
}

static bool has(const unsigned char *pdf, size_t len, const char *s)
{
	return pdf && memmem(pdf, len, s, strlen(s)) != NULL;
}

int main(void)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	OK(fs != NULL, "font set from %s", CV2PDF_TEST_FONT_DIR);
	if (!fs) {
		cv_diags_print(d, stderr, false, false);
		cv_diags_free(d);
		return harness_summary();
	}
	/* The process environment says something else: the stages must not listen. */
	setenv("SOURCE_DATE_EPOCH", "86400", 1);

	static const char short_doc[] = "design:\n  last_updated: true\ncv:\n  name: Ada Lovelace\n  sections:\n"
					"    Notes:\n      - Analytical engine\n";
	size_t cap = 200 + LONG_ENTRIES * 120, n = 0;
	char *long_doc = cv_xmalloc(cap);
	n += (size_t)snprintf(long_doc + n, cap - n,
			      "design:\n  last_updated: true\ncv:\n  name: 张三 Zhang San\n  sections:\n    Experience:\n");
	for (int i = 0; i < LONG_ENTRIES; i++)
		n += (size_t)snprintf(long_doc + n, cap - n,
				      "      - company: Company %d\n        position: Engineer\n        start_date: 20%02d-01\n", i,
				      i % 20);
	job jobs[2] = {
		{.yaml = short_doc, .env = {"thread A", 1700000000, 0}, .max_pages = 0, .fs = fs,
		 .updated = "Last updated: 14 November 2023"},
		{.yaml = long_doc, .env = {"thread B", -1, 1500000000}, .max_pages = 1, .fs = fs,
		 .updated = "Last updated: 14 July 2017"},
	};

	/* Serially first: the reference bytes and the options each job must show. */
	unsigned char *ref[2];
	size_t ref_len[2] = {0}, pages[2] = {0};
	bool updated[2] = {false};
	for (int k = 0; k < 2; k++)
		ref[k] = render(&jobs[k], &ref_len[k], &pages[k], &updated[k]);
	OK(ref[0] && ref[1], "serial renders");
	OK(updated[0], "job A: %s (its epoch)", jobs[0].updated);
	OK(updated[1], "job B: %s (its clock)", jobs[1].updated);
	INT_EQ(pages[1], 1, "job B: --max-pages 1 shrinks the long document to one page");
	OK(has(ref[0], ref_len[0], "/CreationDate (D:20231114221320Z00'00')"), "job A: its epoch's date");
	OK(ref[1] && !has(ref[1], ref_len[1], "/CreationDate"), "job B: no epoch, no dates");
	job plain = jobs[1];
	plain.max_pages = 0;
	unsigned char *two = render(&plain, &(size_t){0}, &pages[1], &updated[1]);
	OK(pages[1] >= 2, "the long document takes %zu pages without the limit", pages[1]);
	free(two);

	/* Then both at once, several times over. */
	pthread_t tid[2];
	for (int k = 0; k < 2; k++)
		OK(pthread_create(&tid[k], NULL, run_job, &jobs[k]) == 0, "thread %d", k);
	for (int k = 0; k < 2; k++)
		pthread_join(tid[k], NULL);
	for (int k = 0; k < 2; k++)
		for (int r = 0; r < ROUNDS; r++) {
			OK(jobs[k].pdf[r] && jobs[k].len[r] == ref_len[k] && memcmp(jobs[k].pdf[r], ref[k], ref_len[k]) == 0,
			   "job %c, round %d: the same PDF as the serial render (%zu vs %zu bytes)", 'A' + k, r,
			   jobs[k].len[r], ref_len[k]);
			free(jobs[k].pdf[r]);
		}
	for (int k = 0; k < 2; k++)
		free(ref[k]);
	free(long_doc);
	cv_fontset_free(fs);
	cv_diags_free(d);
	cv_text_thread_fini();
	return harness_summary();
}
