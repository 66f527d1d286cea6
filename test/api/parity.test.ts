/**
 * The same API calls give the same answers on SQLite and on PostgreSQL: the demo is
 * loaded into both, and every answer below is compared whole (timestamps aside).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startTestApp, type TestContext } from "../helpers/app.ts";
import { skipReason } from "../helpers/databases.ts";

const urls = [
	"/api/v1/commitments?limit=200",
	"/api/v1/commitments?limit=200&sort=title",
	"/api/v1/commitments?limit=200&sort=-title",
	"/api/v1/commitments?limit=200&sort=announced_on",
	"/api/v1/commitments?limit=5&page=3",
	"/api/v1/commitments?goal=mdg:8&limit=200",
	"/api/v1/commitments?target=mdg:6.C,mdg:6.A&limit=200",
	"/api/v1/commitments?stakeholder=united-kingdom&kind=financial",
	"/api/v1/commitments?forum_kind=replenishment",
	"/api/v1/commitments?recipient=LDC",
	"/api/v1/commitments?recipient=global&year_from=2005&year_to=2010",
	"/api/v1/commitments?q=health&limit=200",
	"/api/v1/commitments?q=official%20development%20assist",
	"/api/v1/commitments/facets",
	"/api/v1/commitments/facets?goal=mdg:8&maker_kind=member_state&year_from=2005",
	"/api/v1/commitments/facets?q=health&recipient=LDC,global",
	"/api/v1/commitments/gleneagles-2005-oda-increase",
	"/api/v1/commitments/monterrey-2002-oda-0-7-target",
	"/api/v1/commitments/gavi-2011-pledging-conference",
	"/api/v1/stakeholders?limit=200",
	"/api/v1/stakeholders?group=G20&q=a",
	"/api/v1/stakeholders/united-states",
	"/api/v1/forums?limit=200",
	"/api/v1/forums/g8-gleneagles-2005",
	"/api/v1/countries?lang=es&q=re",
	"/api/v1/countries/US",
	"/api/v1/frameworks/mdg",
	"/api/v1/codelists/Sector?lang=es",
	"/api/v1/groups",
	"/api/v1/frameworks/sdg?lang=zh",
	"/api/v1/commitments?goal=mdg:9",
	"/api/v1/commitments?limit=100000",
	"/api/v1/commitments/999999",
];

/** Timestamps record when each database was loaded; everything else must agree. */
function withoutTimestamps(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutTimestamps);
	if (value && typeof value === "object") {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => !["created_at", "updated_at", "published_at"].includes(k))
				.map(([k, v]) => [k, withoutTimestamps(v)]),
		);
	}
	return value;
}

describe("SQLite and PostgreSQL answer alike", { skip: skipReason("postgres") }, () => {
	let sqlite: TestContext;
	let postgres: TestContext;
	before(async () => {
		[sqlite, postgres] = await Promise.all([startTestApp("sqlite"), startTestApp("postgres")]);
	});
	after(async () => {
		for (const c of [sqlite, postgres]) {
			await c?.app.close();
			await c?.db.drop();
		}
	});

	it("gives identical answers to the same calls", async () => {
		for (const url of urls) {
			const [a, b] = await Promise.all([sqlite.get(url), postgres.get(url)]);
			assert.equal(a.status, b.status, url);
			assert.deepEqual(withoutTimestamps(b.body), withoutTimestamps(a.body), url);
		}
	});
});
