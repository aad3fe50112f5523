/* Unit tests of overlays, --set assignments and variants (src/load/merge.c, variants.c) through
 * cv_load_ex(): YAML text in memory, the model and the diagnostics it produced, including the span
 * of each value (which file or argument said it). Needs no fonts and no files.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cv2pdf/diag.h"
#include "cv2pdf/load.h"
#include "cv2pdf/model.h"
#include "harness.h"

static const char base_yaml[] =
	"cv:\n"                                  /* 1 */
	"  name: Jane\n"                         /* 2 */
	"  headline: Engineer\n"                 /* 3 */
	"  email: [a@x.org, b@x.org]\n"          /* 4 */
	"  sections:\n"                          /* 5 */
	"    Experience:\n"                      /* 6 */
	"      - id: one\n"                      /* 7 */
	"        company: One\n"                 /* 8 */
	"        position: First\n"              /* 9 */
	"      - id: two\n"                      /* 10 */
	"        company: Two\n"                 /* 11 */
	"      - company: Three\n"               /* 12 */
	"    Work Projects:\n"                   /* 13 */
	"      - name: Ledger\n"                 /* 14 */
	"    Grouped:\n"                         /* 15 */
	"      Sub:\n"                           /* 16 */
	"        - id: s1\n"                     /* 17 */
	"          name: Sub one\n"              /* 18 */
	"design:\n"                              /* 19 */
	"  page_size: a4\n"                      /* 20 */
	"  font_size: 10pt\n"                    /* 21 */
	"variants:\n"                            /* 22 */
	"  backend:\n"                           /* 23 */
	"    tags: [be, ops]\n"                  /* 24 */
	"    exclude_tags: old, legacy\n"        /* 25 */
	"    lang: zh\n"                         /* 26 */
	"    theme: classic\n"                   /* 27 */
	"    output: out/{variant}.pdf\n"        /* 28 */
	"    set:\n"                             /* 29 */
	"      cv.headline: Backend Engineer\n"  /* 30 */
	"      design.page_size: us-letter\n"    /* 31 */
	"  plain:\n";                            /* 32 */

typedef struct run {
	cv_diags *d;
	cv_doc *doc;
	const cv_variant *vars;
	size_t n_vars;
} run;

/* Loads base_yaml with the overlays (texts named ov1.yaml, ov2.yaml, ...), sets and variant. */
static run load(const char *const *overlays, size_t n_ov, const char *const *sets, size_t n_sets, const char *variant)
{
	run r = {cv_diags_new(), NULL, NULL, 0};
	cv_source in = {"base.yaml", base_yaml, strlen(base_yaml)};
	cv_source ov[4];
	static char names[4][32];
	for (size_t i = 0; i < n_ov; i++) {
		snprintf(names[i], sizeof names[i], "ov%zu.yaml", i + 1);
		ov[i] = (cv_source){names[i], overlays[i], strlen(overlays[i])};
	}
	cv_load_opts o = {.overlays = ov, .n_overlays = n_ov, .sets = sets, .n_sets = n_sets, .variant = variant,
			  .variants = &r.vars, .n_variants = &r.n_vars, .theme_dir = CV2PDF_TEST_THEME_DIR};
	r.doc = cv_load_ex(&in, &o, r.d);
	return r;
}

static void done(run *r)
{
	cv_doc_free(r->doc);
	cv_diags_free(r->d);
}

static const cv_section *section(const cv_doc *doc, const char *title)
{
	for (size_t i = 0; i < doc->n_sections; i++)
		if (strcmp(doc->sections[i].title.s, title) == 0)
			return &doc->sections[i];
	return NULL;
}

static bool span_is(cv_span s, const char *file, int line, int col)
{
	return s.file && strcmp(s.file, file) == 0 && s.line == line && s.col == col;
}

