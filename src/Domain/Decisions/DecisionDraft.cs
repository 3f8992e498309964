using System.Text.Json.Serialization;

namespace Referrals.Domain.Referrals;

/// <summary>The content of a decision draft (päätösluonnos), everything Administrative Procedure Act
/// § 44 asks for apart from what the referral itself holds (authority, parties, date). DraftedBy is the
/// preparer's user id (for the audit trail); the decision shows PreparerName and PreparerTitle, as their
/// sign-in gave them. The optional fields say exactly what is granted (form, content, extent, provider);
/// they are absent in drafts from before they existed and then simply not printed.</summary>
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
    string DraftedBy)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PreparerName { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PreparerTitle { get; init; }

    /// <summary>How the service is given (individual, group, remote).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ServiceForm? Form { get; init; }

    /// <summary>What the service consists of, in the client's language (e.g. "coaching in everyday skills, weekly").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Content { get; init; }

    /// <summary>How much (e.g. "kaksi kertaa viikossa, 3 tuntia kerrallaan").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Extent { get; init; }

    /// <summary>Who provides the service, by name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Provider { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ProviderKind? ProviderKind { get; init; }

    /// <summary>Where a refusal after a redirect guides the client (the review body's "redirect to").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RedirectedTo { get; init; }

    /// <summary>The service is granted until further notice (toistaiseksi): no end date, and the ESY
    /// re-measurement month is agreed in the client plan instead of the decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool UntilFurtherNotice { get; init; }

    /// <summary>Why the service ends (an ending decision; <see cref="End"/> is its last day).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public EndingReason? EndingReason { get; init; }

    /// <summary>The number of the decision this one is the new version of, after the review body changed
    /// it on a request for review (null for every other decision).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Changes { get; init; }

    /// <summary>A decision on a granted service (ending, continuation, change) rather than on the application.</summary>
    [JsonIgnore] public bool OnGrantedService => Kind is DecisionKind.Ending or DecisionKind.Continuation or DecisionKind.Change;

    /// <summary>It grants the service (for a period, or until further notice): a granting, continuation or change decision.</summary>
    [JsonIgnore] public bool Grants => Kind is DecisionKind.Granting or DecisionKind.Continuation or DecisionKind.Change;
}

/// <summary>How the service is given.</summary>
public enum ServiceForm
{
    Individual,
    Group,
    /// <summary>Remotely or digitally.</summary>
    Remote,
}

/// <summary>Whether the county gives the service itself or buys it (ostopalvelu).</summary>
public enum ProviderKind
{
    Own,
    Purchased,
}
