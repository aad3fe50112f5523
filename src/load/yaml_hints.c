/* YAML mistakes explained: libyaml's words for a syntax error ("mapping values are not allowed in
 * this context") become a sentence about what the line says and how to fix it (quote the value, and
 * how the quoted line looks; indent a key like the one above it), read from the source text around
 * the fault. Also the quoting of a line for the warnings of yaml_tree.c (comments, anchors and tags
 * that ate part of a text). It never parses YAML itself and knows no libyaml types.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* The longest line a message quotes in full; a longer one is cut with "…" (the excerpt shows it). */
#define HINT_MAX_QUOTED 120

typedef struct src {
	const cv_srcfile *idx; /* the source's name and line index (NULL: no span is asked for) */
	const char *text;
	size_t len;
	cv_arena *a;
} src;

static size_t line_start(const src *s, size_t at)
{
	while (at > 0 && s->text[at - 1] != '\n')
		at--;
	return at;
}

/* The end of the line holding at, before its "\r\n" or "\n". */
static size_t line_end(const src *s, size_t at)
{
	while (at < s->len && s->text[at] != '\n')
		at++;
	return at > 0 && at <= s->len && at > line_start(s, at) && s->text[at - 1] == '\r' ? at - 1 : at;
}

static size_t skip_blanks(const src *s, size_t at, size_t end)
{
	while (at < end && (s->text[at] == ' ' || s->text[at] == '\t'))
		at++;
	return at;
}

/* The span of text[at..end) on at's line: 1-based line and columns (in characters). */
static cv_span span_at(const src *s, size_t at, size_t end)
{
	int line, col;
	cv_srcfile_locate(s->idx, at, &line, &col);
	int end_col = col;
	for (size_t i = at; i + 1 < end && i < s->len;)
		(void)cv_utf8_next(s->text, s->len, &i), end_col++;
	return (cv_span){cv_srcfile_name(s->idx), line, col, line, end_col};
}

/* The previous line with something on it besides a comment, or (size_t)-1. */
static size_t prev_content_line(const src *s, size_t ls)
{
	while (ls > 0) {
		ls = line_start(s, ls - 1);
		size_t at = skip_blanks(s, ls, line_end(s, ls));
		if (at < line_end(s, ls) && s->text[at] != '#')
			return ls;
	}
	return (size_t)-1;
}

/* Where the key of line ls ends: the offset of its ':' (followed by a blank or the line's end),
 * searched from the line's content, after any "- " markers, up to limit; (size_t)-1 when the line
 * holds no key before limit. A quoted key is skipped whole. */
static size_t key_colon(const src *s, size_t ls, size_t limit)
{
	size_t end = line_end(s, ls), at = skip_blanks(s, ls, end);
	while (at < end && s->text[at] == '-' && (at + 1 == end || s->text[at + 1] == ' '))
		at = skip_blanks(s, at + 1, end);
	if (at < end && (s->text[at] == '"' || s->text[at] == '\'')) {
		const char *close = memchr(s->text + at + 1, s->text[at], end - at - 1);
		at = close ? (size_t)(close - s->text) + 1 : end;
	}
	for (; at < end && at < limit; at++) {
		if (s->text[at] == '#' && at > ls && (s->text[at - 1] == ' ' || s->text[at - 1] == '\t'))
			break;
		if (s->text[at] == ':' && (at + 1 == end || s->text[at + 1] == ' ' || s->text[at + 1] == '\t'))
			return at;
	}
	return (size_t)-1;
}

/* The first character of line ls's content: after its indentation and any "- " markers. */
static size_t content_start(const src *s, size_t ls)
{
	size_t end = line_end(s, ls), at = skip_blanks(s, ls, end);
	while (at < end && s->text[at] == '-' && (at + 1 == end || s->text[at + 1] == ' '))
		at = skip_blanks(s, at + 1, end);
	return at;
}

/* Where the value of line ls starts: after the key's ": " when the line has a key before limit,
 * else its content. */
static size_t value_start(const src *s, size_t ls, size_t limit)
{
	size_t colon = key_colon(s, ls, limit);
	return colon == (size_t)-1 ? content_start(s, ls) : skip_blanks(s, colon + 1, line_end(s, ls));
}