static const cv_diag *find_diag(const cv_diags *d, const char *code)
{
	for (size_t i = 0; i < cv_diags_count(d); i++)
		if (strcmp(cv_diags_at(d, i)->code, code) == 0)
			return cv_diags_at(d, i);
	return NULL;
}

static void expect_error(int line, const char *const *ov, size_t n_ov, const char *const *sets, size_t n_sets,
			 const char *code, const char *file, int eline, int ecol, const char *needle)
{
	run r = load(ov, n_ov, sets, n_sets, NULL);
	OK(!r.doc, "line %d: the load should fail", line);
	const cv_diag *g = find_diag(r.d, code);
	OK(g != NULL, "line %d: no \"%s\" diagnostic", line, code);
	if (g) {
		OK(g->severity == CV_ERROR, "line %d: %s is not an error", line, code);
		OK(span_is(g->span, file, eline, ecol), "line %d: %s at %s:%d:%d, want %s:%d:%d", line, code,
		   g->span.file ? g->span.file : "?", g->span.line, g->span.col, file, eline, ecol);
		OK(!needle || strstr(g->message, needle), "line %d: \"%s\" lacks \"%s\"", line, g->message, needle);
	} else {
		cv_diags_print(r.d, stderr, false, false);
	}
	done(&r);
}

static void test_plain(void)
{
	run r = load(NULL, 0, NULL, 0, NULL);
	OK(r.doc && cv_diags_errors(r.d) == 0, "the base loads");
	INT_EQ(r.n_vars, 2, "variants");
	if (r.n_vars == 2) {
		const cv_variant *v = &r.vars[0];
		STR_EQ(v->name, "backend", "first variant");
		INT_EQ(v->n_tags, 2, "tags from a list");
		STR_EQ(v->tags[1], "ops", "second tag");
		INT_EQ(v->n_exclude_tags, 2, "exclude_tags from comma-separated text");
		STR_EQ(v->exclude_tags[1], "legacy", "second excluded tag, trimmed");
		STR_EQ(v->lang, "zh", "lang");
		STR_EQ(v->theme, "classic", "theme");
		STR_EQ(v->output, "out/{variant}.pdf", "output");
		OK(span_is(v->span, "base.yaml", 23, 3), "variant span");
		STR_EQ(r.vars[1].name, "plain", "a variant without settings");
		OK(r.vars[1].tags == NULL && r.vars[1].lang == NULL, "no settings");
	}
	OK(r.doc && r.doc->design.page_width < 600, "A4 by default");
	done(&r);
}

static void test_overlay_maps(void)
{
	const char *ov[] = {"cv:\n  headline: Staff\n  email: c@x.org\ndesign:\n  font_size: 11pt\n"};
	run r = load(ov, 1, NULL, 0, NULL);
	OK(r.doc != NULL, "the overlay applies");
	if (r.doc) {
		STR_EQ(r.doc->headline.s, "Staff", "a scalar replaced");
		OK(span_is(r.doc->headline.span, "ov1.yaml", 2, 13), "its span points into the overlay");
		STR_EQ(r.doc->name.s, "Jane", "deep merge keeps the other keys");
		OK(span_is(r.doc->name.span, "base.yaml", 2, 9), "and their spans");
		INT_EQ(r.doc->email.n, 1, "a list replaced as a whole");
		OK(r.doc->design.font_size == 11, "design merged");
		OK(r.doc->design.page_width < 600, "design keeps page_size");
	}
	done(&r);
}

