/* Unit tests of the loader, the model and tailoring through the public API: YAML text in memory goes
 * through cv_load() and cv_tailor(), and the tests read the model and the diagnostics it produced.
 * Needs no fonts and no files.
 * SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "cv2pdf/tailor.h"
#include "harness.h"
/* The loader's limits (CV_MAX_DEPTH), so the tests follow them if they change. */
#include "../../src/load/load_internal.h"

/* ---- Helpers ------------------------------------------------------------------------------- */

#include "load_helpers.h"

/* The entries of the first section, or NULL (with a failure) when there is none. */
static const cv_section *first_section(const cv_doc *doc)
{
	OK(doc && doc->n_sections > 0, "the document should have a section");
	return doc && doc->n_sections ? &doc->sections[0] : NULL;
}

/* ---- Entry kinds and fields ---------------------------------------------------------------- */

static const char kinds_yaml[] =
	"cv:\n"                                          /* 1 */
	"  name: Ada Lovelace\n"                         /* 2 */
	"  sections:\n"                                  /* 3 */
	"    All:\n"                                     /* 4 */
	"      - Just a line of *text*\n"                /* 5 */
	"      - company: Analytical Engines\n"          /* 6 */
	"        position: Engineer\n"                   /* 7 */
	"        location: London\n"                     /* 8 */
	"        start_date: 2020-01\n"                  /* 9 */
	"        end_date: present\n"                    /* 10 */
	"        summary: Built things\n"                /* 11 */
	"        numbered: true\n"                       /* 12 */
	"        id: job1\n"                             /* 13 */
	"        highlights:\n"                          /* 14 */
	"          - one\n"                              /* 15 */
	"          - two\n"                              /* 16 */
	"      - institution: University of London\n"    /* 17 */
	"        area: Mathematics\n"                    /* 18 */
	"        degree: BSc\n"                          /* 19 */
	"        start_date: 2015\n"                     /* 20 */
	"        end_date: 2019-06-30\n"                 /* 21 */
	"      - name: Side project\n"                   /* 22 */
	"        date: Summer 2021\n"                    /* 23 */
	"      - title: On engines\n"                    /* 24 */
	"        authors: [\"**Ada Lovelace**\", Charles Babbage]\n" /* 25 */
	"        doi: 10.1000/xyz\n"                     /* 26 */
	"        url: https://example.org/p\n"           /* 27 */
	"        journal: Notes\n"                       /* 28 */
	"        date: 1843\n"                           /* 29 */
	"      - label: Languages\n"                     /* 30 */
	"        details: English, French\n"            /* 31 */
	"      - bullet: A bullet\n"                     /* 32 */
	"      - number: A numbered item\n"              /* 33 */
	"      - reversed_number: A reversed item\n"     /* 34 */
	"      - page_break: true\n"                     /* 35 */
	"      - position: Intern\n"                     /* 36 */
	"        company: Babbage & Co\n";               /* 37 */

static void test_entry_kinds(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(kinds_yaml, d);
	INT_EQ(cv_diags_count(d), 0, "diagnostics for a clean file");
	const cv_section *s = first_section(doc);
	if (!s)
		goto out;
	STR_EQ(s->title.s, "All", "section title");
	INT_EQ(s->title.span.line, 4, "section title line");
	INT_EQ(s->title.span.col, 5, "section title col");
	INT_EQ(s->n_entries, 11, "entries");
	if (s->n_entries != 11)
		goto out;
	static const cv_entry_kind want[] = {
		CV_ENTRY_TEXT,    CV_ENTRY_EXPERIENCE, CV_ENTRY_EDUCATION, CV_ENTRY_NORMAL,
		CV_ENTRY_PUBLICATION, CV_ENTRY_ONELINE, CV_ENTRY_BULLET,   CV_ENTRY_NUMBERED,
		CV_ENTRY_REVNUMBERED, CV_ENTRY_PAGEBREAK, CV_ENTRY_EXPERIENCE,
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		INT_EQ(s->entries[i].kind, want[i], "entry kind");

	const cv_entry *e = &s->entries[0];
	const cv_str *text = e->summary.n == 1 ? &e->summary.items[0].text : &e->text;
	STR_EQ(text->s, "Just a line of *text*", "text entry keeps its markup, as its one paragraph");
	INT_EQ(text->span.line, 5, "text entry line");
	INT_EQ(text->span.col, 9, "text entry col");

	e = &s->entries[1];
	STR_EQ(e->company.s, "Analytical Engines", "company");
	INT_EQ(e->company.span.line, 6, "company line");
	INT_EQ(e->company.span.col, 18, "company col");
	STR_EQ(e->position.s, "Engineer", "position");
	STR_EQ(e->location.s, "London", "location");
	STR_EQ(e->summary.n ? e->summary.items[0].text.s : NULL, "Built things", "summary");
	STR_EQ(e->id.s, "job1", "id");
	OK(e->numbered, "numbered highlights");
	OK(e->has_start && e->start_date.year == 2020 && e->start_date.month == 1 && e->start_date.day == 0,
	   "start 2020-01");
	OK(e->has_end && e->end_date.present, "end present");
	INT_EQ(e->end_date.span.line, 10, "end_date line");
	INT_EQ(e->end_date.span.col, 19, "end_date col");
	OK(e->date.s == NULL, "no free-text date");
	INT_EQ(e->n_highlights, 2, "highlights");
	if (e->n_highlights == 2) {
		STR_EQ(e->highlights[0].text.s, "one", "highlight 1");
		STR_EQ(e->highlights[1].text.s, "two", "highlight 2");
		INT_EQ(e->highlights[1].span.line, 16, "highlight 2 line");
	}
	INT_EQ(e->span.line, 6, "entry span line");
	INT_EQ(e->span.col, 9, "entry span col");

	e = &s->entries[2];
	STR_EQ(e->institution.s, "University of London", "institution");
	STR_EQ(e->area.s, "Mathematics", "area");
	STR_EQ(e->degree.s, "BSc", "degree");
	OK(e->has_start && e->start_date.year == 2015 && e->start_date.month == 0, "start 2015");
	OK(e->has_end && e->end_date.year == 2019 && e->end_date.month == 6 && e->end_date.day == 30, "end 2019-06-30");
	OK(!e->end_date.present, "a dated end is not present");

	e = &s->entries[3];
	STR_EQ(e->name.s, "Side project", "normal name");
	STR_EQ(e->date.s, "Summer 2021", "free-text date");
	OK(!e->has_start && !e->has_end, "no start/end");

	e = &s->entries[4];
	STR_EQ(e->title.s, "On engines", "publication title");
	INT_EQ(e->authors.n, 2, "authors");
	if (e->authors.n == 2) {
		STR_EQ(e->authors.items[0].s, "**Ada Lovelace**", "own name keeps its markup");
		STR_EQ(e->authors.items[1].s, "Charles Babbage", "second author");
	}
	STR_EQ(e->doi.s, "10.1000/xyz", "doi");
	STR_EQ(e->url.s, "https://example.org/p", "url");
	STR_EQ(e->journal.s, "Notes", "journal");
	STR_EQ(e->date.s, "1843", "a number date is kept as text");

	e = &s->entries[5];
	STR_EQ(e->label.s, "Languages", "label");
	STR_EQ(e->details.s, "English, French", "details");
	STR_EQ(s->entries[6].text.s, "A bullet", "bullet text");
	STR_EQ(s->entries[7].text.s, "A numbered item", "number text");
	STR_EQ(s->entries[8].text.s, "A reversed item", "reversed_number text");
	INT_EQ(s->entries[9].span.line, 35, "page break line");
	/* Either key decides experience; the key order does not matter. */
	STR_EQ(s->entries[10].company.s, "Babbage & Co", "company after position");
	STR_EQ(s->entries[10].position.s, "Intern", "position first");
out:
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* A key that belongs to another kind of entry is reported, not silently dropped. */
static void test_entry_foreign_keys(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  sections:\n"
			      "    S:\n"
			      "      - name: Project\n"
			      "        title: Lead\n"
			      "      - page_break: true\n"
			      "        company: X\n"
			      "  name: A\n",
			      d);
	EXPECT_WARNING(d, "unknown-key", 5, 9, "key \"cv.sections.S[0].title\" has no effect here");
	EXPECT_WARNING(d, "unknown-key", 7, 9, "key \"cv.sections.S[1].company\" has no effect here");
	for (size_t i = 0; i < cv_diags_count(d); i++)
		OK(!strstr(cv_diags_at(d, i)->message, "did you mean \"title\"") &&
			   !strstr(cv_diags_at(d, i)->message, "did you mean \"company\""),
		   "a known key is not its own suggestion: %s", cv_diags_at(d, i)->message);
	INT_EQ(count_severity(d, CV_WARNING), 2, "two warnings");
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_entry_errors(void)
{
	/* An experience entry needs a company, a publication a title; a map of unknown keys is no entry;
	 * a list is not an entry. */
	cv_diags *d = LOAD_FAIL("cv:\n"
				"  sections:\n"
				"    S:\n"
				"      - position: Intern\n"
				"      - doi: 10.1/x\n"
				"        authors: [A]\n"
				"      - frobnicate: bar\n"
				"      - [a, b]\n"
				"  name: A\n");
	EXPECT_ERROR(d, "missing-field", 4, 9, "cv.sections.S[0]: this entry needs \"company\"");
	EXPECT_ERROR(d, "missing-field", 5, 9, "cv.sections.S[1]: this entry needs \"title\"");
	EXPECT_ERROR(d, "unknown-entry", 7, 9, "cv.sections.S[2]");
	EXPECT_ERROR(d, "wrong-type", 8, 9, "cv.sections.S[3]");
	INT_EQ(cv_diags_errors(d), 4, "one error per bad entry");
	cv_diags_free(d);
}

/* ---- Sections, highlights, empty items ----------------------------------------------------- */

static void test_subsections(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: A\n"
			      "  sections:\n"
			      "    Publications:\n"
			      "      Journal:\n"
			      "        - title: J1\n"
			      "        - title: J2\n"
			      "      Conference:\n"
			      "        - title: C1\n"
			      "    Skills:\n"
			      "      - label: C\n"
			      "        details: yes\n",
			      d);
	INT_EQ(doc ? doc->n_sections : 0, 2, "sections");
	if (doc && doc->n_sections == 2) {
		const cv_section *p = &doc->sections[0];
		STR_EQ(p->title.s, "Publications", "section title");
		INT_EQ(p->n_entries, 0, "a section of subsections has no entries of its own");
		INT_EQ(p->n_subsections, 2, "subsections");
		if (p->n_subsections == 2) {
			STR_EQ(p->subsections[0].title.s, "Journal", "subsection 1");
			INT_EQ(p->subsections[0].title.span.line, 5, "subsection 1 line");
			INT_EQ(p->subsections[0].n_entries, 2, "subsection 1 entries");
			STR_EQ(p->subsections[1].title.s, "Conference", "subsection 2");
			INT_EQ(p->subsections[1].n_entries, 1, "subsection 2 entries");
			if (p->subsections[1].n_entries)
				STR_EQ(p->subsections[1].entries[0].title.s, "C1", "subsection entry");
		}
		STR_EQ(doc->sections[1].title.s, "Skills", "second section");
		if (doc->sections[1].n_entries)
			STR_EQ(doc->sections[1].entries[0].details.s, "yes", "a YAML boolean kept as written");
	}
	cv_doc_free(doc);
	cv_diags_free(d);

	/* Subsections nest one level only. */
	d = LOAD_FAIL("cv:\n"
		      "  sections:\n"
		      "    A:\n"
		      "      B:\n"
		      "        C:\n"
		      "          - x\n");
	EXPECT_ERROR(d, "wrong-type", 5, 9, "cv.sections.A.B");
	cv_diags_free(d);
}

static void test_highlights(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: A\n"
			      "  sections:\n"
			      "    S:\n"
			      "      - name: P\n"
			      "        highlights:\n"
			      "          - text: Parent\n"
			      "            numbered: true\n"
			      "            tags: [x, y]\n"
			      "            highlights:\n"
			      "              - child 1\n"
			      "              - \n"
			      "              - text: child 2\n"
			      "                highlights: [grandchild]\n"
			      "          -\n"
			      "          - plain\n"
			      "          - highlights: [only children]\n",
			      d);
	/* An empty highlight is left out with a warning; an empty entry is an error (test_empty_entry). */
	EXPECT_WARNING(d, "empty", 12, 16, "cv.sections.S[0].highlights[0].highlights[1]: an empty highlight");
	EXPECT_WARNING(d, "empty", 15, 12, "cv.sections.S[0].highlights[1]: an empty highlight");
	const cv_section *s = first_section(doc);
	INT_EQ(s ? s->n_entries : 0, 1, "one entry");
	if (!s || s->n_entries != 1)
		goto out;
	const cv_entry *e = &s->entries[0];
	INT_EQ(e->n_highlights, 3, "empty highlight skipped");
	if (e->n_highlights != 3)
		goto out;
	const cv_item *p = &e->highlights[0];
	STR_EQ(p->text.s, "Parent", "parent text");
	OK(p->numbered, "parent numbered");
	INT_EQ(p->tags.n, 2, "parent tags");
	if (p->tags.n == 2) {
		STR_EQ(p->tags.items[0].s, "x", "tag 1");
		STR_EQ(p->tags.items[1].s, "y", "tag 2");
	}
	INT_EQ(p->n_children, 2, "children (empty one skipped)");
	if (p->n_children == 2) {
		STR_EQ(p->children[0].text.s, "child 1", "child 1");
		STR_EQ(p->children[1].text.s, "child 2", "child 2");
		OK(!p->children[1].numbered, "numbered is not inherited");
		INT_EQ(p->children[1].n_children, 1, "grandchildren");
		if (p->children[1].n_children)
			STR_EQ(p->children[1].children[0].text.s, "grandchild", "grandchild");
	}
	STR_EQ(e->highlights[1].text.s, "plain", "plain highlight");
	INT_EQ(e->highlights[1].tags.n, 0, "plain highlight untagged");
	OK(e->highlights[2].text.s == NULL && e->highlights[2].n_children == 1, "a highlight of children only");
out:
	cv_doc_free(doc);
	cv_diags_free(d);

	/* A highlight map needs text or children; an unknown highlight key is a warning. */
	d = LOAD_FAIL("cv:\n"
		      "  sections:\n"
		      "    S:\n"
		      "      - name: P\n"
		      "        highlights:\n"
		      "          - tags: [x]\n"
		      "          - text: ok\n"
		      "            tgas: [y]\n"
		      "        numbered: maybe\n");
	EXPECT_ERROR(d, "missing-field", 6, 13, "cv.sections.S[0].highlights[0]");
	EXPECT_WARNING(d, "unknown-key", 8, 13, "did you mean \"tags\"");
	EXPECT_ERROR(d, "wrong-type", 9, 19, "cv.sections.S[0].numbered");
	cv_diags_free(d);
}

