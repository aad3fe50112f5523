/* Unit tests of the text engine: paragraphs laid out at many widths, and TYPESETTING.md's rules checked
 * on every resulting line (line-start and line-end prohibitions, Han–Latin spacing, punctuation
 * compression, flush justification, margins, lonely last lines, kerning, faces).
 * SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/text.h"
#include "cv2pdf/util.h"
#include "harness.h"
#include "text_internal.h"

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

/* A character of a laid-out line as the PDF will show it: its run, its position and advance. */
typedef struct pglyph {
	uint32_t cp;
	size_t run;
	float x, adv;   /* points from the line start; adv includes spacing after the glyph */
	float nominal;  /* the glyph's own width at the run's size (its box for extractors) */
} pglyph;

#define MAX_GLYPHS 1024

/* Every character of line l the reader sees, with its position, in order (a broken word's hidden
 * text, over one of its pieces, is not seen). Returns the count. */
static size_t glyphs(const cv_para *p, size_t l, pglyph *out)
{
	const cv_line *line = &p->lines[l];
	size_t n = 0;
	for (size_t r = line->first_run; r < line->first_run + line->n_runs; r++) {
		const cv_run *run = &p->runs[r];
		if (run->draw == CV_DRAW_HIDDEN)
			continue;
		float x = run->x;
		size_t k = 0;
		for (size_t i = 0; i < run->len && n < MAX_GLYPHS; k++) {
			size_t at = i;
			uint32_t cp = cv_utf8_next(run->text, run->len, &i);
			float adv = run->adv ? run->adv[k] : cv_text_measure(fs, run->face, run->size, run->text + at, i - at);
			float hs = run->hscale > 0 ? run->hscale : 1;
			out[n++] = (pglyph){cp, r, x, adv, cv_text_measure(fs, run->face, run->size, run->text + at, i - at) * hs};
			x += adv;
		}
	}
	return n;
}

/* The line's glyphs with spaces left out, as a string (for comparing what moved). */
static bool is_space_cp(uint32_t cp)
{
	return cp == ' ';
}

/* The last run of line l that is seen (not a broken word's hidden text). */
static const cv_run *last_seen_run(const cv_para *p, size_t l)
{
	const cv_run *last = &p->runs[p->lines[l].first_run + p->lines[l].n_runs - 1];
	while (last->draw == CV_DRAW_HIDDEN && last > &p->runs[p->lines[l].first_run])
		last--;
	return last;
}

