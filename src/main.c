/* cv2pdf's command line: parses argv, wires the stages (load → tailor → layout → render), prints
 * diagnostics and chooses the exit status. No typesetting decisions are made here.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cv2pdf/layout.h"
#include "cv2pdf/load.h"
#include "cv2pdf/render.h"
#include "cv2pdf/tailor.h"
#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "cv2pdf/version.h"

/* Exit statuses, as documented in the man page. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

/* Tags given on the command line; more than this is a typo, not a résumé. */
#define MAX_TAGS 64

typedef struct options {
	const char *input;
	const char *output;
	const char *dump; /* "model" or "layout" */
	const char *lang;
	const char *font_dir;
	const char *tags[MAX_TAGS];
	size_t n_tags;
	const char *exclude[MAX_TAGS];
	size_t n_exclude;
	bool have_tags;
	bool check;
	bool quiet;
} options;

static void cv_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cv_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("cv2pdf: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int cv_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int cv_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("cv2pdf: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nTry 'cv2pdf --help' for more information.\n", stderr);
	va_end(ap);
	return EXIT_USAGE;
}

static void print_help(void)
{
	fputs("Usage: cv2pdf [OPTIONS] INPUT\n"
	      "Typeset a YAML résumé (native/RenderCV format) into a PDF.\n"
	      "\n"
	      "  -o, --output FILE       write the PDF to FILE ('-' for standard output);\n"
	      "                          default: INPUT with its extension replaced by .pdf\n"
	      "      --lang CODE         language of multilingual text and dates (en, zh, ...)\n"
	      "      --tags LIST         keep tagged entries/highlights only when they carry one of\n"
	      "                          these comma-separated tags (untagged ones are always kept)\n"
	      "      --exclude-tags LIST drop entries/highlights carrying one of these tags\n"
	      "      --check             validate the input and report problems; write nothing\n"
	      "      --dump=WHAT         print a stage's result instead of a PDF: model or layout\n"
	      "      --font-dir DIR      directory of the shipped fonts (also $CV2PDF_FONT_DIR)\n"
	      "  -q, --quiet             print errors only, no warnings\n"
	      "      --version           print the version and exit\n"
	      "  -h, --help              print this help and exit\n"
	      "\n"
	      "Exit status: 0 success, 1 invalid input, 2 usage error, 3 input/output or internal error.\n"
	      "SOURCE_DATE_EPOCH, when set, becomes the PDF's creation date; otherwise none is written.\n",
	      stdout);
}

static int split_list(const char *arg, const char **out, size_t *n, const char *opt)
{
	char *copy = cv_xstrdup(arg); /* kept until exit: the tags point into it */
	for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
		while (*tok == ' ')
			tok++;
		if (!*tok)
			continue;
		if (*n >= MAX_TAGS)
			return cv_usage("%s: more than %d tags", opt, MAX_TAGS);
		out[(*n)++] = tok;
	}
	return 0;
}

enum { OPT_LANG = 256, OPT_TAGS, OPT_EXCLUDE, OPT_CHECK, OPT_DUMP, OPT_FONT_DIR, OPT_VERSION };