/* ---- Scalars ------------------------------------------------------------------------------- */

static void test_scalars(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: 'Ada'\n"
			      "  headline: 3.10\n"
			      "  location: null\n"
			      "  phone: 5550100\n"
			      "  email: [a@example.org, b@example.org]\n"
			      "  website: https://example.org\n"
			      "  summary: \"yes\"\n"
			      "  photo: 0123\n"
			      "  social_networks:\n"
			      "    - network: GitHub\n"
			      "      username: ada\n"
			      "  custom_connections:\n"
			      "    - placeholder: Blog\n"
			      "      url: https://blog.example.org\n"
			      "      fontawesome_icon: pen\n"
			      "    - Plain text\n"
			      "  sections:\n"
			      "    S: [a]\n",
			      d);
	if (!doc)
		goto out;
	STR_EQ(doc->name.s, "Ada", "quoted name");
	STR_EQ(doc->headline.s, "3.10", "a float kept as written");
	OK(doc->location.s == NULL, "null is absent");
	INT_EQ(doc->phone.n, 1, "one phone");
	if (doc->phone.n)
		STR_EQ(doc->phone.items[0].s, "5550100", "a number kept as written");
	STR_EQ(doc->photo.s, "0123", "leading zero kept");
	STR_EQ(doc->summary.n ? doc->summary.items[0].text.s : NULL, "yes", "quoted yes");
	INT_EQ(doc->email.n, 2, "email list");
	if (doc->email.n == 2) {
		STR_EQ(doc->email.items[0].s, "a@example.org", "email 1");
		STR_EQ(doc->email.items[1].s, "b@example.org", "email 2");
		INT_EQ(doc->email.items[1].span.col, 26, "email 2 col");
	}
	INT_EQ(doc->website.n, 1, "website string");
	if (doc->website.n)
		STR_EQ(doc->website.items[0].s, "https://example.org", "website");
	INT_EQ(doc->n_social, 1, "social");
	if (doc->n_social) {
		STR_EQ(doc->social[0].network.s, "GitHub", "network");
		STR_EQ(doc->social[0].username.s, "ada", "username");
	}
	INT_EQ(doc->n_connections, 2, "connections");
	if (doc->n_connections == 2) {
		STR_EQ(doc->connections[0].text.s, "Blog", "placeholder");
		STR_EQ(doc->connections[0].url.s, "https://blog.example.org", "connection url");
		STR_EQ(doc->connections[1].text.s, "Plain text", "text connection");
		OK(doc->connections[1].url.s == NULL, "text connection has no url");
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
out:
	cv_doc_free(doc);
	cv_diags_free(d);

	/* Phone as a list of mixed numbers and strings; the default locale and design. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\n  phone: [5550100, \"+1 555 0101\"]\n", d);
	if (doc) {
		INT_EQ(doc->phone.n, 2, "phone list");
		if (doc->phone.n == 2) {
			STR_EQ(doc->phone.items[0].s, "5550100", "phone 1");
			STR_EQ(doc->phone.items[1].s, "+1 555 0101", "phone 2");
		}
		STR_EQ(doc->locale.tag, "en", "default language");
		OK(doc->locale.lang == cv_lang_english(), "default words");
		NEAR(doc->design.page_width, 595.28, "default A4 width");
		STR_EQ(doc->source_name, "t.yaml", "source name");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* ---- Dates --------------------------------------------------------------------------------- */

static void test_dates_ok(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: A\n"
			      "  sections:\n"
			      "    S:\n"
			      "      - name: a\n"
			      "        start_date: 2023\n"
			      "        end_date: 2024-02-29\n"
			      "      - name: b\n"
			      "        start_date: \"2023-09\"\n"
			      "        end_date: Present\n"
			      "      - name: c\n"
			      "        end_date: 2023-09-01\n"
			      "      - name: d\n"
			      "        start_date: 2023-05\n"
			      "        end_date: 2023\n"
			      "      - name: e\n"
			      "        start_date: 2023-05-20\n"
			      "        end_date: 2023-05\n"
			      "      - name: f\n"
			      "        start_date: 2023-05\n"
			      "        end_date: 2023-05\n",
			      d);
	const cv_section *s = first_section(doc);
	if (s && s->n_entries == 6) {
		const cv_entry *e = s->entries;
		OK(e[0].has_start && e[0].start_date.year == 2023 && !e[0].start_date.month, "YYYY");
		OK(e[0].has_end && e[0].end_date.year == 2024 && e[0].end_date.month == 2 && e[0].end_date.day == 29,
		   "leap day");
		OK(e[1].start_date.year == 2023 && e[1].start_date.month == 9, "quoted YYYY-MM");
		OK(e[1].has_end && e[1].end_date.present, "Present in any case");
		OK(!e[2].has_start && e[2].has_end && e[2].end_date.day == 1, "end only");
		/* A date given less precisely than the other only has to agree at its own precision. */
		OK(e[3].has_start && e[3].has_end, "2023-05 to 2023");
		OK(e[4].has_start && e[4].has_end, "2023-05-20 to 2023-05");
		OK(e[5].has_start && e[5].has_end, "same month");
	} else {
		INT_EQ(s ? s->n_entries : 0, 6, "entries");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_dates_bad(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n"                         /* 1 */
				"  sections:\n"                 /* 2 */
				"    S:\n"                      /* 3 */
				"      - name: a\n"             /* 4 */
				"        start_date: 2023-13\n" /* 5 */
				"      - name: b\n"             /* 6 */
				"        start_date: 2023-02-30\n" /* 7 */
				"      - name: c\n"             /* 8 */
				"        end_date: soon\n"      /* 9 */
				"      - name: d\n"             /* 10 */
				"        start_date: present\n" /* 11 */
				"      - name: e\n"             /* 12 */
				"        start_date: 2023-09\n" /* 13 */
				"        end_date: 2021-06\n"   /* 14 */
				"      - name: f\n"             /* 15 */
				"        start_date: 1900-02-29\n" /* 16 */
				"        end_date: [2020]\n"    /* 17 */
				"      - name: g\n"             /* 18 */
				"        start_date: 2023-1\n"  /* 19 */
				"        end_date: 999\n"       /* 20 */
				"  name: A\n");
	EXPECT_ERROR(d, "bad-date", 5, 21, "cv.sections.S[0].start_date: \"2023-13\" is not a date: there is no month 13");
	EXPECT_ERROR(d, "bad-date", 7, 21, "\"2023-02-30\" is not a date: February 2023 has 28 days");
	EXPECT_ERROR(d, "bad-date", 9, 19, "cv.sections.S[2].end_date");
	EXPECT_ERROR(d, "bad-date", 9, 19, "\"soon\"");
	EXPECT_ERROR(d, "bad-date", 11, 21, "cannot start at \"present\"");
	EXPECT_ERROR(d, "date-order", 14, 19, "cv.sections.S[4].end_date: the end (2021-06) is before the start (2023-09)");
	EXPECT_ERROR(d, "bad-date", 16, 21, "1900-02-29");
	EXPECT_ERROR(d, "bad-date", 17, 19, "got a list");
	EXPECT_ERROR(d, "bad-date", 19, 21, "\"2023-1\" is not a date: write the month with two digits: did you mean \"2023-01\"?");
	EXPECT_ERROR(d, "bad-date", 20, 19, "999");
	INT_EQ(count_code(d, "bad-date"), 8, "bad dates");
	INT_EQ(count_code(d, "date-order"), 1, "date order");
	cv_diags_free(d);

	/* Within one year, an earlier month is still out of order. */
	d = LOAD_FAIL("cv:\n  sections:\n    S:\n      - name: a\n        start_date: 2023-09\n"
		      "        end_date: 2023-08-31\n");
	EXPECT_ERROR(d, "date-order", 6, 19, NULL);
	cv_diags_free(d);
	/* A year alone before the start's year is out of order too. */
	d = LOAD_FAIL("cv:\n  sections:\n    S:\n      - name: a\n        start_date: 2023-05\n"
		      "        end_date: 2022\n");
	EXPECT_ERROR(d, "date-order", 6, 19, "the end (2022) is before the start (2023-05)");
	cv_diags_free(d);
}

/* ---- Diagnostics ----------------------------------------------------------------------------- */

static void test_duplicate_key(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n"
				"  name: A\n"
				"  sections:\n"
				"    S:\n"
				"      - company: X\n"
				"        position: P\n"
				"        company: Y\n");
	EXPECT_ERROR(d, "duplicate-key", 7, 9, "duplicate key \"company\" (first defined on line 5)");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  name: A\ncv:\n  name: B\n");
	EXPECT_ERROR(d, "duplicate-key", 3, 1, "\"cv\"");
	cv_diags_free(d);
}

