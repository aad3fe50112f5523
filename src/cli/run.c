/* One run of the command line: reads and parses INPUT and the overlays once, makes one job per
 * document (the plain document, one variant, or every variant), then each job, several at a time with
 * -j, builds its document from the parsed tree, tailors it, finds its fonts (loaded once per distinct
 * request and shared), lays it out, renders and writes it, reports, and frees all of it: a batch's
 * memory is that of the jobs in progress, not of every variant. Messages and exit statuses only; the
 * stages decide everything about the document.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/arena.h"
#include "cv2pdf/export.h"
#include "cv2pdf/layout.h"
#include "cv2pdf/present.h"
#include "cv2pdf/load.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/text.h"
#include "cv2pdf/util.h"

/* A single document of more pages than this gives the memory its layout freed back to the system
 * before rendering (glibc's malloc_trim): a résumé of a few pages has little to give back, and a
 * trim walks the whole heap. */
#define TRIM_PAGES 8

typedef enum { ST_LOAD, ST_TAILOR, ST_FONTS, ST_LAYOUT, ST_RENDER, ST_WRITE, ST_COUNT } stage;
static const char *const stage_names[ST_COUNT] = {"load", "tailor", "fonts", "layout", "render", "write"};

typedef struct job {
	const cv_variant *variant; /* NULL: the document as it is */
	cv_product product;        /* what it writes: the résumé or the letter, in a format */
	bool several;              /* one of several products of its document (each gets its extension) */
	char *output;              /* the output's name as given or made from a template */
	cv_output out;             /* where it really goes (check_outputs) */
	cv_diags *d;
	cv_doc *doc;
	const cv_fontset *fs; /* shared, owned by the batch's font cache */
	bool failed;          /* a stage failed: its errors are in d */
	const cv_diags *seen; /* messages already reported (by the plain document), not repeated; or NULL */
	int status;           /* set when the job is reported (cv_cli_status) */
	bool done;            /* finished, its report maybe waiting for an earlier job's */
	double ms[ST_COUNT];
	size_t bytes, pages;
	unsigned layouts; /* whole layouts made (trials of --max-pages included) */
} job;

/* Font sets by request: variants that ask for the same fonts share one set, loaded once. */
typedef struct font_entry {
	const char *latin, *cjk; /* NULL: the shipped faces */
	cv_fontset *fs;
} font_entry;

typedef struct batch {
	const cv_cli *o;
	cv_source input;
	cv_source *overlays;
	char **texts; /* owned copies behind input and overlays */
	size_t n_texts;
	job *jobs;
	size_t n_jobs;
	font_entry *fonts;
	size_t n_fonts, cap_fonts;
	cv_diags *base_d;     /* the parse's messages and sources, which every job's diagnostics borrow */
	cv_load_base *base;   /* INPUT and the overlays parsed once */
	cv_doc *listing;      /* the plain document whose load listed the variants (their strings live in it) */
	cv_diags *plan_d;     /* that load's diagnostics */
	pthread_mutex_t lock; /* guards next, finished, reported, each job's done, the font cache and standard error */
	size_t next, finished;
	size_t reported; /* the jobs before this one are reported */
} batch;

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int worst(int a, int b)
{
	return a > b ? a : b; /* CV_EXIT_IO (3) > CV_EXIT_USAGE (2) > CV_EXIT_INPUT (1) > CV_EXIT_OK (0) */
}

static const cv_span no_span;

/* The run's time comes from cv_cli_env; a SOURCE_DATE_EPOCH it could not use is said once. */
static void warn_bad_epoch(const cv_cli *o)
{
	if (o->bad_epoch)
		cv_cli_say(o, CV_WARNING, "bad-environment", no_span,
			   "SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to %lld (the end of the year 9999); "
			   "ignoring '%s'",
			   CV_MAX_EPOCH, o->bad_epoch);
}

/* Reads INPUT and every overlay once. plan() parses them into the base that every variant of a batch
 * starts from, and frees the bytes (the diagnostics keep their own copy for excerpts). */
static int read_inputs(batch *b)
{
	const cv_cli *o = b->o;
	cv_diags *d = cv_diags_new();
	b->texts = cv_xcalloc(o->n_overlays + 1, sizeof *b->texts);
	b->overlays = cv_xcalloc(o->n_overlays + 1, sizeof *b->overlays);
	int status = CV_EXIT_OK;
	for (size_t i = 0; i <= o->n_overlays && status == CV_EXIT_OK; i++) {
		const char *path = i == 0 ? o->input : o->overlays[i - 1];
		size_t len;
		if (cv_read_file(path, &b->texts[i], &len, d) != CV_OK) {
			status = cv_cli_status(d, true);
			break;
		}
		b->n_texts++;
		cv_source src = {strcmp(path, "-") ? path : o->stdin_name ? o->stdin_name : "<stdin>", b->texts[i], len};
		if (i == 0)
			b->input = src;
		else
			b->overlays[i - 1] = src;
	}
	cv_cli_report(d, o, NULL);
	cv_diags_free(d);
	return status;
}

