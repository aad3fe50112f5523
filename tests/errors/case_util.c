/* case_util: see case_util.h.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "case_util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("run_case: out of memory\n", stderr);
		abort();
	}
	return p;
}

void str_add(str *s, const char *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->p = xrealloc(s->p, s->cap);
	}
	if (n)
		memcpy(s->p + s->len, p, n);
	s->len += n;
	s->p[s->len] = '\0';
}

void str_adds(str *s, const char *p) { str_add(s, p, strlen(p)); }

void str_addc(str *s, char c) { str_add(s, &c, 1); }

char *xstrdup(const char *p)
{
	str s = {0};
	str_adds(&s, p);
	return s.p;
}

char *cat2(const char *a, const char *b)
{
	str s = {0};
	str_adds(&s, a);
	str_adds(&s, b);
	return s.p;
}

void strv_add(strv *l, char *p)
{
	if (l->n + 2 > l->cap) {
		l->cap = (l->n + 2) * 2;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = p;
	l->v[l->n] = NULL;
}

/* Appends LINE to the newline-separated LIST (the first line without a separator, as the bash
 * runner's add_line did: an empty first line leaves the list empty). */
void add_line(str *list, const char *line)
{
	if (list->len)
		str_addc(list, '\n');
	str_adds(list, line);
}

/* Every occurrence of FROM in S replaced by TO; a new string. */
char *replace_all(const char *s, const char *from, const char *to)
{
	str r = {0};
	size_t fl = strlen(from);
	str_adds(&r, "");
	for (const char *hit; (hit = strstr(s, from)); s = hit + fl) {
		str_add(&r, s, (size_t)(hit - s));
		str_adds(&r, to);
	}
	str_adds(&r, s);
	return r.p;
}

/* The whole file at PATH, or -1 (errno set). */
int read_file(const char *path, str *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	out->len = 0;
	str_adds(out, "");
	char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		str_add(out, buf, (size_t)n);
	}
	close(fd);
	return 0;
}

/* ---- Files and folders ---- */

/* Calls FN on PATH and everything below it, depth first; PRE: before a folder's entries (so that
 * FN may first give a folder back its permissions), else after. Symbolic links are not followed,
 * and unreadable folders are skipped, as bash's ** and chmod -R do. */
void walk(const char *path, int pre, void (*fn)(const char *path, const struct stat *st, void *arg), void *arg)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (pre)
		fn(path, &st, arg);
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			strv names = {0};
			for (struct dirent *e; (e = readdir(d));)
				if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
					strv_add(&names, xstrdup(e->d_name));
			closedir(d);
			for (size_t i = 0; i < names.n; i++) {
				char *p = cat2(path, "/");
				char *q = cat2(p, names.v[i]);
				walk(q, pre, fn, arg);
				free(p);
				free(q);
				free(names.v[i]);
			}
			free(names.v);
		}
	}
	if (!pre)
		fn(path, &st, arg);
}

void give_back(const char *path, const struct stat *st, void *arg)
{
	(void)arg;
	if (!S_ISLNK(st->st_mode))
		chmod(path, (st->st_mode & 07777) | S_IRWXU);
}

static void remove_one(const char *path, const struct stat *st, void *arg)
{
	(void)arg;
	if (S_ISDIR(st->st_mode))
		rmdir(path);
	else
		unlink(path);
}

void find_temporaries(const char *path, str *found)
{
	DIR *d = opendir(path);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = cat2(path, "/"), *q = cat2(p, e->d_name);
		if (strncmp(e->d_name, ".cv2pdf-", 8) == 0) {
			if (found->len)
				str_addc(found, ' ');
			str_adds(found, q);
		}
		/* The entry's type from the folder itself: an lstat per file, for some 250 files of
		 * tests/errors/ a case, cost more than the rest of the check. */
		int dir = e->d_type == DT_DIR;
		struct stat st;
		if (e->d_type == DT_UNKNOWN && lstat(q, &st) == 0)
			dir = S_ISDIR(st.st_mode);
		if (dir)
			find_temporaries(q, found);
		free(p);
		free(q);
	}
	closedir(d);
}

