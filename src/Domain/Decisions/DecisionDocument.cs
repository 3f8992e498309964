using System.Security.Cryptography;
using System.Text;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Decisions;

/// <summary>What goes into a decision document besides the draft: hallintolaki § 44 asks for the
/// authority and date, the parties, the reasons, what exactly was decided and the contact person.
/// DecisionDate and SignedBy are null for a draft not yet signed.</summary>
public sealed record DecisionContent(
    string ReferralId,
    Authority Authority,
    string UnitId,
    string ClientId,
    int DraftVersion,
    DecisionDraft Draft,
    ServiceType Service,
    LegalBasis Basis,
    DateOnly? DecisionDate,
    string? SignedBy);

/// <summary>Renders a decision deterministically (same content → same bytes), in Finnish with Swedish
/// beside it, with the instructions for requesting review within 30 days. Placeholder until the
/// templates land.</summary>
public static class DecisionDocument
{
    public static string Render(DecisionContent content) =>
        $"<!doctype html><html lang=\"fi\"><body><h1>{content.Draft.Kind}</h1><p>{content.ReferralId}</p></body></html>";

    public static byte[] Bytes(DecisionContent content) => Encoding.UTF8.GetBytes(Render(content));

    public static string Sha256Hex(DecisionContent content) => Convert.ToHexStringLower(SHA256.HashData(Bytes(content)));
}
