/**
 * Issue 13, part 1: `kill -9` of `iif serve` during a burst of concurrent writes from
 * several signed-in users: focal points update their commitments' pledged amounts and
 * file reports, citizens comment. After the kill, with the server's process gone:
 * - every write that was answered 2xx is in the database, as answered;
 * - none is half-applied: each stored comment, report and commitment version has its
 *   audit event (written in the same transaction), and no event lacks its row;
 * - the stored delivery figures equal a recomputation, and a rebuild changes nothing;
 * - `iif audit verify` passes; and the server starts again on the same database.
 * Several rounds, each killed at a random moment of its burst.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { runIif } from "../helpers/cli.ts";
import { type Served, signInOverHttp, startServe, waitForIdleBackends } from "../helpers/faults.ts";
import { createUser } from "../helpers/users.ts";

const rounds = 3;
const focalPoints = 4;
const citizens = 3;

type Session = Record<string, string>;

async function send(
	base: string,
	s: Session,
	method: string,
	path: string,
	body: unknown,
): Promise<{ status: number; body: any }> {
	const res = await fetch(`${base}${path}`, {
		method,
		headers: s,
		body: JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** What the server acknowledged (2xx), to look for after the kill. */
interface Acknowledged {
	comments: { id: number; body: string }[];
	reports: { id: number; narrative: string; amount: number }[];
	/** Per commitment, the highest version answered and the amount it carries. */
	versions: Map<number, { version: number; amount: number }>;
}

/** Published commitments of an amount made by one stakeholder alone: their focal point may update them directly. */
async function singleMakerCommitments(ctx: TestContext, n: number) {
	const rows = await ctx.db.database.db
		.selectFrom("commitment")
		.innerJoin("commitment_maker", "commitment_maker.commitment_id", "commitment.id")
		.innerJoin("stakeholder", "stakeholder.id", "commitment_maker.stakeholder_id")
		.select(["commitment.id", "stakeholder.slug"])
		.where("commitment.status", "=", "published")
		.where("commitment.amount_minor", "is not", null)
		.where(
			"commitment.id",
			"in",
			ctx.db.database.db
				.selectFrom("commitment_maker")
				.select("commitment_id")
				.groupBy("commitment_id")
				.having(sql<number>`count(*)`, "=", 1),
		)
		.orderBy("commitment.id")
		.execute();
	// One commitment per stakeholder, so that no two focal points edit the same one.
	const bySlug = new Map<string, number>();
	for (const r of rows) if (!bySlug.has(r.slug)) bySlug.set(r.slug, Number(r.id));
	const picked = [...bySlug.entries()].slice(0, n);
	assert.equal(picked.length, n, "enough commitments of one maker in the demo");
	return picked.map(([slug, id]) => ({ slug, id }));
}

