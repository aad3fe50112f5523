/* Break opportunities for mixed English and Chinese text: UAX #14 from libunistring, then override
 * passes for technical tokens, URLs, e-mail addresses, date ranges, number-unit pairs, Chinese
 * quotation marks, middle dots, —— and ……, Korean words, and the CLREQ line start/end prohibitions.
 * It only marks where a line may or must start: it never measures, hyphenates or allocates.
 * SPDX-License-Identifier: MIT */
#include "cv2pdf/text.h"
#include "cv2pdf/lang.h"
#include "cv2pdf/util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>
#include <stdlib.h>
#include <string.h>

/* While the passes run, brk[] holds the break value in its low bits plus bookkeeping bits, so the
 * module needs no memory of its own: the caller's array is the only per-byte storage we have. */
enum {
	VALUE_MASK = 7,  /* CV_BRK_* */
	START_BIT = 8,   /* the byte begins a character (as decoded by u8_mbtouc) */
	NEWLINE_BIT = 16 /* the character is a line break: the next character must start a line */
};

/* "No such character": before the first or after the last one, or across a newline. */
#define NONE SIZE_MAX

/* A break after '/' inside a word needs this many letters on each side, so that short parts (I/O)
 * and anything next to a digit (1/2) stay whole. There is never a break after a hyphen: text
 * extractors (poppler's pdftotext, which applicant-tracking systems use) take a hyphen at a line end
 * for hyphenation and drop it, so "Retrieval-Augmented" would be read as "RetrievalAugmented". */
#define MIN_JOINED_LETTERS 2
/* A URL break leaves at least this many letters or digits of the URL for the next line, so that
 * "?lang=" never strands "zh" on a line of its own. */
#define URL_MIN_TAIL 3
/* After a date-range dash this many Han characters stay with the range ("2024.03 – 至今"). */
#define RANGE_HAN_KEEP 2
/* —— and ……: a run of at least this many is one unbreakable unit. */
#define MIN_DASH_RUN 2
/* Digits of a year, which rule 4 does not glue to the English word after it. */
#define YEAR_DIGITS 4
/* Longest month name recognised before a year, in letters ("Σεπτέμβριος", "septiembre"). */
#define MONTH_MAX 12

typedef struct text {
	const uint8_t *s;
	size_t len;
	char *brk;
	/* The character starting at each byte (0 inside one), decoded once: the passes ask for
	 * characters many times each, and decoding was most of their cost. */
	ucs4_t *cp;
	bool zh; /* lang is Chinese or Japanese: quotes not between two letters count as CJK quotes */
	unsigned has; /* HAS_*: the kinds of character the text holds, noted while decoding it */
} text;

/* Most passes concern a few non-ASCII characters only. base_pass notes which kinds occur, and a pass
 * whose characters do not occur is skipped: an English paragraph then runs the ASCII rules alone.
 * Each bit is set by the very predicate its pass tests, so skipping a pass cannot change its result. */
enum {
	HAS_IDEO = 1,    /* is_ideo: script_pass (a rule between ideographs and Latin) */
	HAS_QUOTE = 2,   /* is_open_quote or is_close_quote: quote_pass */
	HAS_DASH = 4,    /* dash_family: dash_pass */
	HAS_MIDDOT = 8,  /* U+00B7, U+30FB: middle_dot_pass */
	HAS_HANGUL = 16, /* is_hangul: hangul_pass */
};

/* ---- Characters ----------------------------------------------------------------------------- */

static bool in(ucs4_t u, ucs4_t lo, ucs4_t hi)
{
	return u >= lo && u <= hi;
}

static bool one_of(ucs4_t u, const ucs4_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == u)
			return true;
	return false;
}

/* Spaces the caller treats as glue. No-break spaces (U+00A0, U+2007, U+202F) are not among them:
 * they are part of the word they join. */
static bool is_space(ucs4_t u)
{
	return u == ' ' || u == '\t' || u == 0x1680 || u == 0x205F || u == 0x3000 ||
	       (in(u, 0x2000, 0x200A) && u != 0x2007);
}

static bool is_newline(ucs4_t u)
{
	return u == '\n' || u == '\r' || u == '\v' || u == '\f' || u == 0x85 || u == 0x2028 ||
	       u == 0x2029;
}

