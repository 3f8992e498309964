namespace Referrals.Domain.Profiles;

/// <summary>A service that can be applied for, and the law it rests on, so that no referral or
/// decision is ambiguous about what is asked or granted.</summary>
public sealed record ServiceType(string Code, string NameFi, string NameSv, string LegalBasisCode)
{
    /// <summary>The point of the section that the service is, printed after the citation of its legal basis
    /// (e.g. "1 mom. 3 kohta" / "1 mom. 3 punkten" for SHL 17 § 1 mom. 3 kohta); null where the section has none.</summary>
    public string? ProvisionFi { get; init; }

    public string? ProvisionSv { get; init; }
}

/// <summary>The legal basis of a service, with the citation printed on decisions: the act with its number and
/// the section (e.g. "Sosiaalihuoltolaki (1301/2014) 17 §"); the point comes from the service.</summary>
public sealed record LegalBasis(string Code, string CitationFi, string CitationSv);

public sealed record ServiceCatalogue(IReadOnlyList<ServiceType> Services, IReadOnlyList<LegalBasis> LegalBases)
{
    public ServiceType? Find(string code) => Services.FirstOrDefault(s => s.Code == code);

    public LegalBasis? Basis(string code) => LegalBases.FirstOrDefault(b => b.Code == code);
}
