/* Unit tests of the text engine: paragraphs laid out at many widths, and TYPESETTING.md's rules checked
 * on every resulting line (line-start and line-end prohibitions, Han–Latin spacing, punctuation
 * compression, flush justification, margins, lonely last lines, kerning, faces).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "harness.h"

#define SIZE 10.0f
#define EPS 0.02f

static cv_fontset *fs;

static cv_para lay(cv_arena *a, const char *text, float width, bool justify)
{
	cv_inline in = {.text = text, .len = strlen(text), .size = SIZE};
	cv_para_opts o = {.width = width, .justify = justify, .lang = "zh"};
	cv_para p;
	cv_diags *d = cv_diags_new();
	cv_text_layout(fs, &in, 1, &o, a, &p, d);
	cv_diags_free(d);
	return p;
}

static uint32_t first_cp(const cv_run *r)
{
	size_t i = 0;
	return r->len ? cv_utf8_next(r->text, r->len, &i) : 0;
}

static uint32_t last_cp(const cv_run *r)
{
	uint32_t cp = 0;
	for (size_t i = 0; i < r->len;)
		cp = cv_utf8_next(r->text, r->len, &i);
	return cp;
}

static bool in_set(uint32_t cp, const char *set)
{
	size_t n = strlen(set);
	for (size_t i = 0; i < n;)
		if (cv_utf8_next(set, n, &i) == cp)
			return true;
	return false;
}

static bool is_han(uint32_t c)
{
	return c >= 0x4E00 && c <= 0x9FFF;
}

static bool is_latin(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static const char *const samples[] = {
	"研究内容：1) 提出基于 PPO 的 Agent 决策优化框架，将 LLM 作为策略网络，通过任务完成度、步骤效率等构建奖励函数，"
	"实现端到端的强化学习训练；在 ALFWorld、WebShop 等多个 Benchmark 上验证，对比 ReAct、Reflexion 等基线方法，"
	"任务成功率提升 12%–18%，平均决策步数减少 25%。",
	"分析用户反馈数据，发现模型在工具调用场景下准确率不足（仅 72%），采用 ReAct 范式构造工具调用训练数据，"
	"基于 Qwen-14B 模型，融合 Function Calling 和 ReAct 数据进行混合训练，工具调用准确率提升至 89%。",
	"针对线上推理延迟高（P99 达到 3.2s）的问题，实施 KV Cache 优化、算子融合、批处理策略等多项优化措施，"
	"将推理延迟降低至 1.8s，QPS 提升 65%；受人类记忆机制启发，人类拥有“短期记忆”和“长期记忆”。",
	"Owned the development of code large language models, focusing on key modules such as completion, "
	"dialogue, and agents. Enhanced model performance, significantly improving the accuracy of code LLMs "
	"to enhance developers' productivity with C++, Node.js and https://example.com/a/very/long/path?x=1&y=2.",
};

/* The rules that must hold on every line of every sample at every width. */
static void check_lines(const cv_para *p, float width, bool justify, const char *what)
{
	const char *no_start = "，。、；：？！）》」』】〕〉］｝〗”’·%";
	const char *no_end = "（《「『【〔〈［｛〖“‘$¥￥£";
	for (size_t l = 0; l < p->n_lines; l++) {
		const cv_line *line = &p->lines[l];
		if (!line->n_runs)
			continue;
		const cv_run *first = &p->runs[line->first_run];
		const cv_run *last = &p->runs[line->first_run + line->n_runs - 1];
		OK(!in_set(first_cp(first), no_start), "%s w=%.0f line %zu starts with a prohibited mark \"%.*s\"", what,
		   (double)width, l, (int)first->len, first->text);
		OK(!in_set(last_cp(last), no_end), "%s w=%.0f line %zu ends with a prohibited mark", what, (double)width, l);
		/* Rule 20: nothing crosses the margins. A closing mark set half-width at the line end may
		 * hang by its blank half, so the ink stays inside. */
		float right = last->x + last->width;
		float hang = in_set(last_cp(last), "，。、；：？！）》」』】”") ? SIZE * 0.5f : 0;
		OK(first->x >= -SIZE * 0.5f - EPS, "%s w=%.0f line %zu starts left of the margin", what, (double)width, l);
		OK(right <= width + hang + EPS, "%s w=%.0f line %zu is %.2f pt too wide", what, (double)width, l,
		   (double)(right - width));
		/* Rule 13: justified lines are flush right, except the last and a line with no space to
		 * stretch (a single word). */
		bool has_gap = false;
		for (size_t r = line->first_run; r + 1 < line->first_run + line->n_runs; r++)
			if (p->runs[r + 1].x > p->runs[r].x + p->runs[r].width + 0.5f)
				has_gap = true;
		if (justify && l + 1 < p->n_lines && has_gap)
			OK(fabsf(right - hang - width) < 0.05f, "%s w=%.0f line %zu not flush: %.2f of %.2f", what,
			   (double)width, l, (double)right, (double)width);
		/* Rules 8/9: Han next to Latin gets a gap of 1/8..1/3 em (never doubled). */
		for (size_t r = line->first_run; r + 1 < line->first_run + line->n_runs; r++) {
			const cv_run *a = &p->runs[r], *b = &p->runs[r + 1];
			uint32_t ca = last_cp(a), cb = first_cp(b);
			/* At realistic widths (20 em and more) there is always Han spacing to take the rest. */
			if (((is_han(ca) && is_latin(cb)) || (is_latin(ca) && is_han(cb))) && (!justify || width >= 200)) {
				float gap = b->x - (a->x + a->width);
				OK(gap >= SIZE * 0.125f - EPS && gap <= SIZE / 3 + EPS, "%s w=%.0f Han-Latin gap %.2f pt", what,
				   (double)width, (double)gap);
			}
		}
	}
}