/* Han ideographs, with the iteration mark 々 and the ideographic zero 〇 used in dates. */
static bool is_han(ucs4_t u)
{
	if (u < 0x3005) /* every test below is above: most characters are Latin */
		return false;
	return in(u, 0x3400, 0x4DBF) || in(u, 0x4E00, 0x9FFF) || in(u, 0xF900, 0xFAFF) ||
	       in(u, 0x20000, 0x2FFFF) || in(u, 0x30000, 0x3134F) || u == 0x3005 || u == 0x3007;
}

/* Letters of East Asian scripts, which break like Han: Han, kana (not its punctuation), Hangul. */
static bool is_ideo(ucs4_t u)
{
	if (u < 0x1100)
		return false;
	return is_han(u) || (in(u, 0x3041, 0x30FF) && u != 0x30A0 && u != 0x30FB) ||
	       in(u, 0x31F0, 0x31FF) || in(u, 0x1100, 0x11FF) || in(u, 0x3131, 0x318E) ||
	       in(u, 0xAC00, 0xD7AF);
}

/* Anything set the CJK way: the characters of the unspaced scripts (Han, kana, CJK and full-width
 * punctuation, symbols and forms), and Hangul, which breaks like Han. */
static bool is_cjk(ucs4_t u)
{
	if (u < 0x1100) /* below every unspaced script: most characters are Latin */
		return false;
	return cv_cp_unspaced(u) || is_ideo(u);
}

/* Scripts that libunistring breaks by its own dictionary-free rules (Thai, Lao, Myanmar, Khmer):
 * never treated as one Latin token, or a Thai sentence could not break at all. */
static bool is_complex(ucs4_t u)
{
	return in(u, 0x0E00, 0x0EFF) || in(u, 0x1000, 0x109F) || in(u, 0x1780, 0x17FF);
}

static bool is_digit(ucs4_t u)
{
	return u >= '0' && u <= '9';
}

static bool is_letter(ucs4_t u)
{
	if (u < 0x80) /* uc_is_alpha's answer for ASCII, without the call */
		return (ucs4_t)((u | 0x20) - 'a') < 26;
	return !is_cjk(u) && uc_is_alpha(u);
}

static bool is_alnum(ucs4_t u)
{
	return is_digit(u) || is_letter(u);
}

static bool is_open_quote(ucs4_t u)
{
	return u == 0x201C || u == 0x2018;
}

static bool is_close_quote(ucs4_t u)
{
	return u == 0x201D || u == 0x2019;
}

/* Characters that never take a break of their own: —— ……, en dash (rule 3 decides), and the
 * zero-width space, which is an explicit break opportunity libunistring already reports. */
static bool is_separator(ucs4_t u)
{
	return u == 0x2013 || u == 0x2014 || u == 0x2015 || u == 0x2026 || u == 0x22EF || u == 0x200B;
}

/* Rule 8 (CLREQ): may not start a line. ASCII ones included: after Latin text libunistring already
 * forbids them, after CJK text it does not. */
static const ucs4_t no_start[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300B, 0x300D, 0x300F,
	0x3011, 0x3015, 0x3009, 0xFF3D, 0xFF5D, 0x3017, 0x3019, 0x301B, 0xFF60, 0xFF63, 0xFF61,
	0xFF64, 0xFF0E, 0x201D, 0x2019, 0x00B7, 0x30FB, '%', 0xFF05, 0x2030, 0x2103, 0x2109,
	',', '.', ';', ':', '?', '!', ')', ']', '}',
};

/* Rule 8 (CLREQ): may not end a line: opening brackets and quotes, currency signs. */
static const ucs4_t no_end[] = {
	0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0xFF3B, 0xFF5B, 0x3016, 0x3018,
	0x301A, 0xFF5F, 0xFF62, 0x201C, 0x2018, '$', 0x00A5, 0xFFE5, 0x00A3, 0xFFE1, 0xFF04,
	0x20AC, '(', '[', '{',
};

/* Rule 3: dashes and tildes that join the two ends of a range. */
static bool is_range_dash(ucs4_t u)
{
	return u == 0x2013 || u == '-' || u == 0x2010 || u == 0x2212 || u == '~' || u == 0xFF5E ||
	       u == 0x301C;
}

