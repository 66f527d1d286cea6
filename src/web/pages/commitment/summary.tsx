/**
 * The commitment itself: its verbatim text with the source it is quoted from, then who
 * made it, where, for which goals and targets and for whom, and its policy terms.
 */

import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { StakeholderKind } from "../../../modules/stakeholders/stakeholders.kinds.ts";
import { StakeholderName } from "../../components/stakeholder-name.tsx";
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	forumKindNames,
	recipientKindNames,
	stakeholderKindNames,
} from "../../i18n/enums.messages.ts";
import { labelled } from "./names.ts";

/** "sdg:3.b" -> "SDG 3.b"; MDG targets keep their capital letter ("MDG 8.A"). */
export function goalLabel(code: string): string {
	const [fw = "", rest = ""] = code.split(":");
	return `${fw.toUpperCase()} ${rest}`;
}

/** Paragraphs of a stored text: blank lines separate them, single newlines stay breaks. */
function paragraphs(text: string) {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p, i) => (
			<p key={i}>
				{p.split("\n").map((line, j) => (
					<span key={j}>
						{j > 0 && <br />}
						{line}
					</span>
				))}
			</p>
		));
}

/**
 * The commitment's text as it is recorded: a quotation in the source's own words (with the
 * source and the place it is quoted from), or our summary, never one shown as the other.
 */
