/**
 * The names of the registry's closed lists (kinds, statuses, lights) in six languages,
 * keyed by the value the API uses, so every page names them alike.
 */

import type { DeliveryStatus, TrafficLight } from "../../modules/analytics/status.ts";
import type {
	CommitmentKind,
	CommitmentStatus,
	ForumKind,
	RelationKind,
} from "../../modules/commitments/commitments.schemas.ts";
import type { StakeholderKind } from "../../modules/stakeholders/stakeholders.kinds.ts";
import type { Message } from "./messages.ts";

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
	other: { en: "Other", fr: "Autre", es: "Otro", ru: "Другое", ar: "أخرى", zh: "其他" },
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
	other: { en: "Other", fr: "Autre", es: "Otro", ru: "Другое", ar: "أخرى", zh: "其他" },
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
	no_data: {
		en: "No data",
		fr: "Aucune donnée",
		es: "Sin datos",
		ru: "Нет данных",
		ar: "لا توجد بيانات",
		zh: "无数据",
	},
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