/* The rules that must hold on every line of every sample at every width. */
static void check_lines(const cv_para *p, float width, bool justify, const char *what)
{
	const char *no_start = "，。、；：？！）》」』】〕〉］｝〗”’·%";
	const char *no_end = "（《「『【〔〈［｛〖“‘$¥￥£";
	static pglyph g[MAX_GLYPHS];
	for (size_t l = 0; l < p->n_lines; l++) {
		size_t n = glyphs(p, l, g);
		if (!n)
			continue;
		OK(!in_set(g[0].cp, no_start), "%s w=%.0f line %zu starts with a prohibited mark U+%04X", what, (double)width,
		   l, g[0].cp);
		OK(!in_set(g[n - 1].cp, no_end), "%s w=%.0f line %zu ends with a prohibited mark", what, (double)width, l);
		OK(!is_space_cp(g[0].cp) && !is_space_cp(g[n - 1].cp), "%s w=%.0f line %zu starts or ends with a space", what,
		   (double)width, l);
		/* Rule 20: nothing crosses the margins. A closing mark at the line end may hang by its blank
		 * (at most half an em); an opening one at the start likewise. */
		float left, right, adv;
		cv_glyph_ink(fs, p->runs[g[n - 1].run].face, g[n - 1].cp, &left, &right, &adv);
		float ink_end = g[n - 1].x + (in_set(g[n - 1].cp, "，。、；：？！）》」』】”") ? right * SIZE : g[n - 1].nominal);
		OK(ink_end <= width + EPS, "%s w=%.0f line %zu: ink ends %.2f pt past the margin", what, (double)width, l,
		   (double)(ink_end - width));
		cv_glyph_ink(fs, p->runs[g[0].run].face, g[0].cp, &left, &right, &adv);
		float ink_start = g[0].x + (in_set(g[0].cp, "（《「『【“") ? left * SIZE : 0);
		OK(ink_start >= -EPS, "%s w=%.0f line %zu starts left of the margin", what, (double)width, l);
		/* Rule 13: justified lines are flush right (the content, less a hanging mark's blank), except
		 * the last and a line with no space to stretch (a single word). */
		bool has_gap = false;
		for (size_t i = 0; i + 1 < n; i++)
			if (is_space_cp(g[i].cp) || g[i + 1].x > g[i].x + g[i].nominal + 0.5f)
				has_gap = true;
		/* A line may fall short only as the last resort: when its gaps are at their limits (a word
		 * space 0.5 em or more, a third of an em beside Han, a tenth between Han characters). */
		bool at_limit = true;
		for (size_t i = 0; i + 1 < n; i++) {
			bool by_han = (i > 0 && is_han(g[i - 1].cp)) || is_han(g[i + 1].cp);
			/* A space after a number keeps its width when it ties the number to its unit (rule 6). */
			bool tie = false;
			for (size_t k = i; k-- > 0 && !is_space_cp(g[k].cp) && !is_han(g[k].cp);)
				tie = tie || (g[k].cp >= '0' && g[k].cp <= '9');
			if (is_space_cp(g[i].cp) && g[i].adv < SIZE * (by_han ? 0.33f : 0.495f) &&
			    !(tie && fabsf(g[i].adv - g[i].nominal) < SIZE * 0.01f))
				at_limit = false;
			if (is_han(g[i].cp) && is_han(g[i + 1].cp) && g[i + 1].x - g[i].x - g[i].nominal < SIZE * 0.099f)
				at_limit = false;
		}
		/* Or it is set ragged, the very last resort: at natural spacing (no space widened, no gap
		 * between Han characters), and only when the next line's first word could not have joined it. */
		bool natural = true;
		for (size_t i = 0; i + 1 < n; i++) {
			if (is_space_cp(g[i].cp) && fabsf(g[i].adv - g[i].nominal) > SIZE * 0.01f)
				natural = false;
			if (is_han(g[i].cp) && is_han(g[i + 1].cp) && g[i + 1].x - g[i].x - g[i].nominal > SIZE * 0.01f)
				natural = false;
		}
		bool short_line = fabsf(p->lines[l].width - width) >= 0.05f;
		if (justify && l + 1 < p->n_lines && has_gap && !at_limit && width >= 300)
			OK(!short_line || natural, "%s w=%.0f line %zu not flush: %.2f of %.2f", what, (double)width, l,
			   (double)p->lines[l].width, (double)width);
		if (justify && l + 1 < p->n_lines && has_gap && natural && short_line && width >= 300) {
			static pglyph h[MAX_GLYPHS];
			size_t m = glyphs(p, l + 1, h), k = 0;
			float word = is_space_cp(g[n - 1].cp) ? 0 : SIZE * 0.125f; /* the least gap before it */
			while (k < m && !is_space_cp(h[k].cp) && !(k > 0 && (is_han(h[k].cp) || is_han(h[k - 1].cp))))
				word += h[k++].nominal;
			OK(p->lines[l].width + word > width, "%s w=%.0f line %zu is ragged, but the next word would fit", what,
			   (double)width, l);
		}
		if (justify && l + 1 < p->n_lines)
			OK(p->lines[l].width <= width + 0.05f, "%s w=%.0f line %zu overfull", what, (double)width, l);
		/* Rules 8/9: Han next to Latin gets a gap of 1/8..1/3 em (never doubled), with or without a
		 * space character between them. */
		for (size_t i = 0; i + 1 < n; i++) {
			size_t j = is_space_cp(g[i + 1].cp) && i + 2 < n ? i + 2 : i + 1;
			uint32_t ca = g[i].cp, cb = g[j].cp;
			if (((is_han(ca) && is_latin(cb)) || (is_latin(ca) && is_han(cb))) && (!justify || width >= 200)) {
				float gap = g[j].x - (g[i].x + g[i].nominal);
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

/* The runs of a paragraph, joined. */
static void joined(const cv_para *p, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 0; i < p->n_runs; i++)
		strncat(out, p->runs[i].text, cap - strlen(out) - 1 < p->runs[i].len ? cap - strlen(out) - 1 : p->runs[i].len);
}

/* The paragraph's text as an extractor reads it: the text of each line (glyph outlines are none),
 * the lines joined by a space, as every extractor joins them; spaces collapse. */
static void extracted(const cv_para *p, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t l = 0; l < p->n_lines; l++) {
		const cv_line *line = &p->lines[l];
		if (n && out[n - 1] != ' ' && n + 1 < cap)
			out[n++] = ' ';
		for (size_t r = line->first_run; r < line->first_run + line->n_runs; r++) {
			const cv_run *run = &p->runs[r];
			for (size_t i = 0; run->draw != CV_DRAW_OUTLINE && i < run->len && n + 1 < cap; i++)
				if (run->text[i] != ' ' || (n && out[n - 1] != ' '))
					out[n++] = run->text[i];
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* Every character of the source comes out exactly once, in order, with the spaces between words as
 * real space characters (rule 21, ligatures off: rule 16; item 3 of the text-layer issue). */
static void test_text_preserved(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "office affine 预计 2026 年 6 月毕业。", 300, true);
	char all[256];
	joined(&p, all, sizeof all);
	STR_EQ(all, "office affine 预计 2026 年 6 月毕业。", "runs carry every character, spaces included");
	INT_EQ(p.n_lines, 1, "one line");
	/* A Latin line of one style is one run: one text-showing operator. */
	cv_para q = lay(a, "Owned the development of code large language models.", 400, false);
	INT_EQ(q.n_runs, 1, "a plain line is one run");
	/* Spaces next to full-width punctuation: a typed one stays in the text (narrow), a line break of
	 * the source goes. */
	cv_para r = lay(a, "工程师 · Senior，\n在", 400, false);
	joined(&r, all, sizeof all);
	STR_EQ(all, "工程师 · Senior，在", "typed spaces kept, a source line break after \"，\" dropped");
	cv_para d = lay(a, "林晓·Christina Lin", 400, false);
	joined(&d, all, sizeof all);
	STR_EQ(all, "林晓·Christina Lin", "the middle dot reads U+00B7");
	cv_arena_free(a);
}

/* Rule 8: the gap is the same whether or not the source had a space. */
static void test_gap_not_doubled(void)
{
	cv_arena *a = cv_arena_new();
	cv_para with = lay(a, "预计 2026 年", 300, false);
	cv_para without = lay(a, "预计2026年", 300, false);
	static pglyph gw[MAX_GLYPHS], gn[MAX_GLYPHS];
	size_t nw = glyphs(&with, 0, gw), nn = glyphs(&without, 0, gn);
	size_t k = 0;
	for (size_t i = 0; i < nw && k < nn; i++) {
		if (is_space_cp(gw[i].cp))
			continue;
		OK(gw[i].cp == gn[k].cp && fabsf(gw[i].x - gn[k].x) < EPS, "U+%04X at %.2f vs %.2f", gw[i].cp,
		   (double)gw[i].x, (double)gn[k].x);
		k++;
	}
	INT_EQ(k, nn, "same characters");
	/* 计 to 2: a quarter em past 计's own width. */
	OK(nn >= 3 && fabsf(gn[2].x - (gn[1].x + gn[1].nominal) - SIZE * 0.25f) < EPS, "quarter-em gap");
	cv_arena_free(a);
}

/* Rule 10, following the ink: "）、" and "）。" give up the bracket's blank but keep the inks apart
 * (WenQuanYi centres its brackets, so a flat half em would overlap). */
static void test_punctuation_compression(void)
{
	const char *pairs[] = {"好）、好", "好）。好", "好）”好", "好。」好"};
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, pairs[k], 300, false);
		static pglyph g[MAX_GLYPHS];
		size_t n = glyphs(&p, 0, g);
		OK(n == 4, "%s: four characters", pairs[k]);
		float l1, r1, a1, l2, r2, a2;
		cv_glyph_ink(fs, CV_FACE_CJK, g[1].cp, &l1, &r1, &a1);
		cv_glyph_ink(fs, CV_FACE_CJK, g[2].cp, &l2, &r2, &a2);
		float ink_gap = (g[2].x + l2 * SIZE) - (g[1].x + r1 * SIZE);
		OK(ink_gap >= SIZE * 0.07f, "%s: inks %.2f pt apart", pairs[k], (double)ink_gap);
		float cut = SIZE - g[1].adv;
		OK(cut >= SIZE * 0.3f - EPS && cut <= SIZE * 0.5f + EPS, "%s: the first mark gives up %.2f pt", pairs[k],
		   (double)cut);
		cv_arena_free(a);
	}
}

/* Rule 14: the last line never holds a lone Han character when another break set avoids it. */
static void test_no_lonely_last_char(void)
{
	const char *s = "深入理解大模型微调技术并有丰富的提示工程实践经验和能力";
	for (float w = 60; w <= 200; w += 10) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, true);
		static pglyph g[MAX_GLYPHS];
		size_t chars = glyphs(&p, p.n_lines - 1, g);
		OK(p.n_lines == 1 || chars >= 2, "w=%.0f: last line holds %zu character", (double)w, chars);
		cv_arena_free(a);
	}
}

/* Rule 16: GPOS kerning is applied ("AV" is narrower than A + V), inside one run: the renderer keeps
 * each character's advance. */
