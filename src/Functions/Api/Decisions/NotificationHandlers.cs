using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Api.Decisions;

/// <summary>What follows a signed decision: its sending to the client (tiedoksianto), from which the law
/// sets the deemed notification day and the review period; a request for review (oikaisuvaatimus) that
/// arrived; and the review body's decision on it. Recorded by the case owner, also after a refusal.</summary>
public static class NotificationHandlers
{
    /// <summary>Electronic notification needs the client's consent and e-mail (Act 13/2003 § 19), read from the
    /// client record before the command: otherwise a 422 that says to send a letter or correct the details.
    /// Once recorded, the process mails the client a link to the protected download (never the document).</summary>
    public static async Task<IResult> RecordNotification(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var caller = Auth.Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyError) return Problem.Validation(context, [keyError]);
        if (!Ids.IsWellFormed(id)) return Problem.Of(context, 404, "not-found");
        var (body, problem) = await JsonBody.ReadAsync<NotificationRequest>(context, cancellationToken);
        if (problem is not null) return problem;

        if (body!.Method == NotificationMethod.Electronic)
        {
            var services = context.RequestServices;
            var state = await services.GetRequiredService<Functions.Referrals.IReferralReader>().GetAsync(id, cancellationToken);
            if (state is null || state.Status == ReferralStatus.None || !ReferralAccess.Covers(caller, Role.ReferringWorker, state))
                return Problem.Of(context, 404, "not-found");
            var client = await services.GetRequiredService<Functions.Clients.IClientRecords>().GetAsync(state.ClientId, cancellationToken);
            if (client is not { ElectronicNotificationConsent: true, Email: { Length: > 0 } })
                return Problem.Of(context, 422, "electronic-notification-not-possible");
        }
        ReferralCommand? CommandFor(ReferralState state) =>
            state.Status != ReferralStatus.None && ReferralAccess.Covers(caller, Role.ReferringWorker, state)
                ? new RecordNotification(body.Method!.Value, body.SentOn!.Value)
                {
                    By = caller.As(Role.ReferringWorker, ReferralAccess.UnitFor(Role.ReferringWorker, state)),
                    DecisionNumber = body.DecisionNumber,
                }
                : null;
        return await CommandEndpoint.ExecuteAsync(context, id, CommandFor, idempotencyKey, Versions.ExpectedVersion(ifMatch), created: false, cancellationToken);
    }

    public static Task<IResult> RecordRequestForReview(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordRequestForReview(b.ReceivedOn!.Value, b.Requester!.Value) { By = by, DecisionNumber = b.DecisionNumber }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordRequestForReviewDecision(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewDecisionRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordRequestForReviewDecision(b.Outcome!.Value, b.DecidedOn!.Value, b.Reasons!) { By = by, DecisionNumber = b.DecisionNumber }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>How (letter, electronic with consent, in person) and on which day the decision was sent;
/// <c>decisionNumber</c> names one of the referral's signed decisions (1, 2, …), without it the latest.</summary>
public sealed record NotificationRequest(NotificationMethod? Method, DateOnly? SentOn) : IValidatable
{
    public int? DecisionNumber { get; init; }

    public IEnumerable<FieldError> Validate() => Fields.Present("method", Method).Concat(Fields.Date("sentOn", SentOn));
}

/// <summary>The day the request for review arrived, and who made it.</summary>
public sealed record RequestForReviewRequest(DateOnly? ReceivedOn, RequestForReviewBy? Requester) : IValidatable
{
    /// <summary>Which signed decision (1, 2, …); without it, the latest.</summary>
    public int? DecisionNumber { get; init; }

    public IEnumerable<FieldError> Validate() => Fields.Date("receivedOn", ReceivedOn).Concat(Fields.Present("requester", Requester));
}

/// <summary>The review body's decision on the request for review, its date and reasons. Changed: the worker
/// drafts the decision's new version, which is signed and notified as a decision.</summary>
public sealed record RequestForReviewDecisionRequest(RequestForReviewOutcome? Outcome, DateOnly? DecidedOn, string? Reasons) : IValidatable
{
    /// <summary>Which signed decision (1, 2, …); without it, the latest.</summary>
    public int? DecisionNumber { get; init; }

    public IEnumerable<FieldError> Validate() =>
        Fields.Present("outcome", Outcome).Concat(Fields.Date("decidedOn", DecidedOn)).Concat(Fields.Required("reasons", Reasons, Fields.LongText));
}
