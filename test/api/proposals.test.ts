/**
 * A focal point's change to a published commitment's verbatim text, or to a commitment
 * made jointly, waits for the secretariat: 202 with the proposal, the record unchanged
 * until it is accepted, and a proposal rejected or withdrawn leaves the record as it was.
 */
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import type { CommitmentInput } from "../../src/modules/commitments/commitments.schemas.ts";
import { describeEachDialect } from "../helpers/app.ts";
import { anonymous, call, type Person, person } from "../helpers/users.ts";

let n = 0;
const pledge = (
	makers: string[],
	status: "draft" | "published" = "published",
): CommitmentInput => ({
	title: `Proposals test pledge ${++n}`,
	text: `The makers will provide USD ${n} million for clinics.`,
	text_kind: "verbatim",
	quote: { source: 0, locator: "para. 3" },
	kind: "financial",
	makers,
	goals: ["mdg:8"],
	financial: { amount: `${n}000000`, currency: "USD", frequency: "total" },
	sources: [{ title: "Communiqué", url: "https://example.org/communique" }],
	status,
});

describeEachDialect("proposed changes under review", (ctx) => {
	let focal: Person;
	let editor: Person;
	let canada: Person;
	let secretariat: Person;

	before(async () => {
		focal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		editor = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "editor" }],
		});
		canada = await person(ctx(), { memberships: [{ stakeholder: "canada", role: "focal_point" }] });
		secretariat = await person(ctx(), { role: "secretariat" });
	});

	const create = (makers: string[], status?: "draft" | "published") =>
		ctx().services.commitments.create(pledge(makers, status), cliActor);
	const auditCount = async () =>
		Number(
			(
				await ctx()
					.db.database.db.selectFrom("audit_event")
					.select((eb) => eb.fn.countAll().as("n"))
					.executeTakeFirstOrThrow()
			).n,
		);
	const proposalRows = async () =>
		Number(
			(
				await ctx()
					.db.database.db.selectFrom("commitment_proposal")
					.select((eb) => eb.fn.countAll().as("n"))
					.executeTakeFirstOrThrow()
			).n,
		);

	it("holds a change of a published text for review, and applies it when the secretariat accepts", async () => {
		const c = await create(["united-kingdom"]);
		const url = `/api/v1/commitments/${c.slug}`;
		const before = (await call(ctx(), anonymous, "GET", url)).body;
		const res = await call(ctx(), editor, "PATCH", url, {
			version: c.version,
			reason: "The communiqué says 'up to'",
			changes: { text: "The makers will provide up to USD 1 million for clinics." },
		});
		assert.equal(res.status, 202, JSON.stringify(res.body));
		assert.equal(res.body.version, c.version, "the version stays");
		assert.equal(res.body.proposal.state, "pending");
		assert.equal(res.body.proposal.review, "text");
		const id = res.body.proposal.id;

		// The public record is unchanged, and the proposal is not in its public history.
		const after = (await call(ctx(), anonymous, "GET", url)).body;
		assert.equal(after.text, before.text);
		assert.equal(after.version, before.version);
		const publicHistory = (await call(ctx(), anonymous, "GET", `${url}/history`)).body.items;
		assert.ok(!publicHistory.some((h: any) => h.action === "commitment.propose"));
		const makerHistory = (await call(ctx(), focal, "GET", `${url}/history`)).body.items;
		const proposed = makerHistory.find((h: any) => h.action === "commitment.propose");
		assert.deepEqual(proposed?.changed, ["text"]);

		// Nothing else changes while it waits.
		const again = await call(ctx(), focal, "PATCH", url, {
			version: c.version,
			changes: { title: "Renamed meanwhile" },
		});
		assert.equal(again.status, 409);
		assert.match(again.body.detail, new RegExp(`proposal ${id}`));

		// Who sees it: the secretariat and the makers' members; not another stakeholder, not anonymous.
		const queue = await call(ctx(), secretariat, "GET", "/api/v1/proposals");
		const item = queue.body.items.find((p: any) => p.id === id);
		assert.ok(item, "in the secretariat's queue");
		assert.deepEqual(
			item.differences.map((d: any) => [d.field, d.before, d.after]),
			[["text", before.text, "The makers will provide up to USD 1 million for clinics."]],
		);
		assert.equal(item.reason, "The communiqué says 'up to'");
		assert.equal((await call(ctx(), focal, "GET", `/api/v1/proposals/${id}`)).status, 200);
		assert.equal((await call(ctx(), canada, "GET", `/api/v1/proposals/${id}`)).status, 404);
		assert.ok(
			!(await call(ctx(), canada, "GET", "/api/v1/proposals")).body.items.some(
				(p: any) => p.id === id,
			),
		);
		assert.equal((await call(ctx(), anonymous, "GET", "/api/v1/proposals")).status, 401);

		const accepted = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/accept`, {});
		assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
		assert.equal(accepted.body.state, "accepted");
		assert.equal(accepted.body.commitment.version, c.version + 1);
		const now = (await call(ctx(), anonymous, "GET", url)).body;
		assert.equal(now.text, "The makers will provide up to USD 1 million for clinics.");
		const last = now.versions.at(-1);
		assert.equal(last.reason, "The communiqué says 'up to'");
		assert.deepEqual(last.changed, ["text"]);
		const history = (await call(ctx(), anonymous, "GET", `${url}/history`)).body.items;
		assert.deepEqual(history.at(-1).changed, ["text"], "the accepted change is a public update");

		const twice = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/accept`, {});
		assert.equal(twice.status, 409);
		assert.match(twice.body.detail, /was accepted/);
		// The commitment may change again.
		assert.equal(
			(
				await call(ctx(), focal, "PATCH", url, {
					version: c.version + 1,
					changes: { title: "Renamed after review" },
				})
			).status,
			200,
		);
		const verdict = await ctx().services.audit.verify();
		assert.equal(verdict.intact, true);
		assert.equal(verdict.events, await auditCount());
	});

	it("applies a summary's rewording at once, and holds turning it into a quotation", async () => {
		const c = await ctx().services.commitments.create(
			{ ...pledge(["united-kingdom"]), text_kind: "summary", quote: null },
			cliActor,
		);
		const url = `/api/v1/commitments/${c.slug}`;
		const reworded = await call(ctx(), focal, "PATCH", url, {
			version: c.version,
			changes: { text: "Our clearer summary of the pledge." },
		});
		assert.equal(reworded.status, 200, "a summary is our words");
		const quoted = await call(ctx(), focal, "PATCH", url, {
			version: c.version + 1,
			changes: { text_kind: "verbatim", quote: { source: 0, locator: "para. 9" } },
		});
		assert.equal(quoted.status, 202, "claiming the words are the source's is reviewed");
		assert.equal(quoted.body.proposal.review, "text");
	});

	it("applies other changes, and every change of a draft, at once", async () => {
		const published = await create(["united-kingdom"]);
		const res = await call(ctx(), focal, "PATCH", `/api/v1/commitments/${published.slug}`, {
			version: published.version,
			changes: { title: "A clearer title" },
		});
		assert.equal(res.status, 200);
		assert.equal(res.body.proposal, null);
		const draft = await create(["united-kingdom"], "draft");
		const drafted = await call(ctx(), focal, "PATCH", `/api/v1/commitments/${draft.slug}`, {
			version: draft.version,
			changes: { text: "Reworded while a draft." },
		});
		assert.equal(drafted.status, 200);
	});

	it("holds any change of a collective commitment, and of one made collective", async () => {
		const joint = await create(["united-kingdom", "canada"]);
		const res = await call(ctx(), canada, "PATCH", `/api/v1/commitments/${joint.slug}`, {
			version: joint.version,
			changes: { title: "Renamed by one of its makers" },
		});
		assert.equal(res.status, 202);
		assert.equal(res.body.proposal.review, "collective");
		assert.notEqual(
			(await call(ctx(), anonymous, "GET", `/api/v1/commitments/${joint.slug}`)).body.title,
			"Renamed by one of its makers",
		);
		const own = await create(["united-kingdom"]);
		const widened = await call(ctx(), focal, "PATCH", `/api/v1/commitments/${own.slug}`, {
			version: own.version,
			changes: { makers: ["united-kingdom", "canada"] },
		});
		assert.equal(widened.status, 202);
		assert.equal(widened.body.proposal.review, "collective");
	});

	it("rejects with a reason the proposer reads, and the record stays as it was", async () => {
		const c = await create(["united-kingdom"]);
		const url = `/api/v1/commitments/${c.slug}`;
		const before = (await call(ctx(), anonymous, "GET", url)).body;
		const { id } = (
			await call(ctx(), editor, "PATCH", url, {
				version: c.version,
				changes: { text: "Invented." },
			})
		).body.proposal;
		const noReason = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/reject`, {});
		assert.equal(noReason.status, 400);
		assert.equal(noReason.body.errors[0].name, "reason");
		const rejected = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/reject`, {
			reason: "Not in the source",
		});
		assert.equal(rejected.status, 200);
		const seen = (await call(ctx(), editor, "GET", `/api/v1/proposals/${id}`)).body;
		assert.equal(seen.state, "rejected");
		assert.equal(seen.decision_reason, "Not in the source");
		const after = (await call(ctx(), anonymous, "GET", url)).body;
		assert.deepEqual([after.text, after.version], [before.text, before.version]);
		const listed = await call(ctx(), editor, "GET", "/api/v1/proposals?state=rejected");
		assert.ok(listed.body.items.some((p: any) => p.id === id));
		const accept = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/accept`, {});
		assert.equal(accept.status, 409, "a rejected proposal cannot be accepted");
	});

	it("lets its proposer withdraw it, after which the commitment changes again", async () => {
		const c = await create(["united-kingdom"]);
		const url = `/api/v1/commitments/${c.slug}`;
		const { id } = (
			await call(ctx(), editor, "PATCH", url, { version: c.version, changes: { text: "Oops." } })
		).body.proposal;
		assert.equal(
			(await call(ctx(), canada, "POST", `/api/v1/proposals/${id}/withdraw`)).status,
			403,
		);
		const w = await call(ctx(), editor, "POST", `/api/v1/proposals/${id}/withdraw`);
		assert.equal(w.status, 200);
		assert.equal(w.body.state, "withdrawn");
		const next = await call(ctx(), editor, "PATCH", url, {
			version: c.version,
			changes: { text: "The right words." },
		});
		assert.equal(next.status, 202, "a new proposal may be made");
	});

	it("refuses to apply a proposal to a commitment closed meanwhile", async () => {
		const c = await create(["united-kingdom"]);
		const url = `/api/v1/commitments/${c.slug}`;
		const { id } = (
			await call(ctx(), editor, "PATCH", url, { version: c.version, changes: { text: "Late." } })
		).body.proposal;
		assert.equal(
			(await call(ctx(), focal, "POST", `${url}/complete`, { reason: "Paid in full" })).status,
			200,
		);
		const events = await auditCount();
		const accept = await call(ctx(), secretariat, "POST", `/api/v1/proposals/${id}/accept`, {});
		assert.equal(accept.status, 409);
		assert.match(accept.body.detail, /completed now/);
		assert.equal(await auditCount(), events, "nothing written");
		assert.notEqual((await call(ctx(), anonymous, "GET", url)).body.text, "Late.");
	});

	it("writes nothing for a refused change: no proposal, no audit event", async () => {
		const c = await create(["united-kingdom"]);
		const [rows, events] = [await proposalRows(), await auditCount()];
		const bad = await call(ctx(), editor, "PATCH", `/api/v1/commitments/${c.slug}`, {
			version: c.version,
			changes: { text: "" },
		});
		assert.equal(bad.status, 400);
		assert.equal(await proposalRows(), rows);
		assert.equal(await auditCount(), events);
		assert.equal(
			(await call(ctx(), secretariat, "GET", "/api/v1/proposals/99999999999")).status,
			404,
		);
		assert.equal(
			(await call(ctx(), secretariat, "POST", "/api/v1/proposals/abc/accept", {})).status,
			400,
		);
	});
});
