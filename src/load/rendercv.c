/* RenderCV's own ways with text, applied to a loaded RenderCV document: its settings blocks
 * (`settings` from 2.4, `rendercv_settings` from 1.14 to 2.3: the current date, bold keywords, the PDF
 * title, the order of entries), and Typst markup in its texts, which only RenderCV can draw and which
 * becomes cv2pdf's own markup here with one warning per construct. Model to model; nothing prints.
 * SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/util.h"
#include "load_internal.h"

/* ---- Every text of the document -------------------------------------------------------------- */

typedef void (*text_fn)(void *ctx, cv_str *s);

static void each_item_text(cv_item *items, size_t n, text_fn fn, void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		fn(ctx, &items[i].text);
		each_item_text(items[i].children, items[i].n_children, fn, ctx);
	}
}

static void each_blocks_text(cv_blocks *b, text_fn fn, void *ctx)
{
	for (size_t i = 0; i < b->n; i++)
		fn(ctx, &b->items[i].text);
}

static void each_section_text(cv_section *s, text_fn fn, void *ctx)
{
	fn(ctx, &s->title);
	for (size_t i = 0; i < s->n_entries; i++) {
		cv_entry *e = &s->entries[i];
		/* Every text a reader sees; not the url, the doi or the dates, which are read as data. */
		cv_str *fields[] = {&e->text,        &e->name,    &e->company, &e->position, &e->institution,
				    &e->area,        &e->degree,  &e->title,   &e->journal,  &e->label,
				    &e->details,     &e->date,    &e->location};
		for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
			fn(ctx, fields[f]);
		for (size_t a = 0; a < e->authors.n; a++)
			fn(ctx, &e->authors.items[a]);
		each_blocks_text(&e->summary, fn, ctx);
		each_item_text(e->highlights, e->n_highlights, fn, ctx);
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		each_section_text(&s->subsections[i], fn, ctx);
}

/* Calls fn on every text of doc a reader sees (absent ones too: fn checks s->s). connections: the
 * contact items as well. */
static void each_text(cv_doc *doc, bool connections, text_fn fn, void *ctx)
{
	fn(ctx, &doc->name);
	fn(ctx, &doc->headline);
	fn(ctx, &doc->location);
	each_blocks_text(&doc->summary, fn, ctx);
	for (size_t i = 0; connections && i < doc->n_connections; i++)
		fn(ctx, &doc->connections[i].text);
	for (size_t i = 0; i < doc->n_sections; i++)
		each_section_text(&doc->sections[i], fn, ctx);
}

/* ---- Typst markup ---------------------------------------------------------------------------- */

/* The Typst constructs RenderCV's documentation offers in text ("#emph[emphasized]", "$$f(x)$$") and
 * what cv2pdf shows instead. A construct not listed keeps its content, without the markup. */
typedef enum { TY_CONTENT, TY_ITALIC, TY_BOLD, TY_LINK, TY_CODE, TY_SPACE, TY_NOTHING } ty_shown;
static const struct {
	const char *name;
	ty_shown shown;
} typst_functions[] = {
	{"emph", TY_ITALIC},    {"strong", TY_BOLD},      {"link", TY_LINK},      {"raw", TY_CODE},
	{"h", TY_SPACE},        {"linebreak", TY_SPACE},  {"v", TY_NOTHING},      {"parbreak", TY_SPACE},
	{"pagebreak", TY_NOTHING}, {"colbreak", TY_NOTHING}, {"image", TY_NOTHING}, {"fa-icon", TY_NOTHING},
};
/* Typst symbols (#sym.arrow.r) that résumés use, and their characters. */
static const struct {
	const char *name, *text;
} typst_symbols[] = {
	{"arrow.r", "→"},   {"arrow.l", "←"},    {"arrow.t", "↑"},     {"arrow.b", "↓"},  {"arrow.r.long", "⟶"},
	{"dot", "⋅"},       {"dot.c", "·"},      {"bullet", "•"},      {"dash.en", "–"},  {"dash.em", "—"},
	{"checkmark", "✓"}, {"star", "★"},       {"star.filled", "★"}, {"times", "×"},    {"plus.minus", "±"},
	{"approx", "≈"},    {"lt.eq", "≤"},      {"gt.eq", "≥"},       {"degree", "°"},   {"copyright", "©"},
	{"trademark", "™"}, {"ellipsis.h", "…"}, {"quote.l.double", "“"}, {"quote.r.double", "”"},
};

/* The constructs found, each reported once with its first place and how often it was used. */
#define TYPST_KINDS_MAX 16
typedef struct typst_ctx {
	cv_mctx *m;
	struct {
		char name[64]; /* "#name(...)[...]", the name at most 31 bytes */
		const char *says;
		cv_span first;
		size_t count;
	} seen[TYPST_KINDS_MAX];
	size_t n_seen;
	bool changed; /* the text being read held Typst */
	char *buf;
	size_t len, cap;
} typst_ctx;

static void note(typst_ctx *t, const char *name, const char *says, cv_span at)
{
	t->changed = true;
	for (size_t i = 0; i < t->n_seen; i++)
		if (!strcmp(t->seen[i].name, name)) {
			t->seen[i].count++;
			return;
		}
	if (t->n_seen == TYPST_KINDS_MAX)
		return;
	snprintf(t->seen[t->n_seen].name, sizeof t->seen[t->n_seen].name, "%s", name);
	t->seen[t->n_seen].says = says;
	t->seen[t->n_seen].first = at;
	t->seen[t->n_seen].count = 1;
	t->n_seen++;
}

static void out(typst_ctx *t, const char *s, size_t n)
{
	cv_grow((void **)&t->buf, &t->cap, t->len + n + 1, 1);
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

/* The end of a bracketed group starting at s[i] (open, close: "[" "]" or "(" ")"), nested groups and
 * quoted strings skipped; SIZE_MAX when it is not closed. */
static size_t group_end(const char *s, size_t n, size_t i, char open, char close)
{
	int depth = 0;
	bool quoted = false;
	for (size_t k = i; k < n; k++) {
		if (quoted) {
			if (s[k] == '\\')
				k++;
			else if (s[k] == '"')
				quoted = false;
		} else if (s[k] == '"' && open == '(') {
			quoted = true;
		} else if (s[k] == open) {
			depth++;
		} else if (s[k] == close && --depth == 0) {
			return k;
		}
	}
	return SIZE_MAX;
}

static void convert(typst_ctx *t, const char *s, size_t n, cv_span at);

/* "#name(args)[content]" at s[i] == '#'; returns the offset after it, or 0 when it is not one. */
static size_t typst_call(typst_ctx *t, const char *s, size_t n, size_t i, cv_span at)
{
	size_t k = i + 1;
	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || s[k] == '.'))
		k++;
	size_t name_len = k - i - 1;
	if (!name_len || !isalpha((unsigned char)s[i + 1]) || name_len >= 32)
		return 0;
	char name[32];
	memcpy(name, s + i + 1, name_len);
	name[name_len] = '\0';
	if (!strncmp(name, "sym.", 4)) {
		for (size_t y = 0; y < sizeof typst_symbols / sizeof typst_symbols[0]; y++)
			if (!strcmp(name + 4, typst_symbols[y].name)) {
				out(t, typst_symbols[y].text, strlen(typst_symbols[y].text));
				note(t, "#sym", "Typst markup, which only RenderCV draws; the symbol is shown as its character", at);
				return k;
			}
		return 0;
	}
	size_t args = SIZE_MAX, args_end = 0, body = SIZE_MAX, body_end = 0;
	if (k < n && s[k] == '(') {
		args_end = group_end(s, n, k, '(', ')');
		if (args_end == SIZE_MAX)
			return 0;
		args = k + 1;
		k = args_end + 1;
	}
	if (k < n && s[k] == '[') {
		body_end = group_end(s, n, k, '[', ']');
		if (body_end == SIZE_MAX)
			return 0;
		body = k + 1;
		k = body_end + 1;
	}
	if (args == SIZE_MAX && body == SIZE_MAX) /* "#hashtag": text, not a call */
		return 0;
	ty_shown shown = TY_CONTENT;
	for (size_t f = 0; f < sizeof typst_functions / sizeof typst_functions[0]; f++)
		if (!strcmp(name, typst_functions[f].name))
			shown = typst_functions[f].shown;
	/* The first quoted argument: a link's URL, raw's text. */
	const char *q0 = NULL, *q1 = NULL;
	if (args != SIZE_MAX) {
		q0 = memchr(s + args, '"', args_end - args);
		q1 = q0 ? memchr(q0 + 1, '"', (size_t)(s + args_end - (q0 + 1))) : NULL;
		if (!q1)
			q0 = NULL;
	}
	char label[48];
	snprintf(label, sizeof label, "#%s%s%s", name, args != SIZE_MAX ? "(...)" : "", body != SIZE_MAX ? "[...]" : "");
	switch (shown) {
	case TY_ITALIC:
	case TY_BOLD:
		out(t, shown == TY_BOLD ? "**" : "*", shown == TY_BOLD ? 2 : 1);
		if (body != SIZE_MAX)
			convert(t, s + body, body_end - body, at);
		out(t, shown == TY_BOLD ? "**" : "*", shown == TY_BOLD ? 2 : 1);
		note(t, label, shown == TY_BOLD ? "Typst markup, which only RenderCV draws; its text is shown in bold"
						: "Typst markup, which only RenderCV draws; its text is shown in italics",
		     at);
		break;
	case TY_LINK:
		out(t, "[", 1);
		if (body != SIZE_MAX)
			convert(t, s + body, body_end - body, at);
		else if (q0)
			out(t, q0 + 1, (size_t)(q1 - q0 - 1));
		out(t, "](", 2);
		if (q0)
			out(t, q0 + 1, (size_t)(q1 - q0 - 1));
		out(t, ")", 1);
		note(t, label, "Typst markup, which only RenderCV draws; it is shown as a link", at);
		break;
	case TY_CODE:
		out(t, "`", 1);
		if (q0)
			out(t, q0 + 1, (size_t)(q1 - q0 - 1));
		else if (body != SIZE_MAX)
			out(t, s + body, body_end - body);
		out(t, "`", 1);
		note(t, label, "Typst markup, which only RenderCV draws; its text is shown as code", at);
		break;
	case TY_SPACE:
		out(t, " ", 1);
		note(t, label, "Typst markup, which only RenderCV draws; it is shown as a space", at);
		break;
	case TY_NOTHING:
		note(t, label, "Typst markup, which only RenderCV draws; it has no text to show and is left out", at);
		break;
	case TY_CONTENT:
		if (body != SIZE_MAX)
			convert(t, s + body, body_end - body, at);
		note(t, label,
		     body != SIZE_MAX ? "Typst markup, which only RenderCV draws; its text is shown without the markup"
				      : "Typst markup, which only RenderCV draws; it has no text to show and is left out",
		     at);
		break;
	}
	return k;
}

