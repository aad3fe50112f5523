/* Unit tests of cv_text_breaks(): each case is an input and its break positions drawn as a string,
 * '|' before a byte where a line may start and '¶' before one where a line must start.
 * Needs no fonts and no files.
 * SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cv2pdf/text.h"
#include "harness.h"

/* Longest input a case may have; the drawing needs room for a 2-byte '¶' before every byte. */
#define MAX_INPUT 512
#define MAX_DRAWN (MAX_INPUT * 3 + 1)

typedef struct brk_case {
	const char *in;
	const char *want;
} brk_case;

static bool is_continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* Draws the breaks of s into out and checks the output contract on the way: brk[0] is NO, only
 * character starts are nonzero, every value is a CV_BRK_*. Returns false on a contract breach. */
static bool draw(const char *s, const char *lang, char *out)
{
	char brk[MAX_INPUT];
	size_t len = strlen(s), o = 0;
	bool ok = len < MAX_INPUT;
	if (!ok)
		return false;
	memset(brk, 0x55, sizeof brk); /* garbage: every byte must be written */
	cv_text_breaks(s, len, lang, brk);
	for (size_t i = 0; i < len; i++) {
		if (brk[i] != CV_BRK_NO && brk[i] != CV_BRK_ALLOW && brk[i] != CV_BRK_MANDATORY && brk[i] != CV_BRK_TIE &&
		    brk[i] != CV_BRK_LONG)
			ok = false;
		if (brk[i] != CV_BRK_NO && (i == 0 || is_continuation((unsigned char)s[i])))
			ok = false;
		/* A tie only after a space. */
		if (brk[i] == CV_BRK_TIE && s[i - 1] != ' ')
			ok = false;
		if (brk[i] == CV_BRK_ALLOW)
			out[o++] = '|';
		else if (brk[i] == CV_BRK_MANDATORY)
			o += (size_t)sprintf(out + o, "\xC2\xB6");
		else if (brk[i] == CV_BRK_TIE)
			o += (size_t)sprintf(out + o, "\xE2\x80\xBF"); /* ‿, TeX's tie */
		else if (brk[i] == CV_BRK_LONG)
			o += (size_t)sprintf(out + o, "\xC2\xA6"); /* ¦: only in a URL wider than the line */
		out[o++] = s[i];
	}
	out[o] = '\0';
	return ok;
}

static void run(const char *group, const char *lang, const brk_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char got[MAX_DRAWN];
		bool ok = draw(cases[i].in, lang, got);
		OK(ok, "%s: output contract broken for \"%s\"", group, cases[i].in);
		STR_EQ(got, cases[i].want, group);
	}
}

#define RUN(group, lang, cases) run(group, lang, cases, sizeof cases / sizeof *cases)

/* Rule 1: technical tokens are never split; '-' and '/' break only between letter runs. */
static const brk_case tokens[] = {
	{"Node.js and C++ code", "Node.js |and |C++ |code"},
	{"C++开发", "C++|开|发"},
	{"C#开发和 .NET", "C#|开|发|和 |.NET"},
	{"use .NET, github.com, e.g. and i.e. here", "use |.NET, |github.com, |e.g. |and |i.e. |here"},
	{"e.g. .NET", "e.g. |.NET"},
	{"LLaMA-3-8B Qwen3-480B GPT-4o", "LLaMA-3-8B |Qwen3-480B |GPT-4o"},
	{"v1.2.3, 3.2s, P99, 1000+", "v1.2.3, |3.2s, |P99, |1000+"},
	{"adong@tsinghua.edu.cn", "adong@tsinghua.edu.cn"},
	{"邮箱：adong@tsinghua.edu.cn。", "邮|箱：|adong@tsinghua.edu.cn。"},
	{"mailto:first-last@mail.example-university.edu",
	 "mailto:first-last@mail.example-university.edu"},
	/* Never after a hyphen: extractors drop a hyphen that ends a line, taking it for hyphenation. */
	{"state-of-the-art multi-turn", "state-of-the-art |multi-turn"},
	{"Retrieval-Augmented Generation", "Retrieval-Augmented |Generation"},
	{"CCF-A e-mail P-tuning I/O", "CCF-A |e-mail |P-tuning |I/O"},
	{"Text-to-UI/Image-to-UI GQA/MHA 128/2664", "Text-to-UI/|Image-to-UI |GQA/|MHA |128/2664"},
	{"2019-2023 16K-32K (Top 1%, 128/2664)", "2019-2023 |16K-32K |(Top |1%, |128/2664)"},
	{"Kaggle’s don’t", "Kaggle’s |don’t"},
};

