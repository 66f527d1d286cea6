/**
 * The history of the record: every version with what changed from the one before, field
 * by field, before and after side by side (removed words struck through, added words
 * underlined), and the recorded steps (created, submitted, published, updated ...) with
 * who took them and why.
 */
import { formatMinorUnits } from "../../../lib/money.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { PageContext } from "../../context.ts";
import { cm, fieldNames } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	additionalityNames,
	commitmentActionNames,
	commitmentKindNames,
	commitmentStatusNames,
	nameOf,
	recipientKindNames,
} from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import { type Piece, type WordDiff, wordDiff } from "./diff.ts";
import { gniText } from "./money.tsx";
import { labelled, listOf } from "./names.ts";
import { goalLabel } from "./summary.tsx";
import type { CommitmentPageData, CommitmentSteps } from "./types.ts";

type Version = CommitmentDetail["versions"][number];
type Obj = Record<string, unknown>;

const labels: Record<string, Message> = {
	title: common.title,
	text: common.verbatim_text,
	slug: fieldNames.slug,
	origin: fieldNames.origin,
	kind: cm.kind,
	status: cm.lifecycle,
	forum: cm.forum,
	announced_on: cm.announced,
	makers: cm.makers,
	goals: common.goals,
	targets: common.targets,
	recipients: common.recipients,
	sectors: common.sectors,
	sources: common.sources,
	financial: fieldNames.financial,
	policy: cm.policy_heading,
	"financial.amount_minor": common.amount,
	"financial.currency": common.currency,
	"financial.frequency": cm.frequency,
	"financial.increase_over_year": fieldNames.increase_over_year,
	"financial.price_basis": cm.price_basis,
	"financial.price_base_year": fieldNames.price_base_year,
	"financial.period_start": fieldNames.period_start,
	"financial.period_end": fieldNames.period_end,
	"financial.additionality": cm.additionality,
	"financial.gni_share_min": fieldNames.gni_share_min,
	"financial.gni_share_max": fieldNames.gni_share_max,
	"financial.note": cm.note,
	"policy.target": cm.policy_target,
	"policy.baseline": common.policy_baseline,
	"policy.deadline": common.policy_deadline,
};

