/**
 * Every kind of write the audit log records. A closed list, so a new write cannot be
 * audited under a name nobody knows, and readers of the log can rely on the names.
 */
export const auditActions = [
	"commitment.create",
	"commitment.update",
	"commitment.submit",
	"commitment.publish",
	"commitment.return",
	"commitment.complete",
	"commitment.withdraw",
	"commitment.relate",
	"report.create",
	"report.update",
	"comment.create",
	"comment.edit",
	"comment.delete",
	"comment.flag",
	"comment.hide",
	"comment.unhide",
	"comment.dismiss_flags",
	"assessment.create",
	"user.register",
	"user.login",
	"user.login_failed",
	"user.logout",
	"user.role",
	"user.password_reset",
	"membership.grant",
	"membership.revoke",
	"token.create",
	"token.revoke",
	"stakeholder.create",
	"forum.create",
	"activity.record",
	"activity.link",
	"activity.unlink",
	"activity.import",
	"link.accept",
	"link.reject",
	"requirement.create",
	"analytics.rebuild",
	"statistics.import",
] as const;

export type AuditAction = (typeof auditActions)[number];

export type AuditObjectType =
	| "commitment"
	| "report"
	| "comment"
	| "assessment"
	| "user"
	| "membership"
	| "token"
	| "stakeholder"
	| "forum"
	| "activity"
	| "requirement"
	| "analytics"
	| "statistics";

export interface AuditEventInput {
	action: AuditAction;
	objectType: AuditObjectType;
	objectId: string | number;
	/** The acting user (null for anonymous, e.g. a failed login), and how they came. */
	actorUserId: number | null;
	actorVia: "session" | "token" | "cli" | null;
	before?: unknown;
	after?: unknown;
}
