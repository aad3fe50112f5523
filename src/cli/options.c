/* The command line's options: one enum value per option, a table sorted by long name (searched with
 * bsearch for precise messages) from which getopt_long's array is built, the --help text, and
 * argv parsing into a cv_cli. It checks arguments but opens no file.
 * Checklist when adding an option: the enum, options[] (keep it sorted), parse_one(), help_text,
 * docs/cv2pdf.1, completions/cv2pdf.bash, completions/_cv2pdf and tests/cli/run.sh.
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

enum {
	OPT_OUTPUT = 'o',
	OPT_QUIET = 'q',
	OPT_VERBOSE = 'v',
	OPT_JOBS = 'j',
	OPT_HELP = 'h',
	OPT_ALL_VARIANTS = 256,
	OPT_ALLOW_OUTPUT_DIR,
	OPT_CHECK,
	OPT_DUMP,
	OPT_EXCLUDE_TAGS,
	OPT_FONT_DIR,
	OPT_INIT,
	OPT_JSON,
	OPT_LANG,
	OPT_LETTER,
	OPT_LIST,
	OPT_MAX_PAGES,
	OPT_SCHEMA,
	OPT_SET,
	OPT_STDIN_FILENAME,
	OPT_TAGS,
	OPT_TEXT_WIDTH,
	OPT_THEME,
	OPT_TIMINGS,
	OPT_TO,
	OPT_VARIANT,
	OPT_VERSION,
	OPT_WATCH,
};

typedef struct option_def {
	const char *name;
	int has_arg;
	int id;
} option_def;

/* Sorted by name (bsearch). */
static const option_def options[] = {
	{"all-variants", no_argument, OPT_ALL_VARIANTS},
	{"allow-output-dir", required_argument, OPT_ALLOW_OUTPUT_DIR},
	{"check", no_argument, OPT_CHECK},
	{"dump", required_argument, OPT_DUMP},
	{"exclude-tags", required_argument, OPT_EXCLUDE_TAGS},
	{"font-dir", required_argument, OPT_FONT_DIR},
	{"help", no_argument, OPT_HELP},
	{"init", no_argument, OPT_INIT},
	{"jobs", required_argument, OPT_JOBS},
	{"json", no_argument, OPT_JSON},
	{"lang", required_argument, OPT_LANG},
	{"letter", no_argument, OPT_LETTER},
	{"list", no_argument, OPT_LIST},
	{"max-pages", required_argument, OPT_MAX_PAGES},
	{"output", required_argument, OPT_OUTPUT},
	{"quiet", no_argument, OPT_QUIET},
	{"schema", no_argument, OPT_SCHEMA},
	{"set", required_argument, OPT_SET},
	{"stdin-filename", required_argument, OPT_STDIN_FILENAME},
	{"tags", required_argument, OPT_TAGS},
	{"text-width", required_argument, OPT_TEXT_WIDTH},
	{"theme", required_argument, OPT_THEME},
	{"timings", no_argument, OPT_TIMINGS},
	{"to", required_argument, OPT_TO},
	{"variant", required_argument, OPT_VARIANT},
	{"verbose", no_argument, OPT_VERBOSE},
	{"version", no_argument, OPT_VERSION},
	{"watch", no_argument, OPT_WATCH},
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

static const char help_text[] =
	"Usage: cv2pdf [OPTIONS] INPUT [OVERLAY...]\n"
	"       cv2pdf --init [--lang CODE] [--theme NAME] FILE\n"
	"Typeset a YAML résumé into a PDF. Each OVERLAY file is merged over INPUT in order.\n"
	"\n"
	"Output:\n"
	"  -o, --output FILE        write the PDF to FILE ('-' for standard output); default: INPUT\n"
	"                           with .pdf; with variants a template such as 'out/{variant}.pdf';\n"
	"                           FILE's extension (.txt, .md, .html) chooses another format\n"
	"      --to LIST            write these comma-separated formats: pdf, txt, md, html (several:\n"
	"                           INPUT's name or -o with each extension, or -o 'out/cv.{ext}')\n"
	"      --letter             write the cover letter (the input's 'letter') instead of the résumé\n"
	"      --text-width N       wrap plain text at N columns (20 to 1000; default: no wrapping)\n"
	"      --allow-output-dir DIR\n"
	"                           let output paths written in the input (a variant's output)\n"
	"                           lead into DIR too, not only into the input file's folder\n"
	"      --check              validate the input and report problems; write nothing\n"
	"      --dump WHAT          print a stage's result instead of a PDF: model or layout\n"
	"      --schema             print the input format's schema and exit\n"
	"      --list               print the sections, entry ids, tags and variants INPUT defines\n"
	"Tailoring:\n"
	"      --lang CODE          the language: of dates, titles and multilingual text (en, de, fr,\n"
	"                           zh, zh-TW, ja, ...; see cv2pdf(1))\n"
	"      --theme NAME         the design theme (sets design.theme)\n"
	"      --set PATH=VALUE     set one value, PATH as in diagnostics (cv.phone,\n"
	"                           design.page.size, cv.sections.Experience[0].position); repeatable.\n"
	"                           VALUE is read as YAML: quote text with ': ' or '#' in it,\n"
	"                           --set 'cv.headline=\"Engineer: data\"'\n"
	"      --tags LIST          keep tagged entries and highlights only when they carry one of\n"
	"                           these comma-separated tags (untagged ones are always kept)\n"
	"      --exclude-tags LIST  drop entries and highlights carrying one of these tags\n"
	"      --max-pages N        shrink the layout to fit at most N pages\n"
	"Variants:\n"
	"      --variant NAME       render the variant NAME of the input's variants map\n"
	"      --all-variants       render every variant, in parallel\n"
	"  -j, --jobs N             render at most N variants at a time (default: one per processor)\n"
	"Messages:\n"
	"  -q, --quiet              print errors only: no warnings, no progress, no 'wrote' line\n"
	"  -v, --verbose            also print the fonts, the time of each stage, and what was\n"
	"                           written even when standard error is not a terminal\n"
	"      --timings            print the time spent in each stage\n"
	"      --json               print diagnostics as JSON lines\n"
	"      --stdin-filename NAME\n"
	"                           the file name messages give standard input (INPUT -)\n"
	"Other:\n"
	"      --watch              render again whenever INPUT or an OVERLAY changes\n"
	"      --init               write a commented starter résumé to FILE\n"
	"      --font-dir DIR       directory of the shipped fonts (also $CV2PDF_FONT_DIR)\n"
	"      --version            print the version and exit\n"
	"  -h, --help               print this help and exit\n"
	"\n"
	"Exit status: 0 success, 1 invalid input, 2 usage error, 3 input/output or internal error.\n"
	"Environment: CV2PDF_FONT_DIR, SOURCE_DATE_EPOCH, NO_COLOR. See cv2pdf(1).\n";

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
	return bsearch(token + 2, options, N_OPTIONS, sizeof options[0], cmp_name);
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

static int parse_one(cv_cli *o, int id, const char *arg)
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
	case OPT_HELP: fputs(help_text, stdout); return CV_EXIT_OK;
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
	default: return cv_cli_usage(o, "internal error: unhandled option %d", id);
	}
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
	const char *nc = getenv("NO_COLOR");
	o->tty = isatty(STDERR_FILENO);
	o->color = o->tty && !(nc && *nc);
	/* A usage error is reported in the form asked for, wherever --json stands. */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		o->json = o->json || strcmp(argv[i], "--json") == 0;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, ":o:qvj:h", longs, NULL)) != -1) {
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
		if ((rc = parse_one(o, c, optarg)) != 0)
			return rc;
		if (c == OPT_HELP || c == OPT_VERSION || c == OPT_SCHEMA)
			return CV_EXIT_OK;
	}
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
}