static int column_of(const src *s, size_t at)
{
	return span_at(s, at, at + 1).col;
}

const char *cv_yaml_quote(cv_arena *a, const char *text, size_t n)
{
	while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	bool cut = false;
	if (n > HINT_MAX_QUOTED) {
		n = HINT_MAX_QUOTED;
		while (n && ((unsigned char)text[n] & 0xC0) == 0x80) /* a character boundary */
			n--;
		cut = true;
	}
	/* Double quotes unless the text holds a double quote or a backslash, which single quotes keep as
	 * they are (a single quote inside them is doubled). */
	bool single = memchr(text, '"', n) || memchr(text, '\\', n);
	char *out = cv_arena_alloc(a, 2 * n + 8), *w = out;
	*w++ = single ? '\'' : '"';
	for (size_t i = 0; i < n; i++) {
		if (single && text[i] == '\'')
			*w++ = '\'';
		*w++ = text[i];
	}
	if (cut)
		memcpy(w, "\xE2\x80\xA6", 3), w += 3; /* … */
	*w++ = single ? '\'' : '"';
	*w = '\0';
	return out;
}

const char *cv_yaml_quoted_line(cv_arena *a, const char *text, size_t len, size_t value_at, size_t value_end)
{
	src s = {NULL, text, len, a};
	size_t ls = line_start(&s, value_at), from = skip_blanks(&s, ls, value_at);
	if (value_end > line_end(&s, value_at))
		value_end = line_end(&s, value_at);
	return cv_arena_printf(a, "%.*s%s", (int)(value_at - from), text + from,
			       cv_yaml_quote(a, text + value_at, value_end - value_at));
}

/* "quote it: KEY: "VALUE"", the line from value_at to its end quoted. */
static const char *quoted(const src *s, size_t value_at)
{
	return cv_yaml_quoted_line(s->a, s->text, s->len, value_at, line_end(s, value_at));
}

/* A value the line could not hold: a character YAML reserves at its start, an alias or anchor
 * marker, or a quoted value with text after its closing quote. */
static const char *value_fault(const src *s, size_t value_at)
{
	char c = value_at < s->len ? s->text[value_at] : '\0';
	const char *fix = quoted(s, value_at);
	switch (c) {
	case '*':
		return cv_arena_printf(s->a, "a value that starts with \"*\" is read as a YAML alias (a reference to an "
					     "anchor); quote it: %s", fix);
	case '&':
		return cv_arena_printf(s->a, "a value that starts with \"&\" is read as a YAML anchor; quote it: %s", fix);
	case '!':
		return cv_arena_printf(s->a, "a value that starts with \"!\" is read as a YAML tag; quote it: %s", fix);
	case '@':
	case '`':
	case '%':
		return cv_arena_printf(s->a, "a YAML value cannot start with \"%c\"; quote it: %s", c, fix);
	case '"':
	case '\'': {
		/* 'it's': the text is what stands between the first quote and the last one on the line. */
		size_t end = line_end(s, value_at), last = end;
		while (last > value_at + 1 && s->text[last - 1] != c)
			last--;
		size_t inner_end = last > value_at + 1 ? last - 1 : end;
		const char *text = cv_arena_printf(s->a, "%.*s", (int)(inner_end - value_at - 1), s->text + value_at + 1);
		size_t ls = line_start(s, value_at), first = skip_blanks(s, ls, end);
		return cv_arena_printf(s->a, "the quoted value ends at its second %s and YAML cannot read what follows; "
					     "write a quote inside single quotes as two ('it''s'), or quote with the other "
					     "kind: %.*s%s",
				       c == '"' ? "double quote" : "quote", (int)(value_at - first), s->text + first,
				       cv_yaml_quote(s->a, text, strlen(text)));
	}
	default:
		return cv_arena_printf(s->a, "YAML cannot read the rest of this line as one value; quote it: %s", fix);
	}
}

