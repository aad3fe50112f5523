/* --init: writes a commented starter résumé in any language cv2pdf has words for (--lang), that
 * renders as it is and shows every feature a new user needs first (sections, dates, highlights, tags
 * and variants). Its words come from the language module; this file only lays them out as YAML. It
 * never overwrites an existing file.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/lang.h"
#include "cv2pdf/util.h"

/* A growing text. */
typedef struct growing {
	char *s;
	size_t n, cap;
} growing;

static void add(growing *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(growing *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	cv_grow((void **)&t->s, &t->cap, t->n + (size_t)need + 1, 1);
	va_start(ap, fmt);
	vsnprintf(t->s + t->n, (size_t)need + 1, fmt, ap);
	va_end(ap);
	t->n += (size_t)need;
}

/* s as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted. Static buffer. */
static const char *yaml(const char *s)
{
	static char out[1024];
	bool plain = *s && !strchr("-?:,[]{}#&*!|>'\"%@`", *s) && !strstr(s, ": ") && !strstr(s, " #") &&
		     s[strlen(s) - 1] != ':' && s[strlen(s) - 1] != ' ' && *s != ' ';
	if (plain)
		return s;
	size_t n = 0;
	out[n++] = '"';
	for (; *s && n + 3 < sizeof out; s++) {
		if (*s == '"' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n++] = '"';
	out[n] = '\0';
	return out;
}

/* The starter in language l (caller frees). */
static char *starter(const cv_lang *l)
{
	growing t = {0};
#define P(p) yaml(cv_lang_starter(l, p))
	add(&t, "# %s   cv2pdf resume.yaml -o resume.pdf\n", cv_lang_starter(l, CV_ST_RENDER));
	add(&t, "cv:\n");
	add(&t, "  name: %s\n", P(CV_ST_NAME));
	add(&t, "  headline: %s\n", P(CV_ST_HEADLINE));
	add(&t, "  location: %s\n", P(CV_ST_LOCATION));
	add(&t, "  email: mail@example.com\n");
	add(&t, "  phone: \"+49 30 1234567\"\n");
	add(&t, "  website: https://example.com\n");
	add(&t, "  social_networks:\n    - network: GitHub\n      username: example\n");
	add(&t, "  summary: %s\n", P(CV_ST_SUMMARY));
	add(&t, "  # %s\n", cv_lang_starter(l, CV_ST_SECTIONS));
	add(&t, "  sections:\n");
	add(&t, "    %s:\n", yaml(l->titles[CV_SEC_WORK]));
	add(&t, "      - id: acme\n");
	add(&t, "        company: %s\n", P(CV_ST_COMPANY));
	add(&t, "        position: %s\n", P(CV_ST_POSITION));
	add(&t, "        location: %s\n", P(CV_ST_CITY));
	add(&t, "        start_date: 2021-03\n        end_date: present\n        highlights:\n");
	add(&t, "          - %s\n", P(CV_ST_HIGHLIGHT_1));
	add(&t, "          - text: %s\n", P(CV_ST_HIGHLIGHT_2));
	add(&t, "            tags: [backend]   # %s\n", cv_lang_starter(l, CV_ST_TAGS));
	add(&t, "          - text: %s\n", P(CV_ST_HIGHLIGHT_3));
	add(&t, "            tags: [frontend]\n");
	add(&t, "    %s:\n", yaml(l->titles[CV_SEC_EDUCATION]));
	add(&t, "      - institution: %s\n", P(CV_ST_INSTITUTION));
	add(&t, "        area: %s\n", P(CV_ST_AREA));
	add(&t, "        degree: %s\n", yaml(l->degrees[5])); /* YAMLResume's "Master" */
	add(&t, "        start_date: 2015-10\n        end_date: 2017-09\n");
	add(&t, "    %s:\n", yaml(l->titles[CV_SEC_SKILLS]));
	add(&t, "      - label: %s\n", P(CV_ST_PROGRAMMING));
	const char *sep = l->list_sep;
	char list[256];
	snprintf(list, sizeof list, "Go%sPython%sTypeScript%sSQL", sep, sep, sep);
	add(&t, "        details: %s\n", yaml(list));
	add(&t, "      - label: %s\n", P(CV_ST_TOOLS));
	snprintf(list, sizeof list, "PostgreSQL%sKubernetes%sTerraform", sep, sep);
	add(&t, "        details: %s\n", yaml(list));
	add(&t, "design:\n  page_size: a4\n  margin: 1.8cm\n  font_size: 10pt\n  color: \"#1F3A5F\"\n");
	if (!cv_script_settable(l->script)) {
		/* The shipped fonts do not cover the script: say what the run will ask for. */
		const char *script = cv_script_name(l->script);
		add(&t, "  # The %s script %s: cv2pdf stops with an error\n", script, cv_script_problem(l->script));
		add(&t, "  # unless font_family names a font that covers it, such as Noto Sans %s.\n", script);
		add(&t, "  # font_family: Noto Sans %s\n", script);
	}
	add(&t, "locale:\n  language: %s\n", l->tag);
	add(&t, "# %s\n", cv_lang_starter(l, CV_ST_VARIANTS));
	add(&t, "#   cv2pdf resume.yaml --variant backend\n");
	add(&t, "#   cv2pdf resume.yaml --all-variants -o 'out/{variant}.pdf'\n");
	add(&t, "variants:\n  backend:\n    tags: [backend]\n  frontend:\n    tags: [frontend]\n    set:\n");
	add(&t, "      cv.headline: %s\n", P(CV_ST_HEADLINE_FRONTEND));
#undef P
	return t.s;
}

int cv_cli_init(const cv_cli *o)
{
	const cv_lang *l = o->lang ? cv_lang_find(o->lang) : NULL; /* options.c refused an unknown one */
	char *text = starter(l ? l : cv_lang_english());
	size_t len = strlen(text);
	int status = CV_EXIT_OK;
	if (strcmp(o->input, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cv_cli_error("cannot write to standard output: %s", strerror(errno));
			status = CV_EXIT_IO;
		}
		free(text);
		return status;
	}
	int fd = open(o->input, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			cv_cli_error("%s already exists; --init never overwrites a file", o->input);
		else
			cv_cli_error("cannot create '%s': %s", o->input, strerror(errno));
		free(text);
		return CV_EXIT_IO;
	}
	int wrote = cv_cli_write_fd(fd, text, len);
	if (close(fd) != 0 || wrote != 0) {
		cv_cli_error("cannot write '%s': %s", o->input, strerror(errno));
		unlink(o->input);
		status = CV_EXIT_IO;
	} else if (!o->quiet) {
		cv_cli_note("wrote %s; render it with: cv2pdf %s", o->input, o->input);
	}
	free(text);
	return status;
}
