/* The command line's options: the table is options.def (one line per option, from which --help and
 * the shell completions are made too); here getopt_long's array is built from it, --help is
 * formatted from it, and argv is parsed into a cv_cli. It checks arguments but opens no file.
 * Adding an option: see options.def.
 * SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/lang.h"
#include "cv2pdf/load.h"
#include "cv2pdf/util.h"
#include "cv2pdf/version.h"

/* Options with a one-letter form are known by that letter (what getopt_long returns), the others by
 * a number past the characters. */
enum {
	OPT_BEFORE_FIRST = 255, /* the numbers of the long-only options follow every character */
#define CV_OPTION(id, short_name, long_name, arg, repeat, complete, group, help) OPT_##id##_SEQ,
#include "options.def"
#undef CV_OPTION
};
typedef enum opt_id {
#define CV_OPTION(id, short_name, long_name, arg, repeat, complete, group, help)                              \
	OPT_##id = (short_name) ? (short_name) : OPT_##id##_SEQ,
#include "options.def"
#undef CV_OPTION
} opt_id;

typedef struct option_def {
	const char *name;
	int has_arg;
	int id;
	char short_name;
	const char *arg;   /* "": takes none */
	const char *group; /* --help's heading */
	const char *help;
} option_def;

/* In --help's order. */
static const option_def options[] = {
#define CV_OPTION(id, short_name, long_name, arg, repeat, complete, group, help)                              \
	{long_name, sizeof(arg) > 1 ? required_argument : no_argument, OPT_##id, short_name, arg, group, help},
#include "options.def"
#undef CV_OPTION
};
#define N_OPTIONS (sizeof options / sizeof options[0])

/* Tags per list and --set assignments: more than this is a runaway script, not a résumé. */
#define MAX_LIST 256
/* -j beyond this only adds threads that wait; a batch is a handful of variants. */
#define MAX_JOBS 64
/* --max-pages: a résumé that needs to be shrunk to fit 100 pages is not being shrunk. */
#define MAX_PAGES_LIMIT 100
/* The longest language name RenderCV has is "norwegian_nynorsk"; a BCP 47 tag with script, region
 * and a variant ("zh-Hant-TW-x-...") stays under 32 bytes. */
#define LANG_MAX 32

/* The --help lines naming the built-in themes: the presets of the themes directory, which is the one
 * list of them, read at run time. */
static void help_themes(FILE *out, const char *dir)
{
	cv_arena *a = cv_arena_new();
	const char *const *names;
	size_t n = cv_theme_names(dir, a, &names);
	fprintf(out, "Themes (--theme NAME; the presets in %s):\n ", dir);
	for (size_t i = 0, col = 1; i < n; i++) {
		if (col + 1 + strlen(names[i]) > 80) {
			fputs("\n ", out);
			col = 1;
		}
		col += (size_t)fprintf(out, " %s", names[i]);
	}
	fputs(n ? "\n" : " none installed (set CV2PDF_THEME_DIR)\n", out);
	fputs("  or a preset file of your own: --theme ./mine.yaml\n", out);
	cv_arena_free(a);
}

static const char help_head[] = "Usage: cv2pdf [OPTIONS] INPUT [OVERLAY...]\n"
				"       cv2pdf --init [--lang CODE] [--theme NAME] FILE\n"
				"Typeset a YAML résumé into a PDF. Each OVERLAY file is merged over INPUT in order.\n"
				"\n";
static const char help_foot[] =
	"\n"
	"Exit status: 0 success, 1 invalid input, 2 usage error, 3 input/output or internal error.\n"
	"Environment: CV2PDF_FONT_DIR, CV2PDF_THEME_DIR, SOURCE_DATE_EPOCH, NO_COLOR. See cv2pdf(1).\n";
/* --help's layout: the descriptions start in this column and are wrapped before that one (bytes: the
 * text is nearly all ASCII), so that the help reads whole in a terminal of some 90 columns. */
#define HELP_TEXT_COLUMN 27
#define HELP_WIDTH 92

/* --help, formatted from the table: a heading per group, an option per line, its text wrapped. */
static void print_help(FILE *out, const char *theme_dir)
{
	fputs(help_head, out);
	const char *group = NULL;
	for (size_t i = 0; i < N_OPTIONS; i++) {
		const option_def *o = &options[i];
		if (!group || strcmp(group, o->group) != 0)
			fprintf(out, "%s:\n", group = o->group);
		char tag[64];
		snprintf(tag, sizeof tag, "  %c%c%s--%s%s%s", o->short_name ? '-' : ' ', o->short_name ? o->short_name : ' ',
			 o->short_name ? ", " : "  ", o->name, *o->arg ? " " : "", o->arg);
		int col = fprintf(out, "%s", tag);
		if (col > HELP_TEXT_COLUMN - 2) {
			fputc('\n', out);
			col = 0;
		}
		const char *p = o->help;
		while (*p) {
			fprintf(out, "%*s", HELP_TEXT_COLUMN - col, "");
			/* As many words as fit; a word longer than the line stands alone. */
			size_t len = 0, fit = 0;
			while (p[len] && HELP_TEXT_COLUMN + len < HELP_WIDTH) {
				len++;
				if (!p[len] || p[len] == ' ')
					fit = len;
			}
			if (!fit)
				fit = len + strcspn(p + len, " ");
			fprintf(out, "%.*s\n", (int)fit, p);
			p += fit;
			while (*p == ' ')
				p++;
			col = 0;
		}
	}
	help_themes(out, theme_dir);
	fputs(help_foot, out);
}

static int cmp_name(const void *key, const void *elem)
{
	const char *k = key;
	const option_def *o = elem;
	size_t n = strcspn(k, "=");
	int c = strncmp(k, o->name, n);
	return c ? c : (o->name[n] ? -1 : 0);
}

/* The option a failing argv token named ("--output", "--output=x"), or NULL. */
static const option_def *find_option(const char *token)
{
	if (strncmp(token, "--", 2) != 0)
		return NULL;
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (cmp_name(token + 2, &options[i]) == 0)
			return &options[i];
	return NULL;
}

/* Whether a "--xyz" token is the start of more than one option's name (getopt_long refuses it). */
static bool ambiguous(const char *token)
{
	if (strncmp(token, "--", 2) != 0)
		return false;
	size_t n = strcspn(token + 2, "="), hits = 0;
	for (size_t i = 0; i < N_OPTIONS; i++)
		hits += strncmp(token + 2, options[i].name, n) == 0;
	return n > 0 && hits > 1;
}

static int push(const cv_cli *o, const char ***arr, size_t *n, const char *s, const char *opt)
{
	if (*n >= MAX_LIST)
		return cv_cli_usage(o, "%s: more than %d values", opt, MAX_LIST);
	*arr = cv_xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = s;
	return 0;
}

/* Splits a comma-separated list into arr; the pieces live in a copy kept until cv_cli_fini. */
static int split_list(cv_cli *o, const char *arg, const char ***arr, size_t *n, const char *opt)
{
	char *copy = cv_xstrdup(arg);
	o->owned = cv_xrealloc(o->owned, (o->n_owned + 1) * sizeof *o->owned);
	o->owned[o->n_owned++] = copy;
	int rc;
	for (char *save = NULL, *tok = cv_next_item(copy, &save); tok; tok = cv_next_item(NULL, &save))
		if (*tok && (rc = push(o, arr, n, tok, opt)))
			return rc;
	return 0;
}

static int parse_int(const cv_cli *o, const char *arg, const char *opt, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < lo || v > hi)
		return cv_cli_usage(o, "%s: expected a whole number from %d to %d, got '%s'", opt, lo, hi, arg);
	*out = (int)v;
	return 0;
}