/* ---- Math ------------------------------------------------------------------------------------ */

/* Math as text a reader knows. RenderCV 1 set $...$ with LaTeX, RenderCV 2 sets $$...$$ with Typst; the
 * examples of both write "$\mathcal{O}(n^2)$", which becomes "O(n²)": commands that only style a letter
 * keep it, named functions and Greek letters are words and letters, ^2 and _1 are superscript and
 * subscript digits, braces go. */
static const char *const math_styles[] = {"mathcal", "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathbb",
					  "text", "textbf", "textit", "textrm", "operatorname", "boldsymbol", "cal",
					  "bold", "italic", "upright", NULL};
static const struct {
	const char *name, *text;
} math_words[] = {
	{"alpha", "α"},   {"beta", "β"},    {"gamma", "γ"},   {"delta", "δ"},    {"epsilon", "ε"}, {"varepsilon", "ε"},
	{"zeta", "ζ"},    {"eta", "η"},     {"theta", "θ"},   {"kappa", "κ"},    {"lambda", "λ"},  {"mu", "μ"},
	{"nu", "ν"},      {"xi", "ξ"},      {"pi", "π"},      {"rho", "ρ"},      {"sigma", "σ"},   {"tau", "τ"},
	{"phi", "φ"},     {"varphi", "φ"},  {"chi", "χ"},     {"psi", "ψ"},      {"omega", "ω"},   {"Gamma", "Γ"},
	{"Delta", "Δ"},   {"Theta", "Θ"},   {"Lambda", "Λ"},  {"Pi", "Π"},       {"Sigma", "Σ"},   {"Phi", "Φ"},
	{"Psi", "Ψ"},     {"Omega", "Ω"},   {"cdot", "⋅"},    {"times", "×"},    {"leq", "≤"},     {"le", "≤"},
	{"geq", "≥"},     {"ge", "≥"},      {"neq", "≠"},     {"ne", "≠"},       {"approx", "≈"},  {"sim", "∼"},
	{"infty", "∞"},   {"pm", "±"},      {"to", "→"},      {"rightarrow", "→"}, {"leftarrow", "←"}, {"ldots", "…"},
	{"dots", "…"},    {"cdots", "⋯"},   {"in", "∈"},      {"sum", "∑"},      {"prod", "∏"},    {"sqrt", "√"},
	{"partial", "∂"}, {"nabla", "∇"},   {"propto", "∝"},  {"equiv", "≡"},    {"%", "%"},       {"$", "$"},
	{"{", "{"},       {"}", "}"},       {"_", "_"},       {"&", "&"},        {",", " "},       {";", " "},
	{" ", " "},       {"!", ""},        {"quad", " "},
};
/* Characters that have superscript and subscript forms, and the forms. */
static const char script_chars[] = "0123456789+-=()ni";
static const char *const supers[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁺", "⁻", "⁼", "⁽", "⁾", "ⁿ", "ⁱ"};
static const char *const subs[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉", "₊", "₋", "₌", "₍", "₎", NULL, NULL};

static void math_text(typst_ctx *t, const char *s, size_t n);

/* A ^ or _ argument at s[i] (a braced group or one character); its end in *end. */
static void script(typst_ctx *t, const char *s, size_t n, size_t i, bool super, size_t *end)
{
	size_t a = i, b = i + 1;
	if (i < n && s[i] == '{') {
		size_t close = group_end(s, n, i, '{', '}');
		b = close == SIZE_MAX ? n : close;
		a = i + 1;
		*end = close == SIZE_MAX ? n : close + 1;
	} else {
		*end = b > n ? n : b;
		b = *end;
	}
	bool all = b > a;
	for (size_t k = a; k < b && all; k++) {
		const char *c = strchr(script_chars, s[k]);
		all = c && s[k] && (super ? supers : subs)[c - script_chars];
	}
	if (all) {
		for (size_t k = a; k < b; k++) {
			const char *form = (super ? supers : subs)[strchr(script_chars, s[k]) - script_chars];
			out(t, form, strlen(form));
		}
		return;
	}
	out(t, super ? "^" : "_", 1);
	bool group = b - a > 1;
	if (group)
		out(t, "(", 1);
	math_text(t, s + a, b - a);
	if (group)
		out(t, ")", 1);
}

static void math_text(typst_ctx *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && i + 1 < n) {
			size_t k = i + 1;
			while (k < n && isalpha((unsigned char)s[k]))
				k++;
			if (k == i + 1)
				k++; /* a one-character command: "\,", "\{" */
			size_t len = k - i - 1;
			bool style = false;
			for (size_t w = 0; math_styles[w]; w++)
				style = style || (strlen(math_styles[w]) == len && !strncmp(s + i + 1, math_styles[w], len));
			if (style && k < n && s[k] == '{') {
				size_t close = group_end(s, n, k, '{', '}');
				size_t e = close == SIZE_MAX ? n : close;
				math_text(t, s + k + 1, e - k - 1);
				i = close == SIZE_MAX ? n : close + 1;
				continue;
			}
			const char *word = NULL;
			for (size_t w = 0; w < sizeof math_words / sizeof math_words[0] && !word; w++)
				if (strlen(math_words[w].name) == len && !strncmp(s + i + 1, math_words[w].name, len))
					word = math_words[w].text;
			if (word)
				out(t, word, strlen(word));
			else /* \log, \max and any other name: the word */
				out(t, s + i + 1, len);
			i = k;
			continue;
		}
		if (s[i] == '^' || s[i] == '_') {
			size_t end;
			script(t, s, n, i + 1, s[i] == '^', &end);
			i = end;
			continue;
		}
		if (s[i] == '{' || s[i] == '}') {
			i++;
			continue;
		}
		out(t, s + i, 1);
		i++;
	}
}