/* "mapping values are not allowed in this context": a ": " where YAML cannot start a key. */
static const char *colon_fault(const src *s, size_t at, cv_span *where)
{
	size_t ls = line_start(s, at), first = skip_blanks(s, ls, line_end(s, ls));
	size_t v = value_start(s, ls, at);
	if (v < at && key_colon(s, ls, at) != (size_t)-1) /* "headline: Engineer: data" */
		return cv_arena_printf(s->a, "a \": \" inside a value makes YAML read a key there; quote the value: %s",
				       quoted(s, v));
	size_t p = prev_content_line(s, ls);
	if (p == (size_t)-1)
		return NULL;
	size_t pfirst = skip_blanks(s, p, line_end(s, p));
	size_t pcolon = key_colon(s, p, line_end(s, p));
	int indent = column_of(s, first), pindent = column_of(s, pfirst);
	if (indent > pindent && pcolon != (size_t)-1 && skip_blanks(s, pcolon + 1, line_end(s, p)) < line_end(s, p)) {
		size_t key = content_start(s, p);
		*where = span_at(s, first, at);
		return cv_arena_printf(s->a, "this line is indented more than \"%.*s:\" on line %d, so YAML reads it as "
					     "more of that line's value; indent it as far as \"%.*s:\" (column %d)",
				       (int)(pcolon - key), s->text + key, span_at(s, p, p + 1).line, (int)(pcolon - key),
				       s->text + key, column_of(s, key));
	}
	/* "name:Sam" above: a colon without a space is text, so the line is a value that goes on here. */
	const char *colon = memchr(s->text + pfirst, ':', line_end(s, p) - pfirst);
	if (indent == pindent && pcolon == (size_t)-1 && colon && colon + 1 < s->text + line_end(s, p)) {
		size_t c = (size_t)(colon - s->text);
		*where = span_at(s, c, c + 1);
		return cv_arena_printf(s->a, "a key needs a space after its colon: write \"%.*s: %.*s\"", (int)(c - pfirst),
				       s->text + pfirst, (int)(line_end(s, p) - c - 1), colon + 1);
	}
	return NULL;
}

/* The first key of the block the line at ls should belong to: the nearest line above with a key
 * (after its "- "), for "indent it as far as". Returns the key's offset or (size_t)-1. */
static size_t key_above(const src *s, size_t ls, size_t *colon)
{
	for (size_t p = prev_content_line(s, ls); p != (size_t)-1; p = prev_content_line(s, p)) {
		*colon = key_colon(s, p, line_end(s, p));
		if (*colon != (size_t)-1)
			return content_start(s, p);
	}
	return (size_t)-1;
}

/* A line at the start of which YAML expected "- " or a key it could place: an entry without its
 * "- ", or a key indented like no key above it. */
static const char *indent_fault(const src *s, size_t at, const char *problem, size_t list_at, bool has_list)
{
	size_t ls = line_start(s, at), colon;
	size_t key = key_above(s, ls, &colon);
	if (key == (size_t)-1)
		return NULL;
	size_t here = line_end(s, ls);
	const char *text = cv_arena_printf(s->a, "%.*s", (int)(here - at), s->text + at);
	if (has_list && s->text[at] == '-')
		return cv_arena_printf(s->a, "this \"- \" is at column %d, but the items of the list that starts on line %d "
					     "are at column %d: line them up",
				       column_of(s, at), span_at(s, list_at, list_at + 1).line, column_of(s, list_at));
	if (has_list && strstr(problem, "'-'"))
		return cv_arena_printf(s->a, "this line is inside the list that starts on line %d but does not start with "
					     "\"- \": to start a new entry write \"- %s\"; to go on with the entry above, "
					     "indent it as far as \"%.*s:\" (column %d)",
				       span_at(s, list_at, list_at + 1).line, text, (int)(colon - key), s->text + key,
				       column_of(s, key));
	return cv_arena_printf(s->a, "this line is indented to column %d, where no key above it is: indent it as far as "
				     "\"%.*s:\" on line %d (column %d)",
			       column_of(s, at), (int)(colon - key), s->text + key, span_at(s, key, key + 1).line,
			       column_of(s, key));
}

