/** The part of autocannon 8's API the benchmark uses (the package ships no types). */
declare module "autocannon" {
	import type { EventEmitter } from "node:events";

	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		headers?: Record<string, string>;
		/** Requests each connection sends in turn, cycling. */
		requests?: { method?: string; path: string }[];
	}

	interface Histogram {
		average: number;
		p50: number;
		p90: number;
		p97_5: number;
		p99: number;
		max: number;
	}

	interface Result {
		requests: Histogram & { total: number };
		latency: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		duration: number;
	}

	interface Instance extends EventEmitter {
		on(event: "reqError", listener: (error: Error) => void): this;
		on(
			event: "response",
			listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
		): this;
	}

	function autocannon(
		options: Options,
		callback: (err: Error | null, result: Result) => void,
	): Instance;
	export default autocannon;
	export type { Options, Result };
}
