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

/// <summary>The authority that decides (hallintolaki § 44: the authority is named on the decision).</summary>
public sealed record Authority(string NameFi, string NameSv);
