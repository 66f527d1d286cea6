/**
 * Field-by-field changes of a commitment as a table, each value as a reader reads it: what
 * someone else saved before a late save (the edit conflict), and what a proposal would
 * change (the review queue and the proposer's notice).
 */
import { ScrollRegion } from "../../components/scroll-region.tsx";
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";

/** One changed field: its label, and its value before and after, as text. */
export interface ChangeRow {
	field: string;
	label: string;
	before: string;
	after: string;
}

export function ChangesTable(props: {
	ctx: PageContext;
	id: string;
	caption: string;
	beforeHeading: string;
	afterHeading: string;
	changes: readonly ChangeRow[];
}) {
	const { ctx } = props;
	return (
		<ScrollRegion label={props.caption}>
			<table id={props.id}>
				<caption class="muted">{props.caption}</caption>
				<thead>
					<tr>
						<th scope="col">{ctx.t(common.field)}</th>
						<th scope="col">{props.beforeHeading}</th>
						<th scope="col">{props.afterHeading}</th>
					</tr>
				</thead>
				<tbody>
					{props.changes.map((c) => (
						<tr key={c.field} data-field={c.field}>
							<th scope="row">{c.label}</th>
							<td dir="auto" class="before">
								{c.before}
							</td>
							<td dir="auto" class="after">
								{c.after}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</ScrollRegion>
	);
}
