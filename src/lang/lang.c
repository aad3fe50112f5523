/* Finding a language from what a user wrote, matching multilingual texts, and formatting dates,
 * durations, option values and names from the tables in words.c and names.c. No allocation: every
 * result is static or written into the caller's buffer (the one table built at run time, the folded
 * month words, is built once and only read after).
 * SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>

#include "lang_internal.h"

size_t cv_lang_count(void)
{
	return CV_LANG_COUNT;
}

const cv_lang *cv_lang_at(size_t i)
{
	return i < CV_LANG_COUNT ? &cv_lang_table[i] : NULL;
}

const cv_lang *cv_lang_english(void)
{
	return &cv_lang_table[0];
}

char *cv_lang_list(char *out, size_t cap)
{
	size_t n = 0;
	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < CV_LANG_COUNT && n < cap; i++) {
		int w = snprintf(out + n, cap - n, "%s%s", i ? ", " : "", cv_lang_table[i].tag);
		n += w > 0 ? (size_t)w : 0;
	}
	return out;
}

/* ---- Recognising a language ------------------------------------------------------------------ */

static char fold(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c == '_' ? '-' : c;
}

/* a[0..n) equals b, ignoring ASCII case and taking '_' for '-' ("zh_TW" is "zh-tw"). */
static bool same_n(const char *a, size_t n, const char *b)
{
	size_t i = 0;
	for (; i < n && b[i]; i++)
		if (fold(a[i]) != fold(b[i]))
			return false;
	return i == n && !b[i];
}

static bool same(const char *a, const char *b)
{
	return same_n(a, strlen(a), b);
}

