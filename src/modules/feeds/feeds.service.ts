/**
 * Atom feeds of public changes: everything, or what concerns one commitment, stakeholder,
 * goal or country. Public to all and the same for all: drafts, hidden and deleted
 * comments never appear, whoever asks.
 */
import type { Database } from "../../db/database.ts";
import { type AtomFeed, type AtomLink, urnUuid } from "../../interchange/feeds/atom.ts";
import { AppError } from "../../lib/errors.ts";
import { parseRecordRef } from "../../lib/ids.ts";
import { publicStatuses } from "../commitments/commitments.schemas.ts";
import { findVisibleCommitment } from "../commitments/commitments.visible.ts";
import { CountryRepository } from "../countries/countries.repository.ts";
import { StakeholderRepository } from "../stakeholders/stakeholders.repository.ts";
import { entryOf } from "./feeds.entries.ts";
import { type FeedEvent, FeedRepository, type FeedScope } from "./feeds.repository.ts";

/** Entries per feed: the newest changes; older ones are in the API and the dumps. */
export const feedSize = 50;

export type FeedRequest =
	| { kind: "all" }
	| { kind: "commitment"; ref: string }
	| { kind: "stakeholder"; ref: string }
	| { kind: "goal"; code: string }
	| { kind: "country"; code: string };

interface Resolved {
	scope: FeedScope;
	title: string;
	/** The canonical path of the feed, by id: its self link and the seed of its id. */
	self: string;
	alternate: AtomLink;
}

const json = "application/json";

/** One public change as a page lists it: what happened, when, to which commitment, by whom. */
export interface RecentChange {
	at: string;
	type: FeedEvent["type"];
	/** The audit action: commitment.publish, report.create, comment.edit ... */
	action: string;
	commitment: { id: number; slug: string; title: string };
	/** The reporting stakeholder, the assessor or the comment's author; null for commitment events. */
	by: string | null;
	/** The report, assessment or comment the event is about; null for commitment events. */
	record_id: number | null;
}

function recentChange(e: FeedEvent): RecentChange {
	const base = { at: e.occurred_at, type: e.type, action: e.action, commitment: e.commitment };
	switch (e.type) {
		case "commitment":
			return { ...base, by: null, record_id: null };
		case "report":
			return { ...base, by: e.stakeholder, record_id: e.report_id };
		case "assessment":
			return { ...base, by: e.assessor, record_id: e.assessment_id };
		case "comment":
			return { ...base, by: e.author, record_id: e.comment_id };
	}
}

/** Goals in feed paths: sdg-3 (URL-safe); sdg:3 is understood too. */
export function goalFeedCode(goalId: string): string {
	return goalId.replace(":", "-");
}

/** Where each kind of feed lives, for links from the API and the pages. */
export const feedPaths = {
	all: "/feeds/all.atom",
	commitment: (id: number | string) => `/feeds/commitments/${id}.atom`,
	stakeholder: (id: number | string) => `/feeds/stakeholders/${id}.atom`,
	goal: (goalId: string) => `/feeds/goals/${goalFeedCode(goalId)}.atom`,
	country: (code: string) => `/feeds/countries/${code.toUpperCase()}.atom`,
};

export class FeedService {
	constructor(private readonly database: Database) {}

	private get db() {
		return this.database.db;
	}

	async feed(request: FeedRequest): Promise<AtomFeed> {
		const r = await this.resolve(request);
		const repo = new FeedRepository(this.db);
		const [events, origin] = await Promise.all([
			repo.events(r.scope, publicStatuses, feedSize),
			repo.origin(),
		]);
		const entries = events.map(entryOf);
		return {
			id: urnUuid(`iif feed ${origin?.hash ?? "empty"} ${r.self}`),
			title: r.title,
			updated: entries[0]?.updated ?? origin?.occurred_at ?? "1970-01-01T00:00:00Z",
			self: r.self,
			links: [r.alternate],
			author: "IIF (Integrated Implementation Framework)",
			entries,
		};
	}

	/**
	 * The newest entries of a feed as data, for pages ("latest updates"): the same public
	 * events as the Atom feed, newest first, at most `limit` (and never more than a feed).
	 */
	async recent(request: FeedRequest = { kind: "all" }, limit = 10): Promise<RecentChange[]> {
		const r = await this.resolve(request);
		const size = Math.max(1, Math.min(limit, feedSize));
		const events = await new FeedRepository(this.db).events(r.scope, publicStatuses, size);
		return events.map(recentChange);
	}

	private async resolve(request: FeedRequest): Promise<Resolved> {
		switch (request.kind) {
			case "all":
				return {
					scope: { kind: "all" },
					title: "IIF: new and updated commitments, reports, assessments and comments",
					self: feedPaths.all,
					alternate: { href: "/api/v1/commitments", type: json },
				};
			case "commitment": {
				const ref = parseRecordRef(request.ref);
				// Feeds are public: what no one signed out may see (a draft) has none, for anyone.
				const found = ref ? await findVisibleCommitment(this.db, ref, null) : null;
				if (!found) throw AppError.notFound("commitment", request.ref);
				const row = found.row;
				return {
					scope: { kind: "commitment", id: row.id as number },
					title: `IIF: ${row.title}`,
					self: feedPaths.commitment(row.id as number),
					alternate: { href: `/api/v1/commitments/${row.slug}`, type: json },
				};
			}
			case "stakeholder": {
				const ref = parseRecordRef(request.ref);
				const s = ref ? await new StakeholderRepository(this.db).find(ref) : null;
				if (!s) throw AppError.notFound("stakeholder", request.ref);
				return {
					scope: { kind: "stakeholder", id: s.id },
					title: `IIF: commitments of ${s.name}`,
					self: feedPaths.stakeholder(s.id),
					alternate: { href: `/api/v1/stakeholders/${s.slug}`, type: json },
				};
			}
			case "goal": {
				const m = /^(mdg|sdg)[-:](\d{1,2})$/i.exec(request.code);
				const id = m ? `${(m[1] as string).toLowerCase()}:${Number(m[2])}` : null;
				const goal = id ? await new FeedRepository(this.db).goal(id) : null;
				if (!goal) throw AppError.notFound("goal", request.code);
				return {
					scope: { kind: "goal", id: goal.id },
					title: `IIF: ${goal.id.toUpperCase()} ${goal.title}`,
					self: feedPaths.goal(goal.id),
					alternate: { href: `/api/v1/commitments?goal=${goal.id}`, type: json },
				};
			}
			case "country": {
				const code = request.code.toUpperCase();
				const country = /^[A-Z]{2}$/.test(code)
					? await new CountryRepository(this.db).find(code, "en")
					: null;
				if (!country) throw AppError.notFound("country", request.code);
				return {
					scope: { kind: "country", code },
					title: `IIF: commitments for or by ${country.name}`,
					self: feedPaths.country(code),
					alternate: { href: `/api/v1/countries/${code}`, type: json },
				};
			}
		}
	}
}
