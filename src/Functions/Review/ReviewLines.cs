using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Review;

/// <summary>A review body's own earlier lines on a referral, also after the referral has moved on (when the
/// body no longer sees the referral itself): what it decided, when, and why, and nothing else of the
/// referral. Access-logged like a read of client data (the reasons may describe the client).</summary>
internal static class ReviewLines
{
    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReviewBodyMember)) return Problem.Of(context, 403, "forbidden");
        if (!Ids.IsWellFormed(id)) return Problem.Of(context, 404, "not-found");

        var bodies = caller.UnitsFor(Role.ReviewBodyMember).ToHashSet(StringComparer.Ordinal);
        var timeline = await context.RequestServices.GetRequiredService<IReferralReader>().TimelineAsync(id, cancellationToken);
        var lines = timeline
            .Where(e => e.Event.By.Role == Role.ReviewBodyMember && bodies.Contains(e.Event.By.Unit))
            .Select(e => Line(e.Version, e.Event))
            .OfType<ReviewLine>()
            .ToList();
        // No line of the caller's bodies: as if the referral did not exist.
        if (lines.Count == 0) return Problem.Of(context, 404, "not-found");
        var body = lines[^1].ReviewBody;
        await ClientDataReads.RecordAsync(context, caller, Role.ReviewBodyMember, body, id, cancellationToken);
        return TypedResults.Ok(lines);
    }

    private static ReviewLine? Line(int version, ReferralEvent e) => e switch
    {
        ReferralApproved a => new(version, ReviewOutcome.Approve, a.Reasons, null, null, a.At, a.By.Unit, a.By.UserId),
        ReferralRefused r => new(version, ReviewOutcome.Refuse, r.Reasons, null, null, r.At, r.By.Unit, r.By.UserId),
        InformationRequested i => new(version, ReviewOutcome.RequestInformation, i.Question, i.DueOn, null, i.At, i.By.Unit, i.By.UserId),
        ReferralRedirected d => new(version, ReviewOutcome.Redirect, d.Reasons, null, d.To, d.At, d.By.Unit, d.By.UserId),
        ReferralRedirectedForRefusal d => new(version, ReviewOutcome.Redirect, d.Reasons, null, d.To, d.At, d.By.Unit, d.By.UserId),
        ReferralTransferred t => new(version, ReviewOutcome.TransferToSteeringGroup, t.Reasons, null, t.ToReviewBodyId, t.At, t.By.Unit, t.By.UserId),
        _ => null,
    };
}

/// <summary>One line (linjaus) a review body gave: its outcome, reasons (or the question asked), the date
/// the information was due, where the referral was redirected or transferred, when, by which body and member.</summary>
internal sealed record ReviewLine(
    int Version, ReviewOutcome Outcome, string Reasons, DateOnly? InformationDueOn, string? To, DateTimeOffset At, string ReviewBody, string By);