/* Tags: --tags replaces a variant's tags; --exclude-tags adds to its exclusions. The lists t points
 * to are allocated in a (the document's arena), with where each tag was given. */
static void tailor_opts(const cv_cli *o, const cv_variant *v, cv_tailor_opts *t, cv_arena *a)
{
	memset(t, 0, sizeof *t);
	size_t nv = v ? v->n_exclude_tags : 0, nt = o->have_tags ? o->n_tags : v && v->tags ? v->n_tags : 0;
	size_t ne = o->n_exclude + nv;
	const char **excl = cv_arena_calloc(a, ne + 1, sizeof *excl);
	const char **from = cv_arena_calloc(a, nt + ne + 1, sizeof *from);
	cv_span *at = cv_arena_calloc(a, nt + ne + 1, sizeof *at);
	const char *vtags = v ? cv_arena_printf(a, "variants.%s.tags", v->name) : NULL;
	const char *vexcl = v ? cv_arena_printf(a, "variants.%s.exclude_tags", v->name) : NULL;
	if (o->have_tags) {
		t->tags = o->tags;
		for (size_t i = 0; i < nt; i++)
			from[i] = "--tags";
	} else if (v && v->tags) {
		t->tags = v->tags;
		for (size_t i = 0; i < nt; i++) {
			from[i] = vtags;
			at[i] = v->tag_spans ? v->tag_spans[i] : (cv_span){0};
		}
	}
	t->n_tags = nt;
	for (size_t i = 0; i < o->n_exclude; i++) {
		excl[i] = o->exclude[i];
		from[nt + i] = "--exclude-tags";
	}
	for (size_t i = 0; i < nv; i++) {
		excl[o->n_exclude + i] = v->exclude_tags[i];
		from[nt + o->n_exclude + i] = vexcl;
		at[nt + o->n_exclude + i] = v->exclude_tag_spans ? v->exclude_tag_spans[i] : (cv_span){0};
	}
	t->exclude_tags = excl;
	t->n_exclude_tags = ne;
	t->tag_from = from;
	t->tag_spans = at;
	t->exclude_from = from + nt;
	t->exclude_spans = at + nt;
}

/* Load and tailor one job; on failure its status is set and its diagnostics say why. A variant's
 * document is made here, on the job's thread, from the tree parsed once. */
static void load_job(batch *b, job *j)
{
	const cv_cli *o = b->o;
	if (!j->doc) { /* the plain document was loaded (and timed) by plan() */
		double t0 = now_ms();
		cv_load_opts lo = {.sets = o->sets, .n_sets = o->n_sets, .variant = j->variant ? j->variant->name : NULL, .theme = o->theme,
				   .lang = o->lang, .theme_dir = o->found_theme_dir};
		j->doc = cv_load_from(b->base, &lo, j->d);
		j->ms[ST_LOAD] = now_ms() - t0;
	}
	double t1 = now_ms();
	if (!j->doc) {
		j->failed = true;
		return;
	}
	cv_tailor_opts t;
	tailor_opts(o, j->variant, &t, j->doc->arena);
	t.max_pages = o->max_pages;
	int rc = cv_tailor(j->doc, &t, j->d);
	j->ms[ST_TAILOR] = now_ms() - t1;
	if (rc != CV_OK)
		j->failed = true;
}

