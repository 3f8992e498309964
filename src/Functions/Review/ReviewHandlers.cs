using Referrals.Functions.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Review;

/// <summary>asiakasohjausryhmä / palvelutiimi: the review body's queue and its line on a referral.</summary>
internal static class ReviewHandlers
{
    /// <summary>A page of the referrals waiting for the caller's review body now, oldest first
    /// (<see cref="Paging"/>). Summaries only (no client data), so not access-logged; opening a referral is.</summary>
    public static async Task<IResult> Queue(
        HttpContext context, string? reviewBody, string? continuation, int? limit, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReviewBodyMember)) return Problem.Of(context, 403, "forbidden");
        reviewBody ??= caller.SingleUnitFor(Role.ReviewBodyMember);
        var errors = new List<FieldError>();
        if (reviewBody is null) errors.Add(new FieldError("reviewBody", "field.choose-unit"));
        errors.AddRange(Paging.Validate(limit, continuation));
        if (errors.Count > 0) return Problem.Validation(context, errors);
        if (reviewBody is null || !caller.Holds(Role.ReviewBodyMember, reviewBody) || !Ids.IsWellFormed(reviewBody)) return Problem.Of(context, 403, "forbidden");
        var page = await context.RequestServices.GetRequiredService<IReferralReader>()
            .ReviewQueueAsync(reviewBody, continuation, Paging.LimitOr(limit), cancellationToken);
        return page is null
            ? Paging.InvalidContinuation(context)
            : Paging.Ok(context, page, limit, ("reviewBody", reviewBody));
    }

    /// <summary>The queue with the paging read from the query string (the Azure Functions trigger's entry).</summary>
    public static Task<IResult> Queue(HttpContext context, string? reviewBody, CancellationToken cancellationToken)
    {
        var (continuation, limit) = Paging.FromQuery(context.Request.Query);
        return Queue(context, reviewBody, continuation, limit, cancellationToken);
    }

    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> Review(
        HttpContext context, string id, [AsParameters] CommandHeaders headers, CancellationToken cancellationToken) =>
        CommandEndpoint.RunAsync<ReviewRequest>(context, id, headers, Role.ReviewBodyMember, cancellationToken);
}

/// <summary>linjaus: approve, refuse, request information (the reasons are the question), redirect
/// (to <see cref="RedirectTo"/>), or, for a service team, transfer to the steering group.</summary>
internal sealed record ReviewRequest(ReviewOutcome? Outcome, string? Reasons, string? RedirectTo) : CommandRequest
{
    public override Func<Actor, ReferralCommand> ToCommand(FieldCheck check)
    {
        var outcome = check.Present("outcome", Outcome);
        var reasons = check.Text("reasons", Reasons, Fields.LongText);
        if (Outcome == ReviewOutcome.Redirect && string.IsNullOrWhiteSpace(RedirectTo)) check.Add("redirectTo", "field.redirect-to");
        var redirectTo = check.OptionalText("redirectTo", RedirectTo, Fields.ShortText);
        return by => new ReviewReferral(outcome, reasons, redirectTo) { By = by };
    }
}
