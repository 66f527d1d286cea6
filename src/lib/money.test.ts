import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "./errors.ts";
import { formatMinorUnits, minorUnitExponent, toMinorUnits } from "./money.ts";

describe("money", () => {
	it("knows the minor-unit exponents of ISO 4217", () => {
		assert.equal(minorUnitExponent("USD"), 2);
		assert.equal(minorUnitExponent("JPY"), 0);
		assert.equal(minorUnitExponent("KWD"), 3);
	});

	it("converts decimal strings to minor units exactly", () => {
		assert.equal(toMinorUnits("50000000000", "USD"), 5_000_000_000_000);
		assert.equal(toMinorUnits("0.1", "USD"), 10);
		assert.equal(toMinorUnits("1.005", "KWD"), 1005);
		assert.equal(toMinorUnits("1500", "JPY"), 1500);
		assert.equal(toMinorUnits("-12.30", "EUR"), -1230);
		assert.equal(toMinorUnits("007.50", "GBP"), 750);
		assert.equal(toMinorUnits("1.50000", "USD"), 150);
	});

	it("refuses silent rounding, garbage and overflow with a named field", () => {
		assert.throws(
			() => toMinorUnits("1.005", "USD"),
			(e: unknown) => e instanceof AppError && /decimals/.test(e.message),
		);
		assert.throws(
			() => toMinorUnits("1.5", "JPY", "pledge"),
			(e: unknown) => e instanceof AppError && e.fields[0]?.name === "pledge",
		);
		assert.throws(() => toMinorUnits("1e9", "USD"), AppError);
		assert.throws(() => toMinorUnits("", "USD"), AppError);
		assert.throws(() => toMinorUnits("99999999999999999999", "USD"), /too large/);
	});

	it("formats minor units back to exact decimal strings", () => {
		assert.equal(formatMinorUnits(5_000_000_000_000, "USD"), "50000000000.00");
		assert.equal(formatMinorUnits(5, "USD"), "0.05");
		assert.equal(formatMinorUnits(-1230, "EUR"), "-12.30");
		assert.equal(formatMinorUnits(1500, "JPY"), "1500");
		assert.equal(formatMinorUnits(1005, "KWD"), "1.005");
		for (const v of ["0.01", "123456789.99", "-0.50"])
			assert.equal(formatMinorUnits(toMinorUnits(v, "USD"), "USD"), v);
	});
});
