/**
 * The workspace's first page: the actor's stakeholders and their commitments in every
 * status with what can be done to each; the secretariat's queues; an assessor's list of
 * commitments to assess.
 */
import {
	type CommitmentListItem,
	isPublicStatus,
} from "../../../modules/commitments/commitments.schemas.ts";
import { makerNames, promisedAmount } from "../../components/commitment-table.tsx";
import { Layout } from "../../components/layout.tsx";
import { Pager } from "../../components/pager.tsx";
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { roleNames } from "../../i18n/enums.messages.ts";
import { problemText } from "../../i18n/problems.messages.ts";
import { pr } from "../../i18n/proposals.messages.ts";
import { workspace as w } from "../../i18n/workspace.messages.ts";
import type { StakeholderChoice } from "./access.ts";
import { Flash, StatusBadge } from "./parts.tsx";

export interface WorkspaceHomeData {
	stakeholders: (StakeholderChoice & { role: "focal_point" | "editor" })[];
	commitments: { items: CommitmentListItem[]; total: number; page: number; limit: number } | null;
	canDraft: boolean;
	secretariat: { submitted: number; flagged: number; proposed: number } | null;
	toAssess: ToAssess | null;
	done: string | undefined;
}

/** Which commitments an assessor's list shows: those nobody assessed yet, those assessed, or all. */
export const assessStates = ["unassessed", "assessed", "all"] as const;

export interface ToAssess {
	items: {
		commitment: CommitmentListItem;
		assessed: { count: number; latest: string } | null;
	}[];
	filters: { q: string; goal: string; state: (typeof assessStates)[number] };
	/** A filter that could not be used (an unknown goal, say): the list is then empty. */
	problem: string | null;
	/** More published commitments than the list reads: narrow it with the filters. */
	capped: boolean;
}

/** An assessor's list, chosen by words, goal and whether assessed; one GET form. */
function AssessList(props: { ctx: PageContext; data: ToAssess }) {
	const { ctx, data } = props;
	const goals = [...ctx.titles.values()].filter((t) => !t.code.includes("."));
	const stateNames = {
		unassessed: w.assess_state_unassessed,
		assessed: w.assess_state_assessed,
		all: w.assess_state_all,
	};
	return (
		<>
			<form method="get" action={ctx.href("/workspace")} class="assess-filters" id="assess-filters">
				<div class="field">
					<label for="assess_q">{ctx.t(w.assess_filter_words)}</label>
					<input type="search" id="assess_q" name="assess_q" value={data.filters.q} dir="auto" />
				</div>
				<div class="field">
					<label for="assess_goal">{ctx.t(common.goal)}</label>
					<select id="assess_goal" name="assess_goal">
						<option value="">{ctx.t(w.assess_filter_any_goal)}</option>
						{goals.map((g) => (
							<option key={g.code} value={g.code} selected={g.code === data.filters.goal}>
								{`${g.code.toUpperCase().replace(":", " ")} · ${g.short ?? g.title}`}
							</option>
						))}
					</select>
				</div>
				<div class="field">
					<label for="assess_state">{ctx.t(w.assess_filter_state)}</label>
					<select id="assess_state" name="assess_state">
						{assessStates.map((s) => (
							<option key={s} value={s} selected={s === data.filters.state}>
								{ctx.t(stateNames[s])}
							</option>
						))}
					</select>
				</div>
				<button type="submit">{ctx.t(common.show)}</button>
			</form>
			{data.problem && (
				<p class="error" role="alert">
					{problemText(ctx, data.problem)}
				</p>
			)}
			{data.items.length === 0 ? (
				<p class="muted" id="assess-none">
					{ctx.t(w.assess_none)}
				</p>
			) : (
				<ul id="assess-list">
					{data.items.map(({ commitment: c, assessed }) => (
						<li key={c.id}>
							<a href={ctx.href(`/commitments/${c.slug}`)} dir="auto">
								{c.title}
							</a>{" "}
							<span class="muted small">
								{assessed
									? ctx.t(w.assessed_already, {
											n: ctx.fmt.number(assessed.count),
											date: ctx.fmt.date(assessed.latest),
										})
									: ctx.t(w.assessed_never)}
							</span>{" "}
							·{" "}
							<a href={ctx.href(`/workspace/commitments/${c.slug}/assess`)}>
								{ctx.t(w.action_assess)}
							</a>
						</li>
					))}
				</ul>
			)}
			{data.capped && <p class="small muted">{ctx.t(w.assess_capped)}</p>}
		</>
	);
}