export function VerbatimText(props: { ctx: PageContext; detail: CommitmentDetail }) {
	const { ctx, detail } = props;
	const quoted = detail.text_kind === "verbatim" && detail.quote ? detail.quote : null;
	const source = quoted ? detail.sources[quoted.source] : undefined;
	const others = detail.sources.filter((s) => s !== source);
	return (
		<section id="text" aria-labelledby="text-heading" data-text-kind={detail.text_kind}>
			<h2 id="text-heading">{ctx.t(quoted ? cm.verbatim_heading : cm.summary_heading)}</h2>
			{quoted ? (
				<figure class="verbatim">
					<blockquote dir="auto" cite={source?.url ?? undefined}>
						{paragraphs(detail.text)}
					</blockquote>
					<figcaption>
						{labelled(ctx, common.source)} {source && <SourceCitation ctx={ctx} source={source} />}{" "}
						<span class="locator">{ctx.t(cm.quoted_at, { locator: quoted.locator })}</span>
					</figcaption>
				</figure>
			) : (
				<div class="summary-text" dir="auto">
					{paragraphs(detail.text)}
				</div>
			)}
			<p class="muted small">{ctx.t(quoted ? cm.verbatim_note : cm.summary_note)}</p>
			{others.length > 0 && (
				<>
					<h3>{ctx.t(common.sources)}</h3>
					<ul class="sources">
						{others.map((s) => (
							<li key={`${s.title}|${s.url ?? ""}`}>
								<SourceCitation ctx={ctx} source={s} />
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	);
}

function SourceCitation(props: { ctx: PageContext; source: CommitmentDetail["sources"][number] }) {
	const { ctx, source: s } = props;
	const extra = [
		s.document_symbol,
		s.published_on ? ctx.t(cm.published_on, { date: ctx.fmt.date(s.published_on) }) : null,
	].filter(Boolean);
	return (
		<>
			<cite dir="auto">
				{s.url ? (
					<a href={s.url} rel="noopener">
						{s.title}
					</a>
				) : (
					s.title
				)}
			</cite>
			{extra.length > 0 && <span class="muted"> ({extra.join(", ")})</span>}
		</>
	);
}

function Recipient(props: { ctx: PageContext; r: CommitmentDetail["recipients"][number] }) {
	const { ctx, r } = props;
	if (r.kind === "global") return <>{ctx.t(recipientKindNames.global)}</>;
	const code = r.code ?? "";
	if (r.kind === "country")
		return <a href={ctx.href(`/countries/${code.toUpperCase()}`)}>{ctx.fmt.country(code)}</a>;
	// Regions and groups have no page of their own: the explorer lists what targets them.
	return (
		<a href={ctx.href(`/commitments?recipient=${encodeURIComponent(code)}`)} dir="auto">
			{r.name ?? code}
		</a>
	);
}

/** Goals or targets served, each linked to its page with its title; nothing when none. */
function GoalFacts(props: { ctx: PageContext; label: string; path: string; codes: string[] }) {
	const { ctx } = props;
	if (props.codes.length === 0) return null;
	return (
		<>
			<dt>{props.label}</dt>
			<dd>
				<ul class="plain-list">
					{props.codes.map((g) => (
						<li key={g}>
							<a href={ctx.href(`${props.path}/${g}`)}>
								<span class="goal-chip">{goalLabel(g)}</span> {ctx.goalTitle(g)}
							</a>
						</li>
					))}
				</ul>
			</dd>
		</>
	);
}

export function CommitmentFacts(props: { ctx: PageContext; detail: CommitmentDetail }) {
	const { ctx, detail: d } = props;
	return (
		<section id="facts" aria-labelledby="facts-heading">
			<h2 id="facts-heading">{ctx.t(cm.facts_heading)}</h2>
			<dl class="facts">
				<dt>{ctx.t(cm.makers)}</dt>
				<dd>
					<ul class="inline-list">
						{d.makers.map((m) => (
							<li key={m.id}>
								<a href={ctx.href(`/stakeholders/${m.slug}`)}>
									<StakeholderName ctx={ctx} stakeholder={m} />
								</a>{" "}
								<span class="muted small">
									(
									{ctx.t(
										stakeholderKindNames[m.kind as StakeholderKind] ?? stakeholderKindNames.other,
									)}
									)
								</span>
							</li>
						))}
					</ul>
				</dd>
				<dt>{ctx.t(cm.forum)}</dt>
				<dd>
					{d.forum ? (
						<>
							<a href={ctx.href(`/forums/${d.forum.slug}`)} dir="auto">
								{d.forum.name}
							</a>{" "}
							<span class="muted small">
								({ctx.t(forumKindNames[d.forum.kind])}
								{d.forum.held_on ? `, ${ctx.fmt.date(d.forum.held_on)}` : ""})
							</span>
						</>
					) : (
						"—"
					)}
				</dd>
				<dt>{ctx.t(cm.announced)}</dt>
				<dd>{ctx.fmt.date(d.announced_on)}</dd>
				<GoalFacts ctx={ctx} label={ctx.t(common.goals)} path="/goals" codes={d.goals} />
				<GoalFacts ctx={ctx} label={ctx.t(common.targets)} path="/targets" codes={d.targets} />
				<dt>{ctx.t(common.recipients)}</dt>
				<dd>
					{d.recipients.length === 0 ? (
						"—"
					) : (
						<ul class="inline-list">
							{d.recipients.map((r) => (
								<li key={`${r.kind}:${r.code ?? ""}`}>
									<Recipient ctx={ctx} r={r} />
								</li>
							))}
						</ul>
					)}
				</dd>
				{d.sectors.length > 0 && (
					<>
						<dt>{ctx.t(common.sectors)}</dt>
						<dd>
							<ul class="inline-list">
								{d.sectors.map((s) => (
									<li key={s.code}>
										<span dir="auto">{s.name ?? s.code}</span>{" "}
										<span class="muted small">({s.code})</span>
									</li>
								))}
							</ul>
						</dd>
					</>
				)}
			</dl>
			{d.policy && (
				<>
					<h3>{ctx.t(cm.policy_heading)}</h3>
					<dl class="facts">
						<dt>{ctx.t(cm.policy_target)}</dt>
						<dd dir="auto">{d.policy.target}</dd>
						{d.policy.baseline && (
							<>
								<dt>{ctx.t(common.policy_baseline)}</dt>
								<dd dir="auto">{d.policy.baseline}</dd>
							</>
						)}
						<dt>{ctx.t(common.policy_deadline)}</dt>
						<dd>{ctx.fmt.date(d.policy.deadline)}</dd>
					</dl>
				</>
			)}
		</section>
	);
}
