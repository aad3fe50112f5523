/* cv2pdf's command line: parses argv and hands off to the run, --watch, --init or --list (src/cli/),
 * which wire the stages, print diagnostics and choose the exit status. No typesetting decisions here.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
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
	cv_cli_fini(&o);
	return status;
}
