/**
 * The fields of a commitment, the same for a new draft and an update: each named like
 * the service's field (financial.amount ...) so a problem the service finds is printed
 * next to its input, and everything typed is shown again after a failed post.
 */
import { commitmentKinds } from "../../../modules/commitments/commitments.schemas.ts";
import { type FormErrors, Select, TextArea, TextInput } from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { commitmentKindNames } from "../../i18n/enums.messages.ts";
import type { Message } from "../../i18n/messages.ts";
import {
	additionalityNames,
	frequencyNames,
	priceBasisNames,
	workspace as w,
} from "../../i18n/workspace.messages.ts";
import { sourceRowsToShow } from "./commitment-values.ts";
import { type FormValues, list, text } from "./form-values.ts";
import { CheckboxGroup, GroupError, MultiChoice } from "./parts.tsx";

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
	const input = (
		name: string,
		label: string,
		extra: Partial<Parameters<typeof TextInput>[0]> = {},
	) => (
		<TextInput
			ctx={ctx}
			name={name}
			label={label}
			value={text(v, name)}
			errors={errors}
			{...extra}
		/>
	);
	const options = <T extends string>(names: Record<T, Message>, keys: readonly T[]) =>
		keys.map((k) => ({ value: k, label: ctx.t(names[k]) }));
	const goals = list(v, "goals");
	return (
		<>
			<fieldset id="about">
				<legend>{ctx.t(w.section_commitment)}</legend>
				{input("title", ctx.t(w.f_title), { required: true, dir: "auto" })}
				<TextArea
					ctx={ctx}
					name="text"
					label={ctx.t(w.f_text)}
					hint={ctx.t(w.f_text_hint)}
					value={text(v, "text")}
					errors={errors}
					required
					rows={6}
				/>
				<Select
					ctx={ctx}
					name="kind"
					label={ctx.t(w.f_kind)}
					hint={ctx.t(w.f_kind_hint)}
					value={text(v, "kind")}
					errors={errors}
					required
					options={options(commitmentKindNames, commitmentKinds)}
				/>
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
				<Select
					ctx={ctx}
					name="forum"
					label={ctx.t(w.f_forum)}
					value={text(v, "forum")}
					errors={errors}
					empty={ctx.t(common.none)}
					options={props.choices.forums}
				/>
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
					legend={ctx.t(w.f_goals_sdg)}
					options={goalOptions(ctx, "sdg")}
					values={goals}
					errors={errors}
					class="goal-checks"
				/>
				<CheckboxGroup
					ctx={ctx}
					name="goals"
					id="goals-mdg"
					legend={ctx.t(w.f_goals_mdg)}
					options={goalOptions(ctx, "mdg")}
					values={goals}
					errors={{ message: null, fields: {} }}
					class="goal-checks"
				/>
				{input("targets", ctx.t(w.f_targets), { hint: ctx.t(w.f_targets_hint), dir: "ltr" })}
				{input("recipients", ctx.t(w.f_recipients), {
					hint: ctx.t(w.f_recipients_hint),
					dir: "ltr",
				})}
				{input("sectors", ctx.t(w.f_sectors), { hint: ctx.t(w.f_sectors_hint), dir: "ltr" })}
			</fieldset>

			<fieldset
				id="financial"
				aria-describedby={errors.fields.financial ? "financial-error" : undefined}
			>
				<legend>{ctx.t(w.section_financial)}</legend>
				<p class="hint">{ctx.t(w.section_financial_hint)}</p>
				<GroupError name="financial" errors={errors} />
				<div class="row">
					{input("financial.amount", ctx.t(w.f_amount), {
						hint: ctx.t(w.f_amount_hint),
						inputMode: "decimal",
						dir: "ltr",
					})}
					{input("financial.currency", ctx.t(w.f_currency), {
						hint: ctx.t(w.f_currency_hint),
						dir: "ltr",
					})}
				</div>
				<Select
					ctx={ctx}
					name="financial.frequency"
					label={ctx.t(w.f_frequency)}
					value={text(v, "financial.frequency")}
					errors={errors}
					empty="—"
					options={options(frequencyNames, ["total", "annual"] as const)}
				/>
				{input("financial.increase_over_year", ctx.t(w.f_increase_over_year), {
					hint: ctx.t(w.f_increase_over_year_hint),
					inputMode: "numeric",
					dir: "ltr",
				})}
				<div class="row">
					<Select
						ctx={ctx}
						name="financial.price_basis"
						label={ctx.t(w.f_price_basis)}
						value={text(v, "financial.price_basis")}
						errors={errors}
						empty="—"
						options={options(priceBasisNames, ["current", "constant"] as const)}
					/>
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
				<Select
					ctx={ctx}
					name="financial.additionality"
					label={ctx.t(w.f_additionality)}
					value={text(v, "financial.additionality") || "unspecified"}
					errors={errors}
					options={options(additionalityNames, ["new", "reaffirmed", "unspecified"] as const)}
				/>
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
				<TextArea
					ctx={ctx}
					name="financial.note"
					label={ctx.t(w.f_financial_note)}
					value={text(v, "financial.note")}
					errors={errors}
					rows={2}
				/>
			</fieldset>

			<fieldset id="policy" aria-describedby={errors.fields.policy ? "policy-error" : undefined}>
				<legend>{ctx.t(w.section_policy)}</legend>
				<p class="hint">{ctx.t(w.section_policy_hint)}</p>
				<GroupError name="policy" errors={errors} />
				<TextArea
					ctx={ctx}
					name="policy.target"
					label={ctx.t(w.f_policy_target)}
					value={text(v, "policy.target")}
					errors={errors}
					rows={3}
				/>
				<TextArea
					ctx={ctx}
					name="policy.baseline"
					label={ctx.t(w.f_policy_baseline)}
					value={text(v, "policy.baseline")}
					errors={errors}
					rows={2}
				/>
				{input("policy.deadline", ctx.t(w.f_policy_deadline), { type: "date" })}
			</fieldset>

			<fieldset id="sources">
				<legend>{ctx.t(w.section_sources)}</legend>
				<GroupError name="sources" errors={errors} />
				{sourceRowsToShow(v).map((i, n) => (
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
