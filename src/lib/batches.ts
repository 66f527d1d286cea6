/**
 * Reading a whole selection a batch at a time, so that an export of any size holds one
 * batch in memory, never the selection. The consumer pulls: the next batch is read only
 * once the previous one has been written out.
 */

/** Rows per database read in exports: large enough to keep round trips few, small enough to stay light. */
export const exportBatchSize = 500;

export type Batches<T> = AsyncIterable<T[]>;

/** For any order the list supports (offset paging, as the paged API does). */
export async function* offsetBatches<T>(
	fetch: (offset: number, limit: number) => Promise<T[]>,
	size = exportBatchSize,
): AsyncGenerator<T[]> {
	for (let offset = 0; ; offset += size) {
		const rows = await fetch(offset, size);
		if (rows.length > 0) yield rows;
		if (rows.length < size) return;
	}
}

/** For selections in id order: each read starts after the last id seen, so no read rescans the ones before. */
export async function* keysetBatches<T>(
	fetch: (afterId: number, limit: number) => Promise<T[]>,
	idOf: (row: T) => number,
	size = exportBatchSize,
): AsyncGenerator<T[]> {
	let after = 0;
	for (;;) {
		const rows = await fetch(after, size);
		if (rows.length > 0) {
			yield rows;
			after = idOf(rows[rows.length - 1] as T);
		}
		if (rows.length < size) return;
	}
}

/** Applies an async step (decoration, enrichment) to every batch as it passes. */
export async function* mapBatches<T, U>(
	batches: Batches<T>,
	step: (batch: T[]) => Promise<U[]> | U[],
): AsyncGenerator<U[]> {
	for await (const batch of batches) yield await step(batch);
}

/** One batch: lists that are small by nature (the reports of one commitment). */
export async function* oneBatch<T>(rows: Promise<T[]> | T[]): AsyncGenerator<T[]> {
	const all = await rows;
	if (all.length > 0) yield all;
}