static void test_yaml_errors(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n  name: [unclosed\n  headline: x\n");
	EXPECT_ERROR(d, "yaml-syntax", 0, 0, NULL);
	INT_EQ(cv_diags_errors(d), 1, "a syntax error stops the loader");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  name: A\n  headline: \"unterminated\n");
	EXPECT_ERROR(d, "yaml-syntax", 0, 0, NULL);
	cv_diags_free(d);

	/* Tabs cannot indent YAML. */
	d = LOAD_FAIL("cv:\n\tname: A\n");
	EXPECT_ERROR(d, "yaml-tab", 2, 1, "a tab character cannot indent YAML; indent with spaces");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  name: A\n---\ncv:\n  name: B\n");
	EXPECT_ERROR(d, "multiple-documents", 3, 1, NULL);
	cv_diags_free(d);

	/* One explicit document is fine. */
	d = cv_diags_new();
	cv_doc *doc = LOAD_OK("---\ncv:\n  name: A\n...\n", d);
	STR_EQ(doc ? doc->name.s : NULL, "A", "explicit document");
	cv_doc_free(doc);
	cv_diags_free(d);

	d = LOAD_FAIL("");
	EXPECT_ERROR(d, "empty", 1, 1, NULL);
	cv_diags_free(d);

	d = LOAD_FAIL("# only a comment\n\n");
	EXPECT_ERROR(d, "empty", 1, 1, NULL);
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  name: *nowhere\n");
	EXPECT_ERROR(d, "unknown-alias", 2, 9, "*nowhere");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  ? [a, b]\n  : x\n");
	EXPECT_ERROR(d, "complex-key", 2, 5, NULL);
	cv_diags_free(d);
}

static void test_bad_bytes(void)
{
	/* An invalid byte on line 2 after "  name: éd" (10 characters, one of them two bytes wide). */
	cv_diags *d = LOAD_FAIL("cv:\n  name: \xC3\xA9\x64\xFF" "a\n");
	EXPECT_ERROR(d, "bad-utf8", 2, 11, "0xFF");
	INT_EQ(cv_diags_errors(d), 1, "one error");
	cv_diags_free(d);

	/* A truncated sequence and an overlong encoding are invalid too. */
	d = LOAD_FAIL("cv:\n  name: \xE6\xB8\n");
	EXPECT_ERROR(d, "bad-utf8", 2, 9, "0xE6");
	cv_diags_free(d);
	d = LOAD_FAIL("cv:\n  name: \xC0\xAF\n");
	EXPECT_ERROR(d, "bad-utf8", 2, 9, NULL);
	cv_diags_free(d);

	static const char nul[] = "cv:\n  name: A\0B\n";
	d = load_fail(__LINE__, nul, sizeof nul - 1);
	EXPECT_ERROR(d, "binary", 2, 10, "NUL");
	cv_diags_free(d);

	/* A UTF-8 byte order mark is skipped, and U+FFFD written out is valid text. */
	d = cv_diags_new();
	cv_doc *doc = LOAD_OK("\xEF\xBB\xBF" "cv:\n  name: A\xEF\xBF\xBD\n", d);
	STR_EQ(doc ? doc->name.s : NULL, "A\xEF\xBF\xBD", "BOM skipped");
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_unknown_keys(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: A\n"
			      "  emial: a@example.org\n"
			      "  sections:\n"
			      "    S:\n"
			      "      - company: X\n"
			      "        positon: P\n"
			      "        frobnicate: 1\n"
			      "desing:\n"
			      "  theme: x\n",
			      d);
	OK(doc != NULL, "unknown keys are warnings only");
	EXPECT_WARNING(d, "unknown-key", 3, 3, "unknown key \"cv.emial\"; did you mean \"email\"?");
	EXPECT_WARNING(d, "unknown-key", 7, 9, "unknown key \"cv.sections.S[0].positon\"; did you mean \"position\"?");
	EXPECT_WARNING(d, "unknown-key", 8, 9, "frobnicate");
	EXPECT_WARNING(d, "unknown-key", 9, 1, "did you mean \"design\"?");
	const cv_diag *far = NULL;
	for (size_t i = 0; i < cv_diags_count(d); i++)
		if (strstr(cv_diags_at(d, i)->message, "frobnicate"))
			far = cv_diags_at(d, i);
	OK(far && !strstr(far->message, "did you mean"), "no suggestion for a key unlike any other");
	INT_EQ(count_severity(d, CV_WARNING), 4, "four warnings");
	cv_doc_free(doc);
	cv_diags_free(d);

	/* The misspelt key is unknown and the entry then lacks its company: a warning and an error. */
	d = LOAD_FAIL("cv:\n  sections:\n    S:\n      - compnay: X\n        position: P\n");
	EXPECT_WARNING(d, "unknown-key", 4, 9, "did you mean \"company\"?");
	EXPECT_ERROR(d, "missing-field", 4, 9, "needs \"company\"");
	cv_diags_free(d);
}

