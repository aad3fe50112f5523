/* case_tools: a check's qpdf or pdftotext run in the worker compared with the program's run of it
 * (case_tools.h). Only compares: the tools are pdf_tools.cc's, the worker runs them.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include "case_tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* S with the trailer's "/ID [<...><...>]" line of qpdf's QDF output cut to "/ID" (case_tools.h), into T
 * (S may hold NULs: font programs). */
static void without_id(const str *s, str *t)
{
	static const char id[] = "\n  /ID [<";
	const char *p = s->p ? s->p : "", *end = p + s->len;
	const char *at = memmem(p, s->len, id, sizeof id - 1);
	*t = (str){0};
	if (!at) {
		str_add(t, p, s->len);
		return;
	}
	str_add(t, p, (size_t)(at - p) + 6);
	const char *nl = memchr(at + 1, '\n', (size_t)(end - at - 1));
	if (nl)
		str_add(t, nl, (size_t)(end - nl));
}

/* The first line where A and B (LEN_A and LEN_B bytes) differ, into a message. */
static void first_difference(const char *a, size_t len_a, const char *b, size_t len_b, char *msg, size_t size)
{
	size_t i = 0, line = 1, start = 0;
	while (i < len_a && i < len_b && a[i] == b[i]) {
		if (a[i] == '\n')
			line++, start = i + 1;
		i++;
	}
	int la = (int)(strcspn(a + start, "\n") < 80 ? strcspn(a + start, "\n") : 80);
	int lb = (int)(strcspn(b + start, "\n") < 80 ? strcspn(b + start, "\n") : 80);
	snprintf(msg, size, "line %zu: in-process '%.*s', program '%.*s' (%zu and %zu bytes)", line, la,
		 start < len_a ? a + start : "", lb, start < len_b ? b + start : "", len_a, len_b);
}

void tool_compare(char *const argv[], const char *scratch, int in_status, const str *in_out, const str *in_err,
		  int prog_status, const str *prog_out, const str *prog_err)
{
	str call = {0};
	for (char *const *a = argv; *a; a++) {
		char *w = replace_all(*a, scratch, "$TMP");
		str_adds(&call, a == argv ? "" : " ");
		str_adds(&call, w);
		free(w);
	}
	if (in_status != prog_status)
		fail("%s: the program exits %d, the in-process run %d", call.p, prog_status, in_status);
	char msg[256];
	const str *in[] = {in_out, in_err}, *prog[] = {prog_out, prog_err};
	static const char *const stream[] = {"standard output", "standard error"};
	for (int k = 0; k < 2; k++) {
		if (!in[k])
			continue;
		str a = {0}, b = {0};
		if (strcmp(argv[0], "qpdf") == 0 && k == 0) {
			without_id(in[k], &a);
			without_id(prog[k], &b);
		} else {
			str_add(&a, in[k]->p ? in[k]->p : "", in[k]->len);
			str_add(&b, prog[k]->p ? prog[k]->p : "", prog[k]->len);
		}
		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0) {
			first_difference(a.p, a.len, b.p, b.len, msg, sizeof msg);
			fail("%s: the program's %s differs from the in-process run's (%s)", call.p, stream[k], msg);
		}
		free(a.p);
		free(b.p);
	}
	free(call.p);
}
