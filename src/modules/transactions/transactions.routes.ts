/** API of transactions: the money flows of the IATI activities IIF holds. */
import type { FastifyInstance } from "fastify";
import { bulkAnswer, formatParam } from "../../http/bulk.ts";
import { getRoute } from "../../http/route.ts";
import { transactionsTable } from "./transactions.csv.ts";
import { transactionList, transactionListQuery } from "./transactions.schemas.ts";
import type { TransactionService } from "./transactions.service.ts";

export function transactionRoutes(app: FastifyInstance, transactions: TransactionService): void {
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
						await transactions.exportBatches(query),
					)
				: transactions.list(query),
	});
}
