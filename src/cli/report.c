/* The command line's one message channel: diagnostics on standard error, as text with source
 * excerpts (cv_diags_print) or as JSON lines for tools with --json, and the one table that turns
 * their codes into exit statuses. Nothing goes to standard output.
 * SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The exit status of an error, by its code: the command line's own mistakes are usage errors (2), a
 * file that cannot be read or written and the program's own faults are 3, and everything else that
 * is wrong with the input is 1. A font the document asks for is the document's fault (it has a
 * span); a shipped font that cannot be read (no span) is a broken installation. Checklist: a new
 * error code that is not an input error is added here and to docs/cv2pdf.1 (EXIT STATUS). */
static const struct {
	const char *code;
	int located, unlocated; /* the status when the error has a place in a file, and when not */
} exit_table[] = {
	{"usage", CV_EXIT_USAGE, CV_EXIT_USAGE},
	{"unknown-variant", CV_EXIT_USAGE, CV_EXIT_USAGE},
	{"no-variants", CV_EXIT_USAGE, CV_EXIT_USAGE},
	{"output-is-input", CV_EXIT_USAGE, CV_EXIT_USAGE},
	{"output-clash", CV_EXIT_USAGE, CV_EXIT_USAGE},
	{"io", CV_EXIT_IO, CV_EXIT_IO},
	{"internal", CV_EXIT_IO, CV_EXIT_IO},
	/* With a place: a font the document named that is damaged (the error points at its setting). */
	{"pdf-write", CV_EXIT_INPUT, CV_EXIT_IO},
	{"font-embed", CV_EXIT_INPUT, CV_EXIT_IO},
	{"font-missing", CV_EXIT_INPUT, CV_EXIT_IO},
	{"font-invalid", CV_EXIT_INPUT, CV_EXIT_IO},
	{"font-not-truetype", CV_EXIT_INPUT, CV_EXIT_IO},
	{"font-not-found", CV_EXIT_INPUT, CV_EXIT_IO},
};

static int status_of(const cv_diag *g)
{
	bool located = g->span.file && g->span.line > 0;
	for (size_t i = 0; i < sizeof exit_table / sizeof exit_table[0]; i++)
		if (g->code && strcmp(g->code, exit_table[i].code) == 0)
			return located ? exit_table[i].located : exit_table[i].unlocated;
	return CV_EXIT_INPUT;
}

int cv_cli_status(const cv_diags *d, bool failed)
{
	int worst = CV_EXIT_OK;
	for (size_t i = 0; i < cv_diags_count(d); i++) {
		const cv_diag *g = cv_diags_at(d, i);
		int s = g->severity == CV_ERROR ? status_of(g) : CV_EXIT_OK;
		if (s > worst)
			worst = s;
	}
	/* Errors past the cap are not stored: they are input errors (the cap is for files full of them). */
	if (worst == CV_EXIT_OK && cv_diags_errors(d))
		worst = CV_EXIT_INPUT;
	return failed && worst == CV_EXIT_OK ? CV_EXIT_IO : worst;
}

void cv_cli_json_string(FILE *out, const char *s)
{
	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static void print_json(const cv_diags *d, bool errors_only, const char *variant)
{
	static const char *names[] = {"note", "warning", "error"};
	for (size_t i = 0; i < cv_diags_count(d); i++) {
		const cv_diag *g = cv_diags_at(d, i);
		if (errors_only && g->severity != CV_ERROR)
			continue;
		const cv_span *s = &g->span;
		fputs("{\"file\":", stderr);
		cv_cli_json_string(stderr, s->file);
		fprintf(stderr, ",\"line\":%d,\"col\":%d,\"end_line\":%d,\"end_col\":%d,\"severity\":\"%s\",\"code\":",
			s->line, s->col, s->end_line, s->end_col, names[g->severity]);
		cv_cli_json_string(stderr, g->code);
		fputs(",\"message\":", stderr);
		cv_cli_json_string(stderr, g->message);
		if (variant) {
			fputs(",\"variant\":", stderr);
			cv_cli_json_string(stderr, variant);
		}
		fputs("}\n", stderr);
	}
}

void cv_cli_report(cv_diags *d, const cv_cli *o, const char *variant)
{
	cv_diags_sort(d);
	if (o->json) {
		print_json(d, o->quiet, variant);
		return;
	}
	size_t shown = 0;
	for (size_t i = 0; i < cv_diags_count(d); i++)
		shown += !o->quiet || cv_diags_at(d, i)->severity == CV_ERROR;
	if (!shown)
		return;
	if (variant)
		fprintf(stderr, "cv2pdf: in variant \"%s\":\n", variant);
	cv_diags_print(d, stderr, o->color, o->quiet);
}

__attribute__((format(printf, 5, 0))) static void vsay(const cv_cli *o, cv_severity sev, const char *code,
							cv_span at, const char *fmt, va_list ap)
{
	cv_diags *d = cv_diags_new();
	cv_diag_vadd(d, sev, code, at, fmt, ap);
	cv_cli_report(d, o, NULL);
	cv_diags_free(d);
}

void cv_cli_say(const cv_cli *o, cv_severity sev, const char *code, cv_span at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(o, sev, code, at, fmt, ap);
	va_end(ap);
}

int cv_cli_usage(const cv_cli *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(o, CV_ERROR, "usage", (cv_span){0}, fmt, ap);
	va_end(ap);
	if (!o->json)
		fputs("Try 'cv2pdf --help' for more information.\n", stderr);
	return CV_EXIT_USAGE;
}
