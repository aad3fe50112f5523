/* pdfcheck: checks TYPESETTING.md's rules 1, 2, 8, 9, 13, 20 and 22 on every line of a rendered PDF,
 * reading per-character boxes and fonts from `mutool draw -F stext` output (an independent reader:
 * nothing of cv2pdf's own layout is trusted here).
 * Usage: pdfcheck STEXT.xml LEFT RIGHT [LEFT RIGHT ...] [--justified] [--ragged COL] [--header-lines N]
 *                [--column-order] [--max-space EM] [--max-han-gap EM] [--foot PT] [--last-fill SHARE]
 *                [--edge X ...] [--abutting] [--column-start X]
 *   LEFT/RIGHT: each text column's edges in points, left to right; a character belongs to the column
 *   whose left edge it starts after, and must end inside it. The first N baselines of page 1 (a
 *   header across the columns), and every page after the first where text runs through the gutter
 *   (the main column widened where the sidebar has ended), are checked against the outer edges.
 *   Typography figures (issue 15), each checked only when its option is given:
 *   --max-space EM     no word space (a gap over a tenth of an em between two Latin glyphs) wider
 *   --max-han-gap EM   no line whose Han characters are spaced wider, by the median of its gaps
 *   --foot PT          no page but the last whose lowest baseline is higher than the document's
 *                      lowest by more than PT (a white band at the foot)
 *   --last-fill SHARE  the last page's lowest baseline at least SHARE of the way down the body
 *   (page-number footers, lines of digits and a slash, are left out of the last two.)
 *   --edge X   a justified line may also end at X, inside its column (entries set in from the
 *              column's edge, or narrowed beside a column of dates)
 *   --column-start X  a gap before a character starting at X is no word space: the text column
 *              beside a column of dates (moderncv) starts there, the date's line before it
 *   --abutting the lines of an entry are paragraphs set without space between them (RenderCV's
 *              classic: title, authors, journal), so a line followed by one that starts with a
 *              capital, a digit or an opening bracket may end its paragraph
 * Prints each violation and a summary line; exits 1 when there is any.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ch {
	int page;
	int col; /* column index, or -1 for the header across all columns */
	size_t seq; /* position in the content stream */
	double x0, x1, y, size;
	uint32_t cp;
	const char *font; /* one of font_names: a pointer, not the name, keeps a character 64 bytes */
} ch;

static ch *chars;
static size_t n_chars, cap_chars;
static int violations;
/* The fonts' names, each once (a document has a handful): with a copy of the name in each character
 * (120 bytes, not 64), the portfolio's 20,000 characters touched some 280 fresh pages more, at ~25 us
 * each on this kind of machine. */
static char **font_names;
static size_t n_font_names;

/* NAME's copy in font_names, made on its first call. */
static const char *font_name(const char *name)
{
	for (size_t i = 0; i < n_font_names; i++)
		if (strcmp(font_names[i], name) == 0)
			return font_names[i];
	font_names = realloc(font_names, (n_font_names + 1) * sizeof *font_names);
	if (!font_names || !(font_names[n_font_names] = strdup(name))) {
		perror("pdfcheck");
		exit(2);
	}
	return font_names[n_font_names++];
}

static void fail(const ch *c, const char *rule, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#include <stdarg.h>
static void fail(const ch *c, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("page %d y=%.1f x=%.1f: rule %s: ", c->page, c->y, c->x0, rule);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	violations++;
}

static const char *attr(const char *tag, const char *name, char *out, size_t cap)
{
	/* The key, ' NAME="', made by hand: this runs three times a character of MuPDF's XML (1-3 MB), and
	 * an snprintf each was a tenth of the program's time. */
	char key[32];
	size_t len = strlen(name);
	if (len > sizeof key - 4)
		return NULL;
	key[0] = ' ';
	memcpy(key + 1, name, len);
	memcpy(key + 1 + len, "=\"", 3);
	const char *p = strstr(tag, key);
	if (!p)
		return NULL;
	p += strlen(key);
	const char *e = strchr(p, '"');
	size_t n = e ? (size_t)(e - p) : 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

static uint32_t decode_c(const char *s)
{
	if (s[0] == '&') {
		if (s[1] == '#')
			return (uint32_t)strtoul(s + (s[2] == 'x' ? 3 : 2), NULL, s[2] == 'x' ? 16 : 10);
		if (!strncmp(s, "&amp;", 5))
			return '&';
		if (!strncmp(s, "&lt;", 4))
			return '<';
		if (!strncmp(s, "&gt;", 4))
			return '>';
		if (!strncmp(s, "&quot;", 6))
			return '"';
		if (!strncmp(s, "&apos;", 6))
			return '\'';
	}
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] < 0xE0)
		return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	if (u[0] < 0xF0)
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 |
	       (u[3] & 0x3F);
}

