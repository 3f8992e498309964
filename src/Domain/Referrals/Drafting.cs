using Referrals.Domain.Common;
using Referrals.Domain.Profiles;

namespace Referrals.Domain.Referrals;

/// <summary>päätöksen valmistelu: the worker drafts the decision. Its kind follows the review (a
/// refusal is an appealable decision too); where there is no review body the worker chooses. Every
/// draft is a new version, so the signer always signs exactly what they read.</summary>
internal static class Drafting
{
    public const int EarliestEsyMonth = 6;
    public const int LatestEsyMonth = 12;

    public static Outcome Draft(DecisionContext c, DraftDecision d)
    {
        var refused = Permissions.Worker(c)
            ?? Input.Defined(d.Kind, nameof(d.Kind))
            ?? Input.Text(d.Reasons, nameof(d.Reasons))
            ?? Input.Text(d.ContactPerson, nameof(d.ContactPerson), Limits.MaxShortText)
            ?? Input.Text(d.ContactDetails, nameof(d.ContactDetails), Limits.MaxShortText)
            ?? (d.GrantedServiceTypeCode is null ? null : Input.Id(d.GrantedServiceTypeCode, nameof(d.GrantedServiceTypeCode)))
            ?? (d.Start is { } start ? Input.Date(start, nameof(d.Start)) : null)
            ?? (d.End is { } end ? Input.Date(end, nameof(d.End)) : null)
            ?? (d.PreparerName is null ? null : Input.Text(d.PreparerName, nameof(d.PreparerName), Limits.MaxShortText))
            ?? (d.PreparerTitle is null ? null : Input.Text(d.PreparerTitle, nameof(d.PreparerTitle), Limits.MaxShortText))
            ?? (d.Form is { } form ? Input.Defined(form, nameof(d.Form)) : null)
            ?? (d.ProviderKind is { } kind ? Input.Defined(kind, nameof(d.ProviderKind)) : null)
            ?? (d.Content is null ? null : Input.Text(d.Content, nameof(d.Content)))
            ?? (d.Extent is null ? null : Input.Text(d.Extent, nameof(d.Extent), Limits.MaxShortText))
            ?? (d.Provider is null ? null : Input.Text(d.Provider, nameof(d.Provider), Limits.MaxShortText))
            ?? (d.EndingReason is { } reason ? Input.Defined(reason, nameof(d.EndingReason)) : null);
        if (refused is not null) return refused;
        var s = c.State;
        if (s.ChangeOwed is { } changed) return ChangedVersion(c, d, changed);
        if (s.Decision is not null && IsOnGrantedService(d.Kind) && !s.HasEnded) return Later(c, d, s.Grant, changes: null);
        refused = c.NotSigned()
            ?? c.NotEnded()
            ?? c.InStatus(ReferralStatus.AwaitingGrantingDraft, ReferralStatus.AwaitingRefusingDraft)
            ?? KindFollowsReview(c, d.Kind)
            ?? JointAssessment.Before(c)
            ?? (IsOnGrantedService(d.Kind) ? Outcome.Reject(RejectionCode.DecisionKindMismatch, nameof(DecisionKind.Granting)) : null);
        return refused ?? First(c, d, changes: null);
    }

    private static bool IsOnGrantedService(DecisionKind kind) => kind is DecisionKind.Ending or DecisionKind.Continuation or DecisionKind.Change;

    /// <summary>The review body changed decision <paramref name="number"/>: its new version has the same kind
    /// (a changed refusal may become a grant), is drafted and signed like any decision, and names the one it changes.</summary>
    private static Outcome ChangedVersion(DecisionContext c, DraftDecision d, int number)
    {
        var changed = c.State.Decisions[number - 1].Draft.Kind;
        var refused = c.NotEnded()
            ?? (c.State.SignaturePending ? Outcome.Reject(RejectionCode.InvalidState, nameof(ReferralStatus.AwaitingSignature)) : null)
            ?? (d.Kind == changed || (changed == DecisionKind.Refusing && d.Kind == DecisionKind.Granting)
                ? null : Outcome.Reject(RejectionCode.DecisionKindMismatch, changed.ToString()));
        if (refused is not null) return refused;
        return IsOnGrantedService(d.Kind)
            ? Later(c, d, c.State.Decisions.Take(number - 1).LastOrDefault(x => x.Draft.Grants)?.Decision, number)
            : First(c, d, number);
    }

