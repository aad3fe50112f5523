/* The top-level `letter`: a cover letter beside the résumé (recipient, company, address, date,
 * subject, salutation, body, closing, signature), read from the YAML tree into doc->letter. Every
 * dialect accepts it. It lays nothing out and fills in no default: the language's words for what is
 * left out are chosen where the letter is set (present.h).
 * SPDX-License-Identifier: MIT */
#include <string.h>

#include "cv2pdf/lang.h"
#include "cv2pdf/util.h"
#include "load_internal.h"

const char *const cv_letter_keys[] = {"recipient", "company", "address", "date", "subject", "salutation", "body",
				      "closing", "signature", NULL};

/* A text of paragraphs separated by blank lines, or a list of paragraphs. */
static cv_strlist paragraphs(cv_mctx *m, const ynode *n, const char *path)
{
	cv_strlist l = cv_map_text_list(m, n, path);
	if (!n || n->kind == YN_SEQ || l.n != 1)
		return l;
	const char *s = l.items[0].s;
	cv_span span = l.items[0].span;
	size_t count = 1;
	for (const char *p = strstr(s, "\n\n"); p; p = strstr(p + 2, "\n\n"))
		count++;
	l.items = cv_arena_calloc(m->a, count, sizeof *l.items);
	l.n = 0;
	while (*s) {
		const char *e = strstr(s, "\n\n");
		size_t len = e ? (size_t)(e - s) : strlen(s);
		while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
			len--;
		if (len)
			l.items[l.n++] = (cv_str){cv_arena_strndup(m->a, s, len), span};
		s = e ? e + 2 : s + strlen(s);
		while (*s == '\n')
			s++;
	}
	return l;
}

void cv_map_letter(cv_mctx *m, const ynode *n)
{
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map (recipient, company, subject, body, ...), got %s",
			   "letter", cv_yn_kind_name(n));
		return;
	}
	cv_letter *l = &m->doc->letter;
	l->present = true;
	l->span = n->span;
	l->recipient = cv_map_field(m, n, "recipient", "letter");
	l->company = cv_map_field(m, n, "company", "letter");
	l->address = cv_map_text_list(m, cv_yn_get(n, "address"), "letter.address");
	l->subject = cv_map_field(m, n, "subject", "letter");
	l->salutation = cv_map_field(m, n, "salutation", "letter");
	l->body = paragraphs(m, cv_yn_get(n, "body"), "letter.body");
	l->closing = cv_map_field(m, n, "closing", "letter");
	l->signature = cv_map_field(m, n, "signature", "letter");
	/* A date as YYYY-MM-DD is written out in the language's words; "today" (or none) is the date of the
	 * render; anything else is shown as written ("Berlin, 1 March 2025"). */
	cv_str date = cv_map_field(m, n, "date", "letter");
	cv_date d = {0};
	if (date.s && (!strcmp(date.s, "today") || (cv_map_parse_date(date.s, &d) && d.present)))
		date.s = NULL;
	else if (date.s && cv_map_parse_date(date.s, &d)) {
		d.span = date.span;
		l->date_value = d;
		date.s = NULL;
	}
	l->date = date;
	if (!l->body.n) {
		const ynode *b = cv_yn_get(n, "body");
		cv_diag_add(m->d, CV_WARNING, "empty-letter", b ? b->span : n->span,
			    "letter: the letter has no body%s; add its paragraphs under letter.body",
			    b ? " (letter.body is empty)" : "");
	}
	if (l->address.n && cv_lang_letter(m->doc->locale.lang)->chinese)
		cv_diag_add(m->d, CV_WARNING, "not-shown", l->address.items[0].span,
			    "letter.address: a letter in %s names the company and the recipient in its salutation and has "
			    "no address block, so the address is not shown",
			    m->doc->locale.lang->english);
	cv_yn_report_unknown(n, "letter", cv_letter_keys, m->d, CV_WARNING);
}