static void test_wrong_types(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n"                             /* 1 */
				"  name: [A, B]\n"                  /* 2 */
				"  sections:\n"                     /* 3 */
				"    Experience:\n"                 /* 4 */
				"      - company: [Acme, Initech]\n" /* 5 */
				"        position: {a: b}\n"        /* 6 */
				"        highlights: just text\n"   /* 7 */
				"    Other: text\n"                 /* 8 */
				"  social_networks: GitHub\n"       /* 9 */
				"design: a4\n"                      /* 10 */
				"locale: [en]\n");                  /* 11 */
	EXPECT_ERROR(d, "wrong-type", 2, 9, "cv.name: expected text, got a list");
	EXPECT_ERROR(d, "wrong-type", 5, 18, "cv.sections.Experience[0].company: expected text, got a list");
	EXPECT_ERROR(d, "wrong-type", 6, 19, "cv.sections.Experience[0].position: expected text, got a map");
	EXPECT_ERROR(d, "wrong-type", 7, 21, "cv.sections.Experience[0].highlights: expected a list of highlights");
	EXPECT_ERROR(d, "wrong-type", 8, 12, "cv.sections.Other: expected a list of entries");
	EXPECT_ERROR(d, "wrong-type", 9, 20, "cv.social_networks");
	EXPECT_ERROR(d, "wrong-type", 10, 9, "design: expected a map");
	EXPECT_ERROR(d, "wrong-type", 11, 9, "locale: expected a map");
	/* All of them in one run; the entry whose company is unusable also lacks a company. */
	EXPECT_ERROR(d, "missing-field", 5, 9, "cv.sections.Experience[0]: this entry needs \"company\"");
	INT_EQ(cv_diags_errors(d), 9, "errors in one run");
	cv_diags_free(d);

	d = LOAD_FAIL("name: A\n");
	EXPECT_ERROR(d, "missing-field", 1, 1, "no \"cv\" key");
	cv_diags_free(d);

	d = LOAD_FAIL("cv: Ada\n");
	EXPECT_ERROR(d, "missing-field", 1, 5, "cv: expected a map");
	cv_diags_free(d);

	d = LOAD_FAIL("- cv\n- name\n");
	EXPECT_ERROR(d, "wrong-type", 1, 1, "expected a map with a \"cv\" key, got a list");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  headline: x\n");
	EXPECT_ERROR(d, "missing-field", 2, 3, "cv.name: a résumé needs a name");
	cv_diags_free(d);

	/* Sections alone are no résumé either: a page without a name is sent by mistake. */
	d = LOAD_FAIL("cv:\n  sections:\n    S:\n      - name: P\n  name: null\n");
	EXPECT_ERROR(d, "missing-field", 5, 9, "cv.name: a résumé needs a name");
	cv_diags_free(d);

	/* An empty entry is an error: it is a "- " with its text lost (a comment, a misplaced line). */
	d = LOAD_FAIL("cv:\n  name: A\n  sections:\n    S:\n      -\n      - name: P\n      - ~\n");
	EXPECT_ERROR(d, "empty", 5, 8, "cv.sections.S[0]: an empty entry");
	EXPECT_ERROR(d, "empty", 7, 9, "cv.sections.S[2]: an empty entry");
	cv_diags_free(d);
}

static void test_many_errors(void)
{
	/* More errors than the store keeps: all are counted, CV_DIAG_MAX are kept. */
	enum { N = CV_DIAG_MAX + 10 };
	char *yaml = malloc(64 + N * 64);
	size_t n = (size_t)sprintf(yaml, "cv:\n  name: A\n  sections:\n    S:\n");
	for (int i = 0; i < N; i++)
		n += (size_t)sprintf(yaml + n, "      - name: e%d\n        end_date: soon\n", i);
	cv_diags *d = LOAD_FAIL(yaml);
	INT_EQ(cv_diags_errors(d), N, "every error counted");
	INT_EQ(cv_diags_count(d), CV_DIAG_MAX, "the first CV_DIAG_MAX kept");
	cv_diags_free(d);
	free(yaml);
}

/* ---- Aliases, limits ------------------------------------------------------------------------ */

