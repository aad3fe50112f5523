/* A test shim, preloaded into cv2pdf (LD_PRELOAD) by tests/output/run.sh: the Nth call of fsync()
 * (CV2PDF_SHIM_SIGNAL_AT, default 1) sends this process the signal CV2PDF_SHIM_SIGNAL (a number,
 * default SIGTERM), and every call then waits, so the signal arrives while each temporary file of a
 * write exists and is complete. cv2pdf must remove them all and die of the signal.
 * With CV2PDF_SHIM_MODES=FILE instead, nothing is signalled: each write() to a temporary file
 * (.cv2pdf-*) appends that file's permission bits at that moment, in octal, to FILE, so the test sees
 * the mode the file has while its bytes go in. Nothing in cv2pdf knows about it.
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int fsync(int fd);
ssize_t write(int fd, const void *buf, size_t n);

static int calls;

int fsync(int fd)
{
	if (getenv("CV2PDF_SHIM_MODES"))
		return (int)syscall(SYS_fsync, fd);
	const char *at = getenv("CV2PDF_SHIM_SIGNAL_AT"), *sig = getenv("CV2PDF_SHIM_SIGNAL");
	if (__atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST) == (at ? atoi(at) : 1))
		kill(getpid(), sig ? atoi(sig) : SIGTERM);
	/* The process dies of the signal meanwhile; if it does not, the test sees the file written. */
	sleep(3);
	return 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	const char *log = getenv("CV2PDF_SHIM_MODES");
	char link[64], path[4096];
	ssize_t len = -1;
	if (log) {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		len = readlink(link, path, sizeof path - 1);
	}
	struct stat st;
	if (len > 0) {
		path[len] = '\0';
		const char *base = strrchr(path, '/');
		if (base && strncmp(base + 1, ".cv2pdf-", 8) == 0 && fstat(fd, &st) == 0) {
			char line[16];
			int k = snprintf(line, sizeof line, "%o\n", (unsigned)(st.st_mode & 07777));
			int out = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
			if (out >= 0) {
				if (syscall(SYS_write, out, line, (size_t)k) < 0)
					k = 0;
				close(out);
			}
		}
	}
	return (ssize_t)syscall(SYS_write, fd, buf, n);
}
