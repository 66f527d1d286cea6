/**
 * The one file that knows every module: one instance of each service over one database
 * (what routes, pages and the CLI call), and each module's API routes handed its own
 * service. Everything else imports only what it uses; only this file imports upward.
 */
import type { FastifyInstance } from "fastify";
import type { Database } from "../db/database.ts";
import { activityRoutes } from "../modules/activities/activities.routes.ts";
import { ActivityService } from "../modules/activities/activities.service.ts";
import { analyticsRoutes } from "../modules/analytics/analytics.routes.ts";
import { type AnalyticsOptions, AnalyticsService } from "../modules/analytics/analytics.service.ts";
import { assessmentRoutes } from "../modules/assessments/assessments.routes.ts";
import { AssessmentService } from "../modules/assessments/assessments.service.ts";
import { AuditService } from "../modules/audit/audit.service.ts";
import { authRoutes } from "../modules/auth/auth.routes.ts";
import { AuthService } from "../modules/auth/auth.service.ts";
import { commentRoutes } from "../modules/comments/comments.routes.ts";
import { CommentService } from "../modules/comments/comments.service.ts";
import { proposalRoutes } from "../modules/commitments/commitments.proposals.routes.ts";
import { ProposalService } from "../modules/commitments/commitments.proposals.service.ts";
import { commitmentRoutes } from "../modules/commitments/commitments.routes.ts";
import { CommitmentService } from "../modules/commitments/commitments.service.ts";
import { countryRoutes } from "../modules/countries/countries.routes.ts";
import { CountryService } from "../modules/countries/countries.service.ts";
import { DemoService } from "../modules/demo/demo.service.ts";
import { exportRoutes } from "../modules/export/export.routes.ts";
import { ExportService } from "../modules/export/export.service.ts";
import { feedRoutes } from "../modules/feeds/feeds.routes.ts";
import { FeedService } from "../modules/feeds/feeds.service.ts";
import { flagRoutes } from "../modules/flags/flags.routes.ts";
import { FlagService } from "../modules/flags/flags.service.ts";
import { forumRoutes } from "../modules/forums/forums.routes.ts";
import { ForumService } from "../modules/forums/forums.service.ts";
import { frameworkRoutes } from "../modules/frameworks/frameworks.routes.ts";
import { FrameworkService } from "../modules/frameworks/frameworks.service.ts";
import { healthRoutes } from "../modules/health/health.routes.ts";
import { HealthService } from "../modules/health/health.service.ts";
import { linkRoutes } from "../modules/links/links.routes.ts";
import { LinkService } from "../modules/links/links.service.ts";
import { referenceRoutes } from "../modules/reference/reference.routes.ts";
import { ReferenceService } from "../modules/reference/reference.service.ts";
import { reportRoutes } from "../modules/reports/reports.routes.ts";
import { ReportService } from "../modules/reports/reports.service.ts";
import { requirementRoutes } from "../modules/requirements/requirements.routes.ts";
import { RequirementService } from "../modules/requirements/requirements.service.ts";
import { stakeholderRoutes } from "../modules/stakeholders/stakeholders.routes.ts";
import { StakeholderService } from "../modules/stakeholders/stakeholders.service.ts";
import { statisticsRoutes } from "../modules/statistics/statistics.routes.ts";
import { StatisticsService } from "../modules/statistics/statistics.service.ts";
import { transactionRoutes } from "../modules/transactions/transactions.routes.ts";
import { TransactionService } from "../modules/transactions/transactions.service.ts";
import { userRoutes } from "../modules/users/users.routes.ts";
import { UserService } from "../modules/users/users.service.ts";

export function createServices(database: Database, options: { analytics?: AnalyticsOptions } = {}) {
	const commitments = new CommitmentService(database, options.analytics);
	const analytics = new AnalyticsService(database, commitments, options.analytics);
	const requirements = new RequirementService(database);
	const forums = new ForumService(database, analytics);
	const stakeholders = new StakeholderService(database, analytics);
	const reports = new ReportService(database);
	const links = new LinkService(database);
	const audit = new AuditService(database);
	return {
		database,
		activities: new ActivityService(database),
		transactions: new TransactionService(database),
		analytics,
		assessments: new AssessmentService(database),
		audit,
		comments: new CommentService(database),
		auth: new AuthService(database),
		users: new UserService(database),
		commitments,
		proposals: new ProposalService(database),
		countries: new CountryService(database, analytics),
		demo: new DemoService(database, {
			commitments,
			forums,
			stakeholders,
			requirements,
			reports,
			links,
		}),
		feeds: new FeedService(database),
		exports: new ExportService(database),
		flags: new FlagService(database, options.analytics),
		forums,
		frameworks: new FrameworkService(database),
		health: new HealthService(database, audit),
		links,
		reference: new ReferenceService(database),
		reports,
		requirements,
		stakeholders,
		statistics: new StatisticsService(database),
	};
}

export type Services = ReturnType<typeof createServices>;

/** The API: each module's routes, given only the service they answer from. */
export function moduleRoutes(app: FastifyInstance, s: Services): void {
	authRoutes(app, { auth: s.auth, users: s.users });
	userRoutes(app, s.users);
	healthRoutes(app, s.health);
	commitmentRoutes(app, s.commitments);
	proposalRoutes(app, s.proposals);
	reportRoutes(app, s.reports);
	linkRoutes(app, s.links);
	commentRoutes(app, s.comments);
	assessmentRoutes(app, s.assessments);
	analyticsRoutes(app, s.analytics);
	flagRoutes(app, s.flags);
	feedRoutes(app, s.feeds);
	requirementRoutes(app, s.requirements);
	activityRoutes(app, s.activities);
	stakeholderRoutes(app, s.stakeholders);
	statisticsRoutes(app, s.statistics);
	transactionRoutes(app, s.transactions);
	forumRoutes(app, s.forums);
	countryRoutes(app, s.countries);
	frameworkRoutes(app, s.frameworks);
	referenceRoutes(app, s.reference);
	exportRoutes(app, s.exports);
}
