/** About 400 forums of every kind, held from 2000 to 2024, sorted by date. */
import type { ForumRecord } from "../dataset.ts";
import type { Random } from "./random.ts";
import { places } from "./vocabulary.ts";

const kindWeights = {
	general_assembly: 10,
	g8_summit: 6,
	g20_summit: 6,
	special_initiative: 25,
	high_level_task_force: 10,
	un_conference: 18,
	replenishment: 15,
	other: 10,
} as const;

const kindNames: Record<keyof typeof kindWeights, string> = {
	general_assembly: "General Assembly high-level meeting",
	g8_summit: "G8 Summit",
	g20_summit: "G20 Summit",
	special_initiative: "Special initiative",
	high_level_task_force: "High-level task force",
	un_conference: "UN conference",
	replenishment: "Replenishment conference",
	other: "Pledging meeting",
};

export function randomDate(random: Random, fromYear: number, toYear: number): string {
	const year = random.int(fromYear, toYear);
	const month = random.int(1, 12);
	const day = random.int(1, 28);
	return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function generateForums(random: Random, n: number): ForumRecord[] {
	const drafts = Array.from({ length: n }, () => {
		const kind = random.weighted(kindWeights);
		return { kind, held_on: randomDate(random, 2000, 2024), place: random.pick(places) };
	}).sort((a, b) => (a.held_on < b.held_on ? -1 : a.held_on > b.held_on ? 1 : 0));
	return drafts.map((d, i) => {
		const id = i + 1;
		return {
			id,
			slug: `${d.kind.replace(/_/g, "-")}-${d.held_on.slice(0, 4)}-${id}`,
			name: `${kindNames[d.kind]} ${d.held_on.slice(0, 4)}, ${d.place} (${id})`,
			kind: d.kind,
			held_on: d.held_on,
			place: d.place,
		};
	});
}