static void resolve_fonts(batch *b, job *j)
{
	const cv_design *ds = &j->doc->design;
	double t0 = now_ms();
	for (size_t i = 0; i < b->n_fonts; i++) {
		font_entry *f = &b->fonts[i];
		bool same_latin = (!f->latin && !ds->font_family.s) || (f->latin && ds->font_family.s && !strcmp(f->latin, ds->font_family.s));
		bool same_cjk = (!f->cjk && !ds->cjk_font_family.s) || (f->cjk && ds->cjk_font_family.s && !strcmp(f->cjk, ds->cjk_font_family.s));
		if (same_latin && same_cjk && f->fs) {
			j->fs = f->fs;
			return;
		}
	}
	cv_font_request req = {
		.font_dir = b->o->font_dir,
		.latin = ds->font_family.s,
		.cjk = ds->cjk_font_family.s,
		.latin_span = ds->font_family.span,
		.cjk_span = ds->cjk_font_family.span,
	};
	if (b->o->verbose) {
		cv_cli_say(b->o, CV_NOTE, "fonts", no_span, "fonts: %s", req.font_dir);
		cv_cli_say(b->o, CV_NOTE, "themes", no_span, "themes: %s", b->o->found_theme_dir);
	}
	cv_fontset *fs = cv_fontset_new(&req, j->d);
	j->ms[ST_FONTS] = now_ms() - t0;
	if (!fs) {
		j->failed = true;
		return;
	}
	font_entry *f = CV_PUSH(b->fonts, b->n_fonts, b->cap_fonts);
	f->latin = req.latin ? cv_xstrdup(req.latin) : NULL;
	f->cjk = req.cjk ? cv_xstrdup(req.cjk) : NULL;
	f->fs = fs;
	j->fs = fs;
}

static void print_timings(const batch *b, const job *j)
{
	double total = 0;
	char line[256];
	size_t n = 0;
	for (int s = 0; s < ST_COUNT; s++) {
		total += j->ms[s];
		n += (size_t)snprintf(line + n, sizeof line - n, " %s %.1f ms,", stage_names[s], j->ms[s]);
	}
	const char *name = j->variant ? j->variant->name : NULL;
	cv_cli_say(b->o, CV_NOTE, "timings", no_span, "%s%s%stimings:%s total %.1f ms; laid out %u time%s",
		   name ? "variant \"" : "", name ? name : "", name ? "\" " : "", line, total, j->layouts,
		   j->layouts == 1 ? "" : "s");
}

/* Reports a finished job: its diagnostics, then a progress line (a batch on a terminal) or what was
 * written (on a terminal, or with --verbose), then its timings. Called with the lock held. */
static void report_job(batch *b, job *j)
{
	const cv_cli *o = b->o;
	bool many = b->n_jobs > 1 || o->all_variants;
	const char *name = j->variant ? j->variant->name : NULL;
	j->status = cv_cli_status(j->d, j->failed);
	if (j->seen)
		cv_diags_drop_seen(j->d, j->seen);
	cv_cli_report(j->d, o, many ? name : NULL);
	b->finished++;
	double total = 0;
	for (int s = 0; s < ST_COUNT; s++)
		total += j->ms[s];
	bool wrote = j->status == CV_EXIT_OK && !o->check && !o->dump;
	bool to_stdout = j->output && strcmp(j->output, "-") == 0;
	if (many && o->tty && !o->quiet && !o->json) {
		if (j->status != CV_EXIT_OK)
			cv_cli_say(o, CV_NOTE, "progress", no_span, "[%zu/%zu] %s: failed", b->finished, b->n_jobs,
				   name ? name : "(no variant)");
		else if (wrote)
			cv_cli_say(o, CV_NOTE, "progress", no_span, "[%zu/%zu] %s: wrote %s (%zu page%s, %.0f ms)",
				   b->finished, b->n_jobs, name, j->output, j->pages, j->pages == 1 ? "" : "s", total);
		else
			cv_cli_say(o, CV_NOTE, "progress", no_span, "[%zu/%zu] %s: ok (%.0f ms)", b->finished, b->n_jobs,
				   name ? name : "(no variant)", total);
	} else if (wrote && (o->verbose || (o->tty && !o->quiet && !o->json))) {
		/* One line on a terminal says where the PDF went; scripts (no terminal) and -q stay silent. */
		cv_cli_say(o, CV_NOTE, "wrote", no_span, "wrote %s (%zu page%s, %zu KB)",
			   to_stdout ? "the PDF to standard output" : j->output, j->pages, j->pages == 1 ? "" : "s",
			   (j->bytes + 1023) / 1024);
	}
	if (o->timings || o->verbose)
		print_timings(b, j);
}

/* The files a job reads, which its output must not replace. Returns how many are in r (room for
 * 1 + overlays + CV_FACE_COUNT + images of the display list). */
