/** The home page: the registry's commitments, newest first, a page at a time. */
import type { CommitmentListItem } from "../../modules/commitments/commitments.schemas.ts";
import { Layout } from "../components/layout.tsx";
import type { PageContext } from "../context.ts";

function money(item: CommitmentListItem): string {
	if (item.amount !== null && item.currency !== null) {
		return new Intl.NumberFormat("en", {
			style: "currency",
			currency: item.currency,
			notation: "compact",
			maximumFractionDigits: 2,
		}).format(Number(item.amount));
	}
	if (item.gni_share)
		return item.gni_share.min === item.gni_share.max
			? `${item.gni_share.min}% of GNI`
			: `${item.gni_share.min}–${item.gni_share.max}% of GNI`;
	return "";
}

export function HomePage(props: {
	ctx: PageContext;
	list: { items: CommitmentListItem[]; total: number; page: number; limit: number };
	hasDemo: boolean;
}) {
	const { items, total, page, limit } = props.list;
	const pages = Math.max(1, Math.ceil(total / limit));
	return (
		<Layout ctx={props.ctx} title="Commitments" section="home">
			<h1>Commitments for the development goals</h1>
			{props.hasDemo && (
				<p class="notice">
					Demo of public records: real commitments transcribed from the public documents each one
					cites, loaded to show how IIF works. This is not an official registry.
				</p>
			)}
			<p class="muted">
				{total} commitments · page {page} of {pages} · the same data as JSON:{" "}
				<a href={`/api/v1/commitments?page=${page}&limit=${limit}`}>/api/v1/commitments</a>
			</p>
			<table>
				<caption class="muted intro">Newest first</caption>
				<thead>
					<tr>
						<th scope="col">Announced</th>
						<th scope="col">Commitment</th>
						<th scope="col">Made by</th>
						<th scope="col">Forum</th>
						<th scope="col">Goals</th>
						<th scope="col" class="num">
							Amount
						</th>
					</tr>
				</thead>
				<tbody>
					{items.map((c) => (
						<tr key={c.id}>
							<td>{c.announced_on ?? "—"}</td>
							<td>
								<a href={`/api/v1/commitments/${c.slug}`}>{c.title}</a>
								<div class="muted">{c.kind}</div>
							</td>
							<td>
								{c.makers.length > 4
									? `${c.makers
											.slice(0, 3)
											.map((m) => m.name)
											.join(", ")} and ${c.makers.length - 3} more`
									: c.makers.map((m) => m.name).join(", ")}
							</td>
							<td>{c.forum?.name ?? "—"}</td>
							<td>{c.goals.map((g) => g.toUpperCase()).join(" ")}</td>
							<td class="num">{money(c)}</td>
						</tr>
					))}
				</tbody>
			</table>
			<nav aria-label="Pages" class="pager">
				{page > 1 && <a href={`/?page=${page - 1}`}>← Newer</a>}
				{page < pages && <a href={`/?page=${page + 1}`}>Older →</a>}
			</nav>
		</Layout>
	);
}
