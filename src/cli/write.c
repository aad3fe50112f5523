/* Writing a PDF: to a descriptor as it is, to a device or pipe in place, and to a file through a
 * temporary file in the same folder that is renamed into place only when complete, so a failed or
 * interrupted run never leaves a partial file and never replaces a good one. Missing folders are made
 * (and removed again if the write fails). No file the run reads may be its output. SIGINT, SIGTERM,
 * SIGHUP and the other signals that end a process remove every temporary file before it dies.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/util.h"

int cv_cli_write_fd(int fd, const void *data, size_t len)
{
	const char *p = data;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* ---- What a signal must clean up --------------------------------------------------------------
 * The signals are blocked in every thread while files are written, and one thread waits for them
 * (sigwait): it removes the temporary files and the folders made for outputs, then lets the signal
 * take its default course, so the process ends as killed by it (status 128 + N in a shell). The
 * cleaning runs in an ordinary thread, not in a handler, so it may take the lock that writers hold
 * while they create or rename a temporary file: a file is never half registered. */

static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;
typedef struct pending {
	char *path;
	bool dir; /* a folder made for an output: removed if still empty */
} pending;
static pending *pendings;
static size_t n_pendings, cap_pendings;

static void pending_add(const char *path, bool dir) /* with pending_lock held */
{
	*CV_PUSH(pendings, n_pendings, cap_pendings) = (pending){cv_xstrdup(path), dir};
}

/* Keeps the order: folders are removed newest first. */
static void pending_drop(const char *path) /* with pending_lock held */
{
	for (size_t i = n_pendings; i-- > 0;)
		if (strcmp(pendings[i].path, path) == 0) {
			free(pendings[i].path);
			memmove(&pendings[i], &pendings[i + 1], (n_pendings - i - 1) * sizeof *pendings);
			n_pendings--;
			return;
		}
}

/* Every signal whose default action ends the process and that a terminal, a supervisor or a limit
 * (timeout, ulimit) sends; SIGPIPE is left alone: only standard output meets it, with no temporary
 * file. SIGKILL cannot be caught. */
static const int cleanup_signals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGALRM,   SIGUSR1,
				      SIGUSR2, SIGXCPU, SIGXFSZ, SIGPROF, SIGVTALRM};
static pthread_t signal_tid;
static sigset_t saved_mask;
static bool signals_on;

static void *signal_waiter(void *arg)
{
	(void)arg;
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++)
		sigaddset(&set, cleanup_signals[i]);
	int sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	/* Kept locked: no writer creates or renames a file after this. Files first, then the folders,
	 * newest first, so a folder made for a file is empty by the time it is removed. */
	pthread_mutex_lock(&pending_lock);
	for (size_t i = n_pendings; i-- > 0;)
		if (!pendings[i].dir)
			unlink(pendings[i].path);
	for (size_t i = n_pendings; i-- > 0;)
		if (pendings[i].dir)
			rmdir(pendings[i].path);
	signal(sig, SIG_DFL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig); /* not reached: the default action of these signals ends the process */
}

void cv_cli_signals_start(void)
{
	if (signals_on)
		return;
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++)
		sigaddset(&set, cleanup_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, &saved_mask);
	if (pthread_create(&signal_tid, NULL, signal_waiter, NULL) != 0) {
		pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
		return; /* the signals keep their usual effect; a temporary file may be left */
	}
	signals_on = true;
}

void cv_cli_signals_stop(void)
{
	if (!signals_on)
		return;
	pthread_cancel(signal_tid); /* sigwait is a cancellation point */
	pthread_join(signal_tid, NULL);
	signals_on = false;
	/* A signal that came after the waiter stopped is delivered now, with nothing left to clean. */
	pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
	pthread_mutex_lock(&pending_lock);
	free(pendings);
	pendings = NULL;
	n_pendings = cap_pendings = 0;
	pthread_mutex_unlock(&pending_lock);
}

/* ---- Writing ----------------------------------------------------------------------------------- */

/* Tries before a temporary name is given up: each is one chance in 62^6 of meeting a file there. */
#define TEMP_NAME_TRIES 100

/* Creates a new file at PATH, whose last six characters (XXXXXX) it replaces with random letters and
 * digits, as open(2) creates any new file: mode 0666 less the umask, or what the folder's default ACL
 * gives, as the file cv2pdf replaces it with would get from any program. mkstemp would make it 0600,
 * and giving it the usual mode afterwards would need the umask, which can only be read by setting
 * it: process-wide, so threads writing variants side by side, or a program that links cv2pdf and
 * changes its umask between renders, would race with it. Returns the descriptor, or -1 (errno set). */
static int create_temp(char *path)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static _Atomic uint64_t counter;
	char *x = path + strlen(path) - 6;
	for (int t = 0; t < TEMP_NAME_TRIES; t++) {
		uint64_t r;
		if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) /* no entropy yet: unique anyway */
			r = ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)path ^ ++counter * 0x9e3779b97f4a7c15u;
		for (int i = 0; i < 6; i++, r /= sizeof alphabet - 1)
			x[i] = alphabet[r % (sizeof alphabet - 1)];
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

static int io_error(cv_diags *d, const char *path, const char *what)
{
	cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot %s '%s': %s", what, path, strerror(errno));
	return CV_EIO;
}

/* Refuses an output that is one of the files the run reads (same device and inode, however spelled
 * or linked): writing it would destroy the résumé, an overlay, a font or the photo. */
