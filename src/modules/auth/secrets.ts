/** Passwords (argon2id) and random secrets (session ids, API tokens, CSRF tokens). */
import { createHash, randomBytes } from "node:crypto";

// The native argon2 module is loaded at the first password check, not at start: loading
// it costs some 40 ms, and most processes (the CLI, a reader's request) never hash.
let argon2: Promise<typeof import("@node-rs/argon2")> | undefined;
const loadArgon2 = () => {
	argon2 ??= import("@node-rs/argon2");
	return argon2;
};

export async function hashPassword(password: string): Promise<string> {
	// argon2id with the library's current defaults (m=19 MiB, t=2)
	return (await loadArgon2()).hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	const { verify } = await loadArgon2();
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;
/** Spends the time of a real check, so an unknown email answers no faster than a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
	dummy ??= hashPassword("not a real password: equalises timing");
	await verifyPassword(await dummy, password);
}

export function randomSecret(prefix = ""): string {
	return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Stored instead of a session id or token: a copy of the table opens nothing. */
export function secretHash(secret: string): string {
	return createHash("sha256").update(secret).digest("hex");
}
