/* The command line's machinery behind main.c: the options table and argv parsing (options.c), one run
 * or a batch of variants through the stages (run.c), the atomic output writer (output.c), diagnostics
 * as text or JSON lines (report.c), --watch (watch.c) and --init (init.c). Nothing here typesets.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_CLI_H
#define CV2PDF_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <stdio.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/env.h"
#include "cv2pdf/export.h"
#include "cv2pdf/load.h"

/* Exit statuses, as documented in docs/cv2pdf.1 (EXIT STATUS). */
enum { CV_EXIT_OK = 0, CV_EXIT_INPUT = 1, CV_EXIT_USAGE = 2, CV_EXIT_IO = 3 };

/* Everything argv said. The strings point into argv; the arrays are heap-owned (cv_cli_fini). */
typedef struct cv_cli {
	const char *input;     /* "-" for standard input; for --init, the file to create */
	const char **overlays; /* merged over input in order */
	size_t n_overlays;
	const char *output; /* NULL: the default; may hold "{variant}" */
	const char *dump;   /* "model", "layout" or NULL */
	const char *lang, *theme, *variant;
	const char *font_dir; /* --font-dir, else (after parsing) found_font_dir */
	const char *stdin_name; /* --stdin-filename: how messages name standard input; NULL: "<stdin>" */
	const char **sets; /* "PATH=VALUE" */
	size_t n_sets;
	const char **tags;
	size_t n_tags;
	bool have_tags;
	const char **exclude;
	size_t n_exclude;
	const char **allow_dirs; /* --allow-output-dir: where the input may also write */
	size_t n_allow_dirs;
	unsigned to;    /* --to: bit (1 << f) per cv_format written; 0: not given */
	int text_width; /* --text-width: plain text wrapped at this many columns; 0: not wrapped */
	bool letter;    /* --letter: the cover letter instead of the résumé */
	int max_pages; /* 0: not given */
	int jobs;      /* 0: one per processor */
	bool all_variants, check, quiet, verbose, timings, json, watch, init, list;
	/* From the environment, read once by cv_cli_env (env.c); nothing below src/cli/ reads it. */
	bool color; /* stderr is a terminal and NO_COLOR is unset */
	bool tty;   /* stderr is a terminal: progress lines */
	cv_env env; /* SOURCE_DATE_EPOCH, the clock and the PDF's Creator, for the stages */
	const char *bad_epoch; /* SOURCE_DATE_EPOCH when it is set but not a valid time (a warning) */
	char *found_font_dir;  /* where the shipped fonts are without --font-dir; malloc'd */
	char *found_theme_dir; /* where the built-in theme presets are; malloc'd */
	char **owned; /* copies the tag lists point into */
	size_t n_owned;
} cv_cli;

/* Reads the environment into o (env.c): NO_COLOR, whether standard error is a terminal,
 * SOURCE_DATE_EPOCH, the clock, and where the shipped fonts are ($CV2PDF_FONT_DIR, beside the
 * program, the build tree, the installation). cv_cli_parse calls it first. */
void cv_cli_env(cv_cli *o);
/* Parses argv into o. Returns -1 to go on, or an exit status to stop with (after --help, --version
 * or a usage error, which it has printed). */
int cv_cli_parse(int argc, char **argv, cv_cli *o);
void cv_cli_fini(cv_cli *o);
/* The program's whole run for argv (main is this call): parse, dispatch to the run, --watch or
 * --init, check that standard output took everything, clean up. Returns the exit status. Callable
 * again in the same process (the test runners do: one process, many runs). */
int cv_cli_main(int argc, char **argv);

/* Renders (or checks, or dumps) the input as o asks: one document, one variant or every variant.
 * Prints diagnostics and returns the exit status. */
int cv_cli_run(const cv_cli *o);
/* Renders, then renders again each time the input or an overlay changes, until SIGINT or SIGTERM. */
int cv_cli_watch(const cv_cli *o);
/* Writes the starter résumé, in the language of --lang (default English), to o->input; --theme sets
 * its design.theme. */
int cv_cli_init(const cv_cli *o);
/* --list (called by cv_cli_run once the input is loaded): prints what doc defines (its sections with
 * their entries' ids, the tags in use, the variants) on standard output, as text or, with --json, as
 * one JSON object. */
void cv_cli_list(const cv_cli *o, const cv_doc *doc, const cv_variant *vars, size_t n_vars);
/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 passes through; NULL is
 * null. */
void cv_cli_json_string(FILE *out, const char *s);

/* The command line's one message channel. Every message of a run, the command line's own included,
 * is a cv_diag with a stable code (and a span where it has one), so --json, -q, colour and sorting
 * apply to all of them. cv_cli_say reports one message now; it is what replaces printing to standard
 * error (the former cv_cli_error(fmt, ...) is cv_cli_say(o, CV_ERROR, "code", (cv_span){0}, fmt, ...),
 * cv_cli_note(...) is cv_cli_say(o, CV_NOTE, ...)). A note with no span is a status line ("wrote
 * cv.pdf"), printed without a severity. o may be a cv_cli still being parsed. */
