/** A round trip to the database. */
import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/tables.ts";

export class HealthRepository {
	constructor(private readonly db: Kysely<Tables>) {}

	async ping(): Promise<void> {
		await sql`select 1`.execute(this.db);
	}
}
