/* case_tools: qpdf and pdftotext in the case runner's process, and a call compared with the
 * program's run of it (case_tools.h). Only redirects and compares: the tools are pdf_tools.cc's.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include "case_tools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pdf_tools.h"

/* What the memfd FD holds, into S (emptied first). */
static void take(int fd, str *s)
{
	s->len = 0;
	str_adds(s, "");
	if (lseek(fd, 0, SEEK_SET) != 0)
		fail("lseek: %s", strerror(errno));
	char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		str_add(s, buf, (size_t)n);
	if (n < 0)
		fail("read: %s", strerror(errno));
}

int tool_in_process(char *const argv[], str *out, str *err)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	fflush(NULL);
	int keep_out = dup(1), keep_err = dup(2);
	int mout = memfd_create("case_tools.out", MFD_CLOEXEC);
	int merr = err ? memfd_create("case_tools.err", MFD_CLOEXEC) : mout;
	if (keep_out < 0 || keep_err < 0 || mout < 0 || merr < 0 || dup2(mout, 1) < 0 || dup2(merr, 2) < 0)
		fail("cannot redirect the standard descriptors for %s: %s", argv[0], strerror(errno));
	int status = cv_tool_main(argc, (char **)argv);
	if (dup2(keep_out, 1) < 0 || dup2(keep_err, 2) < 0)
		fail("cannot put back the standard descriptors after %s: %s", argv[0], strerror(errno));
	close(keep_out);
	close(keep_err);
	take(mout, out);
	if (err)
		take(merr, err);
	close(mout);
	if (err)
		close(merr);
	return status;
}

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
