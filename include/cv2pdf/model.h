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

#ifdef __cplusplus
extern "C" {
#endif

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

/* Where a line of the header or a column's text sits across its width. */
typedef enum { CV_HALIGN_LEFT, CV_HALIGN_CENTER, CV_HALIGN_RIGHT } cv_halign;

/* How a section title is set (RenderCV's design.section_titles.type). CV_TITLE_THEME: the theme's own. */
typedef enum {
	CV_TITLE_THEME,
	CV_TITLE_FULL_LINE,        /* flush left, a rule under it across the column */
	CV_TITLE_PARTIAL_LINE,     /* flush left, a rule from after it to the column's edge, at mid-letter */
	CV_TITLE_NO_LINE,
	CV_TITLE_MODERNCV,         /* a rule across the date margin at the left, the title after it */
	CV_TITLE_CENTERED,         /* centred, no rule */
	CV_TITLE_CENTERED_PARTIAL, /* centred between two rules on its baseline */
	CV_TITLE_CENTERED_MID,     /* centred between two rules at mid-letter */
	CV_TITLE_CENTERED_FULL     /* centred, a rule under it across the column */
} cv_title_style;

/* How phone numbers are shown (RenderCV's phone_number_format). National: a North American number
 * (+1) in its national form, "(703) 480-0500", any other in the international form, since a number
 * without its country code cannot be dialled from abroad; international: "+1 703-480-0500"; E164:
 * "+17034800500". */
typedef enum { CV_PHONE_NATIONAL, CV_PHONE_INTERNATIONAL, CV_PHONE_E164 } cv_phone_format;

#define CV_COLOR_UNSET 0xFFFFFFFFu

/* A length that grows with the type: pt + em × the body font size, in points. RenderCV writes spaces
 * both ways ("0.3cm", "1.2em"); layout resolves them at the size it sets (--max-pages shrinks it). */
typedef struct cv_len {
	float pt, em;
} cv_len;

/* An entry kind's template (RenderCV's design.templates.*_entry): which fields go where. Each is a
 * text of lines; a line is inline markup with placeholders in capitals (COMPANY, POSITION, LOCATION,
 * DATE, DEGREE_WITH_AREA, ...), or SUMMARY or HIGHLIGHTS alone for those blocks. A placeholder of a
 * field the entry lacks is dropped with the words and punctuation that only joined it (as RenderCV
 * does). NULL: the kind's default. */
typedef struct cv_entry_template {
	const char *main;   /* the main column */
	const char *dates;  /* the date-and-location column, one line per line */
	const char *degree; /* education only: the degree column at the left; NULL or "": none */
	const char *main_no_journal, *main_no_url; /* publications, RenderCV 2.0-2.3: used when the entry
						    * lacks a journal or a URL (NULL: main) */
} cv_entry_template;

/* The entry kinds with a template, in RenderCV's order of design.templates. */
typedef enum {
	CV_TEMPLATE_ONELINE,
	CV_TEMPLATE_EDUCATION,
	CV_TEMPLATE_NORMAL,
	CV_TEMPLATE_EXPERIENCE,
	CV_TEMPLATE_PUBLICATION,
	CV_TEMPLATE_COUNT
} cv_template_kind;

/* The header: name, headline and the line of connections (contact details and profiles). */
typedef struct cv_design_header {
	cv_halign align;
	float headline_size, connections_size;       /* points; 0: the body size */
	bool name_bold, headline_bold, connections_bold;
	bool name_caps, headline_caps, connections_caps; /* small capitals */
	unsigned color_headline, color_connections; /* 0xRRGGBB or CV_COLOR_UNSET: the text colour */
	const char *separator;   /* between connections ("|", "•"); "": a space alone; NULL: cv2pdf's bar */
	cv_len connection_gap;   /* the space either side of the separator */
	cv_len space_below_name, space_below_headline, space_below_connections;
	bool show_urls;          /* profiles as their address (github.com/jd), else the user name alone */
	bool links;              /* connections are links */
	float photo_width;       /* points; 0: the theme's */
	bool photo_right;        /* the photo at the right of the header, else the left */
	float photo_space_left, photo_space_right; /* points */
} cv_design_header;

/* Section titles (beside design.title_style, heading_size and color_headings). */
typedef struct cv_design_titles {
	bool bold, caps;         /* caps: small capitals */
	float rule;              /* the rule's thickness, points */
	cv_len space_above, space_below;
} cv_design_titles;

/* Sections and entries. */
typedef struct cv_design_entries {
	cv_len space_between;      /* between entries with a title (experience, education, ...) */
	cv_len space_between_text; /* between text, one-line and list entries */
	bool keep_sections;        /* a section is never split across pages (RenderCV allow_page_break: false) */
	bool keep_entries;         /* an entry is never split across pages */
	bool dates_left;           /* the dates in a margin at the left (moderncv), else a column at the right */
	cv_len date_width;         /* the date-and-location column; 0: as wide as its text */
	cv_halign date_align;      /* the date column's text within it */
	cv_len column_gap;         /* between the main and the date column, and the degree column */
	cv_len side_space;         /* entries are set in from the section's edges by this much */
	cv_len degree_width;       /* the education entry's degree column (at least) */
	bool short_second_row;     /* every line of the main column beside the date column, not only as many as it has */
	cv_len summary_space_above, summary_space_left;
	const char *nested_bullet; /* NULL: the theme's sequence */
	cv_len highlights_indent, highlights_space_above, highlights_space_between, bullet_gap;
	cv_strlist time_spans_in;  /* section titles whose entries show how long they lasted ("2 years 3 months") */
	const char *time_span;     /* template: HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS; NULL: the language's */
	const char *date_range;    /* template: START_DATE – END_DATE; NULL: the language's */
	cv_entry_template templates[CV_TEMPLATE_COUNT];
} cv_design_entries;

/* What a theme fixes beyond the design keys (themes/NAME.yaml, design.layout). */
typedef struct cv_design_layout {
	int columns;           /* 1, or 2: a sidebar at the left for the contact details and short sections */
	float sidebar_share;   /* the sidebar's share of the text width */
	float gutter;          /* between the sidebar and the main column, points */
	float spacing;         /* every vertical space × this (a denser theme) */
	float min_size_scale;  /* --max-pages may shrink type down to this share of the design's */
	float min_space_scale; /* ... and vertical spaces down to this share */
} cv_design_layout;

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
	bool last_updated;       /* the top note, "Last updated ..." (date from SOURCE_DATE_EPOCH or today) */
	cv_strlist sidebar_sections; /* section titles for the sidebar theme's narrow column; empty: by name */
	cv_str pdf_title;        /* the PDF's document title; NULL: "NAME — CV" */
	cv_str font_family;     /* Latin family name or font file; NULL: the shipped Noto Sans */
	cv_str cjk_font_family; /* Chinese family name or font file; NULL: the shipped WenQuanYi Micro Hei */
	bool page_numbers;
	cv_phone_format phone_format;
	int max_pages;          /* shrink to fit this many pages (--max-pages); 0: no limit */
	bool fill_last_page;    /* tighten spacing to pull a nearly empty last page back (default on) */
	bool hyphenate;         /* hyphenate justified English text as a last resort (default off) */
	const char *footer;     /* every page's footer (RenderCV's template, cv2pdf's tokens PAGE, TOTAL, NAME);
				 * NULL: the language's page number, from two pages on, when page_numbers */
	const char *top_note;   /* the note at the top right of page 1 when last_updated (RenderCV's
				 * template); NULL: the language's "last updated" line */
	unsigned color_footer, color_top_note; /* 0xRRGGBB */
	unsigned color_bullets; /* highlight markers: 0xRRGGBB or CV_COLOR_UNSET: the text colour */
	bool underline_links;
	cv_design_header header;
	cv_design_titles titles;
	cv_design_entries entries;
	cv_design_layout layout;
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

#ifdef __cplusplus
}
#endif

#endif