static int parse_args(int argc, char **argv, options *o)
{
	static const struct option longs[] = {
		{"output", required_argument, NULL, 'o'},    {"lang", required_argument, NULL, OPT_LANG},
		{"tags", required_argument, NULL, OPT_TAGS}, {"exclude-tags", required_argument, NULL, OPT_EXCLUDE},
		{"check", no_argument, NULL, OPT_CHECK},     {"dump", required_argument, NULL, OPT_DUMP},
		{"font-dir", required_argument, NULL, OPT_FONT_DIR}, {"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, OPT_VERSION}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, ":o:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'q': o->quiet = true; break;
		case 'h': print_help(); exit(EXIT_OK);
		case OPT_VERSION: printf("cv2pdf %s\n", CV2PDF_VERSION); exit(EXIT_OK);
		case OPT_LANG: o->lang = optarg; break;
		case OPT_TAGS:
			o->have_tags = true;
			if ((rc = split_list(optarg, o->tags, &o->n_tags, "--tags")))
				return rc;
			break;
		case OPT_EXCLUDE:
			if ((rc = split_list(optarg, o->exclude, &o->n_exclude, "--exclude-tags")))
				return rc;
			break;
		case OPT_CHECK: o->check = true; break;
		case OPT_DUMP:
			if (strcmp(optarg, "model") && strcmp(optarg, "layout"))
				return cv_usage("--dump: expected 'model' or 'layout', got '%s'", optarg);
			o->dump = optarg;
			break;
		case OPT_FONT_DIR: o->font_dir = optarg; break;
		case ':': return cv_usage("option '%s' needs a value", argv[optind - 1]);
		default: return cv_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cv_usage("no input file given");
	if (optind + 1 < argc)
		return cv_usage("unexpected argument '%s' (one input file at a time)", argv[optind + 1]);
	o->input = argv[optind];
	return 0;
}

/* INPUT with its extension replaced by .pdf ("cv.yaml" → "cv.pdf"); caller frees. */
static char *default_output(const char *input)
{
	if (strcmp(input, "-") == 0)
		return cv_xstrdup("-");
	size_t n = strlen(input);
	const char *slash = strrchr(input, '/');
	const char *dot = strrchr(input, '.');
	if (dot && (!slash || dot > slash) && dot != input && dot[-1] != '/')
		n = (size_t)(dot - input);
	char *out = cv_xmalloc(n + 5);
	memcpy(out, input, n);
	memcpy(out + n, ".pdf", 5);
	return out;
}

/* Writes all of data[0..len) to fd; false with errno set on failure. */
static bool write_all(int fd, const unsigned char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		done += (size_t)w;
	}
	return true;
}

/* Writes to an existing file that is not a regular one (/dev/null, /dev/stdout, a pipe): renaming
 * a temporary file over it would replace the device node or the link itself. */
static int write_special(const char *path, const unsigned char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		cv_error("cannot open the output file '%s': %s", path, strerror(errno));
		return EXIT_IO;
	}
	bool ok = write_all(fd, data, len);
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		cv_error("cannot write '%s': %s", path, strerror(err));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* Writes data to path atomically: a temporary file in the same directory, renamed into place only
 * when complete, so a failed run never leaves a partial PDF nor replaces a good one. A symbolic link
 * is followed (its target is replaced, the link stays); an existing file keeps its permissions;
 * devices and pipes are written to directly; the input file is never overwritten. */
static int write_output(const char *path, const char *input, const unsigned char *data, size_t len)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			cv_error("cannot write to standard output: %s", strerror(errno));
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	struct stat out_st, in_st;
	bool exists = stat(path, &out_st) == 0;
	if (exists && strcmp(input, "-") != 0 && stat(input, &in_st) == 0 && in_st.st_dev == out_st.st_dev &&
	    in_st.st_ino == out_st.st_ino) {
		cv_error("the output file '%s' is the input file; refusing to overwrite it", path);
		return EXIT_USAGE;
	}
	if (exists && S_ISDIR(out_st.st_mode)) {
		cv_error("cannot write '%s': %s", path, strerror(EISDIR));
		return EXIT_IO;
	}
	if (exists && !S_ISREG(out_st.st_mode))
		return write_special(path, data, len);
	char *target = exists ? realpath(path, NULL) : NULL; /* through symbolic links */
	if (exists && !target) {
		cv_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_IO;
	}
	char *dircopy = cv_xstrdup(target ? target : path);
	const char *dir = dirname(dircopy);
	size_t tn = strlen(dir) + 32;
	char *tmp = cv_xmalloc(tn);
	snprintf(tmp, tn, "%s/.cv2pdf-XXXXXX", dir);
	free(dircopy);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		cv_error("cannot create the output file '%s': %s", path, strerror(errno));
		free(tmp);
		free(target);
		return EXIT_IO;
	}
	int status = EXIT_OK;
	bool written = write_all(fd, data, len);
	/* A new file gets the usual permissions (mkstemp creates it 0600); a replaced one keeps its own. */
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = exists ? (out_st.st_mode & 07777) : (0666 & ~mask);
	if (!written || fchmod(fd, mode) != 0 || fsync(fd) != 0) {
		cv_error("cannot write '%s': %s", path, strerror(errno));
		status = EXIT_IO;
	}
	if (close(fd) != 0 && status == EXIT_OK) {
		cv_error("cannot write '%s': %s", path, strerror(errno));
		status = EXIT_IO;
	}
	if (status == EXIT_OK && rename(tmp, target ? target : path) != 0) {
		cv_error("cannot write '%s': %s", path, strerror(errno));
		status = EXIT_IO;
	}
	if (status != EXIT_OK)
		unlink(tmp);
	free(tmp);
	free(target);
	return status;
}

