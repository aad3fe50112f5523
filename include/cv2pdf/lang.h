/* Languages: the one table of every word cv2pdf prints in each language it knows (dates, "present",
 * section titles, labels, YAMLResume's fixed option values, country and language names), how a
 * language code or name is recognised, and the formatting of dates and durations from those words.
 * Plain data and pure functions: no allocation, no I/O, no other stage. Any stage may read it.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_LANG_H
#define CV2PDF_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The scripts the languages are written in. cv2pdf sets Latin, Cyrillic, Greek, Han, kana and
 * Hangul; right-to-left scripts need bidirectional layout and Devanagari needs shaping that the PDF
 * writer cannot keep (it places characters, not glyphs), so those are refused (cv_script_settable). */
typedef enum {
	CV_SCRIPT_LATIN,
	CV_SCRIPT_CYRILLIC,
	CV_SCRIPT_GREEK,
	CV_SCRIPT_HANS,     /* Han, simplified */
	CV_SCRIPT_HANT,     /* Han, traditional */
	CV_SCRIPT_JAPANESE, /* Han and kana */
	CV_SCRIPT_HANGUL,
	CV_SCRIPT_ARABIC,
	CV_SCRIPT_HEBREW,
	CV_SCRIPT_DEVANAGARI,
	CV_SCRIPT_COUNT
} cv_script;

/* The titles of the standard sections the JSON Resume and YAMLResume mappers write (JSON Resume's
 * keys, in its order). */
typedef enum {
	CV_SEC_WORK,
	CV_SEC_VOLUNTEER,
	CV_SEC_EDUCATION,
	CV_SEC_AWARDS,
	CV_SEC_CERTIFICATES,
	CV_SEC_PUBLICATIONS,
	CV_SEC_SKILLS,
	CV_SEC_LANGUAGES,
	CV_SEC_INTERESTS,
	CV_SEC_REFERENCES,
	CV_SEC_PROJECTS,
	CV_SEC_COUNT
} cv_section_id;

/* Labels and words cv2pdf itself prints. */
typedef enum {
	CV_W_COURSES,  /* education: the courses line */
	CV_W_SCORE,    /* education: the grade */
	CV_W_KEYWORDS,
	CV_W_ROLES,    /* projects */
	CV_W_EMAIL,    /* references' contact lines */
	CV_W_PHONE,
	CV_W_CONTACT,  /* the sidebar's heading over the contact details */
	CV_W_CV,       /* the PDF's default title is "NAME — CV" */
	CV_W_SUMMARY,  /* the title of a summary that stands as a section (YAMLResume's order moved it) */
	CV_W_COUNT
} cv_word;

/* YAMLResume's fixed option values, each list in YAMLResume's order (see cv_lang_option). */
typedef enum { CV_OPT_DEGREE, CV_OPT_FLUENCY, CV_OPT_LEVEL, CV_OPT_COUNT } cv_option;
enum { CV_DEGREE_COUNT = 7, CV_FLUENCY_COUNT = 5, CV_LEVEL_COUNT = 6 };

/* Plural categories of a number before a noun (CLDR's, less "zero", which a duration never needs). */
typedef enum { CV_PLURAL_ONE, CV_PLURAL_TWO, CV_PLURAL_FEW, CV_PLURAL_MANY, CV_PLURAL_OTHER, CV_PLURAL_COUNT } cv_plural;

/* The words of dates, ranges, durations and footers: everything a RenderCV locale block (of any
 * RenderCV version) may replace. Templates use these tokens:
 *   dates: YYYY, MM (03), M (3), MONTH (month_name), MONTH_ABBR, DD (05), D (5)
 *   last_updated: DATE (the day, by the day template), TODAY (the month, by the date template, as
 *   RenderCV's "Last updated in TODAY"); degree_area: DEGREE, AREA; page: PAGE, TOTAL, NAME
 *   years, months: # for the number; a NULL plural form falls back to CV_PLURAL_OTHER.
 * Every pointer is static or owned by the arena of the document that changed it. */
typedef struct cv_words {
	const char *month_abbr[12];
	const char *month_name[12];
	const char *date;         /* a month of a year: "MONTH_ABBR YYYY", "YYYY年M月" */
	const char *day;          /* a day: "D MONTH YYYY" */
	const char *present;      /* the open end of a range */
	const char *range;        /* between the two ends of a range, spaces included: " – " */
	const char *last_updated; /* "Last updated: DATE" */
	const char *degree_area;  /* "DEGREE in AREA" */
	const char *page;         /* the footer's page number: "PAGE / TOTAL" */
	const char *page_of;      /* the same in words, for footer templates: "Page PAGE of TOTAL" */
	const char *years[CV_PLURAL_COUNT];  /* "# year", "# years" */
	const char *months[CV_PLURAL_COUNT]; /* "# month", "# months" */
	const char *span_and;     /* between the years and the months of a duration: " " */
} cv_words;

