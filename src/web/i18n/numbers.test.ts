import assert from "node:assert/strict";
import { it } from "node:test";
import { typedDecimal, typedNumber } from "./numbers.ts";

it("reads amounts as each language writes them", () => {
	const cases: [Parameters<typeof typedDecimal>[1], string, string][] = [
		["en", "1,000,000.50", "1000000.50"],
		["en", "1000000.50", "1000000.50"],
		["en", " 2,500 ", "2500"],
		["fr", "1 000 000,50", "1000000.50"],
		["fr", "1\u202F000\u202F000,50", "1000000.50"],
		["fr", "1\u00A0000,5", "1000.5"],
		["fr", "1500000.50", "1500000.50"],
		["fr", "0,7", "0.7"],
		["es", "1.000.000,50", "1000000.50"],
		["es", "1.500", "1500"],
		["ru", "1 000 000,50", "1000000.50"],
		["ar", "١٬٠٠٠٬٠٠٠٫٥٠", "1000000.50"],
		["ar", "١٥٠٠", "1500"],
		["ar", "1,000,000.50", "1000000.50"],
		["zh", "1,000,000.50", "1000000.50"],
		["en", "0.15", "0.15"],
	];
	for (const [lang, typed, plain] of cases)
		assert.equal(typedDecimal(typed, lang), plain, `${lang} '${typed}'`);
});

it("hands on as typed what is not a number either way, for the service to name", () => {
	for (const typed of ["1,5,0", "12,34.5,6", "abc", "1 2 3 x", "1,50,000", ""])
		assert.equal(typedDecimal(typed, "en"), typed.trim());
});

it("gives a share typed as the page writes it as a number, and anything else as typed", () => {
	assert.equal(typedNumber("0,7", "fr"), 0.7);
	assert.equal(typedNumber("٠٫١٥", "ar"), 0.15);
	assert.equal(typedNumber("0.56", "en"), 0.56);
	assert.equal(typedNumber("seven", "en"), "seven");
});
