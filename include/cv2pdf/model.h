/* The résumé model: what every input dialect (native/RenderCV, JSON Resume, YAMLResume) is loaded into,
 * and what tailoring transforms and layout reads. Plain data, no library types. Every node carries the
 * span of the YAML that produced it. All memory belongs to cv_doc.arena and dies in cv_doc_free().
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_MODEL_H
#define CV2PDF_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "lang.h"

/* A text value. s is UTF-8 with inline markup still in it (**bold**, *italic*, [text](url), `code`);
 * NULL when the field is absent. A multilingual text ({en: ..., zh: ...}) is resolved to the
 * document's language by the loader, so s and span are the chosen alternative's. */
typedef struct cv_str {
	const char *s;
	cv_span span;
} cv_str;

typedef struct cv_strlist {
	cv_str *items;
	size_t n;
} cv_strlist;

/* A calendar date as written: year always, month and day when given (0 when not). present marks the
 * word "present" (an open-ended range). text: a date the source tool accepts and cv2pdf cannot read
 * ("Summer 2011", "Fall 2022" in JSON Resume and YAMLResume), shown as written; then year is 0 and the
 * date takes no part in ordering or spans. NULL for every date cv2pdf read. */
typedef struct cv_date {
	int year, month, day;
	bool present;
	const char *text;
	cv_span span;
} cv_date;

/* One block of a text written in Markdown (a summary, a description, a text entry): a paragraph or an
 * item of a list. level is how many list indents the block's text stands in: 0 for a paragraph of the
 * body, 1 for an item of a top-level list (its marker in the first hanging indent), 2 for an item
 * nested in that one, and for a paragraph that continues an item, the item's level. */
typedef struct cv_block {
	cv_str text;  /* inline markup only (**bold**, links, ...); the list marker is removed */
	int level;
	bool item;     /* a list item: drawn with a marker in the hanging indent */
	bool numbered; /* an item of a numbered list, with this number (the first as written, then counted) */
	int number;
} cv_block;

/* A text as its blocks, in order. n == 0: the text is absent. span covers the whole text. */
typedef struct cv_blocks {
	cv_block *items;
	size_t n;
	cv_span span;
} cv_blocks;

/* A highlight: a line of text, optionally with nested highlights and tags. */
typedef struct cv_item {
	cv_str text;
	struct cv_item *children;
	size_t n_children;
	bool numbered; /* children are numbered 1., 2., ... instead of bulleted */
	cv_strlist tags;
	cv_span span;
} cv_item;

/* Entry kinds, decided by the keys present, as RenderCV does. */
typedef enum cv_entry_kind {
	CV_ENTRY_TEXT,        /* a plain string */
	CV_ENTRY_EDUCATION,   /* institution, area, degree */
	CV_ENTRY_EXPERIENCE,  /* company, position */
	CV_ENTRY_NORMAL,      /* name */
	CV_ENTRY_PUBLICATION, /* title, authors, doi, url, journal */
	CV_ENTRY_ONELINE,     /* label, details */
	CV_ENTRY_BULLET,      /* bullet */
	CV_ENTRY_NUMBERED,    /* number */
	CV_ENTRY_REVNUMBERED, /* reversed_number */
	CV_ENTRY_PAGEBREAK    /* page_break: true (extension) */
} cv_entry_kind;

typedef struct cv_entry {
	cv_entry_kind kind;
	cv_span span;
	cv_str id; /* for overlays */

	/* Kind-specific fields; absent ones have s == NULL. */
	cv_str text;                      /* bullet, number, reversed_number entries (a text entry's text
					   * is its summary, as blocks) */
	cv_str name;                      /* normal */
	cv_str company, position;         /* experience */
	cv_str institution, area, degree; /* education */
	cv_str title, doi, url, journal;  /* publication */
	cv_strlist authors;               /* publication; "**Name**" marks the author's own name */
	cv_str label, details;            /* one-line */

	/* Common to dated entries. */
	cv_str date; /* free text; wins over start/end */
	cv_date start_date, end_date;
	bool has_start, has_end;
	cv_str location;
	cv_blocks summary; /* also a text entry's text */
	cv_item *highlights;
	size_t n_highlights;
	bool numbered; /* highlights numbered 1., 2., ... */
	cv_strlist tags;
} cv_entry;

/* A section: a heading and its entries, or (extension) a heading over titled subsections. */
typedef struct cv_section {
	cv_str title;
	cv_entry *entries;
	size_t n_entries;
	struct cv_section *subsections;
	size_t n_subsections;
	cv_span span;
} cv_section;

typedef struct cv_social {
	cv_str network, username;
	cv_str url; /* the profile's own link (JSON Resume); NULL: built from network and username */
	cv_span span;
} cv_social;

/* A free contact item (RenderCV's custom_connections): text shown, optional link. */
typedef struct cv_connection {
	cv_str text, url;
	cv_span span;
} cv_connection;

typedef enum { CV_ALIGN_JUSTIFY, CV_ALIGN_LEFT } cv_align;

/* How a section title is set (RenderCV's design.section_titles.type). CV_TITLE_THEME: the theme's own. */
typedef enum { CV_TITLE_THEME, CV_TITLE_FULL_LINE, CV_TITLE_PARTIAL_LINE, CV_TITLE_NO_LINE } cv_title_style;