/* Whether s is one of the '|'-separated words of list. */
static bool in_list(const char *list, const char *s)
{
	for (const char *p = list; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (same_n(p, n, s))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* The length of s's first subtag ("zh" of "zh-Hant-TW"). */
static size_t primary_len(const char *s)
{
	return strcspn(s, "-_");
}

/* Whether the subtags after the first include sub ("hant" in "zh-Hant-TW"). */
static bool has_subtag(const char *s, const char *sub)
{
	size_t n = strlen(sub);
	for (const char *p = s + primary_len(s); *p;) {
		p++;
		size_t len = primary_len(p);
		if (len == n && same_n(p, n, sub))
			return true;
		p += len;
	}
	return false;
}

static const cv_lang *by_tag(const char *tag)
{
	for (size_t i = 0; i < CV_LANG_COUNT; i++)
		if (same(cv_lang_table[i].tag, tag))
			return &cv_lang_table[i];
	return NULL;
}

const cv_lang *cv_lang_find(const char *code)
{
	if (!code || !*code)
		return NULL;
	/* The tag first: the text engine asks with the document's tag for every paragraph. */
	const cv_lang *t = by_tag(code);
	if (t)
		return t;
	for (size_t i = 0; i < CV_LANG_COUNT; i++) {
		const cv_lang *l = &cv_lang_table[i];
		if ((l->rendercv && same(l->rendercv, code)) || same(l->english, code) ||
		    same(l->autonym, code) || in_list(l->aliases, code))
			return l;
	}
	/* A tag with subtags cv2pdf has no entry for: Chinese by script or region, Portuguese by region,
	 * anything else by its language ("de-AT", "es-419", "fr-CA"). */
	size_t n = primary_len(code);
	if (n < 2 || n > 3 || !code[n])
		return NULL;
	if (same_n(code, n, "zh")) {
		if (has_subtag(code, "hk") || has_subtag(code, "mo"))
			return by_tag("zh-Hant-HK");
		return by_tag(has_subtag(code, "hant") || has_subtag(code, "tw") ? "zh-Hant" : "zh-Hans");
	}
	if (same_n(code, n, "pt") && has_subtag(code, "br"))
		return by_tag("pt-BR");
	for (size_t i = 0; i < CV_LANG_COUNT; i++) {
		const cv_lang *l = &cv_lang_table[i];
		if (same_n(code, n, l->tag))
			return l;
	}
	/* "no-NO", "iw-IL": an alias of a language as the first subtag. */
	char first[4];
	memcpy(first, code, n);
	first[n] = '\0';
	for (size_t i = 0; i < CV_LANG_COUNT; i++)
		if (in_list(cv_lang_table[i].aliases, first))
			return &cv_lang_table[i];
	return NULL;
}

int cv_lang_match(const char *tag, const cv_lang *lang, const char *key)
{
	if (same(tag, key))
		return 4;
	const cv_lang *kl = cv_lang_find(key);
	if (lang && kl == lang)
		return 3;
	size_t n = primary_len(tag);
	bool same_language = primary_len(key) == n;
	for (size_t i = 0; i < n && same_language; i++)
		same_language = fold(key[i]) == fold(tag[i]);
	if (same_language && lang && kl && kl->script == lang->script)
		return 2;
	return same_language ? 1 : 0;
}

size_t cv_lang_choose(const char *tag, const cv_lang *lang, const char *const *keys, size_t n)
{
	size_t best = 0;
	int best_score = -1;
	for (size_t i = 0; i < n; i++) {
		/* Twice the match, so that "no match, but English" (1) ranks between a match and nothing. */
		int score = cv_lang_match(tag, lang, keys[i]) * 2;
		if (!score && cv_lang_find(keys[i]) == cv_lang_english())
			score = 1;
		if (score > best_score)
			best = i, best_score = score;
	}
	return best;
}

bool cv_lang_cjk_quotes(const char *tag)
{
	const cv_lang *l = tag ? cv_lang_find(tag) : NULL;
	return l && (l->script == CV_SCRIPT_HANS || l->script == CV_SCRIPT_HANT || l->script == CV_SCRIPT_JAPANESE);
}

/* ---- Formatting -------------------------------------------------------------------------------- */

/* An output buffer that never overflows: the output ends before the first piece that does not fit,
 * so a character is never cut in two and nothing after a gap is written. */
typedef struct outbuf {
	char *s;
	size_t n, cap;
	bool full;
} outbuf;

static void put(outbuf *o, const char *s, size_t len)
{
	if (o->full || o->n + len + 1 > o->cap) {
		o->full = true;
		return;
	}
	memcpy(o->s + o->n, s, len);
	o->n += len;
	o->s[o->n] = '\0';
}

/* The length of the UTF-8 character s starts with (1 for a stray byte), to copy literals whole. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* A number as fmt (a literal such as "%02d") shows it. */
__attribute__((format(printf, 2, 3))) static void putf(outbuf *o, const char *fmt, ...)
{
	char b[16];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	put(o, b, (size_t)len);
}

static bool upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

size_t cv_lang_date(const cv_words *w, const char *tmpl, int year, int month, int day, char *out, size_t cap)
{
	outbuf o = {out, 0, cap, false};
	if (cap)
		out[0] = '\0';
	bool m_ok = month >= 1 && month <= 12, d_ok = day >= 1 && day <= 31;
	for (const char *f = tmpl; *f;) {
		int have = -1; /* 1: a token with its part, 0: a token whose part the date lacks, -1: literal */
		if (!strncmp(f, "YYYY", 4)) {
			putf(&o, "%04d", year);
			f += 4, have = 1;
		} else if (!strncmp(f, "MONTH_ABBR", 10)) {
			if ((have = m_ok))
				put(&o, w->month_abbr[month - 1], strlen(w->month_abbr[month - 1]));
			f += 10;
		} else if (!strncmp(f, "MONTH", 5)) {
			if ((have = m_ok))
				put(&o, w->month_name[month - 1], strlen(w->month_name[month - 1]));
			f += 5;
		} else if (!strncmp(f, "MM", 2)) {
			if ((have = m_ok))
				putf(&o, "%02d", month);
			f += 2;
		} else if (!strncmp(f, "DD", 2)) {
			if ((have = d_ok))
				putf(&o, "%02d", day);
			f += 2;
		} else if (f[0] == 'M' && !upper(f[1])) {
			if ((have = m_ok))
				putf(&o, "%d", month);
			f += 1;
		} else if (f[0] == 'D' && !upper(f[1])) {
			if ((have = d_ok))
				putf(&o, "%d", day);
			f += 1;
		}
		if (have == 0) {
			/* The part is missing: drop the literal text up to the next token ("月" of "YYYY年M月"),
			 * and what the previous token left behind ("2023." of "YYYY.MM"): trailing ASCII
			 * punctuation and spaces. */
			while (*f && !upper(*f))
				f++;
			while (o.n > 0 && (unsigned char)o.s[o.n - 1] < 0x80 && !(o.s[o.n - 1] >= '0' && o.s[o.n - 1] <= '9') &&
			       !((o.s[o.n - 1] | 0x20) >= 'a' && (o.s[o.n - 1] | 0x20) <= 'z'))
				o.s[--o.n] = '\0';
		} else if (have < 0) {
			size_t n = char_len(f);
			put(&o, f, n);
			f += n;
		}
	}
	return o.n;
}

size_t cv_lang_fill(const char *tmpl, const char *const *keys, const char *const *vals, size_t n, char *out,
		    size_t cap)
{
	outbuf o = {out, 0, cap, false};
	if (cap)
		out[0] = '\0';
	for (const char *f = tmpl; *f;) {
		size_t k = 0;
		for (; k < n; k++)
			if (!strncmp(f, keys[k], strlen(keys[k])))
				break;
		if (k < n) {
			put(&o, vals[k], strlen(vals[k]));
			f += strlen(keys[k]);
		} else {
			size_t len = char_len(f);
			put(&o, f, len);
			f += len;
		}
	}
	return o.n;
}

cv_plural cv_lang_plural(const cv_lang *l, unsigned n)
{
	switch (l->plural) {
	case CV_PLURAL_RULE_ONE: return n == 1 ? CV_PLURAL_ONE : CV_PLURAL_OTHER;
	case CV_PLURAL_RULE_ZERO_ONE: return n <= 1 ? CV_PLURAL_ONE : CV_PLURAL_OTHER;
	case CV_PLURAL_RULE_SLAVIC:
		if (n % 10 == 1 && n % 100 != 11)
			return CV_PLURAL_ONE;
		if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14))
			return CV_PLURAL_FEW;
		return CV_PLURAL_MANY;
	case CV_PLURAL_RULE_ARABIC:
		if (n == 1)
			return CV_PLURAL_ONE;
		if (n == 2)
			return CV_PLURAL_TWO;
		if (n % 100 >= 3 && n % 100 <= 10)
			return CV_PLURAL_FEW;
		return n % 100 >= 11 ? CV_PLURAL_MANY : CV_PLURAL_OTHER;
	case CV_PLURAL_RULE_HEBREW: return n == 1 ? CV_PLURAL_ONE : n == 2 ? CV_PLURAL_TWO : CV_PLURAL_OTHER;
	default: return CV_PLURAL_OTHER;
	}
}

