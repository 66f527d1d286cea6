/** What the commitment page shows, as the services give it, and the state of its forms. */
import type { CommitmentDelivery } from "../../../modules/analytics/analytics.schemas.ts";
import type { AssessmentList } from "../../../modules/assessments/assessments.schemas.ts";
import type { CommentThread } from "../../../modules/comments/comments.schemas.ts";
import type { CommitmentDetail } from "../../../modules/commitments/commitments.schemas.ts";
import type { CommitmentService } from "../../../modules/commitments/commitments.service.ts";
import type { CommitmentFlags } from "../../../modules/flags/flags.schemas.ts";
import type { LinkView } from "../../../modules/links/links.schemas.ts";
import type { ReportView } from "../../../modules/reports/reports.service.ts";
import type { FormErrors } from "../../components/form.tsx";

export type CommitmentSteps = Awaited<ReturnType<CommitmentService["history"]>>;

export interface CommitmentPageData {
	detail: CommitmentDetail;
	delivery: CommitmentDelivery;
	flags: CommitmentFlags;
	steps: CommitmentSteps;
	/** Reports, assessments and comments exist on public commitments only. */
	reports: { items: ReportView[]; total: number } | null;
	assessments: AssessmentList | null;
	thread: CommentThread | null;
	/** IATI activities accepted as delivering it (public commitments only). */
	activities: LinkView[] | null;
	/** Names of stakeholders and forums an older version referred to, by id. */
	names: { stakeholders: Map<number, string>; forums: Map<number, string> };
	/** The page's absolute URL (Open Graph). */
	url: string;
}

/** A comment or reply that failed: what was typed and what was wrong, shown in its form. */
export interface CommentFormState {
	parentId: number | null;
	body: string;
	errors: FormErrors;
}

/** A report of a comment that failed. */
export interface FlagFormState {
	commentId: number;
	reason: string;
	details: string;
	errors: FormErrors;
}

export const commentNotices = [
	"posted",
	"flagged",
	"flag_repeat",
	"edited",
	"deleted",
	"hidden",
	"shown",
] as const;
export type CommentNotice = (typeof commentNotices)[number];

/** What an author or a moderator does to a comment in the page. */
export type CommentAction = "edit" | "delete" | "hide" | "unhide";

/** An edit, deletion, hiding or showing again that failed: what was typed and why. */
export interface CommentActionState {
	commentId: number;
	action: CommentAction;
	text: string;
	errors: FormErrors;
}

export interface CommitmentForms {
	comment?: CommentFormState;
	flag?: FlagFormState;
	commentAction?: CommentActionState;
	notice?: CommentNotice;
}
