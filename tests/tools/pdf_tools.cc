/* pdf_tools: qpdf, pdftotext and pdffonts in the calling process (pdf_tools.h says why and what
 * for). Each tool is the code its program's main runs, called the way that main calls it: qpdf's
 * main is QPDFJob (qpdf 11's qpdf/qpdf.cc is a dozen lines around it), pdftotext's and pdffonts' are
 * utils/pdftotext.cc and utils/pdffonts.cc of poppler 22.12 (not a library: the part of each that
 * the tests' options reach is written again here, call for call). Must not keep state from one call
 * to the next that the program would not have. A module that pdf_tools_load.c loads on the first
 * call, built only when a C++ compiler is there; each tool only when CMake found its library
 * (CV2PDF_HAVE_QPDF; CV2PDF_HAVE_POPPLER, for both of poppler's, in one module), else its calls
 * return CV_TOOL_UNSUPPORTED.
 * SPDX-License-Identifier: MIT */
#include "pdf_tools.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#ifdef CV2PDF_HAVE_QPDF
#include <qpdf/QPDFJob.hh>
#include <qpdf/QPDFLogger.hh>
#include <qpdf/QPDFUsage.hh>
#endif

#ifdef CV2PDF_HAVE_POPPLER
#include <Error.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <PDFDocFactory.h>
#include <FontInfo.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#endif

/* Both programs' output reaches descriptors 1 and 2 through stdio (poppler) or C++'s streams, which
 * share stdio's buffers (synced by default): flushed before the caller looks at those descriptors. */
static void flush_all()
{
	std::cout.flush();
	std::cerr.flush();
	fflush(stdout);
	fflush(stderr);
}

#ifdef CV2PDF_HAVE_QPDF
/* qpdf's main (qpdf 11.3, qpdf/qpdf.cc realmain), but returning where it exits, and with a logger of
 * its own: the default logger is one per process and remembers that standard output was written
 * (it then refuses "-" as the output file), which a fresh process's never has. Its streams are the
 * same as the default logger's: std::cout and std::cerr. */
static int run_qpdf(int argc, char **argv)
{
	/* Help, version and completion options are valid only alone and end the program with exit(0)
	 * inside the library (QPDFArgParser); COMP_LINE turns any call into completion. */
	if (argc < 3 || getenv("COMP_LINE"))
		return CV_TOOL_UNSUPPORTED;
	std::string whoami = argv[0];
	if (whoami.rfind('/') != std::string::npos)
		whoami = whoami.substr(whoami.rfind('/') + 1);
	QPDFJob j;
	j.setLogger(QPDFLogger::create());
	try {
		j.initializeFromArgv(argv);
		j.run();
	} catch (QPDFUsage &e) {
		/* usageExit, byte for byte (std::endl is a line end and a flush). */
		std::cerr << "\n"
			  << whoami << ": " << e.what() << "\n\n"
			  << "For help:\n"
			  << "  " << whoami << " --help=usage       usage information\n"
			  << "  " << whoami << " --help=topic       help on a topic\n"
			  << "  " << whoami << " --help=--option    help on an option\n"
			  << "  " << whoami << " --help             general help and a topic list\n\n";
		return QPDFJob::EXIT_ERROR;
	} catch (std::exception &e) {
		std::cerr << whoami << ": " << e.what() << "\n";
		return QPDFJob::EXIT_ERROR;
	}
	return j.getExitCode();
}
#endif

#ifdef CV2PDF_HAVE_POPPLER
/* The options of pdftotext that the tests use, as poppler's parseargs reads them. (A named struct:
 * clang++ refuses a typedef'd anonymous one with member initialisers, -Wnon-c-typedef-for-linkage.) */
struct text_options {
	int first_page = 1, last_page = 0;
	bool raw = false, layout = false, no_page_breaks = false, quiet = false;
	const char *encoding = nullptr;
	const char *files[2] = {nullptr, nullptr};
	int n_files = 0;
};