/* "# years" for n in l, into o. */
static void count(outbuf *o, const cv_lang *l, const char *const *forms, unsigned n)
{
	const char *form = forms[cv_lang_plural(l, n)];
	if (!form)
		form = forms[CV_PLURAL_OTHER];
	char num[16];
	snprintf(num, sizeof num, "%u", n);
	const char *key = "#", *val = num;
	o->n += cv_lang_fill(form, &key, &val, 1, o->s + o->n, o->cap - o->n);
}

size_t cv_lang_duration(const cv_lang *l, const cv_words *w, int months, char *out, size_t cap)
{
	outbuf o = {out, 0, cap, false};
	if (cap)
		out[0] = '\0';
	if (months <= 0 || !cap)
		return 0;
	unsigned y = (unsigned)months / 12, m = (unsigned)months % 12;
	if (y)
		count(&o, l, w->years, y);
	if (y && m)
		put(&o, w->span_and, strlen(w->span_and));
	if (m)
		count(&o, l, w->months, m);
	return o.n;
}

/* Whether a[0..alen) and b[0..blen) are the same text, ignoring case (of every script). libunistring's
 * comparison folds both strings whole, which costs hundreds of instructions; the first character
 * settles most comparisons (the line breaker asks about every word before a number), so an ASCII
 * first letter is compared first, and one script against another is never the same text. */
