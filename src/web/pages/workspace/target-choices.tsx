/**
 * Targets chosen by name: each goal of both frameworks folds open to its targets, each a
 * checkbox labelled with its number and title in the page's language. Works without
 * JavaScript; a goal with a chosen target is open. A code the framework does not hold (a
 * typo sent back with its error) stays shown, ticked, under "other", so it can be unticked.
 */
import { FieldError, type FormErrors } from "../../components/form.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { workspace as w } from "../../i18n/workspace.messages.ts";
import { goalLabel } from "../commitment/summary.tsx";

interface GoalTargets {
	code: string;
	label: string;
	targets: { code: string; label: string }[];
}

/** Goals in framework order (SDGs, then MDGs), each with its targets. */
function goalsWithTargets(ctx: PageContext): GoalTargets[] {
	const goals: GoalTargets[] = [];
	for (const [code, t] of ctx.titles) {
		if (/^(sdg|mdg):\d+$/.test(code))
			goals.push({ code, label: `${goalLabel(code)}: ${t.short ?? t.title}`, targets: [] });
		else {
			const goal = goals.findLast((g) => code.startsWith(`${g.code}.`));
			goal?.targets.push({ code, label: `${code.split(":")[1]?.toUpperCase()} ${t.title}` });
		}
	}
	const order = (c: string) => (c.startsWith("sdg:") ? 0 : 1);
	return goals.filter((g) => g.targets.length > 0).sort((a, b) => order(a.code) - order(b.code));
}

export function TargetChoices(props: { ctx: PageContext; values: string[]; errors: FormErrors }) {
	const { ctx, values, errors } = props;
	const chosen = new Set(values.map((v) => v.toLowerCase()));
	const goals = goalsWithTargets(ctx);
	const known = new Set(goals.flatMap((g) => g.targets.map((t) => t.code)));
	const other = values.filter((v) => !known.has(v.toLowerCase()));
	const error = errors.fields.targets;
	const box = (id: string, code: string, label: string, checked: boolean) => (
		<div class="check" key={code}>
			<input type="checkbox" id={id} name="targets" value={code} checked={checked} />
			<label for={id} dir="auto">
				{label}
			</label>
		</div>
	);
	return (
		<fieldset
			id="targets"
			class={`checks target-checks${error ? " invalid" : ""}`}
			aria-describedby={error ? "targets-error" : "targets-hint"}
		>
			<legend>{ctx.t(common.targets)}</legend>
			<p class="hint" id="targets-hint">
				{ctx.t(w.f_targets_hint)}
			</p>
			<FieldError ctx={ctx} name="targets" errors={errors} />
			{goals.map((g) => {
				const n = g.targets.filter((t) => chosen.has(t.code)).length;
				return (
					<details key={g.code} open={n > 0} data-goal={g.code}>
						<summary dir="auto">
							{g.label}
							{n > 0 && <span class="muted"> ({ctx.fmt.number(n)})</span>}
						</summary>
						{g.targets.map((t) =>
							box(`targets-${t.code.replace(/[:.]/g, "-")}`, t.code, t.label, chosen.has(t.code)),
						)}
					</details>
				);
			})}
			{other.length > 0 && (
				<div class="other-targets">
					{other.map((code, i) => box(`targets-other-${i}`, code, code, true))}
				</div>
			)}
		</fieldset>
	);
}