    /// <summary>A decision on the application: granting or refusing (also the new version of one changed on review).</summary>
    private static Outcome First(DecisionContext c, DraftDecision d, int? changes)
    {
        if (c.WithProfile(out var profile) is { } unknown) return unknown;

        var code = d.GrantedServiceTypeCode ?? c.State.ServiceTypeCode;
        if (Service(c.Configuration, profile, code) is not { } found)
            return Outcome.Reject(RejectionCode.UnknownServiceType, code);
        var (service, basis) = found;

        // The preparer as the decision names them (their sign-in's name and title), beside their user id.
        DecisionDraft Drafted(DateOnly? start, DateOnly? end, int? esy) =>
            new(d.Kind, service.Code, basis.Code, d.Reasons, start, end, esy, d.ContactPerson, d.ContactDetails, c.By.UserId)
            {
                PreparerName = Trimmed(d.PreparerName),
                PreparerTitle = Trimmed(d.PreparerTitle),
                Changes = changes,
            };

        if (d.Kind == DecisionKind.Refusing)
            return c.Accept(new DecisionDrafted(c.State.DraftVersion + 1, Drafted(null, null, null) with { RedirectedTo = c.State.RedirectedTo }));
        if (d.EndingReason is not null) return Input.Invalid(nameof(d.EndingReason));

        var granted = Drafted(null, null, null) with
        {
            Form = d.Form,
            Content = Trimmed(d.Content),
            Extent = Trimmed(d.Extent),
            Provider = Trimmed(d.Provider),
            ProviderKind = d.ProviderKind,
        };
        if (d.Start is not { } from) return Input.Invalid(nameof(d.Start));
        if (d.UntilFurtherNotice)
        {
            // Toistaiseksi: no end and no ESY month in the decision (the client plan agrees it).
            if (!profile.AllowsUntilFurtherNotice || profile.Duration is not null)
                return Outcome.Reject(RejectionCode.UntilFurtherNoticeNotAllowed, profile.Id);
            if (d.End is not null) return Input.Invalid(nameof(d.End));
            if (d.EsyRemeasurementMonth is not null) return Input.Invalid(nameof(d.EsyRemeasurementMonth));
            return c.Accept(new DecisionDrafted(c.State.DraftVersion + 1, granted with { Start = from, UntilFurtherNotice = true }));
        }
        if (d.End is not { } to) return Input.Invalid(nameof(d.End));
        if (to < from) return Outcome.Reject(RejectionCode.DateOutOfOrder, nameof(d.End));
        if (profile.Duration is { } months && !Lasts(from, to, months))
            return Outcome.Reject(RejectionCode.DurationOutOfRange, $"{months.Min}-{months.Max}");
        if (d.EsyRemeasurementMonth is not { } esyMonth)
            return profile.EsyRemeasurementRequired
                ? Input.Invalid(nameof(d.EsyRemeasurementMonth))
                : c.Accept(new DecisionDrafted(c.State.DraftVersion + 1, granted with { Start = from, End = to }));
        if (esyMonth is < EarliestEsyMonth or > LatestEsyMonth)
            return Outcome.Reject(RejectionCode.EsyMonthOutOfRange, $"{esyMonth}");

        return c.Accept(new DecisionDrafted(c.State.DraftVersion + 1, granted with { Start = from, End = to, EsyRemeasurementMonth = esyMonth }));
    }

