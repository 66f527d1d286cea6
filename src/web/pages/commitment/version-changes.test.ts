/**
 * The one description of version changes: every field a stored snapshot can change is
 * labelled in every language, terms are told one by one (the amount in its currency, as
 * stored: financial.amount_minor), and the conflict's "since version n" nets out.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { languages } from "../../../lib/languages.ts";
import { versionHistory } from "../../../lib/versioning.ts";
import type { CommitmentState } from "../../../modules/commitments/commitments.state.ts";
import type { PageContext } from "../../context.ts";
import { formattersFor } from "../../i18n/format.ts";
import { directionOf, type Language } from "../../i18n/locale.ts";
import { translate } from "../../i18n/messages.ts";
import {
	changesSince,
	fieldLabel,
	isLabelled,
	tellChanges,
	termByTerm,
	type VersionNames,
} from "./version-changes.ts";

function contextIn(lang: Language): PageContext {
	return {
		lang,
		dir: directionOf(lang),
		t: (message, params) => translate(message, lang, params),
		fmt: formattersFor(lang),
		path: "/commitments/x",
		actor: null,
		csrf: null,
		href: (path) => `/${lang}${path}`,
		titles: new Map(),
		goalTitle: (code) => code.toUpperCase(),
	};
}

const names: VersionNames = {
	stakeholders: new Map([
		[1, "Japan"],
		[2, "Canada"],
	]),
	forums: new Map([
		[7, "G8 Muskoka Summit"],
		[8, "MDG Summit"],
	]),
};

/** A snapshot with every field of the stored state filled (typed: a new field must be added here). */
function snapshot(): CommitmentState {
	return {
		slug: "japan-clinics-2010",
		title: "Clinics in rural Japan",
		text_kind: "verbatim",
		quote: { source: 0, locator: "para. 1" },
		text: "Japan will open clinics.",
		kind: "both",
		forum_id: 7,
		announced_on: "2010-06-26",
		status: "draft",
		origin: "user",
		maker_ids: [1],
		goal_ids: ["mdg:4"],
		target_ids: ["mdg:4.a"],
		recipients: [{ kind: "country", code: "KE" }],
		sectors: ["121"],
		financial: {
			amount_minor: 500_000_000,
			currency: "USD",
			frequency: "total",
			increase_over_year: 2009,
			price_basis: "current",
			price_base_year: 2009,
			period_start: "2010-01-01",
			period_end: "2015-12-31",
			additionality: "new",
			flow_type: "oda",
			gni_share_min: 0.5,
			gni_share_max: 0.6,
			statistics_provider: "EU",
			statistics_reason: "the EU's Member States made it together",
			note: "Over five years",
		},
		policy: { target: "Ten clinics", baseline: "None", deadline: "2015-12-31" },
		sources: [{ title: "Communiqué", url: null, document_symbol: null, published_on: null }],
	};
}

/** The same snapshot with every value, and every term, changed. */
function changedEverywhere(s: CommitmentState): CommitmentState {
	return {
		slug: `${s.slug}-b`,
		title: `${s.title} (revised)`,
		text_kind: "summary",
		quote: null,
		text: `${s.text} And staff them.`,
		kind: "financial",
		forum_id: 8,
		announced_on: "2010-09-22",
		status: "published",
		origin: "import",
		maker_ids: [1, 2],
		goal_ids: ["mdg:5"],
		target_ids: ["mdg:5.b"],
		recipients: [{ kind: "global", code: "" }],
		sectors: ["122"],
		financial: {
			amount_minor: 750_000_000,
			currency: "JPY",
			frequency: "annual",
			increase_over_year: 2010,
			price_basis: "constant",
			price_base_year: 2010,
			period_start: "2011-01-01",
			period_end: "2016-12-31",
			additionality: "reaffirmed",
			flow_type: "guarantee",
			gni_share_min: 0.7,
			gni_share_max: 0.8,
			statistics_provider: "DAC",
			statistics_reason: "the OECD measured it on the DAC countries",
			note: "Over six years",
		},
		policy: { target: "Twelve clinics", baseline: "Two", deadline: "2016-12-31" },
		sources: [
			{
				title: "Declaration",
				url: "https://example.org",
				document_symbol: null,
				published_on: null,
			},
		],
	};
}

