// A worker thread starts without the TypeScript loader the main thread may have (bin/iif.js
// registers it when it runs the sources, tests pass --import tsx). Beside the compiled
// worker (dist/) it runs that; beside the sources it registers tsx first.
import { existsSync } from "node:fs";

if (existsSync(new URL("./import.worker.js", import.meta.url))) {
	await import(new URL("./import.worker.js", import.meta.url).href);
} else {
	const { register } = await import("tsx/esm/api");
	register();
	await import("./import.worker.ts");
}