/* Rule 2: URLs break only after / . ? & = #, not inside or right after "://", and never so
 * that fewer than three letters or digits go to the next line; and only when the URL is wider than
 * its line (CV_BRK_LONG, drawn ¦). */
static const brk_case urls[] = {
	{"https://github.com/adong/cv2pdf?tab=readme&lang=zh",
	 "https://github.¦com/¦adong/¦cv2pdf?¦tab=¦readme&¦lang=zh"},
	{"www.example.com/long-path", "www.¦example.¦com/¦long-path"},
	{"see (https://x.org/docs).", "see |(https://x.¦org/¦docs)."},
	{"http://host.cn//deep#frag", "http://host.¦cn//¦deep#¦frag"},
	{"主页 https://adong.dev/cv 欢迎", "主|页 |https://adong.¦dev/cv |欢|迎"},
};

/* Rule 3: a range whose left end is a number stays on one line. */
static const brk_case ranges[] = {
	{"2019–2023", "2019–2023"},
	{"2019 – 2023", "2019 ‿– ‿2023"},
	{"2023.09 – 2026.06 (预计)", "2023.09 ‿– ‿2026.06 |(预|计)"},
	{"Aug 2023 – Present", "Aug ‿2023 ‿– ‿Present"},
	{"since Sept. 2021 and May 2020", "since |Sept. ‿2021 |and |May ‿2020"},
	{"2024.03 – 至今", "2024.03 ‿– ‿至今"},
	{"研究 2024.03 – 至今发表", "研|究 |2024.03 ‿– ‿至今|发|表"},
	{"2019 - 2023, 12% ~ 18%", "2019 ‿- ‿2023, |12% ‿~ ‿18%"},
	{"2019-至今", "2019-至今"},
	{"Paris–London", "Paris–|London"},
	{"mainly 2023", "mainly |2023"},
	{"in 2021 we 3 pp", "in |2021 |we |3 ‿pp"},
	/* Month names of every language cv2pdf has words for stay with their year. */
	{"Mai 2023 – gegenwärtig", "Mai ‿2023 ‿– ‿gegenwärtig"},
	{"depuis sept. 2021 et mars 2020", "depuis |sept. ‿2021 |et |mars ‿2020"},
	{"с Июн 2023 года", "с |Июн ‿2023 |года"},
};

/* Korean breaks between words only: never between syllables, nor before a particle. */
static const brk_case korean[] = {
	{"한국어 텍스트를 처리합니다.", "한국어 |텍스트를 |처리합니다."},
	{"Python을 사용했습니다(2020년).", "Python을 |사용했습니다(2020년)."},
	{"서울대학교 컴퓨터공학과", "서울대학교 |컴퓨터공학과"},
};

/* Japanese: kinsoku as for Chinese (small kana, the long vowel mark and closing marks never start a
 * line; opening brackets never end one), and “ ” as CJK quotes. */
static const brk_case japanese[] = {
	{"東京大学で「情報工学」を専攻し、", "東|京|大|学|で|「情|報|工|学」|を|専|攻|し、"},
	{"ジャーナリストっぽい", "ジャー|ナ|リ|ス|トっ|ぽ|い"},
	{"“引用”した", "“引|用”|し|た"},
};

