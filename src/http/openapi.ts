/**
 * The OpenAPI 3.1 document, built from the same zod schemas that validate requests,
 * so the documentation cannot drift from what the API accepts.
 */
import * as z from "zod";
import { formatParam } from "./bulk.ts";
import { docSchemas } from "./params.ts";

export interface RouteDoc {
	method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
	/** Fastify style: /api/v1/commitments/:id */
	url: string;
	operationId: string;
	summary: string;
	description?: string;
	tags: string[];
	params?: z.ZodObject;
	query?: z.ZodObject;
	body?: z.ZodType | undefined;
	response: z.ZodType;
	/** Success status of a write. */
	status?: number;
	/** Needs a signed-in actor. */
	security?: boolean;
}

const registry: RouteDoc[] = [];

/** Lists that take format=csv|json also answer text/csv (server/bulk.ts). */
const bulkCsvDoc = {
	schema: {
		type: "string",
		description:
			"With format=csv: UTF-8 with a byte-order mark, a header line, one line per record (RFC 4180).",
	},
};

export function registerDoc(doc: RouteDoc): void {
	if (!registry.some((r) => r.method === doc.method && r.url === doc.url)) registry.push(doc);
}

function schemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
	const json = z.toJSONSchema(schema, {
		io,
		unrepresentable: "any",
		override: (ctx) => {
			const doc = docSchemas.get(ctx.zodSchema as unknown as z.ZodType);
			if (doc) {
				for (const k of Object.keys(ctx.jsonSchema))
					delete (ctx.jsonSchema as Record<string, unknown>)[k];
				Object.assign(ctx.jsonSchema, doc);
			}
		},
	}) as Record<string, unknown>;
	delete json.$schema;
	return json;
}

function parameters(schema: z.ZodObject | undefined, where: "path" | "query") {
	if (!schema) return [];
	return Object.entries(schema.shape).map(([name, field]) => {
		const s = schemaOf(field as z.ZodType, "input");
		const description = s.description;
		delete s.description;
		const required = where === "path" || !(field as z.ZodType).safeParse(undefined).success;
		return {
			name,
			in: where,
			required,
			...(typeof description === "string" ? { description } : {}),
			schema: s,
			...(s.type === "array" ? { style: "form", explode: true } : {}),
		};
	});
}

const problem = {
	type: "object",
	description: "RFC 9457 problem details.",
	properties: {
		type: { type: "string" },
		title: { type: "string" },
		status: { type: "integer" },
		detail: { type: "string" },
		code: {
			type: "string",
			enum: [
				"invalid_input",
				"unauthenticated",
				"forbidden",
				"not_found",
				"conflict",
				"rate_limited",
				"internal",
			],
		},
		errors: {
			type: "array",
			items: {
				type: "object",
				properties: { name: { type: "string" }, message: { type: "string" } },
				required: ["name", "message"],
			},
		},
	},
	required: ["type", "title", "status", "code"],
};

/** One operation of the document, as the API reference page reads it. */
export interface OpenApiOperation {
	operationId: string;
	summary: string;
	description?: string;
	tags: string[];
	parameters: {
		name: string;
		in: string;
		required: boolean;
		description?: string;
		schema: Record<string, unknown>;
	}[];
	requestBody?: {
		required: boolean;
		content: { "application/json": { schema: Record<string, unknown> } };
	};
	security?: unknown[];
	responses: Record<string, unknown>;
}

export function openApiDocument(version: string) {
	const paths: Record<string, Record<string, OpenApiOperation>> = {};
	for (const r of [...registry].sort((a, b) => a.url.localeCompare(b.url))) {
		const path = r.url.replace(/:([a-z_]+)/g, "{$1}");
		const problemResponse = (description: string) => ({
			description,
			content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
		});
		paths[path] ??= {};
		paths[path][r.method.toLowerCase()] = {
			operationId: r.operationId,
			summary: r.summary,
			...(r.description ? { description: r.description } : {}),
			tags: r.tags,
			parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
			...(r.body
				? {
						requestBody: {
							required: true,
							content: { "application/json": { schema: schemaOf(r.body, "input") } },
						},
					}
				: {}),
			...(r.security ? { security: [{ bearerAuth: [] }, { cookieAuth: [], csrfToken: [] }] } : {}),
			responses: {
				[String(r.status ?? 200)]: {
					description: r.status === 201 ? "Created" : r.status === 202 ? "Accepted" : "OK",
					content: {
						"application/json": { schema: schemaOf(r.response, "output") },
						...(r.query?.shape.format === formatParam ? { "text/csv": bulkCsvDoc } : {}),
					},
				},
				"400": problemResponse("Bad input: the problem names each offending parameter or field."),
				...(r.security
					? {
							"401": problemResponse("Not signed in."),
							"403": problemResponse("Signed in, but not allowed (or the CSRF token is missing)."),
						}
					: {}),
				...(r.params ? { "404": problemResponse("No such record.") } : {}),
				...(r.method === "PATCH" || (r.method === "POST" && r.security)
					? {
							"409": problemResponse(
								"Conflict: a stale version, or a state that does not allow this step.",
							),
						}
					: {}),
				...(r.security || r.url === "/api/v1/session"
					? { "429": problemResponse("Too many requests: wait as Retry-After says.") }
					: {}),
				"500": problemResponse("Server error."),
			},
		};
	}
	return {
		openapi: "3.1.0",
		info: {
			title: "IIF API",
			version,
			description:
				"The Integrated Implementation Framework: commitments made for the development goals (MDGs, SDGs), who made them, where, for whom, and what came of them. Reading is open to all; writes need a session (cookie and CSRF token) or an API token.",
			license: { name: "MIT", identifier: "MIT" },
		},
		servers: [{ url: "/" }],
		paths,
		components: {
			schemas: { Problem: problem },
			securitySchemes: {
				bearerAuth: {
					type: "http",
					scheme: "bearer",
					description: "An API token from POST /api/v1/tokens.",
				},
				cookieAuth: {
					type: "apiKey",
					in: "cookie",
					name: "iif_session",
					description: "The session cookie set by POST /api/v1/session.",
				},
				csrfToken: {
					type: "apiKey",
					in: "header",
					name: "x-csrf-token",
					description: "With the session cookie, every write carries the session's CSRF token.",
				},
			},
		},
	};
}
