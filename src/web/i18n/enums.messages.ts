/**
 * The names of the registry's closed lists (kinds, statuses, lights, scores, roles, kinds
 * of recipient, groups and regions, what was done to a commitment) in six languages,
 * keyed by the value the API uses, so every page and form names them alike.
 */

import type { GlobalRole, MembershipRole } from "../../lib/actor.ts";
import type { DeliveryStatus, TrafficLight } from "../../modules/analytics/status.ts";
import type {
	AssessmentScheme,
	ComplianceScore,
	ScorecardScore,
} from "../../modules/assessments/assessments.schemas.ts";
import type { AuditAction } from "../../modules/audit/audit.events.ts";
import type {
	CommitmentDetail,
	CommitmentKind,
	CommitmentStatus,
	FlowType,
	ForumKind,
	RelationKind,
	recipientKinds,
	TextKind,
} from "../../modules/commitments/commitments.schemas.ts";
import type { policyStatuses, reportKinds } from "../../modules/reports/reports.schemas.ts";
import type { StakeholderKind } from "../../modules/stakeholders/stakeholders.kinds.ts";
import type { PageContext } from "../context.ts";
import { common } from "./common.messages.ts";
import type { Message } from "./messages.ts";

type PolicyStatus = (typeof policyStatuses)[number];
type ReportKind = (typeof reportKinds)[number];
type RecipientKind = (typeof recipientKinds)[number];
type CommitmentAction = Extract<AuditAction, `commitment.${string}`>;
type Additionality = NonNullable<CommitmentDetail["financial"]>["additionality"];

/** A value's name from one of these lists; a value the list lacks shows as `fallback` (itself). */
export function nameOf(
	ctx: PageContext,
	names: Readonly<Record<string, Message>>,
	value: string,
	fallback = value,
): string {
	const message = names[value];
	return message ? ctx.t(message) : fallback;
}

export const flowTypeNames: Record<FlowType, Message> = {
	oda: {
		en: "Development aid (ODA)",
		fr: "Aide publique au développement (APD)",
		es: "Ayuda oficial al desarrollo (AOD)",
		ru: "Официальная помощь в целях развития (ОПР)",
		ar: "المساعدة الإنمائية الرسمية",
		zh: "官方发展援助",
	},
	oof: {
		en: "Other official flows, at market terms: not counted as aid",
		fr: "Autres apports du secteur public, aux conditions du marché : non comptés comme aide",
		es: "Otros flujos oficiales, en condiciones de mercado: no se cuentan como ayuda",
		ru: "Прочие официальные потоки на рыночных условиях: не считаются помощью",
		ar: "تدفقات رسمية أخرى بشروط السوق: لا تُحسب مساعدةً",
		zh: "按市场条件提供的其他官方资金：不计为援助",
	},
	guarantee: {
		en: "Guarantees and insurance: not counted as aid",
		fr: "Garanties et assurances : non comptées comme aide",
		es: "Garantías y seguros: no se cuentan como ayuda",
		ru: "Гарантии и страхование: не считаются помощью",
		ar: "ضمانات وتأمين: لا تُحسب مساعدةً",
		zh: "担保和保险：不计为援助",
	},
	private: {
		en: "Private finance: not counted as aid",
		fr: "Financements privés : non comptés comme aide",
		es: "Financiación privada: no se cuenta como ayuda",
		ru: "Частное финансирование: не считается помощью",
		ar: "تمويل خاص: لا يُحسب مساعدةً",
		zh: "私人资金：不计为援助",
	},
	domestic: {
		en: "A government's own budget: not counted as aid",
		fr: "Budget propre d’un gouvernement : non compté comme aide",
		es: "Presupuesto propio de un gobierno: no se cuenta como ayuda",
		ru: "Собственный бюджет правительства: не считается помощью",
		ar: "الميزانية الخاصة لحكومة ما: لا تُحسب مساعدةً",
		zh: "政府自身预算：不计为援助",
	},
	mixed: {
		en: "Public and private money together, not separated: not counted as aid",
		fr: "Fonds publics et privés confondus : non comptés comme aide",
		es: "Fondos públicos y privados juntos, sin separar: no se cuentan como ayuda",
		ru: "Государственные и частные средства вместе, без разделения: не считаются помощью",
		ar: "أموال عامة وخاصة معاً دون فصل: لا تُحسب مساعدةً",
		zh: "公共和私人资金合计、未作区分：不计为援助",
	},
};

