/**
 * Log options for the server. A client that closes the connection before the answer is
 * complete (a phone losing signal, a user clicking away) is ordinary on slow networks,
 * not an error of ours: a stream cut short reports it as an error ("premature close"), so
 * it is written at info level instead, and error level keeps meaning "look at this".
 */
import type { FastifyServerOptions } from "fastify";

type LoggerOptions = Exclude<FastifyServerOptions["logger"], boolean | undefined>;

const errorLevel = 50;

function isClientAbort(value: unknown): boolean {
	const err = value instanceof Error ? value : (value as { err?: unknown } | null | undefined)?.err;
	return err instanceof Error && /premature close|aborted|ECONNRESET|EPIPE/i.test(err.message);
}

export function serverLogger(
	options: boolean | (LoggerOptions & { level?: string }),
): FastifyServerOptions["logger"] {
	if (options === false || options === true) return options;
	return {
		...options,
		hooks: {
			logMethod(this: { info: (...a: unknown[]) => void }, args: unknown[], method, level) {
				if (level === errorLevel && isClientAbort(args[0])) {
					const err = args[0] instanceof Error ? args[0] : (args[0] as { err: Error }).err;
					return this.info(
						{ reason: err.message },
						"client closed the connection before the answer was complete",
					);
				}
				return method.apply(this, args as Parameters<typeof method>);
			},
		},
	} as FastifyServerOptions["logger"];
}
