/* case_tools: the comparison of a check's qpdf or pdftotext call run in the worker (case_worker.c,
 * through the programs' own code, tests/tools/pdf_tools.h) with the program's run of it, for the calls
 * that also run as the program (run_case.c's header says which).
 * SPDX-License-Identifier: MIT */
#ifndef CASE_TOOLS_H
#define CASE_TOOLS_H
#include "case_util.h"

/* The in-process run of ARGV (status IN_STATUS, standard output IN_OUT, error IN_ERR, NULL when
 * it went into IN_OUT) and the program's (PROG_*) agree byte for byte; else the case fails, naming
 * the call (SCRATCH written as $TMP) and the first difference. The trailer's /ID of qpdf's output
 * is not compared: qpdf makes a new one from the clock when the file has none. */
void tool_compare(char *const argv[], const char *scratch, int in_status, const str *in_out, const str *in_err,
		  int prog_status, const str *prog_out, const str *prog_err);

#endif