static bool same_case(const char *a, size_t alen, const char *b, size_t blen)
{
	if (!alen || !blen)
		return alen == blen;
	unsigned char ca = (unsigned char)a[0], cb = (unsigned char)b[0];
	if ((ca < 0x80) != (cb < 0x80) || (ca < 0x80 && fold((char)ca) != fold((char)cb)))
		return false;
	int r = 1;
	return u8_casecmp((const uint8_t *)a, alen, (const uint8_t *)b, blen, NULL, NULL, &r) == 0 && r == 0;
}

static bool same_text(const char *a, const char *b)
{
	return same_case(a, strlen(a), b, strlen(b));
}

uint32_t cv_lang_upper(uint32_t cp)
{
	return uc_toupper(cp);
}

/* ---- Words in input ---------------------------------------------------------------------------- */

/* Whether a[0..alen) and b (a trailing '.' of either ignored) are the same text in any case. */
static bool same_word(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);
	if (alen && a[alen - 1] == '.')
		alen--;
	if (blen && b[blen - 1] == '.')
		blen--;
	return alen && same_case(a, alen, b, blen);
}

/* Month words of every language, case-folded once: the line breaker asks about every word before a
 * number ("Aug 2023"), and folding each of some 700 words again for each question cost more than
 * the rest of line breaking (callgrind: 1.6 G of 10 G instructions on a 170-page document). Two
 * tables, each built on its first question (pthread_once: two documents on two threads share them;
 * read-only after): the words that fold to ASCII, cheap to build, and the others, whose folding
 * costs a few hundred thousand instructions that an English résumé need not pay. */
#define MONTH_WORD_BYTES 48 /* a folded month word fits (the longest is 24 bytes); longer words are no month */
#define MONTH_WORDS (CV_LANG_COUNT * 24)

typedef struct month_word {
	char s[MONTH_WORD_BYTES];
	size_t len;
	int month; /* 1..12 */
} month_word;

typedef struct month_table {
	month_word w[MONTH_WORDS]; /* in the languages' order: the first language's reading wins */
	size_t n;
	bool ascii;
} month_table;

static month_table ascii_months = {.ascii = true}, other_months;
static pthread_once_t ascii_months_once = PTHREAD_ONCE_INIT, other_months_once = PTHREAD_ONCE_INIT;

static bool is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* word[0..len) without a trailing '.', case-folded into out; SIZE_MAX when empty or too long for a
 * month word. */
static size_t fold_word(const char *word, size_t len, char *out)
{
	if (len && word[len - 1] == '.')
		len--;
	if (!len || len > MONTH_WORD_BYTES)
		return SIZE_MAX;
	/* ASCII folds to its lower case (Unicode's folding has no other rule for it), at a tenth of
	 * libunistring's cost. */
	if (is_ascii(word, len)) {
		for (size_t i = 0; i < len; i++)
			out[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] - 'A' + 'a') : word[i];
		return len;
	}
	size_t n = MONTH_WORD_BYTES;
	uint8_t *r = u8_casefold((const uint8_t *)word, len, NULL, NULL, (uint8_t *)out, &n);
	if (r != (uint8_t *)out) {
		free(r);
		return SIZE_MAX;
	}
	return n;
}

