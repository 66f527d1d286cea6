/**
 * IATI 1.0x codes and their 2.0x equivalents, as IATI's own upgrade mapping gives them
 * (iatistandard.org, "1.0x to 2.0x codelist mapping"). A code already in 2.0x form, or
 * one without an equivalent, is kept as written.
 */

/** TransactionType: 1.0x letters to 2.0x numbers. */
const transactionTypes: Record<string, string> = {
	IF: "1",
	C: "2",
	D: "3",
	E: "4",
	IR: "5",
	LR: "6",
	R: "7",
	QP: "8",
	QS: "9",
	CG: "11",
};

/** 1.0x Vocabulary (sectors, policy markers) to 2.0x SectorVocabulary / PolicyMarkerVocabulary. */
const vocabularies: Record<string, string> = {
	DAC: "1",
	"DAC-3": "2",
	COFOG: "3",
	NACE: "5",
	NTEE: "6",
	RO: "99",
	RO2: "98",
};

/** OrganisationRole: 1.0x names to 2.0x numbers. */
const roles: Record<string, string> = {
	funding: "1",
	accountable: "2",
	extending: "3",
	implementing: "4",
};

/** ActivityDateType: 1.0x names to 2.0x numbers. */
const dateTypes: Record<string, string> = {
	"start-planned": "1",
	"start-actual": "2",
	"end-planned": "3",
	"end-actual": "4",
};

/** The mapped code, or the code as written (own keys only: "constructor" maps to nothing). */
const mapped = (map: Record<string, string>, key: string, code: string): string =>
	Object.hasOwn(map, key) ? (map[key] as string) : code;

export const transactionType = (c: string) => mapped(transactionTypes, c.toUpperCase(), c);
export const vocabulary = (v: string) => mapped(vocabularies, v.toUpperCase(), v);
export const organisationRole = (r: string) => mapped(roles, r.toLowerCase(), r);
export const activityDateType = (t: string) => mapped(dateTypes, t.toLowerCase(), t);