export function fieldLabel(ctx: PageContext, field: string): string {
	return nameOf(ctx, labels, field);
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface Row {
	field: string;
	before: string | null;
	after: string | null;
}

/** Fields of words, compared word by word; any other value (an amount, a date) changes whole. */
const wordy = new Set([
	"title",
	"text",
	"makers",
	"goals",
	"targets",
	"recipients",
	"sectors",
	"sources",
	"financial.note",
	"policy.target",
	"policy.baseline",
]);

function changeOf(r: Row): WordDiff {
	if (wordy.has(r.field)) return wordDiff(r.before ?? "", r.after ?? "");
	if (r.before === r.after && r.before !== null) {
		const same: Piece[] = [{ text: r.before, change: "same" }];
		return { before: same, after: same };
	}
	return {
		before: r.before === null ? [] : [{ text: r.before, change: "removed" }],
		after: r.after === null ? [] : [{ text: r.after, change: "added" }],
	};
}

/** A stored value as a reader reads it, or null for "nothing". */
function shown(
	ctx: PageContext,
	data: CommitmentPageData,
	field: string,
	value: unknown,
	side: Obj | null,
): string | null {
	if (value === null || value === undefined || value === "") return null;
	if (Array.isArray(value) && value.length === 0) return null;
	const list = (items: unknown[], each: (x: unknown) => string, sep = "; ") =>
		items.map(each).join(sep);
	switch (field) {
		case "kind":
			return nameOf(ctx, commitmentKindNames, String(value));
		case "status":
			return nameOf(ctx, commitmentStatusNames, String(value));
		case "forum":
			return data.names.forums.get(Number(value)) ?? `#${value}`;
		case "makers":
			return list(value as unknown[], (id) => data.names.stakeholders.get(Number(id)) ?? `#${id}`);
		case "goals":
		case "targets":
			return list(value as unknown[], (c) => `${goalLabel(String(c))} ${ctx.goalTitle(String(c))}`);
		case "recipients":
			return list(value as unknown[], (r) => {
				const { kind, code } = r as { kind: string; code: string };
				if (kind === "global") return ctx.t(recipientKindNames.global);
				return kind === "country" ? ctx.fmt.country(code) : code;
			});
		case "sectors":
			return list(value as unknown[], String, ", ");
		case "sources":
			return list(value as unknown[], (s) => {
				const src = s as { title: string; url: string | null };
				return src.url ? `${src.title} (${src.url})` : src.title;
			});
		case "announced_on":
		case "financial.period_start":
		case "financial.period_end":
		case "policy.deadline":
			return ctx.fmt.date(String(value));
		case "financial.amount_minor": {
			const currency = typeof side?.currency === "string" ? side.currency : null;
			return currency
				? ctx.fmt.money(Number(formatMinorUnits(Number(value), currency)), currency)
				: ctx.fmt.number(Number(value));
		}
		case "financial.frequency":
			return ctx.t(value === "annual" ? cm.freq_annual : cm.freq_total);
		case "financial.price_basis":
			return ctx.t(value === "constant" ? cm.basis_constant : cm.basis_current, {
				year: typeof side?.price_base_year === "number" ? ctx.fmt.year(side.price_base_year) : "—",
			});
		case "financial.additionality":
			return ctx.t(
				value === "new"
					? additionalityNames.new
					: value === "reaffirmed"
						? additionalityNames.reaffirmed
						: additionalityNames.unspecified,
			);
		case "financial.increase_over_year":
		case "financial.price_base_year":
			return ctx.fmt.year(Number(value));
		case "financial.gni_share_min":
		case "financial.gni_share_max":
			return gniText(ctx, Number(value), Number(value));
		default:
			return typeof value === "string" ? value : JSON.stringify(value);
	}
}

/** The rows of one version's differences: financial and policy terms field by field. */
function rowsOf(ctx: PageContext, data: CommitmentPageData, version: Version): Row[] {
	const rows: Row[] = [];
	for (const d of version.differences) {
		if ((d.field === "financial" || d.field === "policy") && (isObj(d.before) || isObj(d.after))) {
			const before = isObj(d.before) ? d.before : null;
			const after = isObj(d.after) ? d.after : null;
			const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
			for (const k of keys) {
				if (same(before?.[k], after?.[k])) continue;
				const field = `${d.field}.${k}`;
				rows.push({
					field,
					before: before ? shown(ctx, data, field, before[k], before) : null,
					after: after ? shown(ctx, data, field, after[k], after) : null,
				});
			}
			continue;
		}
		rows.push({
			field: d.field,
			before: shown(ctx, data, d.field, d.before, null),
			after: shown(ctx, data, d.field, d.after, null),
		});
	}
	return rows;
}

/** Long unchanged stretches of a long text are cut to their ends, so the change stands out. */
function abridge(pieces: Piece[], total: number): Piece[] {
	if (total < 400) return pieces;
	const keep = 80;
	return pieces.map((p, i) => {
		if (p.change !== "same" || p.text.length <= keep * 2 + 20) return p;
		const first = i === 0;
		const last = i === pieces.length - 1;
		const head = p.text.slice(0, keep);
		const tail = p.text.slice(-keep);
		const text = first ? `… ${tail}` : last ? `${head} …` : `${head} … ${tail}`;
		return { ...p, text };
	});
}

function Pieces(props: { ctx: PageContext; pieces: Piece[]; total: number }) {
	if (props.pieces.length === 0) return <span class="muted">{props.ctx.t(cm.empty_value)}</span>;
	return (
		<>
			{abridge(props.pieces, props.total).map((p, i) =>
				p.change === "removed" ? (
					<del key={i}>{p.text}</del>
				) : p.change === "added" ? (
					<ins key={i}>{p.text}</ins>
				) : (
					p.text
				),
			)}
		</>
	);
}

function DiffTable(props: { ctx: PageContext; data: CommitmentPageData; version: Version }) {
	const { ctx, version } = props;
	const rows = rowsOf(ctx, props.data, version);
	return (
		<div class="diff-wrap">
			<table class="diff" id={`version-${version.version}-changes`}>
				<caption class="small">{ctx.t(cm.diff_caption, { n: version.version })}</caption>
				<thead>
					<tr>
						<th scope="col">{ctx.t(common.field)}</th>
						<th scope="col">{ctx.t(cm.col_before)}</th>
						<th scope="col">{ctx.t(cm.col_after)}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((r) => {
						const diff = changeOf(r);
						const total = Math.max(r.before?.length ?? 0, r.after?.length ?? 0);
						return (
							<tr key={r.field} data-field={r.field}>
								<th scope="row">{fieldLabel(ctx, r.field)}</th>
								<td class="diff-before" dir="auto">
									<Pieces ctx={ctx} pieces={r.before === null ? [] : diff.before} total={total} />
								</td>
								<td class="diff-after" dir="auto">
									<Pieces ctx={ctx} pieces={r.after === null ? [] : diff.after} total={total} />
								</td>
							</tr>
						);
					})}
				</tbody>
			</table>
		</div>
	);
}

