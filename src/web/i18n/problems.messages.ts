/**
 * What the services say is wrong with a field, as a reader of the page's language reads
 * it: the services write one English sentence per field ("field 'disbursed.amount' must
 * be a decimal number such as 1500000.50"), for the API; a form shows it next to the
 * field's label, so the field's name goes, and the wordings the forms meet most are said
 * in the page's language. Others stay as the service wrote them.
 */
import type { Language } from "../../lib/languages.ts";
import { cm } from "./commitment.messages.ts";
import { common } from "./common.messages.ts";
import { intlTag } from "./locale.ts";
import { defineMessages, type Message } from "./messages.ts";
import { workspace as w } from "./workspace.messages.ts";

export const problems = defineMessages({
	empty: {
		en: "This must be filled in.",
		fr: "Ce champ doit être rempli.",
		es: "Este campo es obligatorio.",
		ru: "Это поле нужно заполнить.",
		ar: "يجب ملء هذا الحقل.",
		zh: "此项必须填写。",
	},
	date: {
		en: "Give a date written year-month-day, such as 2015-09-25.",
		fr: "Indiquez une date écrite année-mois-jour, par exemple 2015-09-25.",
		es: "Indique una fecha escrita año-mes-día, por ejemplo 2015-09-25.",
		ru: "Укажите дату в виде год-месяц-день, например 2015-09-25.",
		ar: "أدخل تاريخاً بصيغة سنة-شهر-يوم، مثل 2015-09-25.",
		zh: "请按“年-月-日”填写日期，例如 2015-09-25。",
	},
	url: {
		en: "Give a web address that starts with http:// or https://.",
		fr: "Indiquez une adresse web commençant par http:// ou https://.",
		es: "Indique una dirección web que empiece por http:// o https://.",
		ru: "Укажите веб-адрес, начинающийся с http:// или https://.",
		ar: "أدخل عنوان ويب يبدأ بـ http:// أو https://.",
		zh: "请填写以 http:// 或 https:// 开头的网址。",
	},
	at_most: {
		en: "Write at most {n} characters.",
		fr: "Écrivez au plus {n} caractères.",
		es: "Escriba como máximo {n} caracteres.",
		ru: "Не более {n} символов.",
		ar: "اكتب {n} حرفاً على الأكثر.",
		zh: "最多 {n} 个字符。",
	},
	at_least: {
		en: "Write at least {n} characters.",
		fr: "Écrivez au moins {n} caractères.",
		es: "Escriba al menos {n} caracteres.",
		ru: "Не менее {n} символов.",
		ar: "اكتب {n} أحرف على الأقل.",
		zh: "至少 {n} 个字符。",
	},
	number: {
		en: "Give an amount as a number, such as {example}.",
		fr: "Indiquez un montant en chiffres, par exemple {example}.",
		es: "Indique un monto en cifras, por ejemplo {example}.",
		ru: "Укажите сумму числом, например {example}.",
		ar: "أدخل المبلغ رقماً، مثل {example}.",
		zh: "请以数字填写金额，例如 {example}。",
	},
	currency: {
		en: "Give a three-letter currency code, such as USD or EUR.",
		fr: "Indiquez un code de monnaie à trois lettres, par exemple USD ou EUR.",
		es: "Indique un código de moneda de tres letras, como USD o EUR.",
		ru: "Укажите трёхбуквенный код валюты, например USD или EUR.",
		ar: "أدخل رمز عملة من ثلاثة أحرف، مثل USD أو EUR.",
		zh: "请填写三个字母的货币代码，例如 USD 或 EUR。",
	},
	end_before_start: {
		en: "The end is before the start.",
		fr: "La fin est antérieure au début.",
		es: "El final es anterior al inicio.",
		ru: "Конец раньше начала.",
		ar: "النهاية قبل البداية.",
		zh: "结束日期早于开始日期。",
	},
	email: {
		en: "Give an email address, such as name@example.org.",
		fr: "Indiquez une adresse électronique, par exemple nom@example.org.",
		es: "Indique una dirección de correo electrónico, como nombre@example.org.",
		ru: "Укажите адрес электронной почты, например name@example.org.",
		ar: "أدخل عنوان بريد إلكتروني، مثل name@example.org.",
		zh: "请填写电子邮件地址，例如 name@example.org。",
	},
	years_sum: {
		en: "The years add up to {sum}, not the amount {amount}.",
		fr: "Les années totalisent {sum}, et non le montant {amount}.",
		es: "Los años suman {sum}, no el monto {amount}.",
		ru: "Сумма по годам — {sum}, а не {amount}.",
		ar: "مجموع السنوات {sum}، لا المبلغ {amount}.",
		zh: "各年合计为 {sum}，而非总额 {amount}。",
	},
});

