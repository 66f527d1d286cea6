import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDialect } from "../helpers/app.ts";
import { call, person } from "../helpers/users.ts";

// A small budget for this file's process only: each test file runs in its own.
process.env.IIF_WRITE_RATE = "5/600";

describeEachDialect("the write budget of a signed-in user", (ctx) => {
	it("answers 429 with Retry-After past the budget, per user, and never for reading", async () => {
		const busy = await person(ctx());
		const other = await person(ctx());
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++)
			statuses.push(
				(await call(ctx(), busy, "POST", "/api/v1/tokens", { name: `client ${i}` })).status,
			);
		assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
		const refused = await call(ctx(), busy, "POST", "/api/v1/tokens", { name: "one more" });
		assert.equal(refused.body.code, "rate_limited");
		assert.ok(Number(refused.raw.headers["retry-after"]) > 0);
		assert.equal(
			(await call(ctx(), busy, "GET", "/api/v1/tokens")).status,
			200,
			"reading is not a write",
		);
		assert.equal(
			(await call(ctx(), other, "POST", "/api/v1/tokens", { name: "mine" })).status,
			201,
			"another user has a budget of their own",
		);
	});
});
