/* Unit tests of the input dialects: which mapper a document goes to, how JSON Resume and YAMLResume
 * map onto the model (titles, dates, summaries with lists, links), RenderCV 2 compatibility of the
 * native mapper (titles, dates, nested highlights, typography, themes) and the schema.
 * Every diagnostic is checked at its line and column. No fonts, no files.
 * SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "cv2pdf/tailor.h"
#include "harness.h"
#include "layout_internal.h"
#include "../../src/load/load_internal.h"

#include "load_helpers.h"

static const cv_section *section(const cv_doc *doc, size_t i)
{
	OK(doc && doc->n_sections > i, "the document should have section %zu", i);
	return doc && doc->n_sections > i ? &doc->sections[i] : NULL;
}

/* ---- JSON Resume ----------------------------------------------------------------------------- */

static const char json_doc[] =
	"{\n"                                                                        /* 1 */
	"  \"basics\": {\n"                                                          /* 2 */
	"    \"name\": \"Ann Lee\", \"label\": \"Engineer\", \"image\": \"\",\n"    /* 3 */
	"    \"url\": \"https://ann.example\",\n"                                    /* 4 */
	"    \"location\": {\"city\": \"Oslo\", \"countryCode\": \"NO\", \"region\": \"Viken\", \"postalCode\": \"0150\"},\n"
	"    \"profiles\": [{\"network\": \"GitHub\", \"username\": \"annl\", \"url\": \"https://github.com/annl\"},\n"
	"                   {\"network\": \"Blog\", \"url\": \"https://blog.example/ann\"}]\n" /* 7 */
	"  },\n"                                                                     /* 8 */
	"  \"skills\": [{\"name\": \"C\", \"level\": \"Expert\", \"keywords\": [\"C11\", \"POSIX\"]}],\n"
	"  \"work\": [{\"name\": \"Acme\", \"url\": \"https://acme.example\", \"position\": \"Dev\",\n"
	"            \"description\": \"Rockets\", \"startDate\": \"2020-03\", \"endDate\": \"\",\n"
	"            \"summary\": \"Built things.\", \"highlights\": [\"Shipped X\"]}],\n" /* 12 */
	"  \"education\": [{\"institution\": \"NTNU\", \"studyType\": \"MSc\", \"area\": \"CS\",\n"
	"                  \"gpa\": \"5.0\", \"courses\": [\"TDT4100\", \"TDT4120\"]}],\n" /* 14 */
	"  \"references\": [{\"name\": \"Bo\", \"reference\": \"Great.\"}],\n"      /* 15 */
	"  \"meta\": {\"version\": \"v1.0.0\"}\n"                                  /* 16 */
	"}\n";