describeEachDialect("kill -9 of iif serve during concurrent writes", (ctx) => {
	it(`keeps every acknowledged write, none half-applied, rollups and the audit chain sound (${rounds} kills)`, async (t) => {
		const env = {
			IIF_DATABASE_URL: ctx().db.url,
			IIF_DEMO: "off",
			// A burst, not abuse: the per-user budgets are not what this tests.
			IIF_COMMENT_RATE: "100000/600",
			IIF_WRITE_RATE: "100000/600",
		};
		const owned = await singleMakerCommitments(ctx(), focalPoints);
		const focal = [];
		for (const c of owned)
			focal.push({
				...c,
				user: await createUser(ctx(), {
					memberships: [{ stakeholder: c.slug, role: "focal_point" }],
				}),
			});
		const people = [];
		for (let i = 0; i < citizens; i++) people.push(await createUser(ctx()));
		const ack: Acknowledged = { comments: [], reports: [], versions: new Map() };
		let attempted = 0;
		let updates = 0;
		let unanswered = 0;

		// Whatever fails, no server is left running.
		let live: Served | null = null;
		t.after(() => live?.killAll());
		for (let round = 1; round <= rounds; round++) {
			const server = await startServe(env);
			live = server;
			const base = server.base;
			const sessions = await Promise.all(
				[...focal.map((f) => f.user), ...people].map((u) =>
					signInOverHttp(base, u.email, u.password),
				),
			);
			let stop = false;
			let sent = 0;
			const loop = async (work: () => Promise<void>) => {
				while (!stop) {
					attempted++;
					sent++;
					try {
						await work();
					} catch (e) {
						// No answer: the server died under the request. Its outcome is unknown, either is fine.
						if (!(e instanceof TypeError)) {
							stop = true;
							throw new Error(`${(e as Error).message}\nserver output:\n${server.output()}`);
						}
						unanswered++;
						return;
					}
				}
			};
			const focalLoops = focal.map(async (f, i) => {
				const s = sessions[i] as Session;
				const current = await fetch(`${base}/api/v1/commitments/${f.id}`, {
					headers: s,
				}).then((r) => r.json() as Promise<any>);
				let version: number = current.version;
				let n = 0;
				await loop(async () => {
					n++;
					if (n % 2 === 1) {
						const amount = 1_000_000 * (round * 1000 + n);
						const r = await send(base, s, "PATCH", `/api/v1/commitments/${f.id}`, {
							version,
							reason: `round ${round}, change ${n}`,
							changes: {
								financial: {
									...current.financial,
									amount: String(amount),
									amount_minor: undefined,
								},
							},
						});
						assert.equal(r.status, 200, JSON.stringify(r.body));
						version = r.body.version;
						updates++;
						ack.versions.set(f.id, { version, amount });
					} else {
						const amount = 1000 * (round * 1000 + n);
						const narrative = `Report ${round}.${n} by ${f.slug}`;
						const r = await send(base, s, "POST", `/api/v1/commitments/${f.id}/reports`, {
							kind: "maker",
							stakeholder: f.slug,
							period_start: "2020-01-01",
							period_end: "2020-12-31",
							disbursed: {
								amount: String(amount),
								currency: "USD",
								by_year: [{ year: 2020, amount: String(amount) }],
							},
							policy_status: "in_progress",
							narrative,
						});
						assert.equal(r.status, 201, JSON.stringify(r.body));
						ack.reports.push({ id: r.body.id, narrative, amount });
					}
				});
			});
			const citizenLoops = people.map((_, i) =>
				loop(async () => {
					const on = owned[(sent + i) % owned.length]?.id;
					const body = `Comment ${round}.${sent} from citizen ${i}`;
					const r = await send(
						base,
						sessions[focal.length + i] as Session,
						"POST",
						`/api/v1/commitments/${on}/comments`,
						{ body },
					);
					assert.equal(r.status, 201, JSON.stringify(r.body));
					ack.comments.push({ id: r.body.id, body });
				}),
			);
			// Killed at a random moment once every kind of write has been answered in this round.
			const before = { comments: ack.comments.length, reports: ack.reports.length, updates };
			const deadline = Date.now() + 30_000;
			while (
				!(
					ack.comments.length > before.comments &&
					ack.reports.length > before.reports &&
					updates > before.updates
				) &&
				Date.now() < deadline
			)
				await new Promise((r) => setTimeout(r, 20));
			await new Promise((r) => setTimeout(r, Math.random() * 1500));
			await server.killAll();
			await Promise.all([...focalLoops, ...citizenLoops]);
			stop = true;
			console.log(`kill -9 serve [${ctx().dialect}] round ${round}: killed after ${sent} writes`);
			if (ctx().dialect === "postgres") await waitForIdleBackends(ctx().db.url);
			await checkAfterKill(ctx(), ack);
		}
		console.log(
			`kill -9 serve [${ctx().dialect}]: ${rounds} kills, ${attempted} writes sent, ${ack.comments.length + ack.reports.length + updates} acknowledged (${ack.comments.length} comments, ${ack.reports.length} reports, ${updates} updates), ${unanswered} cut off by the kill`,
		);
		assert.ok(ack.comments.length > 0 && ack.reports.length > 0 && ack.versions.size > 0);
		// And the server starts again on the same database, and answers.
		const server = await startServe(env);
		try {
			const health = await fetch(`${server.base}/healthz`);
			assert.equal(health.status, 200, await health.text());
		} finally {
			await server.stop();
		}
	});
});

