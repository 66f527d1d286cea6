import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ActivityFacts, type CommitmentFacts, scoreLink } from "./links.rules.ts";

const commitment: CommitmentFacts = {
	id: 1,
	makerOrgRefs: ["GB-GOV-1"],
	goals: ["sdg:3"],
	targets: ["sdg:3.b"],
	sectors: [],
	recipients: [{ kind: "country", code: "KE" }],
	periodStart: "2016-01-01",
	periodEnd: "2020-12-31",
};
const activity: ActivityFacts = {
	id: 9,
	identifier: "GB-GOV-1-300123",
	reportingOrgRef: "GB-GOV-1",
	funderRefs: [],
	sdgGoals: [],
	sdgTargets: ["3.b"],
	dacSectors: ["12250"],
	recipientCountries: ["KE"],
	recipientRegions: [],
	start: "2017-04-01",
	end: "2019-03-31",
};

describe("link proposals", () => {
	it("scores a maker's own activity on the same target, country and period highest", () => {
		const p = scoreLink(commitment, activity);
		assert.equal(p?.score, 1);
		assert.equal(p?.reasons.length, 4);
		assert.match(p?.reasons[0] ?? "", /reported to IATI by a maker/);
	});

	it("proposes nothing when no maker reports or funds the activity", () => {
		assert.equal(scoreLink(commitment, { ...activity, reportingOrgRef: "US-GOV-1" }), null);
	});

	it("accepts a maker as funder with a lower score", () => {
		const p = scoreLink(commitment, {
			...activity,
			reportingOrgRef: "XM-DAC-41122",
			funderRefs: ["GB-GOV-1"],
		});
		assert.equal(p?.score, 0.9);
	});

	it("falls back from SDG tags to the DAC sector's goal", () => {
		const p = scoreLink(commitment, { ...activity, sdgTargets: [] });
		assert.equal(p?.score, 0.85);
		assert.match(p?.reasons.join(" ") ?? "", /DAC sector that serves SDG goal 3/);
	});

	it("drops a weak match below the threshold", () => {
		// Maker only, other goal, other country, other years: 0.4.
		const p = scoreLink(commitment, {
			...activity,
			sdgTargets: [],
			dacSectors: ["11220"],
			recipientCountries: ["GH"],
			start: "2001-01-01",
			end: "2002-01-01",
		});
		assert.equal(p, null);
	});
});