static void test_jsonresume(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(json_doc, d);
	if (!doc) {
		cv_diags_free(d);
		return;
	}
	STR_EQ(doc->name.s, "Ann Lee", "basics.name");
	STR_EQ(doc->headline.s, "Engineer", "basics.label is the headline");
	OK(doc->photo.s == NULL, "an empty image is no photo");
	STR_EQ(doc->location.s, "Oslo, Viken 0150, Norway", "location in English address order, the country by name");
	INT_EQ(doc->website.n, 1, "basics.url");
	INT_EQ(doc->n_social, 1, "a profile with a username");
	STR_EQ(doc->social[0].url.s, "https://github.com/annl", "the profile's own link is kept");
	INT_EQ(doc->n_connections, 1, "a profile with only a url");
	STR_EQ(doc->connections[0].text.s, "Blog: blog.example/ann", "shown as network: url");
	/* Sections in JSON Resume's order (work, ..., education, ..., skills, ..., references), whatever the
	 * order of the keys, with English titles. */
	INT_EQ(doc->n_sections, 4, "work, education, skills, references");
	const cv_section *s = section(doc, 2);
	if (s) {
		STR_EQ(s->title.s, "Skills", "skills title");
		INT_EQ(s->entries[0].kind, CV_ENTRY_ONELINE, "a skill is a one-line entry");
		STR_EQ(s->entries[0].label.s, "C (Expert)", "the level goes with the skill");
		STR_EQ(s->entries[0].details.s, "C11, POSIX", "the keywords");
		INT_EQ(s->title.span.line, 9, "the title points at the key");
	}
	s = section(doc, 0);
	if (s) {
		const cv_entry *e = &s->entries[0];
		STR_EQ(s->title.s, "Experience", "work title");
		INT_EQ(e->kind, CV_ENTRY_EXPERIENCE, "work is experience");
		STR_EQ(e->company.s, "[Acme](https://acme.example)", "the company links to its url");
		OK(e->has_start && e->has_end && e->end_date.present, "an empty endDate is ongoing");
		INT_EQ(e->summary.n, 2, "the description and the summary are two paragraphs");
		if (e->summary.n == 2) {
			STR_EQ(e->summary.items[0].text.s, "*Rockets*", "the description leads the summary, in italics");
			STR_EQ(e->summary.items[1].text.s, "Built things.", "then the summary");
		}
		INT_EQ(e->n_highlights, 1, "highlights");
	}
	s = section(doc, 1);
	if (s) {
		const cv_entry *e = &s->entries[0];
		STR_EQ(e->degree.s, "MSc", "studyType is the degree");
		INT_EQ(e->n_highlights, 2, "score and courses");
		if (e->n_highlights == 2) {
			STR_EQ(e->highlights[0].text.s, "**Score:** 5.0", "gpa (JSON Resume 0.x) is the score");
			STR_EQ(e->highlights[1].text.s, "**Courses:** TDT4100, TDT4120", "courses joined");
		}
	}
	s = section(doc, 3);
	if (s && s->entries[0].summary.n)
		STR_EQ(s->entries[0].summary.items[0].text.s, "Great.", "a reference's words are its summary");
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_jsonresume_errors(void)
{
	cv_diags *d = LOAD_FAIL("basics:\n"                        /* 1 */
				"  name: A\n"                      /* 2 */
				"work:\n"                          /* 3 */
				"  - name: X\n"                    /* 4 */
				"    postion: Dev\n"               /* 5 */
				"    startDate: 2021-05\n"         /* 6 */
				"    endDate: 2020-01\n"           /* 7 */
				"  - name: Y\n"                    /* 8 */
				"    startDate: soon\n"            /* 9 */
				"education: {institution: Z}\n"    /* 10 */
				"awards:\n"                        /* 11 */
				"  - awarder: W\n");               /* 12 */
	EXPECT_WARNING(d, "unknown-key", 5, 5, "unknown key \"work[0].postion\"; did you mean \"position\"?");
	EXPECT_ERROR(d, "date-order", 7, 14, "work[0].endDate: the end (2020-01) is before the start (2021-05)");
	/* A date the source tool would print as written is shown as written: a warning, not an error. */
	EXPECT_WARNING(d, "date-as-written", 9, 16, "work[1].startDate: \"soon\" is not a date cv2pdf can read");
	EXPECT_ERROR(d, "wrong-type", 10, 12, "education: expected a list, got a map");
	EXPECT_ERROR(d, "missing-field", 12, 5, "awards[0]: this entry needs \"title\"");
	INT_EQ(cv_diags_errors(d), 3, "every error of the file in one run");
	cv_diags_free(d);
}

/* JSON Resume has no language; meta.language (a common extension) chooses the titles. */
static void test_jsonresume_language(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("meta: {language: zh-TW}\nbasics: {name: 林}\nprojects:\n  - name: P\n    roles: [a, b]\n", d);
	const cv_section *s = section(doc, 0);
	if (s) {
		STR_EQ(s->title.s, "專案經歷", "traditional Chinese title");
		STR_EQ(s->entries[0].highlights[0].text.s, "**角色：**a、b", "roles with Chinese punctuation");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* JSON Resume has no language field: --lang turns the built-in titles and labels into the chosen
 * language, as it does the author's own multilingual texts. */
static void test_jsonresume_lang_option(void)
{
	static const char *const langs[] = {"zh", "zh-TW", "de", "FR"};
	static const char *const skills[] = {"专业技能", "專業技能", "Kenntnisse", "Compétences"};
	static const char *const courses[] = {"**课程：**TDT4100、TDT4120", "**修習課程：**TDT4100、TDT4120",
					      "**Kurse:** TDT4100, TDT4120", "**Cours\u00A0:** TDT4100, TDT4120"};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		cv_diags *d = cv_diags_new();
		cv_doc *doc = load_lang(json_doc, langs[i], d);
		OK(doc != NULL, "%s loads", langs[i]);
		const cv_section *s = section(doc, 2);
		if (s)
			STR_EQ(s->title.s, skills[i], langs[i]);
		s = section(doc, 1);
		if (s && s->entries[0].n_highlights == 2)
			STR_EQ(s->entries[0].highlights[1].text.s, courses[i], langs[i]);
		cv_doc_free(doc);
		cv_diags_free(d);
	}
}

/* ---- YAMLResume ------------------------------------------------------------------------------ */

static const char yr_doc[] = "content:\n"                                  /* 1 */
			     "  basics:\n"                                 /* 2 */
			     "    name: 王一\n"                            /* 3 */
			     "  location: {city: 上海, country: 中国}\n"  /* 4 */
			     "  education:\n"                              /* 5 */
			     "    - institution: 复旦大学\n"               /* 6 */
			     "      area: 物理\n"                          /* 7 */
			     "      degree: Bachelor\n"                    /* 8 */
			     "      startDate: Sep 1, 2016\n"              /* 9 */
			     "      endDate: Jul 2020\n"                   /* 10 */
			     "  work:\n"                                   /* 11 */
			     "    - name: 甲公司\n"                        /* 12 */
			     "      position: 工程师\n"                    /* 13 */
			     "      startDate: 2021-04\n"                  /* 14 */
			     "      endDate:\n"                            /* 15 */
			     "      summary: |\n"                          /* 16 */
			     "        负责平台。\n"                        /* 17 */
			     "\n"                                          /* 18 */
			     "        1. 第一\n"                           /* 19 */
			     "           续行\n"                           /* 20 */
			     "        2. 第二\n"                           /* 21 */
			     "           - 细节\n"                         /* 22 */
			     "locale:\n"                                   /* 23 */
			     "  language: zh-hans\n"                       /* 24 */
			     "layouts:\n"                                  /* 25 */
			     "  - engine: html\n"                          /* 26 */
			     "    typography: {fontSize: 16px}\n"          /* 27 */
			     "  - engine: latex\n"                         /* 28 */
			     "    page: {paperSize: letter, margins: {top: 1in}}\n"
			     "    typography: {fontSize: 11pt}\n"          /* 30 */
			     "    sections:\n"                             /* 31 */
			     "      aliases: {education: 学历}\n"          /* 32 */
			     "      order: [work]\n";                      /* 33 */

static void test_yamlresume(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK(yr_doc, d);
	if (!doc) {
		cv_diags_free(d);
		return;
	}
	STR_EQ(doc->locale.tag, "zh-Hans", "locale.language");
	STR_EQ(doc->location.s, "中国 上海", "a Chinese address from country to city");
	NEAR(doc->design.page_width, 612, "letter from the latex layout");
	NEAR(doc->design.margin_top, 72, "1in top margin");
	NEAR(doc->design.font_size, 11, "11pt from the latex layout, not 16px from the html one");
	INT_EQ(doc->n_sections, 2, "two sections");
	const cv_section *s = section(doc, 0);
	if (s) {
		const cv_entry *e = &s->entries[0];
		STR_EQ(s->title.s, "工作经历", "the order puts work first, with its Chinese title");
		OK(e->end_date.present, "an empty endDate is ongoing");
		/* The summary's blocks in order: the paragraph, then the numbered list with its nested item. */
		INT_EQ(e->summary.n, 4, "a paragraph and three list items");
		if (e->summary.n == 4) {
			const cv_block *b = e->summary.items;
			STR_EQ(b[0].text.s, "负责平台。", "the paragraph");
			OK(!b[0].item && b[0].level == 0, "a paragraph of the body");
			STR_EQ(b[1].text.s, "第一\n续行", "a wrapped item is one item");
			OK(b[1].item && b[1].numbered && b[1].number == 1 && b[1].level == 1, "item 1.");
			OK(b[2].item && b[2].numbered && b[2].number == 2 && b[2].level == 1, "item 2.");
			STR_EQ(b[3].text.s, "细节", "the nested item");
			OK(b[3].item && !b[3].numbered && b[3].level == 2, "a bulleted item nested in item 2");
		}
		INT_EQ(e->n_highlights, 0, "list items stay in the summary, in order");
	}
	s = section(doc, 1);
	if (s) {
		const cv_entry *e = &s->entries[0];
		STR_EQ(s->title.s, "学历", "the alias is the title");
		OK(e->has_start && e->start_date.year == 2016 && e->start_date.month == 9 && e->start_date.day == 1,
		   "\"Sep 1, 2016\" is 2016-09-01");
		OK(e->has_end && e->end_date.year == 2020 && e->end_date.month == 7, "\"Jul 2020\" is 2020-07");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_yamlresume_errors(void)
{
	cv_diags *d = LOAD_FAIL("content:\n"                           /* 1 */
				"  basics: {headline: x}\n"            /* 2 */
				"  work:\n"                            /* 3 */
				"    - name: A\n"                      /* 4 */
				"      startDate: Smarch 2020\n"       /* 5 */
				"layouts:\n"                           /* 6 */
				"  - engine: latex\n"                  /* 7 */
				"    sections: {order: [wrok]}\n");    /* 8 */
	EXPECT_ERROR(d, "missing-field", 2, 11, "content.basics: basics needs \"name\"");
	EXPECT_WARNING(d, "date-as-written", 5, 18, "content.work[0].startDate: \"Smarch 2020\" is not a date");
	EXPECT_ERROR(d, "unknown-section", 8, 24, "layouts[0].sections.order[0]: unknown section \"wrok\"; did you mean \"work\"?");
	EXPECT_WARNING(d, "missing-field", 2, 3, "requires an \"education\" section");
	cv_diags_free(d);
}

/* ---- Native: RenderCV 2 compatibility ------------------------------------------------------- */

static void test_rendercv(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"                                              /* 1 */
			      "  name: A\n"                                        /* 2 */
			      "  sections:\n"                                      /* 3 */
			      "    selected_honors_and_awards:\n"                  /* 4 */
			      "      - name: P\n"                                  /* 5 */
			      "        date: 2022-09\n"                            /* 6 */
			      "        start_date: 2020-01\n"                      /* 7 */
			      "        highlights:\n"                              /* 8 */
			      "          - Main point\n"                           /* 9 */
			      "            - first sub\n"                          /* 10 */
			      "            - second sub\n"                         /* 11 */
			      "          - 2019 - 2021 stays whole\n"              /* 12 */
			      "      - name: Q\n"                                  /* 13 */
			      "        start_date: 2021\n"                         /* 14 */
			      "      - name: R\n"                                  /* 15 */
			      "        date: Fall 2023\n"                          /* 16 */
			      "    Mixed Case:\n"                                  /* 17 */
			      "      - text\n"                                     /* 18 */
			      "design:\n"                                          /* 19 */
			      "  theme: moderncv\n"                                /* 20 */
			      "  typography:\n"                                    /* 21 */
			      "    line_spacing: 0.6em\n"                          /* 22 */
			      "    font_family: {body: Noto Serif, name: X}\n"     /* 23 */
			      "    font_size: {body: 11pt, section_titles: 1.5em}\n"
			      "  header: {alignment: left}\n"                      /* 25 */
			      "locale:\n"                                          /* 26 */
			      "  language: english\n"                              /* 27 */
			      "settings:\n"                                        /* 28 */
			      "  pdf_title: x\n",                                  /* 29 */
			      d);
	const cv_section *s = section(doc, 0);
	if (s) {
		STR_EQ(s->title.s, "Selected Honors and Awards", "snake_case key in title case, small words kept");
		const cv_entry *e = &s->entries[0];
		OK(e->has_start && !e->has_end && !e->date.s && e->start_date.month == 9,
		   "a YYYY-MM date is a formatted single date and wins over start_date");
		INT_EQ(e->n_highlights, 2, "two highlights");
		if (e->n_highlights == 2) {
			STR_EQ(e->highlights[0].text.s, "Main point", "the text before the sub-items");
			INT_EQ(e->highlights[0].n_children, 2, "continuation lines starting with - are sub-items");
			if (e->highlights[0].n_children == 2)
				STR_EQ(e->highlights[0].children[1].text.s, "second sub", "second sub-item");
			INT_EQ(e->highlights[1].n_children, 0, "a one-line highlight is never split");
		}
		OK(s->entries[1].has_end && s->entries[1].end_date.present, "a start without an end is ongoing");
		STR_EQ(s->entries[2].date.s, "Fall 2023", "a free-text date is shown as written");
	}
	s = section(doc, 1);
	if (s)
		STR_EQ(s->title.s, "Mixed Case", "a title with capitals is kept as written");
	if (doc) {
		STR_EQ(doc->design.theme.s, "moderncv", "moderncv is a preset of its own");
		OK(doc->design.title_style == CV_TITLE_MODERNCV && doc->design.entries.dates_left,
		   "moderncv: titles after a rule in a margin of dates at the left");
		OK(doc->design.header.align == CV_HALIGN_LEFT, "header.alignment");
		NEAR(doc->design.line_spacing, 1.3f, "0.6em leading is 1.3 times the size");
		STR_EQ(doc->design.font_family.s, "Noto Serif", "typography.font_family.body");
		NEAR(doc->design.font_size, 11, "typography.font_size.body");
		NEAR(doc->design.heading_size, 16.5f, "section_titles in em of the body size");
		STR_EQ(doc->locale.tag, "en", "english is en");
	}
	EXPECT_WARNING(d, "not-implemented", 23, 43,
		       "design.typography.font_family.name: cv2pdf sets the whole résumé in the body's family, \"Noto Serif\"; "
		       "\"X\" is not used");
	INT_EQ(cv_diags_count(d), 1, "no other diagnostic (settings are accepted)");
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_theme_errors(void)
{
	cv_diags *d = LOAD_FAIL("cv: {name: A}\ndesign:\n  theme: clasic\n");
	EXPECT_ERROR(d, "unknown-theme", 3, 10, "design.theme: unknown theme \"clasic\"; did you mean \"classic\"?");
	cv_diags_free(d);
	d = LOAD_FAIL("cv: {name: A}\ndesign:\n  theme: zzzzzz\n  typography: {line_spacing: wide}\n");
	/* The known themes are the files of themes/, in order: the message lists them all. */
	cv_arena *a = cv_arena_new();
	const char *const *names;
	size_t n = cv_theme_names(CV2PDF_TEST_THEME_DIR, a, &names);
	OK(n >= 11, "the themes directory holds the built-in themes (%zu)", n);
	char known[1024] = "(known: ";
	for (size_t i = 0; i < n; i++)
		snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", i ? ", " : "", names[i]);
	snprintf(known + strlen(known), sizeof known - strlen(known), "; or a theme file, NAME.yaml)");
	EXPECT_ERROR(d, "unknown-theme", 3, 10, known);
	EXPECT_ERROR(d, "bad-length", 4, 30, "design.typography.line_spacing: expected a leading in em");
	cv_arena_free(a);
	cv_diags_free(d);
}

/* ---- Variants ------------------------------------------------------------------------------- */



/* ---- Dispatch and schema ------------------------------------------------------------------- */

static void test_dispatch(void)
{
	cv_diags *d = LOAD_FAIL("name: A\nsections: {}\n");
	EXPECT_ERROR(d, "missing-field", 1, 1, "no \"cv\" key");
	cv_diags_free(d);
	/* A JSON Resume document written in YAML is still JSON Resume. */
	d = cv_diags_new();
	cv_doc *doc = LOAD_OK("work:\n  - name: A\n    position: B\n", d);
	const cv_section *s = section(doc, 0);
	if (s)
		STR_EQ(s->title.s, "Experience", "work without basics");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* A section named twice (a repeated id in YAMLResume's order, a duplicate key in JSON Resume) is
 * mapped once; the model never holds more sections than there are kinds. */
static void test_repeated_sections(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("content:\n  basics: {name: A}\n  education: [{institution: U}]\n  work: [{name: W}]\n"
			      "layouts:\n  - engine: latex\n    sections: {order: [work, education, work]}\n",
			      d);
	if (doc)
		INT_EQ(doc->n_sections, 2, "work once, education once");
	EXPECT_WARNING(d, "duplicate-section", 7, 41, "order[2]: \"work\" is already in the order");
	cv_doc_free(doc);
	cv_diags_free(d);
	d = LOAD_FAIL("work: [{name: A}]\nwork: [{name: B}]\nwork: [{name: C}]\n");
	EXPECT_ERROR(d, "duplicate-key", 2, 1, "duplicate key \"work\"");
	cv_diags_free(d);
}

/* locale.month_names and month_abbreviations replace the built-in English names in dates. */
static void test_month_names(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n  name: A\n  sections:\n    X:\n      - company: C\n        start_date: 2020-03\n"
			      "        end_date: 2021-12\n"
			      "locale:\n  language: german\n  date_format: MONTH YYYY\n  present: heute\n"
			      "  month_names: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober,"
			      " November, Dezember]\n",
			      d);
	const cv_section *s = section(doc, 0);
	if (s) {
		cv_arena *a = cv_arena_new();
		STR_EQ(cv_format_dates(&s->entries[0], &doc->locale, a), "März 2020 – Dezember 2021", "German month names");
		cv_arena_free(a);
		STR_EQ(doc->locale.tag, "de", "german is de");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* RenderCV's date templates become the date format; its other templates warn. */
static void test_rendercv_templates(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv: {name: A}\n"                                              /* 1 */
			      "design:\n"                                                    /* 2 */
			      "  templates:\n"                                               /* 3 */
			      "    single_date: MONTH_NAME DAY, YEAR (MONTH_IN_TWO_DIGITS)\n"  /* 4 */
			      "    date_range: (START_DATE to END_DATE)\n"                   /* 5 */
			      "    footer: x\n",                                             /* 6 */
			      d);
	if (doc)
		STR_EQ(doc->locale.words.date, "MONTH D, YYYY (MM)", "RenderCV placeholders in cv2pdf tokens");
	if (doc) {
		STR_EQ(doc->locale.words.range, " to ", "the range's separator");
		STR_EQ(doc->design.footer, "x", "the footer's template");
	}
	EXPECT_WARNING(d, "not-implemented", 5, 17,
		       "design.templates.date_range: only START_DATE, the separator and END_DATE are drawn");
	INT_EQ(cv_diags_count(d), 1, "one warning");
	cv_doc_free(doc);
	cv_diags_free(d);
	/* The default template leaves the language's own format in place. */
	d = cv_diags_new();
	doc = LOAD_OK("cv: {name: A}\ndesign:\n  templates: {single_date: MONTH_ABBREVIATION YEAR}\n", d);
	if (doc)
		STR_EQ(doc->locale.words.date, "MONTH_ABBR YYYY", "the default single_date keeps the per-language format");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* A duplicate key does not stop the parse: the file's other errors come in the same run, without a
 * second complaint about the repeated key. */
static void test_duplicate_keys(void)
{
	cv_diags *d = LOAD_FAIL("cv:\n  name: A\n  name: B\n  sections:\n    X:\n      - company: C\n        start_date: soon\n");
	EXPECT_ERROR(d, "duplicate-key", 3, 3, "duplicate key \"name\" (first defined on line 2)");
	EXPECT_ERROR(d, "bad-date", 7, 21, "cv.sections.X[0].start_date");
	INT_EQ(cv_diags_count(d), 2, "two diagnostics");
	cv_diags_free(d);
}

/* The node at a JSON pointer ("/properties/cv", "/$defs/entry/anyOf/1") under root, or NULL. */
static const ynode *at_pointer(const ynode *root, const char *pointer)
{
	const ynode *n = root;
	char part[128];
	for (const char *p = pointer; n && *p == '/';) {
		size_t len = strcspn(p + 1, "/");
		if (len >= sizeof part)
			return NULL;
		memcpy(part, p + 1, len);
		part[len] = '\0';
		p += 1 + len;
		if (n->kind == YN_SEQ)
			n = (size_t)atoi(part) < n->n ? n->items[atoi(part)] : NULL;
		else
			n = cv_yn_get(n, part);
	}
	return n;
}

static bool listed(const char *const *list, const char *key)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcmp(list[i], key))
			return true;
	return false;
}

/* The schema is valid JSON (JSON is YAML: our own parser reads it), and every key table of the
 * loader is the same set of keys as the "properties" of its place in the schema: a key the program
 * reads that the schema lacks would be flagged by editors, and one the schema offers that the
 * program ignores would be completed and then warned about. */
static void test_schema(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cv_schema_print(f);
	fclose(f);
	cv_diags *d = cv_diags_new();
	cv_arena *a = cv_arena_new();
	const char *file = cv_diags_add_source(d, "schema.json", buf, len);
	ynode *root = cv_yaml_parse(cv_diags_source(d, file), buf, a, d);
	OK(root && root->kind == YN_MAP, "the schema parses");
	INT_EQ(cv_diags_count(d), 0, "the schema parses without a message");
	size_t tables = 0;
	/* The native format's tables, then design.c's (every design map, of every dialect). */
	const cv_key_table *design;
	size_t n_design = cv_design_key_tables(a, &design);
	OK(n_design >= 30, "the design maps (%zu)", n_design);
	cv_key_table *all = cv_arena_calloc(a, 64 + n_design, sizeof *all);
	size_t n_all = 0;
	for (const cv_key_table *t = cv_native_key_tables; t->schema; t++)
		all[n_all++] = *t;
	for (size_t i = 0; i < n_design; i++)
		all[n_all++] = design[i];
	for (const cv_key_table *t = all; root && t->schema; t++, tables++) {
		const ynode *props = cv_yn_get(at_pointer(root, t->schema), "properties");
		OK(props && props->kind == YN_MAP, "the schema has properties at %s", *t->schema ? t->schema : "/");
		for (size_t i = 0; props && i < props->n; i++)
			OK(listed(t->keys, props->keys[i]->value) || listed(t->also, props->keys[i]->value),
			   "%s: the schema has \"%s\", which the loader does not read", t->schema, props->keys[i]->value);
		for (size_t i = 0; props && t->keys[i]; i++)
			OK(cv_yn_has(props, t->keys[i]), "%s: the loader reads \"%s\", which the schema lacks", t->schema,
			   t->keys[i]);
		for (size_t i = 0; props && t->also && t->also[i]; i++)
			OK(cv_yn_has(props, t->also[i]), "%s: the loader accepts \"%s\" (RenderCV), which the schema lacks",
			   t->schema, t->also[i]);
	}
	INT_EQ(tables, n_all, "every key table is compared");
	/* One list of themes: the schema's names are the files of themes/. */
	const ynode *theme = at_pointer(root, "/properties/design/properties/theme/anyOf/0/enum");
	const char *const *names;
	size_t n_themes = cv_theme_names(CV2PDF_TEST_THEME_DIR, a, &names);
	OK(theme && theme->kind == YN_SEQ && theme->n == n_themes, "the schema names every theme of themes/ (%zu)",
	   n_themes);
	for (size_t i = 0; theme && theme->kind == YN_SEQ && i < theme->n && i < n_themes; i++)
		OK(!strcmp(theme->items[i]->value, names[i]), "theme %zu: %s", i, names[i]);
	cv_arena_free(a);
	cv_diags_free(d);
	free(buf);
}

/* RenderCV's settings: bold keywords as whole words outside links' addresses, code and bold text; the
 * document's date; the PDF title; sort_entries (rendercv_settings); the output settings warn once. */
static void test_rendercv_settings(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"                                                             /* 1 */
			      "  name: A\n"                                                       /* 2 */
			      "  headline: C++ and Python, not Pythonic, not CPython\n"           /* 3 */
			      "  sections:\n"                                                     /* 4 */
			      "    x:\n"                                                          /* 5 */
			      "      - \"[Python site](https://python.org/Python) `Python` **Python**\"\n"
			      "settings:\n"                                                       /* 7 */
			      "  current_date: 2024-03-05\n"                                      /* 8 */
			      "  bold_keywords: [Python, C++, Python]\n"                          /* 9 */
			      "  pdf_title: NAME - YEAR\n"                                        /* 10 */
			      "  render_command: {pdf_path: a.pdf, html_path: b.html, locale: l.yaml}\n",
			      d);
	if (doc) {
		STR_EQ(doc->headline.s, "**C++** and **Python**, not Pythonic, not CPython", "whole words only");
		const cv_blocks *b = &doc->sections[0].entries[0].summary;
		STR_EQ(b->n ? b->items[0].text.s : NULL, "[**Python** site](https://python.org/Python) `Python` **Python**",
		       "not in an address, code or bold text");
		OK(doc->current_date.year == 2024 && doc->current_date.month == 3 && doc->current_date.day == 5,
		   "current_date");
		STR_EQ(doc->design.pdf_title.s, "NAME - YEAR", "the title's placeholders are the layout's to fill");
	}
	EXPECT_WARNING(d, "not-implemented", 11, 30, "settings.render_command: RenderCV's output settings");
	EXPECT_WARNING(d, "not-implemented", 11, 64, "settings.render_command.locale: cv2pdf reads no file");
	INT_EQ(cv_diags_count(d), 2, "one warning for the outputs, one for the file");
	cv_doc_free(doc);
	cv_diags_free(d);

	d = cv_diags_new();
	doc = LOAD_OK("cv:\n"
		      "  name: A\n"
		      "  sections:\n"
		      "    x:\n"
		      "      - {name: undated}\n"
		      "      - {name: old, start_date: 2010, end_date: 2012}\n"
		      "      - {name: now, start_date: 2019-03}\n"
		      "      - {name: mid, date: 2015-06}\n"
		      "      - {name: also old, start_date: 2009, end_date: 2012}\n"
		      "rendercv_settings:\n"
		      "  date: 2024-01-01\n"
		      "  sort_entries: reverse-chronological\n",
		      d);
	static const char *const want[] = {"now", "mid", "old", "also old", "undated"};
	for (size_t i = 0; doc && i < 5; i++)
		STR_EQ(doc->sections[0].entries[i].name.s, want[i], "newest first by end, then start; undated last");
	INT_EQ(cv_diags_count(d), 0, "no messages");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* Typst in RenderCV's texts becomes cv2pdf's markup or plain text, one warning per construct. */
static void test_rendercv_typst(void)
{
	cv_diags *d = cv_diags_new();
	cv_doc *doc = LOAD_OK("cv:\n"                                                               /* 1 */
			      "  name: A\n"                                                         /* 2 */
			      "  sections:\n"                                                       /* 3 */
			      "    x:\n"                                                            /* 4 */
			      "      - \"#emph[a] #strong[b] #link(\\\"https://x.org\\\")[c] #underline[d]\"\n"
			      "      - 'Showed $$f(x) = x^2$$ for $18M, C# and #1 and #tag'\n"      /* 6 */
			      "      - \"#emph[again] #sym.arrow.r #v(1em)\"\n",                    /* 7 */
			      d);
	if (doc) {
		const cv_section *s = &doc->sections[0];
		STR_EQ(s->entries[0].summary.items[0].text.s, "*a* **b** [c](https://x.org) d", "as cv2pdf's markup");
		STR_EQ(s->entries[1].summary.items[0].text.s, "Showed f(x) = x² for $18M, C# and #1 and #tag",
		       "math as text; dollars and hashes that are no Typst stay");
		STR_EQ(s->entries[2].summary.items[0].text.s, "*again* → ", "a symbol, and spacing left out");
	}
	EXPECT_WARNING(d, "typst-markup", 5, 9, "#emph[...]: Typst markup, which only RenderCV draws; its text is shown in "
						"italics (here and in 1 more places)");
	EXPECT_WARNING(d, "typst-markup", 6, 9, "$$...$$: math, which only RenderCV draws; it is shown as plain text");
	INT_EQ(count_code(d, "typst-markup"), 7, "one warning per construct: emph, strong, link, underline, math, sym, v");
	cv_doc_free(doc);
	cv_diags_free(d);

	/* RenderCV 1 set text with LaTeX: $...$ with a command, ^ or _ in it is math; "$5M to $10M" is not. */
	d = cv_diags_new();
	doc = LOAD_OK("cv:\n"
		      "  name: A\n"
		      "  sections:\n"
		      "    x:\n"
		      "      - 'from $\\mathcal{O}(n^2)$ to $\\mathcal{O}(n \\log n)$, $5M to $10M, $$\\alpha_1 \\leq e^{i\\pi}$$'\n",
		      d);
	if (doc)
		STR_EQ(doc->sections[0].entries[0].summary.items[0].text.s,
		       "from O(n²) to O(n log n), $5M to $10M, α₁ ≤ e^(iπ)", "math as text a reader knows");
	EXPECT_WARNING(d, "typst-markup", 5, 9, "$...$: LaTeX math, which only RenderCV 1 draws; it is shown as plain text "
						"(here and in 1 more places)");
	INT_EQ(cv_diags_count(d), 2, "one warning for each kind of math");
	cv_doc_free(doc);
	cv_diags_free(d);
}

int main(void)
{
	test_jsonresume();
	test_jsonresume_errors();
	test_jsonresume_language();
	test_jsonresume_lang_option();
	test_yamlresume();
	test_yamlresume_errors();
	test_rendercv();
	test_theme_errors();
	test_dispatch();
	test_duplicate_keys();
	test_month_names();
	test_rendercv_templates();
	test_rendercv_settings();
	test_rendercv_typst();
	test_repeated_sections();
	test_schema();
	return harness_summary();
}