/* Empties PATH and removes it, whatever a setup did to its permissions (a folder without write
 * permission, to test refusals): given back first, so that nothing stays behind. */
void remove_tree(const char *path)
{
	walk(path, 1, give_back, NULL);
	walk(path, 0, remove_one, NULL);
}

/* The variables an 'args:' line may name. */
static const char *const arg_vars[] = {"CASE", "TMP", "OUT", "SRC", "BIN"};

/* The value of the variable named at P (LEN bytes), when it is one of arg_vars. */
static const char *arg_var(const char *p, size_t len)
{
	for (size_t i = 0; i < sizeof arg_vars / sizeof *arg_vars; i++)
		if (strlen(arg_vars[i]) == len && memcmp(arg_vars[i], p, len) == 0)
			return getenv(arg_vars[i]);
	return NULL;
}

/* Splits ARGS into words as bash's eval "set -- ARGS" does, for the forms the catalogue uses: words
 * separated by blanks, single and double quotes, backslashes, $NAME and ${NAME} of arg_vars. Returns
 * 0, or -1 when ARGS has anything else a shell would treat specially (globs, braces, tildes,
 * operators, other expansions, an unquoted expansion a shell would split or glob): then a shell
 * reads it. */
int split_simple(const char *s, strv *words)
{
	str w = {0};
	int in_word = 0;
	for (;;) {
		char c = *s;
		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (in_word)
				strv_add(words, w.p ? w.p : xstrdup(""));
			w = (str){0};
			in_word = 0;
			if (!c)
				return 0;
			s++;
			continue;
		}
		if (!in_word)
			str_adds(&w, "");
		in_word = 1;
		if (c == '\'') {
			const char *end = strchr(s + 1, '\'');
			if (!end)
				goto shell;
			str_add(&w, s + 1, (size_t)(end - s - 1));
			s = end + 1;
		} else if (c == '"') {
			for (s++; *s != '"'; s++) {
				if (!*s || *s == '`')
					goto shell;
				if (*s == '\\' && s[1] && strchr("$`\"\\\n", s[1])) {
					if (s[1] != '\n')
						str_addc(&w, s[1]);
					s++;
				} else if (*s == '$') {
					int brace = s[1] == '{';
					const char *name = s + 1 + brace, *e = name;
					while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_')
						e++;
					const char *v = arg_var(name, (size_t)(e - name));
					if (!v || (brace && *e != '}'))
						goto shell;
					str_adds(&w, v);
					s = e - 1 + brace;
				} else {
					str_addc(&w, *s);
				}
			}
			s++;
		} else if (c == '\\') {
			if (!s[1])
				goto shell;
			if (s[1] != '\n')
				str_addc(&w, s[1]);
			s += 2;
		} else if (c == '$') {
			int brace = s[1] == '{';
			const char *name = s + 1 + brace, *e = name;
			while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_')
				e++;
			const char *v = arg_var(name, (size_t)(e - name));
			if (!v || !*v || (brace && *e != '}') || strpbrk(v, " \t\n*?[\\"))
				goto shell;
			str_adds(&w, v);
			s = e + brace;
		} else if (strchr("|&;<>()*?[]{}~#`!", c)) {
			goto shell;
		} else {
			str_addc(&w, c);
			s++;
		}
	}
shell:
	free(w.p);
	return -1;
}

/* A line of cv2pdf's stderr that is a source excerpt ("   12 | text") or the caret line under it
 * ("      | ^^^"): as the regular expression ^ *[0-9]* \| (which the bash runner used) matches. */
int is_excerpt(const char *line)
{
	size_t i = strspn(line, " ");
	size_t j = i + strspn(line + i, "0123456789");
	if (j > i)
		return strncmp(line + j, " | ", 3) == 0;
	return i > 0 && strncmp(line + i - 1, " | ", 3) == 0;
}