    /// <summary>A later decision on the granted service <paramref name="grant"/>: ending it early (the reason and
    /// its last day, before the decided end), continuing it past its end, or changing what it consists of from
    /// a day on. A continuation or change says again exactly what is granted (what the worker leaves out stays
    /// as the grant had it) and sets the ESY month from the day it takes effect, so the follow-up timers are
    /// derived from it; the client plan, evaluations and measurements so far stay. The profile's duration range
    /// is for the first grant.</summary>
    private static Outcome Later(DecisionContext c, DraftDecision d, SignedDecision? grant, int? changes)
    {
        var s = c.State;
        var refused = Permissions.Worker(c)
            ?? (s.FollowOnDraftPending ? Outcome.Reject(RejectionCode.InvalidState, nameof(ReferralStatus.AwaitingSignature)) : null)
            ?? (changes is null && s.Ending is not null ? Outcome.Reject(RejectionCode.InvalidState, nameof(DecisionKind.Ending)) : null)
            ?? (grant is null ? Outcome.Reject(RejectionCode.InvalidState, s.Status.ToString()) : null);
        if (refused is not null) return refused;
        if (c.WithProfile(out var profile) is { } unknown) return unknown;
        var g = grant!.Draft;
        var code = d.GrantedServiceTypeCode ?? g.ServiceTypeCode;
        if (Service(c.Configuration, profile, code) is not { } found)
            return Outcome.Reject(RejectionCode.UnknownServiceType, code);
        var (service, basis) = found;
        var draft = new DecisionDraft(d.Kind, service.Code, basis.Code, d.Reasons, null, null, null, d.ContactPerson, d.ContactDetails, c.By.UserId)
        {
            PreparerName = Trimmed(d.PreparerName),
            PreparerTitle = Trimmed(d.PreparerTitle),
            Changes = changes,
        };
        Outcome Drafted(DecisionDraft content) => c.Accept(new DecisionDrafted(s.DraftVersion + 1, content));

        if (d.Kind == DecisionKind.Ending)
        {
            if (d.EndingReason is not { } reason) return Input.Invalid(nameof(d.EndingReason));
            if (d.End is not { } lastDay) return Input.Invalid(nameof(d.End));
            if (d.Start is not null) return Input.Invalid(nameof(d.Start));
            if (d.EsyRemeasurementMonth is not null || d.UntilFurtherNotice) return Input.Invalid(nameof(d.EsyRemeasurementMonth));
            // Not before the service began (or the grant was signed), and before the end the grant decided.
            var earliest = s.ServiceStartedOn ?? grant.SignedOn;
            if (lastDay < earliest || (g.End is { } decidedEnd && lastDay >= decidedEnd))
                return Outcome.Reject(RejectionCode.DateOutOfOrder, nameof(d.End));
            return Drafted(draft with { End = lastDay, EndingReason = reason, Form = g.Form, Content = g.Content, Extent = g.Extent, Provider = g.Provider, ProviderKind = g.ProviderKind });
        }

        var granted = draft with
        {
            Form = d.Form ?? g.Form,
            Content = Trimmed(d.Content) ?? g.Content,
            Extent = Trimmed(d.Extent) ?? g.Extent,
            Provider = Trimmed(d.Provider) ?? g.Provider,
            ProviderKind = d.ProviderKind ?? g.ProviderKind,
        };
        DateOnly from;
        if (d.Kind == DecisionKind.Continuation)
        {
            if (g.End is not { } oldEnd) return Outcome.Reject(RejectionCode.InvalidState, "UntilFurtherNotice");
            from = d.Start ?? oldEnd.AddDays(1);
            if (d.End is { } newEnd && newEnd <= oldEnd) return Outcome.Reject(RejectionCode.DateOutOfOrder, nameof(d.End));
        }
        else if (d.Start is not { } effective) return Input.Invalid(nameof(d.Start));
        else from = effective;
        if (g.Start is { } grantedFrom && from < grantedFrom) return Outcome.Reject(RejectionCode.DateOutOfOrder, nameof(d.Start));

        if (d.UntilFurtherNotice)
        {
            if (!profile.AllowsUntilFurtherNotice || profile.Duration is not null)
                return Outcome.Reject(RejectionCode.UntilFurtherNoticeNotAllowed, profile.Id);
            if (d.End is not null) return Input.Invalid(nameof(d.End));
            if (d.EsyRemeasurementMonth is not null) return Input.Invalid(nameof(d.EsyRemeasurementMonth));
            return Drafted(granted with { Start = from, UntilFurtherNotice = true });
        }
        if ((d.End ?? (d.Kind == DecisionKind.Change ? g.End : null)) is not { } to) return Input.Invalid(nameof(d.End));
        if (to < from) return Outcome.Reject(RejectionCode.DateOutOfOrder, nameof(d.End));
        if (d.EsyRemeasurementMonth is not { } esyMonth) return Input.Invalid(nameof(d.EsyRemeasurementMonth));
        if (esyMonth is < EarliestEsyMonth or > LatestEsyMonth)
            return Outcome.Reject(RejectionCode.EsyMonthOutOfRange, $"{esyMonth}");
        return Drafted(granted with { Start = from, End = to, EsyRemeasurementMonth = esyMonth });
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The service and its legal basis: it must be in the catalogue and offered by the profile.</summary>
    public static (ServiceType Service, LegalBasis Basis)? Service(ProcessConfiguration configuration, ProcessProfile profile, string code) =>
        configuration.Catalogue.Find(code) is { } service && profile.ServiceTypes.Contains(code) &&
        configuration.Catalogue.Basis(service.LegalBasisCode) is { } basis
            ? (service, basis)
            : null;

    /// <summary>The end date is the last day of the service, so 1 February – 30 April lasts three months.</summary>
    public static bool Lasts(DateOnly start, DateOnly end, MonthRange months)
    {
        var dayAfter = end.AddDays(1);
        return start.AddMonths(months.Min) <= dayAfter && dayAfter <= start.AddMonths(months.Max);
    }

    private static Outcome? KindFollowsReview(DecisionContext c, DecisionKind kind)
    {
        if (c.State.ReviewBodyId.Length == 0) return null;
        var expected = c.State.Status == ReferralStatus.AwaitingGrantingDraft ? DecisionKind.Granting : DecisionKind.Refusing;
        return kind == expected ? null : Outcome.Reject(RejectionCode.DecisionKindMismatch, expected.ToString());
    }
}
