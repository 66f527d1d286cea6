/** The table of data sources and their licences, shared by the methodology and about pages. */
import type { PageContext } from "../../context.ts";
import { common } from "../../i18n/common.messages.ts";
import { info as m } from "../../i18n/info.messages.ts";
import type { Message } from "../../i18n/messages.ts";

const rows: [Message, Message, Message][] = [
	[m.src_rates, m.src_rates_from, m.src_rates_licence],
	[m.src_deflators, m.src_deflators_from, m.src_deflators_licence],
	[common.goals_and_targets, m.src_goals_from, m.src_goals_licence],
	[m.src_codelists, m.src_codelists_from, m.src_codelists_licence],
	[m.src_map, m.src_map_from, m.src_map_licence],
];

export function SourcesTable(props: { ctx: PageContext; id: string }) {
	const { ctx } = props;
	return (
		<>
			<div class="table-scroll">
				<table id={props.id} class="sources">
					<thead>
						<tr>
							<th scope="col">{ctx.t(m.col_data)}</th>
							<th scope="col">{ctx.t(common.source)}</th>
							<th scope="col">{ctx.t(m.col_licence)}</th>
						</tr>
					</thead>
					<tbody>
						{rows.map(([data, source, licence]) => (
							<tr key={data.en}>
								<th scope="row">{ctx.t(data)}</th>
								<td>{ctx.t(source)}</td>
								<td>{ctx.t(licence)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<p class="muted small">{ctx.t(m.src_notice)}</p>
		</>
	);
}