export const textKindNames: Record<TextKind, Message> = {
	verbatim: {
		en: "Verbatim: the source's own words",
		fr: "Citation : les termes mêmes de la source",
		es: "Literal: las palabras de la propia fuente",
		ru: "Дословно: слова самого источника",
		ar: "حرفي: كلمات المصدر نفسه",
		zh: "原文：来源本身的措辞",
	},
	summary: {
		en: "Summary: our words",
		fr: "Résumé : nos propres termes",
		es: "Resumen: nuestras palabras",
		ru: "Изложение: наши слова",
		ar: "ملخص: بكلماتنا",
		zh: "摘要：我们的表述",
	},
};

export const commitmentKindNames: Record<CommitmentKind, Message> = {
	financial: {
		en: "Financial",
		fr: "Financier",
		es: "Financiero",
		ru: "Финансовое",
		ar: "مالي",
		zh: "资金",
	},
	policy: {
		en: "Policy",
		fr: "Politique",
		es: "Político",
		ru: "Политическое",
		ar: "سياساتي",
		zh: "政策",
	},
	both: {
		en: "Financial and policy",
		fr: "Financier et politique",
		es: "Financiero y político",
		ru: "Финансовое и политическое",
		ar: "مالي وسياساتي",
		zh: "资金与政策",
	},
};

export const commitmentStatusNames: Record<CommitmentStatus, Message> = {
	draft: { en: "Draft", fr: "Brouillon", es: "Borrador", ru: "Черновик", ar: "مسودة", zh: "草稿" },
	submitted: {
		en: "Submitted",
		fr: "Soumis",
		es: "Presentado",
		ru: "Подано",
		ar: "مُقدَّم",
		zh: "已提交",
	},
	published: {
		en: "Published",
		fr: "Publié",
		es: "Publicado",
		ru: "Опубликовано",
		ar: "منشور",
		zh: "已发布",
	},
	completed: {
		en: "Completed",
		fr: "Achevé",
		es: "Cumplido",
		ru: "Завершено",
		ar: "مكتمل",
		zh: "已完成",
	},
	withdrawn: {
		en: "Withdrawn",
		fr: "Retiré",
		es: "Retirado",
		ru: "Отозвано",
		ar: "مسحوب",
		zh: "已撤回",
	},
};

export const forumKindNames: Record<ForumKind, Message> = {
	general_assembly: {
		en: "General Assembly",
		fr: "Assemblée générale",
		es: "Asamblea General",
		ru: "Генеральная Ассамблея",
		ar: "الجمعية العامة",
		zh: "大会",
	},
	g8_summit: {
		en: "G8 summit",
		fr: "Sommet du G8",
		es: "Cumbre del G8",
		ru: "Саммит G8",
		ar: "قمة مجموعة الثماني",
		zh: "八国集团峰会",
	},
	g20_summit: {
		en: "G20 summit",
		fr: "Sommet du G20",
		es: "Cumbre del G20",
		ru: "Саммит G20",
		ar: "قمة مجموعة العشرين",
		zh: "二十国集团峰会",
	},
	special_initiative: {
		en: "Special initiative",
		fr: "Initiative spéciale",
		es: "Iniciativa especial",
		ru: "Специальная инициатива",
		ar: "مبادرة خاصة",
		zh: "特别倡议",
	},
	high_level_task_force: {
		en: "High-level task force",
		fr: "Équipe spéciale de haut niveau",
		es: "Equipo de tareas de alto nivel",
		ru: "Целевая группа высокого уровня",
		ar: "فرقة عمل رفيعة المستوى",
		zh: "高级别工作队",
	},
	un_conference: {
		en: "UN conference",
		fr: "Conférence des Nations Unies",
		es: "Conferencia de las Naciones Unidas",
		ru: "Конференция ООН",
		ar: "مؤتمر الأمم المتحدة",
		zh: "联合国会议",
	},
	replenishment: {
		en: "Replenishment",
		fr: "Reconstitution des ressources",
		es: "Reposición de recursos",
		ru: "Пополнение ресурсов",
		ar: "تجديد الموارد",
		zh: "增资",
	},
	other: common.other,
};

