/* Unit tests of what the dialects share: block Markdown in summaries (src/load/markdown.c), the
 * contact items' links and display (src/layout/contacts.c), and a photo at a web address.
 * No fonts, no files.
 * SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "harness.h"
#include "layout_internal.h"

#include "load_helpers.h"

/* got equals want (both may be NULL), reported with the test's line. */
static void same(int line, const char *got, const char *want, const char *what)
{
	bool eq = got && want ? strcmp(got, want) == 0 : got == want;
	OK(eq, "line %d: %s:\n  got  \"%s\"\n  want \"%s\"", line, what, got ? got : "(null)", want ? want : "(null)");
}

/* ---- Block Markdown ------------------------------------------------------------------------- */

/* The blocks of a native summary written as a literal block scalar, as one line each:
 * "P0 text" for a paragraph at level 0, "I2 - text" for a bulleted item at level 2, "I1 3. text". */
static char *blocks_of(const char *markdown, cv_diags *d)
{
	size_t cap = strlen(markdown) * 3 + 64;
	char *yaml = malloc(cap), *w = yaml;
	w += sprintf(w, "cv:\n  name: A\n  summary: |\n");
	for (const char *l = markdown; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		w += n ? sprintf(w, "    %.*s\n", (int)n, l) : sprintf(w, "\n");
		l += n + (nl ? 1 : 0);
	}
	cv_doc *doc = load(yaml, d);
	free(yaml);
	if (!doc)
		return NULL;
	size_t total = 1;
	for (size_t i = 0; i < doc->summary.n; i++)
		total += strlen(doc->summary.items[i].text.s) + 32;
	char *out = malloc(total), *o = out;
	*o = '\0';
	for (size_t i = 0; i < doc->summary.n; i++) {
		const cv_block *b = &doc->summary.items[i];
		o += sprintf(o, "%s%c%d ", i ? "|" : "", b->item ? 'I' : 'P', b->level);
		if (b->item && b->numbered)
			o += sprintf(o, "%d. ", b->number);
		else if (b->item)
			o += sprintf(o, "- ");
		o += sprintf(o, "%s", b->text.s);
	}
	cv_doc_free(doc);
	return out;
}

static void check_blocks(int line, const char *markdown, const char *want, size_t warnings)
{
	cv_diags *d = cv_diags_new();
	char *got = blocks_of(markdown, d);
	same(line, got, want, "blocks");
	OK(cv_diags_count(d) == warnings, "line %d: %zu messages, want %zu", line, cv_diags_count(d), warnings);
	if (cv_diags_count(d) != warnings)
		cv_diags_print(d, stderr, false, false);
	free(got);
	cv_diags_free(d);
}
#define BLOCKS(md, want, warnings) check_blocks(__LINE__, md, want, warnings)

static void test_markdown(void)
{
	BLOCKS("One paragraph\nwrapped.", "P0 One paragraph\nwrapped.", 0);
	BLOCKS("First.\n\nSecond.", "P0 First.|P0 Second.", 0);
	/* The case: nested items stay nested, bullets stay bullets, the number list is its own. */
	BLOCKS("- a\n  - a1\n1. b", "I1 - a|I2 - a1|I1 1. b", 0);
	BLOCKS("Did:\n- x\n- y", "P0 Did:|I1 - x|I1 - y", 0);
	BLOCKS("* star\n+ plus\n• bullet", "I1 - star|I1 - plus|I1 - bullet", 0);
	/* Numbers: the first as written, then counted, across blank lines and nested items. */
	BLOCKS("3. c\n4. d\n   - d1\n\n9. e", "I1 3. c|I1 4. d|I2 - d1|I1 5. e", 0);
	BLOCKS("1) a\n2) b", "I1 1. a|I1 2. b", 0);
	/* Four levels and more, with two-space and marker-width indents. */
	BLOCKS("- 1\n  - 2\n    - 3\n      - 4\n        - 5", "I1 - 1|I2 - 2|I3 - 3|I4 - 4|I5 - 5", 0);
	BLOCKS("1. a\n   1. b\n      1. c", "I1 1. a|I2 1. b|I3 1. c", 0);
	/* A wrapped item is one item; an indented paragraph after a blank line continues the item; an
	 * unindented one ends the list. */
	BLOCKS("- long\nline\n- next", "I1 - long\nline|I1 - next", 0);
	BLOCKS("- item\n\n  more of it\n- next", "I1 - item|P1 more of it|I1 - next", 0);
	BLOCKS("- item\n\nafter", "I1 - item|P0 after", 0);
	/* Not lists: a year with a full stop, a number in a line, a hyphenated word. */
	BLOCKS("2019. Joined X", "P0 2019. Joined X", 0);
	BLOCKS("Grew revenue\n2. times", "P0 Grew revenue\n2. times", 0);
	BLOCKS("-5% costs", "P0 -5% costs", 0);
	/* An empty item is left out; a heading is a bold paragraph. */
	BLOCKS("-\n- b", "I1 - b", 0);
	BLOCKS("## Tools\n- a", "P0 **Tools**|I1 - a", 0);
	/* What cannot be drawn: one warning each, the text kept. */
	BLOCKS("| a | b |\n|---|---|\n| 1 | 2 |", "P0 a | b|P0 1 | 2", 1);
	BLOCKS("x\n\n---\n\ny", "P0 x|P0 y", 1);
	BLOCKS("```\ncode(1)\n```", "P0 `code(1)`", 1);
	BLOCKS("- a\n  ```\n  x\n  ```\n```\ny\n```", "I1 - a|P1 `x`|P0 `y`", 1);
	BLOCKS("> quoted\n> twice", "P0 quoted\ntwice", 1);
}