static void test_overlay_entries(void)
{
	const char *ov[] = {"cv:\n  sections:\n    Experience:\n"
			    "      - id: one\n        remove: true\n"
			    "      - id: two\n        company: Two Inc\n        remove: false\n"
			    "      - id: four\n        company: Four\n"
			    "      - company: Five\n"
			    "    Grouped:\n      Sub:\n        - id: s1\n          name: Replaced\n"};
	run r = load(ov, 1, NULL, 0, NULL);
	OK(r.doc != NULL, "the overlay applies");
	const cv_section *s = r.doc ? section(r.doc, "Experience") : NULL;
	OK(s && s->n_entries == 4, "one removed, two appended: %zu", s ? s->n_entries : 0);
	if (s && s->n_entries == 4) {
		STR_EQ(s->entries[0].company.s, "Two Inc", "merged in place");
		OK(span_is(s->entries[0].company.span, "ov1.yaml", 7, 18), "the new company comes from the overlay");
		OK(span_is(s->entries[0].span, "base.yaml", 10, 9), "merged: the entry stays the base's");
		STR_EQ(s->entries[1].company.s, "Three", "an entry without id stays");
		STR_EQ(s->entries[2].company.s, "Four", "a new id is appended");
		STR_EQ(s->entries[3].company.s, "Five", "an entry without id is appended");
	}
	OK(r.d && find_diag(r.d, "unknown-key") == NULL, "remove: false leaves no unknown key behind");
	const cv_section *g = r.doc ? section(r.doc, "Grouped") : NULL;
	OK(g && g->n_subsections == 1 && g->subsections[0].n_entries == 1 &&
		   strcmp(g->subsections[0].entries[0].name.s, "Replaced") == 0,
	   "subsection entries match by id too");
	done(&r);
}

/* The overlay's `remove` and the mappers' booleans read one table of spellings: the same words count,
 * plain or quoted, and a quoted one is taken with the same warning in both. */
