using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Operations;

/// <summary>GET /api/configuration: the process configuration in force, for anyone signed in (it holds no personal data):
/// its version and the earlier versions still loaded for referrals in flight, the profiles with their deadlines, the
/// authorities, municipalities, units, review bodies (with the profile each runs), the catalogue and the instruments.</summary>
internal static class ConfigurationHandlers
{
    public static IResult Get(HttpContext context)
    {
        if (Caller.Of(context) is null) return Problem.Of(context, 401, "unauthorized");
        var decider = context.RequestServices.GetRequiredService<ReferralDecider>();
        return TypedResults.Ok(ConfigurationView.Of(decider.Configuration,
            decider.Versions.Select(v => v.Version).Where(v => v != decider.Configuration.Version).Order(StringComparer.Ordinal).ToList()));
    }
}

/// <summary>The configuration in force, as GET /api/configuration shows it.</summary>
internal sealed record ConfigurationView(
    string Version,
    IReadOnlyList<string> EarlierVersions,
    IReadOnlyList<ProcessProfile> Profiles,
    IReadOnlyList<Authority> Authorities,
    IReadOnlyList<Municipality> Municipalities,
    IReadOnlyList<OrganisationUnit> Units,
    IReadOnlyList<ReviewBodyView> ReviewBodies,
    ServiceCatalogue Catalogue,
    IReadOnlyList<InstrumentView> Instruments)
{
    public static ConfigurationView Of(ProcessConfiguration c, IReadOnlyList<string> earlier)
    {
        var bodies = c.Profiles.SelectMany(p => new[] { p.ReviewBodyId, p.EscalationReviewBodyId }).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => new ReviewBodyView(id, c.Unit(id)?.Name, c.ProfileRunBy(id)?.Id)).ToList();
        return new(c.Version, earlier, c.Profiles, c.Authorities, c.Municipalities, c.Units, bodies, c.Catalogue, [.. c.AllInstruments.Select(InstrumentView.Of)]);
    }
}

/// <summary>A review body: its unit id, its name (null where the units do not name it) and the profile it runs (the one a
/// referral transferred to it switches to).</summary>
internal sealed record ReviewBodyView(string Id, Bilingual? Name, string? RunsProfileId);
