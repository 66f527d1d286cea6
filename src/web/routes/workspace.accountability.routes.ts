/**
 * Progress reports and assessments from the workspace: the forms, their posts to the
 * reports and assessments services, and back to the commitment's public page.
 */

import type { Actor } from "../../lib/actor.ts";
import { AppError } from "../../lib/errors.ts";
import type { Language } from "../../lib/languages.ts";
import { assessmentPolicy } from "../../modules/assessments/assessments.policy.ts";
import { memberOfAny } from "../../modules/commitments/commitments.policy.ts";
import {
	type CommitmentDetail,
	isPublicStatus,
} from "../../modules/commitments/commitments.schemas.ts";
import { reportPolicy } from "../../modules/reports/reports.policy.ts";
import type { ReportView } from "../../modules/reports/reports.service.ts";
import type { Services } from "../../server/services.ts";
import { formErrorsOf, noErrors } from "../components/form.tsx";
import { typedDecimal, typedNumber } from "../i18n/numbers.ts";
import { type PageRouter, seeOther } from "../page-route.ts";
import { forbidden, memberStakeholders, signedIn } from "../pages/workspace/access.ts";
import {
	AssessFormPage,
	ReportFormPage,
	ReportWithdrawPage,
} from "../pages/workspace/accountability.tsx";
import { recipientOf } from "../pages/workspace/commitment-values.ts";
import {
	type FormValues,
	optional,
	placeErrors,
	rows,
	text,
	valuesOf,
} from "../pages/workspace/form-values.ts";
import { type NameBook, nameBook } from "../pages/workspace/name-book.ts";

const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 400);

function requirePublic(detail: CommitmentDetail): void {
	if (!isPublicStatus(detail.status))
		throw new AppError(
			"conflict",
			`reports and assessments are written on published commitments; this one is ${detail.status}`,
		);
}

/**
 * The amounts disbursed each year, one row each, as the page's language writes numbers
 * ("400 000 000,50" on a French page); a year that is not a number is handed on as
 * typed, for the service to name its field.
 */
function byYear(values: FormValues, lang: Language) {
	return rows(values, "disbursed.by_year", ["year", "amount"]).map(({ row }) => ({
		year: typedNumber(row.year ?? "", lang),
		amount: typedDecimal(row.amount ?? "", lang),
	}));
}

/** A posted report form as the reports service's input. */
function reportInputOf(
	values: FormValues,
	groups: ReadonlySet<string>,
	lang: Language,
	book: NameBook,
) {
	const typed = optional(values, "disbursed.amount");
	const amount = typed === null ? null : typedDecimal(typed, lang);
	const currency = optional(values, "disbursed.currency");
	const recipients = book.recipients(text(values, "disbursed.recipients"));
	const years = byYear(values, lang);
	// The currency comes prefilled with the commitment's own, so on its own it says
	// nothing: a report of policy progress alone must not be asked for an amount.
	const disbursed =
		amount || recipients.length || years.length
			? {
					amount: amount ?? "",
					currency: currency?.toUpperCase() ?? "",
					recipients: recipients.map((c) => recipientOf(c, groups)),
					by_year: years,
				}
			: null;
	const document = optional(values, "national_strategy.document");
	const section = optional(values, "national_strategy.section");
	const url = optional(values, "national_strategy.url");
	const evidence = rows(values, "evidence", ["title", "url"]);
	return {
		kind: text(values, "kind"),
		stakeholder: text(values, "stakeholder"),
		period_start: text(values, "period_start").trim(),
		period_end: text(values, "period_end").trim(),
		disbursed,
		policy_status: optional(values, "policy_status"),
		narrative: text(values, "narrative"),
		evidence: evidence.map(({ row }) => ({ title: row.title ?? "", url: row.url ?? "" })),
		national_strategy:
			document || section || url ? { document: document ?? "", section, url } : null,
	};
}

/** A refused report form's errors, each by the field it was typed in (the row of a list). */
function reportFormErrors(error: unknown, values: FormValues) {
	const indexes = (prefix: string, fields: string[]) =>
		rows(values, prefix, fields).map((e) => e.index);
	return placeErrors(formErrorsOf(error), {
		collapse: ["disbursed.recipients"],
		rows: {
			evidence: indexes("evidence", ["title", "url"]),
			"disbursed.by_year": indexes("disbursed.by_year", ["year", "amount"]),
		},
	});
}

/** A filed report as its form shows it, to be corrected. */
function reportValues(r: ReportView, book: NameBook): FormValues {
	const v: FormValues = {
		kind: r.kind,
		stakeholder: r.stakeholder.slug,
		period_start: r.period_start,
		period_end: r.period_end,
		policy_status: r.policy_status ?? "",
		narrative: r.narrative,
	};
	if (r.disbursed) {
		v["disbursed.amount"] = r.disbursed.amount;
		v["disbursed.currency"] = r.disbursed.currency;
		v["disbursed.recipients"] = book.recipientNames(
			r.disbursed.recipients.map((x) => x.code ?? "global"),
		);
		r.disbursed.by_year.forEach((y, i) => {
			v[`disbursed.by_year.${i}.year`] = String(y.year);
			v[`disbursed.by_year.${i}.amount`] = y.amount;
		});
	}
	r.evidence.forEach((e, i) => {
		v[`evidence.${i}.title`] = e.title;
		v[`evidence.${i}.url`] = e.url;
	});
	if (r.national_strategy) {
		v["national_strategy.document"] = r.national_strategy.document;
		v["national_strategy.section"] = r.national_strategy.section ?? "";
		v["national_strategy.url"] = r.national_strategy.url ?? "";
	}
	return v;
}