static size_t job_reads(const batch *b, const job *j, const cv_dlist *dl, cv_cli_read **r)
{
	size_t n_images = 0;
	for (size_t p = 0; dl && p < dl->n_pages; p++)
		n_images += dl->pages[p].n_images;
	cv_cli_read *list = cv_xcalloc(1 + b->o->n_overlays + CV_FACE_COUNT + n_images, sizeof *list);
	size_t n = 0;
	if (strcmp(b->o->input, "-") != 0)
		list[n++] = (cv_cli_read){b->o->input, "the input file"};
	for (size_t i = 0; i < b->o->n_overlays; i++)
		list[n++] = (cv_cli_read){b->o->overlays[i], "the overlay"};
	for (int f = 0; j->fs && f < CV_FACE_COUNT; f++) {
		list[n].path = cv_fontset_path(j->fs, f);
		snprintf(list[n++].what, sizeof list->what, "the %s font", cv_face_role(f));
	}
	for (size_t p = 0; dl && p < dl->n_pages; p++)
		for (size_t i = 0; i < dl->pages[p].n_images; i++)
			list[n++] = (cv_cli_read){dl->pages[p].images[i].path, "the photo"};
	*r = list;
	return n;
}

/* The day the document is dated: its own (RenderCV's settings.current_date), else SOURCE_DATE_EPOCH's,
 * else today's: a letter's date when it gives none. */
static void doc_day(const batch *b, const cv_doc *doc, int *y, int *m, int *d)
{
	if (doc->current_date.year) {
		*y = doc->current_date.year, *m = doc->current_date.month, *d = doc->current_date.day;
		return;
	}
	time_t now = (time_t)(b->o->env.epoch >= 0 ? b->o->env.epoch : b->o->env.now); /* read once, env.c */
	struct tm tm;
	if (!gmtime_r(&now, &tm))
		memset(&tm, 0, sizeof tm);
	*y = tm.tm_year + 1900, *m = tm.tm_mon + 1, *d = tm.tm_mday;
}

/* A text product (plain text, Markdown, HTML): the export stage's walk over the tailored model,
 * written through the same writer as a PDF. */
static void write_text(batch *b, job *j)
{
	char *text = NULL;
	size_t len = 0;
	cv_export_opts eo = {.text_width = b->o->text_width, .letter = j->product.letter, .generator = b->o->env.creator};
	doc_day(b, j->doc, &eo.year, &eo.month, &eo.day);
	double t0 = now_ms();
	if (cv_export(j->doc, j->product.format, &eo, &text, &len, j->d) != CV_OK) {
		j->failed = true;
		return;
	}
	double t1 = now_ms();
	j->ms[ST_RENDER] = t1 - t0;
	j->bytes = len;
	cv_cli_read *reads;
	size_t n_reads = job_reads(b, j, NULL, &reads);
	if (cv_cli_write(&j->out, reads, n_reads, (const unsigned char *)text, len, j->d) != CV_OK)
		j->failed = true;
	free(reads);
	free(text);
	j->ms[ST_WRITE] = now_ms() - t1;
}

/* A job from start to end: load, tailor, fonts, layout, render, write, report; then everything it
 * made is freed. Runs on several threads: the font sets are shared read-only (made under the lock);
 * everything else belongs to the job. */
