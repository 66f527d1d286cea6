/**
 * The whole loop through the API, as the issue puts it: a focal point submits, the
 * secretariat publishes, the focal point updates and reports, a citizen comments, the
 * secretariat hides an abusive reply, an assessor scores, and the audit chain verifies.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { describeEachDialect } from "../helpers/app.ts";
import { anonymous, call, person } from "../helpers/users.ts";

describeEachDialect("the accountability loop", (ctx) => {
	it("runs from a draft to an assessed, discussed, audited commitment", async () => {
		const focal = await person(ctx(), {
			memberships: [{ stakeholder: "japan", role: "focal_point" }],
		});
		const secretariat = await person(ctx(), { role: "secretariat" });
		const citizen = await person(ctx());
		const troll = await person(ctx());
		const assessor = await person(ctx(), { role: "assessor" });

		const draft = await call(ctx(), focal, "POST", "/api/v1/commitments", {
			title: "Japan: universal health coverage support, 2016-2018",
			text: "Japan will provide USD 1.1 billion over 2016-2018 to strengthen health systems towards universal health coverage.",
			kind: "both",
			makers: ["japan"],
			targets: ["sdg:3.8"],
			recipients: [{ kind: "global" }],
			financial: {
				amount: "1100000000",
				currency: "USD",
				frequency: "total",
				period_start: "2016-01-01",
				period_end: "2018-12-31",
				additionality: "new",
			},
			policy: {
				target:
					"Health system strengthening in partner countries towards universal health coverage",
				deadline: "2018-12-31",
			},
			sources: [{ title: "Statement", url: "https://example.org/japan-uhc" }],
		});
		assert.equal(draft.status, 201, JSON.stringify(draft.body));
		const url = `/api/v1/commitments/${draft.body.slug}`;
		assert.equal((await call(ctx(), focal, "POST", `${url}/submit`, {})).body.status, "submitted");
		assert.equal(
			(await call(ctx(), secretariat, "POST", `${url}/publish`, {})).body.status,
			"published",
		);

		const current = await call(ctx(), anonymous, "GET", url);
		const updated = await call(
			ctx(),
			focal,
			"PATCH",
			url,
			{
				reason: "Disbursement plan published",
				changes: {
					financial: {
						...current.body.financial,
						amount: "1100000000",
						amount_minor: undefined,
						note: "Plan published in 2016",
					},
				},
			},
			{ "if-match": current.raw.headers.etag as string },
		);
		assert.equal(updated.status, 200, JSON.stringify(updated.body));

		const report = await call(ctx(), focal, "POST", `${url}/reports`, {
			kind: "maker",
			stakeholder: "japan",
			period_start: "2016-01-01",
			period_end: "2016-12-31",
			disbursed: {
				amount: "400000000",
				currency: "USD",
				by_year: [{ year: 2016, amount: "400000000" }],
			},
			policy_status: "in_progress",
			narrative: "A third of the pledge disbursed in the first year.",
		});
		assert.equal(report.status, 201, JSON.stringify(report.body));

		const comment = await call(ctx(), citizen, "POST", `${url}/comments`, {
			body: "Which countries received the 2016 tranche? See https://example.org/q",
		});
		assert.equal(comment.status, 201, JSON.stringify(comment.body));
		const abusive = await call(ctx(), troll, "POST", `${url}/comments`, {
			body: "You are all liars and thieves",
			parent_id: comment.body.id,
		});
		assert.equal(abusive.status, 201);
		assert.equal(
			(
				await call(ctx(), citizen, "POST", `/api/v1/comments/${abusive.body.id}/flag`, {
					reason: "Insults, no substance",
				})
			).status,
			200,
		);
		const queue = await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags");
		assert.ok(JSON.stringify(queue.body).includes(String(abusive.body.id)));
		assert.equal(
			(
				await call(ctx(), secretariat, "POST", `/api/v1/comments/${abusive.body.id}/hide`, {
					reason: "Personal attack",
				})
			).status,
			200,
		);
		const thread = await call(ctx(), anonymous, "GET", `${url}/comments`);
		const top = thread.body.items.find((c: any) => c.id === comment.body.id);
		const reply = top.replies.find((c: any) => c.id === abusive.body.id);
		assert.equal(reply.hidden, true);
		assert.equal(reply.body, null, "others see that a reply was hidden, not what it said");

		const assessment = await call(ctx(), assessor, "POST", `${url}/assessments`, {
			scheme: "compliance",
			maker_scores: [{ stakeholder: "japan", score: 1 }],
			rationale: "Disbursements reported for 2016 match the pledged schedule.",
			evidence: [{ title: "OECD CRS 2016", url: "https://example.org/crs" }],
		});
		assert.equal(assessment.status, 201, JSON.stringify(assessment.body));

		const history = await call(ctx(), focal, "GET", `${url}/history`);
		assert.deepEqual(
			history.body.items.map((e: any) => e.action),
			["commitment.create", "commitment.submit", "commitment.publish", "commitment.update"],
		);
		const publicHistory = await call(ctx(), anonymous, "GET", `${url}/history`);
		assert.deepEqual(
			publicHistory.body.items.map((e: any) => e.action),
			["commitment.publish", "commitment.update"],
		);
		const reports = await call(ctx(), anonymous, "GET", `${url}/reports`);
		assert.equal(reports.body.items[0].disbursed.amount, "400000000.00");
		const assessments = await call(ctx(), anonymous, "GET", `${url}/assessments`);
		assert.equal(assessments.body.summary.compliance.average, 1);

		const verdict = await ctx().services.audit.verify();
		assert.equal(verdict.intact, true);
		assert.ok(verdict.events > 10);
	});
});