static void test_kerning(void)
{
	float av = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "AV", 2);
	float a1 = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "A", 1);
	float v1 = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "V", 1);
	OK(av < a1 + v1 - 0.1f, "AV %.2f vs A+V %.2f", (double)av, (double)(a1 + v1));
	cv_arena *arena = cv_arena_new();
	cv_para p = lay(arena, "AV", 300, false);
	INT_EQ(p.n_runs, 1, "a kerned pair is one run");
	if (p.n_runs == 1 && p.runs[0].adv && p.runs[0].n_adv == 2)
		OK(fabsf(p.runs[0].adv[0] - (av - v1)) < EPS, "A's advance is the kerned one");
	cv_arena_free(arena);
}

/* A string too long for the shaping cache (over 256 bytes) is shaped each time into a scratch array:
 * its width is its characters' widths, the same before and after cached strings are shaped between,
 * and what it returned does not disturb the cached strings' results. */
static void test_long_shaping(void)
{
	char text[601];
	memset(text, 'n', 600);
	text[600] = '\0';
	float n = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "n", 1);
	float nn = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "nn", 2);
	OK(fabsf(nn - 2 * n) < EPS, "no kerning between two n (%.3f vs %.3f)", (double)nn, (double)(2 * n));
	float whole = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, text, 600);
	OK(fabsf(whole - 600 * n) < 0.01f, "600 n measure %.2f, 600 times one n %.2f", (double)whole, (double)(600 * n));
	float part = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, text, 300);
	OK(fabsf(part - 300 * n) < 0.01f, "300 n measure %.2f", (double)part);
	OK(fabsf(cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, text, 600) - whole) < EPS, "the same again");
	OK(fabsf(cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, "nn", 2) - nn) < EPS, "a cached string is unchanged");
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
	/* A contact item wider than its column breaks after the address's punctuation where it can. */
	const char *mail = "christina.lin.research-group@mail.example-university.edu.cn";
	cv_inline in = {.text = mail, .len = strlen(mail), .size = SIZE, .style = CV_NOBREAK};
	cv_para_opts o = {.width = 150, .lang = "en"};
	cv_text_layout(fs, &in, 1, &o, a, &p, NULL);
	OK(p.n_lines == 2, "the address took %zu lines", p.n_lines);
	const cv_run *end = last_seen_run(&p, 0); /* not the address written whole, unseen */
	OK(end->len && strchr("@.-", end->text[end->len - 1]), "the first line ends after punctuation: \"%.*s\"",
	   (int)end->len, end->text);
	cv_arena_free(a);
}

/* A word broken at a line end (a URL wider than the line, a token split by emergency breaks) is
 * read whole: its pieces are glyph outlines, and the whole word is hidden text over its widest piece,
 * inside the line, narrowed no more than to a third (two pieces: a half), so poppler keeps "ll" and
 * "//"; what the text extractors read equals the source; a character bound to the word ("。")
 * goes with it, so no line starts with one as text. */
static void test_broken_words_extract_whole(void)
{
	static const char *const texts[] = {
		"see https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa now",
		"相关代码见 https://github.com/example-org/long-context-training/blob/main/docs/README.md。后文",
		"Read https://scholar.example.org/citations?user=XyZ123abc&year=2024&lang=zh&view=publications today.",
	};
	int broken = 0;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (float w = 80; w <= 300; w += 11) {
			cv_arena *a = cv_arena_new();
			cv_para p = lay(a, texts[t], w, true);
			char all[512];
			extracted(&p, all, sizeof all);
			/* Extractors drop the space beside Chinese (ats.py does too). */
			char want[512];
			size_t n = 0;
			for (const char *c = texts[t]; *c; c++)
				if (!(*c == ' ' && t == 1))
					want[n++] = *c;
			want[n] = '\0';
			if (t == 1) {
				size_t k = 0;
				for (size_t i = 0; all[i]; i++)
					if (all[i] != ' ')
						all[k++] = all[i];
				all[k] = '\0';
			}
			STR_EQ(all, want, "the text as extractors read it");
			for (size_t l = 0; l < p.n_lines; l++) {
				const cv_line *line = &p.lines[l];
				bool first_text = true;
				for (size_t r = line->first_run; r < line->first_run + line->n_runs; r++) {
					const cv_run *run = &p.runs[r];
					if (run->draw == CV_DRAW_HIDDEN) {
						broken++;
						OK(run->x >= -EPS && run->x + run->width <= w + EPS,
						   "%zu w=%.0f line %zu: hidden text %.1f..%.1f inside the line", t, (double)w, l,
						   (double)run->x, (double)(run->x + run->width));
						OK(run->hscale > 0.1f && run->hscale <= 1, "%zu w=%.0f: hidden text narrowed to %.2f", t,
						   (double)w, (double)run->hscale);
						/* Equal neighbours ("//", "tt") start a tenth of an em apart or more. */
						for (size_t i = 0, k = 0; i < run->len; k++) {
							uint32_t cp = cv_utf8_next(run->text, run->len, &i);
							if (i < run->len && run->adv) {
								size_t j = i;
								uint32_t next = cv_utf8_next(run->text, run->len, &j);
								if (next == cp)
									OK(run->adv[k] >= 0.1f * SIZE, "%zu w=%.0f: twin %04X only %.2f pt apart",
									   t, (double)w, (unsigned)cp, (double)run->adv[k]);
							}
						}
						OK(!run->link, "hidden text is no link");
					}
					if (run->draw != CV_DRAW_OUTLINE && run->len && first_text) {
						OK(strncmp(run->text, "。", strlen("。")) != 0, "%zu w=%.0f line %zu starts with 。",
						   t, (double)w, l);
						first_text = false;
					}
				}
			}
			cv_arena_free(a);
		}
	OK(broken > 30, "words broken and hidden: %d", broken);
}

/* English text justified at width w, hyphenation off. */
static cv_para lay_english(cv_arena *a, const char *text, float w)
{
	cv_inline in = {.text = text, .len = strlen(text), .size = SIZE};
	cv_para_opts o = {.width = w, .justify = true, .lang = "en"};
	cv_para p;
	cv_text_layout(fs, &in, 1, &o, a, &p, NULL);
	return p;
}

/* Without hyphenation a long compound may break after its own hyphen where the paragraph cannot be
 * set otherwise (TeX's second pass), and is still read whole; a short part ("re-", "to") never
 * ends a line so, nor does a token with digits (LLaMA-3-8B). */