int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The words of S (blank-separated), sorted, as one line. */
char *sorted_words(strv *w)
{
	qsort(w->v, w->n, sizeof *w->v, cmp_str);
	str r = {0};
	str_adds(&r, "");
	for (size_t i = 0; i < w->n; i++) {
		if (i)
			str_addc(&r, ' ');
		str_adds(&r, w->v[i]);
	}
	return r.p;
}

void split_blanks(const char *s, strv *out)
{
	while (*s) {
		s += strspn(s, " \t\n");
		size_t n = strcspn(s, " \t\n");
		if (n) {
			str w = {0};
			str_add(&w, s, n);
			strv_add(out, w.p);
		}
		s += n;
	}
}

/* Splits S at newlines into OUT (the pieces point into S, which is changed). */
void split_lines(char *s, strv *out)
{
	for (;;) {
		strv_add(out, s);
		char *nl = strchr(s, '\n');
		if (!nl)
			return;
		*nl = '\0';
		s = nl + 1;
	}
}

/* ---- Cases and their folders ---- */

/* A case file's name: a regular file ending in one of these. */
int is_case_file(const char *path)
{
	static const char *const exts[] = {".yaml", ".yml", ".json"};
	const char *dot = strrchr(path, '.');
	struct stat st;
	if (!dot || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
		if (strcmp(dot, exts[i]) == 0)
			return 1;
	return 0;
}

/* ARG (a case file or a folder of them; absolute paths below SRC made relative) into CASES. */
void add_cases(const char *src, const char *arg, strv *cases)
{
	size_t srclen = strlen(src);
	if (strncmp(arg, src, srclen) == 0 && arg[srclen] == '/')
		arg += srclen + 1;
	struct stat st;
	if (stat(arg, &st) != 0) {
		fprintf(stderr, "run_case: %s: %s\n", arg, strerror(errno));
		exit(2);
	}
	if (!S_ISDIR(st.st_mode)) {
		strv_add(cases, xstrdup(arg));
		return;
	}
	DIR *d = opendir(arg);
	if (!d) {
		fprintf(stderr, "run_case: %s: %s\n", arg, strerror(errno));
		exit(2);
	}
	strv found = {0};
	size_t len = strlen(arg);
	for (struct dirent *e; (e = readdir(d));) {
		str p = {0};
		str_adds(&p, arg);
		if (len && arg[len - 1] != '/')
			str_addc(&p, '/');
		str_adds(&p, e->d_name);
		if (e->d_name[0] != '.' && is_case_file(p.p))
			strv_add(&found, p.p);
		else
			free(p.p);
	}
	closedir(d);
	if (found.n)
		qsort(found.v, found.n, sizeof *found.v, cmp_str);
	for (size_t i = 0; i < found.n; i++)
		strv_add(cases, found.v[i]);
	free(found.v);
}

/* The case's scratch folder below SCRATCH: its path without "tests/" and its extension, '/' made '_'
 * (tests/errors/dup_key.yaml: SCRATCH/errors_dup_key). */
char *case_scratch(const char *scratch, const char *rel)
{
	if (strncmp(rel, "tests/", 6) == 0)
		rel += 6;
	str key = {0};
	str_adds(&key, scratch);
	str_addc(&key, '/');
	size_t start = key.len;
	str_adds(&key, rel);
	char *slash = strrchr(key.p + start, '/'), *dot = strrchr(key.p + start, '.');
	if (dot && (!slash || dot > slash) && dot > key.p + start)
		*dot = '\0';
	for (char *p = key.p + start; *p; p++)
		if (*p == '/')
			*p = '_';
	return key.p;
}

/* Makes PATH and its missing parents (as mkdir -p). */
int make_dirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				free(p);
				return -1;
			}
			*s = '/';
		}
	int r = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return r;
}