export const stakeholderKindNames: Record<StakeholderKind, Message> = {
	member_state: {
		en: "Member State",
		fr: "État Membre",
		es: "Estado Miembro",
		ru: "Государство-член",
		ar: "دولة عضو",
		zh: "会员国",
	},
	un_entity: {
		en: "UN entity",
		fr: "Entité des Nations Unies",
		es: "Entidad de las Naciones Unidas",
		ru: "Структура ООН",
		ar: "كيان تابع للأمم المتحدة",
		zh: "联合国实体",
	},
	multilateral: {
		en: "Multilateral institution",
		fr: "Institution multilatérale",
		es: "Institución multilateral",
		ru: "Многостороннее учреждение",
		ar: "مؤسسة متعددة الأطراف",
		zh: "多边机构",
	},
	ngo: { en: "NGO", fr: "ONG", es: "ONG", ru: "НПО", ar: "منظمة غير حكومية", zh: "非政府组织" },
	civil_society: {
		en: "Civil society",
		fr: "Société civile",
		es: "Sociedad civil",
		ru: "Гражданское общество",
		ar: "المجتمع المدني",
		zh: "民间社会",
	},
	private_sector: {
		en: "Private sector",
		fr: "Secteur privé",
		es: "Sector privado",
		ru: "Частный сектор",
		ar: "القطاع الخاص",
		zh: "私营部门",
	},
	foundation: {
		en: "Foundation",
		fr: "Fondation",
		es: "Fundación",
		ru: "Фонд",
		ar: "مؤسسة خيرية",
		zh: "基金会",
	},
	other: common.other,
};

export const deliveryStatusNames: Record<DeliveryStatus, Message> = {
	on_track: {
		en: "On track",
		fr: "En bonne voie",
		es: "En curso",
		ru: "Выполняется по плану",
		ar: "على المسار الصحيح",
		zh: "进展正常",
	},
	off_track: {
		en: "Off track",
		fr: "En retard",
		es: "Retrasado",
		ru: "Отстаёт",
		ar: "متأخر",
		zh: "进展滞后",
	},
	met: { en: "Met", fr: "Tenu", es: "Cumplido", ru: "Выполнено", ar: "مُنجَز", zh: "已兑现" },
	not_met: {
		en: "Not met",
		fr: "Non tenu",
		es: "Incumplido",
		ru: "Не выполнено",
		ar: "غير مُنجَز",
		zh: "未兑现",
	},
	no_data: common.no_data,
};

export const trafficLightNames: Record<TrafficLight, Message> = {
	green: {
		en: "Green: reported in the last 12 months",
		fr: "Vert : rapport de moins de 12 mois",
		es: "Verde: informe de los últimos 12 meses",
		ru: "Зелёный: отчёт за последние 12 месяцев",
		ar: "أخضر: تقرير خلال آخر 12 شهراً",
		zh: "绿色：过去 12 个月内有报告",
	},
	amber: {
		en: "Amber: last report 12 to 24 months old",
		fr: "Orange : dernier rapport de 12 à 24 mois",
		es: "Ámbar: último informe de hace 12 a 24 meses",
		ru: "Жёлтый: последнему отчёту от 12 до 24 месяцев",
		ar: "كهرماني: آخر تقرير قبل 12 إلى 24 شهراً",
		zh: "琥珀色：最近报告在 12 至 24 个月前",
	},
	red: {
		en: "Red: no report for over 24 months",
		fr: "Rouge : aucun rapport depuis plus de 24 mois",
		es: "Rojo: sin informe desde hace más de 24 meses",
		ru: "Красный: нет отчёта более 24 месяцев",
		ar: "أحمر: لا تقرير منذ أكثر من 24 شهراً",
		zh: "红色：超过 24 个月无报告",
	},
};