static void test_compound_breaks(void)
{
	const char *s = "Designed Retrieval-Augmented Generation with cross-encoder re-rankers and LLaMA-3-8B "
			"checkpoints for state-of-the-art question-answering workloads.";
	int compound = 0;
	for (float w = 120; w <= 260; w += 7) { /* no token wider than the line: no emergency breaks */
		cv_arena *a = cv_arena_new();
		cv_para p = lay_english(a, s, w);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			const cv_run *last = last_seen_run(&p, l);
			if (last->draw != CV_DRAW_OUTLINE || !last->len || last->text[last->len - 1] != '-')
				continue;
			compound++;
			OK(last->len >= 4 && strncmp(last->text + last->len - 3, "re-", 3) != 0 &&
			   strncmp(last->text + last->len - 3, "to-", 3) != 0 && strncmp(last->text + last->len - 2, "3-", 2) != 0,
			   "w=%.0f: a line ends \"%.*s\"", (double)w, (int)last->len, last->text);
		}
		char all[512];
		extracted(&p, all, sizeof all);
		STR_EQ(all, s, "the text as extractors read it");
		cv_arena_free(a);
	}
	OK(compound > 0, "long compounds broken after their hyphen: %d", compound);
	/* Nor a hyphen of a URL's path, which its breaks at '/' cut into pieces of their own. */
	const char *u = "The write-up with every figure and the scripts that produce them is at "
			"https://www.example.com/blog/2023/paged-attention for anyone to reproduce.";
	int url_broken = 0;
	for (float w = 200; w <= 480; w += 6) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay_english(a, u, w);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			const cv_run *last = last_seen_run(&p, l);
			if (last->draw == CV_DRAW_OUTLINE && last->len > 8 && !memcmp(last->text, "https://", 8)) {
				url_broken++;
				OK(strchr("/.?&=#", last->text[last->len - 1]) != NULL, "w=%.0f: the URL breaks in \"%.*s\"",
				   (double)w, (int)last->len, last->text);
			}
		}
		cv_arena_free(a);
	}
	OK(url_broken > 0, "URLs broken: %d", url_broken);
}

/* The text of line l, spaces included, into buf (of size cap). */
static void line_text(const cv_para *p, size_t l, char *buf, size_t cap)
{
	static pglyph g[MAX_GLYPHS];
	size_t n = glyphs(p, l, g), k = 0;
	for (size_t i = 0; i < n && k + 5 < cap; i++)
		k += cv_utf8_put(g[i].cp, buf + k);
	buf[k] = '\0';
}

/* Rule 5 and the text layer: a URL breaks only after / . ? & = #, and is read whole wherever it breaks
 * (its pieces outlines, its text hidden over one of them). One that fits its line breaks only in the
 * second pass, where moving it whole would leave the line before it far short: at the start of a
 * paragraph, where nothing stands before it, it stays whole. */
static void test_urls(void)
{
	static const char url[] = "https://github.com/example-org/long-context-training/blob/main/docs/README.md";
	static const char *const texts[] = {
		"Code and data: see https://github.com/example-org/long-context-training/blob/main/docs/README.md "
		"for the training recipes, the evaluation scripts and the model cards of every released checkpoint.",
		"长上下文: 将上下文从 32K 扩展到 128K tokens，显存占用降低 40 GB；相关代码见 "
		"https://github.com/example-org/long-context-training/blob/main/docs/README.md。",
	};
	cv_arena *a = cv_arena_new();
	/* The URL with the full stop bound to it (at most an em). */
	float url_w = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, url, strlen(url)) + SIZE;
	int moved = 0, broken = 0, first = 0;
	for (float w = 150; w <= 520; w += 9) {
		/* Leading the paragraph, nothing before it to fill: a URL that fits never breaks. */
		char lead[512];
		snprintf(lead, sizeof lead, "%s is where the training recipes and the evaluation scripts live.", url);
		cv_para p = lay(a, lead, w, true);
		char line[4096];
		line_text(&p, 0, line, sizeof line);
		if (url_w <= w) {
			first++;
			OK(strstr(line, url) != NULL, "w=%.0f: a URL leading its paragraph broke: \"%s\"", (double)w, line);
		}
	}
	for (size_t s = 0; s < sizeof texts / sizeof *texts; s++) {
		for (float w = 150; w <= 520; w += 9) {
			cv_para p = lay(a, texts[s], w, true);
			check_lines(&p, w, true, s ? "url zh" : "url en");
			bool whole = false;
			char line[4096];
			for (size_t l = 0; l < p.n_lines; l++) {
				line_text(&p, l, line, sizeof line);
				whole = whole || strstr(line, url);
				/* A line ending inside the URL ends after one of its break characters. */
				size_t len = strlen(line);
				const char *from = strstr(line, "https://");
				if (from && l + 1 < p.n_lines && !strstr(line, url)) {
					broken++;
					OK(strchr("/.?&=#", line[len - 1]), "w=%.0f: the URL breaks after '%c'", (double)w,
					   line[len - 1]);
				}
			}
			moved += whole;
			char all[4096];
			extracted(&p, all, sizeof all);
			OK(strstr(all, url) != NULL, "%s w=%.0f: the URL is not read whole", s ? "zh" : "en", (double)w);
		}
	}
	OK(moved > 5 && broken > 10 && first > 5, "URLs whole on a line (%d), broken (%d), leading and fitting (%d)",
	   moved, broken, first);
	cv_arena_free(a);
}

/* A newline in the text is a space in English and nothing between Chinese characters. */
static void test_newlines(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "hello\nworld", 300, false);
	OK(p.n_runs == 1 && p.runs[0].len == 11 && !memcmp(p.runs[0].text, "hello world", 11), "English newline is a space");
	cv_arena_free(a);
}

/* Rule 9: no Han–Latin gap at a line edge: a line that starts with Latin after a Chinese line starts
 * flush at 0, and no line ends in a gap (its width ends at its last glyph). */
static void test_no_gap_at_edges(void)
{
	const char *s = "模型压缩LLaMA架构提示工程Transformers框架大模型开发工具DeepSpeed分布式训练";
	int starts_latin = 0;
	static pglyph g[MAX_GLYPHS];
	for (float w = 60; w <= 200; w += 7) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, false);
		for (size_t l = 0; l < p.n_lines; l++) {
			size_t n = glyphs(&p, l, g);
			if (is_latin(g[0].cp)) {
				starts_latin++;
				OK(fabsf(g[0].x) < EPS, "w=%.0f line %zu starts at %.2f, not at the edge", (double)w, l, (double)g[0].x);
			}
			OK(fabsf(p.lines[l].width - (g[n - 1].x + g[n - 1].nominal)) < 0.6f, "w=%.0f line %zu ends in a gap", (double)w, l);
		}
		cv_arena_free(a);
	}
	OK(starts_latin > 3, "some lines start with Latin (%d)", starts_latin);
}

/* Rule 11, following the ink: in justified text a closing mark ending a line gives up its blank (at
 * most half an em) so its ink is flush with the margin, and an opening bracket starting a line is
 * pulled back by its blank; no ink passes the margin. */