/* Whether s[0..n) between single dollars is LaTeX math (RenderCV 1): a command, a ^ or a _ in it, and
 * no space just inside the dollars; "$18M to $20M" is money. */
static bool latex_math(const char *s, size_t n)
{
	if (!n || s[0] == ' ' || s[n - 1] == ' ' || memchr(s, '\n', n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '^' || s[i] == '_' || (s[i] == '\\' && i + 1 < n && isalpha((unsigned char)s[i + 1])))
			return true;
	return false;
}

static void convert(typst_ctx *t, const char *s, size_t n, cv_span at)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && i + 1 < n) { /* an escape of cv2pdf's markup: left for the layout */
			out(t, s + i, 2);
			i += 2;
			continue;
		}
		if (s[i] == '$' && i + 1 < n && s[i + 1] == '$') { /* $$math$$ (RenderCV 2) */
			const char *close = i + 2 < n ? strstr(s + i + 2, "$$") : NULL;
			if (close && close < s + n) {
				math_text(t, s + i + 2, (size_t)(close - (s + i + 2)));
				note(t, "$$...$$", "math, which only RenderCV draws; it is shown as plain text", at);
				i = (size_t)(close - s) + 2;
				continue;
			}
		}
		if (s[i] == '$') { /* $math$ (RenderCV 1, which set text with LaTeX) */
			const char *close = memchr(s + i + 1, '$', n - i - 1);
			if (close && latex_math(s + i + 1, (size_t)(close - (s + i + 1)))) {
				math_text(t, s + i + 1, (size_t)(close - (s + i + 1)));
				note(t, "$...$", "LaTeX math, which only RenderCV 1 draws; it is shown as plain text", at);
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (s[i] == '#') {
			size_t end = typst_call(t, s, n, i, at);
			if (end) {
				i = end;
				continue;
			}
		}
		out(t, s + i, 1);
		i++;
	}
}