/**
 * The light of a commitment nothing was reported on yet: amber while it is under 24
 * months old, red after. Said so, never "last report 12 to 24 months old" beside "no
 * progress report yet".
 */
export const trafficLightNoReportNames: Record<Exclude<TrafficLight, "green">, Message> = {
	amber: {
		en: "Amber: no report yet; published less than 24 months ago",
		fr: "Orange : pas encore de rapport ; publié il y a moins de 24 mois",
		es: "Ámbar: aún sin informe; publicado hace menos de 24 meses",
		ru: "Жёлтый: отчётов ещё нет; опубликовано менее 24 месяцев назад",
		ar: "كهرماني: لا تقرير بعد؛ نُشر قبل أقل من 24 شهراً",
		zh: "琥珀色：尚无报告；发布不足 24 个月",
	},
	red: {
		en: "Red: no report since publication, over 24 months ago",
		fr: "Rouge : aucun rapport depuis la publication, il y a plus de 24 mois",
		es: "Rojo: ningún informe desde la publicación, hace más de 24 meses",
		ru: "Красный: ни одного отчёта с момента публикации более 24 месяцев назад",
		ar: "أحمر: لا تقرير منذ النشر قبل أكثر من 24 شهراً",
		zh: "红色：自发布起超过 24 个月无任何报告",
	},
};

/** The rule of each light, whole: with a report and without one. */
export const trafficLightRules: Record<TrafficLight, Message> = {
	green: trafficLightNames.green,
	amber: {
		en: "Amber: last report 12 to 24 months old, or none yet on a commitment published less than 24 months ago",
		fr: "Orange : dernier rapport de 12 à 24 mois, ou aucun encore pour un engagement publié il y a moins de 24 mois",
		es: "Ámbar: último informe de hace 12 a 24 meses, o ninguno aún en un compromiso publicado hace menos de 24 meses",
		ru: "Жёлтый: последнему отчёту от 12 до 24 месяцев или отчётов ещё нет, а обязательство опубликовано менее 24 месяцев назад",
		ar: "كهرماني: آخر تقرير قبل 12 إلى 24 شهراً، أو لا تقرير بعد لالتزام نُشر قبل أقل من 24 شهراً",
		zh: "琥珀色：最近报告在 12 至 24 个月前，或承诺发布不足 24 个月且尚无报告",
	},
	red: {
		en: "Red: no report for over 24 months, counted from the last report or, with none, from publication",
		fr: "Rouge : aucun rapport depuis plus de 24 mois, comptés depuis le dernier rapport ou, à défaut, depuis la publication",
		es: "Rojo: sin informe desde hace más de 24 meses, contados desde el último informe o, si no hay ninguno, desde la publicación",
		ru: "Красный: нет отчёта более 24 месяцев — считая с последнего отчёта или, если отчётов не было, с публикации",
		ar: "أحمر: لا تقرير منذ أكثر من 24 شهراً، من آخر تقرير أو من تاريخ النشر إن لم يوجد تقرير",
		zh: "红色：超过 24 个月无报告，从最近一次报告起算；如无报告，从发布之日起算",
	},
};

export const relationKindNames: Record<RelationKind, Message> = {
	reaffirms: {
		en: "Reaffirms",
		fr: "Réaffirme",
		es: "Reafirma",
		ru: "Подтверждает",
		ar: "يؤكد مجدداً",
		zh: "重申",
	},
	supersedes: {
		en: "Supersedes",
		fr: "Remplace",
		es: "Sustituye a",
		ru: "Заменяет",
		ar: "يحل محل",
		zh: "取代",
	},
	part_of: {
		en: "Part of",
		fr: "Fait partie de",
		es: "Forma parte de",
		ru: "Часть",
		ar: "جزء من",
		zh: "属于",
	},
	overlaps: {
		en: "Overlaps",
		fr: "Recoupe",
		es: "Se solapa con",
		ru: "Пересекается с",
		ar: "يتداخل مع",
		zh: "重叠",
	},
};