static void finish_job(batch *b, job *j)
{
	const cv_cli *o = b->o;
	cv_dlist *dl = NULL;
	unsigned char *pdf = NULL;
	size_t len = 0;
	load_job(b, j);
	if (!j->failed && o->dump && strcmp(o->dump, "model") == 0) {
		cv_model_dump(j->doc, stdout);
		goto done;
	}
	/* Text products need no fonts. */
	if (!j->failed && (j->product.format == CV_FORMAT_PDF || o->check || o->dump)) {
		pthread_mutex_lock(&b->lock);
		resolve_fonts(b, j);
		pthread_mutex_unlock(&b->lock);
	}
	if (j->failed)
		goto done;
	double t0 = now_ms();
	if (j->product.format != CV_FORMAT_PDF && !o->check && !o->dump) {
		write_text(b, j);
		goto done;
	}
	if (j->product.letter && !o->check && !o->dump) {
		cv_letter_view lv;
		int y, m, day;
		doc_day(b, j->doc, &y, &m, &day);
		if (!cv_export_letter_view(j->doc, y, m, day, j->doc->arena, &lv, j->d)) {
			j->failed = true;
			goto done;
		}
		dl = cv_layout_letter(j->doc, &lv, j->fs, &o->env, j->d);
	} else {
		dl = cv_layout(j->doc, j->fs, &o->env, j->d);
	}
	double t1 = now_ms();
	j->ms[ST_LAYOUT] = t1 - t0;
	if (!dl) {
		j->failed = true;
		goto done;
	}
	j->pages = dl->n_pages;
	j->layouts = dl->layouts;
	/* A damaged font the input named is refused at its setting by the renderer, before anything is
	 * written; --check and --dump, which do not render, try the fonts for the same characters. */
	if (o->check || o->dump) {
		int checked = cv_render_font_check(dl, j->fs, j->d);
		j->ms[ST_FONTS] += now_ms() - t1;
		if (checked != CV_OK) {
			j->failed = true;
			goto done;
		}
	}
	if (o->check)
		goto done;
	if (o->dump) {
		cv_dlist_dump(dl, j->fs, stdout);
		goto done;
	}
#ifdef __GLIBC__
	/* A long document's layout freed more than the renderer needs (the trials' paragraphs, their
	 * pages): glibc keeps freed memory for reuse, so the renderer's files and libraries would come on
	 * top of the layout's high-water mark. Given back first, a 100-page document peaks 1 MB lower. */
	if (dl->n_pages > TRIM_PAGES && b->n_jobs == 1)
		malloc_trim(0);
#endif
	int rc = cv_render_pdf(dl, j->fs, &o->env, &pdf, &len, j->d);
	double t2 = now_ms();
	j->ms[ST_RENDER] = t2 - t1;
	if (rc != CV_OK) {
		j->failed = true;
		goto done;
	}
	j->bytes = len;
	cv_cli_read *reads;
	size_t n_reads = job_reads(b, j, dl, &reads);
	if (cv_cli_write(&j->out, reads, n_reads, pdf, len, j->d) != CV_OK)
		j->failed = true;
	free(reads);
	j->ms[ST_WRITE] = now_ms() - t2;
done:
	free(pdf);
	cv_dlist_free(dl);
	/* The plain document of the first job is kept to the end: variants checked after it are listed in
	 * its arena and leave out the messages it reported. Any other goes now, before its report, which
	 * needs only its messages: a job waiting for an earlier one's report holds no document. */
	if (j->variant || j != &b->jobs[0]) {
		cv_doc_free(j->doc);
		j->doc = NULL;
	}
	/* Reports go out in the batch's order, whichever thread finishes first, so that standard error
	 * reads the same from one run to the next: a finished job reports itself and the finished ones
	 * after it once every job before it has reported. */
	pthread_mutex_lock(&b->lock);
	j->done = true;
	while (b->reported < b->n_jobs && b->jobs[b->reported].done) {
		job *r = &b->jobs[b->reported++];
		report_job(b, r);
		/* The messages of a document written as several products are kept: its other products'
		 * jobs, maybe running now, leave them out. */
		if (r->variant && !r->several) {
			cv_diags_free(r->d);
			r->d = NULL;
		}
	}
	pthread_mutex_unlock(&b->lock);
}

static void *worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		pthread_mutex_lock(&b->lock);
		size_t i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->n_jobs)
			break;
		finish_job(b, &b->jobs[i]);
	}
	cv_text_thread_fini();
	return NULL;
}

/* Runs the jobs on up to `threads` threads; serially on this thread when one is enough. */
static void run_jobs(batch *b, size_t threads)
{
	if (threads > b->n_jobs)
		threads = b->n_jobs;
	if (threads <= 1) {
		for (size_t i = 0; i < b->n_jobs; i++)
			finish_job(b, &b->jobs[i]);
		return;
	}
	pthread_t *tids = cv_xcalloc(threads, sizeof *tids);
	size_t started = 0;
	for (; started < threads; started++)
		if (pthread_create(&tids[started], NULL, worker, b) != 0)
			break;
	if (started == 0) /* no thread at all: do the work here */
		worker(b);
	for (size_t i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
}

/* The variants a batch renders: all of them, or the one --variant names. NULL after reporting why
 * not (the file has no variants map, or none of that name). */
static const cv_variant *choose_variants(const batch *b, const cv_variant *vars, size_t *n_vars)
{
	const cv_cli *o = b->o;
	cv_span file = {b->input.name, 0, 0, 0, 0};
	if (!*n_vars) {
		cv_cli_say(o, CV_ERROR, "no-variants", file, "%s%s: the document has no variants map",
			   o->variant ? "--variant " : "--all-variants", o->variant ? o->variant : "");
		return NULL;
	}
	if (!o->variant)
		return vars;
	const char **names = cv_xcalloc(*n_vars, sizeof *names);
	char known[512] = "";
	for (size_t i = 0; i < *n_vars; i++) {
		if (strcmp(vars[i].name, o->variant) == 0) {
			free(names);
			*n_vars = 1;
			return &vars[i];
		}
		names[i] = vars[i].name;
		snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "", vars[i].name);
	}
	const char *best = cv_suggest(o->variant, names, *n_vars);
	if (best)
		cv_cli_say(o, CV_ERROR, "unknown-variant", file, "--variant %s: no such variant; did you mean \"%s\"? (it has: %s)",
			   o->variant, best, known);
	else
		cv_cli_say(o, CV_ERROR, "unknown-variant", file, "--variant %s: no such variant (it has: %s)", o->variant, known);
	free(names);
	return NULL;
}

