/**
 * Every kind of write the audit log records, and what each records. A closed list, so a
 * new write cannot be audited under a name nobody knows, readers of the log can rely on
 * the names, and each write's payload is checked against its action's shape.
 */

/**
 * A whole record as its module wrote it (a commitment's state, a new comment's row): its
 * shape belongs to that module, which the audit module sits below and does not import.
 */
type Snapshot = object;

/** What a commitment's workflow step records: the status it left and the one it took. */
interface StatusChange {
	objectId: number;
	before: { status: string };
	after: { status: string; reason?: string | undefined };
}

/** A link between an activity and a commitment made or accepted, recorded on the activity. */
interface LinkMade {
	objectId: number;
	after: {
		commitment_id: number;
		share: number;
		include_expenditure: boolean;
		/** Why the activity delivers the commitment, as the person linking it said. */
		reason?: string | null;
	};
}

/** A proposed change closed without being applied, recorded on its commitment. */
interface ProposalClosed {
	objectId: number;
	after: { proposal_id: number; reason?: string | undefined };
}

/** A membership is named by its user and stakeholder: `user:stakeholder`. */
type MembershipId = `${number}:${number}`;

/**
 * Every action, with what its event records: the object's id and its state before and
 * after. tsc holds each write to the shape of its action.
 */
export interface AuditEvents {
	"commitment.create": { objectId: number; after: Snapshot };
	"commitment.update": {
		objectId: number;
		before: Snapshot;
		/** proposal_id: the reviewed proposal this update applies, when it applies one. */
		after: Snapshot & { reason?: string | undefined; proposal_id?: number };
	};
	"commitment.submit": StatusChange;
	"commitment.publish": StatusChange;
	"commitment.return": StatusChange;
	"commitment.complete": StatusChange;
	"commitment.withdraw": StatusChange;
	/** An update held for the secretariat's review (commitments.review.ts): what it would change. */
	"commitment.propose": {
		objectId: number;
		after: {
			proposal_id: number;
			review: string;
			base_version: number;
			changed: string[];
			reason: string | null;
		};
	};
	"commitment.reject_proposal": ProposalClosed;
	"commitment.withdraw_proposal": ProposalClosed;
	"commitment.relate": {
		objectId: number;
		/** share: the part of its money the relation holds for, when not all of it. */
		after: { kind: string; to: number; note: string | null; share?: number };
	};
	"report.create": { objectId: number; after: Snapshot & { commitment_id: number } };
	"report.update": {
		objectId: number;
		before: Snapshot;
		after: Snapshot & { reason: string | null };
	};
	"report.withdraw": {
		objectId: number;
		before: { withdrawn_at: null; version: number };
		after: { withdrawn_at: string; reason: string; version: number };
	};
	"comment.create": { objectId: number; after: Snapshot };
	"comment.edit": {
		objectId: number;
		before: { body: string; edited_at: string | null };
		after: { body: string; edited_at: string };
	};
	"comment.delete": {
		objectId: number;
		before: { body: string; deleted_at: null };
		after: { deleted_at: string };
	};
	"comment.flag": {
		objectId: number;
		after: { user_id: number; reason: string | null; created_at: string };
	};
	"comment.hide": {
		objectId: number;
		before: { hidden_at: null };
		after: { hidden_at: string; hidden_by: number | null; reason: string | null };
	};
	"comment.unhide": {
		objectId: number;
		before: { hidden_at: string | null; hidden_by: number | null; reason: string | null };
		after: { hidden_at: null; reason: string | null };
	};
	"comment.dismiss_flags": {
		objectId: number;
		after: { dismissed: number; reason: string | null };
	};
	"assessment.create": { objectId: number; after: Snapshot };
	"user.register": {
		objectId: number;
		after: { email: string; display_name: string } | { email: string; role: string | null };
	};
	"user.login": { objectId: number; after: { ip: string } };
	"user.login_failed": { objectId: number | "unknown"; after: { email: string; ip: string } };
	"user.logout": { objectId: number };
	"user.role": {
		objectId: number;
		before: { role: string | null };
		after: { role: string | null };
	};
	"user.password_reset": { objectId: number; after: { tokens_revoked: number } };
	"membership.grant": {
		objectId: MembershipId;
		before: { role: string } | null;
		after: { role: string };
	};
	"membership.revoke": { objectId: MembershipId; before: { role: string } };
	"token.create": { objectId: number; after: { name: string; prefix: string } };
	"token.revoke": { objectId: number };
	"stakeholder.create": { objectId: number; after: Snapshot };
	"stakeholder.agencies": { objectId: number; before: Snapshot; after: Snapshot };
	"forum.create": { objectId: number; after: Snapshot };
	"activity.record": {
		objectId: number;
		after: { iati_identifier: string; transactions: number } | { removed_transactions: number[] };
	};
	"activity.link": LinkMade;
	"activity.unlink": { objectId: number; after: { commitment_id: number } };
	"activity.import": {
		objectId: string;
		after: {
			file: string;
			activities: number;
			transactions: number;
			organisations: number;
			rejected: number;
		};
	};
	"link.accept": LinkMade;
	"link.reject": {
		objectId: number;
		after: { commitment_id: number; was: string; reason: string | null };
	};
	"requirement.create": { objectId: number; after: Snapshot };
	"analytics.rebuild": {
		objectId: "delivery";
		after: { base_year: number; commitments: number; transactions_converted: number };
	};
	"statistics.import": {
		objectId: string;
		after: {
			file: string;
			values: number;
			created: number;
			replaced: number;
			commitments_measured: number;
		};
	};
}

/** The closed list of names: a new write cannot be audited under a name nobody knows. */
export type AuditAction = keyof AuditEvents;

/** One event as a service hands it to recordAudit: the action picks the payload's shape. */
export type AuditEvent = { [A in AuditAction]: { action: A } & AuditEvents[A] }[AuditAction];

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

/** The kind of object each action is about, as stored in the event's object_type. */
export const auditObjectTypes: { readonly [A in AuditAction]: AuditObjectType } = {
	"commitment.create": "commitment",
	"commitment.update": "commitment",
	"commitment.submit": "commitment",
	"commitment.publish": "commitment",
	"commitment.return": "commitment",
	"commitment.complete": "commitment",
	"commitment.withdraw": "commitment",
	"commitment.propose": "commitment",
	"commitment.reject_proposal": "commitment",
	"commitment.withdraw_proposal": "commitment",
	"commitment.relate": "commitment",
	"report.create": "report",
	"report.update": "report",
	"report.withdraw": "report",
	"comment.create": "comment",
	"comment.edit": "comment",
	"comment.delete": "comment",
	"comment.flag": "comment",
	"comment.hide": "comment",
	"comment.unhide": "comment",
	"comment.dismiss_flags": "comment",
	"assessment.create": "assessment",
	"user.register": "user",
	"user.login": "user",
	"user.login_failed": "user",
	"user.logout": "user",
	"user.role": "user",
	"user.password_reset": "user",
	"membership.grant": "membership",
	"membership.revoke": "membership",
	"token.create": "token",
	"token.revoke": "token",
	"stakeholder.create": "stakeholder",
	"stakeholder.agencies": "stakeholder",
	"forum.create": "forum",
	"activity.record": "activity",
	"activity.link": "activity",
	"activity.unlink": "activity",
	"activity.import": "activity",
	"link.accept": "activity",
	"link.reject": "activity",
	"requirement.create": "requirement",
	"analytics.rebuild": "analytics",
	"statistics.import": "statistics",
};

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
