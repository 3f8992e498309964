using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Esy;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Operations;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.FollowUp;

/// <summary>GET /api/referrals/{id}/measurements/{instrument}/comparison: the client's measurements with one instrument
/// compared per area with the baseline and the previous measurement (the follow-up meeting's view, domain.md step 8),
/// "improved" or "worse" read with the instrument's direction. For whoever may read the referral; access-logged as a
/// read of client data. The instrument is one of the referral's configuration version (404 <c>unknown-instrument</c>).</summary>
internal static class MeasurementComparisonHandlers
{
    public static async Task<IResult> Get(HttpContext context, string id, string instrument, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (access is null) return denied ?? Problem.Of(context, 404, "not-found");
        var decider = context.RequestServices.GetRequiredService<ReferralDecider>();
        if (decider.ConfigurationOf(access.State).Instrument(instrument) is not { } found)
            return Problem.Of(context, StatusCodes.Status404NotFound, "unknown-instrument");
        return TypedResults.Ok(MeasurementComparisonView.Of(id, MeasurementHistory.Of(access.State, found)));
    }
}

/// <summary>The comparison as the API answers it. <c>baseline</c>, <c>previous</c> and <c>latest</c> say which
/// measurements were compared (null where there is none yet: no previous at the first re-measurement); per area the
/// scores, the change (latest minus the earlier score) and its direction (<c>Improved</c>, <c>Same</c>, <c>Worse</c>).</summary>
internal sealed record MeasurementComparisonView(
    string ReferralId,
    InstrumentView Instrument,
    MeasurementPointView? Baseline,
    MeasurementPointView? Previous,
    MeasurementPointView? Latest,
    IReadOnlyList<AreaComparisonView> Areas,
    int ImprovedSinceBaseline,
    int WorseSinceBaseline,
    int ImprovedSincePrevious,
    int WorseSincePrevious)
{
    public static MeasurementComparisonView Of(string referralId, MeasurementHistory history)
    {
        var c = history.Comparison;
        return new(referralId, InstrumentView.Of(history.Instrument), Point(history.Baseline), Point(history.Previous), Point(history.Latest),
            [.. c.Areas.Select(a => new AreaComparisonView(a.Area.Code, new Bilingual(a.Area.NameFi, a.Area.NameSv), a.Baseline, a.Previous, a.Current,
                a.ChangeFromBaseline, a.ChangeFromPrevious, a.SinceBaseline, a.SincePrevious))],
            c.ImprovedSinceBaseline, c.WorseSinceBaseline, c.ImprovedSincePrevious, c.WorseSincePrevious);
    }

    private static MeasurementPointView? Point(MeasurementPoint? p) => p is null ? null : new MeasurementPointView(p.On, p.AtReferral);
}

/// <summary>A measurement compared: its day, and whether it is the assessment made with the referral.</summary>
internal sealed record MeasurementPointView(DateOnly On, bool AtReferral);

internal sealed record AreaComparisonView(
    string Code, Bilingual Name, int? Baseline, int? Previous, int? Latest,
    int? ChangeFromBaseline, int? ChangeFromPrevious, EsyDirection? SinceBaseline, EsyDirection? SincePrevious);