static void test_booleans_agree(void)
{
	static const struct {
		const char *word;
		int want; /* 1 true, 0 false, -1 refused */
		bool quoted;
	} cases[] = {
		{"true", 1, false}, {"TRUE", 1, false}, {"yes", 1, false}, {"\"true\"", 1, true}, {"'yes'", 1, true},
		{"false", 0, false}, {"no", 0, false}, {"\"False\"", 0, true}, {"on", -1, false}, {"\"1\"", -1, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char ov[160], set[64];
		snprintf(ov, sizeof ov, "cv:\n  sections:\n    Experience:\n      - id: one\n        remove: %s\n",
			 cases[i].word);
		snprintf(set, sizeof set, "design.page_numbers=%s", cases[i].word);
		const char *ovs[] = {ov}, *sets[] = {set};
		run a = load(ovs, 1, NULL, 0, NULL), b = load(NULL, 0, sets, 1, NULL);
		const cv_section *s = a.doc ? section(a.doc, "Experience") : NULL;
		if (cases[i].want < 0) {
			OK(!a.doc && find_diag(a.d, "overlay"), "remove: %s is refused", cases[i].word);
			OK(!b.doc && find_diag(b.d, "wrong-type"), "page_numbers: %s is refused", cases[i].word);
		} else {
			OK(s && (s->n_entries == 2) == (cases[i].want == 1), "remove: %s is %d", cases[i].word, cases[i].want);
			OK(b.doc && b.doc->design.page_numbers == (cases[i].want == 1), "page_numbers: %s is %d", cases[i].word,
			   cases[i].want);
			const cv_diag *wa = find_diag(a.d, "quoted-bool"), *wb = find_diag(b.d, "quoted-bool");
			OK(!wa == !cases[i].quoted && !wb == !cases[i].quoted, "%s: a quoted-bool warning in both or neither",
			   cases[i].word);
			OK(!wa || (wa->severity == CV_WARNING && span_is(wa->span, "ov1.yaml", 5, 17)), "the overlay's warning at 5:17");
			OK(!wb || span_is(wb->span, "--set", 1, 21), "the --set warning at 1:21");
		}
		done(&a);
		done(&b);
	}
}

static void test_overlay_order_and_null(void)
{
	const char *ov[] = {"cv:\n  headline: One\n", "cv:\n  headline: Two\n  email: null\n"};
	run r = load(ov, 2, NULL, 0, NULL);
	OK(r.doc && strcmp(r.doc->headline.s, "Two") == 0, "the later overlay wins");
	OK(r.doc && r.doc->email.n == 0, "null removes a setting");
	done(&r);
}

static void test_overlay_errors(void)
{
	const char *rm[] = {"cv:\n  sections:\n    Experience:\n      - id: nobody\n        remove: true\n"};
	expect_error(__LINE__, rm, 1, NULL, 0, "overlay", "ov1.yaml", 5, 9, "no entry with id \"nobody\"");
	const char *noid[] = {"cv:\n  sections:\n    Experience:\n      - company: X\n        remove: true\n"};
	expect_error(__LINE__, noid, 1, NULL, 0, "overlay", "ov1.yaml", 5, 9, "needs the id");
	const char *bad[] = {"cv:\n  sections:\n    Experience:\n      - id: two\n        company: Two\n        end_date: soon\n"};
	expect_error(__LINE__, bad, 1, NULL, 0, "bad-date", "ov1.yaml", 6, 19, "Experience[1].end_date");
	const char *maybe[] = {"cv:\n  sections:\n    Experience:\n      - id: one\n        remove: maybe\n"};
	expect_error(__LINE__, maybe, 1, NULL, 0, "overlay", "ov1.yaml", 5, 17, "remove: expected true or false");
	const char *seq[] = {"- 1\n"};
	expect_error(__LINE__, seq, 1, NULL, 0, "overlay", "ov1.yaml", 1, 1, "must be a map");
	const char *syn[] = {"cv: [\n"};
	expect_error(__LINE__, syn, 1, NULL, 0, "yaml-syntax", "ov1.yaml", 2, 1, NULL);
}

static void test_set(void)
{
	const char *sets[] = {"cv.headline=Lead", "cv.sections.experience[0].position=CTO", "cv.phone=\"+1 555\"",
			      "cv.sections.Experience[3]={company: Four}", "cv.sections.work_projects[0].name=Abacus",
			      "design.page.size=us-letter"};
	run r = load(NULL, 0, sets, 6, NULL);
	OK(r.doc != NULL, "the assignments apply");
	if (!r.doc) {
		cv_diags_print(r.d, stderr, false, false);
		done(&r);
		return;
	}
	STR_EQ(r.doc->headline.s, "Lead", "a scalar");
	OK(span_is(r.doc->headline.span, "--set", 1, 13), "its span is the value in the argument");
	const cv_section *s = section(r.doc, "Experience");
	STR_EQ(s->entries[0].position.s, "CTO", "through a section matched ignoring case, and an index");
	OK(span_is(s->entries[0].position.span, "--set", 1, 36), "span of an indexed value");
	STR_EQ(r.doc->phone.items[0].s, "+1 555", "a quoted value");
	INT_EQ(s->n_entries, 4, "[N] at the end appends");
	STR_EQ(s->entries[3].company.s, "Four", "a flow map as a value");
	STR_EQ(section(r.doc, "Work Projects")->entries[0].name.s, "Abacus", "underscores match spaces");
	OK(r.doc->design.page_width == 612, "a nested map created on the way");
	done(&r);

	const char *later[] = {"cv.headline=A", "cv.headline=B", "cv.photo=", "cv.sections.Awards[0]=Best paper"};
	r = load(NULL, 0, later, 4, NULL);
	OK(r.doc && strcmp(r.doc->headline.s, "B") == 0 && !r.doc->photo.s, "later wins; empty is null");
	const cv_section *aw = r.doc ? section(r.doc, "Awards") : NULL;
	OK(aw && aw->n_entries == 1 && aw->entries[0].summary.n && strcmp(aw->entries[0].summary.items[0].text.s, "Best paper") == 0, "[0] of nothing starts a list");
	done(&r);
}

static void test_set_errors(void)
{
	const char *s1[] = {"cv.phnoe=1"};
	expect_error(__LINE__, s1, 0, s1, 1, "unknown-setting", "--set", 1, 1, "--set cv.phnoe=1: cv.phnoe is not a setting");
	const char *s2[] = {"cv.name.first=X"};
	expect_error(__LINE__, NULL, 0, s2, 1, "bad-set", "--set", 1, 1, "cv.name is text, not a map");
	const char *s3[] = {"cv.sections.Experience[7].company=X"};
	expect_error(__LINE__, NULL, 0, s3, 1, "bad-set", "--set", 1, 1, "(it has 3 items)");
	const char *s4[] = {"cv.email[0].x=1"};
	expect_error(__LINE__, NULL, 0, s4, 1, "bad-set", "--set", 1, 1, "cv.email[0] is text");
	const char *s5[] = {"cv.headline[0]=1"};
	expect_error(__LINE__, NULL, 0, s5, 1, "bad-set", "--set", 1, 1, "not a list");
	const char *bad_paths[] = {"cv..x=1", ".cv=1", "cv.=1", "cv[x]=1", "cv[1=1", "[0]=1", "cv[0]x=1"};
	for (size_t i = 0; i < sizeof bad_paths / sizeof bad_paths[0]; i++)
		expect_error(__LINE__, NULL, 0, &bad_paths[i], 1, "bad-set", "--set", 1, 1, "malformed path");
	const char *s6[] = {"design.page_size=a9"};
	expect_error(__LINE__, NULL, 0, s6, 1, "bad-page-size", "--set", 1, 18, NULL);
	const char *s7[] = {"cv.headline"};
	expect_error(__LINE__, NULL, 0, s7, 1, "bad-set", "--set", 1, 1, "expected PATH=VALUE");
}

static void test_set_keeps_aliases(void)
{
	/* Both entries share one node through the alias: a --set on one must not change the other. */
	static const char yaml[] = "cv:\n  name: J\n  sections:\n    A:\n      - &e {company: X, position: P}\n"
				   "      - *e\n";
	cv_diags *d = cv_diags_new();
	const char *sets[] = {"cv.sections.A[1].position=Q"};
	cv_source in = {"a.yaml", yaml, strlen(yaml)};
	cv_load_opts o = {.sets = sets, .n_sets = 1, .theme_dir = CV2PDF_TEST_THEME_DIR};
	cv_doc *doc = cv_load_ex(&in, &o, d);
	OK(doc != NULL, "loads");
	if (doc) {
		STR_EQ(doc->sections[0].entries[0].position.s, "P", "the aliased original is unchanged");
		STR_EQ(doc->sections[0].entries[1].position.s, "Q", "the alias site changed");
	}
	cv_doc_free(doc);
	cv_diags_free(d);
}

static void test_variant(void)
{
	run r = load(NULL, 0, NULL, 0, "backend");
	OK(r.doc != NULL, "the variant loads");
	if (r.doc) {
		STR_EQ(r.doc->headline.s, "Backend Engineer", "the variant's set");
		OK(span_is(r.doc->headline.span, "base.yaml", 30, 20), "spans point at the variant's set");
		OK(r.doc->design.page_width == 612, "second assignment");
	}
	done(&r);
	const char *sets[] = {"cv.headline=Mine"};
	r = load(NULL, 0, sets, 1, "backend");
	OK(r.doc && strcmp(r.doc->headline.s, "Mine") == 0, "--set applies after the variant's set");
	done(&r);
	r = load(NULL, 0, NULL, 0, "nosuch");
	OK(!r.doc && find_diag(r.d, "unknown-variant"), "an unknown variant is an error");
	done(&r);
	const char *ov[] = {"variants:\n  backend:\n    set:\n      cv.nosuch: 1\n  \"a/b\": {}\n"};
	r = load(ov, 1, NULL, 0, "backend");
	const cv_diag *g = find_diag(r.d, "unknown-setting");
	OK(!r.doc && g && span_is(g->span, "ov1.yaml", 4, 7), "a variant's unknown path points at its key");
	g = find_diag(r.d, "bad-variant");
	OK(g && span_is(g->span, "ov1.yaml", 5, 3), "a name unfit for a file name is an error");
	done(&r);
}

static void test_theme(void)
{
	cv_diags *d = cv_diags_new();
	cv_source in = {"base.yaml", base_yaml, strlen(base_yaml)};
	cv_load_opts o = {.variant = "backend", .theme_dir = CV2PDF_TEST_THEME_DIR};
	cv_doc *doc = cv_load_ex(&in, &o, d);
	OK(doc && doc->design.theme.s && strcmp(doc->design.theme.s, "classic") == 0, "a variant's theme is design.theme");
	OK(doc && span_is(doc->design.theme.span, "base.yaml", 27, 12), "its span is the variant's");
	cv_doc_free(doc);
	o.theme = "compact";
	doc = cv_load_ex(&in, &o, d);
	OK(doc && doc->design.theme.s && strcmp(doc->design.theme.s, "compact") == 0, "--theme wins over the variant");
	OK(doc && span_is(doc->design.theme.span, "--theme", 1, 1), "and points at the argument");
	cv_doc_free(doc);
	const char *sets[] = {"design.theme=sidebar"};
	o.sets = sets;
	o.n_sets = 1;
	doc = cv_load_ex(&in, &o, d);
	OK(doc && strcmp(doc->design.theme.s, "sidebar") == 0, "--set design.theme comes after --theme");
	cv_doc_free(doc);
	cv_diags_free(d);
}

/* A variant's set may also be a list of "PATH=VALUE" strings, as on the command line; a value keeps
 * its place in the file for diagnostics, and an item without '=' is an error at that item. */
static void test_variant_set_list(void)
{
	const char *yaml = "cv:\n  name: A\n  headline: old\nvariants:\n"
			   "  r:\n    set: [\"cv.headline=Research Scientist\", design.font_size=11pt]\n"
			   "  bad:\n    set: [nonsense]\n";
	cv_diags *d = cv_diags_new();
	cv_source in = {"v.yaml", yaml, strlen(yaml)};
	cv_load_opts o = {.variant = "r", .theme_dir = CV2PDF_TEST_THEME_DIR};
	cv_doc *doc = cv_load_ex(&in, &o, d);
	OK(!doc, "a document with a broken variant is refused");
	const cv_diag *g = find_diag(d, "bad-variant");
	OK(g && span_is(g->span, "v.yaml", 8, 11) && strstr(g->message, "variants.bad.set[0]"), "the bad item is named");
	cv_diags_free(d);

	const char *good = "cv:\n  name: A\n  headline: old\nvariants:\n"
			   "  r:\n    set: [\"cv.headline=Research Scientist\", design.font_size=11pt]\n";
	d = cv_diags_new();
	cv_source in2 = {"v.yaml", good, strlen(good)};
	doc = cv_load_ex(&in2, &o, d);
	OK(doc && !strcmp(doc->headline.s, "Research Scientist"), "a quoted item sets text with spaces");
	OK(doc && doc->design.font_size > 10.99f && doc->design.font_size < 11.01f, "an unquoted item sets a length");
	OK(doc && span_is(doc->headline.span, "v.yaml", 6, 24), "the value points after the '=' (%d:%d)",
	   doc ? doc->headline.span.line : 0, doc ? doc->headline.span.col : 0);
	cv_doc_free(doc);
	cv_diags_free(d);
}

int main(void)
{
	test_theme();
	test_variant_set_list();
	test_plain();
	test_overlay_maps();
	test_overlay_entries();
	test_booleans_agree();
	test_overlay_order_and_null();
	test_overlay_errors();
	test_set();
	test_set_errors();
	test_set_keeps_aliases();
	test_variant();
	return harness_summary();
}
