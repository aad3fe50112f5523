/* case_pdf: fonts, fill colours and page size read from a PDF's QDF form, and lines of a report
 * matched against regular expressions, for the catalogue's checks (case_pdf.h). Reads text only:
 * the runner's tools' worker makes the QDF form (qpdf's own code) and cv2pdf the reports.
 * SPDX-License-Identifier: MIT */
#include "case_pdf.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_util.h"

/* Each line of TEXT into LINES (copies; a last line without its newline too). */
static void copy_lines(const char *text, strv *lines)
{
	for (const char *s = text; *s;) {
		size_t n = strcspn(s, "\n");
		str l = {0};
		str_add(&l, s, n);
		strv_add(lines, l.p);
		s += n + (s[n] == '\n');
	}
}

static void free_lines(strv *lines)
{
	for (size_t i = 0; i < lines->n; i++)
		free(lines->v[i]);
	free(lines->v);
}

/* WORDS sorted and each once, joined by SEP; frees the words. */
static char *sorted_unique(strv *words, const char *sep)
{
	if (words->n)
		qsort(words->v, words->n, sizeof *words->v, cmp_str);
	str r = {0};
	str_adds(&r, "");
	for (size_t i = 0; i < words->n; i++) {
		if (i && strcmp(words->v[i], words->v[i - 1]) == 0)
			continue;
		if (r.len)
			str_adds(&r, sep);
		str_adds(&r, words->v[i]);
	}
	free_lines(words);
	return r.p;
}

char *qdf_fonts(const char *qdf)
{
	strv names = {0}, lines = {0};
	copy_lines(qdf, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		const char *l = lines.v[i] + strspn(lines.v[i], " ");
		if (strncmp(l, "/BaseFont /", 11) != 0)
			continue;
		const char *name = l + 11, *plus = strrchr(name, '+');
		strv_add(&names, xstrdup(plus ? plus + 1 : name));
	}
	free_lines(&lines);
	return sorted_unique(&names, " ");
}

char *qdf_fills(const char *qdf)
{
	strv fills = {0}, lines = {0};
	copy_lines(qdf, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		size_t n = strlen(lines.v[i]);
		if (n > 3 && strcmp(lines.v[i] + n - 3, " rg") == 0) {
			lines.v[i][n - 3] = '\0';
			strv_add(&fills, xstrdup(lines.v[i]));
		}
	}
	free_lines(&lines);
	return sorted_unique(&fills, "; ");
}

char *qdf_page_size(const char *qdf)
{
	const char *box = strstr(qdf, "/MediaBox [");
	if (!box)
		return NULL;
	double v[4];
	char *s = (char *)box + 11;
	for (int i = 0; i < 4; i++) {
		char *end;
		v[i] = strtod(s, &end);
		if (end == s)
			return NULL;
		s = end;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%g x %g", v[2] - v[0], v[3] - v[1]);
	return xstrdup(buf);
}

/* RES compiled into RX (basic regular expressions, as grep's); -1 when one is not. */
static int compile_all(char *const *res, size_t n, regex_t *rx)
{
	for (size_t i = 0; i < n; i++)
		if (regcomp(&rx[i], res[i], REG_NOSUB) != 0) {
			while (i--)
				regfree(&rx[i]);
			return -1;
		}
	return 0;
}

int some_line_matches(const char *text, const char *re)
{
	char *one[] = {(char *)re};
	return lines_match_in_order(text, one, 1);
}

int lines_match_in_order(const char *text, char *const *res, size_t n)
{
	regex_t *rx = xrealloc(NULL, n * sizeof *rx);
	if (compile_all(res, n, rx) != 0) {
		free(rx);
		return -1;
	}
	strv lines = {0};
	copy_lines(text, &lines);
	int found = 0;
	for (size_t i = 0; !found && i + n <= lines.n; i++) {
		size_t k = 0;
		while (k < n && regexec(&rx[k], lines.v[i + k], 0, NULL, 0) == 0)
			k++;
		found = k == n;
	}
	free_lines(&lines);
	for (size_t k = 0; k < n; k++)
		regfree(&rx[k]);
	free(rx);
	return found;
}
