import assert from "node:assert/strict";
import { test } from "node:test";
import { formattersFor } from "./format.ts";
import { directionOf, negotiateLanguage } from "./locale.ts";
import { defineMessages, translate } from "./messages.ts";

test("Accept-Language picks the best of the six by quality, English otherwise", () => {
	assert.equal(negotiateLanguage("fr-CH, fr;q=0.9, en;q=0.8"), "fr");
	assert.equal(negotiateLanguage("de-DE, ar;q=0.5, ru;q=0.7"), "ru");
	assert.equal(negotiateLanguage("zh-TW,zh;q=0.9"), "zh");
	assert.equal(negotiateLanguage("de, nl"), "en");
	assert.equal(negotiateLanguage("es;q=0, fr;q=0.1"), "fr");
	assert.equal(negotiateLanguage(undefined), "en");
	assert.equal(negotiateLanguage(";;;,q=abc"), "en");
});

test("Arabic alone is right-to-left", () => {
	assert.equal(directionOf("ar"), "rtl");
	for (const l of ["zh", "en", "fr", "ru", "es"] as const) assert.equal(directionOf(l), "ltr");
});

test("messages fill placeholders and leave unknown ones visible", () => {
	const m = defineMessages({
		hello: { en: "{n} pledges", fr: "{n} promesses", es: "{n}", ru: "{n}", ar: "{n}", zh: "{n}" },
	});
	assert.equal(translate(m.hello, "fr", { n: 3 }), "3 promesses");
	assert.equal(translate(m.hello, "en"), "{n} pledges");
});

test("numbers, money, dates and countries follow the language", () => {
	assert.equal(formattersFor("en").number(1234567.5), "1,234,567.5");
	assert.equal(formattersFor("fr").number(1234567.5).replace(/\s/g, " "), "1 234 567,5");
	assert.match(formattersFor("ar").number(12), /١٢|12/);
	assert.equal(formattersFor("en").money(50_000_000_000, "USD"), "$50,000,000,000");
	assert.equal(formattersFor("en").usdCents(5_000_000_000_000), "$50B");
	assert.equal(formattersFor("en").usdCents(null), "—");
	assert.equal(formattersFor("en").date("2005-07-08"), "Jul 8, 2005");
	assert.match(formattersFor("fr").date("2005-07-08"), /8 juil\. 2005/);
	assert.equal(formattersFor("fr").country("KE"), "Kenya");
	assert.equal(formattersFor("zh").country("KE"), "肯尼亚");
	assert.equal(formattersFor("en").money(5, "XYZ").includes("XYZ"), true);
});

test("a currency symbol reads as written on a right-to-left page", () => {
	// Without an isolate the bidirectional algorithm shows "US$" as "$US" in Arabic text.
	for (const s of [
		formattersFor("ar").moneyCompact(1_500_000_000, "USD"),
		formattersFor("ar").money(2_500, "CAD"),
		formattersFor("ar").money(2_500, "USD"),
	])
		assert.match(s, /\u2066[A-Z]{1,3}\$\u2069/, JSON.stringify(s));
	assert.ok(!/[\u2066\u2069]/.test(formattersFor("en").moneyCompact(1_500_000_000, "USD")));
	assert.ok(!/[\u2066\u2069]/.test(formattersFor("fr").money(2_500, "USD")));
});
