/**
 * bin/iif.js runs the compiled dist/ only while it is current: a source file edited after
 * the build sends it back to the sources (through tsx), so nobody runs stale code.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
// @ts-expect-error: bin/entry.js is plain JavaScript without types.
import { entryKind } from "../../bin/entry.js";

describe("which code the iif command runs", () => {
	const root = mkdtempSync(join(tmpdir(), "iif-entry-"));
	after(() => rmSync(root, { recursive: true, force: true }));
	const at = (path: string, seconds: number) => {
		mkdirSync(join(path, ".."), { recursive: true });
		writeFileSync(path, "");
		utimesSync(path, seconds, seconds);
	};

	it("runs the sources when nothing was built", () => {
		at(join(root, "src", "cli", "main.ts"), 1_000);
		assert.equal(entryKind(root), "src");
	});

	it("runs dist/ when its build is newer than every source file", () => {
		at(join(root, "dist", ".built"), 2_000);
		assert.equal(entryKind(root), "dist");
	});

	it("runs the sources again after any source file, however deep, is edited", () => {
		at(join(root, "src", "modules", "a", "a.service.ts"), 3_000);
		assert.equal(entryKind(root), "src");
		at(join(root, "dist", ".built"), 4_000);
		assert.equal(entryKind(root), "dist");
	});

	it("runs the sources when IIF_FROM_SOURCE=1 asks for them", () => {
		process.env.IIF_FROM_SOURCE = "1";
		try {
			assert.equal(entryKind(root), "src");
		} finally {
			delete process.env.IIF_FROM_SOURCE;
		}
	});
});