/* Rule 7: —— (or ――) and …… (or ⋯⋯); 0 for other characters. */
static int dash_family(ucs4_t u)
{
	if (u == 0x2014 || u == 0x2015)
		return 1;
	if (u == 0x2026 || u == 0x22EF)
		return 2;
	return 0;
}

/* ---- Walking the text ----------------------------------------------------------------------- */

/* The character starting at byte i; 0 for NONE. */
static ucs4_t at(const text *t, size_t i)
{
	return i < t->len ? t->cp[i] : 0;
}

static size_t next(const text *t, size_t i)
{
	if (i >= t->len)
		return NONE;
	do
		i++;
	while (i < t->len && !(t->brk[i] & START_BIT));
	return i < t->len ? i : NONE;
}

static size_t prev(const text *t, size_t i)
{
	if (i == NONE || i == 0)
		return NONE;
	do
		i--;
	while (i > 0 && !(t->brk[i] & START_BIT));
	return i;
}

/* The nearest character before i that is not a space, on the same line. */
static size_t prev_nonspace(const text *t, size_t i)
{
	size_t p = prev(t, i);
	while (p != NONE && is_space(at(t, p)))
		p = prev(t, p);
	return p != NONE && is_newline(at(t, p)) ? NONE : p;
}

/* The nearest character after i that is not a space, on the same line: where a break "after i"
 * is reported, since a break after spaces is marked on the next word. */
static size_t next_nonspace(const text *t, size_t i)
{
	size_t n = next(t, i);
	while (n != NONE && is_space(at(t, n)))
		n = next(t, n);
	return n != NONE && is_newline(at(t, n)) ? NONE : n;
}

static void set(text *t, size_t i, int v)
{
	if (i == NONE || i == 0)
		return;
	/* A tie is a prohibition that also fixes the space before it: a later NO keeps it. */
	if (v == CV_BRK_NO && (t->brk[i] & VALUE_MASK) == CV_BRK_TIE)
		return;
	t->brk[i] = (char)((t->brk[i] & ~VALUE_MASK) | v);
}

/* No break before i; when spaces come before it, they also keep their natural width. */
static void tie(text *t, size_t i)
{
	set(t, i, i != NONE && is_space(at(t, prev(t, i))) ? CV_BRK_TIE : CV_BRK_NO);
}

/* Byte offset of an ASCII needle in s[a..end), or NONE. */
static size_t find(const text *t, size_t a, size_t end, const char *needle)
{
	for (size_t i = a; i < end; i++) {
		size_t k = 0;
		while (needle[k] && i + k < end && t->s[i + k] == (uint8_t)needle[k])
			k++;
		if (!needle[k])
			return i;
	}
	return NONE;
}

static uint8_t ascii_lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* A quotation mark set the Chinese way: next to CJK text, or in Chinese text unless it sits
 * between two letters (an apostrophe, as in "don’t"). */
static bool chinese_quote(const text *t, size_t i)
{
	ucs4_t u = at(t, i);
	if (!is_open_quote(u) && !is_close_quote(u))
		return false;
	ucs4_t before = at(t, prev(t, i)), after = at(t, next(t, i));
	if (is_cjk(before) || is_cjk(after))
		return true;
	return t->zh && !(is_alnum(before) && is_alnum(after));
}

/* Part of a "Latin token": a run of non-space, non-CJK characters that is never split except
 * where token_breaks() says. */
static bool is_token_char(const text *t, size_t i)
{
	ucs4_t u = at(t, i);
	if (i != NONE && u > 0x20 && u < 0x7F) /* printable ASCII: never a space, CJK or a Chinese quote */
		return true;
	if (i == NONE || u < 0x20 || u == 0x7F || is_space(u) || is_newline(u) || is_cjk(u) ||
	    is_complex(u) || is_separator(u))
		return false;
	return !chinese_quote(t, i);
}

static size_t token_last(const text *t, size_t a)
{
	size_t b = a, n;
	while ((n = next(t, b)) != NONE && is_token_char(t, n))
		b = n;
	return b;
}

static size_t byte_end(const text *t, size_t last)
{
	size_t n = next(t, last);
	return n == NONE ? t->len : n;
}

/* ---- Rules 1 and 2: technical tokens, e-mail addresses, URLs -------------------------------- */

static int letters_back(const text *t, size_t i)
{
	int n = 0;
	for (; n < MIN_JOINED_LETTERS && i != NONE && is_letter(at(t, i)); i = prev(t, i))
		n++;
	return n;
}

