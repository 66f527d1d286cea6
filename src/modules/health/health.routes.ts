/**
 * GET /healthz: 200 when the database answers, takes writes and the schema is current;
 * 503 otherwise (with Retry-After when it refuses writes, a state an operator must fix).
 * GET /readyz: whether a load balancer should send this process requests: 200 while the
 * database answers, 503 once the process is shutting down (from SIGTERM on, while the
 * requests in flight finish) so that traffic goes elsewhere.
 */
import type { FastifyInstance } from "fastify";
import { databaseUnavailable } from "../../db/errors.ts";

export function healthRoutes(
	app: FastifyInstance,
	health: { check(): Promise<{ status: string }>; answers(): Promise<boolean> },
): void {
	let closing = false;
	// preClose runs when app.close() starts, before the server stops taking connections.
	app.addHook("preClose", async () => {
		closing = true;
	});
	// A keep-alive connection would otherwise outlive its last answer and hold the
	// shutdown open until the client hangs up; "close" also tells it to go elsewhere.
	app.addHook("onSend", async (_request, reply, payload) => {
		if (closing) reply.header("connection", "close");
		return payload;
	});

	app.get("/healthz", async (_request, reply) => {
		try {
			const state = await health.check();
			reply.header("cache-control", "no-store");
			if (state.status === "not_writable") reply.header("retry-after", "60");
			return reply.status(state.status === "ok" ? 200 : 503).send(state);
		} catch (err) {
			// A database that is down (restarting, refusing connections) is a state to wait
			// out, like every other 503 of the service: it says when to ask again.
			const down = databaseUnavailable(err);
			if (down) {
				_request.log.warn({ err }, `health check: ${down.message}`);
				reply.header("retry-after", String(down.extra.retry_after));
			} else _request.log.error({ err }, "health check failed");
			return reply
				.status(503)
				.header("cache-control", "no-store")
				.send({ status: "unavailable", error: "the database does not answer" });
		}
	});

	app.get("/readyz", async (_request, reply) => {
		reply.header("cache-control", "no-store");
		if (closing) return reply.status(503).send({ status: "shutting_down" });
		if (!(await health.answers()))
			return reply
				.status(503)
				.send({ status: "unavailable", error: "the database does not answer" });
		return { status: "ready" };
	});
}