/* An option of the table without its case here is a compiler warning (-Wswitch: no default). */
static int parse_one(cv_cli *o, opt_id id, const char *arg)
{
	switch (id) {
	case OPT_OUTPUT:
		if (!*arg)
			return cv_cli_usage(o, "-o: expected a file name ('-' for standard output)");
		o->output = arg;
		return 0;
	case OPT_QUIET: o->quiet = true; return 0;
	case OPT_VERBOSE: o->verbose = true; return 0;
	case OPT_JOBS: return parse_int(o, arg, "--jobs", 1, MAX_JOBS, &o->jobs);
	case OPT_HELP: print_help(stdout, o->found_theme_dir); return CV_EXIT_OK;
	case OPT_VERSION: printf("cv2pdf %s\n", CV2PDF_VERSION); return CV_EXIT_OK;
	case OPT_SCHEMA: cv_schema_print(stdout); return CV_EXIT_OK;
	case OPT_ALL_VARIANTS: o->all_variants = true; return 0;
	case OPT_ALLOW_OUTPUT_DIR:
		if (!*arg)
			return cv_cli_usage(o, "--allow-output-dir: expected a folder");
		return push(o, &o->allow_dirs, &o->n_allow_dirs, arg, "--allow-output-dir");
	case OPT_CHECK: o->check = true; return 0;
	case OPT_DUMP:
		if (strcmp(arg, "model") && strcmp(arg, "layout"))
			return cv_cli_usage(o, "--dump: expected 'model' or 'layout', got '%s'", arg);
		o->dump = arg;
		return 0;
	case OPT_EXCLUDE_TAGS: return split_list(o, arg, &o->exclude, &o->n_exclude, "--exclude-tags");
	case OPT_LETTER: o->letter = true; return 0;
	case OPT_TEXT_WIDTH:
		return parse_int(o, arg, "--text-width", CV_TEXT_WIDTH_MIN, CV_TEXT_WIDTH_MAX, &o->text_width);
	case OPT_TO: {
		/* A list: "txt,md". */
		char copy[128];
		snprintf(copy, sizeof copy, "%s", arg);
		o->to = 0;
		for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
			cv_format f;
			if (!cv_format_find(tok, &f))
				return cv_cli_usage(o, "--to: expected pdf, txt, md or html (or a comma-separated list), got '%s'",
						    tok);
			o->to |= 1u << f;
		}
		if (!o->to || strlen(arg) >= sizeof copy)
			return cv_cli_usage(o, "--to: expected pdf, txt, md or html (or a comma-separated list), got '%s'", arg);
		return 0;
	}
	case OPT_TAGS: o->have_tags = true; return split_list(o, arg, &o->tags, &o->n_tags, "--tags");
	case OPT_FONT_DIR: o->font_dir = arg; return 0;
	case OPT_INIT: o->init = true; return 0;
	case OPT_JSON: o->json = true; return 0;
	case OPT_LIST: o->list = true; return 0;
	case OPT_STDIN_FILENAME:
		if (!*arg)
			return cv_cli_usage(o, "--stdin-filename: expected a name");
		o->stdin_name = arg;
		return 0;
	case OPT_LANG:
		/* A code ("de", "zh-TW") or a name ("german", "norwegian_bokmål"): letters, '-' and '_'. */
		if (!*arg || strlen(arg) > LANG_MAX || !cv_utf8_valid(arg, strlen(arg)) || strpbrk(arg, " \t\n\r\"'/\\"))
			return cv_cli_usage(o, "--lang: expected a language code such as en, de or zh-TW, got '%s'", arg);
		o->lang = arg;
		return 0;
	case OPT_MAX_PAGES: return parse_int(o, arg, "--max-pages", 1, MAX_PAGES_LIMIT, &o->max_pages);
	case OPT_SET:
		if (!strchr(arg, '=') || arg[0] == '=')
			return cv_cli_usage(o, "--set: expected PATH=VALUE, such as cv.phone=+15550100, got '%s'", arg);
		return push(o, &o->sets, &o->n_sets, arg, "--set");
	case OPT_THEME:
		if (!*arg)
			return cv_cli_usage(o, "--theme: expected a theme name");
		o->theme = arg;
		return 0;
	case OPT_TIMINGS: o->timings = true; return 0;
	case OPT_VARIANT: o->variant = arg; return 0;
	case OPT_WATCH: o->watch = true; return 0;
	}
	return cv_cli_usage(o, "internal error: unhandled option %d", (int)id);
}

