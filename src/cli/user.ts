/**
 * iif user add | grant | reset-password: the operator's account management. Passwords
 * come on standard input (--password-stdin), never on the command line, where other
 * users of the machine and the shell history would see them.
 */

import { parseArgs } from "node:util";
import { cliActor, globalRoles } from "../lib/actor.ts";
import { isOneOf } from "../lib/enums.ts";
import { AppError } from "../lib/errors.ts";
import { openMigrated } from "./context.ts";

const usage = `usage:
  iif user add --email E --password-stdin [--name N] [--role admin|secretariat|assessor] [--stakeholder ID --as focal_point|editor]
  iif user grant --email E [--role admin|secretariat|assessor|none] [--stakeholder ID --as focal_point|editor]
  iif user reset-password --email E --password-stdin`;

async function readStdin(): Promise<string> {
	if (process.stdin.isTTY)
		throw new AppError(
			"invalid_input",
			'--password-stdin reads the password from standard input: pipe it in (e.g. printf %s "$PASSWORD" | iif user add ...)',
		);
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString("utf8")
		.replace(/\r?\n$/, "");
}

export async function userCommand(args: string[]): Promise<number> {
	const [sub, ...rest] = args;
	const { values } = parseArgs({
		args: rest,
		options: {
			email: { type: "string" },
			name: { type: "string" },
			role: { type: "string" },
			stakeholder: { type: "string" },
			as: { type: "string" },
			"password-stdin": { type: "boolean", default: false },
		},
		strict: true,
	});
	if (!sub || !["add", "grant", "reset-password"].includes(sub)) {
		console.error(usage);
		return 2;
	}
	if (!values.email) throw AppError.invalid("email", "--email is required");
	if (values.role !== undefined && values.role !== "none" && !isOneOf(globalRoles, values.role))
		throw AppError.invalid(
			"role",
			`--role must be one of ${globalRoles.join(", ")}${sub === "grant" ? " or none" : ""}`,
		);
	if ((values.stakeholder === undefined) !== (values.as === undefined))
		throw AppError.invalid("as", "--stakeholder and --as go together");
	if ((sub === "add" || sub === "reset-password") && !values["password-stdin"])
		throw AppError.invalid("password", "give the password on standard input with --password-stdin");
	const password = values["password-stdin"] ? await readStdin() : "";

	const { database, services } = await openMigrated();
	try {
		if (sub === "reset-password") {
			await services.users.resetPassword(values.email, password, cliActor);
			console.log(`password of ${values.email} reset; their sessions are ended`);
			return 0;
		}
		const id =
			sub === "add"
				? await services.users.add(
						{
							email: values.email,
							password,
							display_name: values.name,
							role: values.role === "none" ? null : (values.role ?? null),
						},
						cliActor,
					)
				: await services.users.findIdByEmail(values.email);
		if (sub === "grant" && values.role !== undefined)
			await services.users.setRole(cliActor, id, {
				role: values.role === "none" ? null : values.role,
			});
		if (values.stakeholder !== undefined)
			await services.users.grantMembership(cliActor, id, {
				stakeholder: values.stakeholder,
				role: values.as,
			});
		console.log(`${sub === "add" ? "added" : "updated"} user ${id} (${values.email})`);
		return 0;
	} finally {
		await database.close();
	}
}
