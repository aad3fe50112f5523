/* How the model's values read: inline markup, dates in words, which links may be followed, the
 * header's contact items and the phrases entries are shown with. Shared by layout (the PDF) and
 * export (plain text, Markdown, HTML), so that every output says the same thing. Pure functions of
 * the model and the language tables: no fonts, no pages, no I/O.
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_PRESENT_H
#define CV2PDF_PRESENT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The longest link target: real ones are far shorter (browsers stop near 2,000 characters); the
 * renderer may triple it when it percent-encodes, which stays far below a PDF string's limit. Markup
 * also stops looking for the end of a [text](url) after this many bytes, so that a line of "[a("
 * is not rescanned to its end at every bracket. */
#define CV_MAX_URL_BYTES 2048

/* ---- Inline markup (markup.c) ---- */

/* One piece of marked-up text: plain text with its style bits and link. */
typedef struct cv_mpiece {
	const char *text; /* arena-owned, markup and escapes removed */
	size_t len;
	unsigned style;   /* CV_BOLD | CV_ITALIC | CV_CODE (text.h) */
	const char *link; /* arena-owned URI as written, or NULL */
} cv_mpiece;

/* Parses **bold**, *italic*, ***bold italic***, `code`, [text](url) and backslash escapes in
 * s[0..len). Unmatched markers stay literal text. Pieces are appended to *out (a heap array with
 * *n used and *cap allocated; caller frees); their strings live in arena. */
void cv_markup_parse(const char *s, size_t len, cv_arena *arena, cv_mpiece **out, size_t *n, size_t *cap);

/* s without markup, arena-owned (bookmark titles, document info). */
const char *cv_markup_strip(const char *s, cv_arena *arena);

/* ---- Dates (dates.c) ---- */

/* The entry's dates as the document's language writes them: "Aug 2023 – present", "2023年8月 – 至今",
 * or the free-text date. Arena-owned; NULL when the entry has no date. */
const char *cv_format_dates(const cv_entry *e, const cv_locale *loc, cv_arena *arena);

/* One end of an entry's range in words ("Aug 2023", "present"), into out (cap bytes). */
void cv_format_date(const cv_date *d, const cv_words *w, char *out, size_t cap);

/* ---- Links and contacts (links.c, contacts.c) ---- */

/* The link a reader may follow for uri: http(s), mailto with one address, tel with a phone number,
 * or a host without a scheme ("example.com/x", which gets https://). Anything else (javascript:,
 * file:, a mailto: carrying headers) is NULL, with *why set to a phrase for a warning ("is not http,
 * https, mailto or tel"). The result is arena-owned. */
const char *cv_link_check(const char *uri, cv_arena *arena, const char **why);

/* uri without "scheme://" (or "mailto:", "tel:"), and without one trailing '/': what a reader would
 * type. Arena-owned, or a pointer into uri. */
const char *cv_link_shown(const char *uri, cv_arena *arena);

/* What a contact item is, for outputs that mark it up (an HTML class, a vCard-like field). */
typedef enum { CV_CONTACT_LOCATION, CV_CONTACT_EMAIL, CV_CONTACT_PHONE, CV_CONTACT_WEBSITE, CV_CONTACT_SOCIAL,
	       CV_CONTACT_OTHER } cv_contact_kind;

/* One item of the header's line of contact details, as shown. */
typedef struct cv_contact {
	cv_contact_kind kind;
	const char *text; /* as shown: "donghande.github.io", "github.com/jd"; arena-owned or the model's */
	const char *link; /* checked link (cv_link_check), or NULL */
	cv_span span;
} cv_contact;

/* The document's contact items in the header's order: location, e-mail addresses, phones,
 * websites, social profiles, free connections. Unsafe links are dropped with an "unsafe-link"
 * warning in d (NULL: no warnings). Returns an arena array; *n receives its length. */
cv_contact *cv_present_contacts(const cv_doc *doc, cv_arena *arena, cv_diags *d, size_t *n);

/* The link to a social profile by RenderCV's URL patterns, and in *shown the text shown for it (the
 * address without its scheme; "Google Scholar" for Google Scholar; a Mastodon handle as written;
 * "Network: username" for a network RenderCV does not know, which gets no link: NULL). Arena-owned.
 * contacts.c. */
const char *cv_social_link(const cv_social *s, cv_arena *arena, const char **shown);
/* A phone number as RenderCV shows it in format (model.h): by default +1 and ten digits in North
 * America's national form ("(703) 480-0500"), other numbers with a country code in the international
 * form ("+49 30 1234567", the author's spacing kept); a number without a country code as written.
 * Arena-owned or phone itself. contacts.c. */
const char *cv_phone_shown(const char *phone, cv_phone_format format, cv_arena *arena);

/* The link of a free text's [text](url) or of a field, checked as cv_link_check does, warning in d
 * (NULL: silently) at span when it is refused. */
const char *cv_present_link(const char *uri, cv_span span, cv_arena *arena, cv_diags *d);

