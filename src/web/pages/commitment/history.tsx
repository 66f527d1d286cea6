/**
 * The history of the record: every version with what changed from the one before, field
 * by field, before and after side by side (removed words struck through, added words
 * underlined), and the recorded steps (created, submitted, published, updated ...) with
 * who took them and why.
 */
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import { commitmentActionNames, nameOf } from "../../i18n/enums.messages.ts";
import { type Piece, type WordDiff, wordDiff } from "./diff.ts";
import { labelled, listOf } from "./names.ts";
import type { CommitmentPageData, CommitmentSteps } from "./types.ts";
import {
	comparedByWord,
	fieldLabel,
	type ToldChange,
	tellChanges,
	termByTerm,
} from "./version-changes.ts";

type Version = CommitmentPageData["detail"]["versions"][number];

function changeOf(r: ToldChange): WordDiff {
	if (comparedByWord(r.field)) return wordDiff(r.before ?? "", r.after ?? "");
	if (r.before === r.after && r.before !== null) {
		const same: Piece[] = [{ text: r.before, change: "same" }];
		return { before: same, after: same };
	}
	return {
		before: r.before === null ? [] : [{ text: r.before, change: "removed" }],
		after: r.after === null ? [] : [{ text: r.after, change: "added" }],
	};
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
	const rows = tellChanges(ctx, props.data.names, termByTerm(version.differences));
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
								<th scope="row">{r.label}</th>
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