/* The jobs of this run: the plain document, the one --variant, or all of them; --check without
 * either checks the plain document and then every variant, since a render of any of them reads
 * what the variant sets. Returns an exit status, or -1 to go on. */
static int plan(batch *b, cv_doc **plain)
{
	const cv_cli *o = b->o;
	const cv_variant *vars = NULL;
	size_t n_vars = 0;
	double t0 = now_ms();
	b->base_d = cv_diags_new();
	b->base = cv_load_base_new(&b->input, b->overlays, o->n_overlays, b->base_d);
	/* Parsed, and registered with the diagnostics (which keep their own copy): the bytes read are
	 * not read again, and a long input's would stay beside the document until the end. */
	for (size_t i = 0; i < b->n_texts; i++) {
		free(b->texts[i]);
		b->texts[i] = NULL;
	}
	b->input.text = NULL;
	for (size_t i = 0; i < o->n_overlays; i++)
		b->overlays[i].text = NULL;
	if (!b->base) {
		int status = cv_cli_status(b->base_d, true);
		cv_cli_report(b->base_d, o, NULL);
		return status;
	}
	cv_diags *d = cv_diags_new();
	cv_load_opts lo = {.sets = o->sets, .n_sets = o->n_sets, .theme = o->theme, .lang = o->lang, .variants = &vars,
			   .n_variants = &n_vars, .theme_dir = o->found_theme_dir};
	*plain = cv_load_from(b->base, &lo, d);
	double load_ms = now_ms() - t0;
	if (o->list && *plain)
		cv_cli_list(o, *plain, vars, n_vars);
	bool variants = o->variant || o->all_variants;
	bool check_all = o->check && !variants && *plain && n_vars;
	if (!*plain || !variants) {
		b->n_jobs = check_all ? n_vars + 1 : 1;
		b->jobs = cv_xcalloc(b->n_jobs, sizeof *b->jobs);
		b->jobs[0].d = d;
		b->jobs[0].doc = *plain; /* the job owns it now */
		b->jobs[0].ms[ST_LOAD] = load_ms;
		for (size_t i = 1; i < b->n_jobs; i++) {
			b->jobs[i].variant = &vars[i - 1];
			b->jobs[i].d = cv_diags_new();
			b->jobs[i].seen = d; /* what the plain document reported is not repeated per variant */
		}
		if (!*plain) {
			int status = cv_cli_status(d, true);
			cv_cli_report(d, o, NULL);
			return status;
		}
		*plain = NULL;
		return -1;
	}
	/* Each variant loads again from the parsed tree and reports for itself. The variants (and their
	 * strings) live in this load's document, kept to the end. */
	b->plan_d = d;
	b->listing = *plain;
	*plain = NULL;
	vars = choose_variants(b, vars, &n_vars);
	if (!vars)
		return CV_EXIT_USAGE;
	b->n_jobs = n_vars;
	b->jobs = cv_xcalloc(n_vars, sizeof *b->jobs);
	for (size_t i = 0; i < n_vars; i++) {
		b->jobs[i].variant = &vars[i];
		b->jobs[i].d = cv_diags_new();
	}
	return -1;
}

static char *base_output(const cv_cli *o, const batch *b, const job *j)
{
	const char *name = j->variant ? j->variant->name : NULL;
	if (o->output)
		return cv_cli_output_path(o->output, b->input.name, name);
	if (j->variant && j->variant->output && strcmp(j->variant->output, "-") == 0)
		return cv_xstrdup("-");
	if (j->variant && j->variant->output) {
		/* Relative to the file that says it, as the photo is. */
		char *t = cv_cli_output_path(j->variant->output, b->input.name, name);
		char *p = cv_path_beside(j->variant->output_span.file, t);
		free(t);
		return p;
	}
	return cv_cli_output_path(NULL, strcmp(o->input, "-") ? o->input : "-", name);
}

static char *job_output(const cv_cli *o, const batch *b, const job *j)
{
	char *base = base_output(o, b, j);
	bool as_given = o->output || (j->variant && j->variant->output);
	char *out = cv_cli_product_path(base, as_given, j->product, j->several);
	free(base);
	return out;
}

/* Each job of the plan once per product it writes: the jobs of one document load it each (a few
 * milliseconds), and the copies leave out what the first reported while loading. Returns an exit
 * status, or -1 to go on. */