export const policyStatusNames: Record<PolicyStatus, Message> = {
	not_started: {
		en: "Not started",
		fr: "Non commencé",
		es: "No iniciado",
		ru: "Не начато",
		ar: "لم يبدأ",
		zh: "未开始",
	},
	in_progress: {
		en: "In progress",
		fr: "En cours",
		es: "En curso",
		ru: "В процессе",
		ar: "قيد التنفيذ",
		zh: "进行中",
	},
	achieved: {
		en: "Achieved",
		fr: "Atteint",
		es: "Logrado",
		ru: "Достигнуто",
		ar: "تحقق",
		zh: "已实现",
	},
	not_achieved: {
		en: "Not achieved",
		fr: "Non atteint",
		es: "No logrado",
		ru: "Не достигнуто",
		ar: "لم يتحقق",
		zh: "未实现",
	},
};

/** Who files a progress report. */
export const reportKindNames: Record<ReportKind, Message> = {
	maker: {
		en: "A maker of the commitment",
		fr: "Auteur de l’engagement",
		es: "Autor del compromiso",
		ru: "Сторона, принявшая обязательство",
		ar: "جهة ملتزِمة",
		zh: "承诺方",
	},
	recipient: {
		en: "A recipient government",
		fr: "Gouvernement bénéficiaire",
		es: "Gobierno beneficiario",
		ru: "Правительство-получатель",
		ar: "حكومة مستفيدة",
		zh: "受援国政府",
	},
};

export const assessmentSchemeNames: Record<AssessmentScheme, Message> = {
	scorecard: {
		en: "Scorecard (five points)",
		fr: "Tableau de bord (cinq niveaux)",
		es: "Tabla de puntuación (cinco niveles)",
		ru: "Шкала (пять уровней)",
		ar: "بطاقة الأداء (خمس درجات)",
		zh: "记分卡（五级）",
	},
	compliance: {
		en: "Compliance (−1, 0, +1 per maker)",
		fr: "Conformité (−1, 0, +1 par auteur)",
		es: "Cumplimiento (−1, 0, +1 por autor)",
		ru: "Соблюдение (−1, 0, +1 для каждой стороны)",
		ar: "الامتثال (−1 أو 0 أو +1 لكل جهة ملتزِمة)",
		zh: "履约（每个承诺方 −1、0、+1）",
	},
};

export const scorecardScoreNames: Record<ScorecardScore, Message> = {
	excellent: {
		en: "Excellent",
		fr: "Excellent",
		es: "Excelente",
		ru: "Отлично",
		ar: "ممتاز",
		zh: "优秀",
	},
	good: { en: "Good", fr: "Bon", es: "Bueno", ru: "Хорошо", ar: "جيد", zh: "良好" },
	satisfactory: {
		en: "Satisfactory",
		fr: "Satisfaisant",
		es: "Satisfactorio",
		ru: "Удовлетворительно",
		ar: "مُرضٍ",
		zh: "满意",
	},
	below_expectations: {
		en: "Below expectations",
		fr: "En deçà des attentes",
		es: "Por debajo de lo esperado",
		ru: "Ниже ожиданий",
		ar: "دون التوقعات",
		zh: "低于预期",
	},
	off_track: {
		en: "Off track",
		fr: "Hors trajectoire",
		es: "Fuera de rumbo",
		ru: "Не по плану",
		ar: "خارج المسار",
		zh: "偏离轨道",
	},
};

