/* Unit tests of the language module: the table is complete for every language (no word left out, the
 * generated names in the same column order), languages are found from every spelling users write,
 * multilingual keys match as documented, and dates, durations, option values, country and language
 * names come out in each language's own way. Needs no fonts and no files.
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>

#include "cv2pdf/lang.h"
#include "harness.h"
#include "lang_internal.h"

/* Every word of every language is there: a missing one would print "(null)" or crash. */
static void test_table_complete(void)
{
	INT_EQ((int)cv_lang_count(), CV_LANG_COUNT, "count");
	for (size_t i = 0; i < cv_lang_count(); i++) {
		const cv_lang *l = cv_lang_at(i);
		const cv_words *w = &l->words;
		const char *const one[] = {l->tag,      l->english,  l->autonym,     w->date,        w->day,
					   w->present,  w->range,    w->last_updated, w->degree_area, w->page,
					   w->page_of,  w->span_and, l->list_sep,    l->label_sep,   l->paren_open,
					   l->paren_close, l->sidebar};
		for (size_t k = 0; k < sizeof one / sizeof one[0]; k++)
			OK(one[k] != NULL && (k == 11 || k == 14 || one[k][0]), "%s: word %zu", l->tag, k);
		for (int m = 0; m < 12; m++)
			OK(w->month_abbr[m] && w->month_name[m] && *w->month_abbr[m], "%s: month %d", l->tag, m + 1);
		for (int k = 0; k < CV_SEC_COUNT; k++)
			OK(l->titles[k] && *l->titles[k], "%s: title %d", l->tag, k);
		for (int k = 0; k < CV_W_COUNT; k++)
			OK(l->terms[k] && *l->terms[k], "%s: term %d", l->tag, k);
		for (int k = 0; k < CV_DEGREE_COUNT; k++)
			OK(l->degrees[k] != NULL, "%s: degree %d", l->tag, k);
		for (int k = 0; k < CV_FLUENCY_COUNT; k++)
			OK(l->fluency[k] != NULL, "%s: fluency %d", l->tag, k);
		for (int k = 0; k < CV_LEVEL_COUNT; k++)
			OK(l->levels[k] != NULL, "%s: level %d", l->tag, k);
		OK(w->years[CV_PLURAL_OTHER] && w->months[CV_PLURAL_OTHER], "%s: durations", l->tag);
		for (int p = 0; p < CV_ST_COUNT; p++)
			OK(cv_lang_starter(l, (cv_starter)p) && *cv_lang_starter(l, (cv_starter)p), "%s: starter %d", l->tag, p);
		/* names.c was generated for this table's order. */
		STR_EQ(cv_names_tags[i], l->tag, "names.c column");
		OK(cv_lang_find(l->tag) == l, "%s finds itself", l->tag);
		if (l->rendercv)
			OK(cv_lang_find(l->rendercv) == l, "%s by RenderCV's name", l->tag);
	}
	OK(cv_lang_english() == cv_lang_at(0), "English first");
	char list[CV_LANG_LIST_MAX];
	cv_lang_list(list, sizeof list);
	OK(strlen(list) < sizeof list - 1 && !strncmp(list, "en, zh-Hans, ", 13) && strstr(list, ", tr"), "the list: %s", list);
}

