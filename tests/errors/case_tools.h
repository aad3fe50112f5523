/* case_tools: the case runner's qpdf and pdftotext calls in its own process (tests/tools/pdf_tools.h,
 * the programs' own code), and the comparison of such a call with the program's run of it, for the
 * calls that also run as the program (run_case.c's header says which).
 * SPDX-License-Identifier: MIT */
#ifndef CASE_TOOLS_H
#define CASE_TOOLS_H
#include "case_util.h"

/* Runs ARGV (qpdf or pdftotext) in this process, its standard output into OUT and its standard
 * error into ERR, or into OUT as well when ERR is NULL (2>&1, interleaved as the program's would be);
 * returns its exit status, or CV_TOOL_UNSUPPORTED (pdf_tools.h): then nothing ran. OUT and ERR are
 * emptied first. Fails the case when the standard descriptors cannot be redirected and put back. */
int tool_in_process(char *const argv[], str *out, str *err);

/* The in-process run of ARGV (status IN_STATUS, standard output IN_OUT, error IN_ERR, NULL when
 * it went into IN_OUT) and the program's (PROG_*) agree byte for byte; else the case fails, naming
 * the call (SCRATCH written as $TMP) and the first difference. The trailer's /ID of qpdf's output
 * is not compared: qpdf makes a new one from the clock when the file has none. */
void tool_compare(char *const argv[], const char *scratch, int in_status, const str *in_out, const str *in_err,
		  int prog_status, const str *prog_out, const str *prog_err);

#endif
