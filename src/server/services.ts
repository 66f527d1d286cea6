/** One instance of each service over one database: what routes, pages and the CLI call. */
import type { Database } from "../db/database.ts";
import { ActivityService } from "../modules/activities/activities.service.ts";
import { type AnalyticsOptions, AnalyticsService } from "../modules/analytics/analytics.service.ts";
import { AssessmentService } from "../modules/assessments/assessments.service.ts";
import { AuditService } from "../modules/audit/audit.service.ts";
import { AuthService } from "../modules/auth/auth.service.ts";
import { CommentService } from "../modules/comments/comments.service.ts";
import { CommitmentService } from "../modules/commitments/commitments.service.ts";
import { CountryService } from "../modules/countries/countries.service.ts";
import { DemoService } from "../modules/demo/demo.service.ts";
import { ExportService } from "../modules/export/export.service.ts";
import { FeedService } from "../modules/feeds/feeds.service.ts";
import { FlagService } from "../modules/flags/flags.service.ts";
import { ForumService } from "../modules/forums/forums.service.ts";
import { FrameworkService } from "../modules/frameworks/frameworks.service.ts";
import { HealthService } from "../modules/health/health.service.ts";
import { LinkService } from "../modules/links/links.service.ts";
import { ReferenceService } from "../modules/reference/reference.service.ts";
import { ReportService } from "../modules/reports/reports.service.ts";
import { RequirementService } from "../modules/requirements/requirements.service.ts";
import { StakeholderService } from "../modules/stakeholders/stakeholders.service.ts";
import { StatisticsService } from "../modules/statistics/statistics.service.ts";
import { TransactionService } from "../modules/transactions/transactions.service.ts";
import { UserService } from "../modules/users/users.service.ts";

export function createServices(database: Database, options: { analytics?: AnalyticsOptions } = {}) {
	const commitments = new CommitmentService(database);
	const analytics = new AnalyticsService(database, commitments, options.analytics);
	const requirements = new RequirementService(database);
	const forums = new ForumService(database, analytics);
	const stakeholders = new StakeholderService(database, analytics);
	const reports = new ReportService(database);
	return {
		database,
		activities: new ActivityService(database),
		transactions: new TransactionService(database),
		analytics,
		assessments: new AssessmentService(database),
		audit: new AuditService(database),
		comments: new CommentService(database),
		auth: new AuthService(database),
		users: new UserService(database),
		commitments,
		countries: new CountryService(database, analytics),
		demo: new DemoService(database, { commitments, forums, stakeholders, requirements, reports }),
		feeds: new FeedService(database),
		exports: new ExportService(database),
		flags: new FlagService(database, options.analytics),
		forums,
		frameworks: new FrameworkService(database),
		health: new HealthService(database),
		links: new LinkService(database),
		reference: new ReferenceService(database),
		reports,
		requirements,
		stakeholders,
		statistics: new StatisticsService(database),
	};
}

export type Services = ReturnType<typeof createServices>;
