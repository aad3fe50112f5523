/* Where the PDF goes: output paths from -o templates and variant names, and the atomic writer (a
 * temporary file in the target directory, renamed into place only when complete, so a failed run
 * never leaves a partial file and never replaces a good one). It knows nothing about PDF.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cv2pdf/util.h"

#define VARIANT_FIELD "{variant}"

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

/* The umask can only be read by setting it, which is process-wide: read it once, so that threads
 * writing variants at the same time never see the 0 it is briefly set to. */
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;
static mode_t process_umask;

static void read_umask(void)
{
	process_umask = umask(0);
	umask(process_umask);
}

static int io_error(cv_diags *d, const char *path, const char *what)
{
	cv_diag_add(d, CV_ERROR, "io", (cv_span){0}, "cannot %s '%s': %s", what, path, strerror(errno));
	return CV_EIO;
}

/* Writes to an existing file that is not a regular one (/dev/null, /dev/stdout, a pipe): renaming a
 * temporary file over it would replace the device node itself. */
static int write_special(const char *path, const unsigned char *data, size_t len, cv_diags *d)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return io_error(d, path, "open the output file");
	int rc = cv_cli_write_fd(fd, data, len) == 0 ? CV_OK : io_error(d, path, "write");
	if (close(fd) != 0 && rc == CV_OK)
		rc = io_error(d, path, "write");
	return rc;
}

int cv_cli_write(const char *path, const char *input, const unsigned char *data, size_t len, cv_diags *d)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return io_error(d, "standard output", "write to");
		return CV_OK;
	}
	struct stat out_st, in_st;
	bool exists = stat(path, &out_st) == 0;
	if (exists && input && strcmp(input, "-") != 0 && stat(input, &in_st) == 0 && in_st.st_dev == out_st.st_dev &&
	    in_st.st_ino == out_st.st_ino) {
		cv_diag_add(d, CV_ERROR, "output-is-input", (cv_span){0},
			    "the output file '%s' is the input file; refusing to overwrite it", path);
		return CV_EINPUT;
	}
	if (exists && S_ISDIR(out_st.st_mode)) {
		errno = EISDIR;
		return io_error(d, path, "write");
	}
	if (exists && !S_ISREG(out_st.st_mode))
		return write_special(path, data, len, d);
	/* Through symbolic links: the link's target is replaced and the link stays a link. */
	char *target = exists ? realpath(path, NULL) : NULL;
	if (exists && !target)
		return io_error(d, path, "write");
	char *dircopy = cv_xstrdup(target ? target : path);
	const char *dir = dirname(dircopy);
	size_t tn = strlen(dir) + 32;
	char *tmp = cv_xmalloc(tn);
	snprintf(tmp, tn, "%s/.cv2pdf-XXXXXX", dir);
	free(dircopy);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		free(tmp);
		free(target);
		return io_error(d, path, "create the output file");
	}
	int rc = CV_OK;
	/* A new file gets the usual permissions (mkstemp creates it 0600); a replaced one keeps its own. */
	pthread_once(&umask_once, read_umask);
	mode_t mode = exists ? (out_st.st_mode & 07777) : (0666 & ~process_umask);
	if (cv_cli_write_fd(fd, data, len) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0)
		rc = io_error(d, path, "write");
	if (close(fd) != 0 && rc == CV_OK)
		rc = io_error(d, path, "write");
	if (rc == CV_OK && rename(tmp, target ? target : path) != 0)
		rc = io_error(d, path, "write");
	if (rc != CV_OK)
		unlink(tmp);
	free(tmp);
	free(target);
	return rc;
}
