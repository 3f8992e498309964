using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Review;
using Referrals.Functions.Attachments;
using Referrals.Functions.Clients;
using Referrals.Functions.Decisions;
using Referrals.Functions.FollowUp;
using Referrals.Functions.Edge;
using Referrals.Functions.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Operations;
using Referrals.Functions.Mail;
using Referrals.Functions.OpenApi;
using Referrals.Functions.Commands;
using Referrals.Functions.Signing;

namespace Referrals.Functions.Hosting;

/// <summary>The HTTP API as two calls: <c>services.AddReferralsApi(...)</c> and <c>app.MapReferralsApi()</c>.
/// The handlers are static methods over HttpContext, so the Azure Functions HTTP triggers call the same code.</summary>
public static class ReferralsApi
{
    public static IServiceCollection AddReferralsApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        });
        services.AddReferralProblems();
        services.AddReferralsAuth(configuration, environment);
        services.AddSignerSignIn(configuration);
        services.AddReferralsOpenApi();
        services.AddSharedKeyRing(configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "referrals-signing";
            o.Cookie.Path = "/signing";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            // Over HTTPS only, except on a developer's plain-HTTP loopback.
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "form-check";
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddStartupChecks();
        services.AddUtf8HeaderReading();
        services.AddEdgeRateLimits(configuration);
        services.AddOptions<ClientIdOptions>().Bind(configuration.GetSection(ClientIdOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section));
        services.AddSingleton<ClientIds>();
        services.TryAddSingleton<IMalwareScanner>(sp => MalwareScannerFactory.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttachmentOptions>>()));
        services.AddSingleton<SigningTokens>();
        services.TryAddSingleton<ISigningGrants, TableSigningGrants>();
        services.AddOptions<Functions.Clients.DecisionDownloadOptions>().Bind(configuration.GetSection(Functions.Clients.DecisionDownloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Functions.Clients.IDecisionDownloadGrants, Functions.Clients.TableDecisionDownloadGrants>();
        // Replaces the default (a link to the referral) whichever registration runs first.
        services.RemoveAll<IMessageLinks>();
        services.AddSingleton<IMessageLinks, SigningLinks>();
        services.TryAddSingleton<IParkedMail, OutboxParkedMail>();
        services.AddSingleton<IReachabilityProbe, StorageProbe>();
        services.AddSingleton<IReachabilityProbe, SmtpProbe>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Readiness>();
        Reports.ReportRegistration.AddReportsApi(services, configuration);
        return services;
    }

    private const string SignInRedirect = "Without a signer's session (or when it has ended) the answer is 302 to sign-in, which returns here; nothing is done.";

    public static WebApplication MapReferralsApi(this WebApplication app)
    {
        app.UseEdgeHeaders();
        app.UseReferralProblems();
        app.UseUtf8HeaderCheck();
        app.UseAuthentication();
        // After authentication: the API's limit is per user, the rest per client IP.
        app.UseRateLimiter();
        app.UseAuthorization();

        var referrals = app.MapGroup("/api/referrals").RequireAuthorization().WithTags("Referrals");
        referrals.MapPost("", ReferralHandlers.Submit).WithName("SubmitReferral")
            .WithSummary("Submit a referral (hakemus)").Accepts<SubmitReferralRequest>("application/json")
            .WithProblems(400, 401, 403, 409, 413, 415, 422);
        referrals.MapGet("", ReferralHandlers.List).WithName("ListReferrals")
            .WithSummary("A page of one of the caller's units' referrals, newest first, optionally in one status")
            .WithDescription(PagingDescription)
            .Produces<ReferralPage>().WithProblems(400, 401, 403);
        referrals.MapGet("/{id}", ReferralHandlers.Get).WithName("GetReferral")
            .WithSummary("A referral: state, due dates, decision status, follow-up")
            .WithDescription("The service provider the service is assigned to gets instead its limited view (ProviderReferralView: "
                + "the service, its start and end, its reports and plan; no client data); access-logged.")
            .WithProblems(401, 403, 404);
        referrals.MapGet("/{id}/timeline", ReferralHandlers.Timeline).WithName("GetTimeline")
            .WithSummary("The event history, oldest first").WithProblems(401, 403, 404);
        referrals.MapGet("/{id}/client", ClientRecordHandlers.Get).WithName("GetClientRecord").WithTags("Clients")
            .WithSummary("The referral's protected client record (name, identity code, language, address, e-mail and consent, interpreter): "
                + "the unit's referring workers and signer only; access-logged")
            .Produces<ClientRecordView>().WithProblems(401, 403, 404, 409);
        referrals.MapPost("/{id}/client/corrections", ClientRecordHandlers.Correct).WithName("CorrectClientRecord").WithTags("Clients")
            .WithSummary("Correct the client's name, language, address, e-mail, consent or interpreter need (the unit's referring workers); "
                + "the referral's timeline records which fields changed, never their values").Command<ClientCorrectionRequest>();
        referrals.MapPost("/{id}/information", ReferralHandlers.SupplementInformation).WithName("SupplementInformation")
            .WithSummary("Answer the review body's request for more information").Command<SupplementInformationRequest>();
        referrals.MapPost("/{id}/withdrawal", ReferralHandlers.Withdraw).WithName("WithdrawReferral")
            .WithSummary("Withdraw the referral before a decision is signed").Command<WithdrawReferralRequest>();
        referrals.MapPost("/{id}/case-owner", CaseOwnerHandlers.Change).WithName("ChangeCaseOwner")
            .WithSummary("Change the case owner (vastuutyöntekijän vaihto, SHL § 42) with a reason: the unit's signer or the current case owner; "
                + "the case owner's reminders and mail go to the new owner from then on").Command<CaseOwnerChangeRequest>();

        referrals.MapPost("/{id}/review", ReviewHandlers.Review).WithName("ReviewReferral").WithTags("Review")
            .WithSummary("The review body's line (linjaus): approve, refuse, request information, redirect, transfer").Command<ReviewRequest>();
        referrals.MapGet("/{id}/review-lines", ReviewLines.Get).WithName("GetReviewLines").WithTags("Review")
            .WithSummary("The caller's review body's own lines on a referral, also after it has moved on (nothing else of the referral)")
            .Produces<IReadOnlyList<ReviewLine>>().WithProblems(401, 403, 404);
        app.MapGroup("/api/review-queue").RequireAuthorization().WithTags("Review")
            .MapGet("", (HttpContext context, string? reviewBody, string? continuation, int? limit, CancellationToken cancellationToken) =>
                ReviewHandlers.Queue(context, reviewBody, continuation, limit, cancellationToken)).WithName("ReviewQueue")
            .WithSummary("A page of the referrals waiting for the caller's review body now, oldest first")
            .WithDescription(PagingDescription)
            .Produces<ReferralPage>().WithProblems(400, 401, 403);

        referrals.MapPost("/{id}/joint-assessment", JointAssessmentHandlers.Record).WithName("RecordJointAssessment").WithTags("Review")
            .WithSummary("The case owner and the team's counsellor assessed the need together (Espoo's step before drafting)")
            .Command<JointAssessmentRequest>();

        referrals.MapPost("/{id}/decision-draft", DecisionHandlers.Draft).WithName("DraftDecision").WithTags("Decisions")
            .WithSummary("A new decision draft version; the signer is sent a signing link").Command<DecisionDraftRequest>();
        referrals.MapGet("/{id}/decision", DecisionHandlers.Document).WithName("GetDecision").WithTags("Decisions")
            .WithSummary("The signed decision, or else the current draft, as HTML")
            .WithProblems(401, 403, 404);

        referrals.MapPost("/{id}/decision-notification", NotificationHandlers.RecordNotification).WithName("RecordDecisionNotification").WithTags("Decisions")
            .WithSummary("The signed decision was sent to the client (tiedoksianto): letter, electronic or in person, and the sending date")
            .WithDescription("The deemed notification day and the last day of the review period follow by law: a letter on the 7th day after sending (HL § 59), "
                + "electronic notification on the 3rd day (Act 13/2003 § 19), in person the same day; 30 days for a request for review, counted with Act 150/1930.")
            .Command<NotificationRequest>();
        referrals.MapPost("/{id}/request-for-review", NotificationHandlers.RecordRequestForReview).WithName("RecordRequestForReview").WithTags("Decisions")
            .WithSummary("A request for review (oikaisuvaatimus) of the decision arrived; one in time stops the decision becoming final")
            .Command<RequestForReviewRequest>();
        referrals.MapPost("/{id}/request-for-review/decision", NotificationHandlers.RecordRequestForReviewDecision).WithName("RecordRequestForReviewDecision").WithTags("Decisions")
            .WithSummary("The review body's decision on the request for review: upheld, changed, annulled or dismissed")
            .Command<RequestForReviewDecisionRequest>();

        referrals.MapPost("/{id}/service-start", FollowUpHandlers.StartService).WithName("StartService").WithTags("Follow-up")
            .WithSummary("The service started").Command<StartServiceRequest>();
        referrals.MapPost("/{id}/client-plan", FollowUpHandlers.RecordClientPlan).WithName("RecordClientPlan").WithTags("Follow-up")
            .WithSummary("The client plan (asiakassuunnitelma, SHL § 39) was agreed").Command<ClientPlanRequest>();
        referrals.MapPost("/{id}/service-in-client-plan", ServiceInClientPlanHandlers.Record).WithName("RecordServiceInClientPlan").WithTags("Follow-up")
            .WithSummary("The service was written into the client plan (SHL § 39) instead of a separate § 17 decision, where the profile has that path (Helsinki)")
            .Command<ServiceInClientPlanRequest>();
        referrals.MapPost("/{id}/evaluations", FollowUpHandlers.RecordEvaluation).WithName("RecordEvaluation").WithTags("Follow-up")
            .WithSummary("An interim evaluation (välitapaaminen) was held").Command<EvaluationRequest>();
        referrals.MapPost("/{id}/provider-reports", FollowUpHandlers.RecordProviderReport).WithName("RecordProviderReport").WithTags("Follow-up")
            .WithSummary("A report from the service provider: recorded by the case owner, or by the provider unit the service is assigned to "
                + "(which gets its limited view back)").Command<ProviderReportRequest>();
        referrals.MapPost("/{id}/rehabilitation-plan", FollowUpHandlers.RecordRehabilitationPlan).WithName("RecordRehabilitationPlan").WithTags("Follow-up")
            .WithSummary("The rehabilitation plan (kuntoutussuunnitelma) of the provider unit the service is assigned to; answers with the provider's limited view")
            .Command<RehabilitationPlanRequest>();
        referrals.MapPost("/{id}/esy-measurements", FollowUpHandlers.RecordEsyMeasurement).WithName("RecordEsyMeasurement").WithTags("Follow-up")
            .WithSummary("A measurement with an instrument the profile uses (ESY's re-measurement or another; `instrument`, default the profile's first)")
            .Command<EsyMeasurementRequest>();
        referrals.MapGet("/{id}/measurements/{instrument}/comparison", MeasurementComparisonHandlers.Get).WithName("GetMeasurementComparison").WithTags("Follow-up")
            .WithSummary("The client's measurements with one instrument per area against the baseline and the previous measurement "
                + "(improvement read with the instrument's direction); access-logged")
            .Produces<MeasurementComparisonView>().WithProblems(401, 403, 404);
        referrals.MapPost("/{id}/closure", FollowUpHandlers.Close).WithName("CloseService").WithTags("Follow-up")
            .WithSummary("The service ended with a summary (yhteenveto)").Command<ClosureRequest>();

        referrals.MapPost("/{id}/attachments", AttachmentHandlers.Add).WithName("AddAttachment").WithTags("Attachments")
            .WithSummary("Upload an attachment (multipart/form-data, field file); with Idempotency-Key a retry stores it once").Accepts<IFormFile>("multipart/form-data")
            .Produces<StoredAttachment>(StatusCodes.Status201Created).WithProblems(400, 401, 403, 404, 409, 413, 415, 422).DisableAntiforgery();
        referrals.MapGet("/{id}/attachments", AttachmentHandlers.List).WithName("ListAttachments").WithTags("Attachments")
            .WithSummary("The referral's attachments").Produces<IReadOnlyList<StoredAttachment>>().WithProblems(401, 403, 404);
        referrals.MapGet("/{id}/attachments/{attachmentId}", AttachmentHandlers.Get).WithName("GetAttachment").WithTags("Attachments")
            .WithSummary("One attachment's content, once its malware scan is clean (409 while pending, 422 if infected)")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf", "image/png", "image/jpeg").WithProblems(401, 403, 404, 409, 422);

        referrals.MapGet("/{id}/access-log", (HttpContext context, string id, string? continuation, int? limit, CancellationToken cancellationToken) =>
                AccessLogHandlers.ForReferral(context, id, continuation, limit, cancellationToken)).WithName("GetAccessLog").WithTags("Access log")
            .WithSummary("A page of who read the referral's client data (auditors), oldest first").WithDescription(PagingDescription)
            .Produces<AccessRecordPage>().WithProblems(400, 401, 403, 404);

        var signing = app.MapGroup("/signing").AllowAnonymous().WithTags("Signing");
        signing.MapGet("/{token}", SigningHandlers.Show).WithName("ShowSigningPage")
            .WithSummary("The leader's signing page (HTML): the draft, Sign and Return. Never changes anything.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status410Gone, "text/html")
            .Produces(StatusCodes.Status302Found).WithDescription(SignInRedirect);
        signing.MapPost("/{token}", SigningHandlers.Act).WithName("ActOnSigningPage")
            .WithSummary("Sign or return (form post with the anti-forgery token); once per link")
            .Accepts<SigningForm>("application/x-www-form-urlencoded").DisableAntiforgery()
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status409Conflict, "text/html").Produces<string>(StatusCodes.Status410Gone, "text/html")
            .Produces(StatusCodes.Status302Found).WithDescription(SignInRedirect);

        var download = app.MapGroup("/decision-download").AllowAnonymous().WithTags("Clients");
        download.MapGet("/{token}", DecisionDownloadHandlers.Show).WithName("ShowDecisionDownloadPage")
            .WithSummary("The client's page for a signed decision notified electronically (HTML): asks for the identity code. Never shows client data.")
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status410Gone, "text/html");
        download.MapPost("/{token}", DecisionDownloadHandlers.Download).WithName("DownloadDecision")
            .WithSummary("The signed decision, once the client's identity code matches (form field identityCode); locked after DecisionDownloads:MaxAttempts wrong answers; access-logged")
            .Accepts<DecisionDownloadForm>("application/x-www-form-urlencoded").DisableAntiforgery()
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces<string>(StatusCodes.Status400BadRequest, "text/html")
            .Produces<string>(StatusCodes.Status404NotFound, "text/html")
            .Produces<string>(StatusCodes.Status409Conflict, "text/html").Produces<string>(StatusCodes.Status410Gone, "text/html");

        var operations = app.MapGroup("/api/operations").RequireAuthorization().WithTags("Operations");
        operations.MapGet("/parked-mail", OperationsHandlers.ParkedMail).WithName("ParkedMail")
            .WithSummary("Mail that failed too often and waits for an operator (no client data)")
            .Produces<IReadOnlyList<ParkedMessage>>().WithProblems(401, 403);
        operations.MapPost("/parked-mail/{referralId}/requeue", OperationsHandlers.RequeueParkedMail).WithName("RequeueParkedMail")
            .WithSummary("Send a referral's parked mail again (all of it, or the outbox row `row`) once the cause is fixed; access-logged")
            .Produces<RequeuedMail>().WithProblems(401, 403, 404);
        app.MapGet("/api/health", HealthHandlers.Check).AllowAnonymous().WithName("Health").WithTags("Operations")
            .WithSummary("Readiness: storage and SMTP reachability, checked at most every Health:ReadinessInterval (5 s)")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/health/live", HealthHandlers.Live).AllowAnonymous().WithName("Liveness").WithTags("Operations")
            .WithSummary("Liveness: the process answers (from memory, no dependency is touched)").Produces<LivenessReport>();
        app.MapGet("/api/configuration", ConfigurationHandlers.Get).RequireAuthorization().WithName("GetConfiguration").WithTags("Configuration")
            .WithSummary("The process configuration in force: version, profiles and deadlines, authorities, municipalities, units, review bodies, catalogue, instruments (no personal data; anyone signed in)")
            .Produces<ConfigurationView>().WithProblems(401);
        Reports.ReportsEndpoints.MapReports(app);
        app.MapReferralsOpenApi();
        return app;
    }

    private static readonly string PagingDescription =
        $"Paged: `limit` (default {Paging.DefaultLimit}, at most {Paging.MaxLimit}) rows per page. When there is more, the answer carries " +
        "`continuation` (an opaque token) and `next` (this listing's URL with it), and a `Link: <next>; rel=\"next\"` header; " +
        "pass `continuation` back unchanged for the next page. A token that this listing did not issue is a 400.";

    private static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            if (status == 400) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }

    /// <summary>A command on an existing referral: JSON body, its problems (Idempotency-Key and If-Match come from
    /// <see cref="CommandHeaders"/>, the 200 with the new state and ETag from the handler's typed result).</summary>
    private static RouteHandlerBuilder Command<TRequest>(this RouteHandlerBuilder builder) where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").WithProblems(400, 401, 403, 404, 409, 412, 413, 415, 422);
}