/** Keyed by the score as text ("-1", "0", "1"). */
export const complianceScoreNames: Record<`${ComplianceScore}`, Message> = {
	"1": {
		en: "Full compliance (+1)",
		fr: "Pleine conformité (+1)",
		es: "Pleno cumplimiento (+1)",
		ru: "Полное соблюдение (+1)",
		ar: "امتثال كامل (+1)",
		zh: "完全履约（+1）",
	},
	"0": {
		en: "Partial compliance (0)",
		fr: "Conformité partielle (0)",
		es: "Cumplimiento parcial (0)",
		ru: "Частичное соблюдение (0)",
		ar: "امتثال جزئي (0)",
		zh: "部分履约（0）",
	},
	"-1": {
		en: "No compliance (−1)",
		fr: "Non-conformité (−1)",
		es: "Incumplimiento (−1)",
		ru: "Несоблюдение (−1)",
		ar: "عدم امتثال (−1)",
		zh: "未履约（−1）",
	},
};

/** Whether money promised is new or was pledged before. */
export const additionalityNames: Record<Additionality, Message> = {
	new: {
		en: "New money",
		fr: "Fonds nouveaux",
		es: "Dinero nuevo",
		ru: "Новые средства",
		ar: "أموال جديدة",
		zh: "新增资金",
	},
	reaffirmed: {
		en: "Reaffirmed (promised before)",
		fr: "Réaffirmés (déjà promis)",
		es: "Reafirmado (prometido antes)",
		ru: "Подтверждённые (обещаны ранее)",
		ar: "مؤكدة مجدداً (سبق التعهد بها)",
		zh: "重申（此前已承诺）",
	},
	unspecified: {
		en: "Not stated",
		fr: "Non précisé",
		es: "No indicado",
		ru: "Не указано",
		ar: "غير محدد",
		zh: "未说明",
	},
};

export const roleNames: Record<GlobalRole | MembershipRole, Message> = {
	focal_point: {
		en: "focal point",
		fr: "point focal",
		es: "coordinador",
		ru: "координатор",
		ar: "جهة اتصال",
		zh: "联络人",
	},
	editor: {
		en: "editor",
		fr: "rédacteur",
		es: "editor",
		ru: "редактор",
		ar: "محرر",
		zh: "编辑",
	},
	admin: {
		en: "administrator",
		fr: "administrateur",
		es: "administrador",
		ru: "администратор",
		ar: "مسؤول النظام",
		zh: "管理员",
	},
	secretariat: {
		en: "secretariat",
		fr: "secrétariat",
		es: "secretaría",
		ru: "секретариат",
		ar: "الأمانة",
		zh: "秘书处",
	},
	assessor: {
		en: "assessor",
		fr: "évaluateur",
		es: "evaluador",
		ru: "эксперт по оценке",
		ar: "مقيِّم",
		zh: "评估员",
	},
};

/** What a commitment is addressed to; also the scope of a requirement. */
export const recipientKindNames: Record<RecipientKind, Message> = {
	global: { en: "Global", fr: "Mondial", es: "Mundial", ru: "Глобально", ar: "عالمي", zh: "全球" },
	region: {
		en: "Region",
		fr: "Région",
		es: "Región",
		ru: "Регион",
		ar: "منطقة",
		zh: "区域",
	},
	country: common.country,
	group: {
		en: "Group of countries",
		fr: "Groupe de pays",
		es: "Grupo de países",
		ru: "Группа стран",
		ar: "مجموعة بلدان",
		zh: "国家集团",
	},
};

