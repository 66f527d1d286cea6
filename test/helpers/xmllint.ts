/**
 * Validates XML against the IATI XSD with xmllint (Debian's libxml2-utils, which
 * `.ci/run` installs). Without xmllint the suites that need it skip, unless
 * IIF_TEST_REQUIRE_ALL=1 (CI), where they fail.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireAll } from "./databases.ts";

export const iatiSchemas = new URL("../../../shared/data/iati/schemas/", import.meta.url).pathname;
export const activitiesXsd = join(iatiSchemas, "iati-activities-schema.xsd");
export const organisationsXsd = join(iatiSchemas, "iati-organisations-schema.xsd");

const found = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
export const hasXmllint = found.error === undefined && found.status === 0;

/** Why the XSD checks cannot run here, or false when they can. */
export function xmllintSkipReason(): string | false {
	if (hasXmllint) return false;
	if (requireAll)
		throw new Error(
			"IIF_TEST_REQUIRE_ALL=1 but xmllint is not installed (apt-get install libxml2-utils)",
		);
	return "xmllint is not installed (apt-get install libxml2-utils)";
}

/** xmllint's verdict on a document: ok, and its messages when not. */
export function validateXml(xml: string, xsd: string): { ok: boolean; messages: string } {
	const dir = mkdtempSync(join(tmpdir(), "iif-xsd-"));
	try {
		const file = join(dir, "document.xml");
		writeFileSync(file, xml);
		const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsd, file], {
			encoding: "utf8",
			maxBuffer: 64 * 1024 * 1024,
		});
		return { ok: r.status === 0, messages: `${r.stderr}${r.stdout}`.trim() };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