static void parse(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	int page = 0;
	char font[64] = "";
	const char *font_now = font_name(font);
	double size = 0;
	while (getline(&line, &cap, f) > 0) {
		char buf[256];
		if (strstr(line, "<page ")) {
			page++;
		} else if (strstr(line, "<font ")) {
			attr(line, "name", font, sizeof font);
			font_now = font_name(font);
			size = atof(attr(line, "size", buf, sizeof buf) ? buf : "0");
		} else if (strstr(line, "<char ")) {
			char q[256], c[32];
			if (!attr(line, "quad", q, sizeof q) || !attr(line, "c", c, sizeof c) || !attr(line, "y", buf, sizeof buf))
				continue;
			/* The quad's eight numbers, read by strtod as sscanf's "%lf %lf ..." reads them (strtod
			 * skips the white space before each), without scanf's per-call overhead. */
			double v[8];
			const char *at = q;
			int n = 0;
			for (char *end; n < 8; n++, at = end) {
				v[n] = strtod(at, &end);
				if (end == at)
					break;
			}
			if (n != 8)
				continue;
			uint32_t cp = decode_c(c);
			if (cp == ' ')
				continue; /* mutool's inferred spaces: not drawn glyphs */
			if (n_chars == cap_chars) {
				cap_chars = cap_chars ? cap_chars * 2 : 4096;
				chars = realloc(chars, cap_chars * sizeof *chars);
			}
			ch *k = &chars[n_chars++];
			k->page = page;
			k->seq = n_chars - 1;
			k->x0 = v[0];
			k->x1 = v[2];
			k->y = atof(buf);
			k->size = size;
			k->cp = cp;
			k->font = font_now;
		}
	}
	free(line);
}

static int by_line(const void *a, const void *b)
{
	const ch *p = a, *q = b;
	if (p->page != q->page)
		return p->page - q->page;
	if (fabs(p->y - q->y) > 0.5)
		return p->y < q->y ? -1 : 1;
	return p->x0 < q->x0 ? -1 : p->x0 > q->x0;
}