static void test_edge_punctuation(void)
{
	int ends = 0, starts = 0;
	const char *s = "研究模型压缩，知识蒸馏（一作）与微调，提示工程（实践）及性能优化，熟悉架构（框架）等。";
	static pglyph g[MAX_GLYPHS];
	for (float w = 50; w <= 200; w += 5) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, s, w, true);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			size_t n = glyphs(&p, l, g);
			float left, right, adv;
			uint32_t lc = g[n - 1].cp;
			if (lc == 0xFF0C || lc == 0xFF09) {
				ends++;
				cv_glyph_ink(fs, CV_FACE_CJK, lc, &left, &right, &adv);
				float blank = (adv - right) * SIZE, trim = blank < SIZE * 0.5f ? blank : SIZE * 0.5f;
				/* A line left short as the last resort (a column a few characters wide) has no
				 * margin to be flush with. */
				if (fabsf(p.lines[l].width - w) < 0.05f)
					OK(fabsf(g[n - 1].x + SIZE - trim - w) < 0.05f, "w=%.0f: end mark's em ends at %.2f, want %.2f",
					   (double)w, (double)(g[n - 1].x + SIZE - trim), (double)w);
				OK(g[n - 1].x + right * SIZE <= w + EPS, "w=%.0f: the mark's ink passes the margin", (double)w);
			}
			if (g[0].cp == 0xFF08) {
				starts++;
				cv_glyph_ink(fs, CV_FACE_CJK, 0xFF08, &left, &right, &adv);
				float pull = left * SIZE < SIZE * 0.5f ? left * SIZE : SIZE * 0.5f;
				OK(fabsf(g[0].x + pull) < EPS, "w=%.0f: opening bracket at %.2f", (double)w, (double)g[0].x);
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

/* Rule 13's order: in a justified line that holds Han, the slack goes over all the gaps, Han ones
 * included, so a Latin word space opens past 0.39 em (its stretch at r = 1) only once the Han gaps
 * are at a tenth of an em, and never past half an em; Chinese is not letter-spaced (median Han gap
 * at most a tenth of an em); Latin letters are never spaced apart. */
static void test_justification_order(void)
{
	static pglyph g[MAX_GLYPHS];
	for (size_t s = 0; s < 3; s++)
		for (float w = 200; w <= 420; w += 11) {
			cv_arena *a = cv_arena_new();
			cv_para p = lay(a, samples[s], w, true);
			for (size_t l = 0; l + 1 < p.n_lines; l++) {
				size_t n = glyphs(&p, l, g);
				float han[MAX_GLYPHS];
				size_t nh = 0;
				for (size_t i = 0; i + 1 < n; i++) {
					if (g[i].cp == ' ' && is_latin(g[i - (i > 0)].cp) && is_latin(g[i + 1].cp))
						OK(g[i].adv <= SIZE * 0.5f + EPS, "sample %zu w=%.0f: word space %.2f em", s, (double)w,
						   (double)(g[i].adv / SIZE));
					if (is_han(g[i].cp) && is_han(g[i + 1].cp))
						han[nh++] = g[i + 1].x - (g[i].x + g[i].nominal);
					if (is_latin(g[i].cp) && is_latin(g[i + 1].cp))
						OK(fabsf(g[i + 1].x - g[i].x - g[i].adv) < 0.001f && p.runs[g[i].run].char_spacing == 0,
						   "no letter spacing inside Latin words");
				}
				for (size_t x = 1; x < nh; x++) /* insertion sort for the median */
					for (size_t y = x; y > 0 && han[y] < han[y - 1]; y--) {
						float t = han[y];
						han[y] = han[y - 1], han[y - 1] = t;
					}
				/* At a realistic width (35 em and more); in narrower columns long Latin tokens can
				 * leave a line no other way to fill. A line whose breaks are forced by its tokens may
				 * go a little past a tenth of an em; the examples' lines stay under it (typo.py). */
				if (nh > 4 && w >= 350)
					OK(han[nh / 2] <= SIZE * 0.125f + EPS, "sample %zu w=%.0f line %zu: median Han gap %.2f em", s,
					   (double)w, l, (double)(han[nh / 2] / SIZE));
			}
			cv_arena_free(a);
		}
}

/* An English paragraph of ordinary words, for the tests of total fit. */
static const char *const prose =
	"Owned the development of code large language models, focusing on key modules such as completion, "
	"dialogue, and agents. Enhanced model performance, significantly improving the accuracy of code LLMs to "
	"enhance developers' productivity and shipped it to many users.";

/* First fit of prose at width w, justified: the sum of cubed adjustment ratios of its lines but the
 * last, its widest word space, and whether its last line holds a single word. */
typedef struct greedy {
	double cubes;
	float widest;
	bool runt;
} greedy;

static greedy greedy_break(float w)
{
	float space = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, " ", 1), stretch = space * 0.5f;
	greedy g = {0, 0, false};
	const char *rest = prose;
	size_t len = strlen(prose);
	while (len) {
		float used = 0;
		size_t take = 0, words = 0;
		while (take < len) {
			size_t wl = strcspn(rest + take, " ");
			float ww = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, rest + take, wl);
			if (words && used + space + ww > w)
				break;
			used += (words ? space : 0) + ww;
			words++;
			take += wl + (rest[take + wl] == ' ');
		}
		if (take >= len) {
			g.runt = words == 1;
			break;
		}
		if (words > 1) {
			double r = (w - used) / ((double)(words - 1) * stretch);
			g.cubes += r * r * r;
			if (space + (w - used) / (float)(words - 1) > g.widest)
				g.widest = space + (w - used) / (float)(words - 1);
		}
		rest += take;
		len -= take;
	}
	return g;
}

/* Rule 14: breaks are chosen for the whole paragraph. Total fit may not do worse than first fit: the
 * sum of cubed adjustment ratios of the justified lines is at most what greedy breaking of the same
 * words gives; and no word space passes its cap (0.54 em in a column of 40 em, up to 0.68 em in one of
 * 32 em or less). */
static void test_total_fit(void)
{
	float space = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, " ", 1);
	float stretch = space * 0.5f;
	static pglyph g[MAX_GLYPHS];
	int compared = 0;
	for (float width = 200; width <= 420; width += 10) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, prose, width, true);
		double total = 0;
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			size_t k = glyphs(&p, l, g);
			for (size_t i = 0; i < k; i++)
				if (g[i].cp == ' ') {
					double ratio = (g[i].adv - space) / stretch;
					total += ratio > 0 ? ratio * ratio * ratio : 0;
					float ems = width / SIZE, t = (40 - ems) / 8;
					float max = 0.54f + (t < 0 ? 0 : t > 1 ? 1 : t) * 0.14f;
					OK(g[i].adv <= SIZE * max + EPS, "width %.0f: a word space of %.2f em", (double)width,
					   (double)(g[i].adv / SIZE));
					break; /* every space of a line has the same ratio */
				}
		}
		double first_fit = greedy_break(width).cubes;
		OK(total <= first_fit + 1e-3, "width %.0f: total fit %.3f worse than first fit %.3f", (double)width, total,
		   first_fit);
		compared++;
		cv_arena_free(a);
	}
	OK(compared > 10, "widths compared");
}

/* Rule 12: the Chinese middle dot (间隔号) is drawn full-width and centred, with no space of its own
 * on either side, and the text still reads U+00B7. */
