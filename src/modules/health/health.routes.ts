/**
 * GET /healthz: 200 when the database answers, takes writes and the schema is current;
 * 503 otherwise (with Retry-After when it refuses writes, a state an operator must fix).
 */
import type { FastifyInstance } from "fastify";

export function healthRoutes(
	app: FastifyInstance,
	health: { check(): Promise<{ status: string }> },
): void {
	app.get("/healthz", async (_request, reply) => {
		try {
			const state = await health.check();
			reply.header("cache-control", "no-store");
			if (state.status === "not_writable") reply.header("retry-after", "60");
			return reply.status(state.status === "ok" ? 200 : 503).send(state);
		} catch (err) {
			_request.log.error({ err }, "health check failed");
			return reply
				.status(503)
				.header("cache-control", "no-store")
				.send({ status: "unavailable", error: "the database does not answer" });
		}
	});
}
