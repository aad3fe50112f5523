/* pdf_tools_load: cv_tool_main and cv_tool_load (pdf_tools.h) for the runners, which load a tool's
 * module (pdf_tools.cc built once per library: CV2PDF_PDF_TOOLS_DIR/libcv2pdf_qpdf.so, and
 * libcv2pdf_pdftotext.so with poppler's two tools, in the build tree) only when they call that tool.
 * Without it (no C++ compiler or library at configure time, or the file gone) the calls return
 * CV_TOOL_UNSUPPORTED: the runner runs the program.
 * SPDX-License-Identifier: MIT */
#include "pdf_tools.h"

#ifdef CV2PDF_PDF_TOOLS_DIR
#include <dlfcn.h>
#endif
#include <stddef.h>
#include <string.h>

typedef int tool_entry(int argc, char **argv);

/* The modules, one per library (named after the first tool built into it), each with its entry once
 * loaded (tried: whether a load was tried). */
static struct {
	const char *name;
	tool_entry *entry;
	int tried;
} modules[] = {{"qpdf", NULL, 0}, {"pdftotext", NULL, 0}};

/* The tools, each with its module's index in modules[]: pdffonts is in poppler's module with
 * pdftotext (CMakeLists.txt), so that a runner calling both loads poppler once. */
static const struct {
	const char *name;
	size_t module;
} tools[] = {{"qpdf", 0}, {"pdftotext", 1}, {"pdffonts", 1}};

/* Module number K's entry, loaded on the first call, binding its symbols on first use (FLAGS
 * RTLD_LAZY) or at once (RTLD_NOW: cv_tool_load, before a runner forks its children, which would
 * otherwise each bind the same symbols again). */
static tool_entry *load(size_t k, int flags)
{
#ifndef CV2PDF_PDF_TOOLS_DIR
	(void)flags;
#else
	if (!modules[k].tried) {
		modules[k].tried = 1;
		char path[sizeof CV2PDF_PDF_TOOLS_DIR + 32];
		strcpy(path, CV2PDF_PDF_TOOLS_DIR "/libcv2pdf_");
		strcat(path, modules[k].name);
		strcat(path, ".so");
		/* Never unloaded: its libraries' static objects live until the process ends, as in the programs. */
		void *module = dlopen(path, flags | RTLD_LOCAL);
		if (module)
			*(void **)&modules[k].entry = dlsym(module, "cv_tool_run");
	}
#endif
	return modules[k].entry;
}

int cv_tool_load(void)
{
	int all = 1;
	for (size_t k = 0; k < sizeof modules / sizeof *modules; k++)
		all &= load(k, RTLD_NOW) != NULL;
	return all;
}

int cv_tool_main(int argc, char **argv)
{
	if (argc < 1 || !argv[0])
		return CV_TOOL_UNSUPPORTED;
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	for (size_t k = 0; k < sizeof tools / sizeof *tools; k++)
		if (strcmp(name, tools[k].name) == 0)
			return load(tools[k].module, RTLD_LAZY) ? modules[tools[k].module].entry(argc, argv)
								: CV_TOOL_UNSUPPORTED;
	return CV_TOOL_UNSUPPORTED;
}
