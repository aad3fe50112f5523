/* Built-in words in the document's language: the titles of the standard sections that JSON Resume and
 * YAMLResume documents leave untitled, and the few labels their mappers write ("Courses:"). English,
 * Simplified and Traditional Chinese; any other language gets English.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <strings.h>

#include "load_internal.h"

typedef struct word {
	const char *key, *en, *zh_hans, *zh_hant;
} word;

static const word titles[] = {
	{"work", "Experience", "工作经历", "工作經歷"},
	{"volunteer", "Volunteering", "志愿服务", "志願服務"},
	{"education", "Education", "教育背景", "教育背景"},
	{"awards", "Awards", "荣誉奖项", "榮譽獎項"},
	{"certificates", "Certificates", "资格证书", "資格證書"},
	{"publications", "Publications", "发表论文", "發表論文"},
	{"skills", "Skills", "专业技能", "專業技能"},
	{"languages", "Languages", "语言能力", "語言能力"},
	{"interests", "Interests", "兴趣爱好", "興趣愛好"},
	{"references", "References", "推荐人", "推薦人"},
	{"projects", "Projects", "项目经历", "專案經歷"},
};

static const word terms[] = {
	{"courses", "Courses", "课程", "課程"},     {"score", "Score", "成绩", "成績"},
	{"keywords", "Keywords", "关键词", "關鍵字"}, {"roles", "Roles", "角色", "角色"},
	{"email", "Email", "邮箱", "電郵"},         {"phone", "Phone", "电话", "電話"},
};

/* The codes tailoring matches each language's words against (--lang or locale.language): exact
 * codes first, so zh-TW finds traditional Chinese, and plain "zh" and its simplified regions find
 * simplified. */
static const char *const en_codes[] = {"en", NULL};
static const char *const hans_codes[] = {"zh", "zh-hans", "zh-cn", "zh-sg", NULL};
static const char *const hant_codes[] = {"zh-hant", "zh-tw", "zh-hk", "zh-mo", "zh-hant-tw", "zh-hant-hk", NULL};

const char *const *cv_words_codes(cv_words_lang l)
{
	return l == CV_WORDS_ZH_HANT ? hant_codes : l == CV_WORDS_ZH_HANS ? hans_codes : en_codes;
}

/* zh, zh-CN, zh-hans, zh-SG: simplified; zh-hant*, zh-TW, zh-HK, zh-MO: traditional; else English. */
cv_words_lang cv_words_lang_of(const char *lang)
{
	if (!lang || strncasecmp(lang, "zh", 2) != 0 || (lang[2] && lang[2] != '-' && lang[2] != '_'))
		return CV_WORDS_EN;
	const char *region = lang + 2;
	if (strcasestr(region, "hant") || strcasestr(region, "tw") || strcasestr(region, "hk") ||
	    strcasestr(region, "mo"))
		return CV_WORDS_ZH_HANT;
	return CV_WORDS_ZH_HANS;
}

static const char *lookup(const word *table, size_t n, const char *key, cv_words_lang l)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(table[i].key, key))
			return l == CV_WORDS_ZH_HANT ? table[i].zh_hant : l == CV_WORDS_ZH_HANS ? table[i].zh_hans : table[i].en;
	return key;
}

const char *cv_section_title(const char *key, cv_words_lang l)
{
	return lookup(titles, sizeof titles / sizeof titles[0], key, l);
}

const char *cv_term(const char *key, cv_words_lang l)
{
	return lookup(terms, sizeof terms / sizeof terms[0], key, l);
}
