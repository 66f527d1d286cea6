import assert from "node:assert/strict";
import { it } from "node:test";
import { canonicalJson } from "./canonical.ts";

it("writes equal values alike whatever their key order", () => {
	assert.equal(
		canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }),
		canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
	);
	assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
	assert.equal(canonicalJson({ b: 1, a: 2 }), '{"a":2,"b":1}');
});