static void typst_text(void *ctx, cv_str *s)
{
	typst_ctx *t = ctx;
	if (!s->s || (!strchr(s->s, '#') && !strchr(s->s, '$')))
		return;
	t->len = 0;
	t->changed = false;
	convert(t, s->s, strlen(s->s), s->span);
	if (!t->changed) /* nothing was Typst: the text stays as it is */
		return;
	s->s = cv_arena_strndup(t->m->a, t->buf, t->len);
}

void cv_rendercv_typst(cv_mctx *m)
{
	typst_ctx t = {.m = m};
	each_text(m->doc, true, typst_text, &t);
	for (size_t i = 0; i < t.n_seen; i++) {
		const char *more = t.seen[i].count > 1 ? cv_arena_printf(m->a, " (here and in %zu more places)",
									 t.seen[i].count - 1)
						       : "";
		cv_diag_add(m->d, CV_WARNING, "typst-markup", t.seen[i].first,
			    "%s: %s%s", t.seen[i].name, t.seen[i].says, more);
	}
	free(t.buf);
}

/* ---- settings.bold_keywords ------------------------------------------------------------------ */

typedef struct bold_ctx {
	cv_mctx *m;
	const char **words; /* longest first, so "Machine Learning" wins over "Machine" */
	size_t n;
	char *buf;
	size_t len, cap;
} bold_ctx;