/* Codes and names as users write them. */
static void test_find(void)
{
	static const struct {
		const char *code, *tag;
	} cases[] = {
		{"en", "en"},           {"EN", "en"},           {"en-GB", "en"},         {"english", "en"},
		{"zh", "zh-Hans"},      {"zh-CN", "zh-Hans"},   {"zh_cn", "zh-Hans"},    {"zh-hans", "zh-Hans"},
		{"zh-Hans-CN", "zh-Hans"}, {"chinese", "zh-Hans"}, {"mandarin_chinese", "zh-Hans"}, {"zh-TW", "zh-Hant"},
		{"zh-hant-tw", "zh-Hant"}, {"zh-Hant", "zh-Hant"}, {"zh-HK", "zh-Hant-HK"}, {"zh-hant-hk", "zh-Hant-HK"},
		{"zh-MO", "zh-Hant-HK"}, {"ja", "ja"},          {"japanese", "ja"},      {"Japanese", "ja"},
		{"de-AT", "de"},        {"german", "de"},       {"Deutsch", "de"},       {"deu", "de"},
		{"no", "nb"},           {"nb-NO", "nb"},        {"norwegian_bokmål", "nb"}, {"norwegian_nynorsk", "nn"},
		{"pt-BR", "pt-BR"},     {"pt-br", "pt-BR"},     {"pt-PT", "pt"},         {"portuguese", "pt"},
		{"es-419", "es"},       {"iw", "he"},           {"indonesia", "id"},     {"farsi", "fa"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const cv_lang *l = cv_lang_find(cases[i].code);
		STR_EQ(l ? l->tag : "(none)", cases[i].tag, cases[i].code);
	}
	OK(cv_lang_find("klingon") == NULL, "klingon");
	OK(cv_lang_find("eo") == NULL, "eo");
	OK(cv_lang_find("") == NULL && cv_lang_find(NULL) == NULL, "empty");
}

static void test_match(void)
{
	const cv_lang *hk = cv_lang_find("zh-HK"), *hans = cv_lang_find("zh");
	INT_EQ(cv_lang_match("zh-HK", hk, "zh-hk"), 4, "same tag, any case");
	INT_EQ(cv_lang_match("zh", hans, "zh-CN"), 3, "same table");
	INT_EQ(cv_lang_match("zh-HK", hk, "zh-TW"), 2, "same script");
	INT_EQ(cv_lang_match("zh-HK", hk, "zh-CN"), 1, "same language");
	INT_EQ(cv_lang_match("zh-HK", hk, "en"), 0, "another language");
	INT_EQ(cv_lang_match("eo", NULL, "eo"), 4, "a language without words");
	static const char *const keys[] = {"fr", "en-GB", "zh-CN", "zh-TW"};
	INT_EQ((int)cv_lang_choose("zh-HK", hk, keys, 4), 3, "Hong Kong: Taiwan's traditional text");
	INT_EQ((int)cv_lang_choose("de", cv_lang_find("de"), keys, 4), 1, "no German: English");
	INT_EQ((int)cv_lang_choose("de", cv_lang_find("de"), keys + 2, 2), 0, "nor English: the first");
	OK(cv_lang_cjk_quotes("zh-TW") && cv_lang_cjk_quotes("ja") && !cv_lang_cjk_quotes("ko") &&
		   !cv_lang_cjk_quotes("en") && !cv_lang_cjk_quotes(NULL),
	   "CJK quotes");
}

/* One date, range and duration in a language. */
static void check_words(const char *code, int y, int m, int months, const char *date, const char *duration)
{
	const cv_lang *l = cv_lang_find(code);
	char got[128];
	cv_lang_date(&l->words, l->words.date, y, m, 0, got, sizeof got);
	STR_EQ(got, date, code);
	cv_lang_duration(l, &l->words, months, got, sizeof got);
	STR_EQ(got, duration, code);
}

static void test_dates_durations(void)
{
	check_words("en", 2023, 6, 14, "Jun 2023", "1 year 2 months");
	check_words("en", 2023, 0, 1, "2023", "1 month");
	check_words("zh", 2023, 6, 27, "2023年6月", "2年3个月");
	check_words("zh-TW", 2023, 6, 27, "2023年6月", "2年3個月");
	check_words("ja", 2023, 6, 27, "2023年6月", "2年3か月");
	check_words("ko", 2023, 6, 27, "2023년 6월", "2년 3개월");
	check_words("de", 2023, 3, 24, "Mär 2023", "2 Jahre");
	check_words("fr", 2023, 2, 13, "févr. 2023", "1 an et 1 mois");
	check_words("hu", 2023, 9, 12, "2023. szept.", "1 év");
	check_words("ru", 2023, 6, 12 * 5 + 2, "Июн 2023", "5 лет 2 месяца");
	check_words("ru", 2023, 6, 12 * 21 + 11, "Июн 2023", "21 год 11 месяцев");
	check_words("ru", 2023, 6, 12 * 3 + 1, "Июн 2023", "3 года 1 месяц");
	check_words("ar", 2023, 6, 12 * 2 + 3, "يونيو 2023", "سنتان و3 أشهر");
	check_words("he", 2023, 6, 12 + 2, "יוני 2023", "שנה ו־חודשיים");
	check_words("vi", 2023, 6, 5, "Th06 2023", "5 tháng");
	const cv_lang *en = cv_lang_english();
	char day[64];
	cv_lang_date(&en->words, en->words.day, 2023, 11, 14, day, sizeof day);
	STR_EQ(day, "14 November 2023", "a day");
	/* Output that does not fit is cut whole, never inside a character. */
	char small[7]; /* "2023" fits, "年" does not */
	cv_lang_date(&cv_lang_find("zh")->words, "YYYY年M月", 2023, 6, 0, small, sizeof small);
	STR_EQ(small, "2023", "cut at a character");
	static const char *const keys[] = {"DEGREE", "AREA"};
	const char *vals[] = {"硕士", "计算机"};
	char phrase[64];
	cv_lang_fill(cv_lang_find("zh")->words.degree_area, keys, vals, 2, phrase, sizeof phrase);
	STR_EQ(phrase, "计算机 硕士", "degree and area in Chinese");
}

/* cv_lang_month's answer the slow way: each comparison folds both words (u8_casecmp), in the
 * languages' order, a trailing '.' ignored; no cut English names. */
static int month_slowly(const char *word, size_t n)
{
	n -= n && word[n - 1] == '.';
	for (size_t k = 0; k < cv_lang_count(); k++)
		for (int m = 0; m < 12; m++)
			for (int a = 0; a < 2; a++) {
				const char *o = a ? cv_lang_at(k)->words.month_abbr[m] : cv_lang_at(k)->words.month_name[m];
				if (!o)
					continue;
				size_t on = strlen(o);
				on -= on && o[on - 1] == '.';
				int r = 1;
				if (n && u8_casecmp((const uint8_t *)word, n, (const uint8_t *)o, on, NULL, NULL, &r) == 0 && r == 0)
					return m + 1;
			}
	return 0;
}

/* Words in input: months of any language, and the open end. */
static void test_input_words(void)
{
	static const struct {
		const char *word;
		int month;
	} months[] = {{"May", 5},  {"sept", 9}, {"Sept.", 9}, {"Augu", 8}, {"Mär", 3}, {"janv.", 1},
		      {"Июн", 6},  {"mai", 5},  {"Okt", 10},  {"xyz", 0},  {"Ma", 0},  {"Decembre", 0}};
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++)
		INT_EQ(cv_lang_month(months[i].word, strlen(months[i].word)), months[i].month, months[i].word);
	/* Every month word of every language, as written and in capitals, is read as the slow way reads
	 * it: both sides folded for each comparison (u8_casecmp), the first language with the word
	 * giving its month. (Capitals may read differently: Turkish "MAYIS" is not "Mayıs" without
	 * Turkish case rules, in both ways.) */
	for (size_t k = 0; k < cv_lang_count(); k++)
		for (int m = 0; m < 24; m++) {
			const cv_words *w = &cv_lang_at(k)->words;
			const char *word = m < 12 ? w->month_name[m] : w->month_abbr[m - 12];
			if (!word)
				continue;
			size_t n = strlen(word), cn = 64;
			char caps[64];
			uint8_t *up = u8_toupper((const uint8_t *)word, n, NULL, NULL, (uint8_t *)caps, &cn);
			INT_EQ(cv_lang_month(word, n), month_slowly(word, n), word);
			if (up == (uint8_t *)caps)
				INT_EQ(cv_lang_month(caps, cn), month_slowly(caps, cn), word);
			else
				free(up);
		}
	OK(cv_lang_is_present("present") && cv_lang_is_present("Now") && cv_lang_is_present("至今") &&
		   cv_lang_is_present("gegenwärtig") && cv_lang_is_present("PRÉSENT") && !cv_lang_is_present("soon"),
	   "present");
}

