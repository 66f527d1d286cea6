/** Who is acting: a signed-in user (by session cookie or API token), or nobody. */
export const globalRoles = ["admin", "secretariat", "assessor"] as const;
export type GlobalRole = (typeof globalRoles)[number];

export const membershipRoles = ["focal_point", "editor"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export interface Actor {
	userId: number;
	email: string;
	displayName: string;
	role: GlobalRole | null;
	via: "session" | "token" | "cli";
	memberships: { stakeholderId: number; role: MembershipRole }[];
}

/** The CLI acts as the operator of the machine: recorded as such in the audit log. */
export const cliActor: Actor = {
	userId: 0,
	email: "",
	displayName: "operator (CLI)",
	role: "admin",
	via: "cli",
	memberships: [],
};

/**
 * Who an audit event names: an actor, or a user not yet one (signing in, registering),
 * who may have come by no channel at all.
 */
export interface AuditActor {
	userId: number;
	via: Actor["via"] | null;
}

/** The user id recorded for an actor's writes: none for the operator's CLI. */
export function auditActorId(a: AuditActor): number | null {
	return a.via === "cli" ? null : a.userId;
}