static int letters_fwd(const text *t, size_t i)
{
	int n = 0;
	for (; n < MIN_JOINED_LETTERS && i != NONE && is_letter(at(t, i)); i = next(t, i))
		n++;
	return n;
}

static int alnum_to_end(const text *t, size_t i, size_t end)
{
	int n = 0;
	for (; n < URL_MIN_TAIL && i != NONE && i < end; i = next(t, i))
		if (is_alnum(at(t, i)))
			n++;
	return n;
}

/* Where the breakable part of a URL in s[a..end) begins: just after "://", or at "www." of a
 * bare host. NONE when the token is no URL. */
static size_t url_body(const text *t, size_t a, size_t end)
{
	size_t sep = find(t, a, end, "://");
	if (sep != NONE)
		return sep + 3 < end ? sep + 3 : NONE;
	size_t i = a;
	while (i != NONE && i < end && !is_alnum(at(t, i)))
		i = next(t, i);
	if (i == NONE || end - i < 4)
		return NONE;
	for (size_t k = 0; k < 4; k++)
		if (ascii_lower(t->s[i + k]) != (uint8_t)"www."[k])
			return NONE;
	return i;
}

/* Not after '-': see MIN_JOINED_LETTERS. */
static bool url_break_after(ucs4_t u)
{
	return u == '/' || u == '.' || u == '?' || u == '&' || u == '=' || u == '#';
}

/* What may begin the continuation line of a URL: never one of the break characters (a line
 * starting with "/" or "." looks like a new path) nor closing punctuation. */
static bool url_line_start(ucs4_t u)
{
	return is_alnum(u) || u == '%' || u == '_' || u == '~';
}

/* Breaks inside the URL body: only after / . ? & = #, never right after "://" (the scheme stays
 * with the host), and never leaving less than URL_MIN_TAIL letters or digits. They are CV_BRK_LONG:
 * the paragraph takes them for a URL wider than its line, and for one that fits only when it cannot
 * set the paragraph otherwise (its second pass). */
static void url_breaks(text *t, size_t body, size_t last, size_t end)
{
	for (size_t k = next(t, body); k != NONE && k <= last; k = next(t, k))
		if (url_break_after(at(t, prev(t, k))) && url_line_start(at(t, k)) &&
		    alnum_to_end(t, k, end) >= URL_MIN_TAIL)
			set(t, k, CV_BRK_LONG);
}

/* One token a..last (character starts): forbid every inner break, then allow the few that are
 * safe. libunistring would split C+÷+, Node.÷js, e.÷g. and e-mail addresses. */
static void token_breaks(text *t, size_t a, size_t last)
{
	size_t end = byte_end(t, last);
	for (size_t k = next(t, a); k != NONE && k <= last; k = next(t, k))
		set(t, k, CV_BRK_NO);

	size_t body = url_body(t, a, end);
	if (body != NONE) {
		url_breaks(t, body, last, end);
		return;
	}
	if (find(t, a, end, "@") != NONE)
		return; /* an e-mail address (or handle) is never split */

	/* Alternatives: "GQA/|MHA". Compounds ("state-of-the-art") stay whole. */
	for (size_t k = next(t, a); k != NONE && k <= last; k = next(t, k)) {
		size_t p = prev(t, k);
		ucs4_t j = at(t, p);
		if (j == '/' &&
		    letters_back(t, prev(t, p)) >= MIN_JOINED_LETTERS &&
		    letters_fwd(t, k) >= MIN_JOINED_LETTERS)
			set(t, k, CV_BRK_ALLOW);
	}
}

static void token_pass(text *t)
{
	for (size_t a = 0; a != NONE;) {
		if (!is_token_char(t, a)) {
			a = next(t, a);
			continue;
		}
		size_t last = token_last(t, a);
		token_breaks(t, a, last);
		/* Nor after a hyphen that ends the token before Chinese ("探索-利用"): see MIN_JOINED_LETTERS. */
		size_t after = next(t, last);
		if ((at(t, last) == '-' || at(t, last) == 0x2010) && after != NONE && !is_space(at(t, after)) &&
		    !is_newline(at(t, after)))
			set(t, after, CV_BRK_NO);
		a = after;
	}
}

