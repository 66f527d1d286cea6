/** (being written) */
import type { Database } from "../../db/database.ts";

export class CommentService {
	constructor(private readonly database: Database) {}

	get dialect() {
		return this.database.dialect;
	}
}
