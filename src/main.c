/* cv2pdf's command line: parses argv and hands off to the run, --watch or --init (src/cli/), which
 * wire the stages, print diagnostics and choose the exit status. No typesetting decisions here.
 * SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	cv_cli o = {0};
	int status = cv_cli_parse(argc, argv, &o);
	if (status < 0)
		status = o.init ? cv_cli_init(&o) : o.watch ? cv_cli_watch(&o) : cv_cli_run(&o);
	cv_cli_fini(&o);
	return status;
}