static int expand_products(batch *b)
{
	const cv_cli *o = b->o;
	job *jobs = NULL;
	size_t n = 0, cap = 0;
	int status = -1;
	for (size_t i = 0; i < b->n_jobs; i++) {
		cv_product p[CV_PRODUCTS_MAX];
		size_t np;
		cv_diags *d = cv_diags_new();
		if (cv_cli_products(o, b->jobs[i].variant, p, &np, d) != CV_OK) {
			cv_cli_report(d, o, b->jobs[i].variant ? b->jobs[i].variant->name : NULL);
			status = CV_EXIT_INPUT;
			np = 1;
		}
		cv_diags_free(d);
		for (size_t k = 0; k < np; k++) {
			job *j = CV_PUSH(jobs, n, cap);
			*j = b->jobs[i];
			j->product = p[k];
			j->several = np > 1;
			if (k) {
				j->doc = NULL; /* each job loads and tailors its own */
				j->d = cv_diags_new();
				j->seen = b->jobs[i].d;
			}
		}
	}
	free(b->jobs);
	b->jobs = jobs;
	b->n_jobs = n;
	return status;
}

/* An output path written in a file (a variant's `output`) must lead into that file's folder, or one
 * --allow-output-dir names: a résumé template from the web must not be able to overwrite ~/.bashrc.
 * Standard input counts as a file in the current folder; --set is the command line. */
static bool output_allowed(const batch *b, const job *j, char *const *allowed, size_t n_allowed)
{
	const cv_cli *o = b->o;
	const cv_span *at = &j->variant->output_span;
	bool stdin_input = at->file && strcmp(at->file, "<stdin>") == 0;
	if ((!cv_path_is_file(at->file) && !stdin_input) || strcmp(j->variant->output, "-") == 0)
		return true; /* the command line's, or standard output */
	char *beside = cv_path_beside(stdin_input ? NULL : at->file, ".");
	char *home = cv_cli_dir_canonical(beside);
	free(beside);
	bool ok = home && cv_cli_output_inside(&j->out, home);
	for (size_t i = 0; i < n_allowed && !ok; i++)
		ok = cv_cli_output_inside(&j->out, allowed[i]);
	if (!ok) {
		char *parent = cv_cli_output_parent(&j->out);
		const char *where = stdin_input ? "the current folder" : at->file;
		if (parent)
			cv_cli_say(o, CV_ERROR, "output-outside", *at,
				   "variants.%s.output: \"%s\" is outside the folder of %s, where output paths written in a "
				   "file must stay; to write there, run with --allow-output-dir %s, or give the output with -o",
				   j->variant->name, j->variant->output, where, parent);
		else
			cv_cli_say(o, CV_ERROR, "output-outside", *at,
				   "variants.%s.output: \"%s\" is not a file in the folder of %s, where output paths written "
				   "in a file must stay; give such an output with -o",
				   j->variant->name, j->variant->output, where);
		free(parent);
	}
	free(home);
	return ok;
}

/* Resolves every job's output and refuses, before anything is written: a loop of links or a closed
 * descriptor (3), an input's output path leading out of its folder (1), two variants writing one file
 * however it is spelled (2). Returns an exit status, or -1 to go on. --check of a document and all its
 * variants (which a real run never writes together) does not look for clashes. */
