/* The command line's machinery behind main.c: the options table and argv parsing (options.c), one run
 * or a batch of variants through the stages (run.c), the atomic output writer (output.c), diagnostics
 * as text or JSON lines (report.c), --watch (watch.c) and --init (init.c). Nothing here typesets.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_CLI_H
#define CV2PDF_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "cv2pdf/diag.h"

/* Exit statuses, as documented in docs/cv2pdf.1 (EXIT STATUS). */
enum { CV_EXIT_OK = 0, CV_EXIT_INPUT = 1, CV_EXIT_USAGE = 2, CV_EXIT_IO = 3 };

/* Everything argv said. The strings point into argv; the arrays are heap-owned (cv_cli_fini). */
typedef struct cv_cli {
	const char *input;     /* "-" for standard input; for --init, the file to create */
	const char **overlays; /* merged over input in order */
	size_t n_overlays;
	const char *output; /* NULL: the default; may hold "{variant}" */
	const char *dump;   /* "model", "layout" or NULL */
	const char *lang, *theme, *font_dir, *variant;
	const char **sets; /* "PATH=VALUE" */
	size_t n_sets;
	const char **tags;
	size_t n_tags;
	bool have_tags;
	const char **exclude;
	size_t n_exclude;
	int max_pages; /* 0: not given */
	int jobs;      /* 0: one per processor */
	bool all_variants, check, quiet, verbose, timings, json, watch, init;
	bool color; /* stderr is a terminal and NO_COLOR is unset */
	bool tty;   /* stderr is a terminal: progress lines */
	char **owned; /* copies the tag lists point into */
	size_t n_owned;
} cv_cli;

/* Parses argv into o. Returns -1 to go on, or an exit status to stop with (after --help, --version
 * or a usage error, which it has printed). */
int cv_cli_parse(int argc, char **argv, cv_cli *o);
void cv_cli_fini(cv_cli *o);

/* Renders (or checks, or dumps) the input as o asks: one document, one variant or every variant.
 * Prints diagnostics and returns the exit status. */
int cv_cli_run(const cv_cli *o);
/* Renders, then renders again each time the input or an overlay changes, until SIGINT or SIGTERM. */
int cv_cli_watch(const cv_cli *o);
/* Writes the starter résumé, in the language of --lang (default English), to o->input. */
int cv_cli_init(const cv_cli *o);

/* "cv2pdf: message" on standard error. cv_cli_usage adds the --help hint and returns CV_EXIT_USAGE. */
void cv_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cv_cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cv_cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints d as o asks (text with excerpts, or JSON lines with --json). variant, when not NULL, is
 * named in a heading (text) or a "variant" member (JSON). */
void cv_cli_report(const cv_diags *d, const cv_cli *o, const char *variant);

/* Writes data to path ("-": standard output) through a temporary file in the same directory that is
 * renamed into place only when complete. The input file is never overwritten (an "output-is-input"
 * error, CV_EINPUT); a symbolic link is followed (its target is replaced, the link stays); a replaced
 * file keeps its mode; devices and pipes are written to directly. input may be NULL or "-". Other
 * failures are "io" errors in d and return CV_EIO. */
int cv_cli_write(const char *path, const char *input, const unsigned char *data, size_t len, cv_diags *d);
/* Writes all of data to fd, retrying after EINTR. Returns 0, or -1 with errno set. */
int cv_cli_write_fd(int fd, const void *data, size_t len);
/* The output path for input and variant (NULL: none): template with "{variant}" replaced, or, when
 * template is NULL, input with its extension replaced by ".pdf" ("-variant.pdf" for a variant).
 * Caller frees. */
char *cv_cli_output_path(const char *template_, const char *input, const char *variant);

#endif