function Steps(props: { ctx: PageContext; steps: CommitmentSteps }) {
	const { ctx } = props;
	const items = [...props.steps.items].reverse();
	if (items.length === 0) return null;
	return (
		<>
			<h3>{ctx.t(cm.steps_heading)}</h3>
			<ol class="steps" reversed>
				{items.map((s, i) => (
					<li key={i}>
						<time datetime={s.at}>{ctx.fmt.dateTime(s.at)}</time> ·{" "}
						<strong>{nameOf(ctx, commitmentActionNames, s.action)}</strong> ·{" "}
						<span dir="auto">{s.by ?? ctx.t(cm.by_operator)}</span>
						{s.reason && (
							<div class="small">
								{labelled(ctx, common.status_reason)} <q dir="auto">{s.reason}</q>
							</div>
						)}
						{s.changed.length > 0 && (
							<div class="small muted">
								{ctx.t(cm.fields_changed, {
									list: listOf(
										ctx,
										s.changed.map((f) => fieldLabel(ctx, f)),
									),
								})}
							</div>
						)}
					</li>
				))}
			</ol>
		</>
	);
}

export function HistorySection(props: { ctx: PageContext; data: CommitmentPageData }) {
	const { ctx, data } = props;
	const versions = [...data.detail.versions].reverse();
	return (
		<section id="history" aria-labelledby="history-heading">
			<h2 id="history-heading">{ctx.t(cm.history_heading)}</h2>
			{versions.map((v, i) => (
				<article
					key={v.version}
					class="version"
					id={`version-${v.version}`}
					aria-labelledby={`version-${v.version}-h`}
				>
					<h3 id={`version-${v.version}-h`}>{ctx.t(common.version_n, { n: v.version })}</h3>
					<p class="muted small">
						{ctx.t(cm.version_meta, {
							date: ctx.fmt.dateTime(v.created_at),
							by: v.by ?? ctx.t(cm.by_operator),
						})}
					</p>
					{v.reason && (
						<p class="small">
							{labelled(ctx, common.status_reason)} <q dir="auto">{v.reason}</q>
						</p>
					)}
					{v.differences.length > 0 ? (
						<DiffTable ctx={ctx} data={data} version={v} />
					) : (
						<p class="small">
							{i === versions.length - 1 ? ctx.t(cm.version_first) : ctx.t(cm.version_no_change)}
						</p>
					)}
				</article>
			))}
			<Steps ctx={ctx} steps={data.steps} />
		</section>
	);
}