bool cv_yaml_explain(const cv_srcfile *idx, const char *text, const cv_yaml_fault *f, cv_arena *a, cv_diags *d)
{
	size_t len;
	(void)cv_srcfile_text(idx, &len);
	src s = {idx, text, len, a};
	const char *problem = f->problem ? f->problem : "", *context = f->context ? f->context : "";
	size_t at = f->problem_at < len ? f->problem_at : len;
	cv_span where = span_at(&s, at, at + 1);
	const char *msg = NULL;
	size_t ls = line_start(&s, at);
	bool line_first = at == skip_blanks(&s, ls, line_end(&s, ls)) && at < len;
	/* A "[" or "{" that opens a value on a line with text after it ("name: [Sam"); not one that opens
	 * a block of JSON over several lines, where libyaml's words are the clearest. */
	size_t open_ls = f->has_context ? line_start(&s, f->context_at) : 0;
	bool inline_open = f->has_context && f->context_at > skip_blanks(&s, open_ls, line_end(&s, open_ls)) &&
			   skip_blanks(&s, f->context_at + 1, line_end(&s, open_ls)) < line_end(&s, open_ls);
	if (f->has_context && (strstr(context, "flow sequence") || strstr(context, "flow mapping")) &&
	    strstr(problem, "did not find expected ','")) {
		/* Point at the bracket that was opened, not at the end of the file where libyaml gave up. */
		size_t open = f->context_at;
		bool seq = strstr(context, "sequence") != NULL;
		where = span_at(&s, open, open + 1);
		if (inline_open)
			msg = cv_arena_printf(a, "this \"%c\" starts a YAML %s that is not closed (a \"%c\" was expected by line "
						 "%d); if the value is text, quote it: %s",
					      seq ? '[' : '{', seq ? "list" : "map", seq ? ']' : '}', span_at(&s, at, at + 1).line,
					      quoted(&s, open));
		else
			msg = cv_arena_printf(a, "this \"%c\" is not closed: a \",\" or \"%c\" was expected by line %d, column %d",
					      seq ? '[' : '{', seq ? ']' : '}', span_at(&s, at, at + 1).line,
					      span_at(&s, at, at + 1).col);
	} else if (f->has_context && strstr(context, "quoted scalar") && strstr(problem, "end of stream")) {
		size_t open = f->context_at;
		where = span_at(&s, open, open + 1);
		msg = cv_arena_printf(a, "this quote is never closed, so the value runs to the end of the file; add the "
					 "closing %s",
				      text[open] == '"' ? "\"" : "'");
	} else if (f->has_context && strstr(context, "quoted scalar") && text[f->context_at] == '"' &&
		   (strstr(problem, "escape") || strstr(problem, "hexdecimal"))) {
		/* "C:\Users": a backslash starts an escape in double quotes; single quotes keep it. */
		size_t open = f->context_at, bs = at;
		while (bs > open && text[bs] != '\\')
			bs--;
		size_t close = open + 1;
		while (close < line_end(&s, open) && (text[close] != '"' || text[close - 1] == '\\'))
			close++;
		where = span_at(&s, bs, bs + 2);
		size_t first = skip_blanks(&s, line_start(&s, open), open);
		msg = cv_arena_printf(a, "in double quotes a backslash starts an escape, and \"\\%c\" here is not a valid "
					 "one; write \"\\\\\" for a backslash, or quote with single quotes, which keep it: "
					 "%.*s'%.*s'",
				      bs + 1 < len ? text[bs + 1] : ' ', (int)(open - first), text + first,
				      (int)(close - open - 1), text + open + 1);
	} else if (strstr(problem, "cannot start any token")) {
		msg = value_fault(&s, at);
	} else if (f->has_context && (strstr(context, "scanning an alias") || strstr(context, "scanning an anchor"))) {
		where = span_at(&s, f->context_at, f->context_at + 1);
		msg = value_fault(&s, f->context_at);
	} else if (strstr(problem, "mapping values are not allowed")) {
		msg = colon_fault(&s, at, &where);
	} else if (strstr(problem, "did not find expected") && f->has_context && strstr(context, "block")) {
		if (line_first)
			msg = indent_fault(&s, at, problem, f->context_at, strstr(context, "collection") != NULL);
		else
			msg = value_fault(&s, value_start(&s, ls, at));
	}
	if (!msg)
		return false;
	cv_diag_add(d, CV_ERROR, "yaml-syntax", where, "%s", msg);
	return true;
}
