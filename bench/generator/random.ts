/**
 * A seeded pseudo-random source, so the same seed always gives the same registry and
 * two runs of the benchmark measure the same data.
 */

export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		// sfc32 seeded through splitmix32: fast, 128 bits of state, good enough for test data.
		let s = seed >>> 0;
		const next = () => {
			s = (s + 0x9e3779b9) | 0;
			let z = s;
			z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
			z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
			return (z ^ (z >>> 15)) >>> 0;
		};
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
		for (let i = 0; i < 12; i++) this.next();
	}

	/** A float in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error("pick from an empty list");
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** One of the keys, drawn with the given weights. */
	weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
		const entries = Object.entries(weights) as [T, number][];
		const total = entries.reduce((s, [, w]) => s + w, 0);
		let x = this.next() * total;
		for (const [k, w] of entries) {
			x -= w;
			if (x < 0) return k;
		}
		return (entries.at(-1) as [T, number])[0];
	}

	/** Up to `n` distinct items, in draw order. */
	sample<T>(items: readonly T[], n: number): T[] {
		const out = new Set<T>();
		const want = Math.min(n, items.length);
		while (out.size < want) out.add(this.pick(items));
		return [...out];
	}

	/** A log-uniform value in [min, max]: as many amounts near a million as near a billion. */
	logUniform(min: number, max: number): number {
		return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
	}

	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[items[i], items[j]] = [items[j] as T, items[i] as T];
		}
		return items;
	}
}

/**
 * Draws ranks with Zipf's law (rank r has weight 1 / r^s): a few makers and recipients
 * take most of the commitments, as in the real registry.
 */
export class Zipf<T> {
	private readonly cdf: Float64Array;

	constructor(
		private readonly items: readonly T[],
		exponent: number,
	) {
		if (items.length === 0) throw new Error("Zipf over an empty list");
		this.cdf = new Float64Array(items.length);
		let sum = 0;
		for (let r = 0; r < items.length; r++) {
			sum += 1 / (r + 1) ** exponent;
			this.cdf[r] = sum;
		}
		for (let r = 0; r < items.length; r++) this.cdf[r] = (this.cdf[r] as number) / sum;
	}

	draw(random: Random): T {
		const x = random.next();
		let lo = 0;
		let hi = this.cdf.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if ((this.cdf[mid] as number) < x) lo = mid + 1;
			else hi = mid;
		}
		return this.items[lo] as T;
	}

	/** Up to `n` distinct items. */
	drawDistinct(random: Random, n: number): T[] {
		const out = new Set<T>();
		const want = Math.min(n, this.items.length);
		for (let tries = 0; out.size < want && tries < want * 20; tries++) out.add(this.draw(random));
		return [...out];
	}
}
