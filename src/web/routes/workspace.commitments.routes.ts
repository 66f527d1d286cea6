/**
 * Drafting and updating commitments in the workspace, and the workflow steps. An update
 * names the version it edits; when someone saved first, the form comes back (409) with
 * what was typed, what the other change was, and the new version to apply it over.
 */

import type { Actor } from "../../lib/actor.ts";
import { isOneOf } from "../../lib/enums.ts";
import { AppError } from "../../lib/errors.ts";
import { parseInput } from "../../lib/validation.ts";
import { assessmentPolicy } from "../../modules/assessments/assessments.policy.ts";
import {
	commitmentPolicy,
	editableStatuses,
	isStaff,
	memberOfAny,
	type Transition,
	transitions,
} from "../../modules/commitments/commitments.policy.ts";
import {
	type CommitmentDetail,
	isPublicStatus,
} from "../../modules/commitments/commitments.schemas.ts";
import { forumListQuery } from "../../modules/forums/forums.schemas.ts";
import { reportPolicy } from "../../modules/reports/reports.policy.ts";
import { stakeholderListQuery } from "../../modules/stakeholders/stakeholders.schemas.ts";
import type { Services } from "../../server/services.ts";
import { type FormErrors, field, formErrorsOf, noErrors } from "../components/form.tsx";
import type { PageContext } from "../context.ts";
import { workspace as w } from "../i18n/workspace.messages.ts";
import { type FormArgs, type PageRouter, seeOther } from "../page-route.ts";
import {
	forbidden,
	memberStakeholders,
	queryText,
	type StakeholderChoice,
	signedIn,
} from "../pages/workspace/access.ts";
import type { CommitmentChoices } from "../pages/workspace/commitment-form.tsx";
import {
	type Conflict,
	EditCommitmentPage,
	NewCommitmentPage,
	type StepError,
} from "../pages/workspace/commitment-pages.tsx";
import {
	commitmentInputOf,
	commitmentListFields,
	commitmentValues,
} from "../pages/workspace/commitment-values.ts";
import { describeChanges, describeProposal } from "../pages/workspace/conflict.ts";
import { type FormValues, placeErrors, valuesOf } from "../pages/workspace/form-values.ts";
import { nameBook } from "../pages/workspace/name-book.ts";
import type { ProposalState } from "../pages/workspace/proposals.tsx";
import { versionNames } from "./version-names.ts";
import { queuePage } from "./workspace.secretariat.routes.ts";

const stepDone: Record<Transition, string> = {
	submit: "submitted",
	publish: "published",
	return: "returned",
	complete: "completed",
	withdraw: "withdrawn",
};

interface Choices extends CommitmentChoices {
	stakeholderNames: Map<number, string>;
	forumNames: Map<number, string>;
}

/**
 * What the form offers: as makers, the actor's own stakeholders (the secretariat: any),
 * plus those already named (a collective pledge keeps its other makers); every forum.
 */
async function choicesFor(
	services: Services,
	actor: Actor,
	current: CommitmentDetail | null,
	typed: string[] = [],
): Promise<Choices> {
	const [own, forums] = await Promise.all([
		isStaff(actor)
			? services.stakeholders
					.list(parseInput(stakeholderListQuery, { limit: "200" }))
					.then((l) => l.items as StakeholderChoice[])
			: memberStakeholders(services, actor),
		services.forums.list(parseInput(forumListQuery, { limit: "200" })),
	]);
	const makers = new Map<string, string>();
	const stakeholderNames = new Map<number, string>();
	for (const s of [...own, ...(current?.makers ?? [])]) {
		makers.set(s.slug, s.name);
		stakeholderNames.set(s.id, s.name);
	}
	for (const slug of typed) if (!makers.has(slug)) makers.set(slug, slug);
	const forumNames = new Map(forums.items.map((f) => [f.id, f.name]));
	return {
		makers: [...makers].map(([value, label]) => ({ value, label })),
		forums: forums.items
			.slice()
			.sort((a, b) => (b.held_on ?? "").localeCompare(a.held_on ?? ""))
			.map((f) => ({
				value: f.slug,
				label: f.held_on ? `${f.name} (${f.held_on.slice(0, 4)})` : f.name,
			})),
		stakeholderNames,
		forumNames,
	};
}

async function groupCodes(services: Services): Promise<Set<string>> {
	return new Set((await services.reference.groups()).items.map((g) => g.code.toUpperCase()));
}

function errorsOf(error: unknown, sourceRows: number[]): FormErrors {
	return placeErrors(formErrorsOf(error), {
		collapse: commitmentListFields,
		rows: { sources: sourceRows },
	});
}

const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 400);