static void test_middle_dot(void)
{
	cv_arena *a = cv_arena_new();
	cv_para p = lay(a, "林晓·Christina Lin", 400, false); /* text_preserved checks its text */
	static pglyph g[MAX_GLYPHS];
	size_t n = glyphs(&p, 0, g);
	OK(n > 3 && g[2].cp == 0xB7, "the dot is the third character");
	OK(fabsf(g[2].adv - SIZE) < EPS, "the dot takes a full em (%.2f pt)", (double)g[2].adv);
	OK(fabsf(g[3].x - (g[2].x + SIZE)) < EPS && fabsf(g[2].x - (g[1].x + SIZE)) < EPS, "no gap on either side");
	OK(p.runs[g[2].run].face == CV_FACE_CJK && cv_display_cp(fs, CV_FACE_CJK, 0xB7) == 0x30FB,
	   "drawn with the Chinese face's full-width dot");
	cv_arena_free(a);
}

/* Rule 6: a number and its unit keep their space at its natural width while word spaces stretch;
 * a number before an ordinary word does not bind it. */
static void test_number_unit(void)
{
	cv_arena *a = cv_arena_new();
	const char *s = "Trained with 10 GB of data in 3.2 s per step, and published 2 high-quality papers with many "
			"co-authors across several research groups over the years.";
	float space = cv_text_measure(fs, CV_FACE_LATIN_REGULAR, SIZE, " ", 1);
	static pglyph g[MAX_GLYPHS];
	int ties = 0, stretched = 0;
	for (float w = 180; w <= 320; w += 7) {
		cv_para p = lay(a, s, w, true);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			size_t n = glyphs(&p, l, g);
			for (size_t i = 1; i + 1 < n; i++) {
				if (g[i].cp != ' ')
					continue;
				bool tie = (g[i - 1].cp == '0' && g[i + 1].cp == 'G') || (g[i - 1].cp == '2' && g[i + 1].cp == 's');
				if (tie) {
					ties++;
					OK(fabsf(g[i].adv - space) < 0.01f, "w=%.0f: a number-unit space of %.2f pt", (double)w,
					   (double)g[i].adv);
				} else if (g[i].adv > space + 0.5f) {
					stretched++;
				}
			}
		}
	}
	OK(ties > 10 && stretched > 10, "seen: %d ties, %d stretched spaces", ties, stretched);
	/* "2 high-quality" may break: at some width "2" ends a line. */
	int broken = 0;
	for (float w = 150; w <= 400; w += 3) {
		cv_para p = lay(a, s, w, true);
		for (size_t l = 0; l + 1 < p.n_lines; l++) {
			size_t n = glyphs(&p, l, g);
			broken += g[n - 1].cp == '2' && glyphs(&p, l + 1, g) && g[0].cp == 'h';
		}
	}
	OK(broken > 0, "\"2 / high-quality\" is a break opportunity");
	cv_arena_free(a);
}

/* The last line of a paragraph holds more than one word when another set of breaks allows it
 * (TeX's runt): where greedy breaking leaves no single-word last line and keeps every word space
 * within the cap, total fit leaves none either, and it avoids some that greedy breaking makes. */
static void test_runts(void)
{
	static pglyph g[MAX_GLYPHS];
	int avoided = 0;
	for (float w = 250; w <= 420; w += 3) { /* narrower columns have too few words a line to choose */
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, prose, w, true);
		size_t n = glyphs(&p, p.n_lines - 1, g);
		bool ours = p.n_lines > 1;
		for (size_t i = 0; i < n; i++)
			ours = ours && g[i].cp != ' ';
		greedy first_fit = greedy_break(w);
		if (!first_fit.runt && first_fit.widest <= SIZE * 0.54f)
			OK(!ours, "w=%.0f: a single-word last line greedy breaking avoids", (double)w);
		avoided += first_fit.runt && !ours;
		cv_arena_free(a);
	}
	OK(avoided > 0, "runts avoided where greedy breaking makes them: %d", avoided);
	/* A ragged title too: "…Parallel File / Systems" becomes "…Parallel / File Systems". */
	cv_arena *a = cv_arena_new();
	cv_para t = lay(a, "Pre-Expedite — Hierarchical Structure Space for Improving Small File Access in Parallel File "
			   "Systems", 430, false);
	size_t n = glyphs(&t, t.n_lines - 1, g);
	bool two = false;
	for (size_t i = 0; i < n; i++)
		two = two || g[i].cp == ' ';
	OK(t.n_lines == 2 && two, "the title's last line holds two words");
	cv_arena_free(a);
}

/* Contact lines (CV_NOBREAK items, CV_SEPARATOR between them) wrap only between items, and the
 * separator vanishes at the line's edges. */
static void test_separators(void)
{
	const char *items[] = {"Shenzhen, China", "christina.lin@example-university.edu", "+86 138-0000-0000",
			       "scholar.example.org/citations?user=abc&lang=zh", "github.com/christina"};
	cv_inline in[16];
	size_t n = 0;
	for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
		if (i)
			in[n++] = (cv_inline){.text = "  |  ", .len = 5, .size = SIZE, .style = CV_SEPARATOR};
		in[n++] = (cv_inline){.text = items[i], .len = strlen(items[i]), .size = SIZE, .style = CV_NOBREAK};
	}
	static pglyph g[MAX_GLYPHS];
	int wrapped = 0;
	for (float w = 260; w <= 600; w += 20) { /* every item fits a line */
		cv_arena *a = cv_arena_new();
		cv_para p;
		cv_para_opts o = {.width = w, .lang = "en"};
		cv_text_layout(fs, in, n, &o, a, &p, NULL);
		wrapped += p.n_lines > 1;
		for (size_t l = 0; l < p.n_lines; l++) {
			size_t k = glyphs(&p, l, g);
			OK(g[0].cp != '|' && g[k - 1].cp != '|', "w=%.0f line %zu begins or ends with a separator", (double)w, l);
			/* Each line holds whole items: its text minus separators is a run of complete items. */
			char text[512] = "";
			size_t t = 0;
			for (size_t i = 0; i < k && t + 4 < sizeof text; i++)
				t += cv_utf8_put(g[i].cp, text + t);
			text[t] = '\0';
			for (char *q = strtok(text, "|"); q; q = strtok(NULL, "|")) {
				while (*q == ' ')
					q++;
				size_t ql = strlen(q);
				while (ql && q[ql - 1] == ' ')
					q[--ql] = '\0';
				bool whole = false;
				for (size_t i = 0; i < sizeof items / sizeof *items; i++)
					whole = whole || !strcmp(q, items[i]);
				OK(whole, "w=%.0f: \"%s\" is not a whole item", (double)w, q);
			}
		}
		cv_arena_free(a);
	}
	OK(wrapped > 3, "the line wrapped at some widths (%d)", wrapped);
}

/* A column that widens after some lines (where a sidebar ends): the first lines_at_width lines take
 * width, the rest rest_width, and a justified paragraph is flush with each. */