/* ".NET" after a space or CJK text begins a word; its dot is no sentence punctuation. */
static bool dot_opens_word(const text *t, size_t k)
{
	if (at(t, k) != '.' || !is_letter(at(t, next(t, k))))
		return false;
	size_t p = prev(t, k);
	return p != NONE && (is_space(at(t, p)) || is_cjk(at(t, p)));
}

static void dot_word_pass(text *t)
{
	for (size_t k = next(t, 0); k != NONE; k = next(t, k))
		if (dot_opens_word(t, k))
			set(t, k, CV_BRK_ALLOW);
}

/* ---- Rule 9: Han next to Latin letters and digits ------------------------------------------- */

/* libunistring keeps "C++开" together (PR × ID); a script change is a break opportunity, with or
 * without a space, unless a later rule forbids it. */
static void script_pass(text *t)
{
	for (size_t k = next(t, 0); k != NONE; k = next(t, k)) {
		ucs4_t r = at(t, k);
		if (is_space(r))
			continue; /* checked first: a long run of spaces must not be walked once per space */
		ucs4_t l = at(t, prev_nonspace(t, k));
		if ((is_ideo(l) && is_alnum(r)) || ((is_alnum(l) || l == '+' || l == '#') && is_ideo(r)))
			set(t, k, CV_BRK_ALLOW);
	}
}

/* ---- Korean: words, not syllables ------------------------------------------------------------ */

/* Hangul: jamo, compatibility jamo, the extended jamo and the syllables. */
static const struct {
	ucs4_t lo, hi;
} hangul_blocks[] = {{0x1100, 0x11FF}, {0x3130, 0x318F}, {0xA960, 0xA97F}, {0xAC00, 0xD7AF}, {0xD7B0, 0xD7FF}};

static bool is_hangul(ucs4_t u)
{
	for (size_t i = 0; i < sizeof hangul_blocks / sizeof hangul_blocks[0]; i++)
		if (in(u, hangul_blocks[i].lo, hangul_blocks[i].hi))
			return true;
	return false;
}

/* Korean is written with spaces between words and breaks only there, as Korean word processors do
 * by default; UAX #14 would break between any two syllables, and script_pass between a Latin word
 * and the particle after it ("Python을"). No break next to a Hangul letter but at a space. */
static void hangul_pass(text *t)
{
	for (size_t k = next(t, 0); k != NONE; k = next(t, k)) {
		size_t p = prev(t, k);
		if (p == NONE || is_space(at(t, p)) || is_newline(at(t, p)) || is_space(at(t, k)))
			continue;
		if (is_hangul(at(t, p)) || is_hangul(at(t, k)))
			set(t, k, CV_BRK_NO);
	}
}

/* ---- Rule 5: Chinese quotation marks --------------------------------------------------------- */

/* libunistring (pre-15.1 quote rules) allows no break on either side of “ ” in Chinese text. An
 * opening mark may start a line and a closing one may end it; rule 8 forbids the other sides. */
static void quote_pass(text *t)
{
	for (size_t i = next(t, 0); i != NONE; i = next(t, i)) {
		if (!chinese_quote(t, i))
			continue;
		if (is_open_quote(at(t, i)))
			set(t, i, CV_BRK_ALLOW);
		else
			set(t, next_nonspace(t, i), CV_BRK_ALLOW);
	}
}

/* ---- Rule 7: —— and …… ---------------------------------------------------------------------- */

/* Last character of the run of dash_family(at(i)) starting at i; *n gets its length. */
static size_t dash_run(const text *t, size_t i, int *n)
{
	int f = dash_family(at(t, i));
	size_t j = i, k;
	*n = 1;
	while ((k = next(t, j)) != NONE && dash_family(at(t, k)) == f) {
		j = k;
		++*n;
	}
	return j;
}

/* keep: forbid breaks before and inside each run; otherwise allow the break right after it. */
static void dash_pass(text *t, bool keep)
{
	for (size_t i = 0; i != NONE;) {
		if (!dash_family(at(t, i))) {
			i = next(t, i);
			continue;
		}
		int n;
		size_t last = dash_run(t, i, &n);
		if (n >= MIN_DASH_RUN) {
			if (keep) {
				for (size_t k = i; k != NONE && k <= last; k = next(t, k))
					set(t, k, CV_BRK_NO);
			} else {
				size_t after = next(t, last);
				if (after != NONE && !is_space(at(t, after)) && !is_newline(at(t, after)))
					set(t, after, CV_BRK_ALLOW);
			}
		}
		i = next(t, last);
	}
}

