/**
 * Progress reports: a maker's account of a period (money disbursed, policy status,
 * narrative, evidence), or a recipient government's account of where the commitment
 * shows in its national strategy.
 */
import * as z from "zod";
import { isIsoDate } from "../../lib/dates.ts";
import { recordRefPattern } from "../../lib/ids.ts";
import { recipientKinds } from "../commitments/commitments.schemas.ts";

export const reportKinds = ["maker", "recipient"] as const;
export const policyStatuses = ["not_started", "in_progress", "achieved", "not_achieved"] as const;

const isoDate = z.string().refine(isIsoDate, "must be a date written YYYY-MM-DD");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const decimal = z
	.string()
	.trim()
	.regex(/^\d+(\.\d+)?$/, "must be a decimal number such as 1500000.50");

export const reportInput = z
	.strictObject({
		kind: z.enum(reportKinds),
		stakeholder: z.union([
			z.number().int().positive(),
			z.string().regex(recordRefPattern, "must be a stakeholder id or slug"),
		]),
		period_start: isoDate,
		period_end: isoDate,
		disbursed: z
			.strictObject({
				amount: decimal,
				currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
				recipients: z
					.array(
						z.strictObject({
							kind: z.enum(recipientKinds),
							code: z.string().trim().min(1).max(10).nullable().optional(),
						}),
					)
					.max(300)
					.default([]),
				by_year: z
					.array(z.strictObject({ year: z.number().int().min(1990).max(2100), amount: decimal }))
					.max(50)
					.default([]),
			})
			.nullable()
			.default(null),
		policy_status: z.enum(policyStatuses).nullable().default(null),
		narrative: z.string().trim().min(1, "must not be empty").max(20000),
		evidence: z
			.array(z.strictObject({ title: z.string().trim().min(1).max(500), url: httpUrl }))
			.max(50)
			.default([]),
		national_strategy: z
			.strictObject({
				document: z.string().trim().min(1).max(500),
				section: z.string().trim().max(500).nullable().default(null),
				url: httpUrl.nullable().default(null),
			})
			.nullable()
			.default(null),
	})
	.superRefine((r, ctx) => {
		const issue = (path: (string | number)[], message: string) =>
			ctx.addIssue({ code: "custom", path, message });
		if (r.period_start > r.period_end) issue(["period_end"], "is before period_start");
		if (r.kind === "maker") {
			if (r.national_strategy !== null)
				issue(["national_strategy"], "is reported by a recipient government, not by a maker");
			if (r.disbursed === null && r.policy_status === null)
				issue(["disbursed"], "a maker's report gives money disbursed, a policy status, or both");
		} else {
			if (r.national_strategy === null)
				issue(["national_strategy"], "is required in a recipient's report");
			if (r.disbursed !== null) issue(["disbursed"], "is reported by a maker, not by a recipient");
			if (r.policy_status !== null)
				issue(["policy_status"], "is reported by a maker, not by a recipient");
		}
		const years = r.disbursed?.by_year.map((y) => y.year) ?? [];
		if (new Set(years).size !== years.length) issue(["disbursed", "by_year"], "names a year twice");
	});

export type ReportInput = z.input<typeof reportInput>;
export type ReportData = z.output<typeof reportInput>;

export const reportWithdrawal = z.strictObject({
	version: z.number().int().positive().optional(),
	reason: z
		.string()
		.trim()
		.min(3, "say why the report is withdrawn (3 characters at least)")
		.max(2000)
		.meta({ description: "Why the report is withdrawn: shown with it on the record." }),
});

export const reportPatch = z.strictObject({
	version: z.number().int().positive().optional(),
	reason: z.string().trim().max(2000).optional(),
	changes: z.record(z.string(), z.unknown()),
});

const stakeholderRef = z.object({ id: z.number().int(), slug: z.string(), name: z.string() });

export const reportView = z.object({
	id: z.number().int(),
	commitment: z.object({ id: z.number().int(), slug: z.string(), title: z.string() }),
	kind: z.enum(reportKinds),
	stakeholder: stakeholderRef,
	period_start: z.string(),
	period_end: z.string(),
	disbursed: z
		.object({
			amount: z.string(),
			amount_minor: z.number().int(),
			currency: z.string(),
			recipients: z.array(z.object({ kind: z.enum(recipientKinds), code: z.string().nullable() })),
			by_year: z.array(
				z.object({ year: z.number().int(), amount: z.string(), amount_minor: z.number().int() }),
			),
		})
		.nullable(),
	policy_status: z.enum(policyStatuses).nullable(),
	narrative: z.string(),
	evidence: z.array(z.object({ title: z.string(), url: z.string() })),
	national_strategy: z
		.object({ document: z.string(), section: z.string().nullable(), url: z.string().nullable() })
		.nullable(),
	version: z.number().int(),
	created_at: z.string(),
	updated_at: z.string(),
	withdrawn: z.object({ on: z.string(), reason: z.string() }).nullable().meta({
		description:
			"Withdrawn by those who filed it: kept on the record with the reason, counted in no delivery figure.",
	}),
});

export const reportDetail = reportView.extend({
	versions: z.array(
		z.object({
			version: z.number().int(),
			created_at: z.string(),
			by: z.string().nullable(),
			reason: z.string().nullable(),
			changed: z.array(z.string()),
			differences: z.array(
				z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }),
			),
		}),
	),
});

export const reportList = z.object({ items: z.array(reportView), total: z.number().int() });
export const reportWritten = z.object({ id: z.number().int(), version: z.number().int() });
