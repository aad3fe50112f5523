/* A test shim, preloaded into cv2pdf (LD_PRELOAD) by tests/output/run.sh: the Nth call of fsync()
 * (CV2PDF_SHIM_SIGNAL_AT, default 1) sends this process the signal CV2PDF_SHIM_SIGNAL (a number,
 * default SIGTERM), and every call then waits, so the signal arrives while each temporary file of a
 * write exists and is complete. cv2pdf must remove them all and die of the signal. Nothing in cv2pdf
 * knows about it.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int fsync(int fd);

static int calls;

int fsync(int fd)
{
	(void)fd;
	const char *at = getenv("CV2PDF_SHIM_SIGNAL_AT"), *sig = getenv("CV2PDF_SHIM_SIGNAL");
	if (__atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST) == (at ? atoi(at) : 1))
		kill(getpid(), sig ? atoi(sig) : SIGTERM);
	/* The process dies of the signal meanwhile; if it does not, the test sees the file written. */
	sleep(3);
	return 0;
}
