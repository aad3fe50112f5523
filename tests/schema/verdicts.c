/* verdicts: cv2pdf's verdict on many files in one process, for tests/schema/agree.py. For each FILE it
 * runs the command line `cv2pdf --dump model --json FILE` as main() does (cv_cli_parse, cv_cli_run,
 * cv_cli_fini: the program's own code, linked in), standard output thrown away and standard error
 * caught, and prints "== STATUS FILE" and then what the program wrote to standard error.
 * Why: agree.py asked cv2pdf about some hundred and forty files, a process each, and starting a
 * process costs more on this kind of machine than loading a small file. Must not judge anything:
 * agree.py reads the verdicts. Usage: verdicts SOURCE_DIR FILE... (FILE relative to SOURCE_DIR)
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/cli.h"

/* One file's run. Returns the exit status main would. */
static int verdict(const char *file)
{
	char *args[] = {"cv2pdf", "--dump", "model", "--json", (char *)file, NULL};
	cv_cli o = {0};
	optind = 0; /* getopt_long starts afresh (glibc: 0 also resets its own state), as in a new process */
	int status = cv_cli_parse(5, args, &o);
	if (status < 0)
		status = cv_cli_run(&o);
	fflush(stdout);
	fflush(stderr);
	cv_cli_fini(&o);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: verdicts SOURCE_DIR FILE...\n");
		return 2;
	}
	int out = dup(1), keep_err = dup(2), null = open("/dev/null", O_WRONLY);
	int err = memfd_create("verdicts", 0);
	if (out < 0 || keep_err < 0 || null < 0 || err < 0) {
		perror("verdicts");
		return 3;
	}
	FILE *report = fdopen(out, "w");
	if (!report) {
		perror("verdicts");
		return 3;
	}
	for (int i = 2; i < argc; i++) {
		if (ftruncate(err, 0) != 0 || lseek(err, 0, SEEK_SET) != 0 || dup2(null, 1) < 0 || dup2(err, 2) < 0) {
			perror("verdicts");
			return 3;
		}
		int status = verdict(argv[i]);
		dup2(keep_err, 2);
		fprintf(report, "== %d %s\n", status, argv[i]);
		off_t len = lseek(err, 0, SEEK_CUR);
		if (len > 0) {
			char *text = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, err, 0);
			if (text == MAP_FAILED) {
				perror("verdicts");
				return 3;
			}
			fwrite(text, 1, (size_t)len, report);
			if (text[len - 1] != '\n')
				fputc('\n', report);
			munmap(text, (size_t)len);
		}
	}
	return fclose(report) == 0 ? 0 : 3;
}
