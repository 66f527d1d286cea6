/** Every migration, in order. A landed migration is never edited: add a new one. */
import type { Migration } from "kysely";
import * as m0001 from "./0001_reference.ts";
import * as m0002 from "./0002_registry.ts";
import * as m0003 from "./0003_accountability.ts";
import * as m0004 from "./0004_analytics.ts";
import * as m0005 from "./0005_iati.ts";
import * as m0006 from "./0006_statistics.ts";
import * as m0007 from "./0007_delivery_sources.ts";
import * as m0008 from "./0008_facet_keys.ts";
import * as m0009 from "./0009_delivery_coverage.ts";
import * as m0010 from "./0010_maker_facts.ts";
import * as m0011 from "./0011_delivery_status.ts";
import * as m0012 from "./0012_report_withdrawal.ts";
import * as m0013 from "./0013_commitment_proposals.ts";
import * as m0014 from "./0014_recipient_group_members.ts";
import * as m0015 from "./0015_text_kind.ts";
import * as m0016 from "./0016_flow_type.ts";
import * as m0017 from "./0017_partial_relations.ts";
import * as m0018 from "./0018_stakeholder_agencies.ts";
import * as m0019 from "./0019_commitment_statistics_provider.ts";
import * as m0020 from "./0020_delivery_year_through.ts";

export const migrations: Record<string, Migration> = {
	"0001_reference": m0001,
	"0002_registry": m0002,
	"0003_accountability": m0003,
	"0004_analytics": m0004,
	"0005_iati": m0005,
	"0006_statistics": m0006,
	"0007_delivery_sources": m0007,
	"0008_facet_keys": m0008,
	"0009_delivery_coverage": m0009,
	"0010_maker_facts": m0010,
	"0011_delivery_status": m0011,
	"0012_report_withdrawal": m0012,
	"0013_commitment_proposals": m0013,
	"0014_recipient_group_members": m0014,
	"0015_text_kind": m0015,
	"0016_flow_type": m0016,
	"0017_partial_relations": m0017,
	"0018_stakeholder_agencies": m0018,
	"0019_commitment_statistics_provider": m0019,
	"0020_delivery_year_through": m0020,
};
