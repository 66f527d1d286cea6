/** Accounts: registration, sign-in, tokens, roles and memberships. */
import * as z from "zod";
import { globalRoles, membershipRoles } from "../../lib/actor.ts";
import { recordRefPattern } from "../../lib/ids.ts";

const email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254)
	.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an email address");
const password = z
	.string()
	.min(10, "must be at least 10 characters")
	.max(200, "must be at most 200 characters");

export const registerInput = z.strictObject({
	email,
	password,
	display_name: z.string().trim().min(2, "must be at least 2 characters").max(100),
});
export const loginInput = z.strictObject({
	email,
	password: z.string().min(1, "must not be empty").max(200),
});
export const tokenInput = z.strictObject({
	name: z.string().trim().min(1, "must not be empty").max(100),
});
export const roleInput = z.strictObject({ role: z.enum(globalRoles).nullable() });
export const membershipInput = z.strictObject({
	stakeholder: z.union([
		z.number().int().positive(),
		z.string().regex(recordRefPattern, "must be a stakeholder id or slug"),
	]),
	role: z.enum(membershipRoles),
});
export const userAddInput = z.strictObject({
	email,
	password,
	display_name: z.string().trim().min(2).max(100).optional(),
	role: z.enum(globalRoles).nullable().default(null),
});

export const sessionView = z.object({
	user: z.object({
		id: z.number().int(),
		email: z.string(),
		display_name: z.string(),
		role: z.enum(globalRoles).nullable(),
		memberships: z.array(
			z.object({ stakeholder_id: z.number().int(), role: z.enum(membershipRoles) }),
		),
	}),
	csrf_token: z.string().nullable().meta({
		description:
			"Send it as the x-csrf-token header with every write made with the session cookie.",
	}),
	expires_at: z.string().nullable(),
});

export const tokenCreated = z.object({
	id: z.number().int(),
	name: z.string(),
	token: z.string().meta({
		description: "Shown once: only its hash is stored. Send as Authorization: Bearer <token>.",
	}),
	prefix: z.string(),
});

export const tokenList = z.object({
	items: z.array(
		z.object({
			id: z.number().int(),
			name: z.string(),
			prefix: z.string(),
			created_at: z.string(),
			last_used_at: z.string().nullable(),
			revoked_at: z.string().nullable(),
		}),
	),
});

export const accepted = z.object({ status: z.string(), message: z.string() });
export const done = z.object({ status: z.literal("ok") });