static long long source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0) {
		cv_error("SOURCE_DATE_EPOCH must be a number of seconds; ignoring '%s'", s);
		return -1;
	}
	return v;
}

static void report(const cv_diags *d, const options *o)
{
	cv_diags_print(d, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"), o->quiet);
}

int main(int argc, char **argv)
{
	options o = {0};
	int rc = parse_args(argc, argv, &o);
	if (rc)
		return rc;
	cv_diags *d = cv_diags_new();
	char *text = NULL, *output = NULL;
	size_t len = 0;
	cv_doc *doc = NULL;
	cv_fontset *fs = NULL;
	cv_dlist *dl = NULL;
	unsigned char *pdf = NULL;
	size_t pdf_len = 0;
	int status = EXIT_OK;

	rc = cv_read_file(o.input, &text, &len, d);
	if (rc != CV_OK) {
		status = rc == CV_ELIMIT ? EXIT_INPUT : EXIT_IO; /* too large is a fault of the input */
		goto done;
	}
	doc = cv_load(strcmp(o.input, "-") ? o.input : "<stdin>", text, len, d);
	if (!doc) {
		status = EXIT_INPUT;
		goto done;
	}
	cv_tailor_opts topts = {o.lang, o.have_tags ? o.tags : NULL, o.n_tags, o.exclude, o.n_exclude};
	if (cv_tailor(doc, &topts, d) != CV_OK) {
		status = EXIT_INPUT;
		goto done;
	}
	if (o.dump && strcmp(o.dump, "model") == 0) {
		cv_model_dump(doc, stdout);
		goto done;
	}
	cv_font_request req = {
		.font_dir = o.font_dir,
		.latin = doc->design.font_family.s,
		.cjk = doc->design.cjk_font_family.s,
		.latin_span = doc->design.font_family.span,
		.cjk_span = doc->design.cjk_font_family.span,
	};
	fs = cv_fontset_new(&req, d);
	if (!fs) {
		status = req.latin || req.cjk ? EXIT_INPUT : EXIT_IO;
		goto done;
	}
	dl = cv_layout(doc, fs, d);
	if (!dl) {
		status = EXIT_INPUT;
		goto done;
	}
	if (o.check)
		goto done;
	if (o.dump) {
		cv_dlist_dump(dl, fs, stdout);
		goto done;
	}
	char creator[64];
	snprintf(creator, sizeof creator, "cv2pdf %s", CV2PDF_VERSION);
	cv_render_opts ropts = {creator, source_date_epoch()};
	if (cv_render_pdf(dl, fs, &ropts, &pdf, &pdf_len, d) != CV_OK) {
		status = EXIT_IO;
		goto done;
	}
	output = o.output ? cv_xstrdup(o.output) : default_output(o.input);
	status = write_output(output, o.input, pdf, pdf_len);
done:
	report(d, &o);
	free(pdf);
	free(output);
	cv_dlist_free(dl);
	cv_fontset_free(fs);
	cv_doc_free(doc);
	cv_diags_free(d);
	free(text);
	return status;
}