void cv_cli_say(const cv_cli *o, cv_severity sev, const char *code, cv_span at, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A usage error (code "usage") and, in text, the --help hint; returns CV_EXIT_USAGE. */
int cv_cli_usage(const cv_cli *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints d in reading order (it sorts d) as o asks: text with excerpts, or JSON lines with --json;
 * -q leaves out warnings and notes. variant, when not NULL, is named in a heading (text) or a
 * "variant" member (JSON). */
void cv_cli_report(cv_diags *d, const cv_cli *o, const char *variant);
/* The exit status d's errors call for, from the one table of codes in report.c (CV_EXIT_OK when d
 * holds no error). A failed stage that left no error is CV_EXIT_IO (an internal fault). */
int cv_cli_status(const cv_diags *d, bool failed);

/* Where one PDF goes, worked out before anything is written (output.c). */
typedef struct cv_output {
	const char *name; /* as the command line or the input spelled it, for messages (not owned) */
	int fd;           /* >= 0: a descriptor the name stands for ("-", /dev/stdout, /proc/self/fd/N):
			   * written as it is, never replaced */
	char *file;       /* otherwise the file to create or replace, symbolic links at its end followed
			   * (a dangling link's target is created); malloc'd */
	char *canon;      /* file's absolute name with every existing folder resolved: one name per file
			   * however it is spelled; malloc'd */
} cv_output;

/* Resolves name into o (free with cv_cli_output_fini). An "io" error in d and CV_EIO for a loop of
 * symbolic links or a closed descriptor; nothing is created. */
int cv_cli_output_resolve(const char *name, cv_output *o, cv_diags *d);
void cv_cli_output_fini(cv_output *o);
/* Whether two outputs are one file or descriptor, however spelled. */
bool cv_cli_output_same(const cv_output *a, const cv_output *b);
/* Whether o is a file inside the folder dir (a canonical name, from cv_cli_dir_canonical). */
bool cv_cli_output_inside(const cv_output *o, const char *dir);
/* realpath(dir), malloc'd; NULL with errno set. */
char *cv_cli_dir_canonical(const char *dir);
/* The canonical folder o would be written in, malloc'd (NULL for a descriptor). */
char *cv_cli_output_parent(const cv_output *o);

/* A file the run reads, which no output may replace. */
typedef struct cv_cli_read {
	const char *path; /* NULL: none (an absent font face) */
	char what[48];    /* "the input file", "the overlay", "the photo", "the Latin regular font" ... */
} cv_cli_read;

/* Writes data to o (write.c): a descriptor as it is; a device or pipe in place; a file through a
 * temporary file in its folder renamed into place only when complete, making missing folders
 * (removed again on failure). A replaced file keeps its mode. An output that is one of reads[0..n)
 * (same device and inode) is refused with an "output-is-input" error and CV_EINPUT; other failures
 * are "io" errors in d and CV_EIO. Thread-safe. */
int cv_cli_write(const cv_output *o, const cv_cli_read *reads, size_t n_reads, const unsigned char *data,
		 size_t len, cv_diags *d);
/* From start to stop, SIGINT, SIGTERM, SIGHUP and the other signals that end a process (not SIGKILL,
 * not SIGPIPE) remove the temporary files and new folders of the writes in progress before the process
 * dies of the signal (128 + N in a shell): they are blocked
 * in every thread started in between and one thread waits for them. Call start before starting
 * threads and stop after joining them. */
void cv_cli_signals_start(void);
void cv_cli_signals_stop(void);
/* Writes all of data to fd, retrying after EINTR. Returns 0, or -1 with errno set. */
int cv_cli_write_fd(int fd, const void *data, size_t len);
/* The output path for input and variant (NULL: none): template with "{variant}" replaced, or, when
 * template is NULL, input with its extension replaced by ".pdf" ("-variant.pdf" for a variant).
 * Caller frees. */
char *cv_cli_output_path(const char *template_, const char *input, const char *variant);

/* One thing a run writes for a document (products.c): the résumé or its cover letter, in a format. */
typedef struct cv_product {
	cv_format format;
	bool letter;
} cv_product;

/* At most one product per format, for the résumé and for the letter. */
#define CV_PRODUCTS_MAX (2 * CV_FORMAT_COUNT)

/* What to write for the document or variant v (NULL: none): --to's formats (else the one -o's
 * extension names, else PDF) for the résumé, or with --letter for the letter; without either, v's
 * `outputs` when it has them. An unknown name in `outputs` is an "unknown-output" error in d at its
 * place, and CV_EINPUT. */
int cv_cli_products(const cv_cli *o, const cv_variant *v, cv_product out[CV_PRODUCTS_MAX], size_t *n, cv_diags *d);
/* The file product p goes to, from base (an output path, "{variant}" filled in): every "{ext}" is the
 * format's extension ("letter.pdf" for the letter); otherwise base as it is when it was given
 * (as_given) and is the only product (!several), else base with its extension (a format's) replaced:
 * "cv.txt", "cv-letter.pdf". "-" stays standard output. Caller frees. */
char *cv_cli_product_path(const char *base, bool as_given, cv_product p, bool several);

#endif