/** The version a correcting or withdrawing form was shown at ("" when missing: the service names it). */
function versionOf(values: FormValues): number | undefined {
	const typed = text(values, "version");
	return /^[1-9]\d{0,8}$/.test(typed) ? Number(typed) : undefined;
}

/** A posted assessment form as the assessments service's input. */
function assessmentInputOf(values: FormValues, detail: CommitmentDetail) {
	const makerScores = detail.makers.flatMap((m) => {
		const v = text(values, `maker_scores.${m.slug}`);
		return v === "" ? [] : [{ stakeholder: m.slug, score: Number(v) }];
	});
	const evidence = rows(values, "evidence", ["title", "url"]);
	return {
		input: {
			scheme: text(values, "scheme"),
			score: optional(values, "score"),
			maker_scores: makerScores.length ? makerScores : null,
			rationale: text(values, "rationale"),
			evidence: evidence.map(({ row }) => ({ title: row.title ?? "", url: row.url ?? "" })),
			...(optional(values, "assessed_on") ? { assessed_on: optional(values, "assessed_on") } : {}),
		},
		evidenceRows: evidence.map((e) => e.index),
	};
}

/** The actor's stakeholders that may report on this commitment: its makers, and recipient governments. */
async function reporters(services: Services, actor: Actor, detail: CommitmentDetail) {
	const mine = await memberStakeholders(services, actor);
	const makers = new Set(detail.makers.map((m) => m.id));
	const asMaker = mine.filter((s) => makers.has(s.id));
	const asRecipient = mine.filter(
		(s) => !makers.has(s.id) && reportPolicy.recipientGovernment(s, detail.recipients),
	);
	return { asMaker, asRecipient, all: [...asMaker, ...asRecipient] };
}