static int by_seq(const void *a, const void *b)
{
	const ch *p = a, *q = b;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static bool in_list(uint32_t cp, const uint32_t *list)
{
	for (; *list; list++)
		if (*list == cp)
			return true;
	return false;
}

static const uint32_t no_start[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B, 0x300D,
				    0x300F, 0x3011, 0x3015, 0x3009, 0xFF3D, 0xFF5D, 0x3017, 0x201D, 0x2019, 0x00B7,
				    0x30FB, '%', 0x2030, 0x2103, 0};
static const uint32_t no_end[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0xFF3B, 0xFF5B, 0x3016,
				  0x201C, 0x2018, '$', 0xA5, 0xFFE5, 0xA3, 0};
static const uint32_t fw_close[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B,
				    0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0};
static const uint32_t fw_open[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0};

static bool is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static bool is_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_fw_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* --column-start: where a text column starts beside a column of dates; 0 for none. */
static double column_start;

/* Whether d starts the text column beside the dates (--column-start): the gap before it is none. */
static bool at_column_start(const ch *d)
{
	return column_start > 0 && fabs(d->x0 - column_start) <= 0.3;
}

/* Word spaces and Han spacing on the segment chars[i..j) (sorted by x): a gap wider than a tenth of
 * an em between two Latin glyphs is a word space, and a right-aligned date a whole em or more away
 * is not one, nor the gap from a date to the column beside it; the median gap between Han
 * neighbours says whether the line is letter-spaced. */
static void check_spacing(size_t i, size_t j, double max_space, double max_han_gap)
{
	double han[512];
	size_t nh = 0;
	for (size_t k = i; k + 1 < j; k++) {
		const ch *c = &chars[k], *d = &chars[k + 1];
		double gap = (d->x0 - c->x1) / c->size;
		if (is_han(c->cp) && is_han(d->cp)) {
			if (nh < sizeof han / sizeof *han)
				han[nh++] = gap;
		} else if (max_space > 0 && !is_han(c->cp) && !is_han(d->cp) && !is_fw_punct(c->cp) && !is_fw_punct(d->cp) &&
			   gap > 0.1 && gap < 1.0 && gap > max_space + 0.005 &&
			   !at_column_start(d))
			fail(c, "space", "a word space of %.2f em (at most %.2f)", gap, max_space);
	}
	if (max_han_gap > 0 && nh > 4) {
		qsort(han, nh, sizeof *han, by_double);
		if (han[nh / 2] > max_han_gap + 0.005)
			fail(&chars[i], "han", "Han characters spaced %.2f em apart (median; at most %.2f)", han[nh / 2],
			     max_han_gap);
	}
}

/* Whether the line chars[i, j) ending at end is set ragged, the line breaker's last resort in
 * justified text: at natural spacing (word gaps no wider than a face's own space, RAGGED_SPACE em;
 * Han characters not spaced apart), and short only because the next line's first word (from chars[j])
 * could not join it. */
#define RAGGED_SPACE 0.3
static bool ragged_line(size_t i, size_t j, double end, double right)
{
	for (size_t k = i; k + 1 < j; k++) {
		const ch *c = &chars[k], *d = &chars[k + 1];
		double gap = (d->x0 - c->x1) / c->size;
		if (is_han(c->cp) && is_han(d->cp) ? gap > 0.01 : gap > RAGGED_SPACE && gap < 1.0)
			return false;
	}
	size_t k = j + 1;
	while (k < n_chars && !is_han(chars[k - 1].cp) && !is_han(chars[k].cp) && chars[k].y == chars[j].y &&
	       chars[k].x0 - chars[k - 1].x1 < 0.1 * chars[k].size)
		k++;
	double word = chars[k - 1].x1 - chars[j].x0 + 0.125 * chars[j].size; /* and the least gap before it */
	return end + word > right;
}

/* A page-number footer: digits and a slash. */
static bool is_footer_line(size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		if (!(chars[k].cp == '/' || (chars[k].cp >= '0' && chars[k].cp <= '9')))
			return false;
	return true;
}

/* The white band at the foot of every page but the last, and how full the last page is, from each
 * page's lowest text baseline (chars sorted by line). */
static void check_pages(double foot, double last_fill)
{
	int pages = n_chars ? chars[n_chars - 1].page : 0;
	double *low = calloc((size_t)pages + 1, sizeof *low), top = 1e9, deepest = 0;
	for (size_t i = 0; i < n_chars;) {
		size_t j = i + 1;
		while (j < n_chars && chars[j].page == chars[i].page && fabs(chars[j].y - chars[i].y) <= 0.5)
			j++;
		if (!is_footer_line(i, j)) {
			if (chars[i].y > low[chars[i].page])
				low[chars[i].page] = chars[i].y;
			if (chars[i].page == 1 && chars[i].y < top)
				top = chars[i].y;
		}
		i = j;
	}
	for (int p = 1; p <= pages; p++)
		if (low[p] > deepest)
			deepest = low[p];
	for (int p = 1; p < pages && foot > 0; p++)
		if (deepest - low[p] > foot) {
			ch at = {.page = p, .y = low[p]};
			fail(&at, "foot", "%.0f pt of white at the foot of the page (at most %.0f)", deepest - low[p], foot);
		}
	if (pages > 1 && last_fill > 0 && deepest > top && (low[pages] - top) / (deepest - top) < last_fill) {
		ch at = {.page = pages, .y = low[pages]};
		fail(&at, "fill", "the last page is %.0f %% full (at least %.0f %%)", 100 * (low[pages] - top) / (deepest - top),
		     100 * last_fill);
	}
	free(low);
}

/* Whether the line chars[i..j) starts with a list marker: a bullet, or digits and a full stop. */
static bool starts_item(size_t i, size_t j)
{
	static const uint32_t bullets[] = {0x2022, 0x25E6, 0x25CF, 0x25C6, 0x25A0, 0x2605, 0x2013, 0x2014, 0x25CB,
					   0x00B7, '-', 0};
	for (size_t b = 0; bullets[b]; b++)
		if (chars[i].cp == bullets[b])
			return true;
	size_t k = i;
	while (k < j && chars[k].cp >= '0' && chars[k].cp <= '9')
		k++;
	return k > i && k < j && chars[k].cp == '.';
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: pdfcheck STEXT LEFT RIGHT [--justified]\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	parse(f);
	fclose(f);
	double lefts[8], rights[8], edges[8];
	int n_cols = 0, header_lines = 0, n_edges = 0;
	bool abutting = false;
	bool justified = false, column_order = false;
	double max_space = 0, max_han_gap = 0, foot = 0, last_fill = 0;
	int ragged_col = -2; /* a column set ragged-right even in a justified document (a sidebar) */
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--justified"))
			justified = true;
		else if (!strcmp(argv[i], "--ragged") && i + 1 < argc)
			ragged_col = atoi(argv[++i]) - 1;
		else if (!strcmp(argv[i], "--column-order"))
			column_order = true;
		else if (!strcmp(argv[i], "--header-lines") && i + 1 < argc)
			header_lines = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--column-start") && i + 1 < argc)
			column_start = atof(argv[++i]);
		else if (!strcmp(argv[i], "--edge") && i + 1 < argc && n_edges < 8)
			edges[n_edges++] = atof(argv[++i]);
		else if (!strcmp(argv[i], "--abutting"))
			abutting = true;
		else if (!strcmp(argv[i], "--max-space") && i + 1 < argc)
			max_space = atof(argv[++i]);
		else if (!strcmp(argv[i], "--max-han-gap") && i + 1 < argc)
			max_han_gap = atof(argv[++i]);
		else if (!strcmp(argv[i], "--foot") && i + 1 < argc)
			foot = atof(argv[++i]);
		else if (!strcmp(argv[i], "--last-fill") && i + 1 < argc)
			last_fill = atof(argv[++i]);
		else if (i + 1 < argc && n_cols < 8) {
			lefts[n_cols] = atof(argv[i]);
			rights[n_cols++] = atof(argv[++i]);
		}
	}
	if (!n_cols) {
		fprintf(stderr, "pdfcheck: no column given\n");
		return 2;
	}
	qsort(chars, n_chars, sizeof *chars, by_line);
	/* A page where text runs through the gutter between two columns is set in one column across the
	 * page: the main column once the sidebar has ended. */
	int max_page = n_chars ? chars[n_chars - 1].page : 0;
	bool *across = calloc((size_t)max_page + 2, sizeof *across);
	for (size_t i = 0; i < n_chars && n_cols >= 2; i++) {
		const ch *c = &chars[i];
		double mid = (rights[0] + lefts[1]) / 2;
		if (c->x0 < mid && c->x1 > mid && !(c->page == 1))
			across[c->page] = true;
	}
	/* Columns: the header's baselines first, then by left edge. */
	int seen = 0;
	double last_y = -1;
	for (size_t i = 0; i < n_chars; i++) {
		ch *c = &chars[i];
		if (c->page == 1 && fabs(c->y - last_y) > 0.5) {
			seen++;
			last_y = c->y;
		}
		c->col = 0;
		/* An opening bracket that starts a line is pulled back by its blank (up to half an em). */
		double x0 = c->x0 + (in_list(c->cp, fw_open) ? c->size * 0.5 : 0);
		for (int k = 1; k < n_cols; k++)
			if (x0 >= lefts[k] - 1)
				c->col = k;
		if ((c->page == 1 && seen <= header_lines) || across[c->page])
			c->col = -1;
	}
	free(across);

	/* Reading order (--column-order): in the content stream, which is what text extractors reading in
	 * stream order and applicant-tracking systems get, a page's columns come one after the other:
	 * once a character of column k is drawn, none of an earlier column follows on that page. */
	if (column_order) {
		qsort(chars, n_chars, sizeof *chars, by_seq);
		int page = 0, col = -1;
		for (size_t i = 0; i < n_chars; i++) {
			const ch *c = &chars[i];
			if (c->page != page) {
				page = c->page;
				col = -1;
			}
			if (c->col >= 0 && c->col < col)
				fail(c, "order", "U+%04X of column %d drawn after column %d", c->cp, c->col + 1, col + 1);
			if (c->col > col)
				col = c->col;
		}
		qsort(chars, n_chars, sizeof *chars, by_line);
	}

	/* Segments: runs of characters on one baseline with no gap wider than 2.5 em (a right-aligned
	 * date is a segment of its own). */
	size_t lines = 0;
	for (size_t i = 0; i < n_chars;) {
		size_t j = i + 1;
		while (j < n_chars && chars[j].page == chars[i].page && fabs(chars[j].y - chars[i].y) <= 0.5 &&
		       chars[j].col == chars[i].col && chars[j].x0 - chars[j - 1].x1 < 2.5 * chars[j].size)
			j++;
		lines++;
		const ch *first = &chars[i], *last = &chars[j - 1];
		double left = first->col < 0 ? lefts[0] : lefts[first->col];
		double right = first->col < 0 ? rights[n_cols - 1] : rights[first->col];
		if (in_list(first->cp, no_start))
			fail(first, "1", "line starts with U+%04X", first->cp);
		if (in_list(last->cp, no_end))
			fail(last, "2", "line ends with U+%04X", last->cp);
		bool has_space = false;
		for (size_t k = i; k < j; k++) {
			const ch *c = &chars[k];
			double em = c->size;
			/* Rule 20: inside the column; only a hanging half of full-width punctuation may pass. */
			double slack_l = in_list(c->cp, fw_open) ? em * 0.5 + 0.05 : 0.05;
			double slack_r = in_list(c->cp, fw_close) ? em * 0.5 + 0.05 : 0.05;
			if (c->x0 < left - slack_l || c->x1 > right + slack_r)
				fail(c, "20", "U+%04X at %.2f–%.2f outside the column %.2f–%.2f", c->cp, c->x0, c->x1, left, right);
			/* Rule 22: each script in its font. */
			if (is_han(c->cp) && !strstr(c->font, "wqy"))
				fail(c, "22", "Han U+%04X set in %s", c->cp, c->font);
			if (is_alnum(c->cp) && !strstr(c->font, "Noto"))
				fail(c, "22", "Latin '%c' set in %s", (char)c->cp, c->font);
			if (k + 1 >= j)
				continue;
			const ch *d = &chars[k + 1];
			double gap = d->x0 - c->x1;
			if (gap > 0.15 * em)
				has_space = true;
			/* Rules 8 and 9: Han next to Latin: 1/8 to 1/3 em; full-width punctuation next to Latin:
			 * no added space. */
			if (((is_han(c->cp) && is_alnum(d->cp)) || (is_alnum(c->cp) && is_han(d->cp))) && !at_column_start(d)) {
				if (gap < em * 0.125 - 0.05 || gap > em / 3 + 0.05)
					fail(c, "8", "gap of %.2f em between U+%04X and U+%04X", gap / em, c->cp, d->cp);
			}
			if ((is_fw_punct(c->cp) && is_alnum(d->cp)) || (is_alnum(c->cp) && is_fw_punct(d->cp))) {
				if (gap > em * 0.05)
					fail(c, "9", "gap of %.2f em next to full-width U+%04X/U+%04X", gap / em, c->cp, d->cp);
			}
			/* Nothing overlaps (compressed punctuation gives up only its blank half; kerning pairs such
			 * as "r." in Noto Sans overlap by up to a fifth of an em). */
			double allowed = is_fw_punct(c->cp) ? em * 0.5 + 0.05 : em * 0.2;
			if (gap < -allowed)
				fail(d, "20", "U+%04X overlaps U+%04X by %.2f em", d->cp, c->cp, -gap / em);
		}
		/* Rule 13: a justified line followed by a continuation of its paragraph (the next line on the
		 * page, same left edge, one line pitch below) is flush with the right edge. */
		if (justified && has_space && j < n_chars && first->col != ragged_col) {
			const ch *next = &chars[j];
			/* A line that starts with a list marker is an item's first line: the item's own lines
			 * hang after the marker, so a line at the marker's edge is the next item. */
			bool continuation = next->page == first->page && fabs(next->x0 - first->x0) < 0.1 &&
					    next->y - first->y > 0.5 && next->y - first->y < first->size * 1.4 &&
					    next->size == first->size && !strcmp(next->font, first->font) &&
					    !starts_item(i, j) &&
					    !(abutting && ((next->cp >= 'A' && next->cp <= 'Z') || (next->cp >= '0' && next->cp <= '9') ||
							   next->cp == '(' || next->cp == '['));
			bool title = strstr(first->font, "Bold") && strstr(last->font, "Bold");
			double end = last->x1 - (in_list(last->cp, fw_close) ? last->size * 0.5 : 0);
			bool flush = fabs(end - right) <= 0.3 || last->x1 >= right - 0.3;
			for (int e = 0; e < n_edges && !flush; e++)
				flush = fabs(end - edges[e]) <= 0.3 || fabs(last->x1 - edges[e]) <= 0.3;
			if (continuation && !title && !flush && !ragged_line(i, j, end, right))
				fail(last, "13", "justified line ends at %.2f, not at %.2f", end, right);
		}
		check_spacing(i, j, max_space, max_han_gap);
		i = j;
	}
	if (foot > 0 || last_fill > 0)
		check_pages(foot, last_fill);
	printf("pdfcheck: %zu characters on %zu lines, %d violations\n", n_chars, lines, violations);
	free(chars);
	for (size_t i = 0; i < n_font_names; i++)
		free(font_names[i]);
	free(font_names);
	return violations ? 1 : 0;
}