static void test_alias_bomb(void)
{
	/* "Billion laughs": ten levels, each a list of ten aliases of the level before. */
	char yaml[4096];
	size_t n = (size_t)sprintf(yaml, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (char c = 'b'; c <= 'j'; c++) {
		n += (size_t)sprintf(yaml + n, "%c: &%c [", c, c);
		for (int i = 0; i < 10; i++)
			n += (size_t)sprintf(yaml + n, "%s*%c", i ? ", " : "", c - 1);
		n += (size_t)sprintf(yaml + n, "]\n");
	}
	sprintf(yaml + n, "cv:\n  name: A\n");
	clock_t t0 = clock();
	cv_diags *d = LOAD_FAIL(yaml);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	EXPECT_ERROR(d, "alias-bomb", 0, 0, "aliases repeat too much");
	INT_EQ(cv_diags_errors(d), 1, "one error");
	OK(secs < 1.0, "an alias bomb is refused quickly (took %.2f s)", secs);
	cv_diags_free(d);
}

static void test_aliases_ok(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"
			      "  name: &me Ada\n"
			      "  sections:\n"
			      "    One:\n"
			      "      - company: X\n"
			      "        highlights: &hl\n"
			      "          - first\n"
			      "          - second\n"
			      "    Two:\n"
			      "      - company: *me\n"
			      "        highlights: *hl\n",
			      d);
	if (doc && doc->n_sections == 2 && doc->sections[1].n_entries == 1 && doc->sections[0].n_entries == 1) {
		const cv_entry *e = &doc->sections[1].entries[0];
		STR_EQ(e->company.s, "Ada", "scalar alias");
		INT_EQ(e->n_highlights, 2, "list alias");
		if (e->n_highlights == 2) {
			STR_EQ(e->highlights[0].text.s, "first", "aliased highlight 1");
			STR_EQ(e->highlights[1].text.s, "second", "aliased highlight 2");
		}
		INT_EQ(doc->sections[0].entries[0].n_highlights, 2, "the anchored list itself");
	} else {
		OK(0, "unexpected shape");
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* A YAML document of n copies of entry under one section; caller frees. */
static char *repeat_entries(const char *entry, size_t n)
{
	size_t len = strlen(entry);
	char *yaml = malloc(64 + n * len);
	size_t at = (size_t)sprintf(yaml, "cv:\n  sections:\n    S:\n");
	for (size_t i = 0; i < n; i++, at += len)
		memcpy(yaml + at, entry, len);
	strcpy(yaml + at, "  name: A\n"); /* after the entries, so that their line numbers stay simple */
	return yaml;
}

/* A big résumé with no aliases at all is no alias bomb: the limit counts nodes, not nodes times depth. */
static void test_many_nodes(void)
{
	enum { ENTRIES = 5000 }; /* 53 nodes each: 265,000 nodes, about a quarter of the limit */
	char *yaml = repeat_entries("      - {name: e, tags: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, "
				    "u, v, w, x, y, z, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v]}\n",
				    ENTRIES);
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(yaml, d);
	INT_EQ(doc && doc->n_sections ? doc->sections[0].n_entries : 0, ENTRIES, "entries");
	cv_doc_free(doc);
	cv_diags_free(d);
	free(yaml);
}

/* CV_MAX_ENTRIES counts entries and highlights together: exactly the limit loads, one more does not,
 * and the error points at the first item past it. */
static void test_too_many_entries(void)
{
	char *yaml = repeat_entries("      - {name: e, highlights: [a]}\n", CV_MAX_ENTRIES / 2);
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(yaml, d);
	INT_EQ(doc && doc->n_sections ? doc->sections[0].n_entries : 0, CV_MAX_ENTRIES / 2, "entries at the limit");
	cv_doc_free(doc);
	cv_diags_free(d);
	free(yaml);
	yaml = repeat_entries("      - {name: e, highlights: [a]}\n", CV_MAX_ENTRIES / 2 + 1);
	d = LOAD_FAIL(yaml);
	EXPECT_ERROR(d, "too-many-entries", CV_MAX_ENTRIES / 2 + 4, 9, "more than 10000 entries and highlights");
	cv_diags_free(d);
	free(yaml);
}

/* An alias repeated over a long anchored scalar expands the text, not the node count. */
static void test_byte_bomb(void)
{
	size_t long_len = 100000, aliases = CV_MAX_EXPANDED_BYTES / long_len + 1;
	char *yaml = malloc(long_len + 16 * aliases + 64);
	size_t at = (size_t)sprintf(yaml, "a: &a \"");
	memset(yaml + at, 'x', long_len);
	at += long_len;
	at += (size_t)sprintf(yaml + at, "\"\ncv:\n  name: A\nb:\n");
	for (size_t i = 0; i < aliases; i++)
		at += (size_t)sprintf(yaml + at, "  - *a\n");
	cv_diags *d = LOAD_FAIL(yaml);
	/* The anchor counts once, and the k-th alias brings the text to (k + 1) * long_len bytes. */
	EXPECT_ERROR(d, "alias-bomb", (int)(4 + CV_MAX_EXPANDED_BYTES / long_len), 5, "text expands to more than 8 MiB");
	cv_diags_free(d);
	free(yaml);
}

static void test_too_deep(void)
{
	enum { DEPTH = CV_MAX_DEPTH + 6 };
	char yaml[3 * DEPTH + 64];
	size_t n = (size_t)sprintf(yaml, "cv:\n  name: A\nx: ");
	for (int i = 0; i < DEPTH; i++)
		yaml[n++] = '[';
	for (int i = 0; i < DEPTH; i++)
		yaml[n++] = ']';
	yaml[n++] = '\n';
	yaml[n] = '\0';
	cv_diags *d = LOAD_FAIL(yaml);
	EXPECT_ERROR(d, "too-deep", 0, 0, "nesting deeper than");
	INT_EQ(cv_diags_errors(d), 1, "one error");
	cv_diags_free(d);

	/* Nesting well inside the limit loads (the unknown top-level key is only a warning). */
	n = (size_t)sprintf(yaml, "cv:\n  name: A\nx: ");
	for (int i = 0; i < 40; i++)
		yaml[n++] = '[';
	for (int i = 0; i < 40; i++)
		yaml[n++] = ']';
	yaml[n] = '\0';
	d = cv_diags_new();
	cv_doc *doc = LOAD_OK(yaml, d);
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* ---- Chinese line folding ------------------------------------------------------------------ */

static void check_folded(int line, const char *yaml, const char *want)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = load_ok(line, yaml, d);
	const char *got = doc ? doc->name.s : NULL;
	OK(got && strcmp(got, want) == 0, "line %d: got \"%s\", want \"%s\"", line, got ? got : "(null)", want);
	cv_doc_free(doc);
	cv_diags_free(d);
}
#define FOLDED(yaml, want) check_folded(__LINE__, yaml, want)

static void test_cjk_folding(void)
{
	FOLDED("cv:\n  name: 清华大学计算机\n    科学与技术\n", "清华大学计算机科学与技术");
	FOLDED("cv:\n  name: Hello\n    world\n", "Hello world");
	FOLDED("cv:\n  name: 清华 大学\n", "清华 大学");
	/* The line break vanishes; the explicit space on the first line stays. */
	FOLDED("cv:\n  name: 清华 大学\n    计算机系\n", "清华 大学计算机系");
	/* Between Han and Latin the break is a space. */
	FOLDED("cv:\n  name: 熟悉\n    Python 和\n    C++\n", "熟悉 Python 和 C++");
	/* Trailing spaces before the break do not matter. */
	FOLDED("cv:\n  name: 计算机   \n    科学\n", "计算机科学");
	/* An explicit space between the same two characters as a later fold is kept. */
	FOLDED("cv:\n  name: 学 计 学\n    计\n", "学 计 学计");
	/* Folded block scalars: a blank line is a paragraph break, and the folds after it vanish too. */
	FOLDED("cv:\n  name: >-\n    第一段第一行\n    第一段第二行。\n\n    第二段第一行\n    第二段第二行。\n",
	       "第一段第一行第一段第二行。\n第二段第一行第二段第二行。");
	/* The same in a plain scalar. */
	FOLDED("cv:\n  name: 第一行\n    第二行\n\n    第三行\n    第四行\n", "第一行第二行\n第三行第四行");
	/* CR LF line ends, a byte order mark, and wide characters before the scalar change nothing. */
	FOLDED("\xEF\xBB\xBF" "cv:\r\n  headline: 中文简介\r\n  name: 清华\r\n    大学\r\n", "清华大学");
	/* A literal block scalar keeps its line breaks. */
	FOLDED("cv:\n  name: |-\n    清华\n    大学\n", "清华\n大学");
}

/* ---- Design ---------------------------------------------------------------------------------- */

static void test_design(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\n"
			      "design:\n"
			      "  theme: classic\n"
			      "  page_size: us-letter\n"
			      "  margin: 2cm\n"
			      "  top_margin: 18mm\n"
			      "  left_margin: 0.7in\n"
			      "  right_margin: 36pt\n"
			      "  font_size: 11\n"
			      "  line_spacing: 1.5\n"
			      "  alignment: left\n"
			      "  primary_color: \"#004f90\"\n"
			      "  text_color: rgb(0, 79, 144)\n"
			      "  link_color: navy\n"
			      "  font_family: Noto Serif\n"
			      "  cjk_font_family: Noto Serif CJK SC\n"
			      "  page_numbers: false\n",
			      d);
	if (doc) {
		const cv_design *ds = &doc->design;
		STR_EQ(ds->theme.s, "classic", "theme");
		NEAR(ds->page_width, 612, "letter width");
		NEAR(ds->page_height, 792, "letter height");
		NEAR(ds->margin_bottom, 2 * 72 / 2.54, "2cm");
		NEAR(ds->margin_top, 18 * 72 / 25.4, "18mm");
		NEAR(ds->margin_left, 0.7 * 72, "0.7in");
		NEAR(ds->margin_right, 36, "36pt");
		NEAR(ds->font_size, 11, "bare number of points");
		NEAR(ds->line_spacing, 1.5, "line spacing");
		INT_EQ(ds->align, CV_ALIGN_LEFT, "alignment");
		INT_EQ(ds->color_primary, 0x004F90, "hex colour");
		INT_EQ(ds->color_text, 0x004F90, "rgb() colour");
		INT_EQ(ds->color_link, 0x000080, "named colour");
		STR_EQ(ds->font_family.s, "Noto Serif", "font family");
		STR_EQ(ds->cjk_font_family.s, "Noto Serif CJK SC", "CJK font family");
		OK(!ds->page_numbers, "page numbers off");
		INT_EQ(ds->span.line, 4, "design span");
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
	cv_doc_free(doc);
	cv_diags_free(d);

	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\ndesign:\n  page_size: A4\n  color: rgb(0,79,144)\n  text_color: '#A0b1C2'\n", d);
	if (doc) {
		NEAR(doc->design.page_width, 595.28, "a4 width");
		NEAR(doc->design.page_height, 841.89, "a4 height");
		INT_EQ(doc->design.color_primary, 0x004F90, "rgb() without spaces");
		INT_EQ(doc->design.color_text, 0xA0B1C2, "mixed-case hex");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_design_rendercv(void)
{
	/* RenderCV's nested blocks, plus one key cv2pdf does not know: exactly one warning. */
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\n"
			      "design:\n"
			      "  theme: classic\n"
			      "  page:\n"
			      "    size: us-letter\n"
			      "    top_margin: 2cm\n"
			      "    show_page_numbering: false\n"
			      "  colors:\n"
			      "    name: \"#004f90\"\n"
			      "    links: rgb(1, 2, 3)\n"
			      "  text:\n"
			      "    font_family: Source Sans 3\n"
			      "    alignment: left\n"
			      "  section_titles_type: with-partial-line\n",
			      d);
	if (doc) {
		NEAR(doc->design.page_width, 612, "design.page.size");
		NEAR(doc->design.margin_top, 2 * 72 / 2.54, "design.page.top_margin");
		OK(!doc->design.page_numbers, "design.page.show_page_numbering");
		INT_EQ(doc->design.color_name, 0x004F90, "design.colors.name");
		INT_EQ(doc->design.color_link, 0x010203, "design.colors.links");
		STR_EQ(doc->design.font_family.s, "Source Sans 3", "design.text.font_family");
		INT_EQ(doc->design.align, CV_ALIGN_LEFT, "design.text.alignment");
	}
	INT_EQ(cv_diags_count(d), 1, "one diagnostic");
	INT_EQ(cv_diags_errors(d), 0, "no error");
	EXPECT_WARNING(d, "unknown-key", 15, 3, "design.section_titles_type");
	cv_doc_free(doc);
	cv_diags_free(d);

	/* A nested text block without font_family keeps the flat font_family. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\ndesign:\n  font_family: Noto Serif\n  text:\n    alignment: left\n", d);
	STR_EQ(doc ? doc->design.font_family.s : NULL, "Noto Serif", "font_family survives design.text");
	cv_doc_free(doc);
	cv_diags_free(d);

	/* The nested blocks must be maps. */
	d = LOAD_FAIL("cv:\n  name: A\ndesign:\n  page: a4\n  colors: blue\n  text: [x]\n");
	EXPECT_ERROR(d, "wrong-type", 4, 9, "design.page");
	EXPECT_ERROR(d, "wrong-type", 5, 11, "design.colors");
	EXPECT_ERROR(d, "wrong-type", 6, 9, "design.text");
	cv_diags_free(d);
}

static void test_design_errors(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n  name: A\n"          /* 1-2 */
				"design:\n"                 /* 3 */
				"  page_size: b7\n"         /* 4 */
				"  top_margin: 2 parsecs\n" /* 5 */
				"  bottom_margin: 300mm\n"  /* 6 */
				"  color: \"#12345\"\n"     /* 7 */
				"  text_color: rgb(0, 79, 256)\n" /* 8 */
				"  link_color: chartreuse-ish\n" /* 9 */
				"  font_size: 100pt\n"      /* 10 */
				"  line_spacing: 5\n"       /* 11 */
				"  left_margin: nan\n"      /* 12 */
				"  alignment: centre\n"     /* 13 */
				"  page_numbers: sometimes\n" /* 14 */
				"  name_size: big\n");      /* 15 */
	EXPECT_ERROR(d, "bad-page-size", 4, 14, "design.page_size: unknown page size \"b7\"");
	EXPECT_ERROR(d, "bad-length", 5, 15, "design.top_margin");
	EXPECT_ERROR(d, "out-of-range", 6, 18, "design.bottom_margin");
	EXPECT_ERROR(d, "bad-color", 7, 10, "design.color");
	EXPECT_ERROR(d, "bad-color", 8, 15, "design.text_color");
	EXPECT_ERROR(d, "bad-color", 9, 15, "chartreuse-ish");
	EXPECT_ERROR(d, "out-of-range", 10, 14, "design.font_size");
	EXPECT_ERROR(d, "out-of-range", 11, 17, "design.line_spacing");
	{
		bool nan_refused = false;
		for (size_t i = 0; i < cv_diags_count(d); i++)
			nan_refused |= strstr(cv_diags_at(d, i)->message, "design.left_margin") != NULL;
		OK(nan_refused, "a NaN margin is refused");
	}
	EXPECT_ERROR(d, "bad-alignment", 13, 14, "centre");
	EXPECT_ERROR(d, "wrong-type", 14, 17, "design.page_numbers");
	EXPECT_ERROR(d, "bad-length", 15, 14, "design.name_size");
	INT_EQ(cv_diags_errors(d), 12, "every bad value reported");
	cv_diags_free(d);

	d = LOAD_FAIL("cv:\n  name: A\ndesign:\n  page:\n    size: tabloid\n");
	EXPECT_ERROR(d, "bad-page-size", 5, 11, "design.page.size");
	cv_diags_free(d);

	/* Each margin is sensible, but together they leave no room: a look, narrowed with a warning. */
	d = cv_diags_new();
	cv_doc *narrowed = LOAD_OK("cv:\n  name: A\ndesign:\n  left_margin: 190pt\n  right_margin: 190pt\n", d);
	EXPECT_WARNING(d, "out-of-range", 4, 3, "too little room");
	OK(narrowed && narrowed->design.margin_left < 100, "the margins are narrowed");
	cv_doc_free(narrowed);
	cv_diags_free(d);
}

static void test_locale(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\nlocale:\n  language: zh\n  date_format: YYYY.MM\n  present: 现在\n"
			      "  month_abbreviations: [a, b, c, d, e, f, g, h, i, j, k, l]\n  phrases: {}\n"
			      "  phone_number_format: national\n",
			      d);
	if (doc) {
		STR_EQ(doc->locale.tag, "zh", "language as asked");
		STR_EQ(doc->locale.lang->tag, "zh-Hans", "its words");
		STR_EQ(doc->locale.words.date, "YYYY.MM", "date_format");
		STR_EQ(doc->locale.words.present, "现在", "present");
		STR_EQ(doc->locale.words.month_abbr[11], "l", "December's abbreviation");
		STR_EQ(doc->locale.words.month_name[11], "十二月", "the language's own full names stay");
	}
	/* RenderCV's phone number format (2.0 to 2.3) is read too. */
	INT_EQ(cv_diags_count(d), 0, "no diagnostic");
	OK(doc && doc->design.phone_format == CV_PHONE_NATIONAL, "phone_number_format");
	cv_doc_free(doc);
	cv_diags_free(d);
	/* Twelve names or none. */
	d = LOAD_FAIL("cv:\n  name: A\nlocale:\n  month_names: [a]\n");
	EXPECT_ERROR(d, "wrong-type", 4, 16, "locale.month_names: expected a list of twelve month names");
	cv_diags_free(d);
	/* RenderCV 2 names its languages in full. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\nlocale:\n  language: mandarin_chinese\n", d);
	if (doc) {
		STR_EQ(doc->locale.tag, "zh-Hans", "mandarin_chinese is simplified Chinese");
		STR_EQ(doc->locale.words.present, "至今", "with its words");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* RenderCV's locale keys of every version replace single words of the language's table. */
static void test_rendercv_locales(void)
{
	/* The current form: a language name, its words, phrases. */
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\nlocale:\n  language: german\n  present: jetzt\n  years: Jährchen\n"
			      "  last_updated: Stand\n  phrases:\n    degree_with_area: DEGREE (AREA)\n",
			      d);
	if (doc) {
		STR_EQ(doc->locale.tag, "de", "german");
		STR_EQ(doc->locale.words.present, "jetzt", "present");
		STR_EQ(doc->locale.words.month_abbr[2], "Mär", "the rest stays German");
		STR_EQ(doc->locale.words.years[CV_PLURAL_OTHER], "# Jährchen", "years");
		STR_EQ(doc->locale.words.years[CV_PLURAL_ONE], "# Jahr", "year left as it was");
		STR_EQ(doc->locale.words.last_updated, "Stand TODAY", "last_updated");
		STR_EQ(doc->locale.words.degree_area, "DEGREE (AREA)", "degree_with_area");
		INT_EQ(cv_diags_count(d), 0, "no warnings");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
	/* RenderCV 2.0-2.2: an ISO code and the older key names. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\nlocale:\n  language: tr\n  date_template: MONTH_NAME YEAR\n  to: '-'\n"
		      "  abbreviations_for_months: [a, b, c, d, e, f, g, h, i, j, k, l]\n"
		      "  full_names_of_months: [A, B, C, D, E, F, G, H, I, J, K, L]\n"
		      "  page_numbering_template: NAME PAGE_NUMBER/TOTAL_PAGES\n"
		      "  last_updated_date_template: Son TODAY\n",
		      d);
	if (doc) {
		STR_EQ(doc->locale.lang->tag, "tr", "tr");
		STR_EQ(doc->locale.words.date, "MONTH YYYY", "date_template");
		STR_EQ(doc->locale.words.range, " - ", "to");
		STR_EQ(doc->locale.words.month_abbr[0], "a", "abbreviations_for_months");
		STR_EQ(doc->locale.words.month_name[11], "L", "full_names_of_months");
		STR_EQ(doc->locale.words.page, "NAME PAGE/TOTAL", "page_numbering_template");
		STR_EQ(doc->locale.words.last_updated, "Son TODAY", "last_updated_date_template");
		INT_EQ(cv_diags_count(d), 0, "no warnings");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
	/* RenderCV 1: locale_catalog at the top, with date_style. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n  name: A\nlocale_catalog:\n  present: heute\n  date_style: MONTH_ABBREVIATION YEAR\n"
		      "  month: Monat\n  months: Monate\n",
		      d);
	if (doc) {
		STR_EQ(doc->locale.words.present, "heute", "v1 present");
		STR_EQ(doc->locale.words.date, "MONTH_ABBR YYYY", "date_style");
		STR_EQ(doc->locale.words.months[CV_PLURAL_ONE], "# Monat", "month");
		INT_EQ(cv_diags_count(d), 0, "no warnings");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* An unknown language: one warning that lists the known ones, then English words; its own texts
 * are still chosen by its code. */
static void test_unknown_language(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: {en: Ada, eo: Ada E}\nlocale:\n  language: eo\n", d);
	if (doc) {
		STR_EQ(doc->locale.tag, "eo", "tag kept");
		OK(doc->locale.lang == cv_lang_english(), "English words");
		STR_EQ(doc->name.s, "Ada E", "its own text chosen");
	}
	INT_EQ(count_code(d, "unknown-language"), 1, "one warning");
	EXPECT_WARNING(d, "unknown-language", 4, 13, "locale.language: cv2pdf has no words for \"eo\"");
	EXPECT_WARNING(d, "unknown-language", 4, 13, "zh-Hans, zh-Hant, zh-Hant-HK, ja");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* ---- Multilingual text and tailoring ------------------------------------------------------- */

static const char multi_yaml[] = "locale:\n"
				 "  language: zh\n"
				 "cv:\n"
				 "  name: {en: Ada, zh: 阿达}\n"
				 "  headline: {en: Engineer, fr: Ingénieur}\n"
				 "  location: {fr: Paris, de: Berlin}\n"
				 "  email: a@example.org\n"
				 "  sections:\n"
				 "    Experience:\n"
				 "      - company: {en: Acme, zh-CN: 阿克米}\n"
				 "        position: Dev\n"
				 "        highlights:\n"
				 "          - {en: Did X, zh: 做了X}\n"
				 "          - text: {en: Nested, zh: 嵌套}\n"
				 "      - {en: A text entry, zh: 文本条目}\n";

/* A map whose keys are field names that happen to be language codes ("doi", "id", "url") is an entry,
 * never a choice of languages: a lone doi is a publication missing its title. */
static void test_field_like_codes(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n  name: X\n  sections:\n    P:\n      - doi: 10.1000/xyz\n");
	EXPECT_ERROR(d, "missing-field", 5, 9, "title");
	cv_diags_free(d);
}

static void test_multilingual(void)
{
	/* By locale.language: resolved as the document is read. */
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(multi_yaml, d);
	if (doc && doc->n_sections && doc->sections[0].n_entries == 2) {
		STR_EQ(doc->name.s, "阿达", "zh from locale");
		INT_EQ(doc->name.span.col, 23, "the span follows the choice");
		STR_EQ(doc->headline.s, "Engineer", "fallback to en");
		STR_EQ(doc->location.s, "Paris", "fallback to the first");
		STR_EQ(doc->email.items[0].s, "a@example.org", "plain text untouched");
		const cv_entry *e = &doc->sections[0].entries[0];
		STR_EQ(e->company.s, "阿克米", "zh matches zh-CN");
		STR_EQ(e->position.s, "Dev", "plain field");
		if (e->n_highlights == 2) {
			STR_EQ(e->highlights[0].text.s, "做了X", "highlight");
			STR_EQ(e->highlights[1].text.s, "嵌套", "highlight text map");
		}
		INT_EQ(doc->sections[0].entries[1].kind, CV_ENTRY_TEXT, "a language map is a text entry");
		STR_EQ(doc->sections[0].entries[1].summary.n ? doc->sections[0].entries[1].summary.items[0].text.s : NULL, "文本条目", "text entry");
	} else {
		OK(0, "unexpected shape");
	}
	cv_doc_free(doc);
	cv_diags_free(d);

	/* --lang wins over locale.language, in any case. */
	d = cv_diags_new();
	doc = load_lang(multi_yaml, "EN", d);
	if (doc && doc->n_sections && doc->sections[0].n_entries == 2) {
		STR_EQ(doc->name.s, "Ada", "en by option");
		STR_EQ(doc->sections[0].entries[0].company.s, "Acme", "en company");
		STR_EQ(doc->sections[0].entries[0].highlights[0].text.s, "Did X", "en highlight");
		STR_EQ(doc->locale.tag, "en", "the option becomes the document language");
	}
	cv_doc_free(doc);
	cv_diags_free(d);

	/* "zh-CN" asked for matches "zh" given; the document keeps its own copy of the language. */
	d = cv_diags_new();
	char lang[8];
	strcpy(lang, "zh_cn");
	doc = load_lang(multi_yaml, lang, d);
	strcpy(lang, "xx");
	if (doc) {
		STR_EQ(doc->name.s, "阿达", "zh-CN matches zh");
		STR_EQ(doc->locale.tag, "zh-CN", "language copied into the document, tidied");
	}
	cv_doc_free(doc);
	cv_diags_free(d);

	/* A language nobody wrote: English. */
	d = cv_diags_new();
	doc = load_lang(multi_yaml, "ja", d);
	STR_EQ(doc ? doc->name.s : NULL, "Ada", "a language with no text falls back to en");
	cv_doc_free(doc);
	cv_diags_free(d);

	/* Regions and scripts: Hong Kong prefers Taiwan's traditional text to the simplified one. */
	d = cv_diags_new();
	doc = load_lang("cv:\n  name: {zh-CN: 简, zh-TW: 繁, en: E}\n", "zh-HK", d);
	STR_EQ(doc ? doc->name.s : NULL, "繁", "same script first");
	cv_doc_free(doc);
	cv_diags_free(d);
}

static cv_doc *tailored(const char *yaml, const cv_tailor_opts *o, cv_diags *d)
{
	cv_doc *doc = LOAD_OK(yaml, d);
	if (doc)
		INT_EQ(cv_tailor(doc, o, d), CV_OK, "cv_tailor");
	return doc;
}

static const char tags_yaml[] = "cv:\n"
				"  name: A\n"
				"  sections:\n"
				"    Projects:\n"
				"      - name: Untagged\n"
				"      - name: Web\n"
				"        tags: web\n"
				"      - name: ML\n"
				"        tags: [ml, research]\n"
				"      - name: Mixed\n"
				"        highlights:\n"
				"          - plain\n"
				"          - text: web only\n"
				"            tags: web\n"
				"          - text: ml only\n"
				"            tags: [ml]\n"
				"            highlights:\n"
				"              - text: deep web\n"
				"                tags: [web]\n"
				"              - deep plain\n"
				"    Talks:\n"
				"      Invited:\n"
				"        - name: Web talk\n"
				"          tags: [web]\n"
				"        - name: Other talk\n";

/* The names of the first section's entries, joined with commas, and the highlights of "Mixed". */
static void names(const cv_doc *doc, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t s = 0; s < doc->n_sections; s++) {
		const cv_section *sec = &doc->sections[s];
		for (size_t i = 0; i < sec->n_entries; i++) {
			const cv_entry *e = &sec->entries[i];
			n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "", e->name.s);
			for (size_t h = 0; h < e->n_highlights; h++) {
				n += (size_t)snprintf(out + n, cap - n, "/%s", e->highlights[h].text.s);
				for (size_t c = 0; c < e->highlights[h].n_children; c++)
					n += (size_t)snprintf(out + n, cap - n, "/>%s", e->highlights[h].children[c].text.s);
			}
		}
		for (size_t j = 0; j < sec->n_subsections; j++)
			for (size_t i = 0; i < sec->subsections[j].n_entries; i++)
				n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? "," : "",
						      sec->subsections[j].entries[i].name.s);
	}
}

static void check_tags(int line, const cv_tailor_opts *o, const char *want)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = tailored(tags_yaml, o, d);
	char got[512] = "";
	if (doc)
		names(doc, got, sizeof got);
	OK(strcmp(got, want) == 0, "line %d:\n  got  %s\n  want %s", line, got, want);
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_tags(void)
{
	static const char *const ml[] = {"ml"};
	static const char *const web[] = {"web"};
	static const char *const research[] = {"research"};
	static const char *const web_ml[] = {"web", "ml"};
	static const char *const none[] = {"nothing"};

	check_tags(__LINE__, NULL,
		   "Untagged,Web,ML,Mixed/plain/web only/ml only/>deep web/>deep plain,Web talk,Other talk");
	/* --tags keeps untagged items and those with a matching tag, entries and highlights alike. */
	check_tags(__LINE__, &(cv_tailor_opts){.tags = ml, .n_tags = 1},
		   "Untagged,ML,Mixed/plain/ml only/>deep plain,Other talk");
	check_tags(__LINE__, &(cv_tailor_opts){.tags = web, .n_tags = 1},
		   "Untagged,Web,Mixed/plain/web only,Web talk,Other talk");
	check_tags(__LINE__, &(cv_tailor_opts){.tags = web_ml, .n_tags = 2},
		   "Untagged,Web,ML,Mixed/plain/web only/ml only/>deep web/>deep plain,Web talk,Other talk");
	check_tags(__LINE__, &(cv_tailor_opts){.tags = none, .n_tags = 1}, "Untagged,Mixed/plain,Other talk");
	/* An excluded tag drops, even when another tag is wanted. */
	check_tags(__LINE__, &(cv_tailor_opts){.exclude_tags = research, .n_exclude_tags = 1},
		   "Untagged,Web,Mixed/plain/web only/ml only/>deep web/>deep plain,Web talk,Other talk");
	check_tags(__LINE__, &(cv_tailor_opts){.exclude_tags = web, .n_exclude_tags = 1},
		   "Untagged,ML,Mixed/plain/ml only/>deep plain,Other talk");
	check_tags(__LINE__,
		   &(cv_tailor_opts){.tags = ml, .n_tags = 1, .exclude_tags = research, .n_exclude_tags = 1},
		   "Untagged,Mixed/plain/ml only/>deep plain,Other talk");
	/* An empty wanted list is still a filter: only untagged items remain. */
	check_tags(__LINE__, &(cv_tailor_opts){.tags = none, .n_tags = 0}, "Untagged,Mixed/plain,Other talk");
}

/* The design options of the themes issue: RenderCV 2's typography and section_titles blocks,
 * highlights.bullet, the split name/heading colours, sidebar_sections, last_updated and max_pages;
 * each invalid value is an error at its own line. */
static void test_design_theme_options(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\n"
			      "design:\n"
			      "  theme: sidebar\n"
			      "  typography:\n"
			      "    font_size:\n"
			      "      body: 9pt\n"
			      "      name: 30pt\n"
			      "      section_titles: 13pt\n"
			      "    line_spacing: 0.8em\n"
			      "  section_titles:\n"
			      "    type: with_partial_line\n"
			      "  highlights:\n"
			      "    bullet: \"▪\"\n"
			      "  colors:\n"
			      "    name: navy\n"
			      "    section_titles: \"#112233\"\n"
			      "  sidebar_sections: [Skills, Languages]\n"
			      "  last_updated: true\n"
			      "  max_pages: 2\n",
			      d);
	if (doc) {
		STR_EQ(doc->design.theme.s, "sidebar", "design.theme");
		NEAR(doc->design.font_size, 9, "typography.font_size.body");
		NEAR(doc->design.name_size, 30, "typography.font_size.name");
		NEAR(doc->design.heading_size, 13, "typography.font_size.section_titles");
		NEAR(doc->design.line_spacing, 1.5, "typography.line_spacing (RenderCV's leading: 0.7 em + 0.8 em)");
		INT_EQ(doc->design.title_style, CV_TITLE_PARTIAL_LINE, "section_titles.type");
		STR_EQ(doc->design.bullet, "▪", "highlights.bullet");
		INT_EQ(doc->design.color_name, 0x000080, "colors.name");
		INT_EQ(doc->design.color_headings, 0x112233, "colors.section_titles");
		INT_EQ(doc->design.sidebar_sections.n, 2, "sidebar_sections");
		STR_EQ(doc->design.sidebar_sections.items[1].s, "Languages", "sidebar_sections[1]");
		OK(doc->design.last_updated, "last_updated");
		INT_EQ(doc->design.max_pages, 2, "max_pages");
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics");
	cv_doc_free(doc);
	cv_diags_free(d);

	d = cv_diags_new();
	doc = load("cv:\n  name: A\n"
		   "design:\n"
		   "  section_titles:\n"
		   "    type: wavy\n"
		   "  highlights:\n"
		   "    bullet: \"this is far too long\"\n"
		   "  max_pages: 1000\n",
		   d);
	INT_EQ(cv_diags_errors(d), 3, "three errors");
	EXPECT_ERROR(d, "bad-value", 5, 11, "design.section_titles.type");
	EXPECT_ERROR(d, "bad-value", 7, 13, "design.highlights.bullet");
	EXPECT_ERROR(d, "out-of-range", 8, 14, "design.max_pages");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* What cv_diags_print writes for d, in a new malloc'd string (caller frees). */
static char *printed(const cv_diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cv_diags_print(d, f, false, false);
	fclose(f);
	return buf;
}

/* A batch's documents share the input's one source: each collection holds a reference to the text the
 * base registered (the same pointer, no copy), quotes it after the base's collection is gone, and finds
 * its own lines (CR line ends, a multi-byte character before the fault). Two --set arguments are two
 * sources of one name: a message about the second quotes the second. */
static void test_shared_sources(void)
{
	static const char yaml[] = "cv:\r  name: \xE4\xB8\xAD\xE6\x96\x87 Sam\r  nosuch: 1\rvariants:\r  a: {}\r";
	cv_source input = {"cv.yaml", yaml, sizeof yaml - 1};
	cv_diags *base_d = cv_diags_new();
	cv_load_base *base = cv_load_base_new(&input, NULL, 0, base_d);
	OK(base != NULL, "the base loads");
	if (!base) {
		cv_diags_free(base_d);
		return;
	}
	const cv_srcfile *shared = cv_diags_source(base_d, "cv.yaml");
	OK(shared && cv_srcfile_text(shared, NULL) != yaml, "the base holds its own copy of the input");
	enum { N = 4 };
	cv_diags *ds[N];
	const char *const sets[] = {"cv.name=Al", "cv.nothing=1"};
	for (int i = 0; i < N; i++) {
		ds[i] = cv_diags_new();
		cv_load_opts o = {.sets = sets, .n_sets = i == N - 1 ? 2 : 0, .variant = "a"};
		cv_doc_free(cv_load_from(base, &o, ds[i]));
		OK(cv_diags_source(ds[i], "cv.yaml") == shared, "document %d quotes the base's source, not a copy", i);
	}
	cv_load_base_free(base);
	cv_diags_free(base_d); /* the documents' collections keep the source alive */
	char *out = printed(ds[0]);
	OK(out && strstr(out, "cv.yaml:3:3: warning: unknown key \"cv.nosuch\"\n    3 |   nosuch: 1\n"),
	   "the excerpt is line 3 of a file with CR line ends: %s", out ? out : "(none)");
	free(out);
	out = printed(ds[N - 1]);
	OK(out && strstr(out, "--set:1:1: error: --set cv.nothing=1") && strstr(out, "    1 | cv.nothing=1\n") &&
		   !strstr(out, "| cv.name=Al"),
	   "a message about the second --set quotes the second: %s", out ? out : "(none)");
	free(out);
	for (int i = 0; i < N; i++)
		cv_diags_free(ds[i]);
}

/* Diagnostics quote the input, which may be hostile: long lines are shown as a window around the
 * fault, control characters never reach the terminal, long messages are cut, warnings are capped. */
static void test_diag_printing(void)
{
	/* A value of 3,000 characters with the fault at its end: the excerpt is a window. */
	char yaml[3200];
	int n = sprintf(yaml, "cv:\n  name: A\n  email: [\"");
	memset(yaml + n, 'x', 3000);
	n += 3000;
	sprintf(yaml + n, "\", {a: 1}]\n");
	cv_diags *d = LOAD_FAIL(yaml);
	char *out = printed(d);
	OK(strlen(out) < 600, "an excerpt of a 3,000-character line is a window (%zu bytes):\n%s", strlen(out), out);
	OK(strstr(out, "    3 | ...") != NULL, "the window starts with \"...\":\n%s", out);
	OK(strstr(out, "{a: 1}]") != NULL && strstr(out, "^^^^^^") != NULL, "the fault and its carets are shown:\n%s", out);
	free(out);
	cv_diags_free(d);

	/* Escape sequences written as YAML escapes: removed from the value, with a warning. */
	d = LOAD_FAIL("cv:\n  name: A\ndesign:\n  page_numbers: \"\\e]0;x\\a\"\n");
	out = printed(d);
	OK(strchr(out, '\x1b') == NULL && strchr(out, '\a') == NULL, "control characters printed:\n%s", out);
	OK(strstr(out, "got \"]0;x\"") != NULL, "control characters removed:\n%s", out);
	EXPECT_WARNING(d, "bad-char", 4, 17, "2 control characters in this value (the first: U+001B) are removed");
	free(out);
	cv_diags_free(d);
	/* A raw one in the file: refused where it is, and the excerpt shows U+FFFD. */
	d = LOAD_FAIL("cv:\n  name: A\ndesign:\n  font_size: \"\x1b[31m\"\n");
	EXPECT_ERROR(d, "bad-char", 4, 15, "the control character U+001B is not allowed in YAML");
	out = printed(d);
	OK(strchr(out, '\x1b') == NULL && strstr(out, "\"\xEF\xBF\xBD[31m\"") != NULL, "excerpt:\n%s", out);
	free(out);
	cv_diags_free(d);

	/* A message quoting a 10,000-byte value loses its middle: CV_DIAG_MAX_MESSAGE bytes are kept, with an
	 * ellipsis, and the message still ends as it was written. */
	char *big = malloc(10100);
	n = sprintf(big, "cv:\n  name: A\ndesign:\n  color: \"");
	memset(big + n, 'y', 10000);
	strcpy(big + n + 10000, "\"\n");
	d = LOAD_FAIL(big);
	const cv_diag *g = cv_diags_at(d, 0);
	OK(g && strlen(g->message) <= CV_DIAG_MAX_MESSAGE + 3, "message of %zu bytes", g ? strlen(g->message) : 0);
	OK(g && strstr(g->message, "\xE2\x80\xA6") != NULL, "a cut message shows an ellipsis");
	OK(g && strncmp(g->message, "design.color", 12) == 0, "the start is kept: %s", g ? g->message : "");
	OK(g && g->message[strlen(g->message) - 1] != 'y', "the end is kept: %s", g ? g->message : "");
	free(big);
	cv_diags_free(d);

	/* A message naming two 700-byte paths (a deep build tree) is kept whole: the cut is for huge values,
	 * and the end of such a message is the flag to pass. */
	char deep[701];
	memset(deep, 'p', 700);
	deep[700] = '\0';
	d = cv_diags_new();
	cv_diag_add(d, CV_ERROR, "output-outside", (cv_span){0}, "\"%s\" is outside; run with --allow-output-dir %s", deep,
		    deep);
	g = cv_diags_at(d, 0);
	OK(g && strstr(g->message, "\xE2\x80\xA6") == NULL && strlen(g->message) == 2 * 700 + 43,
	   "message of %zu bytes", g ? strlen(g->message) : 0);
	cv_diags_free(d);

	/* Warnings are capped like errors, and the rest counted. */
	char *many = malloc(100 * 16 + 64);
	n = sprintf(many, "cv:\n  name: A\n");
	for (int i = 0; i < 100; i++)
		n += sprintf(many + n, "  k%d: v\n", i);
	d = cv_diags_new();
	cv_doc *doc = cv_load_ex(&(cv_source){"t.yaml", many, strlen(many)},
				  &(cv_load_opts){.theme_dir = CV2PDF_TEST_THEME_DIR}, d);
	OK(doc != NULL, "unknown keys are warnings");
	INT_EQ(cv_diags_count(d), CV_DIAG_MAX, "warnings stored");
	out = printed(d);
	OK(strstr(out, "cv2pdf: 50 more warnings not shown\n") != NULL, "the rest are counted:\n%s", out + strlen(out) / 2);
	free(out);
	cv_doc_free(doc);
	cv_diags_free(d);
	free(many);
}

int main(void)
{
	test_design_theme_options();
	test_entry_kinds();
	test_entry_foreign_keys();
	test_entry_errors();
	test_subsections();
	test_highlights();
	test_scalars();
	test_dates_ok();
	test_dates_bad();
	test_duplicate_key();
	test_yaml_errors();
	test_bad_bytes();
	test_unknown_keys();
	test_wrong_types();
	test_many_errors();
	test_alias_bomb();
	test_aliases_ok();
	test_many_nodes();
	test_too_many_entries();
	test_byte_bomb();
	test_diag_printing();
	test_shared_sources();
	test_too_deep();
	test_cjk_folding();
	test_design();
	test_design_rendercv();
	test_design_errors();
	test_locale();
	test_rendercv_locales();
	test_unknown_language();
	test_field_like_codes();
	test_multilingual();
	test_tags();
	return harness_summary();
}
