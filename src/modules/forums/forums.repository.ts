/** Stores and reads forums. */
import type { Kysely } from "kysely";
import { idsByRef } from "../../db/refs.ts";
import type { Tables } from "../../db/tables.ts";
import { canNameRecord, type RecordRef } from "../../lib/ids.ts";
import { toInt } from "../../lib/numbers.ts";
import type { ForumKind } from "../commitments/commitments.schemas.ts";

export interface ForumRecord {
	id: number;
	slug: string;
	name: string;
	kind: ForumKind;
	held_on: string | null;
	ends_on: string | null;
	place: string | null;
	document_symbol: string | null;
	url: string | null;
	description: string | null;
}

export interface ForumFilter {
	kinds?: string[];
	heldFrom?: string;
	heldTo?: string;
	nameLike?: string;
}

const recordColumns = [
	"id",
	"slug",
	"name",
	"kind",
	"held_on",
	"ends_on",
	"place",
	"document_symbol",
	"url",
	"description",
] as const;

export class ForumRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async idsByRef(refs: readonly RecordRef[]): Promise<Map<string, number>> {
		return idsByRef(this.db, "forum", refs);
	}

	async insert(f: Omit<ForumRecord, "id">, now: string): Promise<number> {
		const row = await this.db
			.insertInto("forum")
			.values({ ...f, created_at: now, updated_at: now })
			.returning("id")
			.executeTakeFirstOrThrow();
		return toInt(row.id);
	}

	private filtered(f: ForumFilter) {
		let q = this.db.selectFrom("forum");
		if (f.kinds?.length) q = q.where("kind", "in", f.kinds);
		if (f.heldFrom) q = q.where("held_on", ">=", f.heldFrom);
		if (f.heldTo) q = q.where("held_on", "<=", f.heldTo);
		if (f.nameLike) {
			const like = f.nameLike;
			q = q.where((eb) =>
				eb.or([
					eb(eb.fn("lower", ["name"]), "like", like),
					eb(eb.fn("lower", ["place"]), "like", like),
				]),
			);
		}
		return q;
	}

	async count(f: ForumFilter): Promise<number> {
		const row = await this.filtered(f)
			.select((eb) => eb.fn.countAll().as("n"))
			.executeTakeFirstOrThrow();
		return toInt(row.n);
	}

	async page(f: ForumFilter, offset: number, limit: number): Promise<ForumRecord[]> {
		const rows = await this.filtered(f)
			.select(recordColumns)
			.orderBy("held_on", (o) => o.desc().nullsLast())
			.orderBy("id", "desc")
			.limit(limit)
			.offset(offset)
			.execute();
		return rows.map((r) => ({ ...r, id: toInt(r.id), kind: r.kind as ForumKind }));
	}

	async find(ref: RecordRef): Promise<ForumRecord | null> {
		if (!canNameRecord(ref)) return null;
		const q = this.db.selectFrom("forum").select(recordColumns);
		const row = await ("id" in ref
			? q.where("id", "=", ref.id)
			: q.where("slug", "=", ref.slug)
		).executeTakeFirst();
		return row ? { ...row, id: toInt(row.id), kind: row.kind as ForumKind } : null;
	}

	async findMany(ids: number[]): Promise<Map<number, ForumRecord>> {
		if (ids.length === 0) return new Map();
		const rows = await this.db
			.selectFrom("forum")
			.select(recordColumns)
			.where("id", "in", ids)
			.execute();
		return new Map(
			rows.map((r) => [toInt(r.id), { ...r, id: toInt(r.id), kind: r.kind as ForumKind }]),
		);
	}
}
