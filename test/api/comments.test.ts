import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { cliActor } from "../../src/lib/actor.ts";
import { AuditRepository } from "../../src/modules/audit/audit.repository.ts";
import {
	commentThread,
	commentView,
	moderationList,
} from "../../src/modules/comments/comments.schemas.ts";
import {
	CommentService,
	defaultCommentRate,
	parseCommentRate,
} from "../../src/modules/comments/comments.service.ts";
import { buildApp } from "../../src/server/app.ts";
import { describeEachDialect, type TestContext } from "../helpers/app.ts";
import { anonymous, call, type Person, person, withToken } from "../helpers/users.ts";

const demoSlug = "gleneagles-2005-oda-increase";
const onDemo = `/api/v1/commitments/${demoSlug}/comments`;
const minute = 60_000;

describeEachDialect("comments", (ctx) => {
	let alice: Person;
	let bob: Person;
	let carol: Person;
	let ukFocal: Person;
	let secretariat: Person;
	let admin: Person;
	/** The same database served by a second instance whose clock runs `skew` ms ahead, allowing 3 comments per 600 s. */
	let alt: TestContext;
	let skew = 0;
	let draftSlug: string;
	let reportId: number;
	let otherSlug: string;

	const db = () => ctx().db.database.db;
	const post = (p: Person, url: string, body?: unknown, c: TestContext = ctx()) =>
		call(c, p, "POST", url, body);
	const thread = (p: Person, url = onDemo) => call(ctx(), p, "GET", url);
	const events = async (id: number) =>
		(await new AuditRepository(db(), ctx().dialect).forObject("comment", String(id))).map((e) => ({
			action: e.action,
			before: e.before === null ? null : JSON.parse(e.before),
			after: e.after === null ? null : JSON.parse(e.after),
		}));
	/** Every stored comment and flag, and the length of the audit log: what a refused write must leave alone. */
	const snapshot = async () => ({
		comments: await db().selectFrom("comment").selectAll().orderBy("id").execute(),
		flags: await db()
			.selectFrom("comment_flag")
			.selectAll()
			.orderBy("comment_id")
			.orderBy("user_id")
			.execute(),
		audit: await ctx().services.audit.count(),
	});
	const comment = async (p: Person, body: string, url = onDemo, parent_id?: number) => {
		const res = await post(p, url, parent_id === undefined ? { body } : { body, parent_id });
		assert.equal(res.status, 201, JSON.stringify(res.body));
		return res.body.id as number;
	};
	/** A comment anywhere in a thread, by id. */
	const find = (items: any[], id: number): any => {
		for (const c of items) {
			if (c.id === id) return c;
			const inner = find(c.replies, id);
			if (inner) return inner;
		}
		return undefined;
	};

	before(async () => {
		alice = await person(ctx());
		bob = await person(ctx());
		carol = await person(ctx());
		ukFocal = await person(ctx(), {
			memberships: [{ stakeholder: "united-kingdom", role: "focal_point" }],
		});
		secretariat = await person(ctx(), { role: "secretariat" });
		admin = await person(ctx(), { role: "admin" });
		const base = ctx();
		const services = {
			...base.services,
			comments: new CommentService(base.services.database, () => Date.now() + skew, {
				count: 3,
				seconds: 600,
			}),
		};
		alt = { ...base, services, app: await buildApp(services) };
		const pledge = (title: string, status: "draft" | "published") =>
			ctx().services.commitments.create(
				{
					title,
					text: "A pledge to comment on.",
					kind: "financial",
					makers: ["united-kingdom"],
					goals: ["mdg:8"],
					financial: { amount: "1000000", currency: "USD", frequency: "total" },
					status,
				},
				cliActor,
			);
		draftSlug = (await pledge("A draft pledge nobody may comment on", "draft")).slug;
		otherSlug = (await pledge("Another published pledge", "published")).slug;
		reportId = (
			await ctx().services.reports.create(
				otherSlug,
				{
					kind: "maker",
					stakeholder: "united-kingdom",
					period_start: "2016-01-01",
					period_end: "2016-12-31",
					policy_status: "in_progress",
					narrative: "Under way.",
				},
				cliActor,
			)
		).id;
	});

	after(async () => {
		await alt?.app.close();
	});

	it("lets a citizen comment on a public commitment: stored as written, answered as a view", async () => {
		const auditBefore = await ctx().services.audit.count();
		const written = "  Where is the money?\n<b>Not bold</b> & see https://example.org/a_(b).  ";
		const res = await post(alice, onDemo, { body: written });
		assert.equal(res.status, 201, JSON.stringify(res.body));
		assert.deepEqual(commentView.parse(res.body), res.body, "the schema documents the answer");
		assert.equal(res.body.body, written.trim(), "trimmed, otherwise exactly as written");
		assert.equal(res.body.parent_id, null);
		assert.equal(res.body.author.id, alice.id);
		assert.match(res.body.author.display_name, /^Person \d+$/);
		assert.equal(res.body.deleted, false);
		assert.equal(res.body.hidden, false);
		assert.equal(res.body.edited_at, null);
		assert.equal(res.body.hidden_reason, null);
		assert.equal(res.body.flags, null, "flag counts are for the secretariat");
		assert.deepEqual(res.body.replies, []);
		assert.ok(Math.abs(Date.parse(res.body.created_at) - Date.now()) < minute);

		const stored = await db()
			.selectFrom("comment")
			.selectAll()
			.where("id", "=", res.body.id)
			.executeTakeFirstOrThrow();
		assert.equal(stored.body, written.trim());
		assert.equal(stored.report_id, null);
		assert.equal(await ctx().services.audit.count(), auditBefore + 1);
		const [event] = await events(res.body.id);
		assert.equal(event?.action, "comment.create");
		assert.equal(event?.before, null);
		assert.equal(event?.after.body, written.trim());
		assert.equal(event?.after.author_id, alice.id);

		const byId = (await ctx().get(`/api/v1/commitments/${demoSlug}`)).body.id;
		const numeric = await post(bob, `/api/v1/commitments/${byId}/comments`, {
			body: "By numeric id",
		});
		assert.equal(numeric.status, 201);
		const listed = await thread(anonymous);
		assert.ok(find(listed.body.items, numeric.body.id), "the id and the slug name one thread");
		// 5000 characters is the most, counted after trimming.
		const longest = await post(carol, onDemo, { body: `  ${"x".repeat(5000)}\n` });
		assert.equal(longest.status, 201);
		assert.equal(longest.body.body.length, 5000);
	});

	it("nests replies in the thread, oldest first, for everyone to read", async () => {
		const first = await comment(alice, "A first question");
		const reply = await comment(bob, "An answer", onDemo, first);
		const replyToReply = await comment(alice, "Thanks", onDemo, reply);
		const later = await comment(carol, "Another topic");
		const res = await thread(anonymous);
		assert.equal(res.status, 200);
		assert.deepEqual(commentThread.parse(res.body), res.body);
		assert.match(String(res.raw.headers["cache-control"]), /^public/);
		const ids = res.body.items.map((c: any) => c.id);
		assert.deepEqual(
			ids,
			[...ids].sort((a: number, b: number) => a - b),
			"top level oldest first",
		);
		assert.ok(ids.includes(first) && ids.includes(later));
		assert.ok(!ids.includes(reply), "a reply is not at the top level");
		const top = find(res.body.items, first);
		assert.deepEqual(
			top.replies.map((c: any) => c.id),
			[reply],
		);
		assert.equal(top.replies[0].parent_id, first);
		assert.equal(top.replies[0].body, "An answer");
		assert.deepEqual(
			top.replies[0].replies.map((c: any) => c.id),
			[replyToReply],
		);
		const count = (items: any[]): number => items.reduce((n, c) => n + 1 + count(c.replies), 0);
		assert.equal(res.body.total, count(res.body.items), "total counts replies too");
		const mine = await thread(alice);
		assert.match(String(mine.raw.headers["cache-control"]), /private/);
	});

	it("keeps a commitment's comments and each report's comments in separate threads", async () => {
		const onReport = `/api/v1/reports/${reportId}/comments`;
		const onOther = `/api/v1/commitments/${otherSlug}/comments`;
		const r = await comment(alice, "On the report", onReport);
		const c = await comment(bob, "On the commitment", onOther);
		const reply = await comment(carol, "Reply on the report", onReport, r);
		const reportThread = await thread(anonymous, onReport);
		assert.deepEqual(
			reportThread.body.items.map((x: any) => x.id),
			[r],
		);
		assert.equal(reportThread.body.items[0].replies[0].id, reply);
		assert.equal(reportThread.body.total, 2);
		const commitmentThread = await thread(anonymous, onOther);
		assert.deepEqual(
			commitmentThread.body.items.map((x: any) => x.id),
			[c],
		);
		const stored = await db()
			.selectFrom("comment")
			.select(["commitment_id", "report_id"])
			.where("id", "=", r)
			.executeTakeFirstOrThrow();
		assert.equal(Number(stored.report_id), reportId);
		assert.equal(
			Number(stored.commitment_id),
			(await ctx().get(`/api/v1/commitments/${otherSlug}`)).body.id,
		);

		const before = await snapshot();
		for (const [url, parent] of [
			[onReport, c],
			[onOther, r],
			[onDemo, c],
			[onOther, 999999],
			[onOther, 2147483648],
		] as const) {
			const res = await post(alice, url, { body: "Misplaced reply", parent_id: parent });
			assert.equal(res.status, 400, `${url} parent ${parent}: ${JSON.stringify(res.body)}`);
			assert.deepEqual(
				res.body.errors.map((e: any) => e.name),
				["parent_id"],
			);
		}
		assert.deepEqual(await snapshot(), before);
		assert.equal((await thread(anonymous, "/api/v1/reports/999999/comments")).status, 404);
		assert.equal((await post(alice, "/api/v1/reports/999999/comments", { body: "x" })).status, 404);
	});

	it("lets the author edit within 15 minutes, and refuses afterwards or to anyone else", async () => {
		const id = await comment(alice, "Typo hree");
		const url = `/api/v1/comments/${id}`;
		const before = await snapshot();
		const other = await call(ctx(), bob, "PATCH", url, { body: "Vandalised" });
		assert.equal(other.status, 403);
		const staff = await call(ctx(), secretariat, "PATCH", url, { body: "Moderated" });
		assert.equal(staff.status, 403, "the secretariat hides, it does not rewrite");
		assert.deepEqual(await snapshot(), before);

		const edited = await call(ctx(), alice, "PATCH", url, { body: " Typo here " });
		assert.equal(edited.status, 200, JSON.stringify(edited.body));
		assert.equal(edited.body.body, "Typo here");
		assert.ok(edited.body.edited_at, "edited_at is set");
		assert.ok(edited.body.edited_at >= edited.body.created_at);
		const edit = (await events(id)).find((e) => e.action === "comment.edit");
		assert.deepEqual(edit?.before, { body: "Typo hree", edited_at: null });
		assert.equal(edit?.after.body, "Typo here");
		assert.equal(find((await thread(anonymous)).body.items, id).body, "Typo here");

		skew = 14 * minute;
		const stillOpen = await call(alt, alice, "PATCH", url, { body: "Typo here, again" });
		assert.equal(stillOpen.status, 200, "14 minutes on, still inside the window");
		skew = 16 * minute;
		const auditBefore = await ctx().services.audit.count();
		const late = await call(alt, alice, "PATCH", url, { body: "Too late" });
		assert.equal(late.status, 409);
		assert.match(late.body.detail, /edit window closed/);
		assert.equal(await ctx().services.audit.count(), auditBefore);
		assert.equal(find((await thread(anonymous)).body.items, id).body, "Typo here, again");
		skew = 0;
	});

	it("lets the author delete their own comment: a placeholder while it has replies", async () => {
		const lonely = await comment(alice, "Nobody will answer this");
		const answered = await comment(alice, "This gets an answer");
		const reply = await comment(bob, "The answer", onDemo, answered);
		for (const p of [bob, secretariat, admin, ukFocal]) {
			const res = await call(ctx(), p, "DELETE", `/api/v1/comments/${answered}`);
			assert.equal(res.status, 403, "only the author deletes");
		}
		for (const id of [lonely, answered]) {
			const res = await call(ctx(), alice, "DELETE", `/api/v1/comments/${id}`);
			assert.equal(res.status, 200);
			assert.deepEqual(res.body, { status: "ok" });
		}
		const items = (await thread(anonymous)).body.items;
		assert.equal(find(items, lonely), undefined, "a deleted comment without replies is left out");
		const placeholder = find(items, answered);
		assert.equal(placeholder.deleted, true);
		assert.equal(placeholder.body, null);
		assert.equal(placeholder.replies[0].id, reply);
		assert.equal(placeholder.replies[0].body, "The answer");
		const staffView = find((await thread(secretariat)).body.items, answered);
		assert.equal(staffView.body, null, "a deleted text is shown to nobody");
		const stored = await db()
			.selectFrom("comment")
			.selectAll()
			.where("id", "=", answered)
			.executeTakeFirstOrThrow();
		assert.equal(stored.body, "This gets an answer", "soft delete keeps the row");
		assert.ok(stored.deleted_at);
		const deletion = (await events(answered)).find((e) => e.action === "comment.delete");
		assert.equal(deletion?.before.body, "This gets an answer");
		assert.equal(deletion?.after.deleted_at, stored.deleted_at);

		const before = await snapshot();
		const again = await call(ctx(), alice, "DELETE", `/api/v1/comments/${answered}`);
		assert.equal(again.status, 200, "deleting twice is harmless");
		const edit = await call(ctx(), alice, "PATCH", `/api/v1/comments/${answered}`, {
			body: "Back",
		});
		assert.equal(edit.status, 409);
		const replyToDeleted = await post(carol, onDemo, { body: "Hello?", parent_id: answered });
		assert.equal(replyToDeleted.status, 409);
		assert.equal(replyToDeleted.body.errors[0].name, "parent_id");
		const flagDeleted = await post(bob, `/api/v1/comments/${answered}/flag`, { reason: "Spam" });
		assert.equal(flagDeleted.status, 409);
		assert.deepEqual(await snapshot(), before);
		assert.equal((await call(ctx(), alice, "DELETE", "/api/v1/comments/999999")).status, 404);
	});

	it("answers 401 to anonymous writes, and writes nothing", async () => {
		const id = await comment(await person(ctx()), "Target of anonymous writes");
		const before = await snapshot();
		const writes: [Parameters<typeof call>[2], string, unknown][] = [
			["POST", onDemo, { body: "Anonymous" }],
			["POST", `/api/v1/reports/${reportId}/comments`, { body: "Anonymous" }],
			["PATCH", `/api/v1/comments/${id}`, { body: "Anonymous" }],
			["DELETE", `/api/v1/comments/${id}`, undefined],
			["POST", `/api/v1/comments/${id}/flag`, { reason: "Anonymous flag" }],
			["POST", `/api/v1/comments/${id}/hide`, { reason: "Anonymous hide" }],
			["POST", `/api/v1/comments/${id}/unhide`, {}],
		];
		for (const [method, url, body] of writes) {
			const res = await call(ctx(), anonymous, method, url, body);
			assert.equal(res.status, 401, `${method} ${url}`);
			assert.equal(res.body.code, "unauthenticated");
		}
		assert.equal((await call(ctx(), anonymous, "GET", "/api/v1/moderation/flags")).status, 401);
		assert.deepEqual(await snapshot(), before);
	});

	it("lets others flag a comment once each; authors cannot flag their own", async () => {
		const id = await comment(alice, "You are all idiots");
		const url = `/api/v1/comments/${id}/flag`;
		const own = await post(alice, url, { reason: "Testing" });
		assert.equal(own.status, 403);
		const first = await post(bob, url, { reason: "Insulting" });
		assert.equal(first.status, 200, JSON.stringify(first.body));
		assert.deepEqual(first.body, { status: "ok", created: true });
		const before = await snapshot();
		const repeat = await post(bob, url, { reason: "Still insulting" });
		assert.equal(repeat.status, 200);
		assert.deepEqual(repeat.body, { status: "ok", created: false });
		assert.deepEqual(await snapshot(), before, "a repeat flag changes nothing");
		assert.equal((await post(carol, url, { reason: "Abusive language" })).status, 200);
		const flags = (await events(id)).filter((e) => e.action === "comment.flag");
		assert.deepEqual(
			flags.map((f) => [f.after.user_id, f.after.reason]),
			[
				[bob.id, "Insulting"],
				[carol.id, "Abusive language"],
			],
		);
		assert.equal(find((await thread(anonymous)).body.items, id).flags, null);
		assert.equal(find((await thread(bob)).body.items, id).flags, null);
		assert.equal(find((await thread(secretariat)).body.items, id).flags, 2);
		assert.equal((await post(bob, "/api/v1/comments/999999/flag", { reason: "Gone" })).status, 404);
	});

	it("lets the secretariat hide a comment with a reason, and show it again", async () => {
		const id = await comment(alice, "Personal attack on a named official");
		const url = `/api/v1/comments/${id}`;
		await post(bob, `${url}/flag`, { reason: "Personal attack" });
		for (const p of [alice, bob, ukFocal]) {
			const res = await post(p, `${url}/hide`, { reason: "Not allowed" });
			assert.equal(res.status, 403);
		}
		const hidden = await post(secretariat, `${url}/hide`, { reason: "Personal attack" });
		assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
		assert.equal(hidden.body.hidden, true);
		assert.equal(hidden.body.hidden_reason, "Personal attack");
		assert.equal(hidden.body.body, "Personal attack on a named official");

		for (const p of [anonymous, bob, alice]) {
			const c = find((await thread(p)).body.items, id);
			assert.ok(c, "a hidden comment stays in the thread");
			assert.equal(c.hidden, true);
			assert.equal(c.body, null, "others do not see the text");
			assert.equal(c.hidden_reason, null);
			assert.equal(c.flags, null);
		}
		for (const p of [secretariat, admin]) {
			const c = find((await thread(p)).body.items, id);
			assert.equal(c.body, "Personal attack on a named official");
			assert.equal(c.hidden_reason, "Personal attack");
			assert.equal(c.flags, 1);
		}
		const stored = await db()
			.selectFrom("comment")
			.selectAll()
			.where("id", "=", id)
			.executeTakeFirstOrThrow();
		assert.equal(Number(stored.hidden_by), secretariat.id);
		assert.equal(stored.body, "Personal attack on a named official", "kept");

		const before = await snapshot();
		assert.equal((await post(admin, `${url}/hide`, { reason: "Again" })).status, 409);
		assert.equal(
			(await call(ctx(), alice, "PATCH", url, { body: "Softened" })).status,
			409,
			"a hidden comment cannot be edited",
		);
		const reply = await post(bob, onDemo, { body: "Replying", parent_id: id });
		assert.equal(reply.status, 409);
		assert.deepEqual(await snapshot(), before);

		const queue = await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags?limit=200");
		assert.ok(!queue.body.items.some((c: any) => c.id === id), "hidden comments leave the queue");

		const shown = await post(admin, `${url}/unhide`, {});
		assert.equal(shown.status, 200);
		assert.equal(shown.body.hidden, false);
		assert.equal(shown.body.hidden_reason, null);
		assert.equal(
			find((await thread(bob)).body.items, id).body,
			"Personal attack on a named official",
		);
		assert.equal((await post(admin, `${url}/unhide`, {})).status, 409, "not hidden now");
		const moderation = (await events(id)).filter((e) =>
			["comment.hide", "comment.unhide"].includes(e.action),
		);
		assert.deepEqual(
			moderation.map((e) => e.action),
			["comment.hide", "comment.unhide"],
		);
		assert.equal(moderation[0]?.after.reason, "Personal attack");
		assert.equal(moderation[0]?.after.hidden_by, secretariat.id);
		assert.equal(moderation[1]?.before.reason, "Personal attack");
		assert.equal(moderation[1]?.after.hidden_at, null);
	});

	it("shows the secretariat the flagged comments still shown, most recently flagged first", async () => {
		const spammer = await person(ctx());
		const older = await comment(spammer, "Buy cheap watches at spam.example");
		const newer = await comment(carol, "Offensive remark");
		await post(bob, `/api/v1/comments/${newer}/flag`, { reason: "Offensive" });
		await post(bob, `/api/v1/comments/${older}/flag`, { reason: "Spam" });
		// A minute later by the second instance's clock: surely the most recent flag.
		skew = minute;
		await post(ukFocal, `/api/v1/comments/${older}/flag`, { reason: "Advertising" }, alt);
		skew = 0;
		for (const p of [spammer, ukFocal]) {
			const res = await call(ctx(), p, "GET", "/api/v1/moderation/flags");
			assert.equal(res.status, 403);
		}
		const res = await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags?limit=200");
		assert.equal(res.status, 200, JSON.stringify(res.body));
		assert.deepEqual(moderationList.parse(res.body), res.body);
		assert.equal(res.body.total, res.body.items.length);
		const ids = res.body.items.map((c: any) => c.id);
		assert.ok(ids.indexOf(older) < ids.indexOf(newer), "flagged last, listed first");
		assert.ok(ids.indexOf(newer) >= 0);
		const stamps = res.body.items.map((c: any) => c.last_flagged_at);
		assert.deepEqual(stamps, [...stamps].sort().reverse());
		const item = res.body.items[ids.indexOf(older)];
		assert.equal(item.commitment.slug, demoSlug);
		assert.equal(item.commitment.id, (await ctx().get(`/api/v1/commitments/${demoSlug}`)).body.id);
		assert.equal(item.body, "Buy cheap watches at spam.example");
		assert.equal(item.author.id, spammer.id);
		assert.deepEqual(
			item.flags.map((f: any) => [f.user.id, f.reason]),
			[
				[bob.id, "Spam"],
				[ukFocal.id, "Advertising"],
			],
		);
		assert.match(item.flags[0].user.display_name, /^Person \d+$/);
		const paged = await call(ctx(), admin, "GET", "/api/v1/moderation/flags?limit=1&page=2");
		assert.equal(paged.status, 200);
		assert.equal(paged.body.items.length, 1);
		assert.equal(paged.body.items[0].id, ids[1]);
		const bad = await call(ctx(), admin, "GET", "/api/v1/moderation/flags?limit=0");
		assert.equal(bad.status, 400);
		assert.equal(bad.body.errors[0].name, "limit");

		const deleted = await call(ctx(), spammer, "DELETE", `/api/v1/comments/${older}`);
		assert.equal(deleted.status, 200);
		const after = await call(ctx(), secretariat, "GET", "/api/v1/moderation/flags?limit=200");
		assert.ok(!after.body.items.some((c: any) => c.id === older), "deleted comments leave it");
	});

	it("limits how many comments a user writes in a window, counted in the database for every instance", async () => {
		assert.deepEqual(parseCommentRate(undefined), { count: 10, seconds: 600 });
		assert.deepEqual(defaultCommentRate, { count: 10, seconds: 600 });
		assert.deepEqual(parseCommentRate("5/60"), { count: 5, seconds: 60 });
		for (const bad of ["10", "0/600", "10/0", "ten/600", "10/600/1", "-1/60"])
			assert.throws(() => parseCommentRate(bad), /IIF_COMMENT_RATE/, bad);

		const dave = await person(ctx());
		// Counters live in fixed 600 s windows: start well inside one, so all of this shares it.
		const toBoundary = 600_000 - (Date.now() % 600_000);
		if (toBoundary < 10_000) await new Promise((r) => setTimeout(r, toBoundary + 100));
		// Both instances count in the same table: two comments through one, one through the
		// other reach the allowance of 3 the second instance is configured with.
		assert.equal((await post(dave, onDemo, { body: "One" })).status, 201);
		assert.equal((await post(dave, onDemo, { body: "Two" })).status, 201);
		assert.equal((await post(dave, onDemo, { body: "Three" }, alt)).status, 201);
		const before = await snapshot();
		const over = await post(dave, onDemo, { body: "Four" }, alt);
		assert.equal(over.status, 429, JSON.stringify(over.body));
		assert.equal(over.body.code, "rate_limited");
		assert.equal(typeof over.body.retry_after, "number");
		assert.ok(over.body.retry_after >= 1 && over.body.retry_after <= 600);
		assert.equal(over.raw.headers["retry-after"], String(over.body.retry_after));
		assert.deepEqual(await snapshot(), before, "a refused comment writes nothing");
		const overReport = await post(dave, `/api/v1/reports/${reportId}/comments`, { body: "x" }, alt);
		assert.equal(overReport.status, 429, "one allowance for every thread");
		assert.equal(
			(await post(ukFocal, onDemo, { body: "Someone else" }, alt)).status,
			201,
			"per user",
		);
		skew = 10 * minute;
		assert.equal(
			(await post(dave, onDemo, { body: "Next window" }, alt)).status,
			201,
			"a new window brings a new allowance",
		);
		skew = 0;

		// The first instance allows IIF_COMMENT_RATE: 10 comments per 600 s unless set.
		const rate = parseCommentRate(process.env.IIF_COMMENT_RATE);
		if (rate.count <= 20) {
			const erin = await person(ctx());
			for (let i = 1; i <= rate.count; i++)
				assert.equal((await post(erin, onDemo, { body: `Note ${i}` })).status, 201, `note ${i}`);
			assert.equal((await post(erin, onDemo, { body: "One too many" })).status, 429);
		}
	});

	it("answers 404 for comments on a draft commitment, to everyone, as for an unknown one", async () => {
		const unknown = await thread(anonymous, "/api/v1/commitments/no-such-pledge/comments");
		assert.equal(unknown.status, 404);
		const before = await snapshot();
		for (const p of [anonymous, alice, ukFocal, secretariat]) {
			const res = await thread(p, `/api/v1/commitments/${draftSlug}/comments`);
			assert.equal(res.status, 404);
			assert.equal(res.body.detail, `commitment '${draftSlug}' does not exist`);
			assert.equal(
				res.body.detail.replace(draftSlug, "x"),
				unknown.body.detail.replace("no-such-pledge", "x"),
			);
		}
		for (const p of [alice, ukFocal, secretariat]) {
			const res = await post(p, `/api/v1/commitments/${draftSlug}/comments`, { body: "Early" });
			assert.equal(res.status, 404);
		}
		assert.deepEqual(await snapshot(), before);
	});

	it("refuses bad input on every write with 400 naming the field, writing nothing", async () => {
		const author = await person(ctx());
		const id = await comment(author, "Target of bad input");
		const hiddenId = await comment(author, "Hidden target of bad input");
		assert.equal(
			(await post(secretariat, `/api/v1/comments/${hiddenId}/hide`, { reason: "For the test" }))
				.status,
			200,
		);
		const onReport = `/api/v1/reports/${reportId}/comments`;
		const cases: [Person, Parameters<typeof call>[2], string, unknown, string][] = [
			[bob, "POST", onDemo, {}, "body"],
			[bob, "POST", onDemo, { body: "   \n\t " }, "body"],
			[bob, "POST", onDemo, { body: "x".repeat(5001) }, "body"],
			[bob, "POST", onDemo, { body: 42 }, "body"],
			[bob, "POST", onDemo, { body: null }, "body"],
			[bob, "POST", onDemo, { body: "nul \u0000 inside" }, "body"],
			[bob, "POST", onDemo, { body: "lone \ud800 surrogate" }, "body"],
			[bob, "POST", onDemo, { body: "ok", parent_id: "1" }, "parent_id"],
			[bob, "POST", onDemo, { body: "ok", parent_id: 1.5 }, "parent_id"],
			[bob, "POST", onDemo, { body: "ok", parent_id: -3 }, "parent_id"],
			[bob, "POST", onDemo, { body: "ok", colour: "red" }, "colour"],
			[bob, "POST", `${onDemo}?x=1`, { body: "ok" }, "x"],
			[bob, "POST", "/api/v1/commitments/Not_A_Slug/comments", { body: "ok" }, "id"],
			[bob, "POST", onReport, {}, "body"],
			[bob, "POST", "/api/v1/reports/abc/comments", { body: "ok" }, "id"],
			[bob, "POST", "/api/v1/reports/0/comments", { body: "ok" }, "id"],
			[author, "PATCH", `/api/v1/comments/${id}`, {}, "body"],
			[author, "PATCH", `/api/v1/comments/${id}`, { body: "" }, "body"],
			[author, "PATCH", `/api/v1/comments/${id}`, { body: "x".repeat(5001) }, "body"],
			[author, "PATCH", `/api/v1/comments/${id}`, { body: "ok", parent_id: 1 }, "parent_id"],
			[author, "PATCH", "/api/v1/comments/1e3", { body: "ok" }, "id"],
			[author, "DELETE", "/api/v1/comments/0", undefined, "id"],
			[author, "DELETE", "/api/v1/comments/abc", undefined, "id"],
			[bob, "POST", `/api/v1/comments/${id}/flag`, {}, "reason"],
			[bob, "POST", `/api/v1/comments/${id}/flag`, { reason: "ab" }, "reason"],
			[bob, "POST", `/api/v1/comments/${id}/flag`, { reason: "x".repeat(501) }, "reason"],
			[bob, "POST", `/api/v1/comments/${id}/flag`, { reason: 7 }, "reason"],
			[secretariat, "POST", `/api/v1/comments/${id}/hide`, {}, "reason"],
			[secretariat, "POST", `/api/v1/comments/${id}/hide`, { reason: "  a  " }, "reason"],
			[secretariat, "POST", `/api/v1/comments/${id}/hide`, { reason: "x".repeat(501) }, "reason"],
			[secretariat, "POST", `/api/v1/comments/${id}/hide`, { reason: "Spam", why: 1 }, "why"],
			[secretariat, "POST", `/api/v1/comments/${hiddenId}/unhide`, { reason: "x" }, "reason"],
			[secretariat, "POST", `/api/v1/comments/${hiddenId}/unhide`, { undo: true }, "undo"],
		];
		const before = await snapshot();
		for (const [p, method, url, body, field] of cases) {
			const res = await call(ctx(), p, method, url, body);
			const label = `${method} ${url} ${JSON.stringify(body)?.slice(0, 60)}`;
			assert.equal(res.status, 400, `${label}: ${JSON.stringify(res.body)}`);
			assert.match(String(res.raw.headers["content-type"]), /^application\/problem\+json/);
			assert.ok(
				res.body.errors?.some((e: any) => e.name === field),
				`${label} names ${field}: ${JSON.stringify(res.body.errors)}`,
			);
		}
		assert.deepEqual(await snapshot(), before, "no row and no audit event");
	});

	it("needs the CSRF token on cookie writes, and none with an API token", async () => {
		const writer = await person(ctx());
		const id = await comment(writer, "CSRF target");
		const noCsrf = (p: Person): Person => ({
			...p,
			headers: { cookie: p.headers.cookie as string },
		});
		const before = await snapshot();
		const writes: [Person, Parameters<typeof call>[2], string, unknown][] = [
			[writer, "POST", onDemo, { body: "Forged" }],
			[writer, "POST", `/api/v1/reports/${reportId}/comments`, { body: "Forged" }],
			[writer, "PATCH", `/api/v1/comments/${id}`, { body: "Forged" }],
			[writer, "DELETE", `/api/v1/comments/${id}`, undefined],
			[bob, "POST", `/api/v1/comments/${id}/flag`, { reason: "Forged flag" }],
			[secretariat, "POST", `/api/v1/comments/${id}/hide`, { reason: "Forged hide" }],
			[secretariat, "POST", `/api/v1/comments/${id}/unhide`, {}],
		];
		for (const [p, method, url, body] of writes) {
			const res = await call(ctx(), noCsrf(p), method, url, body);
			assert.equal(res.status, 403, `${method} ${url}`);
			assert.match(res.body.detail, /CSRF/);
			const forged = await call(
				ctx(),
				{ ...p, headers: { ...p.headers, "x-csrf-token": "forged" } },
				method,
				url,
				body,
			);
			assert.equal(forged.status, 403, `${method} ${url} with a wrong token`);
		}
		assert.deepEqual(await snapshot(), before);

		const client = await withToken(ctx(), carol);
		assert.equal(client.headers.cookie, undefined);
		const created = await post(client, onDemo, { body: "Posted by an API client" });
		assert.equal(created.status, 201, JSON.stringify(created.body));
		assert.equal(created.body.author.id, carol.id);
		const edited = await call(ctx(), client, "PATCH", `/api/v1/comments/${created.body.id}`, {
			body: "Edited by an API client",
		});
		assert.equal(edited.status, 200);
		assert.equal(
			(await post(client, `/api/v1/comments/${id}/flag`, { reason: "Via API" })).status,
			200,
		);
		const [event] = (await events(created.body.id)).slice(-1);
		assert.equal(event?.action, "comment.edit");
		const via = await db()
			.selectFrom("audit_event")
			.select("actor_via")
			.where("object_type", "=", "comment")
			.where("object_id", "=", String(created.body.id))
			.execute();
		assert.deepEqual(
			via.map((v) => v.actor_via),
			["token", "token"],
		);
	});

	it("documents every comment route in OpenAPI, under the comments tag", async () => {
		const doc = (await ctx().get("/api/openapi.json")).body;
		const routes: [string, string][] = [
			["/api/v1/commitments/{id}/comments", "get"],
			["/api/v1/commitments/{id}/comments", "post"],
			["/api/v1/reports/{id}/comments", "get"],
			["/api/v1/reports/{id}/comments", "post"],
			["/api/v1/comments/{id}", "patch"],
			["/api/v1/comments/{id}", "delete"],
			["/api/v1/comments/{id}/flag", "post"],
			["/api/v1/comments/{id}/hide", "post"],
			["/api/v1/comments/{id}/unhide", "post"],
			["/api/v1/moderation/flags", "get"],
		];
		for (const [path, method] of routes) {
			const op = doc.paths[path]?.[method];
			assert.ok(op, `${method} ${path}`);
			assert.deepEqual(op.tags, ["comments"]);
			assert.ok(op.summary.length > 10);
		}
		const threadSchema = JSON.stringify(
			doc.paths["/api/v1/commitments/{id}/comments"].get.responses["200"],
		);
		assert.ok(!threadSchema.includes("$defs") && !threadSchema.includes('"$ref"'), threadSchema);
		assert.ok(threadSchema.includes("replies"));
	});
});