function MyCommitments(props: {
	ctx: PageContext;
	data: NonNullable<WorkspaceHomeData["commitments"]>;
}) {
	const { ctx, data } = props;
	if (data.items.length === 0) return <p class="muted">{ctx.t(w.no_commitments_yet)}</p>;
	return (
		<>
			<ScrollRegion label={ctx.t(w.my_commitments)}>
				<table class="workspace-commitments" id="my-commitments">
					<caption class="muted">
						{ctx.t(w.my_commitments_caption, { n: ctx.fmt.number(data.total) })}
					</caption>
					<thead>
						<tr>
							<th scope="col">{ctx.t(common.commitment)}</th>
							<th scope="col">{ctx.t(common.status)}</th>
							<th scope="col">{ctx.t(w.col_makers)}</th>
							<th scope="col" class="num">
								{ctx.t(common.amount)}
							</th>
							<th scope="col">{ctx.t(w.col_actions)}</th>
						</tr>
					</thead>
					<tbody>
						{data.items.map((c) => (
							<tr key={c.id} id={`commitment-${c.slug}`}>
								<td>
									<a href={ctx.href(`/workspace/commitments/${c.slug}/edit`)} dir="auto">
										{c.title}
									</a>
									<div class="muted small">{ctx.t(common.version_n, { n: c.version })}</div>
								</td>
								<td>
									<StatusBadge ctx={ctx} status={c.status} />
								</td>
								<td dir="auto">{makerNames(ctx, c.makers)}</td>
								<td class="num">{promisedAmount(ctx, c)}</td>
								<td>
									<ul class="actions">
										<li>
											<a href={ctx.href(`/workspace/commitments/${c.slug}/edit`)}>
												{c.status === "draft" || c.status === "published"
													? ctx.t(w.action_edit)
													: ctx.t(w.action_open)}
											</a>
										</li>
										{isPublicStatus(c.status) && (
											<li>
												<a href={ctx.href(`/workspace/commitments/${c.slug}/reports/new`)}>
													{ctx.t(w.action_report)}
												</a>
											</li>
										)}
										{isPublicStatus(c.status) && (
											<li>
												<a href={ctx.href(`/commitments/${c.slug}`)}>
													{ctx.t(w.action_public_page)}
												</a>
											</li>
										)}
									</ul>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
			<Pager
				ctx={ctx}
				page={data.page}
				total={data.total}
				limit={data.limit}
				hrefFor={(p) => ctx.href(`/workspace?page=${p}`)}
			/>
		</>
	);
}

export function WorkspaceHomePage(props: { ctx: PageContext; data: WorkspaceHomeData }) {
	const { ctx, data } = props;
	const actor = ctx.actor;
	const title = ctx.t(common.nav_workspace);
	return (
		<Layout ctx={ctx} title={title} section="workspace">
			<h1>{title}</h1>
			<p class="muted">
				{ctx.t(common.signed_in_as, { name: actor?.displayName ?? "" })}
				{actor?.role && <> · {ctx.t(roleNames[actor.role])}</>}
			</p>
			<Flash ctx={ctx} done={data.done} />

			{data.secretariat && (
				<section aria-labelledby="secretariat-heading" id="secretariat">
					<h2 id="secretariat-heading">{ctx.t(w.secretariat_heading)}</h2>
					<ul class="cards plain">
						<li class="card">
							<a href={ctx.href("/workspace/queue")} id="queue-link">
								{ctx.t(w.queue_title)}
							</a>
							<p class="figure-big">{ctx.fmt.number(data.secretariat.submitted)}</p>
						</li>
						<li class="card">
							<a href={ctx.href("/workspace/proposals")} id="proposals-link">
								{ctx.t(pr.title)}
							</a>
							<p class="figure-big">{ctx.fmt.number(data.secretariat.proposed)}</p>
						</li>
						<li class="card">
							<a href={ctx.href("/workspace/moderation")} id="moderation-link">
								{ctx.t(w.moderation_title)}
							</a>
							<p class="figure-big">{ctx.fmt.number(data.secretariat.flagged)}</p>
						</li>
					</ul>
				</section>
			)}

			{data.stakeholders.length > 0 && (
				<section aria-labelledby="stakeholders-heading" id="my-stakeholders">
					<h2 id="stakeholders-heading">{ctx.t(w.my_stakeholders)}</h2>
					<ul>
						{data.stakeholders.map((s) => (
							<li key={s.id}>
								<a href={ctx.href(`/stakeholders/${s.slug}`)} dir="auto">
									{s.name}
								</a>{" "}
								<span class="muted">({ctx.t(roleNames[s.role])})</span>
							</li>
						))}
					</ul>
				</section>
			)}

			{(data.commitments || data.canDraft) && (
				<section aria-labelledby="commitments-heading">
					<h2 id="commitments-heading">{ctx.t(w.my_commitments)}</h2>
					{data.canDraft && (
						<p>
							<a class="button" href={ctx.href("/workspace/commitments/new")} id="new-commitment">
								{ctx.t(w.new_commitment)}
							</a>
						</p>
					)}
					{data.commitments && <MyCommitments ctx={ctx} data={data.commitments} />}
				</section>
			)}

			{data.toAssess && (
				<section aria-labelledby="assess-heading" id="to-assess">
					<h2 id="assess-heading">{ctx.t(w.to_assess_heading)}</h2>
					<p class="muted">{ctx.t(w.to_assess_intro)}</p>
					<AssessList ctx={ctx} data={data.toAssess} />
				</section>
			)}

			{!data.secretariat && data.stakeholders.length === 0 && !data.toAssess && (
				<p class="notice" id="no-role">
					{ctx.t(w.no_role)}
				</p>
			)}
		</Layout>
	);
}