/* A letter, digit or '_' of a word, or any byte of a multi-byte character (letters of other scripts):
 * a keyword matches only as a whole word, as RenderCV's \b does. */
static bool word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

static void bout(bold_ctx *b, const char *s, size_t n)
{
	cv_grow((void **)&b->buf, &b->cap, b->len + n + 1, 1);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
}

/* Wraps every keyword of s in ** **, except where the text is already bold, in code, or in a link's
 * address. */
static void bold_text(void *ctx, cv_str *str)
{
	bold_ctx *b = ctx;
	if (!str->s)
		return;
	const char *s = str->s;
	size_t n = strlen(s);
	b->len = 0;
	bool bold = false, changed = false;
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && i + 1 < n) {
			bout(b, s + i, 2);
			i += 2;
			continue;
		}
		if (s[i] == '`') { /* code: as written */
			const char *close = strchr(s + i + 1, '`');
			size_t end = close ? (size_t)(close - s) + 1 : n;
			bout(b, s + i, end - i);
			i = end;
			continue;
		}
		if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') { /* a link's address */
			const char *close = strchr(s + i + 2, ')');
			size_t end = close ? (size_t)(close - s) + 1 : n;
			bout(b, s + i, end - i);
			i = end;
			continue;
		}
		if (s[i] == '*') {
			size_t k = i;
			while (k < n && s[k] == '*')
				k++;
			if (k - i >= 2 && k - i <= 3)
				bold = !bold;
			bout(b, s + i, k - i);
			i = k;
			continue;
		}
		size_t hit = 0;
		bool starts = i == 0 || !word_byte((unsigned char)s[i - 1]);
		for (size_t w = 0; !bold && w < b->n && !hit; w++) {
			size_t wl = strlen(b->words[w]);
			if (!wl || i + wl > n || memcmp(s + i, b->words[w], wl))
				continue;
			if (word_byte((unsigned char)b->words[w][0]) && !starts)
				continue;
			if (word_byte((unsigned char)b->words[w][wl - 1]) && i + wl < n && word_byte((unsigned char)s[i + wl]))
				continue;
			hit = wl;
		}
		if (hit) {
			bout(b, "**", 2);
			bout(b, s + i, hit);
			bout(b, "**", 2);
			i += hit;
			changed = true;
			continue;
		}
		bout(b, s + i, 1);
		i++;
	}
	if (changed)
		str->s = cv_arena_strndup(b->m->a, b->buf, b->len);
}

