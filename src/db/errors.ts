/**
 * Database failures that are states of the database, not bugs: busy with another writer
 * (an import), out of disk space, read-only, not answering. Each becomes one
 * AppError("unavailable") (503 with Retry-After) with a message an operator can act on,
 * instead of a 500 that says nothing. Recognised once, here, for both dialects.
 */
import { AppError } from "../lib/errors.ts";

export type UnavailableReason = "busy" | "full" | "read_only" | "down";

const messages: Record<UnavailableReason, string> = {
	busy: "the database is busy with another write (an import, perhaps); try again in a few seconds",
	full: "the database has no disk space left: writes are refused until an operator frees space",
	read_only:
		"the database is read-only: writes are refused until an operator makes it writable again",
	down: "the database does not answer; try again shortly",
};

/** Seconds a client should wait: a busy database frees up in moments, the others need an operator. */
const retryAfter: Record<UnavailableReason, number> = {
	busy: 2,
	full: 60,
	read_only: 60,
	down: 10,
};

/**
 * The messages of node-postgres for a connection lost under a query, or used after it was
 * lost (the next query of a transaction, its ROLLBACK).
 */
const pgConnectionLost =
	/^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|timeout expired)$/;

/** Why the database refused, from a driver error's code; null for every other error. */
export function unavailableReason(error: unknown): UnavailableReason | null {
	for (let e = error, depth = 0; e && depth < 3; e = (e as Error).cause, depth++) {
		const code = String((e as { code?: unknown }).code ?? "");
		// better-sqlite3: SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT ...).
		if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return "busy";
		if (code === "SQLITE_FULL") return "full";
		if (code.startsWith("SQLITE_READONLY")) return "read_only";
		// PostgreSQL SQLSTATEs: disk_full, read-only transaction, lock not available,
		// server shutting down or starting, too many clients; and no server at all.
		if (code === "53100") return "full";
		if (code === "25006") return "read_only";
		if (code === "55P03") return "busy";
		if (code === "57P01" || code === "57P03" || code === "53300") return "down";
		if (code === "ECONNREFUSED" || code === "ECONNRESET") return "down";
		// pg's own errors for a connection the server ended (a restart): they carry no code.
		if (!code && e instanceof Error && pgConnectionLost.test(e.message)) return "down";
	}
	return null;
}

export function unavailableError(reason: UnavailableReason, cause?: unknown): AppError {
	return new AppError("unavailable", messages[reason], {
		extra: { retry_after: retryAfter[reason], reason },
		cause,
	});
}

/** The AppError a database error stands for, or null when it is not one of these states. */
export function databaseUnavailable(error: unknown): AppError | null {
	if (error instanceof AppError) return error.code === "unavailable" ? error : null;
	const reason = unavailableReason(error);
	return reason ? unavailableError(reason, error) : null;
}
