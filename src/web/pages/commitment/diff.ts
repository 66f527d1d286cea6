/**
 * Word-level differences between two texts, for the version history: which words of the
 * earlier text went and which of the later one came. A longest common subsequence over
 * words (whitespace kept as its own token), after the common beginning and end are set
 * aside; texts too different to compare cheaply are shown as wholly replaced.
 */

export interface Piece {
	text: string;
	change: "same" | "removed" | "added";
}

export interface WordDiff {
	before: Piece[];
	after: Piece[];
}

/** Above this many cells the comparison is not worth its time: show both texts whole. */
const maxCells = 400_000;

function tokens(text: string): string[] {
	return text.split(/(\s+)/).filter((t) => t !== "");
}

function push(out: Piece[], text: string, change: Piece["change"]): void {
	const last = out.at(-1);
	if (last && last.change === change) last.text += text;
	else out.push({ text, change });
}

export function wordDiff(beforeText: string, afterText: string): WordDiff {
	const a = tokens(beforeText);
	const b = tokens(afterText);
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const before: Piece[] = [];
	const after: Piece[] = [];
	const head = a.slice(0, start).join("");
	if (head) {
		push(before, head, "same");
		push(after, head, "same");
	}
	const midA = a.slice(start, endA);
	const midB = b.slice(start, endB);
	const n = midA.length;
	const m = midB.length;
	if (n * m > maxCells || n === 0 || m === 0) {
		if (n) push(before, midA.join(""), "removed");
		if (m) push(after, midB.join(""), "added");
	} else {
		// lcs[i][j]: length of the common subsequence of midA[i..] and midB[j..].
		const width = m + 1;
		const lcs = new Uint32Array((n + 1) * width);
		for (let i = n - 1; i >= 0; i--)
			for (let j = m - 1; j >= 0; j--)
				lcs[i * width + j] =
					midA[i] === midB[j]
						? (lcs[(i + 1) * width + j + 1] as number) + 1
						: Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
		let i = 0;
		let j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && midA[i] === midB[j]) {
				push(before, midA[i] as string, "same");
				push(after, midB[j] as string, "same");
				i++;
				j++;
			} else if (
				j < m &&
				(i === n || (lcs[i * width + j + 1] as number) >= (lcs[(i + 1) * width + j] as number))
			) {
				push(after, midB[j] as string, "added");
				j++;
			} else {
				push(before, midA[i] as string, "removed");
				i++;
			}
		}
	}
	const tail = a.slice(endA).join("");
	if (tail) {
		push(before, tail, "same");
		push(after, tail, "same");
	}
	return { before, after };
}
