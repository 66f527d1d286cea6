/**
 * Which proxies may tell us the client's address and protocol (X-Forwarded-For/-Proto).
 * Trusting them when there is no proxy would let any client pick its own address, and
 * so walk around the per-address sign-in limit. IIF_TRUST_PROXY: unset or "false" (no
 * proxy), "true" (any), a number of hops, or a comma-separated list of addresses/CIDRs.
 */
import { AppError } from "../lib/errors.ts";

export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/**
 * "true" trusts every hop, so a client that reaches the server directly (or through a
 * proxy that appends instead of replacing the header) writes its own address into
 * X-Forwarded-For and walks around the per-address sign-in and registration limits.
 * The safe settings are the number of proxies in front of IIF, or their addresses.
 */
export function trustProxyWarning(value: string | undefined): string | null {
	if (value?.trim() !== "true") return null;
	return "IIF_TRUST_PROXY=true trusts X-Forwarded-For from anyone: a client can pick the address the sign-in and registration limits count. Set the number of proxies in front of IIF (e.g. IIF_TRUST_PROXY=1) or their addresses (e.g. IIF_TRUST_PROXY=10.0.0.5) instead.";
}

export function trustProxySetting(value: string | undefined): TrustProxy {
	const v = value?.trim() ?? "";
	if (v === "" || v === "false") return false;
	if (v === "true") return true;
	if (/^\d{1,2}$/.test(v)) {
		const hops = Number(v);
		return (_address, hop) => hop < hops;
	}
	const list = v.split(",").map((s) => s.trim());
	if (list.every((s) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s))) return list;
	throw new AppError(
		"invalid_input",
		`IIF_TRUST_PROXY must be false, true, a number of hops or a list of addresses; got '${value}'`,
	);
}