static void month_table_build(month_table *t)
{
	for (size_t k = 0; k < CV_LANG_COUNT; k++)
		for (int m = 0; m < 12; m++)
			for (int abbr = 0; abbr < 2; abbr++) {
				const cv_words *w = &cv_lang_table[k].words;
				const char *s = abbr ? w->month_abbr[m] : w->month_name[m];
				month_word *e = &t->w[t->n];
				/* A word written in ASCII folds to ASCII and one written in other letters to
				 * other letters (no month word has the two letters that don't: ſ and the Kelvin
				 * sign), so the source decides the table before anything is folded. */
				if (!s || is_ascii(s, strlen(s)) != t->ascii || (e->len = fold_word(s, strlen(s), e->s)) == SIZE_MAX)
					continue;
				e->month = m + 1;
				t->n++;
			}
}

static void ascii_months_build(void)
{
	month_table_build(&ascii_months);
}

static void other_months_build(void)
{
	month_table_build(&other_months);
}

int cv_lang_month(const char *word, size_t len)
{
	char folded[MONTH_WORD_BYTES];
	size_t n = fold_word(word, len, folded);
	if (n == SIZE_MAX)
		return 0;
	bool ascii = is_ascii(folded, n);
	pthread_once(ascii ? &ascii_months_once : &other_months_once, ascii ? ascii_months_build : other_months_build);
	const month_table *t = ascii ? &ascii_months : &other_months;
	for (size_t i = 0; i < t->n; i++)
		if (t->w[i].len == n && memcmp(t->w[i].s, folded, n) == 0)
			return t->w[i].month;
	/* English months cut anywhere after three letters: "Sept", "Febr." */
	for (int m = 0; m < 12 && ascii && n >= 3; m++) {
		const char *name = cv_lang_table[0].words.month_name[m];
		if (n <= strlen(name) && same_case(folded, n, name, n))
			return m + 1;
	}
	return 0;
}

bool cv_lang_is_present(const char *s)
{
	if (same_word(s, strlen(s), "present") || same_word(s, strlen(s), "now"))
		return true;
	for (size_t k = 0; k < CV_LANG_COUNT; k++)
		if (same_word(s, strlen(s), cv_lang_table[k].words.present))
			return true;
	return false;
}

/* ---- Option values and names ------------------------------------------------------------------- */


static const char *const *option_column(const cv_lang *l, cv_option o, size_t *n)
{
	switch (o) {
	case CV_OPT_DEGREE: *n = CV_DEGREE_COUNT; return l->degrees;
	case CV_OPT_FLUENCY: *n = CV_FLUENCY_COUNT; return l->fluency;
	default: *n = CV_LEVEL_COUNT; return l->levels;
	}
}

/* The index of value among option o's values in language l, or -1. */
static long option_index(const cv_lang *l, cv_option o, const char *value)
{
	size_t n;
	const char *const *col = option_column(l, o, &n);
	for (size_t i = 0; i < n; i++)
		if (same_text(col[i], value))
			return (long)i;
	return -1;
}

const char *cv_lang_option(const cv_lang *l, cv_option o, const char *value)
{
	if (!value)
		return NULL;
	if (option_index(l, o, value) >= 0)
		return value;
	/* English first (YAMLResume's own spelling), then every other language in table order. */
	for (size_t k = 0; k < CV_LANG_COUNT; k++) {
		long i = option_index(&cv_lang_table[k], o, value);
		if (i >= 0) {
			size_t n;
			return option_column(l, o, &n)[i];
		}
	}
	return NULL;
}

