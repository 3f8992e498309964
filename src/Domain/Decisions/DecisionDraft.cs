namespace Referrals.Domain.Referrals;

/// <summary>The content of a decision draft (päätösluonnos), everything Administrative Procedure Act
/// § 44 asks for apart from what the referral itself holds (authority, parties, date).</summary>
public sealed record DecisionDraft(
    DecisionKind Kind,
    string ServiceTypeCode,
    string LegalBasisCode,
    string Reasons,
    DateOnly? Start,
    DateOnly? End,
    int? EsyRemeasurementMonth,
    string ContactPerson,
    string ContactDetails,
    string DraftedBy);