/* Rule 4: a number and its unit (a real one, a Han counter, or the noun after a magnitude such as
 * "5B") stay together, and the space between them keeps its width (‿); other words may wrap. */
static const brk_case units[] = {
	{"10 GB of 5B tokens", "10 ‿GB |of |5B ‿tokens"},
	{"500+ stars, 3 percentage points, 8 pp", "500+ |stars, |3 |percentage |points, |8 ‿pp"},
	{"1,000 citations", "1,000 |citations"},
	{"Published 2 high-quality papers, 3 top-tier venues", "Published |2 |high-quality |papers, |3 |top-tier |venues"},
	{"3.2 s, 10 GB/s, 180 ms), 128K tokens", "3.2 ‿s, |10 ‿GB/s, |180 ‿ms), |128K ‿tokens"},
	{"10 Good and 5 Minutes", "10 |Good |and |5 |Minutes"},
	{"提升 2 倍", "提|升 |2 ‿倍"},
	{"提升2倍", "提|升|2倍"},
	{"预计 2026 年 6 月毕业", "预|计 |2026 ‿年 |6 ‿月|毕|业"},
	{"500+个项目", "500+个|项|目"},
	{"提升 40% 的", "提|升 |40% |的"},
	{"1) 提出", "1) |提|出"},
	{"$5 and ¥100", "$5 |and |¥100"},
};

/* Rule 5: “ ‘ open and ” ’ close next to Han, whatever the language. */
static const brk_case quotes[] = {
	{"他说“你好”了", "他|说|“你|好”|了"},
	{"称为‘大模型’的", "称|为|‘大|模|型’|的"},
	{"“你好”，世界", "“你|好”，|世|界"},
	{"使用“Agent”框架", "使|用|“Agent”|框|架"},
	{"（“好”）", "（“好”）"},
	{"He said “OK” twice", "He |said |“OK” |twice"},
	{"x“OK”y", "x“OK”y"},
	{"see “OK”(y)", "see |“OK”(y)"},
};

/* Rule 5 with lang zh: quotes not next to Han count as Chinese too, apostrophes do not. */
static const brk_case quotes_zh[] = {
	{"see “OK”(y)", "see |“OK”|(y)"},
	{"x“OK”y", "x“OK”y"},
	{"项目 “Agent-RL-Framework” 获得", "项|目 |“Agent-RL-Framework” |获|得"},
	{"Kaggle’s don’t", "Kaggle’s |don’t"},
};

/* Rule 6: never a break before a middle dot, nor after one between letters or Han. */
static const brk_case dots[] = {
	{"计算机科学与技术·硕士", "计|算|机|科|学|与|技|术·硕|士"},
	{"中文・日本", "中|文・日|本"},
	{"技术 · 硕士", "技|术 · |硕|士"},
	{"Jean·Paul Sartre", "Jean·Paul |Sartre"},
};

/* Rule 7: —— and …… are one unit that may not start a line; a line may break after them. */
static const brk_case dashes[] = {
	{"策略——当检索", "策|略——|当|检|索"},
	{"等等……好", "等|等……|好"},
	{"略 ——当", "略 ——|当"},
	{"wait……no", "wait……|no"},
	{"好——”", "好——”"},
	{"a — b—c", "a |— |b|—|c"},
	/* The rule's characters found past a long stretch of ASCII, which the passes otherwise skip. */
	{"plain ASCII words (3 of them), then ——more", "plain |ASCII |words |(3 |of |them), |then ——|more"},
	{"plain ASCII words (3 of them), then C++开发", "plain |ASCII |words |(3 |of |them), |then |C++|开|发"},
};

