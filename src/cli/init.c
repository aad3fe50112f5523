/* --init: writes a commented starter résumé in any language cv2pdf has words for (--lang), with the
 * theme of --theme, that renders as it is and shows every feature a new user needs first (sections,
 * dates, highlights, tags and variants); its comments name the file it is written to. Its words come
 * from the language module; this file only lays them out as YAML. It never overwrites a file.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/arena.h"
#include "cv2pdf/lang.h"
#include "cv2pdf/load.h"
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

/* How the starter's comments name a file: as given, in single quotes when the shell needs them;
 * NULL for a name no comment can hold (a quote or a control character in it). */
static const char *shell_word(cv_arena *a, const char *name)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/+-,:@%";
	if (strspn(name, plain) == strlen(name))
		return name;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '\'')
			return NULL;
	return cv_arena_printf(a, "'%s'", name);
}

/* The starter in language l, for the file o->input and the theme of --theme (caller frees). */
static char *starter(const cv_lang *l, const cv_cli *o, cv_arena *a)
{
	growing t = {0};
	const char *file = strcmp(o->input, "-") ? o->input : "resume.yaml";
	char *path = cv_cli_output_path(NULL, file, NULL);
	const char *file_w = shell_word(a, file), *pdf_w = shell_word(a, cv_arena_strdup(a, path));
	free(path);
	if (!file_w || !pdf_w)
		file_w = "resume.yaml", pdf_w = "resume.pdf";
#define P(p) yaml(cv_lang_starter(l, p))
	add(&t, "# %s   cv2pdf %s -o %s\n", cv_lang_starter(l, CV_ST_RENDER), file_w, pdf_w);
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
	add(&t, "design:\n");
	if (o->theme)
		add(&t, "  theme: %s\n", yaml(o->theme));
	add(&t, "  page_size: a4\n  margin: 1.8cm\n  font_size: 10pt\n  color: \"#1F3A5F\"\n");
	if (!cv_script_settable(l->script)) {
		/* The shipped fonts do not cover the script: say what the run will ask for. */
		const char *script = cv_script_name(l->script);
		add(&t, "  # The %s script %s: cv2pdf stops with an error\n", script, cv_script_problem(l->script));
		add(&t, "  # unless font_family names a font that covers it, such as Noto Sans %s.\n", script);
		add(&t, "  # font_family: Noto Sans %s\n", script);
	}
	add(&t, "locale:\n  language: %s\n", l->tag);
	/* A cover letter (cv2pdf FILE --letter): the language's salutation and closing, the sample
	 * company and summary as its words. */
	add(&t, "#   cv2pdf %s --letter\n", file_w);
	add(&t, "letter:\n  company: %s\n  body:\n    - %s\n", P(CV_ST_COMPANY), P(CV_ST_SUMMARY));
	add(&t, "# %s\n", cv_lang_starter(l, CV_ST_VARIANTS));
	add(&t, "#   cv2pdf %s --variant backend\n", file_w);
	add(&t, "#   cv2pdf %s --all-variants -o 'out/{variant}.{ext}'\n", file_w);
	add(&t, "variants:\n  backend:\n    tags: [backend]\n    outputs: [pdf, txt, letter]\n"
		"  frontend:\n    tags: [frontend]\n    set:\n");
	add(&t, "      cv.headline: %s\n", P(CV_ST_HEADLINE_FRONTEND));
#undef P
	return t.s;
}

int cv_cli_init(const cv_cli *o)
{
	const cv_span none = {0};
	const cv_lang *l = o->lang ? cv_lang_find(o->lang) : NULL; /* options.c refused an unknown one */
	cv_arena *a = cv_arena_new();
	char *text = starter(l ? l : cv_lang_english(), o, a);
	size_t len = strlen(text);
	/* Whatever the name and theme, the starter must render: load it as a render would (an unknown
	 * theme is reported with the loader's own did-you-mean, pointing into the starter). */
	cv_diags *d = cv_diags_new();
	cv_source src = {strcmp(o->input, "-") ? o->input : "<stdin>", text, len};
	cv_doc *doc = cv_load_ex(&src, &(cv_load_opts){.theme_dir = o->found_theme_dir}, d);
	int status = doc ? CV_EXIT_OK : cv_cli_status(d, true);
	cv_doc_free(doc);
	if (status != CV_EXIT_OK || !o->quiet)
		cv_cli_report(d, o, NULL);
	cv_diags_free(d);
	if (status != CV_EXIT_OK)
		goto done;
	if (strcmp(o->input, "-") == 0) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			cv_cli_say(o, CV_ERROR, "io", none, "cannot write to standard output: %s", strerror(errno));
			status = CV_EXIT_IO;
		}
		goto done;
	}
	int fd = open(o->input, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			cv_cli_say(o, CV_ERROR, "io", none, "%s already exists; --init never overwrites a file", o->input);
		else
			cv_cli_say(o, CV_ERROR, "io", none, "cannot create '%s': %s", o->input, strerror(errno));
		status = CV_EXIT_IO;
		goto done;
	}
	int wrote = cv_cli_write_fd(fd, text, len);
	if (close(fd) != 0 || wrote != 0) {
		cv_cli_say(o, CV_ERROR, "io", none, "cannot write '%s': %s", o->input, strerror(errno));
		unlink(o->input);
		status = CV_EXIT_IO;
	} else if (!o->quiet) {
		const char *w = shell_word(a, o->input);
		cv_cli_say(o, CV_NOTE, "wrote", none, "wrote %s; render it with: cv2pdf %s", o->input, w ? w : o->input);
	}
done:
	free(text);
	cv_arena_free(a);
	return status;
}
