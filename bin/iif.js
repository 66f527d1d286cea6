#!/usr/bin/env node
// The iif command. It runs the JavaScript that `npm ci` compiled into dist/ when that
// build is current, and the TypeScript sources through tsx otherwise (bin/entry.js).
import { join } from "node:path";
import { entryKind } from "./entry.js";

const root = join(import.meta.dirname, "..");
if (entryKind(root) === "dist") {
	await import("../dist/main.js");
} else {
	const { register } = await import("tsx/esm/api");
	register();
	await import("../src/cli/main.ts");
}