/* Combinations that cannot work, refused before any file is read. */
static int check_combinations(const cv_cli *o)
{
	if (o->init) {
		if (o->n_overlays)
			return cv_cli_usage(o, "--init takes one FILE to create");
		char list[CV_LANG_LIST_MAX];
		if (o->lang && !cv_lang_find(o->lang))
			return cv_cli_usage(o, "--init: no starter résumé in '%s'; there is one in %s", o->lang,
					    cv_lang_list(list, sizeof list));
		return 0;
	}
	if (o->all_variants && o->variant)
		return cv_cli_usage(o, "--variant and --all-variants cannot be used together");
	if (o->all_variants && o->output && !strstr(o->output, "{variant}"))
		return cv_cli_usage(o, "--all-variants writes one PDF per variant: -o needs '{variant}' in it, "
				    "such as -o 'out/{variant}.pdf'");
	if (!o->all_variants && !o->variant && o->output && strstr(o->output, "{variant}"))
		return cv_cli_usage(o, "-o '%s': {variant} stands for a variant's name, and none is chosen; add "
				    "--variant NAME or --all-variants, or write the file name out",
				    o->output);
	if (o->all_variants && o->dump)
		return cv_cli_usage(o, "--dump shows one document; choose one with --variant");
	if (o->letter && (o->dump || o->list))
		return cv_cli_usage(o, "--letter writes the cover letter: it cannot be combined with --dump or --list");
	if (o->dump && o->check)
		return cv_cli_usage(o, "--dump and --check cannot be used together");
	if (o->watch && strcmp(o->input, "-") == 0)
		return cv_cli_usage(o, "--watch needs an input file, not standard input");
	if (o->watch && (o->check || o->dump || (o->output && strcmp(o->output, "-") == 0)))
		return cv_cli_usage(o, "--watch writes a PDF file: it cannot be combined with --check, --dump or -o -");
	for (size_t i = 0; i < o->n_overlays; i++)
		if (strcmp(o->overlays[i], "-") == 0)
			return cv_cli_usage(o, "an overlay cannot be standard input; only INPUT can be '-'");
	if (o->list && (o->check || o->dump || o->watch || o->all_variants || o->variant))
		return cv_cli_usage(o, "--list prints what INPUT defines: it cannot be combined with --check, --dump, "
				       "--watch or variants");
	return 0;
}

