using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Api.Http;
using Referrals.Functions.Auth;
using Referrals.Functions.Problems;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Api.Review;

/// <summary>asiakasohjausryhmä / palvelutiimi: the review body's queue and its line on a referral.</summary>
public static class ReviewHandlers
{
    /// <summary>Referrals waiting for the caller's review body, oldest first. Summaries only (no client
    /// data), so not access-logged; opening a referral is.</summary>
    public static async Task<IResult> Queue(HttpContext context, string? reviewBody, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReviewBodyMember)) return Problem.Of(context, 403, "forbidden");
        reviewBody ??= caller.Units.Count == 1 ? caller.Units.First() : null;
        if (reviewBody is null) return Problem.Validation(context, [new FieldError("reviewBody", "field.choose-unit")]);
        if (!caller.BelongsTo(reviewBody) || !Ids.IsWellFormed(reviewBody)) return Problem.Of(context, 403, "forbidden");
        var queue = await context.RequestServices.GetRequiredService<IReferralReader>().ReviewQueueAsync(reviewBody, cancellationToken);
        return TypedResults.Ok(queue);
    }

    public static Task<IResult> Review(
        HttpContext context, string id, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ReviewRequest>(context, id, Role.ReviewBodyMember,
            (b, by) => new ReviewReferral(b.Outcome!.Value, b.Reasons!, b.RedirectTo) { By = by }, idempotencyKey, ifMatch, cancellationToken);
}

/// <summary>linjaus: approve, refuse, request information (the reasons are the question), redirect
/// (to <see cref="RedirectTo"/>), or, for a service team, transfer to the steering group.</summary>
public sealed record ReviewRequest(ReviewOutcome? Outcome, string? Reasons, string? RedirectTo) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (Outcome is null) yield return new FieldError("outcome", "field.required");
        foreach (var e in Fields.Required("reasons", Reasons, Fields.LongText)) yield return e;
        if (Outcome == ReviewOutcome.Redirect && string.IsNullOrWhiteSpace(RedirectTo)) yield return new FieldError("redirectTo", "field.redirect-to");
        foreach (var e in Fields.Optional("redirectTo", RedirectTo, 200)) yield return e;
    }
}