/* Rule 8: CLREQ characters that may not start or end a line. */
static const brk_case clreq[] = {
	{"（仅 72%），采用", "（仅 |72%），|采|用"},
	{"《深度学习》一书。", "《深|度|学|习》|一|书。"},
	{"数据 ;结果", "数|据 ;|结|果"},
	{"模型 ,好", "模|型 ,|好"},
	{"【注】【新】", "【注】|【新】"},
	{"价格 $ 5", "价|格 |$ 5"},
	{"温度 30 ℃", "温|度 |30 ‿℃"},
	{"『引用』、「引用」", "『引|用』、|「引|用」"},
};

/* Rule 9: Han next to a Latin letter or digit, with or without a space, may break. */
static const brk_case scripts[] = {
	{"熟悉LLaMA架构", "熟|悉|LLaMA|架|构"},
	{"熟悉 LLaMA 架构", "熟|悉 |LLaMA |架|构"},
	{"2026年6月", "2026年|6月"},
	{"基于BM25的检索", "基|于|BM25|的|检|索"},
};

/* Rule 10: a newline makes the next character start a line, whatever else applies there. */
static const brk_case newlines[] = {
	{"a\nb", "a\n\xC2\xB6" "b"},
	{"第一行\n第二行", "第|一|行\n\xC2\xB6第|二|行"},
	{"a\r\nb", "a\r\n\xC2\xB6" "b"},
	{"x\n\ny", "x\n\xC2\xB6\n\xC2\xB6y"},
	{"（\n好", "（\n\xC2\xB6好"},
	{"2019 –\n2023", "2019 ‿–\n\xC2\xB6" "2023"},
};

/* Sentences from the seed résumé (001), mixing every rule. */
static const brk_case seeds[] = {
	{"熟悉 LLaMA-3-8B 架构。", "熟|悉 |LLaMA-3-8B |架|构。"},
	{"在 NeurIPS 2024 (CCF-A)，论文被引用 15 次",
	 "在 |NeurIPS |2024 |(CCF-A)，|论|文|被|引|用 |15 ‿次"},
	{"P99 达到 3.2s", "P99 |达|到 |3.2s"},
	{"（P99 达到 3.2s）的问题", "（P99 |达|到 |3.2s）|的|问|题"},
	{"在高并发场景下（1000+ QPS），相比", "在|高|并|发|场|景|下|（1000+ ‿QPS），|相|比"},
	{"清华大学 计算机学院 硕士 2023.09 – 2026.06 (预计)",
	 "清|华|大|学 |计|算|机|学|院 |硕|士 |2023.09 ‿– ‿2026.06 |(预|计)"},
	{"开源代码在 GitHub 获得 500+ stars", "开|源|代|码|在 |GitHub |获|得 |500+ |stars"},
	{"设计迭代式检索策略——当检索结果", "设|计|迭|代|式|检|索|策|略——|当|检|索|结|果"},
	{"构造高质量 CoT 数据 5B tokens，进行", "构|造|高|质|量 |CoT |数|据 |5B ‿tokens，|进|行"},
	{"MS MARCO、Natural Questions 等", "MS |MARCO、|Natural |Questions |等"},
	{"优化探索-利用平衡", "优|化|探|索-利|用|平|衡"}, /* no break after a hyphen: extractors drop it */
	{"› Kaggle LLM Science Exam 竞赛金牌 (Top 1%, 128/2664)",
	 "› |Kaggle |LLM |Science |Exam |竞|赛|金|牌 |(Top |1%, |128/2664)"},
};

