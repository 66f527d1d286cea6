/** API of transactions: the money flows of the IATI activities IIF holds. */
import type { FastifyInstance } from "fastify";
import { transactionsTable } from "../../interchange/csv/columns/transactions.ts";
import { bulkAnswer, formatParam } from "../../server/bulk.ts";
import { getRoute } from "../../server/route.ts";
import type { Services } from "../../server/services.ts";
import { transactionList, transactionListQuery } from "./transactions.schemas.ts";

export function transactionRoutes(app: FastifyInstance, services: Services): void {
	getRoute(app, {
		url: "/api/v1/transactions",
		operationId: "listTransactions",
		summary: "List the transactions of the IATI activities IIF holds, in the order recorded",
		description:
			"Commitments, disbursements, expenditures and other IATI transaction types, with their value as published and in US dollars (current prices, and constant prices of the base year). Repeated or comma-separated values of one filter match any of them.",
		tags: ["activities"],
		query: transactionListQuery.extend({ format: formatParam }),
		response: transactionList,
		maxAge: 300,
		handler: async ({ query, request, reply }) =>
			query.format
				? bulkAnswer(
						{ request, reply },
						query.format,
						transactionsTable,
						await services.transactions.exportBatches(query),
					)
				: services.transactions.list(query),
	});
}
