/**
 * The kinds of stakeholder and their English names. Apart from the schemas so that the
 * commitment filters can take them: stakeholders.schemas.ts reaches the analytics
 * schemas, which build on the commitment list query, and importing it from there would
 * make a cycle.
 */
export const stakeholderKinds = [
	"member_state",
	"un_entity",
	"multilateral",
	"ngo",
	"civil_society",
	"private_sector",
	"foundation",
	"other",
] as const;
export type StakeholderKind = (typeof stakeholderKinds)[number];

export const stakeholderKindNames: Record<StakeholderKind, string> = {
	member_state: "Member State",
	un_entity: "UN entity",
	multilateral: "Multilateral organisation",
	ngo: "NGO",
	civil_society: "Civil society",
	private_sector: "Private sector",
	foundation: "Foundation",
	other: "Other",
};