static void test_rules_at_many_widths(void)
{
	for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
		for (float w = 90; w <= 420; w += 13) {
			for (int j = 0; j < 2; j++) {
				cv_arena *a = cv_arena_new();
				cv_para p = lay(a, samples[s], w, j == 1);
				char what[32];
				snprintf(what, sizeof what, "sample %zu%s", s, j ? " justified" : "");
				OK(p.n_lines > 0, "%s: no lines", what);
				check_lines(&p, w, j == 1, what);
				cv_arena_free(a);
			}
		}
	}
}

/* Every character of the source comes out exactly once, in order (rule 21, ligatures off: rule 16). */
static void test_text_preserved(void)
{
	cv_arena *a = cv_arena_new();
	const char *src = "office affine 预计 2026 年 6 月毕业。";
	cv_para p = lay(a, src, 80, true);
	char joined[256] = "";
	for (size_t i = 0; i < p.n_runs; i++)
		strncat(joined, p.runs[i].text, p.runs[i].len);
	STR_EQ(joined, "officeaffine预计2026年6月毕业。", "runs carry every character (spaces are glue)");
	cv_arena_free(a);
}

/* Rule 8: the gap is the same whether or not the source had a space. */
static void test_gap_not_doubled(void)
{
	cv_arena *a = cv_arena_new();
	cv_para with = lay(a, "预计 2026 年", 300, false);
	cv_para without = lay(a, "预计2026年", 300, false);
	INT_EQ(with.n_runs, without.n_runs, "same run count");
	for (size_t i = 0; i < with.n_runs && i < without.n_runs; i++)
		OK(fabsf(with.runs[i].x - without.runs[i].x) < EPS, "run %zu at %.2f vs %.2f", i, (double)with.runs[i].x,
		   (double)without.runs[i].x);
	OK(with.n_runs >= 3 && fabsf(with.runs[1].x - (with.runs[0].x + with.runs[0].width) - SIZE * 0.25f) < EPS,
	   "quarter-em gap");
	cv_arena_free(a);
}

/* Rule 10: "）、" takes 1.5 em, not 2. */
static void test_punctuation_compression(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "好）、好", 300, false);
	float total = p.lines[0].width;
	OK(fabsf(total - SIZE * 3.5f) < 0.05f, "width %.2f, want %.2f", (double)total, (double)(SIZE * 3.5f));
	cv_arena_free(a);
}

/* Rule 14: the last line never holds a lone Han character when another break set avoids it. */
static void test_no_lonely_last_char(void)
{
	const char *s = "深入理解大模型微调技术并有丰富的提示工程实践经验和能力";
	for (float w = 60; w <= 200; w += 10) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, true);
		const cv_line *last = &p.lines[p.n_lines - 1];
		size_t chars = 0;
		for (size_t r = last->first_run; r < last->first_run + last->n_runs; r++)
			for (size_t i = 0; i < p.runs[r].len;) {
				cv_utf8_next(p.runs[r].text, p.runs[r].len, &i);
				chars++;
			}
		OK(p.n_lines == 1 || chars >= 2, "w=%.0f: last line holds %zu character", (double)w, chars);
		cv_arena_free(a);
	}
}

/* Rule 16: GPOS kerning is applied ("AV" is narrower than A + V) and the kerned glyph starts a new run
 * so the PDF shows it where HarfBuzz put it. */
