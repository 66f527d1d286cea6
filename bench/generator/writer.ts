/** Buffered line writing that waits for the disk, so memory stays flat for millions of lines. */

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";

export class LineWriter {
	private readonly stream: WriteStream;
	private buffer: string[] = [];
	private size = 0;
	count = 0;

	constructor(path: string) {
		this.stream = createWriteStream(path, { encoding: "utf8" });
	}

	async line(text: string): Promise<void> {
		this.buffer.push(text);
		this.size += text.length + 1;
		this.count++;
		if (this.size >= 1 << 20) await this.flush();
	}

	json(value: unknown): Promise<void> {
		return this.line(JSON.stringify(value));
	}

	private async flush(): Promise<void> {
		if (this.buffer.length === 0) return;
		const chunk = `${this.buffer.join("\n")}\n`;
		this.buffer = [];
		this.size = 0;
		if (!this.stream.write(chunk)) await once(this.stream, "drain");
	}

	async close(): Promise<void> {
		await this.flush();
		this.stream.end();
		await once(this.stream, "finish");
	}
}
