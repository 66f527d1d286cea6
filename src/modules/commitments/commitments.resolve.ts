/**
 * Turns a writer's commitment (slugs, codes, decimal amounts) into the stored state
 * (ids, minor units), checking every reference against the database. Each problem
 * names its field; all of them are reported at once.
 */
import type { Kysely } from "kysely";
import type { Tables } from "../../db/tables.ts";
import { AppError, type FieldProblem } from "../../lib/errors.ts";
import { toMinorUnits } from "../../lib/money.ts";
import { ForumRepository } from "../forums/forums.repository.ts";
import { checkRecipients } from "../reference/recipients.ts";
import { ReferenceRepository } from "../reference/reference.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { StatisticsRepository } from "../statistics/statistics.repository.ts";
import { normalizeGoalCode, normalizeTargetCode } from "./commitments.filters.ts";
import type { CommitmentData, CommitmentInput } from "./commitments.schemas.ts";
import { type CommitmentState, type FinancialState, financialTerms } from "./commitments.state.ts";

const refKey = (r: number | string) => String(r);
const asRef = (r: number | string) => (typeof r === "number" ? { id: r } : { slug: r });

export async function resolveCommitment(
	db: Kysely<Tables>,
	c: CommitmentData,
	slug: string,
): Promise<CommitmentState> {
	const problems: FieldProblem[] = [];
	const problem = (name: string, message: string) =>
		problems.push({ name, message: `${name}: ${message}` });
	const reference = new ReferenceRepository(db);

	let forumId: number | null = null;
	if (c.forum !== null) {
		const found = await new ForumRepository(db).idsByRef([asRef(c.forum)]);
		forumId = found.get(refKey(c.forum)) ?? null;
		if (forumId === null) problem("forum", `forum '${c.forum}' does not exist`);
	}

	const makers = await new StakeholderRepository(db).idsByRef(c.makers.map(asRef));
	const makerIds: number[] = [];
	for (const m of c.makers) {
		const id = makers.get(refKey(m));
		if (id === undefined) problem("makers", `stakeholder '${m}' does not exist`);
		else if (!makerIds.includes(id)) makerIds.push(id);
	}

	const targetIds = [...new Set(c.targets.map(normalizeTargetCode))];
	const targetGoals = await reference.targetGoals(targetIds);
	for (const t of targetIds)
		if (!targetGoals.has(t)) problem("targets", `target '${t}' does not exist`);
	// A commitment to a target serves its goal too, so a goal filter finds it.
	const goalIds = [...new Set([...c.goals.map(normalizeGoalCode), ...targetGoals.values()])];
	const goals = await reference.existingGoals(goalIds);
	for (const g of goalIds) if (!goals.has(g)) problem("goals", `goal '${g}' does not exist`);

	const checked = await checkRecipients(reference, c.recipients);
	for (const message of checked.problems) problem("recipients", message);
	const recipients = checked.recipients;

	const sectors = [...new Set(c.sectors)];
	const fiveDigit = await reference.existingCodes(
		"Sector",
		sectors.filter((s) => s.length === 5),
	);
	const threeDigit = await reference.existingCodes(
		"SectorCategory",
		sectors.filter((s) => s.length === 3),
	);
	for (const s of sectors)
		if (!fiveDigit.has(s) && !threeDigit.has(s))
			problem("sectors", `'${s}' is not a DAC sector code`);

	let financial: FinancialState | null = null;
	if (c.financial) {
		const { amount, note, ...terms } = c.financial;
		let amountMinor: number | null = null;
		if (amount !== null && terms.currency !== null) {
			if (!(await reference.existingCodes("Currency", [terms.currency])).has(terms.currency))
				problem("financial.currency", `'${terms.currency}' is not an ISO 4217 currency`);
			else {
				try {
					amountMinor = toMinorUnits(amount, terms.currency, "financial.amount");
				} catch (e) {
					if (e instanceof AppError) problems.push(...e.fields);
					else throw e;
				}
			}
		}
		// Only a provider the statistics know can measure it: any other would measure nothing.
		const provider = terms.statistics_provider;
		if (
			provider !== null &&
			!(await new StatisticsRepository(db).providers()).some((p) => p.code === provider)
		)
			problem(
				"financial.statistics_provider",
				`unknown statistics provider '${provider}' (see /api/v1/statistics/providers)`,
			);
		financial = { ...terms, amount_minor: amountMinor, note };
	}

	if (problems.length)
		throw new AppError("invalid_input", problems.map((p) => p.message).join("; "), {
			fields: problems,
		});
	return {
		slug,
		title: c.title,
		text: c.text,
		text_kind: c.text_kind,
		quote: c.quote,
		kind: c.kind,
		forum_id: forumId,
		announced_on: c.announced_on,
		status: c.status,
		origin: c.origin,
		maker_ids: makerIds,
		goal_ids: goalIds,
		target_ids: targetIds,
		recipients,
		sectors,
		financial,
		policy: c.policy,
		sources: c.sources,
	};
}

/** The inverse: a stored state as writer's input, so an update can be merged into it and checked again. */
export function stateToInput(s: CommitmentState): CommitmentInput {
	const f = s.financial;
	return {
		slug: s.slug,
		title: s.title,
		text: s.text,
		text_kind: s.text_kind,
		quote: s.quote,
		kind: s.kind,
		forum: s.forum_id,
		announced_on: s.announced_on,
		makers: s.maker_ids,
		goals: s.goal_ids,
		targets: s.target_ids,
		recipients: s.recipients.map((r) =>
			r.kind === "global"
				? { kind: "global" as const }
				: { kind: r.kind as "country", code: r.code },
		),
		sectors: s.sectors,
		financial: f ? (({ amount_minor: _minor, ...terms }) => terms)(financialTerms(f)) : null,
		policy: s.policy,
		sources: s.sources,
		status: s.status,
		origin: s.origin,
	};
}
