/** A readable page of the OpenAPI document, rendered on the server: no script needed. */

import type { OpenApiOperation } from "../../http/openapi.ts";
import { Layout } from "../components/layout.tsx";
import type { PageContext } from "../context.ts";

function typeOf(schema: Record<string, unknown>): string {
	if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(" | ");
	if (schema.type === "array")
		return `list of ${typeOf((schema.items ?? {}) as Record<string, unknown>)}`;
	const bounds = [
		schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
		schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
	]
		.filter(Boolean)
		.join(", ");
	return `${String(schema.type ?? "any")}${bounds ? ` (${bounds})` : ""}${schema.pattern ? ` matching ${String(schema.pattern)}` : ""}`;
}

type Operation = OpenApiOperation;

/** The body's top-level fields, with their types and whether they are required. */
function bodyFields(
	op: Operation,
): { name: string; type: string; required: boolean; description: string }[] {
	const schema = op.requestBody?.content["application/json"].schema;
	const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
	const required = new Set((schema?.required ?? []) as string[]);
	return Object.entries(properties).map(([name, p]) => ({
		name,
		type: typeOf(p),
		required: required.has(name),
		description: String(p.description ?? ""),
	}));
}

export function ApiDocsPage(props: {
	ctx: PageContext;
	doc: {
		info: { title: string; version: string; description: string };
		paths: Record<string, Record<string, Operation>>;
	};
}) {
	const { doc } = props;
	return (
		<Layout ctx={props.ctx} title="API" section="api">
			<h1>
				{doc.info.title} <span class="muted">v{doc.info.version}</span>
			</h1>
			<p>{doc.info.description}</p>
			<p>
				Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors
				are <code>application/problem+json</code> (RFC 9457) with an <code>errors</code> list naming
				each offending parameter.
			</p>
			{Object.entries(doc.paths).flatMap(([path, ops]) =>
				Object.entries(ops).map(([method, op]) => (
					<section key={`${method} ${path}`}>
						<h2 id={`${method}-${path}`}>
							<code>
								{method.toUpperCase()} {path}
							</code>
						</h2>
						<p>
							<strong>{op.summary}</strong>
							{op.description ? ` — ${op.description}` : ""}
						</p>
						{op.security && (
							<p class="muted">
								Sign-in required: <code>Authorization: Bearer &lt;token&gt;</code>, or the session
								cookie with its <code>x-csrf-token</code>.
							</p>
						)}
						{op.parameters.length > 0 && (
							<table>
								<thead>
									<tr>
										<th scope="col">Parameter</th>
										<th scope="col">In</th>
										<th scope="col">Type</th>
										<th scope="col">Meaning</th>
									</tr>
								</thead>
								<tbody>
									{op.parameters.map((p) => (
										<tr key={p.name}>
											<td>
												<code>{p.name}</code>
												{p.required ? " (required)" : ""}
											</td>
											<td>{p.in}</td>
											<td>
												{typeOf(p.schema)}
												{p.schema.default !== undefined
													? `, default ${String(p.schema.default)}`
													: ""}
											</td>
											<td>{p.description ?? ""}</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
						{bodyFields(op).length > 0 && (
							<table>
								<caption class="muted intro">JSON body</caption>
								<thead>
									<tr>
										<th scope="col">Field</th>
										<th scope="col">Type</th>
										<th scope="col">Meaning</th>
									</tr>
								</thead>
								<tbody>
									{bodyFields(op).map((f) => (
										<tr key={f.name}>
											<td>
												<code>{f.name}</code>
												{f.required ? " (required)" : ""}
											</td>
											<td>{f.type}</td>
											<td>{f.description}</td>
										</tr>
									))}
								</tbody>
							</table>
						)}
					</section>
				)),
			)}
		</Layout>
	);
}
