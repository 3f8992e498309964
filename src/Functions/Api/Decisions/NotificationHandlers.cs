using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
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
    public static Task<IResult> RecordNotification(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<NotificationRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordNotification(b.Method!.Value, b.SentOn!.Value) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordRequestForReview(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordRequestForReview(b.ReceivedOn!.Value, b.Requester!.Value) { By = by }, idempotencyKey, ifMatch, cancellationToken);

    public static Task<IResult> RecordRequestForReviewDecision(HttpContext context, string id,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<RequestForReviewDecisionRequest>(context, id, Role.ReferringWorker,
            (b, by) => new RecordRequestForReviewDecision(b.Outcome!.Value, b.DecidedOn!.Value, b.Reasons!) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>How (letter, electronic with consent, in person) and on which day the decision was sent.</summary>
public sealed record NotificationRequest(NotificationMethod? Method, DateOnly? SentOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Fields.Present("method", Method).Concat(Fields.Date("sentOn", SentOn));
}

/// <summary>The day the request for review arrived, and who made it.</summary>
public sealed record RequestForReviewRequest(DateOnly? ReceivedOn, RequestForReviewBy? Requester) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Fields.Date("receivedOn", ReceivedOn).Concat(Fields.Present("requester", Requester));
}

/// <summary>The review body's decision on the request for review, its date and reasons.</summary>
public sealed record RequestForReviewDecisionRequest(RequestForReviewOutcome? Outcome, DateOnly? DecidedOn, string? Reasons) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        Fields.Present("outcome", Outcome).Concat(Fields.Date("decidedOn", DecidedOn)).Concat(Fields.Required("reasons", Reasons, Fields.LongText));
}
