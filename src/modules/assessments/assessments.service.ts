/** (being written) */
import type { Database } from "../../db/database.ts";

export class AssessmentService {
	constructor(private readonly database: Database) {}

	get dialect() {
		return this.database.dialect;
	}
}
