using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>yhteisarvio (Espoo): where the profile names a joint assessment unit, the case owner and a counsellor of that unit
/// (sosiaalisen kuntoutuksen ohjaaja) assess the service need together before the decision is drafted. The case owner records
/// it, naming the counsellor by user id; the first decision cannot be drafted before it. A later record replaces the earlier
/// one, until the first decision is drafted.</summary>
internal static class JointAssessment
{
    public static Outcome Record(DecisionContext c, RecordJointAssessment a)
    {
        var refused = Permissions.Worker(c)
            ?? Input.Date(a.AssessedOn, nameof(a.AssessedOn))
            ?? Input.Id(a.CounsellorId, nameof(a.CounsellorId))
            ?? Input.Text(a.Summary, nameof(a.Summary))
            ?? c.NotEnded()
            ?? c.NotSigned();
        if (refused is not null) return refused;
        if (c.WithProfile(out var profile) is { } unknown) return unknown;
        if (profile.JointAssessmentUnitId is null) return Outcome.Reject(RejectionCode.JointAssessmentNotAvailable, profile.Id);
        return c.InStatus(ReferralStatus.AwaitingGrantingDraft, ReferralStatus.AwaitingRefusingDraft)
            ?? (c.State.Draft is not null ? Outcome.Reject(RejectionCode.InvalidState, "drafted") : null)
            ?? c.NotInFuture(a.AssessedOn, nameof(a.AssessedOn))
            ?? Input.NotBefore(a.AssessedOn, Calendar.FinnishCalendar.DateIn(c.State.SubmittedAt), nameof(a.AssessedOn))
            ?? c.Accept(new JointAssessmentRecorded(a.AssessedOn, a.CounsellorId.Trim(), a.Summary.Trim()));
    }

    /// <summary>The first decision waits for the joint assessment where the profile has one.</summary>
    public static Outcome? Before(DecisionContext c)
    {
        if (c.State.JointAssessedOn is not null) return null;
        if (c.WithProfile(out var profile) is not null) return null;
        return profile.JointAssessmentUnitId is null ? null : Outcome.Reject(RejectionCode.JointAssessmentMissing, profile.JointAssessmentUnitId);
    }
}