/* YAMLResume's option values, countries and languages by name in any language. */
static void test_names(void)
{
	const cv_lang *zh = cv_lang_find("zh"), *de = cv_lang_find("de"), *en = cv_lang_english();
	STR_EQ(cv_lang_option(zh, CV_OPT_DEGREE, "Bachelor"), "学士", "degree");
	STR_EQ(cv_lang_option(zh, CV_OPT_FLUENCY, "Full Professional Proficiency"), "完全专业水平", "fluency");
	STR_EQ(cv_lang_option(zh, CV_OPT_LEVEL, "advanced"), "高级", "level, any case");
	STR_EQ(cv_lang_option(en, CV_OPT_DEGREE, "学士"), "Bachelor", "from another language");
	STR_EQ(cv_lang_option(en, CV_OPT_LEVEL, "expert"), "expert", "already English: as written");
	OK(cv_lang_option(zh, CV_OPT_DEGREE, "Certificate") == NULL, "not an option");
	STR_EQ(cv_lang_country(zh, "China"), "中国", "country by name");
	STR_EQ(cv_lang_country(zh, "CN"), "中国", "country by code");
	STR_EQ(cv_lang_country(cv_lang_find("zh-TW"), "it"), "義大利", "Taiwan's Italy");
	STR_EQ(cv_lang_country(cv_lang_find("zh-HK"), "IT"), "意大利", "Hong Kong's Italy");
	STR_EQ(cv_lang_country(en, "US"), "United States", "a code in English");
	STR_EQ(cv_lang_country(en, "中国"), "China", "a Chinese name in English");
	STR_EQ(cv_lang_country(en, "Czech Republic"), "Czech Republic", "YAMLResume's spelling kept in English");
	STR_EQ(cv_lang_country(de, "Czech Republic"), "Tschechien", "YAMLResume's spelling translated");
	OK(cv_lang_country(de, "Atlantis") == NULL, "unknown country");
	STR_EQ(cv_lang_language_name(zh, "English"), "英语", "language");
	STR_EQ(cv_lang_language_name(de, "Farsi"), "Persisch", "YAMLResume's spelling");
	STR_EQ(cv_lang_language_name(cv_lang_find("fr"), "English"), "Anglais", "capitalised");
	OK(cv_lang_language_name(de, "Klingon") == NULL, "unknown language");
}

