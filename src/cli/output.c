/* Where each PDF goes, worked out before anything is written: output paths from -o templates, variant
 * names and the input's own `output` settings; a path that names a descriptor (/dev/stdout,
 * /proc/self/fd/N) or a symbolic link followed to the file it stands for; one canonical name per
 * output, so two spellings of one file are seen as one; and the rule that a path written inside a
 * file stays inside that file's folder. It writes nothing (write.c does).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/util.h"

#define VARIANT_FIELD "{variant}"
/* Symbolic links followed from an output path before giving up with ELOOP, as the kernel does (40). */
#define MAX_LINK_HOPS 40

char *cv_cli_output_path(const char *template_, const char *input, const char *variant)
{
	if (template_) {
		const char *at = variant ? strstr(template_, VARIANT_FIELD) : NULL;
		if (!at)
			return cv_xstrdup(template_);
		size_t before = (size_t)(at - template_), vlen = strlen(variant);
		const char *after = at + strlen(VARIANT_FIELD);
		char *out = cv_xmalloc(before + vlen + strlen(after) + 1);
		memcpy(out, template_, before);
		memcpy(out + before, variant, vlen);
		strcpy(out + before + vlen, after);
		/* Every further {variant} too. */
		if (strstr(out, VARIANT_FIELD)) {
			char *again = cv_cli_output_path(out, input, variant);
			free(out);
			return again;
		}
		return out;
	}
	if (strcmp(input, "-") == 0 && !variant)
		return cv_xstrdup("-");
	const char *base = strcmp(input, "-") == 0 ? "cv" : input;
	size_t n = strlen(base);
	const char *slash = strrchr(base, '/');
	const char *dot = strrchr(base, '.');
	if (dot && (!slash || dot > slash) && dot != base && dot[-1] != '/')
		n = (size_t)(dot - base);
	size_t vlen = variant ? strlen(variant) + 1 : 0;
	char *out = cv_xmalloc(n + vlen + 5);
	memcpy(out, base, n);
	if (variant) {
		out[n] = '-';
		memcpy(out + n + 1, variant, vlen - 1);
	}
	memcpy(out + n + vlen, ".pdf", 5);
	return out;
}

/* The descriptor a path stands for by its spelling: /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N,
 * /proc/self/fd/N, /proc/thread-self/fd/N or /proc/PID/fd/N with this process's PID. -1 otherwise.
 * These are links to whatever the descriptor is open on (a terminal, a pipe, a log file): replacing
 * that by renaming a file over it would destroy the file or the link itself. */
static int descriptor_of(const char *p)
{
	static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
	for (int i = 0; i < 3; i++)
		if (strcmp(p, std[i]) == 0)
			return i;
	char self[32];
	snprintf(self, sizeof self, "/proc/%ld/fd/", (long)getpid());
	const char *const dirs[] = {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", self};
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		size_t n = strlen(dirs[i]);
		if (strncmp(p, dirs[i], n) != 0 || !p[n] || strspn(p + n, "0123456789") != strlen(p + n))
			continue;
		errno = 0;
		long fd = strtol(p + n, NULL, 10);
		return errno || fd > INT_MAX ? -1 : (int)fd;
	}
	return -1;
}