/* How phone numbers are shown (RenderCV's phone_number_format). National: a North American number
 * (+1) in its national form, "(703) 480-0500", any other in the international form, since a number
 * without its country code cannot be dialled from abroad; international: "+1 703-480-0500"; E164:
 * "+17034800500". */
typedef enum { CV_PHONE_NATIONAL, CV_PHONE_INTERNATIONAL, CV_PHONE_E164 } cv_phone_format;

#define CV_COLOR_UNSET 0xFFFFFFFFu

/* Presentation settings from `design` (and `locale`); every field has a default set by the loader. */
typedef struct cv_design {
	cv_str theme; /* "classic", "sidebar" or "compact" (RenderCV's names mapped by the loader); NULL: classic */
	float page_width, page_height;                           /* points */
	float margin_top, margin_bottom, margin_left, margin_right; /* points */
	float font_size;       /* body text, points */
	float name_size;       /* the name in the header, points */
	float heading_size;    /* section titles, points */
	float line_spacing;    /* baseline pitch as a multiple of font_size */
	cv_align align;
	unsigned color_primary; /* 0xRRGGBB: name, headings, rules */
	unsigned color_text;
	unsigned color_link;
	unsigned color_name;     /* 0xRRGGBB or CV_COLOR_UNSET: then color_primary */
	unsigned color_headings; /* 0xRRGGBB or CV_COLOR_UNSET: then color_primary */
	cv_title_style title_style;
	const char *bullet;      /* highlight marker (UTF-8); NULL: the theme's */
	bool last_updated;       /* footer line "Last updated ..." (date from SOURCE_DATE_EPOCH or today) */
	cv_strlist sidebar_sections; /* section titles for the sidebar theme's narrow column; empty: by name */
	cv_str pdf_title;        /* the PDF's document title; NULL: "NAME — CV" */
	cv_str font_family;     /* Latin family name or font file; NULL: the shipped Noto Sans */
	cv_str cjk_font_family; /* Chinese family name or font file; NULL: the shipped WenQuanYi Micro Hei */
	bool page_numbers;
	cv_phone_format phone_format;
	int max_pages;          /* shrink to fit this many pages (--max-pages); 0: no limit */
	bool fill_last_page;    /* tighten spacing to pull a nearly empty last page back (default on) */
	bool hyphenate;         /* hyphenate justified English text as a last resort (default off) */
	cv_span span;
} cv_design;

/* The document's language, decided once by the loader (--lang, a variant's lang, the dialect's own
 * language key, else English), and the words every stage prints in it. */
typedef struct cv_locale {
	const char *tag;     /* the language asked for, as a BCP 47 tag ("de", "zh-TW", "eo"): it chose the
			      * multilingual texts and is the PDF's /Lang */
	const cv_lang *lang; /* its table of words (lang.h); English for a language cv2pdf has none for */
	cv_words words;      /* lang's words with the document's locale keys (RenderCV's) applied */
	cv_span span;        /* where the language was chosen, for messages */
} cv_locale;

/* A cover letter (the top-level `letter`, which a variant may replace key by key): laid out with the
 * résumé's header, fonts, colours and theme, on the same page size. Texts are inline markup; an
 * absent one (s == NULL) takes the language's words (salutation, closing) or the header's (the
 * signature is the name). */
typedef struct cv_letter {
	bool present;         /* the document has a letter */
	cv_str recipient;     /* "Ms. Jane Smith, Head of Engineering" */
	cv_str company;
	cv_strlist address;   /* the recipient's address, one line each */
	cv_str date;          /* as written; NULL: date_value, or the render's date */
	cv_date date_value;   /* a date written YYYY-MM-DD, shown in the language's words; year 0: none */
	cv_str subject;
	cv_str salutation;    /* "Dear Ms. Smith,"; NULL: the language's ("Dear Hiring Manager,") */
	cv_strlist body;      /* paragraphs */
	cv_str closing;       /* "Sincerely,"; NULL: the language's */
	cv_str signature;     /* NULL: the name */
	cv_span span;
} cv_letter;


typedef struct cv_doc {
	cv_arena *arena;
	const char *source_name; /* file name as given, for messages */

	cv_str name, headline, location, photo;
	cv_blocks summary;
	cv_strlist email, phone, website;
	cv_social *social;
	size_t n_social;
	cv_connection *connections;
	size_t n_connections;
	cv_letter letter;

	cv_section *sections;
	size_t n_sections;

	cv_design design;
	cv_locale locale;
	/* The date the document is dated (RenderCV's settings.current_date): "last updated", the open end
	 * of time spans, the date placeholders of titles. year == 0: not given, so the render's date
	 * (SOURCE_DATE_EPOCH, else today). */
	cv_date current_date;
} cv_doc;

/* A new empty document with default design and locale, owning a new arena. Free with cv_doc_free(). */
cv_doc *cv_doc_new(void);
void cv_doc_free(cv_doc *doc);

/* One tag and how many entries and highlights carry it. */
typedef struct cv_tag_use {
	const char *tag;
	size_t count;
} cv_tag_use;
/* The distinct tags of the document's entries and highlights (subsections and nested highlights
 * included), in order of first use; *n receives their number. Owned by doc's arena. */
cv_tag_use *cv_doc_tags(const cv_doc *doc, size_t *n);

/* Writes the model as indented text, one field per line, for tests (--dump=model). */
void cv_model_dump(const cv_doc *doc, FILE *out);

#endif
