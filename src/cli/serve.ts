/**
 * iif serve: migrates, loads reference data (when it changed), loads the demo on the
 * first start of an empty database (unless IIF_DEMO=off), then serves on PORT: in this
 * process, or in IIF_WORKERS worker processes (serve.cluster.ts) that skip the setup.
 */
import cluster from "node:cluster";
import { parseArgs } from "node:util";
import type { Database } from "../db/database.ts";
import { cliActor } from "../lib/actor.ts";
import { AppError } from "../lib/errors.ts";
import { buildApp } from "../server/app.ts";
import type { Services } from "../server/services.ts";
import { trustProxyWarning } from "../server/trust-proxy.ts";
import { openMigrated } from "./context.ts";
import { runPrimary, workerCount } from "./serve.cluster.ts";

export async function serveCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { port: { type: "string" }, host: { type: "string" }, workers: { type: "string" } },
		strict: true,
	});
	const portText = values.port ?? process.env.PORT ?? "3000";
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port < 0 || port > 65535)
		throw new AppError("invalid_input", `PORT must be a number from 0 to 65535, got '${portText}'`);
	const host = values.host ?? process.env.HOST ?? "0.0.0.0";
	const demo = process.env.IIF_DEMO ?? "auto";
	if (!["auto", "off"].includes(demo))
		throw new AppError("invalid_input", `IIF_DEMO must be auto or off, got '${demo}'`);

	const worker = cluster.isWorker && process.env.IIF_SERVE_WORKER === "1";
	const proxyWarning = trustProxyWarning(process.env.IIF_TRUST_PROXY);
	if (proxyWarning && !worker) console.warn(`warning: ${proxyWarning}`);
	const { database, services, applied } = await openMigrated();
	if (worker) return await listen(database, services, port, host, false);
	const workers = workerCount(values.workers ?? process.env.IIF_WORKERS, database.dialect);
	if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
	if ((await services.reference.ensureLoaded()).loaded) console.log("reference data loaded");
	if ((await services.statistics.ensureLoaded(cliActor)).loaded)
		console.log("official statistics loaded");
	// A database from before the analytics, or shipped rate tables that changed: the
	// figures are recomputed once, so no page shows numbers from other tables.
	if (await services.analytics.rebuildDue()) {
		const r = await services.analytics.rebuild({}, cliActor);
		console.log(
			`delivery figures rebuilt (${r.commitments} commitments, base year ${r.base_year})`,
		);
	}
	if (demo === "auto" && (await services.demo.shouldAutoLoad())) {
		const r = await services.demo.load();
		console.log(
			`empty database: demo dataset loaded (${r.created.commitments} commitments of public record)`,
		);
	}
	// Housekeeping every hour (every instance may run it: deleting what is expired is idempotent).
	const prune = () =>
		services.auth
			.prune()
			.catch((err: unknown) => console.error(`housekeeping failed: ${String(err)}`));
	await prune();
	setInterval(prune, 3600_000).unref();
	if (workers === 1) return await listen(database, services, port, host, true);
	// Workers run this same command line (node:cluster forks it again) and skip the setup.
	const { listening } = runPrimary(workers, () => database.close());
	const bound = await listening;
	console.log(
		`IIF serving ${database.dialect} (${database.location}) at http://localhost:${bound} with ${workers} worker processes`,
	);
	return await new Promise<number>(() => {});
}

/** Serves in this process until SIGTERM or SIGINT, which let requests in flight finish. */
async function listen(
	database: Database,
	services: Services,
	port: number,
	host: string,
	announce: boolean,
): Promise<number> {
	const app = await buildApp(services, { logger: { level: process.env.LOG_LEVEL ?? "info" } });
	const stop = async () => {
		await app.close();
		await database.close();
		process.exit(0);
	};
	process.once("SIGINT", stop);
	process.once("SIGTERM", stop);
	await app.listen({ port, host });
	if (announce)
		console.log(
			`IIF serving ${database.dialect} (${database.location}) at http://localhost:${(app.server.address() as { port: number }).port}`,
		);
	return await new Promise<number>(() => {});
}