/* The folder part of path ("." when it has none), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return cv_xstrdup(".");
	if (slash == path)
		return cv_xstrdup("/");
	char *d = cv_xstrdup(path);
	d[slash - path] = '\0';
	return d;
}

/* Removes ".", empty components and "dir/.." from an absolute path, in place. */
static void normalize(char *p)
{
	char *out = p;
	for (const char *s = p; *s;) {
		while (*s == '/')
			s++;
		if (!*s)
			break;
		size_t n = strcspn(s, "/");
		if (n == 1 && s[0] == '.') {
			/* nothing */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (out > p && *--out != '/')
				;
		} else {
			*out++ = '/';
			memmove(out, s, n);
			out += n;
		}
		s += n;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/* The absolute name of path with every folder that exists resolved through its links: realpath of the
 * longest existing prefix, then the rest as spelled (it cannot hold links: it does not exist), with
 * "." and ".." worked out. Two spellings of one place give one name. Malloc'd. */
static char *canonical(const char *path)
{
	char *abs;
	if (path[0] == '/') {
		abs = cv_xstrdup(path);
	} else {
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			return NULL;
		abs = cv_xmalloc(strlen(cwd) + strlen(path) + 2);
		sprintf(abs, "%s/%s", cwd, path);
		free(cwd);
	}
	/* Cut at each '/' from the end until the prefix exists. */
	size_t cut = strlen(abs);
	for (;;) {
		char saved = abs[cut];
		abs[cut] = '\0';
		char *real = realpath(cut ? abs : "/", NULL);
		abs[cut] = saved;
		if (real) {
			char *out = cv_xmalloc(strlen(real) + strlen(abs + cut) + 2);
			sprintf(out, "%s/%s", real, abs + cut);
			free(real);
			free(abs);
			normalize(out);
			return out;
		}
		if (cut == 0)
			break;
		while (cut > 0 && abs[--cut] != '/')
			;
	}
	free(abs);
	return NULL;
}

int cv_cli_output_resolve(const char *name, cv_output *o, cv_diags *d)
{
	*o = (cv_output){.name = name, .fd = -1};
	if (strcmp(name, "-") == 0) {
		o->fd = STDOUT_FILENO;
		return CV_OK;
	}
	size_t name_len = strlen(name);
	if (name_len && name[name_len - 1] == '/') {
		cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot write '%s': it names a folder; give a file name "
			    "such as '%scv.pdf'", name, name);
		return CV_EIO;
	}
	/* Follow symbolic links at the end of the path ourselves: a link to a file that does not exist yet
	 * is followed too (the file is created where it points), and one to a descriptor is noticed. */
	char *p = cv_xstrdup(name);
	for (int hops = 0;; hops++) {
		int fd = descriptor_of(p);
		if (fd >= 0) {
			free(p);
			if (fcntl(fd, F_GETFD) < 0) {
				cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot write '%s': %s is closed", name,
					    fd == STDOUT_FILENO ? "standard output" : fd == STDERR_FILENO ? "standard error" : "that descriptor");
				return CV_EIO;
			}
			o->fd = fd;
			return CV_OK;
		}
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		char buf[PATH_MAX];
		ssize_t n = hops < MAX_LINK_HOPS ? readlink(p, buf, sizeof buf - 1) : -1;
		if (n < 0 || (size_t)n >= sizeof buf - 1) {
			if (hops >= MAX_LINK_HOPS)
				errno = ELOOP;
			else if (n >= 0)
				errno = ENAMETOOLONG;
			cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot write '%s': %s", name, strerror(errno));
			free(p);
			return CV_EIO;
		}
		buf[n] = '\0';
		char *next;
		if (buf[0] == '/') {
			next = cv_xstrdup(buf);
		} else {
			char *dir = dir_of(p);
			next = cv_xmalloc(strlen(dir) + (size_t)n + 2);
			sprintf(next, "%s/%s", dir, buf);
			free(dir);
		}
		free(p);
		p = next;
	}
	o->file = p;
	o->canon = canonical(p);
	if (!o->canon) {
		cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot write '%s': %s", name, strerror(errno));
		return CV_EIO;
	}
	return CV_OK;
}

void cv_cli_output_fini(cv_output *o)
{
	free(o->file);
	free(o->canon);
	*o = (cv_output){.fd = -1};
}

bool cv_cli_output_same(const cv_output *a, const cv_output *b)
{
	if (a->fd < 0 && b->fd < 0)
		return strcmp(a->canon, b->canon) == 0;
	if (a->fd == b->fd)
		return true;
	/* A descriptor and a file, or two descriptors: the same when they are open on one file. */
	struct stat sa, sb;
	bool ok = (a->fd >= 0 ? fstat(a->fd, &sa) : stat(a->file, &sa)) == 0 &&
		  (b->fd >= 0 ? fstat(b->fd, &sb) : stat(b->file, &sb)) == 0;
	return ok && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *cv_cli_dir_canonical(const char *dir)
{
	return realpath(dir, NULL);
}

bool cv_cli_output_inside(const cv_output *o, const char *dir)
{
	if (o->fd >= 0 || !o->canon)
		return false;
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(o->canon, dir, n) == 0 && o->canon[n] == '/';
}

char *cv_cli_output_parent(const cv_output *o)
{
	return o->canon ? dir_of(o->canon) : NULL;
}
