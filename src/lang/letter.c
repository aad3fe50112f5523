/* The words of a cover letter in each language of words.c, in its order: the salutation to a named
 * recipient and to no one named, and the closing, as a letter of application in that language puts
 * them; and whether it follows the Chinese convention. Data only; layout and export read it.
 * SPDX-License-Identifier: MIT */
#include "lang_internal.h"

static const cv_letter_words words[CV_LANG_COUNT] = {
	{"Dear RECIPIENT,", "Dear Hiring Manager,", "Sincerely,", false},                             /* en */
	{"尊敬的COMPANYRECIPIENT：", "尊敬的COMPANY招聘负责人：", "此致\n敬礼！", true},                 /* zh-Hans */
	{"COMPANYRECIPIENT您好：", "COMPANY招募負責人您好：", "敬祝\n商祺", true},                      /* zh-Hant */
	{"COMPANYRECIPIENT台鑒：", "敬啟者：", "此致\n敬禮", true},                                     /* zh-Hant-HK */
	{"RECIPIENT様", "COMPANY 採用ご担当者様", "敬具", false},                                        /* ja */
	{"RECIPIENT님께", "COMPANY 채용 담당자님께", "감사합니다.", false},                              /* ko */
	{"Kính gửi RECIPIENT,", "Kính gửi Bộ phận Tuyển dụng COMPANY,", "Trân trọng,", false},         /* vi */
	{"حضرة RECIPIENT المحترم،", "إلى مسؤول التوظيف المحترم،", "وتفضلوا بقبول فائق الاحترام،", false}, /* ar */
	{"Kære RECIPIENT", "Kære rekrutteringsansvarlige", "Med venlig hilsen", false},                  /* da */
	{"Guten Tag RECIPIENT,", "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen", false},    /* de */
	{"Αγαπητέ/ή RECIPIENT,", "Αξιότιμοι κύριοι/κυρίες,", "Με εκτίμηση,", false},                    /* el */
	{"Estimado/a RECIPIENT:", "Estimado/a responsable de selección:", "Atentamente,", false},        /* es */
	{"RECIPIENT گرامی،", "مسئول محترم استخدام،", "با احترام،", false},                             /* fa */
	{"Bonjour RECIPIENT,", "Madame, Monsieur,", "Cordialement,", false},                            /* fr */
	{"לכבוד RECIPIENT,", "לכבוד מחלקת הגיוס,", "בברכה,", false},                                   /* he */
	{"प्रिय RECIPIENT,", "प्रिय नियुक्ति प्रबंधक,", "सादर,", false},                                      /* hi */
	{"Tisztelt RECIPIENT!", "Tisztelt Hölgyem/Uram!", "Tisztelettel:", false},                       /* hu */
	{"Yth. RECIPIENT,", "Yth. Bapak/Ibu Manajer Rekrutmen,", "Hormat saya,", false},                /* id */
	{"Gentile RECIPIENT,", "Gentile Responsabile della selezione,", "Cordiali saluti,", false},      /* it */
	{"Hei RECIPIENT,", "Til rekrutteringsansvarlig", "Med vennlig hilsen", false},                  /* nb */
	{"Geachte RECIPIENT,", "Geachte heer, mevrouw,", "Met vriendelijke groet,", false},             /* nl */
	{"Hei RECIPIENT,", "Til rekrutteringsansvarleg", "Med venleg helsing", false},                   /* nn */
	{"Exmo.(a) Sr.(a) RECIPIENT,", "Exmos. Senhores,", "Com os melhores cumprimentos,", false},     /* pt */
	{"Prezado(a) RECIPIENT,", "Prezado(a) recrutador(a),", "Atenciosamente,", false},               /* pt-BR */
	{"Уважаемый(-ая) RECIPIENT!", "Уважаемый менеджер по подбору персонала!", "С уважением,", false}, /* ru */
	{"Sayın RECIPIENT,", "Sayın İşe Alım Yetkilisi,", "Saygılarımla,", false},                       /* tr */
};

const cv_letter_words *cv_lang_letter(const cv_lang *l)
{
	return &words[l - cv_lang_table];
}
