// Which code the iif command runs: the JavaScript compiled into dist/ when it is there
// and newer than every source file (a start in a fraction of a second), otherwise the
// TypeScript under src/ through tsx (after an edit, or where no build ran).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of any file under `dir`, in milliseconds. */
function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		const t = entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
		if (t > latest) latest = t;
	}
	return latest;
}

/** "dist" when root/dist holds a build at least as new as root/src, else "src". */
export function entryKind(root) {
	if (process.env.IIF_FROM_SOURCE === "1") return "src";
	let built;
	try {
		built = statSync(join(root, "dist", ".built")).mtimeMs;
	} catch {
		return "src";
	}
	return newest(join(root, "src")) <= built ? "dist" : "src";
}