/* English spellings of countries other than CLDR's (YAMLResume's list, older names). */
static const struct {
	const char *name, *code;
} country_aliases[] = {
	{"Aland Islands", "AX"},
	{"Antigua And Barbuda", "AG"},
	{"Bonaire, Sint Eustatius and Saba", "BQ"},
	{"Bosnia and Herzegovina", "BA"},
	{"Congo", "CG"},
	{"Republic of the Congo", "CG"},
	{"Cote D'Ivoire (Ivory Coast)", "CI"},
	{"Ivory Coast", "CI"},
	{"Czech Republic", "CZ"},
	{"Democratic Republic of the Congo", "CD"},
	{"East Timor", "TL"},
	{"Fiji Islands", "FJ"},
	{"Gambia The", "GM"},
	{"The Gambia", "GM"},
	{"Guernsey and Alderney", "GG"},
	{"Heard Island and McDonald Islands", "HM"},
	{"Macau", "MO"},
	{"Man (Isle of)", "IM"},
	{"Myanmar", "MM"},
	{"Burma", "MM"},
	{"Palestinian Territory Occupied", "PS"},
	{"Palestine", "PS"},
	{"Pitcairn Island", "PN"},
	{"Reunion", "RE"},
	{"Saint Helena", "SH"},
	{"Saint Kitts And Nevis", "KN"},
	{"Saint Lucia", "LC"},
	{"Saint Pierre and Miquelon", "PM"},
	{"Saint Vincent And The Grenadines", "VC"},
	{"Saint-Barthelemy", "BL"},
	{"Saint-Martin (French part)", "MF"},
	{"Sao Tome and Principe", "ST"},
	{"Sint Maarten (Dutch part)", "SX"},
	{"South Georgia", "GS"},
	{"Svalbard And Jan Mayen Islands", "SJ"},
	{"Swaziland", "SZ"},
	{"The Bahamas", "BS"},
	{"Trinidad And Tobago", "TT"},
	{"Türkiye", "TR"},
	{"Turks And Caicos Islands", "TC"},
	{"United States Minor Outlying Islands", "UM"},
	{"Vatican City State (Holy See)", "VA"},
	{"Vatican City", "VA"},
	{"Virgin Islands (British)", "VG"},
	{"Virgin Islands (US)", "VI"},
	{"Wallis And Futuna Islands", "WF"},
	{"USA", "US"},
	{"United States of America", "US"},
	{"UK", "GB"},
	{"Great Britain", "GB"},
	{"England", "GB"},
	{"South Korea", "KR"},
	{"North Korea", "KP"},
	{"Russia", "RU"},
	{"Vietnam", "VN"},
	{"Laos", "LA"},
	{"Iran", "IR"},
	{"Syria", "SY"},
	{"Taiwan", "TW"},
};

/* English spellings of languages other than CLDR's (YAMLResume's list). */
static const struct {
	const char *name, *code;
} language_aliases[] = {
	{"Farsi", "fa"}, {"Lahnda", "lah"}, {"Slovene", "sl"}, {"Mandarin", "zh"}, {"Flemish", "nl"},
};

static size_t column(const cv_lang *l)
{
	return (size_t)(l - cv_lang_table);
}

/* The row of rows[0..n) whose key is code (any case), or NULL. */
static const cv_names_row *row_by_key(const cv_names_row *rows, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (same(rows[i].key, code))
			return &rows[i];
	return NULL;
}

/* The name in l of what s names in any language (or an English alias); s itself when it is already
 * the name in l or an English alias and l is English. */
static const char *translate(const cv_lang *l, const char *s, const cv_names_row *rows, size_t n,
			     const char *const *alias_names, const char *const *alias_codes, size_t n_alias)
{
	size_t c = column(l);
	for (size_t a = 0; a < n_alias; a++)
		if (same_text(alias_names[a], s)) {
			const cv_names_row *r = row_by_key(rows, n, alias_codes[a]);
			return !r ? NULL : c == 0 ? s : r->names[c];
		}
	for (size_t k = 0; k < CV_LANG_COUNT; k++) {
		size_t col = k == 0 ? c : k == c ? 0 : k; /* the wanted language first, then English, then the rest */
		for (size_t i = 0; i < n; i++)
			if (rows[i].names[col][0] && same_text(rows[i].names[col], s))
				return col == c ? s : rows[i].names[c];
	}
	return NULL;
}