/* ---- Rule 3: date ranges --------------------------------------------------------------------- */

/* Whether the word ending at p (an optional '.' after it) names a month, in any language cv2pdf has
 * words for (lang.h): "Aug", "Mai", "sept.", "Июн". */
static bool month_before(const text *t, size_t p)
{
	if (p == NONE)
		return false;
	size_t end = p + 1, first = NONE;
	while (end < t->len && (t->s[end] & 0xC0) == 0x80)
		end++;
	if (at(t, p) == '.')
		p = prev(t, p);
	for (int n = 0; p != NONE && is_letter(at(t, p)); p = prev(t, p), n++) {
		if (n == MONTH_MAX)
			return false;
		first = p;
	}
	if (first == NONE || (p != NONE && is_alnum(at(t, p))))
		return false;
	return cv_lang_month((const char *)t->s + first, end - first) != 0;
}

/* "2019–2023", "2023.09 – 2026.06", "Aug 2023 – Present", "2024.03 – 至今" stay on one line:
 * no break on either side of a dash that follows a number, and "Aug 2023" is one unit. */
static void range_pass(text *t)
{
	for (size_t d = next(t, 0); d != NONE; d = next(t, d)) {
		ucs4_t u = at(t, d);
		if (is_digit(u) && is_space(at(t, prev(t, d))) && month_before(t, prev_nonspace(t, d)))
			tie(t, d);
		if (!is_range_dash(u))
			continue;
		/* A hyphen or tilde inside a token ("2019-2023", "LLaMA-3-8B") is the token's business. */
		if (u != 0x2013 && is_token_char(t, prev(t, d)) && is_token_char(t, next(t, d)))
			continue;
		ucs4_t before = at(t, prev_nonspace(t, d));
		if (!is_digit(before) && before != '%')
			continue;
		tie(t, d);
		size_t q = next_nonspace(t, d);
		tie(t, q);
		if (q == NONE || !is_han(at(t, q)))
			continue;
		size_t k = next(t, q);
		for (int kept = 1; kept < RANGE_HAN_KEEP && k != NONE && is_han(at(t, k)); kept++) {
			set(t, k, CV_BRK_NO);
			k = next(t, k);
		}
	}
}

/* ---- Rule 4: number-unit pairs --------------------------------------------------------------- */

static bool is_amount_prefix(ucs4_t u)
{
	return u == '$' || u == 0x00A5 || u == 0x00A3 || u == 0x20AC || u == '~' || u == '+' ||
	       u == '-' || u == 0x2212 || u == 0x2248 || u == '<' || u == '>';
}

/* A token that is a number, maybe with a unit already: "10", "5B", "1,000", "500+", "$5". Not one
 * ending in '%' (its unit is the '%') or in punctuation ("2)", "1."). */
static bool is_number_token(const text *t, size_t a, size_t last)
{
	size_t i = a;
	while (i != NONE && i < last && is_amount_prefix(at(t, i)))
		i = next(t, i);
	ucs4_t end = at(t, last);
	return is_digit(at(t, i)) && (is_alnum(end) || end == '+');
}

/* A number with a magnitude suffix ("5B", "10M", "1.2K"): the word after it is what is counted
 * ("5B tokens"), which reads as one quantity. */
static bool has_magnitude(const text *t, size_t a, size_t last)
{
	ucs4_t end = at(t, last);
	return last > a && is_digit(at(t, prev(t, last))) &&
	       (end == 'K' || end == 'k' || end == 'M' || end == 'B' || end == 'G' || end == 'T');
}

/* The units a number binds to: SI, data, rate and typographic units and their usual résumé spellings,
 * matched case-sensitively as a whole word ("GB", "GB/s", "ms," but not "Good"). Any other word after
 * a number ("2 high-quality papers", "3 top-tier") may go to the next line, as in TeX, where only the
 * author's ties bind. */
