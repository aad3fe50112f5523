/* pdf_tools: qpdf, pdftotext and pdffonts run inside the calling process, through the programs' own
 * library code (qpdf's QPDFJob, what qpdf's main runs; poppler's PDFDoc, TextOutputDev and
 * FontInfoScanner, what pdftotext's and pdffonts' mains run), for the test runners that call them
 * hundreds of times (tests/errors/run_case.c, tests/schema/cli_batch.c). Why: on this kind of
 * machine starting one of those programs costs ~15-28 ms of CPU (its libraries' relocation and fresh pages), many times the work of reading a small PDF.
 * Test-only: nothing of cv2pdf links it. A runner keeps a real-program path: it runs every Nth call
 * (and all under CV2PDF_TEST_WRAPPER) through the program as well and compares the outputs.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_TESTS_PDF_TOOLS_H
#define CV2PDF_TESTS_PDF_TOOLS_H

#ifdef __cplusplus
extern "C" {
#endif

/* What cv_tool_main returns when it cannot run that call in this process (this build has not the
 * tool's library, or the arguments ask for what only the program does: its help, version or usage
 * text, standard input, an option the in-process pdftotext or pdffonts does not take): the caller runs the
 * program. Not an exit status a program returns (those are 0-255). */
#define CV_TOOL_UNSUPPORTED (-1)

/* Runs ARGV (ARGC words, ARGV[0] "qpdf", "pdftotext" or "pdffonts", as a shell names them) as that
 * program's main does, on this process's standard output and error (descriptors 1 and 2, through
 * stdio and C++'s streams, flushed before the return) and in its current folder; returns its exit
 * status (qpdf: 0, 2 errors, 3 warnings; pdftotext: 0, 1 open error, 2 output error, 3 permissions,
 * 99 other; pdffonts: 0, 1 open error, 99 other), or CV_TOOL_UNSUPPORTED. The calling process's state is as before but for poppler's global parameters
 * (made and dropped per call, as a fresh process of the program would have them). Not thread-safe. */
int cv_tool_main(int argc, char **argv);

/* Loads the tools' code (a module per library, tests/tools/pdf_tools.cc: libqpdf or libpoppler costs
 * ~45 ms of CPU to map and relocate, more than the runners' own start, so only a process that calls
 * a tool pays it), once; cv_tool_main loads it on its first call. A runner that forks a child per
 * call loads it before forking, so that each child finds it ready. Returns whether it is there (a
 * build without a C++ compiler or the libraries has none: every call runs the program). */
int cv_tool_load(void);

#ifdef __cplusplus
}
#endif

#endif
