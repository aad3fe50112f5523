/* The whole run of the program for one argv: what main() does, as a function, so that the test
 * runners that run many cases in one process (tests/errors/run_case.c, tests/schema/cli_batch.c) run
 * exactly the program's code and not a copy of its dispatch.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cv_cli_main(int argc, char **argv)
{
	/* getopt_long starts afresh (glibc: 0 also resets its own state), as it does in a new process;
	 * a second run in the same process would otherwise begin where the first one's options ended. */
	optind = 0;
	cv_cli o = {0};
	int status = cv_cli_parse(argc, argv, &o);
	if (status < 0)
		status = o.init ? cv_cli_init(&o) : o.watch ? cv_cli_watch(&o) : cv_cli_run(&o);
	/* Whatever went to standard output (--help, --schema, --dump, --list, a PDF with -o -) must have
	 * arrived: a full disk or a closed pipe is an I/O error, not a success. A failed write the run
	 * reported already ended it with CV_EXIT_IO. */
	errno = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && status != CV_EXIT_IO) {
		cv_cli_say(&o, CV_ERROR, "io", (cv_span){0}, "cannot write to standard output: %s",
			   strerror(errno ? errno : EIO));
		status = CV_EXIT_IO;
	}
	fflush(stderr);
	cv_cli_fini(&o);
	return status;
}
