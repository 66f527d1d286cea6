/**
 * Which open connections carry no request, for a prompt shutdown. Node closes idle
 * keep-alive connections when the server closes, but not one that was opened and has
 * sent nothing yet (browsers and load balancers open such connections ahead of need):
 * it would hold the shutdown open until the grace period ends and is cut off.
 */
import type { Server } from "node:http";
import type { Socket } from "node:net";

interface State {
	/** Requests received and not yet answered. */
	pending: number;
	/** Bytes read up to the last answer: more since means a request is on its way in. */
	settled: number;
}

export function trackConnections(server: Server): { closeIdle(): void } {
	const open = new Map<Socket, State>();
	server.on("connection", (socket: Socket) => {
		open.set(socket, { pending: 0, settled: 0 });
		socket.once("close", () => open.delete(socket));
	});
	server.on("request", (request, response) => {
		const state = open.get(request.socket);
		if (!state) return;
		state.pending++;
		response.once("close", () => {
			state.pending--;
			state.settled = request.socket.bytesRead;
		});
	});
	return {
		closeIdle() {
			for (const [socket, s] of open)
				if (s.pending === 0 && socket.bytesRead === s.settled) socket.destroy();
		},
	};
}
