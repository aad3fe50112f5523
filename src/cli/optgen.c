/* A build-time tool: writes the bash and zsh completions from the options table (options.def), so
 * that they offer exactly the options the program takes. It copies a template, replacing the line
 * "@OPTIONS@" with the option list and "@ARGUMENTS@" with the completion of each option's argument.
 * The themes an option completes with ("themes") are the preset files of THEMES_DIR, the one list
 * of themes.
 * Usage: optgen bash|zsh TEMPLATE OUTPUT THEMES_DIR
 * SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct opt {
	char short_name;
	const char *name, *arg;
	bool repeat;
	const char *complete, *help;
} opt;

static const opt opts[] = {
#define CV_OPTION(id, short_name, long_name, arg, repeat, complete, group, help)                              \
	{short_name, long_name, arg, repeat, complete, help},
#include "options.def"
#undef CV_OPTION
};
#define N_OPTS (sizeof opts / sizeof opts[0])

/* The names of the themes (THEMES_DIR's NAME.yaml files), sorted, space-separated. */
static char theme_words[4096];

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool read_themes(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	char *names[256];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < sizeof names / sizeof names[0];) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] != '.' && len > 5 && !strcmp(e->d_name + len - 5, ".yaml")) {
			names[n] = malloc(len - 4);
			if (!names[n])
				exit(1);
			memcpy(names[n], e->d_name, len - 5);
			names[n++][len - 5] = '\0';
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (strlen(theme_words) + strlen(names[i]) + 2 < sizeof theme_words)
			strcat(strcat(theme_words, i ? " " : ""), names[i]);
		free(names[i]);
	}
	return n > 0;
}

/* A template line is at most this long; the templates are short shell scripts. */
#define LINE_MAX_LEN 4096

/* bash: "local opts=..." and one case arm per option that takes a value. */
static void bash_options(FILE *out)
{
	fputs("\tlocal opts=\"", out);
	for (size_t i = 0; i < N_OPTS; i++)
		if (opts[i].short_name)
			fprintf(out, "%s-%c --%s", i ? " " : "", opts[i].short_name, opts[i].name);
		else
			fprintf(out, "%s--%s", i ? " " : "", opts[i].name);
	fputs("\"\n", out);
}

/* What each COMPLETE kind of options.def becomes in each shell; "@" stands for what follows the kind's
 * colon (a glob, the words). */
static const struct kind {
	const char *name; /* with a trailing ':' when it takes a value */
	const char *bash, *zsh;
} kinds[] = {
	{"file:", "COMPREPLY=($(compgen -f -X '!@' -- \"$cur\") $(compgen -d -- \"$cur\"))", "_files -g \"@\""},
	{"file", "COMPREPLY=($(compgen -f -- \"$cur\"))", "_files"},
	{"dir", "COMPREPLY=($(compgen -d -- \"$cur\"))", "_files -/"},
	{"words:", "COMPREPLY=($(compgen -W \"@\" -- \"$cur\"))", "(@)"},
	{"variants", "COMPREPLY=($(compgen -W \"$(_cv2pdf_variants)\" -- \"$cur\"))", "_cv2pdf_variants"},
	{"set", "COMPREPLY=($(compgen -W \"$(_cv2pdf_set_paths)\" -- \"$cur\")); compopt -o nospace 2>/dev/null", ""},
	{"", ":", ""}, /* free text: nothing to offer */
};

/* The shell's completion of an option's argument (bash when bash, else zsh). */
static void complete(FILE *out, const char *c, bool bash)
{
	if (!strcmp(c, "themes")) { /* the words of the themes directory */
		char words[sizeof theme_words + 8];
		snprintf(words, sizeof words, "words:%s", theme_words);
		complete(out, words, bash);
		return;
	}
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const struct kind *k = &kinds[i];
		size_t n = strlen(k->name);
		bool takes = n && k->name[n - 1] == ':';
		if (takes ? strncmp(c, k->name, n) != 0 : strcmp(c, k->name) != 0)
			continue;
		for (const char *p = bash ? k->bash : k->zsh; *p; p++)
			if (*p != '@')
				fputc(*p, out);
			else if (bash)
				fputs(c + n, out);
			else /* a glob is bash's extglob, "*.@(pdf|txt)": zsh writes "*.(pdf|txt)" */
				for (const char *g = c + n; *g; g++)
					if (!(g[0] == '@' && g[1] == '('))
						fputc(*g, out);
		return;
	}
	fprintf(stderr, "optgen: unknown completion kind \"%s\" in options.def\n", c);
	exit(1);
}

static void bash_arguments(FILE *out)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		const opt *o = &opts[i];
		if (!*o->arg)
			continue;
		fputs("\t", out);
		if (o->short_name)
			fprintf(out, "-%c|", o->short_name);
		fprintf(out, "--%s) ", o->name);
		complete(out, o->complete, true);
		fputs("; return ;;\n", out);
	}
}

/* The help's first clause, for zsh's description: up to ';' or ':' (zsh's separator), without the
 * characters that would end the single-quoted [...] early. */
static void zsh_description(FILE *out, const char *help)
{
	size_t n = strcspn(help, ";:(");
	while (n && help[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < n; i++) {
		if (help[i] == '\'')
			fputs("'\"'\"'", out);
		else if (help[i] == '[' || help[i] == ']')
			fprintf(out, "\\%c", help[i]);
		else
			fputc(help[i], out);
	}
}

static void zsh_arguments(FILE *out)
{
	for (size_t i = 0; i < N_OPTS; i++) {
		const opt *o = &opts[i];
		const char *eq = *o->arg ? (o->short_name ? "+" : "=") : "";
		fputs("\t", out);
		if (o->short_name)
			fprintf(out, "'%s(-%c --%s)'{-%c%s,--%s%s}'[", o->repeat ? "*" : "", o->short_name, o->name,
				o->short_name, eq, o->name, *o->arg ? "=" : "");
		else
			fprintf(out, "'%s--%s%s[", o->repeat ? "*" : "", o->name, *o->arg ? "=" : "");
		zsh_description(out, o->help);
		fputs("]", out);
		if (*o->arg) {
			fprintf(out, ":%s:", o->arg);
			complete(out, o->complete, false);
		}
		fputs("' \\\n", out);
	}
}

int main(int argc, char **argv)
{
	if (argc != 5 || (strcmp(argv[1], "bash") && strcmp(argv[1], "zsh"))) {
		fputs("usage: optgen bash|zsh TEMPLATE OUTPUT THEMES_DIR\n", stderr);
		return 2;
	}
	if (!read_themes(argv[4])) {
		fprintf(stderr, "optgen: no themes (NAME.yaml) in %s\n", argv[4]);
		return 1;
	}
	bool bash = !strcmp(argv[1], "bash");
	FILE *in = fopen(argv[2], "r"), *out = fopen(argv[3], "w");
	if (!in || !out) {
		perror(in ? argv[3] : argv[2]);
		return 1;
	}
	char line[LINE_MAX_LEN];
	while (fgets(line, sizeof line, in)) {
		if (!strcmp(line, "@OPTIONS@\n"))
			bash ? bash_options(out) : zsh_arguments(out);
		else if (!strcmp(line, "@ARGUMENTS@\n"))
			bash ? bash_arguments(out) : zsh_arguments(out);
		else
			fputs(line, out);
	}
	bool ok = !ferror(in) && fclose(out) == 0;
	fclose(in);
	if (!ok) {
		perror(argv[3]);
		return 1;
	}
	return 0;
}