/** Two stored versions, differences as the history computes them. */
function historyOf(...states: CommitmentState[]) {
	return versionHistory(
		states.map((s, i) => ({
			version: i + 1,
			snapshot: JSON.stringify(s),
			created_at: `2020-01-0${i + 1}T00:00:00Z`,
			by: null,
			reason: null,
		})),
	);
}

describe("version changes", () => {
	it("labels every field a snapshot can change, whole and term by term, in every language", () => {
		const before = snapshot();
		const [, second] = historyOf(before, changedEverywhere(before));
		assert.ok(second);
		const changes = termByTerm(second.differences);
		const keys = [
			...Object.keys(before).filter((k) => k !== "financial" && k !== "policy"),
			...Object.keys(before.financial ?? {}).map((k) => `financial.${k}`),
			...Object.keys(before.policy ?? {}).map((k) => `policy.${k}`),
		];
		assert.equal(changes.length, keys.length, "every field and term changed");
		for (const field of [...second.changed, ...changes.map((c) => c.field)]) {
			assert.ok(isLabelled(field), `${field} has a label`);
			for (const lang of languages)
				assert.notEqual(fieldLabel(contextIn(lang), field), field, `${field} in ${lang}`);
		}
	});

	it("labels the terms when a kind of terms appears or goes", () => {
		const before = { ...snapshot(), financial: null };
		const after = { ...snapshot(), policy: null };
		const [, second] = historyOf(before, after);
		assert.ok(second);
		const fields = termByTerm(second.differences).map((c) => c.field);
		assert.ok(fields.includes("financial.amount_minor") && fields.includes("policy.target"));
		for (const f of fields) assert.ok(isLabelled(f), `${f} has a label`);
	});

	it("tells values as readers read them: names, each amount in its own currency", () => {
		const before = snapshot();
		const [, second] = historyOf(before, changedEverywhere(before));
		assert.ok(second);
		const ctx = contextIn("en");
		const told = new Map(
			tellChanges(ctx, names, termByTerm(second.differences)).map((c) => [c.field, c]),
		);
		assert.equal(told.get("financial.amount_minor")?.label, "Amount");
		assert.equal(told.get("financial.amount_minor")?.before, ctx.fmt.money(5_000_000, "USD"));
		assert.equal(told.get("financial.amount_minor")?.after, ctx.fmt.money(750_000_000, "JPY"));
		assert.equal(told.get("forum")?.after, "MDG Summit");
		assert.equal(told.get("makers")?.after, "Japan; Canada");
		assert.equal(told.get("quote")?.before, "Source 1, para. 1");
		assert.equal(told.get("text_kind")?.after, "Summary: our words");
		// A summary quotes nothing: its quote reads as nothing (shown as a dash).
		for (const c of told.values())
			for (const text of c.field === "quote" ? [c.before] : [c.before, c.after])
				assert.ok(text && !/^[[{]|undefined|NaN/.test(text), `${c.field} reads as text: ${text}`);
	});

	it("since a version: each field from then to now, a change undone is none", () => {
		const one = snapshot();
		const two = {
			...one,
			title: "Renamed",
			financial: one.financial && { ...one.financial, note: "x" },
		};
		const three = { ...two, title: one.title };
		const changes = changesSince(historyOf(one, two, three), 1);
		assert.deepEqual(
			changes.map((c) => [c.field, c.before, c.after]),
			[["financial.note", "Over five years", "x"]],
		);
		assert.deepEqual(changesSince(historyOf(one, two, three), 3), []);
	});
});