static int longer_first(const void *a, const void *b)
{
	size_t la = strlen(*(const char *const *)a), lb = strlen(*(const char *const *)b);
	return la < lb ? 1 : la > lb ? -1 : strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void bold_keywords(cv_mctx *m, const ynode *n, const char *path)
{
	cv_strlist l = cv_map_text_list(m, n, path);
	if (!l.n)
		return;
	bold_ctx b = {.m = m};
	b.words = cv_arena_calloc(m->a, l.n, sizeof *b.words);
	for (size_t i = 0; i < l.n; i++) {
		bool again = false;
		for (size_t k = 0; k < b.n; k++)
			again = again || !strcmp(b.words[k], l.items[i].s);
		if (!again && *l.items[i].s)
			b.words[b.n++] = l.items[i].s;
	}
	qsort(b.words, b.n, sizeof *b.words, longer_first);
	each_text(m->doc, false, bold_text, &b);
	free(b.buf);
}

/* ---- rendercv_settings.sort_entries ---------------------------------------------------------- */

/* An entry's date for sorting, as RenderCV sorts: the end (or the single date), then the start; a
 * range that goes on ends today. Dates as YYYYMMDD, missing parts 1; 0 when there is none. */
static long sort_date(const cv_entry *e, bool start, const cv_date *today)
{
	const cv_date *d = start ? &e->start_date : e->has_end ? &e->end_date : &e->start_date;
	bool has = start ? e->has_start : e->has_end || e->has_start;
	if (!has || d->text)
		return 0;
	if (d->present)
		return today->year ? (long)today->year * 10000 + today->month * 100 + today->day : 99991231L;
	return (long)d->year * 10000 + (d->month ? d->month : 1) * 100 + (d->day ? d->day : 1);
}

static void sort_section(cv_section *s, bool newest_first, const cv_date *today)
{
	/* An insertion sort: stable, as RenderCV's is, and sections hold tens of entries. Undated entries
	 * go last either way. */
	for (size_t i = 1; i < s->n_entries; i++) {
		cv_entry e = s->entries[i];
		long end = sort_date(&e, false, today), start = sort_date(&e, true, today);
		size_t k = i;
		while (k > 0) {
			const cv_entry *p = &s->entries[k - 1];
			long pe = sort_date(p, false, today), ps = sort_date(p, true, today);
			bool before;
			if (!end || !pe)
				before = end && !pe;
			else if (end != pe)
				before = newest_first ? end > pe : end < pe;
			else
				before = start && ps && (newest_first ? start > ps : start < ps);
			if (!before)
				break;
			s->entries[k] = *p;
			k--;
		}
		s->entries[k] = e;
	}
	for (size_t i = 0; i < s->n_subsections; i++)
		sort_section(&s->subsections[i], newest_first, today);
}

void cv_map_sort_entries(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n))
		return;
	bool newest = n->kind == YN_SCALAR && !strcmp(n->value, "reverse-chronological");
	bool oldest = n->kind == YN_SCALAR && !strcmp(n->value, "chronological");
	if (!newest && !oldest) {
		if (n->kind != YN_SCALAR || strcmp(n->value, "none"))
			cv_diag_add(m->d, CV_WARNING, "bad-value", n->span,
				    "%s: expected reverse-chronological, chronological or none, got %s; the entries keep "
				    "their order",
				    path, cv_yn_shown(m->a, n));
		return;
	}
	for (size_t i = 0; i < m->doc->n_sections; i++)
		sort_section(&m->doc->sections[i], newest, &m->doc->current_date);
}