static void test_rest_width(void)
{
	cv_arena *a = cv_arena_new();
	/* The sample up to its URL, which would move whole and leave a ragged line (test_urls). */
	cv_inline in = {.text = samples[3], .len = (size_t)(strstr(samples[3], " and https") - samples[3]), .size = SIZE};
	cv_para_opts o = {.width = 300, .rest_width = 450, .lines_at_width = 2, .justify = true, .lang = "en"};
	cv_para p;
	cv_text_layout(fs, &in, 1, &o, a, &p, NULL);
	OK(p.n_lines > 3, "several lines");
	for (size_t l = 0; l + 1 < p.n_lines; l++)
		OK(fabsf(p.lines[l].width - (l < 2 ? 300.0f : 450.0f)) < 0.6f, "line %zu is %.2f wide", l,
		   (double)p.lines[l].width);
	cv_arena_free(a);
}

/* Hyphenation is the author's choice (cv_para_opts.hyphenate): off, no line ends in a hyphen the
 * source did not have; on, a narrow justified English paragraph gets some, at TeX's points, and the
 * text less the added hyphens is the source. */
static void test_hyphenation(void)
{
	const char *s = "Comprehensive internationalization considerations substantially complicate "
			"straightforward implementations of representative recommendation methodologies.";
	for (int on = 0; on < 2; on++) {
		int hyphens = 0;
		for (float w = 120; w <= 220; w += 10) {
			cv_arena *a = cv_arena_new();
			cv_inline in = {.text = s, .len = strlen(s), .size = SIZE};
			cv_para_opts o = {.width = w, .justify = true, .hyphenate = on, .lang = "en"};
			cv_para p;
			cv_text_layout(fs, &in, 1, &o, a, &p, NULL);
			for (size_t l = 0; l + 1 < p.n_lines; l++) {
				const cv_run *last = last_seen_run(&p, l);
				if (last->len && last->text[last->len - 1] == '-') {
					hyphens++;
					OK(last->draw == CV_DRAW_OUTLINE, "w=%.0f line %zu: the added hyphen is drawn, not text",
					   (double)w, l);
				}
			}
			char all[512];
			extracted(&p, all, sizeof all);
			STR_EQ(all, s, "the text as extractors read it: hyphenated words whole");
			cv_arena_free(a);
		}
		if (on)
			OK(hyphens > 0, "hyphenation used when allowed (%d)", hyphens);
		else
			INT_EQ(hyphens, 0, "no hyphens unless allowed");
	}
}

/* Past r = 1 a Latin line also widens its glyphs (pdfTeX's font expansion), at most 3 %, and a
 * space stretched by more than 0.08 em is drawn as one wide space glyph rather than a space and a
 * gap, so text extractors read one space (item 3 of the text-layer issue). */