/** Group codes (G8, LDC ...) of the reference data. */
export const groupNames: Record<string, Message> = {
	G7: {
		en: "Group of Seven",
		fr: "Groupe des Sept",
		es: "Grupo de los Siete",
		ru: "Группа семи",
		ar: "مجموعة السبع",
		zh: "七国集团",
	},
	G8: {
		en: "Group of Eight",
		fr: "Groupe des Huit",
		es: "Grupo de los Ocho",
		ru: "Группа восьми",
		ar: "مجموعة الثماني",
		zh: "八国集团",
	},
	G20: {
		en: "Group of Twenty",
		fr: "Groupe des Vingt",
		es: "Grupo de los Veinte",
		ru: "Группа двадцати",
		ar: "مجموعة العشرين",
		zh: "二十国集团",
	},
	DAC: {
		en: "OECD Development Assistance Committee",
		fr: "Comité d’aide au développement de l’OCDE",
		es: "Comité de Asistencia para el Desarrollo de la OCDE",
		ru: "Комитет содействия развитию ОЭСР",
		ar: "لجنة المساعدة الإنمائية التابعة لمنظمة التعاون والتنمية في الميدان الاقتصادي",
		zh: "经合组织发展援助委员会",
	},
	OECD: {
		en: "Organisation for Economic Co-operation and Development",
		fr: "Organisation de coopération et de développement économiques",
		es: "Organización para la Cooperación y el Desarrollo Económicos",
		ru: "Организация экономического сотрудничества и развития",
		ar: "منظمة التعاون والتنمية في الميدان الاقتصادي",
		zh: "经济合作与发展组织",
	},
	EU: {
		en: "European Union",
		fr: "Union européenne",
		es: "Unión Europea",
		ru: "Европейский союз",
		ar: "الاتحاد الأوروبي",
		zh: "欧洲联盟",
	},
	AU: {
		en: "African Union",
		fr: "Union africaine",
		es: "Unión Africana",
		ru: "Африканский союз",
		ar: "الاتحاد الأفريقي",
		zh: "非洲联盟",
	},
	LDC: {
		en: "Least developed countries",
		fr: "Pays les moins avancés",
		es: "Países menos adelantados",
		ru: "Наименее развитые страны",
		ar: "أقل البلدان نمواً",
		zh: "最不发达国家",
	},
	LLDC: {
		en: "Landlocked developing countries",
		fr: "Pays en développement sans littoral",
		es: "Países en desarrollo sin litoral",
		ru: "Развивающиеся страны, не имеющие выхода к морю",
		ar: "البلدان النامية غير الساحلية",
		zh: "内陆发展中国家",
	},
	SIDS: {
		en: "Small island developing States",
		fr: "Petits États insulaires en développement",
		es: "Pequeños Estados insulares en desarrollo",
		ru: "Малые островные развивающиеся государства",
		ar: "الدول الجزرية الصغيرة النامية",
		zh: "小岛屿发展中国家",
	},
	HIPC: {
		en: "Heavily indebted poor countries",
		fr: "Pays pauvres très endettés",
		es: "Países pobres muy endeudados",
		ru: "Бедные страны с крупной задолженностью",
		ar: "البلدان الفقيرة المثقلة بالديون",
		zh: "重债穷国",
	},
};

/** IATI regions (DAC recipient regions) most commitments name. */
export const regionNames: Record<string, Message> = {
	"998": {
		en: "Developing countries, unspecified",
		fr: "Pays en développement, non spécifié",
		es: "Países en desarrollo, no especificados",
		ru: "Развивающиеся страны, без уточнения",
		ar: "البلدان النامية، غير محددة",
		zh: "发展中国家（未具体说明）",
	},
	"298": {
		en: "Africa, regional",
		fr: "Afrique, régional",
		es: "África, regional",
		ru: "Африка, региональные программы",
		ar: "أفريقيا، إقليمي",
		zh: "非洲（区域）",
	},
	"289": {
		en: "South of Sahara, regional",
		fr: "Afrique subsaharienne, régional",
		es: "Sur del Sahara, regional",
		ru: "Африка к югу от Сахары, региональные программы",
		ar: "جنوب الصحراء الكبرى، إقليمي",
		zh: "撒哈拉以南（区域）",
	},
	"189": {
		en: "North of Sahara, regional",
		fr: "Afrique du Nord, régional",
		es: "Norte del Sahara, regional",
		ru: "Африка к северу от Сахары, региональные программы",
		ar: "شمال الصحراء الكبرى، إقليمي",
		zh: "撒哈拉以北（区域）",
	},
	"498": {
		en: "America, regional",
		fr: "Amérique, régional",
		es: "América, regional",
		ru: "Америка, региональные программы",
		ar: "الأمريكتان، إقليمي",
		zh: "美洲（区域）",
	},
	"798": {
		en: "Asia, regional",
		fr: "Asie, régional",
		es: "Asia, regional",
		ru: "Азия, региональные программы",
		ar: "آسيا، إقليمي",
		zh: "亚洲（区域）",
	},
	"589": {
		en: "Middle East, regional",
		fr: "Moyen-Orient, régional",
		es: "Oriente Medio, regional",
		ru: "Ближний Восток, региональные программы",
		ar: "الشرق الأوسط، إقليمي",
		zh: "中东（区域）",
	},
	"889": {
		en: "Oceania, regional",
		fr: "Océanie, régional",
		es: "Oceanía, regional",
		ru: "Океания, региональные программы",
		ar: "أوقيانوسيا، إقليمي",
		zh: "大洋洲（区域）",
	},
	"89": {
		en: "Europe, regional",
		fr: "Europe, régional",
		es: "Europa, regional",
		ru: "Европа, региональные программы",
		ar: "أوروبا، إقليمي",
		zh: "欧洲（区域）",
	},
};