static void test_kerning(void)
{
	float av = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "AV", 2);
	float a1 = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "A", 1);
	float v1 = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "V", 1);
	OK(av < a1 + v1 - 0.1f, "AV %.2f vs A+V %.2f", (double)av, (double)(a1 + v1));
	cv_arena *arena = cv_arena_new();
	cv_para p = lay(arena, "AV", 300, false);
	INT_EQ(p.n_runs, 2, "a kerned pair is split into two runs");
	if (p.n_runs == 2)
		OK(fabsf(p.runs[1].x - (av - v1)) < EPS, "V placed at the kerned position");
	cv_arena_free(arena);
}

/* Rule 22: Han and CJK punctuation from the Chinese face, Latin from the Latin face; quotes by
 * context (rule 12). */
static void test_faces(void)
{
	cv_arena *a = cv_arena_new();
	cv_inline in[] = {
		{.text = "人类拥有“短期记忆”和 LLaMA", .len = strlen("人类拥有“短期记忆”和 LLaMA"), .size = SIZE},
		{.text = " said \"hi\" and “hello”", .len = strlen(" said \"hi\" and “hello”"), .size = SIZE, .style = CV_BOLD},
	};
	cv_para_opts o = {.width = 1000, .lang = "zh"};
	cv_para p;
	cv_text_layout(fs, in, 2, &o, a, &p, NULL);
	/* Flatten to (character, face) pairs, then judge each quote by the character after it. */
	uint32_t cps[128];
	int faces[128];
	size_t n = 0;
	for (size_t r = 0; r < p.n_runs; r++)
		for (size_t i = 0; i < p.runs[r].len && n < 128;) {
			cps[n] = cv_utf8_next(p.runs[r].text, p.runs[r].len, &i);
			faces[n++] = p.runs[r].face;
		}
	int checked = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (is_han(cps[i]))
			INT_EQ(faces[i], CV_FACE_CJK, "Han uses the Chinese face");
		if (cps[i] == 'L')
			INT_EQ(faces[i], CV_FACE_LATIN_REGULAR, "Latin uses the Latin face");
		if (cps[i] == 0x201C) {
			checked++;
			INT_EQ(faces[i], is_han(cps[i + 1]) ? CV_FACE_CJK : CV_FACE_LATIN_BOLD,
			       "a quote takes the face of the text it stands in");
		}
	}
	INT_EQ(checked, 2, "both opening quotes seen");
	cv_arena_free(a);
}

/* A token longer than the line is broken rather than crossing the margin. */
static void test_emergency_break(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "see https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa now", 80, true);
	OK(p.n_lines >= 3, "the long URL took %zu lines", p.n_lines);
	check_lines(&p, 80, true, "long url");
	cv_arena_free(a);
}

/* A newline in the text is a space in English and nothing between Chinese characters. */
static void test_newlines(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "hello\nworld", 300, false);
	OK(p.n_runs == 2 && p.runs[1].x > p.runs[0].x + p.runs[0].width + 1, "English newline is a space");
	cv_arena_free(a);
}

/* Rule 9: no Han–Latin gap at a line edge: a line that starts with Latin after a Chinese line starts
 * flush at 0, and no line ends in a gap (its last run ends the line's content). */
static void test_no_gap_at_edges(void)
{
	const char *s = "模型压缩LLaMA架构提示工程Transformers框架大模型开发工具DeepSpeed分布式训练";
	int starts_latin = 0;
	for (float w = 60; w <= 200; w += 7) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, false);
		for (size_t l = 0; l < p.n_lines; l++) {
			const cv_run *first = &p.runs[p.lines[l].first_run];
			if (is_latin(first_cp(first))) {
				starts_latin++;
				OK(fabsf(first->x) < EPS, "w=%.0f line %zu starts at %.2f, not at the edge", (double)w, l,
				   (double)first->x);
			}
		}
		cv_arena_free(a);
	}
	OK(starts_latin > 3, "some lines start with Latin (%d)", starts_latin);
}

/* Rule 11: in justified text a closing mark ending a line is set half-width (its blank half hangs
 * past the edge, the ink is flush) and an opening bracket starting a line is pulled back half an em. */