/** The steps of the workflow this actor may take now. */
function stepsFor(actor: Actor, d: CommitmentDetail) {
	const facts = { status: d.status, makerIds: d.makers.map((m) => m.id) };
	return (Object.keys(transitions) as Transition[])
		.filter((s) => isOneOf(transitions[s].from, d.status) && commitmentPolicy[s](actor, facts))
		.map((step) => ({ step, reason: transitions[step].reason as boolean }));
}

/** May report on it: a member of one of its makers, or of a recipient government. */
function mayReport(actor: Actor, d: CommitmentDetail, mine: StakeholderChoice[]): boolean {
	if (!isPublicStatus(d.status)) return false;
	if (
		memberOfAny(
			actor,
			d.makers.map((m) => m.id),
		)
	)
		return true;
	return mine.some((s) => reportPolicy.recipientGovernment(s, d.recipients));
}

interface EditState {
	values?: FormValues;
	errors?: FormErrors;
	version?: number;
	conflict?: Conflict | null;
	stepError?: StepError | null;
	reasonTyped?: string;
	done?: string | undefined;
}

/** The workspace page of one commitment, as this actor may use it. */
async function editPage(
	services: Services,
	ctx: PageContext,
	actor: Actor,
	detail: CommitmentDetail,
	state: EditState = {},
) {
	const facts = { status: detail.status, makerIds: detail.makers.map((m) => m.id) };
	const member = commitmentPolicy.update(actor, facts);
	if (!member && !isStaff(actor))
		throw forbidden(
			"the workspace page of a commitment is for its makers' focal points and editors and for the secretariat",
		);
	const editable = member && isOneOf(editableStatuses, detail.status);
	const notEditable = editable
		? null
		: !member
			? ctx.t(w.read_only_staff)
			: detail.status === "submitted"
				? ctx.t(w.waiting_for_secretariat)
				: ctx.t(w.closed_commitment);
	const typed = state.values ? (state.values.makers ?? []) : [];
	const [choices, mine, pending, rejected] = await Promise.all([
		choicesFor(services, actor, detail, Array.isArray(typed) ? typed : [typed]),
		memberStakeholders(services, actor),
		services.proposals.list(actor, { state: "pending", limit: "1" }, detail.slug),
		services.proposals.list(actor, { state: "rejected", limit: "1" }, detail.slug),
	]);
	const waiting = pending.items[0] ?? null;
	const lastRejected = rejected.items[0] ?? null;
	const proposals: ProposalState = {
		review:
			editable && detail.status === "published"
				? detail.makers.length > 1
					? "collective"
					: "text"
				: null,
		pending: waiting && {
			proposal: waiting,
			changes: describeProposal(
				ctx,
				waiting.differences,
				await namesFor(services, choices, detail, waiting.differences),
			),
			canWithdraw: commitmentPolicy.withdrawProposal(actor, facts, waiting.proposed_by_id),
			staff: isStaff(actor),
		},
		// Told until the commitment changes again, so an old rejection does not linger.
		rejected:
			lastRejected && (lastRejected.decided_at ?? "") >= detail.updated_at ? lastRejected : null,
	};
	return EditCommitmentPage({
		ctx,
		detail,
		values: state.values ?? commitmentValues(detail, await nameBook(services, ctx.lang)),
		errors: state.errors ?? noErrors,
		version: state.version ?? detail.version,
		choices,
		// While a change waits for review, nothing else changes (it would be reviewed against a stale text).
		editable: editable && !waiting,
		notEditable,
		proposals,
		steps: stepsFor(actor, detail),
		stepError: state.stepError ?? null,
		reasonTyped: state.reasonTyped ?? "",
		conflict: state.conflict ?? null,
		done: state.done,
		canReport: mayReport(actor, detail, mine),
		canAssess:
			assessmentPolicy.assess(actor) &&
			assessmentPolicy.assessable(facts) &&
			assessmentPolicy.independentOf(actor, facts),
	});
}

/** Names of the makers and forums the versions (and a proposal) name, looked up when not at hand. */
function namesFor(
	services: Services,
	choices: Choices,
	detail: CommitmentDetail,
	/** A proposal's differences, which may name makers no version does yet. */
	more: CommitmentDetail["versions"][number]["differences"] = [],
) {
	return versionNames(services, [...detail.versions.map((v) => v.differences), more], {
		stakeholders: choices.stakeholderNames,
		forums: choices.forumNames,
	});
}