/* ---- The phone format ------------------------------------------------------------------------- */

void cv_map_phone_format(cv_mctx *m, const ynode *n, const char *path)
{
	static const struct {
		const char *name;
		cv_phone_format format;
	} formats[] = {{"national", CV_PHONE_NATIONAL}, {"international", CV_PHONE_INTERNATIONAL}, {"E164", CV_PHONE_E164}};
	if (!n || cv_yn_is_null(n))
		return;
	for (size_t i = 0; n->kind == YN_SCALAR && i < sizeof formats / sizeof formats[0]; i++)
		if (!strcasecmp(n->value, formats[i].name)) {
			m->doc->design.phone_format = formats[i].format;
			return;
		}
	cv_diag_add(m->d, CV_WARNING, "bad-value", n->span,
		    "%s: expected national, international or E164, got %s; numbers are shown in the national form", path,
		    cv_yn_shown(m->a, n));
}

/* ---- The settings blocks --------------------------------------------------------------------- */

const char *const cv_settings_keys[] = {"current_date", "render_command", "bold_keywords", "pdf_title", NULL};
const char *const cv_rendercv_settings_keys[] = {"date", "render_command", "bold_keywords", "sort_entries", NULL};

/* render_command: the other files of a split résumé, which cv2pdf takes as overlays, and RenderCV's
 * outputs, which cv2pdf takes from its command line. Every version's keys. */
static const char *const render_files[] = {"design", "locale", "locale_catalog", "rendercv_settings", NULL};
static const char *const render_outputs[] = {
	"output_folder", "output_folder_name", "pdf_path", "typst_path", "latex_path", "markdown_path", "html_path",
	"png_path", "dont_generate_pdf", "dont_generate_typst", "dont_generate_markdown", "dont_generate_html",
	"dont_generate_png", "use_local_latex_command", "watch", NULL};

