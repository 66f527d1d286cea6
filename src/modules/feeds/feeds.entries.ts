/** What a feed says of each public event: a title a person can scan, a summary, links to the record. */
import type { AtomEntry } from "../../interchange/feeds/atom.ts";
import { urnUuid } from "../../interchange/feeds/atom.ts";
import { formatMinorUnits } from "../../lib/money.ts";
import { differences } from "../../lib/versioning.ts";
import type { FeedEvent } from "./feeds.repository.ts";

const json = "application/json";

const commitmentVerbs: Record<string, string> = {
	"commitment.create": "New commitment",
	"commitment.publish": "Published",
	"commitment.update": "Updated",
	"commitment.complete": "Completed",
	"commitment.withdraw": "Withdrawn",
};

/** Readers show summaries in lists: the first part of a long text is enough. */
export function clip(text: string, max = 600): string {
	const t = text.trim();
	return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function parsed(text: string | null): Record<string, unknown> | null {
	if (!text) return null;
	const v = JSON.parse(text) as unknown;
	return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
}

function commitmentSummary(e: Extract<FeedEvent, { type: "commitment" }>): string {
	const after = parsed(e.after) ?? {};
	const { reason, ...state } = after;
	const parts: string[] = [];
	if (e.action === "commitment.update") {
		const changed = differences(parsed(e.before), state).map((d) => d.field);
		if (changed.length) parts.push(`Changed: ${changed.join(", ")}.`);
	}
	if (typeof reason === "string") parts.push(`Why: ${reason}`);
	parts.push(clip(e.text));
	return parts.join("\n\n");
}

export function entryOf(e: FeedEvent): AtomEntry {
	const c = e.commitment;
	const common = {
		// The audit chain's hash is unique and never changes: a stable id for the entry.
		id: urnUuid(`iif audit event ${e.hash}`),
		updated: e.occurred_at,
	};
	switch (e.type) {
		case "commitment": {
			const fresh = e.action === "commitment.create" || e.action === "commitment.publish";
			return {
				...common,
				...(fresh ? { published: e.occurred_at } : {}),
				title: `${commitmentVerbs[e.action] ?? e.action}: ${c.title}`,
				links: [{ href: `/api/v1/commitments/${c.slug}`, type: json }],
				summary: commitmentSummary(e),
				categories: [{ term: "commitment" }, { term: e.kind }],
			};
		}
		case "report": {
			const money =
				e.disbursed_minor === null || e.currency === null
					? null
					: `Disbursed ${formatMinorUnits(e.disbursed_minor, e.currency)} ${e.currency}.`;
			const summary = [
				`Period ${e.period_start} to ${e.period_end}.`,
				money,
				e.policy_status ? `Policy status: ${e.policy_status.replace(/_/g, " ")}.` : null,
				clip(e.narrative),
			]
				.filter(Boolean)
				.join(" ");
			return {
				...common,
				...(e.action === "report.create" ? { published: e.occurred_at } : {}),
				title: `${e.action === "report.update" ? "Progress report updated" : "Progress report"} by ${e.stakeholder}: ${c.title}`,
				author: e.stakeholder,
				links: [
					{ href: `/api/v1/reports/${e.report_id}`, type: json },
					{ rel: "related", href: `/api/v1/commitments/${c.slug}`, type: json, title: c.title },
				],
				summary,
				categories: [{ term: "report" }, { term: e.report_kind }],
			};
		}
		case "assessment":
			return {
				...common,
				published: e.occurred_at,
				title: `Assessment (${e.scheme}${e.score ? `: ${e.score.replace(/_/g, " ")}` : ""}): ${c.title}`,
				author: e.assessor,
				links: [
					{ href: `/api/v1/assessments/${e.assessment_id}`, type: json },
					{ rel: "related", href: `/api/v1/commitments/${c.slug}`, type: json, title: c.title },
				],
				summary: clip(e.rationale),
				categories: [{ term: "assessment" }, { term: e.scheme }],
			};
		case "comment": {
			const thread =
				e.report_id === null
					? `/api/v1/commitments/${c.slug}/comments`
					: `/api/v1/reports/${e.report_id}/comments`;
			return {
				...common,
				...(e.action === "comment.create" ? { published: e.occurred_at } : {}),
				title: `${e.action === "comment.edit" ? "Comment edited" : "Comment"} by ${e.author} on ${c.title}`,
				author: e.author,
				links: [
					{ href: thread, type: json },
					{ rel: "related", href: `/api/v1/commitments/${c.slug}`, type: json, title: c.title },
				],
				content: e.body,
				categories: [{ term: "comment" }],
			};
		}
	}
}