/* An integer as parseargs' isInt takes one: an optional sign, then digits only. */
static bool is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* ARGV into O; false when a word is one the in-process pdftotext does not take (any other option,
 * "--", a bad number, more than two files, none): the program answers those (usage text, exit 99). */
static bool text_args(int argc, char **argv, text_options *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-q") == 0)
			o->quiet = true;
		else if (strcmp(a, "-raw") == 0)
			o->raw = true;
		else if (strcmp(a, "-layout") == 0)
			o->layout = true;
		else if (strcmp(a, "-nopgbrk") == 0)
			o->no_page_breaks = true;
		else if ((strcmp(a, "-f") == 0 || strcmp(a, "-l") == 0) && i + 1 < argc && is_int(argv[i + 1]))
			*(a[1] == 'f' ? &o->first_page : &o->last_page) = atoi(argv[++i]);
		else if (strcmp(a, "-enc") == 0 && i + 1 < argc)
			o->encoding = argv[++i];
		else if (a[0] == '-' && a[1])
			return false;
		else if (o->n_files == 2)
			return false;
		else
			o->files[o->n_files++] = a;
	}
	/* "-" as the input is standard input, which the callers' runs do not share with this process. */
	return o->n_files > 0 && strcmp(o->files[0], "-") != 0;
}

/* pdftotext's main (poppler 22.12, utils/pdftotext.cc) for text output: the same calls in the same
 * order, with the defaults of the options not taken (72 dpi, no fixed pitch, diagonal text kept, the
 * default column spacing and end of line, no passwords, the whole page). */
static int run_pdftotext(int argc, char **argv)
{
	text_options o;
	if (!text_args(argc, argv, &o))
		return CV_TOOL_UNSUPPORTED;
	const double resolution = 72.0;
	int status = 0;
	globalParams = std::make_unique<GlobalParams>();
	if (o.encoding)
		globalParams->setTextEncoding(o.encoding);
	if (o.quiet)
		globalParams->setErrQuiet(o.quiet);
	if (!globalParams->getTextEncoding()) {
		error(errCommandLine, -1, "Couldn't get text encoding");
		status = 99;
	} else {
		GooString file_name(o.files[0]);
		std::unique_ptr<PDFDoc> doc = PDFDocFactory().createPDFDoc(file_name);
		if (!doc->isOk()) {
			status = 1;
		} else if (!doc->okToCopy()) {
			/* Whether the program refuses (ENFORCE_PERMISSIONS) is poppler's build option: it says. */
			status = CV_TOOL_UNSUPPORTED;
		} else {
			std::string text_file;
			if (o.n_files == 2) {
				text_file = o.files[1];
			} else {
				text_file = o.files[0];
				size_t n = text_file.size();
				if (n >= 4 && (text_file.compare(n - 4, 4, ".pdf") == 0 || text_file.compare(n - 4, 4, ".PDF") == 0))
					text_file.resize(n - 4);
				text_file += ".txt";
			}
			int first = o.first_page < 1 ? 1 : o.first_page;
			int last = o.last_page < 1 || o.last_page > doc->getNumPages() ? doc->getNumPages() : o.last_page;
			if (last < first) {
				error(errCommandLine, -1,
				      "Wrong page range given: the first page ({0:d}) can not be after the last page ({1:d}).",
				      first, last);
				status = 99;
			} else {
				TextOutputDev out(text_file.c_str(), o.layout, 0, o.raw, false, false);
				if (out.isOk()) {
					out.setTextEOL(TextOutputDev::defaultEndOfLine());
					out.setMinColSpacing1(TextOutputDev::minColSpacing1_default);
					if (o.no_page_breaks)
						out.setTextPageBreaks(false);
					doc->displayPages(&out, first, last, resolution, resolution, 0, true, false, false);
				} else {
					status = 2;
				}
			}
		}
	}
	/* The program's parameters die with it: the next call starts from none, as a new process would. */
	globalParams.reset();
	return status;
}

