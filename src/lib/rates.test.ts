import assert from "node:assert/strict";
import { it } from "node:test";
import { AppError } from "./errors.ts";
import { parseRate, rateWindow } from "./rates.ts";

it("reads count/seconds, falls back when unset, and refuses anything else by name", () => {
	const fallback = { count: 10, seconds: 600 };
	assert.deepEqual(parseRate("X_RATE", undefined, fallback), fallback);
	assert.deepEqual(parseRate("X_RATE", " 5 / 60 ", fallback), { count: 5, seconds: 60 });
	for (const bad of ["ten/600", "0/60", "5/0", "5/90000", "5", "5/60/1"]) {
		assert.throws(
			() => parseRate("X_RATE", bad, fallback),
			(e: unknown) => e instanceof AppError && e.message.startsWith("X_RATE must be"),
			bad,
		);
	}
});

it("puts a moment in its fixed window and says how long until the next", () => {
	const w = rateWindow({ count: 1, seconds: 600 }, Date.UTC(2026, 0, 1, 10, 7, 30));
	assert.equal(w.start, "2026-01-01T10:00:00.000Z");
	assert.equal(w.retryAfter, 150);
});