async function checkAfterKill(ctx: TestContext, ack: Acknowledged): Promise<void> {
	const db = ctx.db.database.db;
	// Every acknowledged write is there, as it was answered.
	const comments = new Map(
		(await db.selectFrom("comment").select(["id", "body"]).execute()).map((c) => [
			Number(c.id),
			c.body,
		]),
	);
	for (const c of ack.comments) assert.equal(comments.get(c.id), c.body, `comment ${c.id}`);
	const reports = new Map(
		(
			await db
				.selectFrom("progress_report")
				.select(["id", "narrative", "disbursed_minor"])
				.execute()
		).map((r) => [Number(r.id), { narrative: r.narrative, minor: Number(r.disbursed_minor) }]),
	);
	for (const r of ack.reports)
		assert.deepEqual(
			reports.get(r.id),
			{ narrative: r.narrative, minor: r.amount * 100 },
			`report ${r.id}`,
		);
	for (const [id, v] of ack.versions) {
		const row = await db
			.selectFrom("commitment")
			.select(["version", "amount_minor"])
			.where("id", "=", id)
			.executeTakeFirstOrThrow();
		// A later update may have committed without its answer reaching the client.
		assert.ok(row.version >= v.version, `commitment ${id}: version ${row.version} < ${v.version}`);
		const stored = await db
			.selectFrom("commitment_version")
			.select("snapshot")
			.where("commitment_id", "=", id)
			.where("version", "=", v.version)
			.executeTakeFirst();
		assert.ok(stored, `commitment ${id} version ${v.version} is in its history`);
		assert.match(stored.snapshot, new RegExp(`"${v.amount}(\\.00)?"|${v.amount * 100}`));
	}

	// None half-applied: rows and the audit events of their writes match one to one.
	const events = async (action: string) =>
		(await db.selectFrom("audit_event").select("object_id").where("action", "=", action).execute())
			.map((e) => Number(e.object_id))
			.sort((a, b) => a - b);
	const ids = (rows: { id: number | string }[]) =>
		rows.map((r) => Number(r.id)).sort((a, b) => a - b);
	assert.deepEqual(
		await events("comment.create"),
		ids(await db.selectFrom("comment").select("id").execute()),
	);
	assert.deepEqual(
		await events("report.create"),
		ids(await db.selectFrom("progress_report").select("id").execute()),
	);
	for (const id of ack.versions.keys()) {
		const row = await db
			.selectFrom("commitment")
			.select("version")
			.where("id", "=", id)
			.executeTakeFirstOrThrow();
		const versions = await db
			.selectFrom("commitment_version")
			.select(sql<number>`max(version)`.as("v"))
			.where("commitment_id", "=", id)
			.executeTakeFirstOrThrow();
		assert.equal(Number(versions.v), row.version, `commitment ${id}: history ends at its version`);
	}
	const updates = await events("commitment.update");
	for (const id of ack.versions.keys()) {
		const stored = await db
			.selectFrom("commitment_version")
			.select(sql<number>`count(*)`.as("n"))
			.where("commitment_id", "=", id)
			.where("reason", "like", "round %")
			.executeTakeFirstOrThrow();
		assert.equal(
			updates.filter((e) => e === id).length,
			Number(stored.n),
			`commitment ${id}: one audit event per stored update`,
		);
	}

	// The stored figures equal a recomputation, and a rebuild from the records changes nothing.
	const check = await ctx.services.analytics.rollupCheck();
	assert.deepEqual(check.maintained, check.recomputed);
	await ctx.services.analytics.rebuild({ reconvert: false });
	assert.deepEqual((await ctx.services.analytics.rollupCheck()).maintained, check.maintained);

	const verify = await runIif(["audit", "verify"], { IIF_DATABASE_URL: ctx.db.url });
	assert.equal(verify.code, 0, verify.stderr);
}