const char *cv_lang_country(const cv_lang *l, const char *code_or_name)
{
	if (!code_or_name)
		return NULL;
	const char *s = code_or_name;
	if (strlen(s) == 2 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') && ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')) {
		const cv_names_row *r = row_by_key(cv_names_countries, cv_names_n_countries, s);
		return r ? r->names[column(l)] : NULL;
	}
	enum { N = sizeof country_aliases / sizeof country_aliases[0] };
	const char *names[N], *codes[N];
	for (size_t i = 0; i < N; i++)
		names[i] = country_aliases[i].name, codes[i] = country_aliases[i].code;
	return translate(l, s, cv_names_countries, cv_names_n_countries, names, codes, N);
}

const char *cv_lang_language_name(const cv_lang *l, const char *name)
{
	if (!name)
		return NULL;
	enum { N = sizeof language_aliases / sizeof language_aliases[0] };
	const char *names[N], *codes[N];
	for (size_t i = 0; i < N; i++)
		names[i] = language_aliases[i].name, codes[i] = language_aliases[i].code;
	return translate(l, name, cv_names_languages, cv_names_n_languages, names, codes, N);
}

/* Titles are short; a longer one is compared by its first bytes. */
#define SIDEBAR_TITLE_MAX 256

bool cv_lang_sidebar_title(const char *title)
{
	uint8_t buf[SIDEBAR_TITLE_MAX];
	size_t len = sizeof buf - 1;
	size_t in = strlen(title);
	if (in > SIDEBAR_TITLE_MAX / 2)
		in = SIDEBAR_TITLE_MAX / 2; /* lower case may be longer than upper: leave room */
	while (in > 0 && ((unsigned char)title[in] & 0xC0) == 0x80)
		in--;
	uint8_t *low = u8_tolower((const uint8_t *)title, in, NULL, NULL, buf, &len);
	if (!low)
		return false;
	char lower[SIDEBAR_TITLE_MAX];
	memcpy(lower, low, len < sizeof lower - 1 ? len : sizeof lower - 1);
	lower[len < sizeof lower - 1 ? len : sizeof lower - 1] = '\0';
	if (low != buf)
		free(low);
	for (size_t k = 0; k < CV_LANG_COUNT; k++)
		for (const char *p = cv_lang_table[k].sidebar; p && *p;) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			char stem[64];
			if (n < sizeof stem) {
				memcpy(stem, p, n);
				stem[n] = '\0';
				if (strstr(lower, stem))
					return true;
			}
			p = bar ? bar + 1 : NULL;
		}
	return false;
}

/* ---- Scripts ----------------------------------------------------------------------------------- */

static const struct {
	const char *name, *problem, *sample;
} scripts[CV_SCRIPT_COUNT] = {
	[CV_SCRIPT_LATIN] = {"Latin", NULL, "Aaé"},
	[CV_SCRIPT_CYRILLIC] = {"Cyrillic", NULL, "Жж"},
	[CV_SCRIPT_GREEK] = {"Greek", NULL, "Ωω"},
	[CV_SCRIPT_HANS] = {"Han (simplified)", NULL, "简历"},
	[CV_SCRIPT_HANT] = {"Han (traditional)", NULL, "履歷"},
	[CV_SCRIPT_JAPANESE] = {"Japanese (Han and kana)", NULL, "履歴あア"},
	[CV_SCRIPT_HANGUL] = {"Hangul", NULL, "이력서"},
	[CV_SCRIPT_ARABIC] = {"Arabic", "runs right to left, and cv2pdf lays text out left to right only", "عربي"},
	[CV_SCRIPT_HEBREW] = {"Hebrew", "runs right to left, and cv2pdf lays text out left to right only", "עברית"},
	[CV_SCRIPT_DEVANAGARI] = {"Devanagari", "joins its letters into shaped clusters that cv2pdf's PDF writer cannot keep",
				  "हिन्दी"},
};

const char *cv_script_name(cv_script s)
{
	return scripts[s].name;
}

bool cv_script_settable(cv_script s)
{
	return !scripts[s].problem;
}

const char *cv_script_problem(cv_script s)
{
	return scripts[s].problem;
}

const char *cv_script_sample(cv_script s)
{
	return scripts[s].sample;
}
