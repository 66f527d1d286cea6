/**
 * Words to build titles and texts from, grouped by the goal they belong to, so that a
 * text query finds what a reader would expect (a "health" commitment is about SDG 3 or
 * MDG 4-6) and matches a few percent of the registry, not all of it or none.
 */

/** Topic phrases by goal id. */
export const topics: Record<string, readonly string[]> = {
	"sdg:1": ["social protection", "poverty reduction", "cash transfers", "safety nets"],
	"sdg:2": ["nutrition", "food security", "smallholder agriculture", "school feeding"],
	"sdg:3": [
		"health systems",
		"vaccines",
		"malaria control",
		"HIV treatment",
		"maternal health",
		"immunisation",
		"tuberculosis",
		"polio eradication",
		"family planning",
		"neglected tropical diseases",
	],
	"sdg:4": ["education", "girls' schooling", "teacher training", "early childhood learning"],
	"sdg:5": ["gender equality", "women's empowerment", "ending violence against women"],
	"sdg:6": ["water", "sanitation", "hygiene", "drinking water supply"],
	"sdg:7": ["clean energy", "electrification", "renewable power", "clean cooking"],
	"sdg:8": ["decent work", "youth employment", "small enterprise finance"],
	"sdg:9": ["infrastructure", "rural roads", "broadband connectivity"],
	"sdg:10": ["migration", "inclusion", "remittance costs"],
	"sdg:11": ["urban resilience", "housing", "public transport"],
	"sdg:12": ["sustainable consumption", "food loss", "circular economy"],
	"sdg:13": ["climate adaptation", "climate finance", "disaster risk reduction", "mitigation"],
	"sdg:14": ["oceans", "fisheries", "marine protection"],
	"sdg:15": ["forests", "biodiversity", "land restoration"],
	"sdg:16": ["governance", "justice", "peacebuilding", "anti-corruption"],
	"sdg:17": ["debt relief", "domestic resources", "trade capacity", "statistics"],
	"mdg:1": ["hunger", "poverty reduction", "nutrition"],
	"mdg:2": ["universal primary education", "education", "school enrolment"],
	"mdg:3": ["gender equality", "girls' education"],
	"mdg:4": ["child mortality", "vaccines", "immunisation"],
	"mdg:5": ["maternal mortality", "reproductive health", "midwifery"],
	"mdg:6": ["HIV/AIDS", "malaria", "tuberculosis", "bed nets"],
	"mdg:7": ["water", "sanitation", "environmental sustainability", "slum upgrading"],
	"mdg:8": ["aid volume", "debt relief", "trade access", "essential medicines"],
};

/** How often a goal is a commitment's main goal: health, education and climate dominate. */
export const goalWeights: Record<string, number> = {
	"sdg:1": 5,
	"sdg:2": 7,
	"sdg:3": 14,
	"sdg:4": 9,
	"sdg:5": 5,
	"sdg:6": 6,
	"sdg:7": 6,
	"sdg:8": 4,
	"sdg:9": 4,
	"sdg:10": 2,
	"sdg:11": 2,
	"sdg:12": 1,
	"sdg:13": 10,
	"sdg:14": 2,
	"sdg:15": 3,
	"sdg:16": 4,
	"sdg:17": 8,
};

export const mdgWeights: Record<string, number> = {
	"mdg:1": 10,
	"mdg:2": 8,
	"mdg:3": 4,
	"mdg:4": 7,
	"mdg:5": 6,
	"mdg:6": 12,
	"mdg:7": 6,
	"mdg:8": 14,
};

export const verbs = [
	"support",
	"scale up",
	"strengthen",
	"expand",
	"finance",
	"accelerate",
	"sustain",
	"double support for",
] as const;

export const pledgeNouns = [
	"pledge",
	"commitment",
	"initiative",
	"partnership",
	"programme",
	"facility",
] as const;

export const sentences = [
	"The commitment will be delivered through bilateral and multilateral channels.",
	"Funds will be disbursed over the period in annual tranches.",
	"Progress will be reported each year to the secretariat.",
	"The programme builds on earlier support and reaches the poorest households.",
	"Partners will align with national strategies and country systems.",
	"Results will be measured against the targets agreed at the meeting.",
	"A share of the money is new and additional to existing budgets.",
	"Civil society organisations will take part in monitoring.",
	"The effort focuses on fragile and conflict-affected states.",
	"Private finance is expected to be mobilised alongside public funds.",
] as const;

export const orgAdjectives = [
	"Global",
	"International",
	"United",
	"African",
	"Asian",
	"Pacific",
	"Open",
	"Common",
	"Future",
	"Bright",
	"Green",
	"Rural",
	"Sustainable",
	"People's",
] as const;

export const orgNouns = [
	"Hope",
	"Water",
	"Education",
	"Climate",
	"Nutrition",
	"Development",
	"Children",
	"Women",
	"Energy",
	"Forest",
	"Finance",
	"Vaccine",
	"Peace",
	"Farmers",
] as const;

export const orgSuffixes: Record<string, readonly string[]> = {
	un_entity: ["Programme", "Fund", "Agency", "Office"],
	multilateral: ["Bank", "Fund", "Facility", "Partnership"],
	ngo: ["Alliance", "Network", "Trust", "Relief", "Action"],
	civil_society: ["Coalition", "Forum", "Platform", "Watch"],
	private_sector: ["Group", "Holdings", "Corporation", "Ltd"],
	foundation: ["Foundation", "Institute", "Endowment"],
	other: ["Initiative", "Council", "Consortium"],
};

export const places = [
	"New York",
	"Geneva",
	"Paris",
	"London",
	"Addis Ababa",
	"Monterrey",
	"Doha",
	"Busan",
	"Gleneagles",
	"Toyako",
	"L'Aquila",
	"Muskoka",
	"Deauville",
	"Camp David",
	"Lough Erne",
	"Elmau",
	"Pittsburgh",
	"Seoul",
	"Cannes",
	"Los Cabos",
	"Brisbane",
	"Hangzhou",
	"Osaka",
	"Nairobi",
	"Rio de Janeiro",
	"Tokyo",
	"Bali",
	"Sharm el-Sheikh",
] as const;