/** What was done to a commitment, by the audit log's action name. */
export const commitmentActionNames: Record<CommitmentAction, Message> = {
	"commitment.create": {
		en: "Recorded",
		fr: "Enregistré",
		es: "Registrado",
		ru: "Записано",
		ar: "سُجِّل",
		zh: "已记录",
	},
	"commitment.update": {
		en: "Updated",
		fr: "Mis à jour",
		es: "Actualizado",
		ru: "Обновлено",
		ar: "حُدِّث",
		zh: "已更新",
	},
	"commitment.submit": {
		en: "Submitted for publication",
		fr: "Soumis pour publication",
		es: "Presentado para su publicación",
		ru: "Подано на публикацию",
		ar: "قُدِّم للنشر",
		zh: "已提交发布",
	},
	"commitment.publish": {
		en: "Published by the secretariat",
		fr: "Publié par le secrétariat",
		es: "Publicado por la secretaría",
		ru: "Опубликовано секретариатом",
		ar: "نشرته الأمانة",
		zh: "由秘书处发布",
	},
	"commitment.return": {
		en: "Returned to its makers",
		fr: "Renvoyé à ses auteurs",
		es: "Devuelto a quienes lo contrajeron",
		ru: "Возвращено сторонам",
		ar: "أُعيد إلى الجهات الملتزمة",
		zh: "退回承诺方",
	},
	"commitment.complete": {
		en: "Marked completed",
		fr: "Marqué comme achevé",
		es: "Marcado como cumplido",
		ru: "Отмечено как завершённое",
		ar: "وُسم بأنه مكتمل",
		zh: "标记为已完成",
	},
	"commitment.withdraw": {
		en: "Withdrawn",
		fr: "Retiré",
		es: "Retirado",
		ru: "Отозвано",
		ar: "سُحب",
		zh: "已撤回",
	},
	"commitment.propose": {
		en: "Change proposed, awaiting the secretariat's review",
		fr: "Modification proposée, en attente de l'examen du secrétariat",
		es: "Cambio propuesto, pendiente de revisión por la secretaría",
		ru: "Предложено изменение, ожидающее проверки секретариатом",
		ar: "اقتُرح تعديل بانتظار مراجعة الأمانة",
		zh: "已提议修改，等待秘书处审核",
	},
	"commitment.reject_proposal": {
		en: "Proposed change rejected by the secretariat",
		fr: "Modification proposée rejetée par le secrétariat",
		es: "Cambio propuesto rechazado por la secretaría",
		ru: "Предложенное изменение отклонено секретариатом",
		ar: "رفضت الأمانة التعديل المقترح",
		zh: "秘书处驳回了提议的修改",
	},
	"commitment.withdraw_proposal": {
		en: "Proposed change withdrawn",
		fr: "Modification proposée retirée",
		es: "Cambio propuesto retirado",
		ru: "Предложенное изменение отозвано",
		ar: "سُحب التعديل المقترح",
		zh: "提议的修改已撤回",
	},
	"commitment.relate": {
		en: "Related to another commitment",
		fr: "Lié à un autre engagement",
		es: "Relacionado con otro compromiso",
		ru: "Связано с другим обязательством",
		ar: "رُبط بالتزام آخر",
		zh: "与另一承诺建立关联",
	},
};
