namespace Referrals.Domain.Profiles;

/// <summary>Everything the process reads as configuration rather than code: the local process
/// profiles, the service catalogue, the authority named on decisions and the ESY instrument.</summary>
public sealed record ProcessConfiguration(
    IReadOnlyList<ProcessProfile> Profiles,
    ServiceCatalogue Catalogue,
    Authority Authority,
    Esy.EsyInstrument EsyInstrument)
{
    public ProcessProfile? Profile(string id) => Profiles.FirstOrDefault(p => p.Id == id);
}

/// <summary>The authority that decides (hallintolaki § 44: the authority is named on the decision).
/// The review fields name where a request for review goes (oikaisuvaatimusviranomainen, usually the
/// county's body for individual matters) and how to reach it; when absent, the decision's review
/// instructions name that body generically.</summary>
public sealed record Authority(string NameFi, string NameSv)
{
    public string? ReviewBodyFi { get; init; }

    public string? ReviewBodySv { get; init; }

    /// <summary>Postal address, e-mail and opening hours of the registry, printed as given.</summary>
    public string? ReviewContact { get; init; }
}
