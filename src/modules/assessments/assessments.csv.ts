/** assessments.csv: one row per independent assessment of a public commitment. */
import { joined, type Table } from "../../interchange/csv/table.ts";
import { type AssessmentView, scorecardScores } from "./assessments.schemas.ts";

export const assessmentsTable: Table<AssessmentView> = {
	name: "assessments",
	row: "one independent assessment of a public commitment",
	columns: [
		{ name: "id", description: "IIF id of the assessment.", value: (r) => r.id },
		{
			name: "commitment_id",
			description: "The commitment assessed: IIF id.",
			value: (r) => r.commitment.id,
		},
		{
			name: "commitment_slug",
			description: "The commitment: slug.",
			value: (r) => r.commitment.slug,
		},
		{
			name: "commitment_title",
			description: "The commitment: title.",
			value: (r) => r.commitment.title,
		},
		{
			name: "scheme",
			description: "scorecard (one verdict) or compliance (-1, 0 or +1 per maker).",
			value: (r) => r.scheme,
		},
		{
			name: "score",
			description: `Scorecard verdict: ${scorecardScores.join(", ")}.`,
			value: (r) => r.score,
		},
		{
			name: "maker_ids",
			description: 'Compliance: the makers scored, IIF ids separated by "; ".',
			value: (r) => joined(r.maker_scores.map((m) => m.stakeholder.id)),
		},
		{
			name: "maker_names",
			description: "Compliance: the makers' names, same order.",
			value: (r) => joined(r.maker_scores.map((m) => m.stakeholder.name)),
		},
		{
			name: "maker_scores",
			description: "Compliance: each maker's score (-1, 0, 1), same order.",
			value: (r) => joined(r.maker_scores.map((m) => m.score)),
		},
		{ name: "rationale", description: "Why.", value: (r) => r.rationale },
		{
			name: "evidence_urls",
			description: "Evidence: links.",
			value: (r) => joined(r.evidence.map((e) => e.url)),
		},
		{ name: "assessed_on", description: "Date of the assessment.", value: (r) => r.assessed_on },
		{ name: "assessor_id", description: "The assessor: IIF user id.", value: (r) => r.assessor.id },
		{
			name: "assessor_name",
			description: "The assessor: display name.",
			value: (r) => r.assessor.display_name,
		},
		{ name: "created_at", description: "When it was recorded (UTC).", value: (r) => r.created_at },
	],
};
