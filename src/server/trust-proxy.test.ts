import assert from "node:assert/strict";
import { it } from "node:test";
import { trustProxySetting, trustProxyWarning } from "./trust-proxy.ts";

it("trusts no proxy unless told, and reads hops or addresses", () => {
	assert.equal(trustProxySetting(undefined), false);
	assert.equal(trustProxySetting("false"), false);
	assert.equal(trustProxySetting("true"), true);
	const oneHop = trustProxySetting("1") as (a: string, hop: number) => boolean;
	assert.deepEqual([oneHop("10.0.0.1", 0), oneHop("10.0.0.2", 1)], [true, false]);
	assert.deepEqual(trustProxySetting("10.0.0.1, 192.168.0.0/16"), ["10.0.0.1", "192.168.0.0/16"]);
	assert.throws(() => trustProxySetting("yes please"), /IIF_TRUST_PROXY/);
});

it("warns when every proxy is trusted, and only then", () => {
	assert.match(trustProxyWarning("true") ?? "", /client can pick the address/);
	for (const safe of [undefined, "false", "1", "10.0.0.5"])
		assert.equal(trustProxyWarning(safe), null);
});
