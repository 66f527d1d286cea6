/** Rate limits written as "count/seconds" in the environment (IIF_COMMENT_RATE, IIF_WRITE_RATE). */
import { AppError } from "./errors.ts";

export interface Rate {
	count: number;
	seconds: number;
}

/** A malformed value stops the start; a window over a day is refused, since counters are pruned after two. */
export function parseRate(name: string, text: string | undefined, fallback: Rate): Rate {
	if (text === undefined || text.trim() === "") return fallback;
	const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
	const rate = m ? { count: Number(m[1]), seconds: Number(m[2]) } : null;
	if (!rate || rate.count < 1 || rate.seconds < 1 || rate.seconds > 86_400) {
		throw new AppError(
			"invalid_input",
			`${name} must be count/seconds, both at least 1 and seconds at most a day (86400), such as ${fallback.count}/${fallback.seconds}; got '${text}'`,
		);
	}
	return rate;
}

/** The start of the fixed window `now` falls in, and the seconds until the next one. */
export function rateWindow(rate: Rate, now: number): { start: string; retryAfter: number } {
	const ms = rate.seconds * 1000;
	const start = Math.floor(now / ms) * ms;
	return {
		start: new Date(start).toISOString(),
		retryAfter: Math.max(1, Math.ceil((start + ms - now) / 1000)),
	};
}
