/** The demo dataset as a plain object: an independent oracle for what the API should answer. */
import { readFileSync } from "node:fs";

export interface DemoCommitment {
	slug: string;
	title: string;
	text: string;
	kind: string;
	forum: string;
	announced_on: string;
	makers: string[];
	goals: string[];
	targets: string[];
	recipients: { kind: string; code?: string | null }[];
	financial: {
		amount: string | null;
		currency: string | null;
		gni_share_min: number | null;
		flow_type?: string;
	} | null;
	policy: { target: string } | null;
	sources: { url: string }[];
	text_kind?: string;
	quote?: { source: number; locator: string } | null;
	relations: { kind: string; to: string }[];
	status: string;
}

export interface Demo {
	groups: { code: string }[];
	stakeholders: { slug: string; kind: string; country: string | null; groups: string[] }[];
	forums: { slug: string; kind: string }[];
	commitments: DemoCommitment[];
}

export const demo: Demo = JSON.parse(
	readFileSync(new URL("../../data/demo/commitments.json", import.meta.url), "utf8"),
);

/** Goals a demo commitment serves: named, or implied by a target. */
export function goalsOf(c: DemoCommitment): Set<string> {
	return new Set([...c.goals, ...c.targets.map((t) => t.replace(/\.[^.]+$/, ""))]);
}
