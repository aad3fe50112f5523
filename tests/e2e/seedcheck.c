/* seedcheck: checks that every word of every line of a seed document appears in the text extracted
 * from the rendered PDF. Words are compared with all white space removed from the extracted text, so
 * line breaks and justification do not matter; a Chinese phrase between two punctuation marks counts
 * as one word. Words listed in the allowlist (one per line, '#' comments) may be missing.
 * Usage: seedcheck SEED.txt EXTRACTED.txt [ALLOWLIST]. Prints each missing word with its seed line.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	if (!buf)
		exit(2);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Separators: ASCII white space and punctuation, and the CJK marks and decorations that the layout
 * may legitimately add, drop or replace (bullets, dashes, quotes). */
static size_t separator_len(const unsigned char *s)
{
	if (*s < 0x80)
		return strchr(" \t\r\n,;:()[]{}\"'*#|<>!?`-/\\", *s) ? 1 : 0;
	static const char *const seps[] = {"，", "。", "、", "；", "：", "？", "！", "（", "）", "“", "”", "‘", "’",
					   "《", "》", "►", "›", "•", "–", "—", "·", "→", "…", "　", NULL};
	for (size_t i = 0; seps[i]; i++) {
		size_t n = strlen(seps[i]);
		if (strncmp((const char *)s, seps[i], n) == 0)
			return n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: seedcheck SEED EXTRACTED [ALLOWLIST]\n");
		return 2;
	}
	size_t sl, el, al = 0;
	char *seed = slurp(argv[1], &sl);
	char *text = slurp(argv[2], &el);
	char *allow = argc > 3 ? slurp(argv[3], &al) : NULL;
	/* The extracted text without white space. */
	char *flat = malloc(el + 1);
	size_t fl = 0;
	for (size_t i = 0; i < el; i++)
		if (!strchr(" \t\r\n\f", text[i]))
			flat[fl++] = text[i];
	flat[fl] = '\0';
	int missing = 0, words = 0, lineno = 0;
	char *save = NULL;
	for (char *line = strtok_r(seed, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		const unsigned char *p = (const unsigned char *)line;
		while (*p) {
			size_t k;
			while (*p && (k = separator_len(p)))
				p += k;
			const unsigned char *w = p;
			while (*p && !separator_len(p))
				p++;
			size_t n = (size_t)(p - w);
			while (n && w[n - 1] == '.')
				n--; /* a sentence's final period may be dropped at an entry's end */
			if (!n)
				continue;
			char word[1024];
			if (n >= sizeof word)
				n = sizeof word - 1;
			memcpy(word, w, n);
			word[n] = '\0';
			words++;
			if (strstr(flat, word))
				continue;
			/* Allowed to be missing? Match a whole allowlist line. */
			int allowed = 0;
			for (const char *a = allow; a && *a;) {
				const char *e = strchr(a, '\n');
				size_t m = e ? (size_t)(e - a) : strlen(a);
				if (m == n && memcmp(a, word, n) == 0)
					allowed = 1;
				a = e ? e + 1 : a + m;
			}
			if (!allowed) {
				printf("%s:%d: missing \"%s\"\n", argv[1], lineno, word);
				missing++;
			}
		}
	}
	printf("seedcheck: %d words checked, %d missing\n", words, missing);
	free(seed);
	free(text);
	free(allow);
	free(flat);
	return missing ? 1 : 0;
}
