/**
 * The fields of a commitment, the same for a new draft and an update: each named like
 * the service's field (financial.amount ...) so a problem the service finds is printed
 * next to its input, and everything typed is shown again after a failed post.
 */
import {
	commitmentKinds,
	flowTypes,
	textKinds,
} from "../../../modules/commitments/commitments.schemas.ts";
import { FieldError, type FormErrors, noErrors } from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { cm } from "../../i18n/commitment.messages.ts";
import { common } from "../../i18n/common.messages.ts";
import {
	additionalityNames,
	commitmentKindNames,
	flowTypeNames,
	textKindNames,
} from "../../i18n/enums.messages.ts";
import { frequencyNames, priceBasisNames, workspace as w } from "../../i18n/workspace.messages.ts";
import { bindFields, namedOptions } from "./bind-fields.tsx";
import { codes, type FormValues, list, rowsToShow, text } from "./form-values.ts";
import { CheckboxGroup, FieldGroup, MultiChoice } from "./parts.tsx";
import { TargetChoices } from "./target-choices.tsx";

export interface CommitmentChoices {
	makers: { value: string; label: string }[];
	forums: { value: string; label: string }[];
}

/** Goal checkboxes for one framework, labelled with the goal's title in the page's language. */
function goalOptions(ctx: PageContext, framework: "sdg" | "mdg") {
	const out: { value: string; label: string }[] = [];
	for (const [code, t] of ctx.titles)
		if (new RegExp(`^${framework}:\\d+$`).test(code))
			out.push({
				value: code,
				label: `${code.toUpperCase().replace(":", " ")}: ${t.short ?? t.title}`,
			});
	return out;
}