/* JSON Resume's and YAMLResume's summaries keep paragraphs and lists in order; a description leads. */
static void test_summary_order(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("{\"basics\": {\"name\": \"A\", \"summary\": \"- one\\n- two\\n\\nAfter the list.\"},\n"
			      " \"work\": [{\"name\": \"W\", \"description\": \"Maker\", \"summary\": \"1. x\\n2. y\",\n"
			      "            \"highlights\": [\"h\"]}]}\n",
			      d);
	if (doc) {
		INT_EQ(doc->summary.n, 3, "two items and a paragraph");
		if (doc->summary.n == 3) {
			OK(doc->summary.items[0].item && !doc->summary.items[0].numbered, "a bulleted item, not \"• one\" text");
			STR_EQ(doc->summary.items[2].text.s, "After the list.", "the paragraph after the list stays after it");
		}
		const cv_entry *e = &doc->sections[0].entries[0];
		INT_EQ(e->summary.n, 3, "the description, then two numbered items");
		if (e->summary.n == 3) {
			STR_EQ(e->summary.items[0].text.s, "*Maker*", "the description in italics");
			OK(e->summary.items[2].numbered && e->summary.items[2].number == 2, "item 2.");
		}
		INT_EQ(e->n_highlights, 1, "highlights stay highlights");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* ---- Contact items -------------------------------------------------------------------------- */

static void check_social(int line, const char *network, const char *user, const char *want_url, const char *want_shown)
{
	cv_arena *a = cv_arena_new();
	cv_social s = {.network = {.s = network}, .username = {.s = user}};
	const char *shown = NULL;
	const char *url = cv_social_link(&s, a, &shown);
	same(line, url, want_url, network);
	same(line, shown, want_shown, network);
	cv_arena_free(a);
}
#define SOCIAL(n, u, url, shown) check_social(__LINE__, n, u, url, shown)

static void test_social(void)
{
	/* RenderCV's seventeen networks and its URL patterns. */
	SOCIAL("LinkedIn", "jd", "https://linkedin.com/in/jd", "linkedin.com/in/jd");
	SOCIAL("GitHub", "jd", "https://github.com/jd", "github.com/jd");
	SOCIAL("GitLab", "jd", "https://gitlab.com/jd", "gitlab.com/jd");
	SOCIAL("IMDB", "nm0000001", "https://imdb.com/name/nm0000001", "imdb.com/name/nm0000001");
	SOCIAL("Instagram", "jd", "https://instagram.com/jd", "instagram.com/jd");
	SOCIAL("ORCID", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097", "orcid.org/0000-0002-1825-0097");
	SOCIAL("Mastodon", "@jd@fosstodon.org", "https://fosstodon.org/@jd", "@jd@fosstodon.org");
	SOCIAL("Mastodon", "jd@fosstodon.org", "https://fosstodon.org/@jd", "@jd@fosstodon.org");
	SOCIAL("StackOverflow", "123/jd", "https://stackoverflow.com/users/123/jd", "stackoverflow.com/users/123/jd");
	SOCIAL("ResearchGate", "J-Doe", "https://researchgate.net/profile/J-Doe", "researchgate.net/profile/J-Doe");
	SOCIAL("YouTube", "jd", "https://youtube.com/@jd", "youtube.com/@jd");
	SOCIAL("Google Scholar", "AbC12", "https://scholar.google.com/citations?user=AbC12", "Google Scholar");
	SOCIAL("Telegram", "jd", "https://t.me/jd", "t.me/jd");
	SOCIAL("WhatsApp", "+1 703-480-0500", "https://wa.me/17034800500", "wa.me/17034800500");
	SOCIAL("Leetcode", "jd", "https://leetcode.com/u/jd", "leetcode.com/u/jd");
	SOCIAL("X", "jd", "https://x.com/jd", "x.com/jd");
	SOCIAL("Bluesky", "jd.bsky.social", "https://bsky.app/profile/jd.bsky.social", "bsky.app/profile/jd.bsky.social");
	SOCIAL("Reddit", "jd", "https://reddit.com/user/jd", "reddit.com/user/jd");
	/* RenderCV 1's names and JSON Resume's spellings. */
	SOCIAL("Twitter", "jd", "https://twitter.com/jd", "twitter.com/jd");
	SOCIAL("Orcid", "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097", "orcid.org/0000-0002-1825-0097");
	SOCIAL("Mastodon", "jd", "https://mastodon.social/@jd", "mastodon.social/@jd");
	SOCIAL("YouTube", "@jd", "https://youtube.com/@jd", "youtube.com/@jd");
	SOCIAL("stack overflow", "1/x", "https://stackoverflow.com/users/1/x", "stackoverflow.com/users/1/x");
	SOCIAL("google_scholar", "Q", "https://scholar.google.com/citations?user=Q", "Google Scholar");
	SOCIAL("Blog", "me", NULL, "Blog: me");
}

static void check_phone(int line, const char *phone, cv_phone_format format, const char *want)
{
	cv_arena *a = cv_arena_new();
	same(line, cv_phone_shown(phone, format, a), want, phone);
	cv_arena_free(a);
}
#define PHONE(p, want) check_phone(__LINE__, p, CV_PHONE_NATIONAL, want)

static void test_phone(void)
{
	PHONE("+17034800500", "(703) 480-0500");
	PHONE("+1 703 480 0500", "(703) 480-0500");
	PHONE("+1-703-480-0500", "(703) 480-0500");
	PHONE("+4930123456", "+49 30123456");
	PHONE("+49-30-1234567", "+49 30 1234567");
	PHONE("+49 30 1234567", "+49 30 1234567");
	PHONE("+44 (0)20 7946 0958", "+44 (0)20 7946 0958");
	PHONE("+353871234567", "+353 871234567");
	PHONE("+8613800138000", "+86 13800138000");
	PHONE("(555) 123-4567", "(555) 123-4567");
	PHONE("+15550100", "+15550100"); /* +1 with seven digits is no North American number: as written */
	PHONE("030 1234567", "030 1234567");
	PHONE("+1 800 FLOWERS", "+1 800 FLOWERS");
	PHONE("tel:+1-609-999-9995", "(609) 999-9995");
	PHONE("tel:+90-541-999-99-99", "+90 541 999 99 99");
	/* RenderCV's other formats (locale.phone_number_format in 2.0 to 2.3). */
	check_phone(__LINE__, "+17034800500", CV_PHONE_INTERNATIONAL, "+1 703-480-0500");
	check_phone(__LINE__, "+49-30-1234567", CV_PHONE_INTERNATIONAL, "+49 30 1234567");
	check_phone(__LINE__, "+1 (703) 480-0500", CV_PHONE_E164, "+17034800500");
	check_phone(__LINE__, "+49 30 1234567", CV_PHONE_E164, "+49301234567");
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv: {name: A, phone: \"+17034800500\"}\nlocale: {phone_number_format: international}\n", d);
	OK(doc && doc->design.phone_format == CV_PHONE_INTERNATIONAL, "locale.phone_number_format");
	INT_EQ(cv_diags_count(d), 0, "no messages");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* ---- A photo at a web address --------------------------------------------------------------- */

static void test_web_photo(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("{\"basics\": {\"name\": \"A\", \"image\": \"https://gravatar.example/a.png\"}}\n", d);
	OK(doc && !doc->photo.s, "no photo");
	EXPECT_WARNING(d, "photo", 1, 35, "the photo \"https://gravatar.example/a.png\" is a web address");
	INT_EQ(cv_diags_count(d), 1, "one warning");
	cv_doc_free(doc);
	cv_diags_free(d);
}

int main(void)
{
	test_markdown();
	test_summary_order();
	test_social();
	test_phone();
	test_web_photo();
	return harness_summary();
}
