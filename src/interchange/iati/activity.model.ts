/**
 * An IATI activity as IIF keeps it: the part of the IATI 2.03 activity standard that
 * delivery monitoring needs. The reader produces it, the repository stores and loads
 * it, the writer turns it back into IATI XML; a round trip (read, store, load, write,
 * read) gives the same value. Amounts are integers of minor units of their currency.
 */

/** Text in several languages: `lang` null means the activity's default language. */
/**
 * The longest IATI identifier stored: an activity is looked up at its address
 * (/api/v1/activities/{identifier}), whose every part the router takes up to 200
 * characters long. Real identifiers (publisher prefix and own code) are far shorter.
 */
export const maxIdentifierLength = 200;

export interface Narrative {
	lang: string | null;
	text: string;
}

export interface OrgRef {
	ref: string | null;
	type: string | null;
	narratives: Narrative[];
}

export interface ParticipatingOrg extends OrgRef {
	/** OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
	role: string;
	activity_id: string | null;
}

export interface RecipientShare {
	code: string;
	/** RegionVocabulary for regions (1 = OECD DAC); null for countries. */
	vocabulary: string | null;
	percentage: number | null;
}

export interface SectorShare {
	/** SectorVocabulary: 1 DAC 5-digit, 2 DAC 3-digit, 7/8/9 SDG goal/target/indicator. */
	vocabulary: string;
	code: string;
	percentage: number | null;
}

export interface Tag {
	/** TagVocabulary: 2 SDG goal, 3 SDG target. */
	vocabulary: string;
	code: string;
}

export interface PolicyMarker {
	vocabulary: string;
	code: string;
	significance: string | null;
}

export interface ActivityDate {
	/** ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end. */
	type: string;
	iso_date: string;
}

export interface Transaction {
	ref: string | null;
	/** TransactionType: 2 commitment, 3 disbursement, 4 expenditure ... */
	transaction_type: string;
	transaction_date: string;
	/** Minor units; negative for a reversal. */
	value_minor: number;
	/** As stated on the value; the activity's default currency applies when null. */
	currency: string | null;
	value_date: string | null;
	description: Narrative[];
	provider_org: (OrgRef & { provider_activity_id: string | null }) | null;
	receiver_org: (OrgRef & { receiver_activity_id: string | null }) | null;
	recipient_country: string | null;
	recipient_region: { code: string; vocabulary: string | null } | null;
	sectors: { vocabulary: string; code: string }[];
}

export interface IatiActivity {
	iati_identifier: string;
	/** The version of the file it came from ("2.03", "1.05"); written out as 2.03. */
	version: string;
	default_currency: string | null;
	default_lang: string | null;
	last_updated_datetime: string | null;
	hierarchy: number | null;
	humanitarian: boolean | null;
	reporting_org: OrgRef & { ref: string };
	title: Narrative[];
	/** By description type (1 general, 2 objectives, 3 target groups, 4 other). */
	descriptions: { type: string; narratives: Narrative[] }[];
	participating_orgs: ParticipatingOrg[];
	/** ActivityStatus code. */
	activity_status: string | null;
	activity_dates: ActivityDate[];
	recipient_countries: RecipientShare[];
	recipient_regions: RecipientShare[];
	sectors: SectorShare[];
	tags: Tag[];
	policy_markers: PolicyMarker[];
	collaboration_type: string | null;
	default_flow_type: string | null;
	default_finance_type: string | null;
	default_aid_type: { vocabulary: string; code: string }[];
	default_tied_status: string | null;
	transactions: Transaction[];
}

/** An IATI organisation file's figures that delivery monitoring reads. */
export interface IatiOrganisation {
	organisation_identifier: string;
	version: string;
	default_currency: string | null;
	last_updated_datetime: string | null;
	name: Narrative[];
	reporting_org: OrgRef & { ref: string };
	budgets: OrganisationBudget[];
}

export interface OrganisationBudget {
	kind:
		| "total_budget"
		| "recipient_country_budget"
		| "recipient_region_budget"
		| "total_expenditure";
	status: string | null;
	period_start: string;
	period_end: string;
	value_minor: number;
	currency: string | null;
	value_date: string | null;
	/** Country code or region code for recipient budgets. */
	recipient: string | null;
}