export function CommitmentFields(props: {
	ctx: PageContext;
	values: FormValues;
	errors: FormErrors;
	choices: CommitmentChoices;
}) {
	const { ctx, values: v, errors } = props;
	const { input, textarea, select } = bindFields(ctx, v, errors);
	const goals = list(v, "goals");
	return (
		<>
			<fieldset id="about">
				<legend>{ctx.t(w.section_commitment)}</legend>
				{input("title", ctx.t(common.title), { required: true, dir: "auto" })}
				{textarea("text", ctx.t(common.commitment_text), {
					hint: ctx.t(w.f_text_hint),
					required: true,
					rows: 6,
				})}
				{select("text_kind", ctx.t(cm.text_kind), namedOptions(ctx, textKindNames, textKinds), {
					required: true,
					// Our words unless the writer says the text is the source's and where.
					value: text(v, "text_kind") || "summary",
				})}
				<FieldGroup
					ctx={ctx}
					name="quote"
					legend={ctx.t(cm.quote)}
					hint={ctx.t(w.f_quote_hint)}
					errors={errors}
				>
					<div class="row">
						{input("quote.source", ctx.t(w.f_quote_source), { inputMode: "numeric", dir: "ltr" })}
						{input("quote.locator", ctx.t(w.f_quote_locator), { dir: "auto" })}
					</div>
				</FieldGroup>
				{select("kind", ctx.t(w.f_kind), namedOptions(ctx, commitmentKindNames, commitmentKinds), {
					hint: ctx.t(w.f_kind_hint),
					required: true,
				})}
				<MultiChoice
					ctx={ctx}
					name="makers"
					legend={ctx.t(w.f_makers)}
					hint={ctx.t(w.f_makers_hint)}
					options={props.choices.makers}
					values={list(v, "makers")}
					errors={errors}
					required
				/>
				{select("forum", ctx.t(w.f_forum), props.choices.forums, { empty: ctx.t(common.none) })}
				{input("announced_on", ctx.t(w.f_announced_on), {
					type: "date",
					hint: ctx.t(w.date_hint),
				})}
			</fieldset>

			<fieldset id="goals-and-recipients">
				<legend>{ctx.t(w.section_goals)}</legend>
				<CheckboxGroup
					ctx={ctx}
					name="goals"
					id="goals"
					legend={ctx.t(common.framework_sdg)}
					options={goalOptions(ctx, "sdg")}
					values={goals}
					errors={errors}
					class="goal-checks"
				/>
				<CheckboxGroup
					ctx={ctx}
					name="goals"
					id="goals-mdg"
					legend={ctx.t(common.framework_mdg)}
					options={goalOptions(ctx, "mdg")}
					values={goals}
					errors={noErrors}
					class="goal-checks"
				/>
				<TargetChoices ctx={ctx} values={list(v, "targets").flatMap(codes)} errors={errors} />
				{input("recipients", ctx.t(common.recipients), {
					hint: ctx.t(w.f_recipients_hint),
					dir: "ltr",
				})}
				{input("sectors", ctx.t(common.sectors), { hint: ctx.t(w.f_sectors_hint), dir: "ltr" })}
			</fieldset>

			<FieldGroup
				ctx={ctx}
				name="financial"
				legend={ctx.t(w.section_financial)}
				hint={ctx.t(w.section_financial_hint)}
				errors={errors}
			>
				<div class="row">
					{input("financial.amount", ctx.t(common.amount), {
						hint: ctx.t(w.f_amount_hint),
						inputMode: "decimal",
						dir: "ltr",
					})}
					{input("financial.currency", ctx.t(common.currency), {
						hint: ctx.t(w.f_currency_hint),
						dir: "ltr",
					})}
				</div>
				{select(
					"financial.frequency",
					ctx.t(w.f_frequency),
					namedOptions(ctx, frequencyNames, ["total", "annual"]),
					{ empty: "—" },
				)}
				{input("financial.increase_over_year", ctx.t(w.f_increase_over_year), {
					hint: ctx.t(w.f_increase_over_year_hint),
					inputMode: "numeric",
					dir: "ltr",
				})}
				<div class="row">
					{select(
						"financial.price_basis",
						ctx.t(w.f_price_basis),
						namedOptions(ctx, priceBasisNames, ["current", "constant"]),
						{ empty: "—" },
					)}
					{input("financial.price_base_year", ctx.t(w.f_price_base_year), {
						hint: ctx.t(w.f_price_base_year_hint),
						inputMode: "numeric",
						dir: "ltr",
					})}
				</div>
				<div class="row">
					{input("financial.period_start", ctx.t(w.f_period_start), { type: "date" })}
					{input("financial.period_end", ctx.t(w.f_period_end), { type: "date" })}
				</div>
				{select(
					"financial.additionality",
					ctx.t(w.f_additionality),
					namedOptions(ctx, additionalityNames, ["new", "reaffirmed", "unspecified"]),
					{ value: text(v, "financial.additionality") || "unspecified" },
				)}
				{select(
					"financial.flow_type",
					ctx.t(cm.flow_type),
					namedOptions(ctx, flowTypeNames, flowTypes),
					{ value: text(v, "financial.flow_type") || "oda" },
				)}
				<div class="row">
					{input("financial.gni_share_min", ctx.t(w.f_gni_min), {
						hint: ctx.t(w.f_gni_hint),
						inputMode: "decimal",
						dir: "ltr",
					})}
					{input("financial.gni_share_max", ctx.t(w.f_gni_max), {
						inputMode: "decimal",
						dir: "ltr",
					})}
				</div>
				{input("financial.statistics_provider", ctx.t(cm.statistics_provider), { dir: "ltr" })}
				{textarea("financial.statistics_reason", ctx.t(cm.statistics_reason), { rows: 2 })}
				{textarea("financial.note", ctx.t(w.f_financial_note), { rows: 2 })}
			</FieldGroup>

			<FieldGroup
				ctx={ctx}
				name="policy"
				legend={ctx.t(w.section_policy)}
				hint={ctx.t(w.section_policy_hint)}
				errors={errors}
			>
				{textarea("policy.target", ctx.t(w.f_policy_target), { rows: 3 })}
				{textarea("policy.baseline", ctx.t(common.policy_baseline), { rows: 2 })}
				{input("policy.deadline", ctx.t(common.policy_deadline), { type: "date" })}
			</FieldGroup>

			<fieldset id="sources">
				<legend>{ctx.t(common.sources)}</legend>
				<FieldError ctx={ctx} name="sources" errors={errors} />
				{rowsToShow(v, "sources", 1).map((i, n) => (
					<div class="source-row" key={i}>
						<p class="muted small">{ctx.t(w.source_n, { n: n + 1 })}</p>
						{input(`sources.${i}.title`, ctx.t(w.f_source_title), { dir: "auto" })}
						{input(`sources.${i}.url`, ctx.t(w.f_source_url), { type: "url", dir: "ltr" })}
						<div class="row">
							{input(`sources.${i}.document_symbol`, ctx.t(w.f_source_symbol), { dir: "ltr" })}
							{input(`sources.${i}.published_on`, ctx.t(w.f_source_date), { type: "date" })}
						</div>
					</div>
				))}
			</fieldset>
		</>
	);
}
