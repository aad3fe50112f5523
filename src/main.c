/* cv2pdf's command line: the whole run is cv_cli_main (src/cli/main_run.c), which parses argv and
 * hands off to the run, --watch, --init or --list (src/cli/), which wire the stages, print
 * diagnostics and choose the exit status. No typesetting decisions here.
 * SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cv_cli_main(argc, argv);
}