export function workspaceAccountabilityRoutes(pages: PageRouter, services: Services): void {
	async function reportContext(slug: string, actor: Actor) {
		const detail = await services.commitments.get(slug, actor);
		requirePublic(detail);
		const who = await reporters(services, actor, detail);
		if (who.all.length === 0)
			throw forbidden(
				"progress is reported by the focal points and editors of a maker of this commitment, or of a recipient government",
			);
		return { detail, who };
	}

	pages.get("/workspace/commitments/:slug/reports/new", async ({ ctx, reply, params }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const { detail, who } = await reportContext(params.slug ?? "", actor);
		const first = who.asMaker[0] ?? who.asRecipient[0];
		const values: FormValues = {
			kind: who.asMaker.length ? "maker" : "recipient",
			stakeholder: first?.slug ?? "",
			"disbursed.currency": detail.currency ?? "",
		};
		return ReportFormPage({ ctx, detail, stakeholders: who.all, values, errors: noErrors });
	});

	pages.post("/workspace/commitments/:slug/reports/new", async ({ ctx, reply, params, form }) => {
		const slug = params.slug ?? "";
		const actor = signedIn(ctx, reply, ctx.href(`/workspace/commitments/${slug}/reports/new`));
		if (!actor) return reply;
		const { detail, who } = await reportContext(slug, actor);
		const values = valuesOf(form);
		const groups = new Set((await services.reference.groups()).items.map((g) => g.code));
		try {
			// Shaping the input may fail too (a year's amount typed wrongly): shown alike.
			await services.reports.create(
				slug,
				reportInputOf(values, groups, ctx.lang, await nameBook(services, ctx.lang)),
				actor,
			);
		} catch (error) {
			if (error instanceof AppError && error.code === "forbidden") throw error;
			const errors = reportFormErrors(error, values);
			return {
				page: ReportFormPage({ ctx, detail, stakeholders: who.all, values, errors }),
				status: statusOf(error),
			};
		}
		return seeOther(reply, ctx.href(`/commitments/${detail.slug}#reports`));
	});

	/** A filed report this reader may correct or withdraw, with its commitment and who reports. */
	async function ownReport(slug: string, idText: string, actor: Actor) {
		if (!/^[1-9]\d{0,9}$/.test(idText)) throw AppError.notFound("report", idText);
		const report = await services.reports.get(idText, actor);
		if (report.commitment.slug !== slug) throw AppError.notFound("report", idText);
		if (!reportPolicy.update(actor, { stakeholder_id: report.stakeholder.id }))
			throw forbidden(
				"a report is corrected or withdrawn by the focal points and editors of the stakeholder that filed it",
			);
		if (report.withdrawn)
			throw new AppError(
				"conflict",
				"this report was withdrawn: it is kept as it was; file a new report instead",
			);
		const { detail, who } = await reportContext(slug, actor);
		return { report, detail, who };
	}

	pages.get("/workspace/commitments/:slug/reports/:id/edit", async ({ ctx, reply, params }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const { report, detail, who } = await ownReport(params.slug ?? "", params.id ?? "", actor);
		return ReportFormPage({
			ctx,
			detail,
			stakeholders: who.all,
			values: reportValues(report, await nameBook(services, ctx.lang)),
			errors: noErrors,
			correcting: { id: report.id, version: report.version },
		});
	});

	pages.post(
		"/workspace/commitments/:slug/reports/:id/edit",
		async ({ ctx, reply, params, form }) => {
			const slug = params.slug ?? "";
			const actor = signedIn(ctx, reply, ctx.href(`/workspace/commitments/${slug}`));
			if (!actor) return reply;
			const { report, detail, who } = await ownReport(slug, params.id ?? "", actor);
			const values = valuesOf(form);
			const groups = new Set((await services.reference.groups()).items.map((g) => g.code));
			const version = versionOf(values) ?? report.version;
			try {
				const { kind: _kind, ...changes } = reportInputOf(
					values,
					groups,
					ctx.lang,
					await nameBook(services, ctx.lang),
				);
				const reason = optional(values, "reason");
				await services.reports.update(
					String(report.id),
					{ version, changes, ...(reason ? { reason } : {}) },
					actor,
				);
			} catch (error) {
				if (error instanceof AppError && error.code === "forbidden") throw error;
				const errors = reportFormErrors(error, values);
				return {
					page: ReportFormPage({
						ctx,
						detail,
						stakeholders: who.all,
						values,
						errors,
						correcting: { id: report.id, version },
					}),
					status: statusOf(error),
				};
			}
			return seeOther(reply, ctx.href(`/commitments/${detail.slug}#report-${report.id}`));
		},
	);

	pages.get("/workspace/commitments/:slug/reports/:id/withdraw", async ({ ctx, reply, params }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const { report, detail } = await ownReport(params.slug ?? "", params.id ?? "", actor);
		return ReportWithdrawPage({ ctx, detail, report, values: {}, errors: noErrors });
	});

	pages.post(
		"/workspace/commitments/:slug/reports/:id/withdraw",
		async ({ ctx, reply, params, form }) => {
			const slug = params.slug ?? "";
			const actor = signedIn(ctx, reply, ctx.href(`/workspace/commitments/${slug}`));
			if (!actor) return reply;
			const { report, detail } = await ownReport(slug, params.id ?? "", actor);
			const values = valuesOf(form);
			const version = versionOf(values) ?? report.version;
			try {
				await services.reports.withdraw(
					String(report.id),
					{ version, reason: text(values, "reason") },
					actor,
				);
			} catch (error) {
				if (error instanceof AppError && error.code === "forbidden") throw error;
				return {
					page: ReportWithdrawPage({
						ctx,
						detail,
						report: { ...report, version },
						values,
						errors: formErrorsOf(error),
					}),
					status: statusOf(error),
				};
			}
			return seeOther(reply, ctx.href(`/commitments/${detail.slug}#report-${report.id}`));
		},
	);

	async function assessContext(slug: string, actor: Actor) {
		if (!assessmentPolicy.assess(actor))
			throw forbidden(
				"only assessors assess commitments: an assessment is independent of the makers and of the secretariat",
			);
		const detail = await services.commitments.get(slug, actor);
		requirePublic(detail);
		if (
			memberOfAny(
				actor,
				detail.makers.map((m) => m.id),
			)
		)
			throw forbidden(
				"you are a focal point or editor of one of this commitment's makers: no one assesses their own commitment",
			);
		return detail;
	}

	pages.get("/workspace/commitments/:slug/assess", async ({ ctx, reply, params }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const detail = await assessContext(params.slug ?? "", actor);
		const values: FormValues = {
			scheme: "scorecard",
			assessed_on: new Date().toISOString().slice(0, 10),
		};
		return AssessFormPage({ ctx, detail, values, errors: noErrors });
	});

	pages.post("/workspace/commitments/:slug/assess", async ({ ctx, reply, params, form }) => {
		const slug = params.slug ?? "";
		const actor = signedIn(ctx, reply, ctx.href(`/workspace/commitments/${slug}/assess`));
		if (!actor) return reply;
		const detail = await assessContext(slug, actor);
		const values = valuesOf(form);
		const { input, evidenceRows } = assessmentInputOf(values, detail);
		try {
			await services.assessments.create(slug, input, actor);
		} catch (error) {
			if (error instanceof AppError && error.code === "forbidden") throw error;
			const errors = placeErrors(formErrorsOf(error), {
				collapse: ["maker_scores"],
				rows: { evidence: evidenceRows },
			});
			return { page: AssessFormPage({ ctx, detail, values, errors }), status: statusOf(error) };
		}
		return seeOther(reply, ctx.href(`/commitments/${detail.slug}#assessments`));
	});
}