static void test_sidebar(void)
{
	OK(cv_lang_sidebar_title("Technical Skills"), "English");
	OK(cv_lang_sidebar_title("SPRACHEN"), "German, any case");
	OK(cv_lang_sidebar_title("Δεξιότητες"), "Greek");
	OK(cv_lang_sidebar_title("专业技能"), "Chinese");
	OK(!cv_lang_sidebar_title("Berufserfahrung"), "experience is not");
	OK(!cv_lang_sidebar_title("Projects"), "projects are not");
}

static void test_scripts(void)
{
	OK(cv_script_settable(CV_SCRIPT_HANGUL) && cv_script_settable(CV_SCRIPT_GREEK), "settable");
	OK(!cv_script_settable(CV_SCRIPT_ARABIC) && cv_script_problem(CV_SCRIPT_HEBREW), "right to left");
	OK(cv_lang_find("fa")->script == CV_SCRIPT_ARABIC && cv_lang_find("hi")->script == CV_SCRIPT_DEVANAGARI,
	   "Persian and Hindi");
	STR_EQ(cv_script_name(CV_SCRIPT_HANT), "Han (traditional)", "name");
}

int main(void)
{
	test_table_complete();
	test_find();
	test_match();
	test_dates_durations();
	test_input_words();
	test_names();
	test_sidebar();
	test_scripts();
	return harness_summary();
}
