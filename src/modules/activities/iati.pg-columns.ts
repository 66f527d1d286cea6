/**
 * A batch of activity rows as PostgreSQL receives them: each table's columns as array
 * literals, per statement. The import's reading worker builds them (see db/pg-literals.ts
 * for why); the writer adds only each child row's activity_id, known once the activities
 * are written, from `owners`: the position in the batch of each row's activity.
 */
import { pgArrayLiteral, pgRowsPerStatement } from "../../db/pg-literals.ts";
import { type ActivityRows, type ChildTable, childTables, columns } from "./iati.rows.ts";

export interface PgColumnStatement {
	/** One per column of the table, activity_id left out. */
	literals: string[];
	/** Child tables: for each row, the position in the batch of its activity. */
	owners: number[];
}

export interface PgBatchColumns {
	identifiers: string[];
	activity: PgColumnStatement[];
	children: Partial<Record<ChildTable, PgColumnStatement[]>>;
}

export function pgBatchColumns(rows: readonly ActivityRows[]): PgBatchColumns {
	const activityRowsOf = rows.map((r, i) => ({ owner: i, values: r.activity }));
	const out: PgBatchColumns = {
		identifiers: rows.map((r) => r.identifier),
		activity: statements(activityRowsOf, columns.activity.length, 0),
		children: {},
	};
	for (const table of childTables) {
		const tableRows: { owner: number; values: unknown[] }[] = [];
		rows.forEach((r, i) => {
			for (const values of r.children[table]) tableRows.push({ owner: i, values });
		});
		// activity_id, the first column, is the writer's to fill in.
		if (tableRows.length) out.children[table] = statements(tableRows, columns[table].length, 1);
	}
	return out;
}

function statements(
	rows: readonly { owner: number; values: unknown[] }[],
	width: number,
	from: number,
): PgColumnStatement[] {
	const out: PgColumnStatement[] = [];
	for (let start = 0; start < rows.length; start += pgRowsPerStatement) {
		const part = rows.slice(start, start + pgRowsPerStatement);
		const literals: string[] = [];
		for (let c = from; c < width; c++) literals.push(pgArrayLiteral(part.map((r) => r.values[c])));
		out.push({ literals, owners: part.map((r) => r.owner) });
	}
	return out;
}
