/* --watch: render, then render again whenever INPUT or an overlay changes, until SIGINT or SIGTERM.
 * Watches the files' directories with inotify, because editors save by writing a new file and
 * renaming it over the old one, which a watch on the file itself would lose. Errors are reported and
 * the watch goes on. It does no rendering of its own: each round is one cv_cli_run().
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/util.h"

/* An editor's save is several events (write, close, rename) within a few milliseconds: wait until
 * the directory has been quiet this long before rendering, so one save is one render. */
#define DEBOUNCE_MS 100

typedef struct watched {
	int wd;
	char *name; /* the file's name inside its directory */
} watched;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Reads the pending events; true when one of them concerns a watched file. */
static bool drain(int fd, const watched *w, size_t n)
{
	_Alignas(struct inotify_event) char buf[8192];
	bool hit = false;
	for (;;) {
		ssize_t got = read(fd, buf, sizeof buf);
		if (got <= 0)
			return hit;
		for (char *p = buf; p < buf + got;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
			for (size_t i = 0; i < n && !hit; i++)
				hit = ev->wd == w[i].wd && ev->len && strcmp(ev->name, w[i].name) == 0;
			p += sizeof *ev + ev->len;
		}
	}
}

int cv_cli_watch(const cv_cli *o)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns EINTR on the signal */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
	if (fd < 0) {
		cv_cli_say(o, CV_ERROR, "io", (cv_span){0}, "--watch: cannot start inotify: %s", strerror(errno));
		return CV_EXIT_IO;
	}
	size_t n = o->n_overlays + 1;
	watched *w = cv_xcalloc(n, sizeof *w);
	int status = CV_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		const char *path = i == 0 ? o->input : o->overlays[i - 1];
		char *d = cv_xstrdup(path), *b = cv_xstrdup(path);
		/* A file is complete when it is closed after writing or renamed into place. Creation is not a
		 * change: vim's save creates the file, writes and fsyncs it (which can outlast the debounce),
		 * then closes it, and reacting to both rendered twice, the first time a half-written file. */
		w[i].wd = inotify_add_watch(fd, dirname(d), IN_CLOSE_WRITE | IN_MOVED_TO);
		w[i].name = cv_xstrdup(basename(b));
		if (w[i].wd < 0) {
			cv_cli_say(o, CV_ERROR, "io", (cv_span){0}, "--watch: cannot watch the directory of '%s': %s", path,
				   strerror(errno));
			status = CV_EXIT_IO;
		}
		free(d);
		free(b);
	}
	if (status == CV_EXIT_OK) {
		cv_cli_run(o);
		if (!o->quiet)
			cv_cli_say(o, CV_NOTE, "watching", (cv_span){0}, "watching %zu file%s for changes; press Ctrl-C to stop", n,
				   n == 1 ? "" : "s");
	}
	while (status == CV_EXIT_OK && !stop_requested) {
		struct pollfd p = {fd, POLLIN, 0};
		int r = poll(&p, 1, -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cv_cli_say(o, CV_ERROR, "io", (cv_span){0}, "--watch: %s", strerror(errno));
			status = CV_EXIT_IO;
			break;
		}
		if (!drain(fd, w, n))
			continue;
		/* Debounce: let the rest of the save land. */
		while (!stop_requested && poll(&p, 1, DEBOUNCE_MS) > 0)
			drain(fd, w, n);
		if (stop_requested)
			break;
		int rc = cv_cli_run(o);
		if (!o->quiet)
			cv_cli_say(o, CV_NOTE, "watching", (cv_span){0}, "%s",
				   rc == CV_EXIT_OK ? "rendered again; watching" : "not rendered (see above); watching");
	}
	for (size_t i = 0; i < n; i++)
		free(w[i].name);
	free(w);
	close(fd);
	return status;
}