/* Plural rules (how a number picks its cv_plural), by the languages that use them. */
typedef enum {
	CV_PLURAL_RULE_NONE,   /* no plural after numbers: Chinese, Japanese, Korean, Turkish, ... */
	CV_PLURAL_RULE_ONE,    /* 1 is ONE: English, German, ... */
	CV_PLURAL_RULE_ZERO_ONE, /* 0 and 1 are ONE: French, Brazilian Portuguese, Hindi */
	CV_PLURAL_RULE_SLAVIC, /* 1, 21 ONE; 2-4, 22-24 FEW; else MANY: Russian */
	CV_PLURAL_RULE_ARABIC, /* 1 ONE, 2 TWO, 3-10 FEW, 11-99 MANY */
	CV_PLURAL_RULE_HEBREW  /* 1 ONE, 2 TWO */
} cv_plural_rule;

/* One language: who it is and its words. Entries are static and never change. */
typedef struct cv_lang {
	const char *tag;      /* canonical BCP 47 tag: "de", "zh-Hans", "zh-Hant-HK", "pt-BR" */
	const char *english;  /* its name in English: "German" */
	const char *autonym;  /* its name in itself: "Deutsch" */
	const char *rendercv; /* RenderCV's name for its locale ("german"), or NULL */
	const char *aliases;  /* other codes and names that choose it, '|'-separated: "deu|ger" */
	cv_script script;
	cv_plural_rule plural;
	bool big_endian;      /* addresses from the country down (Chinese, Japanese, Korean, Hungarian) */
	cv_words words;
	const char *list_sep;    /* between the items of a list: ", ", "、" */
	const char *label_sep;   /* after a label: ": ", "：", French " : " */
	const char *paren_open;  /* an aside: " (", "（" */
	const char *paren_close; /* ")", "）" */
	const char *titles[CV_SEC_COUNT];
	const char *terms[CV_W_COUNT];
	const char *degrees[CV_DEGREE_COUNT];
	const char *fluency[CV_FLUENCY_COUNT];
	const char *levels[CV_LEVEL_COUNT];
	const char *sidebar; /* '|'-separated lower-case stems of section titles the sidebar theme sets
			      * in its narrow column ("skill|education|...") */
} cv_lang;

/* The languages, in table order; cv_lang_at(0) is English. */
size_t cv_lang_count(void);
const cv_lang *cv_lang_at(size_t i);
const cv_lang *cv_lang_english(void);
/* Their tags, comma-separated, for messages ("en, zh-Hans, zh-Hant, ..."), into out (at most cap
 * bytes, NUL included; CV_LANG_LIST_MAX is enough). Returns out. */
#define CV_LANG_LIST_MAX 256
char *cv_lang_list(char *out, size_t cap);

/* The language a code or a name chooses, in any case, '_' or '-': a tag or a prefix of one ("de",
 * "de-AT", "zh-CN", "zh-hans", "zh-Hant-TW", "zh_TW", "pt-BR", "no"), an ISO 639-2 code ("deu"),
 * RenderCV's locale name ("german", "mandarin_chinese"), an English name ("German", "Chinese") or an
 * autonym ("Deutsch"). NULL when cv2pdf has no words for it. */
const cv_lang *cv_lang_find(const char *code);

/* How well a multilingual text's key (a language code) suits the language wanted (tag as asked for,
 * lang its table or NULL): 4 the same tag, 3 the same table (zh-CN for zh-Hans), 2 the same language
 * in the same script, 1 the same language, 0 none. */
int cv_lang_match(const char *tag, const cv_lang *lang, const char *key);

/* Which of the n keys of a multilingual text (language codes) to show in language tag (lang its
 * table, or NULL): the best cv_lang_match, else an English one, else the first. */
size_t cv_lang_choose(const char *tag, const cv_lang *lang, const char *const *keys, size_t n);

/* The month (1-12) word[0..len) names in any language of the table, by its full name or its
 * abbreviation, in any case, with or without a final '.' ("May", "sept.", "Mär", "Июн"); an English
 * prefix of three letters or more counts too ("Sept", "Augu"), as JavaScript's Date.parse reads
 * them. 0 when it names none. */
int cv_lang_month(const char *word, size_t len);
/* Whether s is the open end of a range as an input date writes it: "present" or "now" (any case), or
 * any language's word for it ("至今", "heute" is not one: only the table's). */
bool cv_lang_is_present(const char *s);

/* The capital of a letter (Unicode's simple mapping), the code point itself for anything else. */
uint32_t cv_lang_upper(uint32_t cp);

/* Whether text in language tag sets “ ” ‘ ’ as CJK quotation marks (Chinese and Japanese). */
bool cv_lang_cjk_quotes(const char *tag);

/* ---- Formatting: each writes at most cap bytes, NUL included, and returns the length written;
 * output too long for out is cut at a character boundary. --------------------------------------- */