/* ---- Phrases of entries (links.c) ---- */

/* A publication's authors joined by the language's list separator; NULL when none. Arena-owned. */
const char *cv_present_authors(const cv_doc *doc, const cv_strlist *authors, cv_arena *arena);

/* ---- Entries by template (entry.c, template.c) ---- */

/* The day the résumé is dated (the open end of time spans, the top note): SOURCE_DATE_EPOCH when it
 * is set, else today. All zero when the clock gives none. */
typedef struct cv_today {
	int year, month, day;
} cv_today;

/* line of an entry template with each placeholder names[k] (a whole word in capitals) replaced by
 * values[k]; a placeholder whose value is NULL or "" goes with the punctuation stuck to it and the
 * connecting words ("in", "at") between it and its neighbours, and what is left dangling at either end
 * (", ", " -- "); "--" and "---" become en and em dashes. Arena-owned; NULL when nothing is left. */
const char *cv_template_fill(const char *line, const char *const *names, const char *const *values, size_t n_names,
			     cv_arena *a);

/* Lines of one template part: enough for any arrangement RenderCV's themes use (at most five), a
 * date and a time span each on its own. */
#define CV_ENTRY_MAX_LINES 16

/* One part of an entry as its template fills it: lines of inline markup, in order, each with where
 * the first field it shows was written (for messages). */
typedef struct cv_entry_part {
	const char *line[CV_ENTRY_MAX_LINES];
	cv_span span[CV_ENTRY_MAX_LINES];
	size_t n;
} cv_entry_part;

/* An entry as its design's template arranges it. */
typedef struct cv_entry_lines {
	cv_entry_part main;    /* the main column; a line "SUMMARY" or "HIGHLIGHTS" (cv_entry_is_block)
				* stands for that block, and is left out when the entry lacks it */
	cv_entry_part dates;   /* the date-and-location column, the time span on the line after the dates */
	cv_entry_part degree;  /* education's degree column, at the left of the main column */
	bool degree_column;    /* the template has a degree column (set even when this entry's is empty) */
	const char *time_span; /* how long the entry lasted, as it stands among dates' lines; NULL: not shown */
} cv_entry_lines;

/* The template e is set by (its kind's; a one-line entry's only when the design gives one). False for
 * entries without a template: text, bullet and numbered entries, "Label: details" lines. */
bool cv_entry_template_kind(const cv_design *ds, const cv_entry *e, cv_template_kind *kind);

/* e's lines by its design's template, into out, with its time span when spans (the section shows
 * them: cv_shows_time_spans), counted to today for an open end. False (out empty) when e has no
 * template. Strings in arena. */
bool cv_present_entry(const cv_doc *doc, const cv_entry *e, bool spans, cv_today today, cv_arena *a,
		      cv_entry_lines *out);

/* Whether a main-column line stands for a block (SUMMARY, HIGHLIGHTS) rather than text. */
bool cv_entry_is_block(const char *line);

/* How long e lasted, as RenderCV counts it: whole years when either end is a year alone, else the days
 * between the ends in years of 365 and months of 30, the month begun counted; by the design's
 * time_span template or the language's words ("2 years 3 months"). NULL when e has no start or the
 * template is empty. Arena-owned. */
const char *cv_time_span(const cv_doc *doc, const cv_entry *e, cv_today today, cv_arena *a);

/* Whether entries of the top-level section titled title (markup removed) show time spans
 * (design.sections.show_time_spans_in): RenderCV compares titles in snake case ("work_experience"). */
bool cv_shows_time_spans(const cv_design *ds, const char *title);

/* ---- The cover letter (letter.c) ---- */

/* Lines of a closing: "此致" and "敬礼！" are two. */
#define CV_LETTER_CLOSING_LINES 4

/* A letter as it is set, the language's words filled in where the input left them out. Texts are
 * inline markup (the model's, or the language's words, which hold none). */
typedef struct cv_letter_view {
	bool chinese;         /* the Chinese convention (cv_letter_words.chinese) */
	cv_str date;          /* "1 March 2025", "2025年3月1日", or as written */
	char date_iso[11];    /* "2025-03-01" for a date cv2pdf wrote; "" for one written out by hand */
	cv_str *address;      /* recipient, company and address lines (not in the Chinese convention) */
	size_t n_address;
	cv_str subject;       /* s NULL: none */
	cv_str salutation;
	const cv_str *body;
	size_t n_body;
	cv_str closing[CV_LETTER_CLOSING_LINES];
	size_t n_closing;
	cv_str signature;     /* s NULL: no name to sign with */
} cv_letter_view;

/* doc's letter (doc->letter.present) as set on the day year-month-day (the render's date, for a
 * letter without one), into out; arrays and strings in arena. */
void cv_present_letter(const cv_doc *doc, int year, int month, int day, cv_arena *arena, cv_letter_view *out);

#ifdef __cplusplus
}
#endif

#endif