static const char *const units[] = {
	"%", "A", "B", "Gb", "GB", "GHz", "GiB", "Gbps", "GFLOPS", "h", "hr", "hrs", "Hz", "K", "KB", "kB", "Kb",
	"kg", "kHz", "KiB", "km", "kW", "kWh", "L", "m", "mA", "mAh", "Mb", "MB", "Mbps", "mg", "MHz", "MiB",
	"min", "mins", "mL", "mm", "ms", "mV", "MW", "nm", "ns", "PB", "PFLOPS", "pp", "pt", "px", "QPS", "qps",
	"RPS", "rpm", "RPM", "s", "sec", "secs", "TB", "TFLOPS", "TiB", "TPS", "us", "V", "W", "Wh", "x",
	"\xC2\xB5m", "\xC2\xB5s", "\xCE\xBCm", "\xCE\xBCs", "\xC2\xB0", "\xC2\xB0" "C", "\xC2\xB0" "F",
	"\xE2\x84\x83", "\xC3\x97",
};

/* Trailing punctuation that may follow a unit ("10 GB," "5 ms)"). */
static bool unit_trailer(uint8_t b)
{
	return b == ',' || b == '.' || b == ';' || b == ':' || b == ')' || b == ']' || b == '!' || b == '?';
}

static bool is_unit_word(const uint8_t *w, size_t n)
{
	for (size_t k = 0; k < sizeof units / sizeof *units; k++)
		if (strlen(units[k]) == n && memcmp(units[k], w, n) == 0)
			return true;
	return false;
}

/* Whether the token starting at q is a unit, or a unit per something ("GB/s", "tokens/s" is not). */
static bool is_unit_token(const text *t, size_t q)
{
	size_t last = token_last(t, q), end = byte_end(t, last);
	while (end > q && unit_trailer(t->s[end - 1]))
		end--;
	size_t slash = find(t, q, end, "/");
	if (slash != NONE)
		end = slash;
	return end > q && is_unit_word(t->s + q, end - q);
}

/* All letters, lower case ASCII: a counted noun after a magnitude ("tokens", "users"). */
static bool is_lower_word(const text *t, size_t q)
{
	size_t last = token_last(t, q), end = byte_end(t, last);
	while (end > q && unit_trailer(t->s[end - 1]))
		end--;
	for (size_t i = q; i < end; i++)
		if (t->s[i] < 'a' || t->s[i] > 'z')
			return false;
	return end > q;
}

/* "10 GB", "5B tokens", "3.2 s", "2 倍", "2倍": no break between a number and its unit, and the space
 * between them keeps its width. */
static void number_pass(text *t)
{
	for (size_t a = 0; a != NONE;) {
		if (!is_token_char(t, a)) {
			a = next(t, a);
			continue;
		}
		size_t last = token_last(t, a);
		if (is_number_token(t, a, last)) {
			size_t q = next_nonspace(t, last);
			ucs4_t u = at(t, q);
			if (q != NONE && (is_ideo(u) || (is_token_char(t, q) && is_unit_token(t, q)) ||
					  (has_magnitude(t, a, last) && is_lower_word(t, q))))
				tie(t, q);
		}
		a = next(t, last);
	}
}

/* ---- Rule 6: middle dot ---------------------------------------------------------------------- */

/* libunistring allows a break before · ; "技术·硕士" must stay one unit around the dot. */
static void middle_dot_pass(text *t)
{
	for (size_t i = next(t, 0); i != NONE; i = next(t, i)) {
		ucs4_t u = at(t, i);
		if (u != 0x00B7 && u != 0x30FB)
			continue;
		set(t, i, CV_BRK_NO);
		ucs4_t l = at(t, prev(t, i)), r = at(t, next(t, i));
		if ((is_ideo(l) || is_alnum(l)) && (is_ideo(r) || is_alnum(r)))
			set(t, next(t, i), CV_BRK_NO);
	}
}

/* ---- Rule 8: CLREQ prohibitions -------------------------------------------------------------- */

/* The ASCII members of set[0..n) as 128 bits. */
static void ascii_bits(const ucs4_t *set, size_t n, uint64_t bits[2])
{
	bits[0] = bits[1] = 0;
	for (size_t i = 0; i < n; i++)
		if (set[i] < 0x80)
			bits[set[i] >> 6] |= (uint64_t)1 << (set[i] & 63);
}

/* Whether u is in set[0..n), whose ASCII members are ascii[]: a bit test for the common case, since
 * scanning the lists for every space and comma of a paragraph was most of this pass. */
