using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;

namespace Referrals.Domain.Referrals;

/// <summary>The leader signs or returns the draft version they read. Signing fixes the decision: the
/// document is rendered from the draft and the signing date, and its SHA-256 goes into the event.</summary>
internal static class Signing
{
    public static Outcome Sign(DecisionContext c, SignDecision s)
    {
        var refused = SignerRules.MaySign(c)
            ?? AwaitingSignature(c)
            ?? CurrentVersion(c, s.DraftVersion);
        if (refused is not null) return refused;
        if (c.WithProfile(out var profile) is { } unknown) return unknown;
        if (c.State.Draft is not { } draft) return Outcome.Reject(RejectionCode.InvalidState, "no draft");
        if (Drafting.Service(c.Configuration, profile, draft.ServiceTypeCode) is null)
            return Outcome.Reject(RejectionCode.UnknownServiceType, draft.ServiceTypeCode);

        var signedOn = c.Today;
        var content = DecisionContents.Build(c.Configuration, c.State, s.Client, s.DraftVersion, draft, signedOn,
            new Official(s.SignerName, s.SignerTitle)) with { SignerRule = profile.Signer, SignerUnit = DecisionContents.NamedUnit(c.Configuration, profile) };
        // Not yet notified: the sending is recorded when it happens (RecordNotification), and the review period runs from it.
        return c.Accept(new DecisionSigned(s.DraftVersion, DecisionDocument.Sha256Hex(content), signedOn)
        {
            SignerName = s.SignerName,
            SignerTitle = s.SignerTitle,
            SignerRule = profile.Signer,
        });
    }

    public static Outcome Return(DecisionContext c, ReturnDecision r) =>
        SignerRules.MaySign(c)
        ?? Input.Text(r.Comment, nameof(r.Comment))
        ?? AwaitingSignature(c)
        ?? CurrentVersion(c, r.DraftVersion)
        ?? c.Accept(new DecisionReturned(r.DraftVersion, r.Comment));

    /// <summary>A draft waits for the signer: the first decision's, or a later one (ending, continuation,
    /// change, a changed version) drafted after a decision was signed.</summary>
    private static Outcome? AwaitingSignature(DecisionContext c) =>
        c.State.SignaturePending ? null : c.NotSigned() ?? c.NotEnded() ?? c.InStatus(ReferralStatus.AwaitingSignature);

    private static Outcome? CurrentVersion(DecisionContext c, int version) =>
        version == c.State.DraftVersion ? null : Outcome.Reject(RejectionCode.DraftVersionMismatch, $"{c.State.DraftVersion}");
}