static int check_not_read(const cv_output *o, const struct stat *out, const cv_cli_read *reads, size_t n,
			  cv_diags *d)
{
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!reads[i].path || stat(reads[i].path, &st) != 0)
			continue;
		if (st.st_dev == out->st_dev && st.st_ino == out->st_ino) {
			if (strcmp(o->name, reads[i].path) == 0)
				cv_diag_add(d, CV_ERROR, "output-is-input", (cv_span){0},
					    "the output file '%s' is %s; refusing to overwrite it", o->name, reads[i].what);
			else
				cv_diag_add(d, CV_ERROR, "output-is-input", (cv_span){0},
					    "the output file '%s' is %s '%s'; refusing to overwrite it", o->name,
					    reads[i].what, reads[i].path);
			return CV_EINPUT;
		}
	}
	return CV_OK;
}

/* An existing file that is not a regular one (/dev/null, a pipe): written in place, since renaming a
 * file over it would replace the device node or the pipe itself. A pipe nobody reads is an error,
 * not a hang. */
static int write_special(const cv_output *o, const unsigned char *data, size_t len, cv_diags *d)
{
	int fd = open(o->file, O_WRONLY | O_TRUNC | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return io_error(d, o->name, errno == ENXIO ? "write (nothing reads the pipe)" : "open the output file");
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	int rc = cv_cli_write_fd(fd, data, len) == 0 ? CV_OK : io_error(d, o->name, "write");
	if (close(fd) != 0 && rc == CV_OK)
		rc = io_error(d, o->name, "write");
	return rc;
}

/* Makes the missing folders above file (as mkdir -p), each registered so that a signal or a failed
 * write removes it again. Returns how many it made, or -1 with errno set. */
static int make_parents(const char *file)
{
	char *p = cv_xstrdup(file);
	int made = 0;
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		struct stat st;
		int rc = 0;
		if (stat(p, &st) != 0) {
			pthread_mutex_lock(&pending_lock);
			rc = mkdir(p, 0777);
			if (rc == 0) {
				pending_add(p, true);
				made++;
			}
			pthread_mutex_unlock(&pending_lock);
			if (rc != 0 && errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode))
				rc = 0; /* made by another variant of the batch meanwhile */
		} else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
		*s = '/';
		if (rc != 0) {
			free(p);
			return -1;
		}
	}
	free(p);
	return made;
}

/* Removes the folders make_parents made for file (the last `made` ones above it), newest first. */
static void remove_parents(const char *file, int made)
{
	char *p = cv_xstrdup(file);
	pthread_mutex_lock(&pending_lock);
	for (int i = 0; i < made; i++) {
		char *s = strrchr(p, '/');
		if (!s || s == p)
			break;
		*s = '\0';
		if (rmdir(p) == 0)
			pending_drop(p);
	}
	pthread_mutex_unlock(&pending_lock);
	free(p);
}

int cv_cli_write(const cv_output *o, const cv_cli_read *reads, size_t n_reads, const unsigned char *data,
		 size_t len, cv_diags *d)
{
	struct stat st;
	if (o->fd >= 0) {
		const char *what = o->fd == STDOUT_FILENO ? "standard output" : o->name;
		int rc = fstat(o->fd, &st) == 0 ? check_not_read(o, &st, reads, n_reads, d) : CV_OK;
		if (rc != CV_OK)
			return rc;
		if (cv_cli_write_fd(o->fd, data, len) != 0)
			return io_error(d, what, "write to");
		return CV_OK;
	}
	bool exists = stat(o->file, &st) == 0;
	if (exists) {
		int rc = check_not_read(o, &st, reads, n_reads, d);
		if (rc != CV_OK)
			return rc;
		if (S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			return io_error(d, o->name, "write");
		}
		if (!S_ISREG(st.st_mode))
			return write_special(o, data, len, d);
	}
	int made = exists ? 0 : make_parents(o->file);
	if (made < 0)
		return io_error(d, o->name, "create the output file");
	char *dir = cv_xstrdup(o->file), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	size_t tn = strlen(dir) + 32;
	char *tmp = cv_xmalloc(tn);
	snprintf(tmp, tn, "%s/.cv2pdf-XXXXXX", slash ? dir : ".");
	free(dir);
	pthread_mutex_lock(&pending_lock);
	int fd = create_temp(tmp);
	if (fd >= 0)
		pending_add(tmp, false);
	pthread_mutex_unlock(&pending_lock);
	if (fd < 0) {
		int rc = io_error(d, o->name, "create the output file");
		remove_parents(o->file, made);
		free(tmp);
		return rc;
	}
	int rc = CV_OK;
	/* A new file has the usual permissions from its creation; a replaced one keeps its own, given
	 * before the first byte is written: a résumé kept 0600 is never readable by others meanwhile. */
	if ((exists && fchmod(fd, st.st_mode & 07777) != 0) || cv_cli_write_fd(fd, data, len) != 0 || fsync(fd) != 0)
		rc = io_error(d, o->name, "write");
	if (close(fd) != 0 && rc == CV_OK)
		rc = io_error(d, o->name, "write");
	pthread_mutex_lock(&pending_lock);
	if (rc == CV_OK && rename(tmp, o->file) != 0)
		rc = io_error(d, o->name, "write");
	if (rc != CV_OK)
		unlink(tmp);
	pending_drop(tmp);
	if (rc == CV_OK) /* the folders now hold the output: keep them */
		for (int i = 0; i < made; i++) {
			char *p = cv_xstrdup(o->file);
			for (int k = 0; k <= i; k++)
				*strrchr(p, '/') = '\0';
			pending_drop(p);
			free(p);
		}
	pthread_mutex_unlock(&pending_lock);
	if (rc != CV_OK)
		remove_parents(o->file, made);
	free(tmp);
	return rc;
}