static bool in_list(ucs4_t u, const uint64_t ascii[2], const ucs4_t *set, size_t n)
{
	return u < 0x80 ? (ascii[u >> 6] >> (u & 63) & 1) != 0 : one_of(u, set, n);
}

static void clreq_pass(text *t)
{
	uint64_t start[2], end[2];
	ascii_bits(no_start, sizeof no_start / sizeof *no_start, start);
	ascii_bits(no_end, sizeof no_end / sizeof *no_end, end);
	for (size_t k = 0; k != NONE; k = next(t, k)) {
		ucs4_t u = at(t, k);
		if (in_list(u, start, no_start, sizeof no_start / sizeof *no_start) && !dot_opens_word(t, k))
			set(t, k, CV_BRK_NO);
		if (in_list(u, end, no_end, sizeof no_end / sizeof *no_end))
			set(t, next_nonspace(t, k), CV_BRK_NO);
	}
}

/* ---- Base and finish ------------------------------------------------------------------------- */

/* libunistring's answer as CV_BRK_* on character starts; its MANDATORY sits on the newline itself
 * and is remembered in NEWLINE_BIT until finish() moves it to the next character. */
static void base_pass(text *t)
{
	u8_possible_linebreaks(t->s, t->len, "UTF-8", t->brk);
	for (size_t i = 0; i < t->len;) {
		ucs4_t u = t->s[i];
		int n = u < 0x80 ? 1 : u8_mbtouc(&u, t->s + i, t->len - i);
		size_t step = n > 0 ? (size_t)n : 1;
		t->cp[i] = u;
		if (u >= 0x80)
			t->has |= (is_ideo(u) ? HAS_IDEO : 0) | (is_open_quote(u) || is_close_quote(u) ? HAS_QUOTE : 0) |
				  (dash_family(u) ? HAS_DASH : 0) | (u == 0x00B7 || u == 0x30FB ? HAS_MIDDOT : 0) |
				  (is_hangul(u) ? HAS_HANGUL : 0);
		int v = t->brk[i] == UC_BREAK_POSSIBLE ? CV_BRK_ALLOW : CV_BRK_NO;
		int flags = START_BIT | (t->brk[i] == UC_BREAK_MANDATORY ? NEWLINE_BIT : 0);
		t->brk[i] = (char)(v | flags);
		for (size_t k = 1; k < step && i + k < t->len; k++)
			t->brk[i + k] = CV_BRK_NO;
		i += step;
	}
	t->brk[0] = (char)(t->brk[0] & ~VALUE_MASK);
}

/* Rule 10 and the output contract: MANDATORY after each newline, nothing before a space or a
 * newline (spaces are glue: the break goes on the next word), bookkeeping bits cleared. */
static void finish(text *t)
{
	bool after_newline = false;
	for (size_t i = 0; i != NONE; i = next(t, i)) {
		int v = t->brk[i] & VALUE_MASK;
		ucs4_t u = at(t, i);
		if (is_space(u) || is_newline(u) || i == 0)
			v = CV_BRK_NO;
		if (after_newline)
			v = CV_BRK_MANDATORY;
		after_newline = (t->brk[i] & NEWLINE_BIT) != 0;
		t->brk[i] = (char)v;
	}
}

void cv_text_breaks(const char *s, size_t len, const char *lang, char *brk)
{
	if (len == 0)
		return;
	text t = {
		.s = (const uint8_t *)s,
		.len = len,
		.brk = brk,
		.cp = cv_xcalloc(len, sizeof(ucs4_t)),
		.zh = cv_lang_cjk_quotes(lang),
	};
	base_pass(&t);
	/* Allowing passes first; every prohibiting pass after them, so a prohibition always wins. */
	token_pass(&t);
	dot_word_pass(&t);
	if (t.has & HAS_IDEO)
		script_pass(&t);
	if (t.has & HAS_QUOTE)
		quote_pass(&t);
	if (t.has & HAS_DASH)
		dash_pass(&t, false);
	range_pass(&t);
	number_pass(&t);
	if (t.has & HAS_MIDDOT)
		middle_dot_pass(&t);
	if (t.has & HAS_DASH)
		dash_pass(&t, true);
	if (t.has & HAS_HANGUL)
		hangul_pass(&t);
	clreq_pass(&t);
	finish(&t);
	free(t.cp);
}