static void test_edge_punctuation(void)
{
	int ends = 0, starts = 0;
	const char *s = "研究模型压缩，知识蒸馏（一作）与微调，提示工程（实践）及性能优化，熟悉架构（框架）等。";
	for (float w = 50; w <= 200; w += 5) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, true);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			const cv_line *line = &p.lines[l];
			const cv_run *last = &p.runs[line->first_run + line->n_runs - 1];
			const cv_run *first = &p.runs[line->first_run];
			uint32_t lc = last_cp(last);
			if (lc == 0xFF0C || lc == 0xFF09) {
				ends++;
				OK(fabsf(last->x + last->width - (w + SIZE * 0.5f)) < 0.05f, "w=%.0f: end mark at %.2f", (double)w,
				   (double)(last->x + last->width));
			}
			if (first_cp(first) == 0xFF08) {
				starts++;
				OK(fabsf(first->x + SIZE * 0.5f) < EPS, "w=%.0f: opening bracket at %.2f", (double)w,
				   (double)first->x);
			}
		}
		cv_arena_free(a);
	}
	OK(ends > 0 && starts > 0, "both cases seen (%d line ends, %d line starts)", ends, starts);
}

/* Rule 12: middle dot, em dash and ellipsis take the Chinese face in Chinese text and the Latin face
 * in English text. */
static void test_shared_marks(void)
{
	static const struct {
		const char *text;
		uint32_t mark;
		int face;
	} cases[] = {
		{"计算机·硕士", 0xB7, CV_FACE_CJK},         {"Jane · Doe", 0xB7, CV_FACE_LATIN_REGULAR},
		{"迭代式检索——当检索", 0x2014, CV_FACE_CJK}, {"wait—really", 0x2014, CV_FACE_LATIN_REGULAR},
		{"等等……然后", 0x2026, CV_FACE_CJK},        {"and so on…", 0x2026, CV_FACE_LATIN_REGULAR},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, cases[k].text, 500, false);
		int seen = 0;
		for (size_t r = 0; r < p.n_runs; r++)
			for (size_t i = 0; i < p.runs[r].len;)
				if (cv_utf8_next(p.runs[r].text, p.runs[r].len, &i) == cases[k].mark) {
					seen++;
					INT_EQ(p.runs[r].face, cases[k].face, cases[k].text);
				}
		OK(seen > 0, "%s: mark found", cases[k].text);
		cv_arena_free(a);
	}
}

/* Rule 13's order: a justified mixed line first widens word spaces and Han–Latin gaps, by at most half
 * an em, and only then spaces Chinese characters; Latin words are never spaced inside. */
static void test_justification_order(void)
{
	const char *s = samples[0];
	float space = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, " ", 1);
	for (float w = 200; w <= 420; w += 11) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, true);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			const cv_line *line = &p.lines[l];
			for (size_t r = line->first_run; r + 1 < line->first_run + line->n_runs; r++) {
				const cv_run *x = &p.runs[r], *y = &p.runs[r + 1];
				float gap = y->x - (x->x + x->width);
				if (is_latin(last_cp(x)) && is_latin(first_cp(y)))
					OK(gap <= space + SIZE * 0.5f + EPS, "w=%.0f word space %.2f exceeds space + 1/2 em",
					   (double)w, (double)gap);
			}
			for (size_t r = line->first_run; r < line->first_run + line->n_runs; r++)
				if (is_latin(first_cp(&p.runs[r])))
					OK(p.runs[r].char_spacing == 0, "no letter spacing inside Latin words");
		}
		cv_arena_free(a);
	}
}

/* Rule 14: breaks are chosen for the whole paragraph. Total fit may not do worse than first fit: the
 * sum of cubed adjustment ratios of the justified lines is at most what greedy breaking of the same
 * words gives. */
static void test_total_fit(void)
{
	const char *s = "Owned the development of code large language models, focusing on key modules such as "
			"completion, dialogue, and agents. Enhanced model performance, significantly improving the "
			"accuracy of code LLMs to enhance developers' productivity and shipped it to many users.";
	float space = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, " ", 1);
	float stretch = SIZE * 0.5f;
	float words[64];
	size_t n = 0;
	for (const char *w = s; *w && n < 64;) {
		size_t len = strcspn(w, " ");
		words[n++] = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, w, len);
		w += len + (w[len] == ' ');
	}
	int compared = 0;
	for (float width = 200; width <= 420; width += 10) {
		/* Greedy: as many words as fit on each line. */
		double greedy = 0;
		for (size_t i = 0; i < n;) {
			float used = words[i];
			size_t j = i + 1;
			while (j < n && used + space + words[j] <= width)
				used += space + words[j++];
			if (j < n && j - i > 1) {
				double r = (width - used) / ((double)(j - i - 1) * stretch);
				greedy += r * r * r;
			}
			i = j;
		}
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, width, true);
		double total = 0;
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			const cv_line *line = &p.lines[l];
			for (size_t r = line->first_run; r + 1 < line->first_run + line->n_runs; r++) {
				float gap = p.runs[r + 1].x - (p.runs[r].x + p.runs[r].width);
				if (gap > 0.5f) {
					double ratio = (gap - space) / stretch;
					total += ratio * ratio * ratio;
					break; /* every space of a line has the same ratio */
				}
			}
		}
		OK(total <= greedy + 1e-3, "width %.0f: total fit %.3f worse than first fit %.3f", (double)width, total,
		   greedy);
		compared++;
		cv_arena_free(a);
	}
	OK(compared > 10, "widths compared");
}

