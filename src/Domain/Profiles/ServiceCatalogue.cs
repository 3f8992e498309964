namespace Referrals.Domain.Profiles;

/// <summary>A service that can be applied for, and the law it rests on, so that no referral or
/// decision is ambiguous about what is asked or granted.</summary>
public sealed record ServiceType(string Code, string NameFi, string NameSv, string LegalBasisCode);

/// <summary>The legal basis of a service, with the citation printed on decisions.</summary>
public sealed record LegalBasis(string Code, string CitationFi, string CitationSv);

public sealed record ServiceCatalogue(IReadOnlyList<ServiceType> Services, IReadOnlyList<LegalBasis> LegalBases)
{
    public ServiceType? Find(string code) => Services.FirstOrDefault(s => s.Code == code);

    public LegalBasis? Basis(string code) => LegalBases.FirstOrDefault(b => b.Code == code);
}