/* Inputs that must not upset the contract: empty, invalid UTF-8, a character above U+FFFF. */
static void test_edges(void)
{
	char brk[4] = {7, 7, 7, 7};
	cv_text_breaks("", 0, NULL, brk);
	INT_EQ(brk[0], 7, "empty input writes nothing");

	char got[MAX_DRAWN];
	OK(draw("x\xE4\xB8y\xFFz 好", NULL, got), "invalid UTF-8: contract");
	OK(draw("\xF0\xA0\xAE\xB7好 ok", "zh", got), "astral Han: contract");
	STR_EQ(got, "\xF0\xA0\xAE\xB7|好 |ok", "astral Han breaks like Han");
	OK(draw("\n", "en", got), "lone newline: contract");
	STR_EQ(got, "\n", "lone newline");

	/* Truncated input: the length, not a NUL, ends the text. */
	char brk2[8];
	memset(brk2, 0x55, sizeof brk2);
	cv_text_breaks("好好好", 6, NULL, brk2);
	INT_EQ(brk2[0], CV_BRK_NO, "brk[0]");
	INT_EQ(brk2[3], CV_BRK_ALLOW, "break between Han");
	INT_EQ(brk2[1] | brk2[2] | brk2[4] | brk2[5], CV_BRK_NO, "continuation bytes");
	INT_EQ(brk2[6], 0x55, "no write past len");
}

/* Random strings of awkward pieces: whatever the mix, the contract holds and nothing crashes
 * (most useful under -fsanitize=address,undefined). Deterministic, so a failure reproduces. */
static void test_random(void)
{
	static const char *const pieces[] = {
		"好", "，", "“", "”", "‘", "’", "·", "—", "…", "–", "-", "/", ".", "@", "://", "www.",
		"C++", "2019", " ", "  ", "\n", "\r\n", "（", "）", "$", "%", "Aug", "a", "\xE4\xB8",
		"\xFF", "\xF0\xA0\xAE\xB7", "\xC2\xA0", "\x00",
	};
	enum { ROUNDS = 2000, PIECES_PER_ROUND = 40 };
	unsigned long seed = 12345;
	int broken = 0;
	for (int r = 0; r < ROUNDS; r++) {
		char s[MAX_INPUT], brk[MAX_INPUT];
		size_t len = 0;
		for (int p = 0; p < PIECES_PER_ROUND; p++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *piece = pieces[(seed >> 33) % (sizeof pieces / sizeof *pieces)];
			size_t n = piece[0] ? strlen(piece) : 1; /* "\x00" stands for one NUL byte */
			memcpy(s + len, piece, n);
			len += n;
		}
		memset(brk, 0x55, sizeof brk);
		cv_text_breaks(s, len, r % 2 ? "zh" : NULL, brk);
		for (size_t i = 0; i < len; i++)
			if ((brk[i] != CV_BRK_NO && brk[i] != CV_BRK_ALLOW && brk[i] != CV_BRK_MANDATORY &&
			     brk[i] != CV_BRK_TIE && brk[i] != CV_BRK_LONG) ||
			    (brk[i] != CV_BRK_NO && (i == 0 || is_continuation((unsigned char)s[i]))) ||
			    (brk[i] == CV_BRK_TIE && s[i - 1] != ' '))
				broken++;
		if (brk[len] != 0x55)
			broken++;
	}
	INT_EQ(broken, 0, "random inputs: bytes breaking the contract");
}

int main(void)
{
	RUN("tokens", NULL, tokens);
	RUN("tokens (en)", "en", tokens);
	RUN("urls", NULL, urls);
	RUN("ranges", NULL, ranges);
	RUN("units", NULL, units);
	RUN("quotes", NULL, quotes);
	RUN("quotes (en)", "en", quotes);
	RUN("quotes (zh)", "zh", quotes_zh);
	RUN("quotes (zh-CN)", "zh-CN", quotes_zh);
	RUN("korean", "ko", korean);
	RUN("korean (no language)", NULL, korean);
	RUN("japanese", "ja", japanese);
	RUN("middle dot", NULL, dots);
	RUN("dashes", NULL, dashes);
	RUN("clreq", NULL, clreq);
	RUN("scripts", NULL, scripts);
	RUN("newlines", NULL, newlines);
	RUN("seeds", NULL, seeds);
	RUN("seeds (zh)", "zh", seeds);
	test_edges();
	test_random();
	return harness_summary();
}