static int check_outputs(batch *b)
{
	const cv_cli *o = b->o;
	char **allowed = cv_xcalloc(o->n_allow_dirs + 1, sizeof *allowed);
	int status = -1;
	for (size_t i = 0; i < o->n_allow_dirs && status < 0; i++)
		if (!(allowed[i] = cv_cli_dir_canonical(o->allow_dirs[i])))
			status = cv_cli_usage(o, "--allow-output-dir %s: %s", o->allow_dirs[i], strerror(errno));
	/* Every job, so that all the outputs refused are named at once. */
	for (size_t i = 0; i < b->n_jobs && status != CV_EXIT_USAGE; i++) {
		job *j = &b->jobs[i];
		cv_diags *d = cv_diags_new();
		if (cv_cli_output_resolve(j->output, &j->out, d) != CV_OK) {
			cv_cli_report(d, o, b->n_jobs > 1 || o->all_variants ? (j->variant ? j->variant->name : NULL) : NULL);
			status = worst(status, CV_EXIT_IO);
		} else if (!o->output && j->variant && j->variant->output &&
			   !output_allowed(b, j, allowed, o->n_allow_dirs)) {
			status = worst(status, CV_EXIT_INPUT);
		}
		cv_diags_free(d);
	}
	for (size_t i = 0; i < o->n_allow_dirs; i++)
		free(allowed[i]);
	free(allowed);
	if (status >= 0 || (o->check && !o->variant && !o->all_variants))
		return status;
	for (size_t i = 0; i < b->n_jobs; i++)
		for (size_t k = 0; k < i; k++) {
			const job *a = &b->jobs[k], *c = &b->jobs[i];
			if (!cv_cli_output_same(&a->out, &c->out))
				continue;
			if (a->out.fd == STDOUT_FILENO && c->out.fd == STDOUT_FILENO)
				cv_cli_say(o, CV_ERROR, "output-clash", no_span, "several variants cannot all write to standard output");
			else if (!strcmp(a->output, c->output))
				cv_cli_say(o, CV_ERROR, "output-clash", no_span, "variants \"%s\" and \"%s\" would both write %s",
					   a->variant->name, c->variant->name, c->output);
			else
				cv_cli_say(o, CV_ERROR, "output-clash", no_span,
					   "variants \"%s\" and \"%s\" would both write one file, as %s and as %s",
					   a->variant->name, c->variant->name, a->output, c->output);
			return CV_EXIT_USAGE;
		}
	return -1;
}

int cv_cli_run(const cv_cli *o)
{
	batch b = {.o = o};
	pthread_mutex_init(&b.lock, NULL);
	cv_doc *plain = NULL;
	int status = read_inputs(&b);
	if (status != CV_EXIT_OK)
		goto out;
	if ((status = plan(&b, &plain)) >= 0)
		goto out;
	status = CV_EXIT_OK;
	if (o->list) { /* listed by plan(), which loaded the document */
		cv_cli_report(b.jobs[0].d, o, NULL);
		goto out;
	}
	bool writes = !o->check && !o->dump;
	if (writes && (status = expand_products(&b)) >= 0)
		goto out;
	status = CV_EXIT_OK;
	for (size_t i = 0; i < b.n_jobs; i++)
		b.jobs[i].output = job_output(o, &b, &b.jobs[i]);
	/* --check reports the outputs the input chooses too: where they lead and whether two collide. */
	if (!o->dump) {
		if ((status = check_outputs(&b)) >= 0)
			goto out;
		status = CV_EXIT_OK;
		if (writes && b.n_jobs == 1 && b.jobs[0].out.fd >= 0 && isatty(b.jobs[0].out.fd) &&
		    b.jobs[0].product.format == CV_FORMAT_PDF) {
			status = cv_cli_usage(o, "refusing to write a PDF to a terminal; use -o FILE or a redirection");
			goto out;
		}
	}
	if (o->dump && strcmp(o->dump, "model") == 0) { /* the first document's model, and no more */
		finish_job(&b, &b.jobs[0]);
		status = b.jobs[0].status;
		goto out;
	}
	warn_bad_epoch(o);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	/* --check of a document and its variants runs in order: each variant leaves out what the plain
	 * document (job 0) reported, which must then be complete. Checking takes milliseconds. */
	bool seen = b.n_jobs > 1 && b.jobs[1].seen;
	if (writes)
		cv_cli_signals_start();
	run_jobs(&b, seen ? 1 : o->jobs ? (size_t)o->jobs : cpus > 0 ? (size_t)cpus : 1);
	if (writes)
		cv_cli_signals_stop();
	for (size_t i = 0; i < b.n_jobs; i++)
		status = worst(status, b.jobs[i].status);
out:
	for (size_t i = 0; i < b.n_jobs; i++) {
		cv_doc_free(b.jobs[i].doc);
		cv_diags_free(b.jobs[i].d);
		free(b.jobs[i].output);
		cv_cli_output_fini(&b.jobs[i].out);
	}
	free(b.jobs);
	cv_doc_free(plain);
	cv_doc_free(b.listing);
	cv_diags_free(b.plan_d);
	cv_load_base_free(b.base);
	cv_diags_free(b.base_d);
	for (size_t i = 0; i < b.n_fonts; i++) {
		cv_fontset_free(b.fonts[i].fs);
		free((char *)b.fonts[i].latin);
		free((char *)b.fonts[i].cjk);
	}
	free(b.fonts);
	for (size_t i = 0; i < b.n_texts; i++)
		free(b.texts[i]);
	free(b.texts);
	free(b.overlays);
	pthread_mutex_destroy(&b.lock);
	/* This thread's shaping cache, as the workers free theirs (worker()). */
	cv_text_thread_fini();
	return status;
}