export function workspaceCommitmentRoutes(pages: PageRouter, services: Services): void {
	const mayDraft = (actor: Actor) => actor.memberships.length > 0 || isStaff(actor);

	pages.get("/workspace/commitments/new", async ({ ctx, reply }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		if (!mayDraft(actor))
			throw forbidden(
				"commitments are drafted by the focal points and editors of a stakeholder: ask the secretariat for a membership",
			);
		const choices = await choicesFor(services, actor, null);
		const values: FormValues = { kind: "financial", "financial.additionality": "unspecified" };
		if (choices.makers.length === 1 && !isStaff(actor))
			values.makers = [choices.makers[0]?.value ?? ""];
		return NewCommitmentPage({ ctx, values, errors: noErrors, choices });
	});

	pages.post("/workspace/commitments/new", async ({ ctx, reply, form }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		if (!mayDraft(actor))
			throw forbidden("commitments are drafted by the focal points and editors of a stakeholder");
		const values = valuesOf(form);
		const { input, sourceRows } = commitmentInputOf(
			values,
			await groupCodes(services),
			ctx.lang,
			await nameBook(services, ctx.lang),
		);
		let created: { slug: string };
		try {
			created = await services.commitments.create(input, actor);
		} catch (error) {
			const errors = errorsOf(error, sourceRows);
			// Naming a stakeholder one is not a member of is a mistake in the makers field.
			if (error instanceof AppError && error.code === "forbidden")
				errors.fields.makers ??= error.message;
			const choices = await choicesFor(services, actor, null, input.makers as string[]);
			return { page: NewCommitmentPage({ ctx, values, errors, choices }), status: statusOf(error) };
		}
		return seeOther(reply, ctx.href(`/workspace/commitments/${created.slug}/edit?done=created`));
	});

	pages.get("/workspace/commitments/:slug/edit", async ({ ctx, reply, params, query }) => {
		const actor = signedIn(ctx, reply);
		if (!actor) return reply;
		const detail = await services.commitments.get(params.slug ?? "", actor);
		return editPage(services, ctx, actor, detail, { done: queryText(query.done) });
	});

	pages.post("/workspace/commitments/:slug/edit", async ({ ctx, reply, params, form }) => {
		const slug = params.slug ?? "";
		const actor = signedIn(ctx, reply, ctx.href(`/workspace/commitments/${slug}/edit`));
		if (!actor) return reply;
		const values = valuesOf(form);
		const started = Number(field(form, "version"));
		const { input, sourceRows } = commitmentInputOf(
			values,
			await groupCodes(services),
			ctx.lang,
			await nameBook(services, ctx.lang),
		);
		const reason = field(form, "reason");
		let proposed = false;
		try {
			const r = await services.commitments.update(
				slug,
				{ version: started, ...(reason ? { reason } : {}), changes: input },
				actor,
			);
			proposed = r.proposal !== null;
		} catch (error) {
			if (error instanceof AppError && error.code === "forbidden") throw error;
			const errors = errorsOf(error, sourceRows);
			const detail = await services.commitments.get(slug, actor);
			const current = error instanceof AppError ? error.extra.current_version : undefined;
			if (typeof current === "number") {
				// Someone saved first: show their change, keep what was typed, edit the new version.
				const choices = await choicesFor(services, actor, detail);
				const names = await namesFor(services, choices, detail);
				const conflict: Conflict = {
					started,
					current,
					changes: describeChanges(ctx, detail.versions, started, names),
				};
				const page = await editPage(services, ctx, actor, detail, {
					values,
					errors: { message: errors.message, fields: {} },
					version: current,
					conflict,
				});
				return { page, status: 409 };
			}
			const page = await editPage(services, ctx, actor, detail, {
				values,
				errors,
				version: Number.isInteger(started) && started > 0 ? started : detail.version,
			});
			return { page, status: statusOf(error) };
		}
		return seeOther(
			reply,
			ctx.href(`/workspace/commitments/${slug}/edit?done=${proposed ? "proposed" : "saved"}`),
		);
	});

	pages.post("/workspace/commitments/:slug/transition", async (args: FormArgs) => {
		const { ctx, reply, params, form } = args;
		const slug = params.slug ?? "";
		const back = field(form, "back") === "queue" ? "queue" : "edit";
		const backPath = back === "queue" ? "/workspace/queue" : `/workspace/commitments/${slug}/edit`;
		const actor = signedIn(ctx, reply, ctx.href(backPath));
		if (!actor) return reply;
		const step = field(form, "step") as Transition;
		if (!(step in transitions))
			throw AppError.invalid("step", `'${step}' is not a step of the workflow`);
		const reason = field(form, "reason");
		const version = Number(field(form, "version"));
		try {
			await services.commitments.transition(
				slug,
				step,
				{
					...(reason ? { reason } : {}),
					...(Number.isInteger(version) && version > 0 ? { version } : {}),
				},
				actor,
			);
		} catch (error) {
			if (error instanceof AppError && error.code === "forbidden") throw error;
			const errors = formErrorsOf(error);
			const page =
				back === "queue"
					? await queuePage(services, ctx, actor, {
							page: 1,
							failed: { key: slug, action: step, errors, reason },
						})
					: await editPage(services, ctx, actor, await services.commitments.get(slug, actor), {
							stepError: { step, errors },
							reasonTyped: reason,
						});
			return { page, status: statusOf(error) };
		}
		return seeOther(reply, ctx.href(`${backPath}?done=${stepDone[step]}`));
	});
}
