/** Who may manage accounts: the admin alone grants roles and memberships. */
import type { Actor } from "../../lib/actor.ts";

export const userPolicy = {
	manageAccounts: (actor: Actor): boolean => actor.role === "admin",
};
