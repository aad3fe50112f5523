/* Diagnostics on standard error: as text with source excerpts (cv_diags_print), or as JSON lines
 * for tools with --json. Nothing else is printed here, and nothing goes to standard output.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 passes through. */
static void json_string(FILE *out, const char *s)
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
		json_string(stderr, s->file);
		fprintf(stderr, ",\"line\":%d,\"col\":%d,\"end_line\":%d,\"end_col\":%d,\"severity\":\"%s\",\"code\":",
			s->line, s->col, s->end_line, s->end_col, names[g->severity]);
		json_string(stderr, g->code);
		fputs(",\"message\":", stderr);
		json_string(stderr, g->message);
		if (variant) {
			fputs(",\"variant\":", stderr);
			json_string(stderr, variant);
		}
		fputs("}\n", stderr);
	}
}

void cv_cli_report(const cv_diags *d, const cv_cli *o, const char *variant)
{
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