static void test_expansion_and_wide_spaces(void)
{
	static pglyph g[MAX_GLYPHS];
	int expanded = 0, wide = 0;
	for (float w = 150; w <= 420; w += 3) {
		cv_arena *a = cv_arena_new();
		cv_para p = lay(a, samples[3], w, true);
		for (size_t l = 0; l < p.n_lines; l++) {
			size_t n = glyphs(&p, l, g);
			for (size_t i = 0; i < n; i++) {
				const cv_run *r = &p.runs[g[i].run];
				float hs = r->hscale > 0 ? r->hscale : 1;
				if (g[i].cp != ' ') {
					OK(hs >= 1 && hs <= 1.03f + 1e-4f, "w=%.0f: glyph scale %.4f", (double)w, (double)hs);
					expanded += hs > 1.0001f;
					continue;
				}
				float gap = g[i].adv - g[i].nominal;
				OK(gap <= SIZE * 0.08f + EPS, "w=%.0f: a gap of %.2f pt after a space", (double)w, (double)gap);
				wide += hs > 1.2f;
			}
		}
		cv_arena_free(a);
	}
	OK(expanded > 0 && wide > 0, "seen: %d expanded glyphs, %d wide spaces", expanded, wide);
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

/* A character with thousands of combining marks keeps Unicode's stream-safe 30 (HarfBuzz takes time
 * quadratic in a cluster's marks), with one warning at the source. */
static void test_combining_marks(void)
{
	enum { MARKS = 5000 };
	char *t = cv_xmalloc(2 * MARKS + 8);
	size_t n = 0;
	t[n++] = 'e';
	for (int i = 0; i < MARKS; i++)
		t[n++] = (char)0xCC, t[n++] = (char)0x81;
	memcpy(t + n, " ok", 3);
	n += 3;
	cv_arena *a = cv_arena_new();
	cv_inline in = {.text = t, .len = n, .size = SIZE, .span = {"x.yaml", 4, 2, 4, 9}};
	cv_para_opts o = {.width = 300};
	cv_para p;
	cv_diags *d = cv_diags_new();
	cv_text_layout(fs, &in, 1, &o, a, &p, d);
	size_t kept = 0;
	for (size_t r = 0; r < p.n_runs; r++)
		for (size_t i = 0; i < p.runs[r].len;)
			kept += cv_utf8_next(p.runs[r].text, p.runs[r].len, &i) == 0x301;
	INT_EQ(kept, 30, "combining marks kept");
	INT_EQ(cv_diags_count(d), 1, "one warning");
	OK(cv_diags_count(d) == 1 && !strcmp(cv_diags_at(d, 0)->code, "combining-marks") && cv_diags_at(d, 0)->span.line == 4,
	   "a combining-marks warning at the source");
	cv_diags_free(d);
	cv_arena_free(a);
	free(t);
}

/* The memo gives back the paragraph it kept, identical, with each run's link the caller's current
 * one; different inlines or options are a different paragraph. */
static void test_memo(void)
{
	cv_text_cache *memo = cv_text_cache_new();
	cv_arena *a = cv_arena_new();
	char link1[] = "https://a.example/", link2[] = "https://a.example/";
	cv_inline in[] = {
		{.text = "See the project page ", .len = 21, .size = SIZE},
		{.text = "a.example", .len = 9, .size = SIZE, .link = link1},
		{.text = " for 研究内容 and more.", .len = strlen(" for 研究内容 and more."), .size = SIZE},
	};
	cv_para_opts o = {.width = 120, .justify = true, .lang = "en", .cache = memo};
	cv_para first, again, other;
	cv_text_layout(fs, in, 3, &o, a, &first, NULL);
	in[1].link = link2; /* the same URI in another layout's copy */
	cv_text_layout(fs, in, 3, &o, a, &again, NULL);
	INT_EQ(again.n_runs, first.n_runs, "same runs");
	INT_EQ(again.n_lines, first.n_lines, "same lines");
	int links = 0;
	for (size_t r = 0; r < first.n_runs && r < again.n_runs; r++) {
		OK(again.runs[r].len == first.runs[r].len && !memcmp(again.runs[r].text, first.runs[r].text, first.runs[r].len) &&
			   again.runs[r].x == first.runs[r].x && again.runs[r].width == first.runs[r].width,
		   "run %zu the same", r);
		if (first.runs[r].link) {
			links++;
			OK(again.runs[r].link == link2, "run %zu links to the current copy", r);
		}
	}
	OK(links > 0, "a linked run");
	/* A paragraph's warnings come again with it from the memo: a layout with a memo reports what one
	 * without would. */
	cv_inline odd = {.text = "Dots \xF0\x9F\x82\xA1 here", .len = strlen("Dots \xF0\x9F\x82\xA1 here"), .size = SIZE};
	cv_diags *d1 = cv_diags_new(), *d2 = cv_diags_new();
	cv_para p1, p2;
	cv_text_layout(fs, &odd, 1, &o, a, &p1, d1);
	cv_text_layout(fs, &odd, 1, &o, a, &p2, d2);
	OK(cv_diags_count(d1) > 0, "a warning about the missing character");
	INT_EQ(cv_diags_count(d2), cv_diags_count(d1), "the same warnings from the memo");
	OK(cv_diags_count(d2) && !strcmp(cv_diags_at(d2, 0)->message, cv_diags_at(d1, 0)->message), "the same message");
	cv_diags_free(d1);
	cv_diags_free(d2);
	o.width = 200;
	cv_text_layout(fs, in, 3, &o, a, &other, NULL);
	OK(other.n_lines < first.n_lines, "another width is another paragraph (%zu lines)", other.n_lines);
	/* A long document's paragraphs all stay in the memo (its tables grow), each kept as it was laid
	 * out, not copied: the second layout of each gives the very same runs. */
	enum { MANY = 3000 };
	static char texts[MANY][32];
	cv_run *kept[MANY];
	cv_para_opts plain = {.width = 120, .lang = "en", .cache = memo};
	for (int pass = 0; pass < 2; pass++) {
		size_t same = 0;
		for (int i = 0; i < MANY; i++) {
			cv_para p;
			int n = snprintf(texts[i], sizeof texts[i], "Paragraph number %d", i);
			cv_inline one = {.text = texts[i], .len = (size_t)n, .size = SIZE};
			cv_text_layout(fs, &one, 1, &plain, a, &p, NULL);
			if (pass == 0)
				kept[i] = p.runs;
			else
				same += p.runs == kept[i];
		}
		if (pass == 1)
			INT_EQ(same, MANY, "every paragraph of a long document found again in the memo");
	}
	/* Released, the memo keeps only its runs' texts and advances, which a display list's copies of
	 * the runs still point into: they read as they were laid out (ASan: not freed), and each run's
	 * text and advances are packed exactly (NUL-terminated, one advance a character). */
	cv_run copy[64];
	size_t n_copy = first.n_runs < 64 ? first.n_runs : 64;
	memcpy(copy, first.runs, n_copy * sizeof *copy);
	char want[256];
	size_t at = 0;
	for (size_t r = 0; r < n_copy; r++) {
		memcpy(want + at, copy[r].text, copy[r].len);
		at += copy[r].len;
		OK(copy[r].text[copy[r].len] == '\0', "run %zu's text ends with a NUL", r);
		OK(r + 1 == n_copy || copy[r].text + copy[r].len + 1 == copy[r + 1].text, "run %zu's text packed", r);
		OK(r + 1 == n_copy || copy[r].adv + copy[r].n_adv == copy[r + 1].adv, "run %zu's advances packed", r);
	}
	cv_arena *texts_kept = cv_text_cache_release(memo);
	OK(texts_kept != NULL, "the memo's texts outlive it");
	size_t at2 = 0;
	float w = 0;
	for (size_t r = 0; r < n_copy; r++) {
		OK(!memcmp(want + at2, copy[r].text, copy[r].len), "run %zu's text after the memo is gone", r);
		at2 += copy[r].len;
		for (size_t k = 0; k < copy[r].n_adv; k++)
			w += copy[r].adv[k];
	}
	OK(w > 0, "advances readable after the memo is gone");
	cv_arena_free(texts_kept);
	cv_arena_free(a);
	OK(cv_text_cache_release(NULL) == NULL, "releasing no memo");
	OK(sizeof(cv_run) <= 64, "a run is at most 64 bytes (a long document holds each twice)");
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
	/* A family that is not installed is drawn with the nearest shipped one, with a warning: a look is
	 * never an error. */
	cv_fontset *none = cv_fontset_new(
		&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "No Such Family 42", .latin_span = at}, d);
	OK(none != NULL, "an unknown family falls back to a shipped face");
	if (none)
		STR_EQ(cv_fontset_name(none, CV_FACE_LATIN_REGULAR), "NotoSans-Regular", "the shipped sans");
	cv_fontset_free(none);
	const cv_diag *g = cv_diags_at(d, 0);
	OK(g && !strcmp(g->code, "font-not-found") && g->severity == CV_WARNING && g->span.line == 3 &&
		   g->span.col == 16 && strstr(g->message, "No Such Family 42") && strstr(g->message, "Noto Sans"),
	   "the warning names the family at its YAML position and the face used instead");
	INT_EQ(cv_diags_count(d), 1, "no note about shipped fonts for a user's family");
	/* A serif family falls back to the shipped serif; the shipped families by name are the shipped files. */
	cv_fontset *serif = cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "No Such Serif 42"}, d);
	if (serif) {
		STR_EQ(cv_fontset_name(serif, CV_FACE_LATIN_REGULAR), "NotoSerif-Regular", "a serif for a serif");
		STR_EQ(cv_fontset_name(serif, CV_FACE_LATIN_BOLD_ITALIC), "NotoSerif-BoldItalic", "in every style");
	}
	cv_fontset_free(serif);
	INT_EQ(cv_diags_count(d), 2, "one warning for the serif family");
	cv_fontset *shipped =
		cv_fontset_new(&(cv_font_request){.font_dir = CV2PDF_TEST_FONT_DIR, .latin = "noto serif"}, d);
	if (shipped)
		STR_EQ(cv_fontset_name(shipped, CV_FACE_LATIN_ITALIC), "NotoSerif-Italic", "the shipped serif by name");
	cv_fontset_free(shipped);
	INT_EQ(cv_diags_count(d), 2, "the shipped serif needs no warning");
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
	test_long_shaping();
	test_faces();
	test_emergency_break();
	test_broken_words_extract_whole();
	test_compound_breaks();
	test_urls();
	test_newlines();
	test_no_gap_at_edges();
	test_edge_punctuation();
	test_shared_marks();
	test_justification_order();
	test_total_fit();
	test_middle_dot();
	test_number_unit();
	test_runts();
	test_separators();
	test_rest_width();
	test_hyphenation();
	test_expansion_and_wide_spaces();
	test_missing_glyph_warnings();
	test_combining_marks();
	test_memo();
	test_font_selection();
	cv_fontset_free(fs);
	cv_diags_free(d);
	cv_text_thread_fini(); /* this thread's shaping cache, which freeing the font sets leaves */
	return harness_summary();
}