/* A date as template tmpl writes it from words w; month and day are 0 when the date lacks them,
 * and a token for a missing part is left out with the text that only served it ("2023年" for a
 * year under "YYYY年M月"). */
size_t cv_lang_date(const cv_words *w, const char *tmpl, int year, int month, int day, char *out, size_t cap);
/* A duration of months (> 0) in language l with words w: "1 year 2 months", "2年3个月". */
size_t cv_lang_duration(const cv_lang *l, const cv_words *w, int months, char *out, size_t cap);
/* Template tmpl with each keys[i] replaced by vals[i] (longest keys first is the caller's care). */
size_t cv_lang_fill(const char *tmpl, const char *const *keys, const char *const *vals, size_t n, char *out,
		    size_t cap);
/* The plural category of n in language l. */
cv_plural cv_lang_plural(const cv_lang *l, unsigned n);

/* ---- Names and option values: static strings, or NULL when the value is not known. ----------- */

/* YAMLResume's option value (English, or the value in any language of the table) in language l. A
 * value already in l comes back as written. */
const char *cv_lang_option(const cv_lang *l, cv_option o, const char *value);
/* A country's name in l, from an ISO 3166 code ("DE") or a name in any language of the table
 * ("Germany", "Deutschland", "Czech Republic"). A name already in l comes back as written. */
const char *cv_lang_country(const cv_lang *l, const char *code_or_name);
/* A language's name in l, from its name in any language of the table ("German", "Farsi", "德语"). */
const char *cv_lang_language_name(const cv_lang *l, const char *name);

/* Whether a section titled title (markup removed) is of the kind the sidebar theme sets in its
 * narrow column (skills, education, languages, ...), by the stems of every language. */
bool cv_lang_sidebar_title(const char *title);

/* ---- Cover letters ------------------------------------------------------------------------------ */

/* A language's words and convention for a cover letter (src/lang/letter.c). Templates: RECIPIENT is
 * the letter's recipient, COMPANY its company (empty when not given; spaces left at either end are
 * dropped). Static. */
typedef struct cv_letter_words {
	const char *dear;     /* the salutation to a named recipient: "Dear RECIPIENT," */
	const char *dear_all; /* ... to no one named: "Dear Hiring Manager,", "尊敬的COMPANY招聘负责人：" */
	const char *closing;  /* "Sincerely,"; lines separated by '\n' ("此致\n敬礼！") */
	/* The Chinese convention (CLREQ's letters, 书信格式): the subject centred as a title, the company
	 * and recipient named in the salutation rather than in an address block, paragraphs indented
	 * two characters, the closing's first line (此致) indented and its second (敬礼！) flush left, the
	 * signature and the date flush right below it. */
	bool chinese;
} cv_letter_words;

const cv_letter_words *cv_lang_letter(const cv_lang *l);

/* ---- The starter résumé (--init) --------------------------------------------------------------- */

/* The phrases of the starter résumé, in each language (src/lang/starter.c): four comments, then the
 * sample content. Section titles, the degree and the punctuation come from the language's table. */
typedef enum {
	CV_ST_RENDER,   /* comment before the command that renders it */
	CV_ST_SECTIONS, /* comment: sections keep their order, keys decide an entry's kind */
	CV_ST_TAGS,     /* comment: what --tags and --exclude-tags do with a tagged highlight */
	CV_ST_VARIANTS, /* comment before the variants */
	CV_ST_NAME,
	CV_ST_HEADLINE,
	CV_ST_HEADLINE_FRONTEND, /* the frontend variant's headline */
	CV_ST_LOCATION,
	CV_ST_SUMMARY,
	CV_ST_COMPANY,
	CV_ST_POSITION,
	CV_ST_CITY,
	CV_ST_HIGHLIGHT_1, /* with a bold figure */
	CV_ST_HIGHLIGHT_2, /* tagged backend */
	CV_ST_HIGHLIGHT_3, /* tagged frontend */
	CV_ST_INSTITUTION,
	CV_ST_AREA,
	CV_ST_PROGRAMMING, /* a skills label: programming languages */
	CV_ST_TOOLS,       /* a skills label: tools */
	CV_ST_COUNT
} cv_starter;

/* Phrase p of the starter résumé in l. Static, never NULL. */
const char *cv_lang_starter(const cv_lang *l, cv_starter p);

/* ---- Scripts ----------------------------------------------------------------------------------- */

/* "Arabic", "Han (traditional)", ... Static. */
const char *cv_script_name(cv_script s);
/* Whether cv2pdf lays the script out correctly; false for right-to-left scripts and Devanagari. */
bool cv_script_settable(cv_script s);
/* Why not, to follow "which" in a message ("runs right to left, and ..."); NULL when settable. Static. */
const char *cv_script_problem(cv_script s);
/* A few letters of the script (UTF-8), to ask a font whether it covers it. Static. */
const char *cv_script_sample(cv_script s);

#ifdef __cplusplus
}
#endif

#endif
