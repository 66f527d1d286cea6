/**
 * A running application over a fresh database of one dialect, with the reference data
 * and (by default) the demo dataset loaded through the services, as `iif serve` does.
 */
import { after, before, describe } from "node:test";
import type { FastifyInstance } from "fastify";
import type { DialectName } from "../../src/db/database.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServices, type Services } from "../../src/server/services.ts";
import { dialects, skipReason, type TestDatabase } from "./databases.ts";
import { preparedDatabase } from "./templates.ts";

export interface AppOptions {
	demo?: boolean;
	/** A fixed today (YYYY-MM-DD) for what depends on the date: expected-by-now, traffic lights. */
	today?: string;
}

export interface TestContext {
	dialect: DialectName;
	app: FastifyInstance;
	services: Services;
	db: TestDatabase;
	/** GET a path and parse the JSON answer. */
	get(url: string): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

export async function startTestApp(
	dialect: DialectName,
	options: AppOptions = {},
): Promise<TestContext> {
	const today = options.today;
	const servicesOf = (database: TestDatabase) =>
		createServices(database.database, today ? { analytics: { today: () => today } } : {});
	const db = await preparedDatabase(dialect, { demo: options.demo !== false, today }, async (t) => {
		const services = servicesOf(t);
		await services.reference.ensureLoaded();
		await services.statistics.ensureLoaded();
		if (options.demo !== false) await services.demo.load();
	});
	const services = servicesOf(db);
	const app = await buildApp(services);
	return {
		dialect,
		app,
		services,
		db,
		async get(url: string) {
			const res = await app.inject({ method: "GET", url });
			const type = String(res.headers["content-type"] ?? "");
			return {
				status: res.statusCode,
				body: type.includes("json") ? res.json() : res.body,
				headers: res.headers,
			};
		},
	};
}

/**
 * Runs the same suite on SQLite and on PostgreSQL. `body` receives a getter because the
 * context exists only once `before` has run.
 */
export function describeEachDialect(
	title: string,
	body: (ctx: () => TestContext) => void,
	options: AppOptions = {},
): void {
	for (const dialect of dialects) {
		describe(`${title} [${dialect}]`, { skip: skipReason(dialect) }, () => {
			let ctx: TestContext | undefined;
			before(async () => {
				ctx = await startTestApp(dialect, options);
			});
			after(async () => {
				await ctx?.app.close();
				await ctx?.db.drop();
			});
			body(() => {
				if (!ctx) throw new Error("test context not ready");
				return ctx;
			});
		});
	}
}
