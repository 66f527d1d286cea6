import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { atomDate, atomXml, urnUuid, xmlText } from "./atom.ts";

describe("Atom writer", () => {
	it("escapes markup and drops characters XML cannot carry", () => {
		assert.equal(xmlText(`<b>&"x"</b>`), "&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
		assert.equal(xmlText("bell\u0007 and \uD800 lone"), "bell\uFFFD and \uFFFD lone");
		assert.equal(xmlText("tab\tnewline\n emoji 🌍"), "tab\tnewline\n emoji 🌍");
	});

	it("derives stable, well-formed UUID URNs", () => {
		const a = urnUuid("event abc");
		assert.equal(a, urnUuid("event abc"));
		assert.notEqual(a, urnUuid("event abd"));
		assert.match(
			a,
			/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});

	it("writes RFC 3339 dates and absolute links", () => {
		assert.equal(atomDate("2015-09-25T10:00:00.000Z"), "2015-09-25T10:00:00.000Z");
		const xml = atomXml(
			{
				id: "urn:uuid:x",
				title: "T & U",
				updated: "2015-09-25T10:00:00.000Z",
				self: "/feeds/all.atom",
				links: [{ href: "/api/v1/commitments", type: "application/json" }],
				author: "IIF",
				entries: [
					{
						id: "urn:uuid:y",
						title: "<script>",
						updated: "2015-09-25T10:00:00.000Z",
						links: [{ href: "https://other.example/x" }],
						content: "a < b",
					},
				],
			},
			"https://iif.example",
		);
		assert.match(xml, /<link rel="self" href="https:\/\/iif\.example\/feeds\/all\.atom"/);
		assert.match(xml, /href="https:\/\/other\.example\/x"/);
		assert.match(xml, /<title type="text">&lt;script&gt;<\/title>/);
		assert.match(xml, /<content type="text">a &lt; b<\/content>/);
		assert.doesNotMatch(xml, /<script>/);
	});
});
