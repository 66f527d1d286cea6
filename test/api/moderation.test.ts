import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDialect } from "../helpers/app.ts";
import { call, person } from "../helpers/users.ts";

describeEachDialect("the moderation queue", (ctx) => {
	it("keeps a reviewed comment out of the queue until someone flags it anew", async () => {
		const [author, first, second, secretariat] = [
			await person(ctx()),
			await person(ctx()),
			await person(ctx()),
			await person(ctx(), { role: "secretariat" }),
		];
		const c = await call(
			ctx(),
			author,
			"POST",
			"/api/v1/commitments/gavi-2011-pledging-conference/comments",
			{ body: "Strongly worded, but fair." },
		);
		const queued = async () =>
			JSON.stringify(
				(await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags")).body,
			).includes(`"id":${c.body.id},`);
		assert.equal(await queued(), false);
		assert.equal(
			(await call(ctx(), first, "POST", `/api/v1/comments/${c.body.id}/flag`, { reason: "Rude" }))
				.status,
			200,
		);
		assert.equal(await queued(), true);
		const before = await ctx().services.audit.count();
		const dismissed = await call(
			ctx(),
			secretariat,
			"POST",
			`/api/v1/comments/${c.body.id}/dismiss-flags`,
			{ reason: "Within the rules" },
		);
		assert.deepEqual(dismissed.body, { status: "ok", dismissed: 1 });
		assert.equal(await ctx().services.audit.count(), before + 1);
		assert.equal(await queued(), false);
		assert.equal(
			(await call(ctx(), secretariat, "POST", `/api/v1/comments/${c.body.id}/dismiss-flags`, {}))
				.status,
			409,
		);
		assert.equal(
			(
				await call(ctx(), second, "POST", `/api/v1/comments/${c.body.id}/flag`, {
					reason: "Still rude",
				})
			).status,
			200,
		);
		assert.equal(await queued(), true);
		const thread = await call(
			ctx(),
			author,
			"GET",
			"/api/v1/commitments/gavi-2011-pledging-conference/comments",
		);
		assert.equal(
			thread.body.items.find((x: any) => x.id === c.body.id).body,
			"Strongly worded, but fair.",
			"the comment was kept",
		);
	});
});