/* Rule 21: characters no font covers, in the BMP or above it, are reported with the source span;
 * nothing vanishes silently. */
static void test_missing_glyph_warnings(void)
{
	cv_arena *a = cv_arena_new();
	const char *t = "ༀ and 😀";
	cv_span span = {"x.yaml", 7, 9, 7, 20};
	cv_inline in = {.text = t, .len = strlen(t), .size = SIZE, .span = span};
	cv_para_opts o = {.width = 300};
	cv_para p;
	cv_diags *d = cv_diags_new();
	cv_text_layout(fs, &in, 1, &o, a, &p, d);
	int missing = 0, unencodable = 0;
	for (size_t i = 0; i < cv_diags_count(d); i++) {
		const cv_diag *g = cv_diags_at(d, i);
		OK(g->severity == CV_WARNING && g->span.line == 7 && g->span.col == 9, "warning at the source span");
		missing += strcmp(g->code, "missing-glyph") == 0;
		unencodable += strcmp(g->code, "unencodable") == 0;
	}
	INT_EQ(missing, 2, "missing glyphs reported, above U+FFFF too");
	INT_EQ(unencodable, 0, "a character above U+FFFF can be written");
	cv_diags_free(d);
	cv_arena_free(a);
}

/* Fonts by fontconfig family name (TrueType only), by file path, and a clear error for an unknown
 * family (fonts-dejavu-core is installed by scripts/dev.sh). */
static void test_font_selection(void)
{
	cv_diags *d = cv_diags_new();
	cv_fontset *dv = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "DejaVu Sans"}, d);
	OK(dv != NULL, "DejaVu Sans found through fontconfig");
	if (dv) {
		STR_EQ(cv_fontset_name(dv, CV_FACE_LATIN_REGULAR), "DejaVuSans", "regular face");
		STR_EQ(cv_fontset_name(dv, CV_FACE_LATIN_BOLD), "DejaVuSans-Bold", "bold face");
		STR_EQ(cv_fontset_name(dv, CV_FACE_CJK), "wqy-microhei", "the Chinese face stays the shipped one");
		cv_fontset_free(dv);
	}
	cv_fontset *byfile = cv_fontset_new(
		&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .cjk = CV2PDF_TEST_FONT_DIR "/NotoSans-Bold.ttf"}, d);
	OK(byfile != NULL, "a font file by path");
	if (byfile) {
		STR_EQ(cv_fontset_name(byfile, CV_FACE_CJK), "NotoSans-Bold", "the file is used");
		cv_fontset_free(byfile);
	}
	INT_EQ(cv_diags_count(d), 0, "no diagnostics so far");
	cv_span at = {"x.yaml", 3, 16, 3, 30};
	cv_fontset *none = cv_fontset_new(
		&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "No Such Family 42", .latin_span = at}, d);
	OK(none == NULL, "an unknown family is an error");
	const cv_diag *g = cv_diags_at(d, 0);
	OK(g && !strcmp(g->code, "font-not-found") && g->span.line == 3 && g->span.col == 16 &&
		   strstr(g->message, "No Such Family 42"),
	   "the error names the family at its YAML position");
	INT_EQ(cv_diags_count(d), 1, "no note about shipped fonts for a user's family");
	cv_diags_free(d);
}

int main(void)
{
	cv_diags *d = cv_diags_new();
	fs = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR}, d);
	if (!fs) {
		cv_diags_print(d, stderr, false, false);
		return 1;
	}
	test_rules_at_many_widths();
	test_text_preserved();
	test_gap_not_doubled();
	test_punctuation_compression();
	test_no_lonely_last_char();
	test_kerning();
	test_faces();
	test_emergency_break();
	test_newlines();
	test_no_gap_at_edges();
	test_edge_punctuation();
	test_shared_marks();
	test_justification_order();
	test_total_fit();
	test_missing_glyph_warnings();
	test_font_selection();
	cv_fontset_free(fs);
	cv_diags_free(d);
	return harness_summary();
}
