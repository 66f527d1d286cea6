/**
 * Who may use the workspace pages: anyone signed in (the rest are sent to sign in and
 * brought back), each page then showing only what the actor's roles allow.
 */
import type { FastifyReply } from "fastify";
import type { Actor } from "../../../lib/actor.ts";
import { AppError } from "../../../lib/errors.ts";
import type { Services } from "../../../server/services.ts";
import type { PageContext } from "../../context.ts";
import { seeOther } from "../../page-route.ts";

/** The signed-in actor, or null after sending the visitor to sign in (and back here). */
export function signedIn(ctx: PageContext, reply: FastifyReply, back?: string): Actor | null {
	if (ctx.actor) return ctx.actor;
	const next = back ?? ctx.href(ctx.path);
	seeOther(reply, ctx.href(`/sign-in?next=${encodeURIComponent(next)}`));
	return null;
}

export function forbidden(message: string): AppError {
	return new AppError("forbidden", message);
}

export interface StakeholderChoice {
	id: number;
	slug: string;
	name: string;
	kind: string;
	country: string | null;
}

/** The stakeholders the actor is a member of, by name. */
export async function memberStakeholders(
	services: Services,
	actor: Actor,
): Promise<(StakeholderChoice & { role: "focal_point" | "editor" })[]> {
	const found = await Promise.all(
		actor.memberships.map(async (m) => {
			const s = await services.stakeholders.get(String(m.stakeholderId)).catch(() => null);
			return s
				? {
						id: s.id,
						slug: s.slug,
						name: s.name,
						kind: s.kind,
						country: s.country,
						role: m.role,
					}
				: null;
		}),
	);
	return found
		.filter((s): s is NonNullable<typeof s> => s !== null)
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** A page's number from `?page=`, 1 when absent or not a number. */
export function pageNumber(value: string | string[] | undefined): number {
	const n = Number(Array.isArray(value) ? value[0] : value);
	return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1;
}

export function queryText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
