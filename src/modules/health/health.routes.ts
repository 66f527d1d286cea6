/** GET /healthz: 200 when the database answers and the schema is current, 503 otherwise. */
import type { FastifyInstance } from "fastify";

export function healthRoutes(
	app: FastifyInstance,
	services: { health: { check(): Promise<{ status: string }> } },
): void {
	app.get("/healthz", async (_request, reply) => {
		try {
			const health = await services.health.check();
			reply.header("cache-control", "no-store");
			return reply.status(health.status === "ok" ? 200 : 503).send(health);
		} catch (err) {
			_request.log.error({ err }, "health check failed");
			return reply
				.status(503)
				.header("cache-control", "no-store")
				.send({ status: "unavailable", error: "the database does not answer" });
		}
	});
}
