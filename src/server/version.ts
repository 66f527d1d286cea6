/** The package version, for the API document and logs. */
import { readFileSync } from "node:fs";
import { projectPath } from "../lib/root.ts";

export const appVersion: string = (
	JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as {
		version: string;
	}
).version;