static void render_command(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_diag_add(m->d, CV_WARNING, "wrong-type", n->span, "%s: expected a map of RenderCV's render settings, got %s",
			    path, cv_yn_kind_name(n));
		return;
	}
	for (size_t k = 0; render_files[k]; k++) {
		const ynode *f = cv_yn_get(n, render_files[k]);
		if (f && !cv_yn_is_null(f))
			cv_diag_add(m->d, CV_WARNING, "not-implemented", f->span,
				    "%s.%s: cv2pdf reads no file a résumé names; give %s after the résumé, as an overlay: "
				    "cv2pdf FILE %s",
				    path, render_files[k], cv_yn_shown(m->a, f), f->kind == YN_SCALAR ? f->value : "OVERLAY");
	}
	const ynode *first = NULL;
	for (size_t k = 0; render_outputs[k]; k++) {
		const ynode *o = cv_yn_get(n, render_outputs[k]);
		if (o && !cv_yn_is_null(o) && !first)
			first = o;
	}
	if (first)
		cv_diag_add(m->d, CV_WARNING, "not-implemented", first->span,
			    "%s: RenderCV's output settings have no effect; cv2pdf writes one PDF, where -o says (by default "
			    "beside the résumé)",
			    path);
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s", path);
	const char *known[sizeof render_files / sizeof *render_files + sizeof render_outputs / sizeof *render_outputs];
	size_t nk = 0;
	for (size_t k = 0; render_files[k]; k++)
		known[nk++] = render_files[k];
	for (size_t k = 0; render_outputs[k]; k++)
		known[nk++] = render_outputs[k];
	known[nk] = NULL;
	cv_yn_report_unknown(n, p, known, m->d, CV_WARNING);
}

/* The document's date: a date, or "today" (the render's date). */
static void current_date(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n) || (n->kind == YN_SCALAR && !strcmp(n->value, "today")))
		return;
	cv_date d;
	if (n->kind != YN_SCALAR || !cv_map_parse_date(n->value, &d) || d.present) {
		cv_diag_add(m->d, CV_WARNING, "bad-date", n->span,
			    "%s: expected a date such as 2025-06-30 or \"today\", got %s; the render's date is used", path,
			    cv_yn_shown(m->a, n));
		return;
	}
	d.span = n->span;
	m->doc->current_date = d;
}

void cv_map_settings(cv_mctx *m, const ynode *n, const char *path)
{
	if (!n || cv_yn_is_null(n))
		return;
	if (n->kind != YN_MAP) {
		cv_map_err(m, n, "wrong-type", "%s: expected a map, got %s", path, cv_yn_kind_name(n));
		return;
	}
	bool v2 = !strcmp(path, "settings"); /* RenderCV 2.4 and later; else rendercv_settings */
	char p[CV_PATH_MAX];
	CV_PATHF(p, "%s.%s", path, v2 ? "current_date" : "date");
	current_date(m, cv_yn_get(n, v2 ? "current_date" : "date"), p);
	CV_PATHF(p, "%s.render_command", path);
	render_command(m, cv_yn_get(n, "render_command"), p);
	if (v2) {
		/* RenderCV's PDF title, with its placeholders (NAME, CURRENT_DATE, YEAR, ...) filled by the
		 * layout; cv2pdf's own design.pdf_title wins. */
		cv_str title = cv_map_field(m, n, "pdf_title", path);
		if (title.s && !m->doc->design.pdf_title.s)
			m->doc->design.pdf_title = title;
	} else {
		CV_PATHF(p, "%s.sort_entries", path);
		cv_map_sort_entries(m, cv_yn_get(n, "sort_entries"), p);
	}
	CV_PATHF(p, "%s.bold_keywords", path);
	bold_keywords(m, cv_yn_get(n, "bold_keywords"), p);
	cv_yn_report_unknown(n, path, v2 ? cv_settings_keys : cv_rendercv_settings_keys, m->d, CV_WARNING);
}