/* The options of pdffonts that the tests use (none: a file), and its page range, as parseargs
 * reads them; false for any other word (-subst, passwords, help, "-" for standard input, not one
 * file): the program answers those. */
static bool fonts_args(int argc, char **argv, int *first, int *last, const char **file)
{
	*file = nullptr;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if ((strcmp(a, "-f") == 0 || strcmp(a, "-l") == 0) && i + 1 < argc && is_int(argv[i + 1]))
			*(a[1] == 'f' ? first : last) = atoi(argv[++i]);
		else if (a[0] == '-' || *file)
			return false;
		else
			*file = a;
	}
	return *file != nullptr;
}

/* pdffonts' main (poppler 22.12, utils/pdffonts.cc) without -subst: the same calls in the same order,
 * the same table, byte for byte (its type names are the program's table, in FontInfo::Type's order). */
static int run_pdffonts(int argc, char **argv)
{
	static const char *const type_names[] = {"unknown",      "Type 1",        "Type 1C",    "Type 1C (OT)",
						  "Type 3",       "TrueType",      "TrueType (OT)", "CID Type 0",
						  "CID Type 0C",  "CID Type 0C (OT)", "CID TrueType", "CID TrueType (OT)"};
	int first = 1, last = 0;
	const char *file;
	if (!fonts_args(argc, argv, &first, &last, &file))
		return CV_TOOL_UNSUPPORTED;
	int status = 0;
	globalParams = std::make_unique<GlobalParams>();
	{
		std::unique_ptr<PDFDoc> doc = PDFDocFactory().createPDFDoc(GooString(file));
		if (!doc->isOk()) {
			status = 1;
		} else {
			if (first < 1)
				first = 1;
			if (last < 1 || last > doc->getNumPages())
				last = doc->getNumPages();
			if (last < first) {
				fprintf(stderr, "Wrong page range given: the first page (%d) can not be after the last page (%d).\n",
					first, last);
				status = 99;
			} else {
				FontInfoScanner scanner(doc.get(), first - 1);
				const std::vector<FontInfo *> fonts = scanner.scan(last - first + 1);
				printf("name                                 type              encoding         emb sub uni object ID\n");
				printf("------------------------------------ ----------------- ---------------- --- --- --- ---------\n");
				for (const FontInfo *font : fonts) {
					const std::optional<std::string> &font_name = font->getName();
					printf("%-36s %-17s %-16s %-3s %-3s %-3s", font_name ? font_name->c_str() : "[none]",
					       type_names[font->getType()], font->getEncoding().c_str(),
					       font->getEmbedded() ? "yes" : "no", font->getSubset() ? "yes" : "no",
					       font->getToUnicode() ? "yes" : "no");
					const Ref ref = font->getRef();
					if (ref.gen >= 100000)
						printf(" [none]\n");
					else
						printf(" %6d %2d\n", ref.num, ref.gen);
					delete font;
				}
			}
		}
	}
	/* The program's parameters die with it, as pdftotext's above. */
	globalParams.reset();
	return status;
}
#endif

/* The module's one entry, found by pdf_tools_load.c (cv_tool_main there). */
extern "C" __attribute__((visibility("default"))) int cv_tool_run(int argc, char **argv);
extern "C" int cv_tool_run(int argc, char **argv)
{
	if (argc < 1 || !argv[0])
		return CV_TOOL_UNSUPPORTED;
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int status = CV_TOOL_UNSUPPORTED;
	flush_all();
#ifdef CV2PDF_HAVE_QPDF
	if (strcmp(name, "qpdf") == 0)
		status = run_qpdf(argc, argv);
#endif
#ifdef CV2PDF_HAVE_POPPLER
	if (strcmp(name, "pdftotext") == 0)
		status = run_pdftotext(argc, argv);
	if (strcmp(name, "pdffonts") == 0)
		status = run_pdffonts(argc, argv);
#endif
	(void)name;
	flush_all();
	return status;
}
