using Referrals.Functions.Commands;
using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Decisions;

/// <summary>What follows a signed decision: its sending to the client (tiedoksianto), from which the law
/// sets the deemed notification day and the review period; a request for review (oikaisuvaatimus) that
/// arrived; and the review body's decision on it. Recorded by the case owner, also after a refusal.</summary>
internal static class NotificationHandlers
{
    /// <summary>Electronic notification needs the client's consent and e-mail (Act 13/2003 § 19), read from the
    /// client record before the command: otherwise a 422 that says to send a letter or correct the details.
    /// Once recorded, the process mails the client a link to the protected download (never the document).</summary>
    public static async Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordNotification(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken)
    {
        var caller = Auth.Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        if (headers.KeyError is { } keyError) return Problem.Validation(context, [keyError]);
        if (!Ids.IsWellFormed(id)) return Problem.Of(context, 404, "not-found");
        var (body, problem) = await JsonBody.ParseAsync<NotificationRequest>(context, cancellationToken);
        if (body is null) return problem ?? Problem.Of(context, 400, "malformed-json");
        var check = new FieldCheck();
        var commandBy = body.ToCommand(check);
        if (!check.Passed) return Problem.Validation(context, check.Errors);

        if (body.Method == NotificationMethod.Electronic)
        {
            var services = context.RequestServices;
            var state = await services.GetRequiredService<Functions.Commands.IReferralReader>().GetAsync(id, cancellationToken);
            if (state is null || state.Status == ReferralStatus.None || !ReferralAccess.Covers(caller, Role.ReferringWorker, state))
                return Problem.Of(context, 404, "not-found");
            var client = await services.GetRequiredService<Functions.Clients.IClientRecords>().GetAsync(state.ClientId, cancellationToken);
            if (client is not { ElectronicNotificationConsent: true, Email: { Length: > 0 } })
                return Problem.Of(context, 422, "electronic-notification-not-possible");
        }
        ReferralCommand? CommandFor(ReferralState state) =>
            state.Status != ReferralStatus.None && ReferralAccess.Covers(caller, Role.ReferringWorker, state)
                ? commandBy(caller.As(Role.ReferringWorker, ReferralAccess.UnitFor(Role.ReferringWorker, state)))
                : null;
        return await CommandEndpoint.ExecuteAsync(context, id, CommandFor, headers, CommandEndpoint.ReferralAnswer(context), cancellationToken);
    }

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordRequestForReview(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RecordRequestForReviewDecision(HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewDecisionRequest>(context, id, headers, Role.ReferringWorker, cancellationToken);
}

/// <summary>How (letter, electronic with consent, in person) and on which day the decision was sent;
/// <c>decisionNumber</c> names one of the referral's signed decisions (1, 2, …), without it the latest.</summary>
internal sealed record NotificationRequest(NotificationMethod? Method, DateOnly? SentOn) : CommandRequest
{
    public int? DecisionNumber { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var method = check.Present("method", Method);
        var sentOn = check.Date("sentOn", SentOn);
        return by => new RecordNotification(method, sentOn) { By = by, DecisionNumber = DecisionNumber };
    }
}

/// <summary>The day the request for review arrived, and who made it.</summary>
internal sealed record RequestForReviewRequest(DateOnly? ReceivedOn, RequestForReviewBy? Requester) : CommandRequest
{
    /// <summary>Which signed decision (1, 2, …); without it, the latest.</summary>
    public int? DecisionNumber { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var receivedOn = check.Date("receivedOn", ReceivedOn);
        var requester = check.Present("requester", Requester);
        return by => new RecordRequestForReview(receivedOn, requester) { By = by, DecisionNumber = DecisionNumber };
    }
}

/// <summary>The review body's decision on the request for review, its date and reasons. Changed: the worker
/// drafts the decision's new version, which is signed and notified as a decision.</summary>
internal sealed record RequestForReviewDecisionRequest(RequestForReviewOutcome? Outcome, DateOnly? DecidedOn, string? Reasons) : CommandRequest
{
    /// <summary>Which signed decision (1, 2, …); without it, the latest.</summary>
    public int? DecisionNumber { get; init; }

    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var outcome = check.Present("outcome", Outcome);
        var decidedOn = check.Date("decidedOn", DecidedOn);
        var reasons = check.Text("reasons", Reasons, Fields.LongText);
        return by => new RecordRequestForReviewDecision(outcome, decidedOn, reasons) { By = by, DecisionNumber = DecisionNumber };
    }
}