int cv_cli_parse(int argc, char **argv, cv_cli *o)
{
	struct option longs[N_OPTIONS + 1];
	for (size_t i = 0; i < N_OPTIONS; i++)
		longs[i] = (struct option){options[i].name, options[i].has_arg, NULL, options[i].id};
	longs[N_OPTIONS] = (struct option){NULL, 0, NULL, 0};
	char shorts[2 * N_OPTIONS + 2] = ":", *w = shorts + 1; /* ':' first: a missing value is told apart */
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (options[i].short_name) {
			*w++ = options[i].short_name;
			if (*options[i].arg)
				*w++ = ':';
		}
	*w = '\0';
	cv_cli_env(o);
	/* A usage error is reported in the form asked for, wherever --json stands. */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		o->json = o->json || strcmp(argv[i], "--json") == 0;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == ':' || c == '?') {
			const char *tok = argv[optind - 1];
			const option_def *def = find_option(tok);
			if (c == ':' && def)
				return cv_cli_usage(o, "option '--%s' needs a value", def->name);
			if (c == ':')
				return cv_cli_usage(o, "option '%s' needs a value", tok);
			if (c == '?' && !def && ambiguous(tok))
				return cv_cli_usage(o, "option '%s' is ambiguous; write it out in full", tok);
			if (c == '?' && def && def->has_arg == no_argument && strchr(tok, '='))
				return cv_cli_usage(o, "option '--%s' takes no value", def->name);
			if (c == '?' && optopt && tok[1] != '-')
				return cv_cli_usage(o, "unknown option '-%c'", optopt);
			return cv_cli_usage(o, "unknown option '%s'", tok);
		}
		if ((rc = parse_one(o, (opt_id)c, optarg)) != 0)
			return rc;
		if (c == OPT_HELP || c == OPT_VERSION || c == OPT_SCHEMA)
			return CV_EXIT_OK;
	}
	if (!o->font_dir)
		o->font_dir = o->found_font_dir;
	if (optind >= argc)
		return cv_cli_usage(o, o->init ? "--init: no FILE given" : "no input file given");
	o->input = argv[optind++];
	for (; optind < argc; optind++)
		if ((rc = push(o, &o->overlays, &o->n_overlays, argv[optind], "overlays")))
			return rc;
	return (rc = check_combinations(o)) ? rc : -1;
}

void cv_cli_fini(cv_cli *o)
{
	free(o->overlays);
	free(o->sets);
	free(o->tags);
	free(o->exclude);
	free(o->allow_dirs);
	for (size_t i = 0; i < o->n_owned; i++)
		free(o->owned[i]);
	free(o->owned);
	free(o->found_font_dir);
	free(o->found_theme_dir);
}