/** The service's wordings a form meets most, and how the page says them. */
const known: [RegExp, Message, (m: RegExpExecArray) => Record<string, string>][] = [
	[/^must not be empty/, problems.empty, () => ({})],
	[/^must be a date written YYYY-MM-DD/, problems.date, () => ({})],
	[/^must be an http\(s\) URL/, problems.url, () => ({})],
	[/^must be at most (\d+) characters/, problems.at_most, (m) => ({ n: m[1] ?? "" })],
	[/^must be at least (\d+) characters/, problems.at_least, (m) => ({ n: m[1] ?? "" })],
	[/^must be an ISO 4217 code/, problems.currency, () => ({})],
	[/^is before period_start/, problems.end_before_start, () => ({})],
	[/^must be an email address/, problems.email, () => ({})],
	[
		/^(?:[a-z_.]+ )?adds up to (.+), not the amount (.+)$/,
		problems.years_sum,
		(m) => ({ sum: m[1] ?? "", amount: m[2] ?? "" }),
	],
];

/** The labels of the forms' fields, by the services' field names: for the error summary. */
export const fieldLabels: Record<string, Message> = {
	title: common.title,
	text: common.commitment_text,
	text_kind: cm.text_kind,
	quote: cm.quote,
	"quote.source": w.f_quote_source,
	"quote.locator": w.f_quote_locator,
	kind: w.f_kind,
	forum: w.f_forum,
	announced_on: w.f_announced_on,
	makers: w.f_makers,
	targets: common.targets,
	recipients: common.recipients,
	sectors: common.sectors,
	"financial.amount": common.amount,
	"financial.currency": common.currency,
	"financial.period_start": w.f_period_start,
	"financial.period_end": w.f_period_end,
	"financial.price_base_year": w.f_price_base_year,
	"financial.gni_share_min": w.f_gni_min,
	"financial.gni_share_max": w.f_gni_max,
	"financial.increase_over_year": w.f_increase_over_year,
	"financial.note": w.f_financial_note,
	"financial.statistics_provider": cm.statistics_provider,
	"financial.statistics_reason": cm.statistics_reason,
	"policy.baseline": common.policy_baseline,
	"policy.target": w.f_policy_target,
	"policy.deadline": common.policy_deadline,
	period_start: w.f_period_start,
	period_end: w.f_period_end,
	"disbursed.amount": w.f_disbursed_amount,
	"disbursed.currency": common.currency,
	"disbursed.recipients": common.recipients,
	"disbursed.by_year": w.f_by_year,
	narrative: w.f_narrative,
	"national_strategy.document": w.f_strategy_document,
	"national_strategy.section": common.section,
	"national_strategy.url": w.f_strategy_url,
	rationale: w.f_rationale,
	score: w.f_score,
	assessed_on: w.f_assessed_on,
	email: w.email,
	password: w.password,
	display_name: w.display_name,
	reason: w.f_change_reason,
};

export interface ProblemWords {
	lang: Language;
	t(message: Message, params?: Record<string, string | number>): string;
}

/** A service's problem with a field, without the field's name, in the page's words where known. */
export function problemText(words: ProblemWords, message: string): string {
	// "field 'x' must ...", or a service's own "financial.amount must ...".
	const bare = message.replace(
		/^(?:(?:field|query parameter) '[^']*'|[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+) (?=must |is |adds )/,
		"",
	);
	// The example as the page's language writes numbers, which the form reads back.
	if (/^must be a decimal number/.test(bare))
		return words.t(problems.number, {
			example: new Intl.NumberFormat(intlTag(words.lang), { minimumFractionDigits: 2 }).format(
				1_500_000.5,
			),
		});
	for (const [pattern, text, params] of known) {
		const m = pattern.exec(bare);
		if (m) return words.t(text, params(m));
	}
	return bare;
}
