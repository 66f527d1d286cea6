/** English names of recipients (countries, regions, groups, global), for exports that show codes and names side by side. */
import type { ReferenceRepository } from "./reference.repository.ts";

/** Keyed `kind:code`; "global:global" is "Global". */
export async function recipientNames(
	reference: ReferenceRepository,
	recipients: readonly { kind: string; code: string | null }[],
): Promise<Map<string, string>> {
	const codes = (kind: string) => [
		...new Set(recipients.filter((r) => r.kind === kind && r.code).map((r) => r.code as string)),
	];
	const [countries, regions, groups] = await Promise.all([
		reference.codeNames("Country", codes("country"), "en"),
		reference.codeNames("Region", codes("region"), "en"),
		reference.listGroups(),
	]);
	const out = new Map<string, string>([["global:global", "Global"]]);
	for (const [code, name] of countries) out.set(`country:${code}`, name);
	for (const [code, name] of regions) out.set(`region:${code}`, name);
	for (const g of groups) out.set(`group:${g.code}`, g.name);
	return out;
}
