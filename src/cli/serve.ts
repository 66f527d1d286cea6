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
import { trackConnections } from "../server/connections.ts";
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

/**
 * How long requests in flight may take to finish after SIGTERM. Orchestrators kill a
 * process that has not stopped after a grace period of their own (ours promises 10 s),
 * so at this point what is still open is cut off, and the exit code says so.
 */
export const shutdownGraceMs = 8000;

/**
 * Serves in this process until SIGTERM or SIGINT. Then the port closes at once (new
 * connections are refused), /readyz answers 503 and every answer closes its connection
 * (health.routes.ts), requests in flight finish, and the process exits 0; a connection
 * still open after shutdownGraceMs (a client that never finishes its request, a stuck
 * query) is closed, and the process exits 1.
 */
async function listen(
	database: Database,
	services: Services,
	port: number,
	host: string,
	announce: boolean,
): Promise<number> {
	const app = await buildApp(services, { logger: { level: process.env.LOG_LEVEL ?? "info" } });
	const connections = trackConnections(app.server);
	let stopping = false;
	const stop = async () => {
		// A second signal (systemd signals every process of the group, and the primary
		// signals its workers too) changes nothing: the shutdown under way goes on. With
		// `once`, it fell to Node's default handler, which ended the worker at once and
		// cut off the requests it was finishing.
		if (stopping) return;
		stopping = true;
		let code = 0;
		// Until the port is closed and the last request answered, connections that carry
		// no request are closed as they are found (see connections.ts).
		const sweep = setInterval(() => connections.closeIdle(), 100);
		sweep.unref();
		const cutOff = setTimeout(() => {
			code = 1;
			app.server.getConnections((_err, open) => {
				console.error(
					`${open} connection${open === 1 ? "" : "s"} still open after ${shutdownGraceMs / 1000} s: closed`,
				);
				app.server.closeAllConnections();
			});
			// Should closing the database hang too, the promise of 10 s still holds.
			setTimeout(() => process.exit(1), 1500).unref();
		}, shutdownGraceMs);
		cutOff.unref();
		await app.close();
		await database.close();
		clearTimeout(cutOff);
		clearInterval(sweep);
		process.exit(code);
	};
	process.on("SIGINT", stop);
	process.on("SIGTERM", stop);
	await app.listen({ port, host });
	if (announce)
		console.log(
			`IIF serving ${database.dialect} (${database.location}) at http://localhost:${(app.server.address() as { port: number }).port}`,
		);
	return await new Promise<number>(() => {});
}
