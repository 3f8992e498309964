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
            ?? c.NotSigned()
            ?? c.NotEnded()
            ?? c.InStatus(ReferralStatus.AwaitingGrantingDraft, ReferralStatus.AwaitingRefusingDraft)
            ?? KindFollowsReview(c, d.Kind);
        if (refused is not null) return refused;
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
            };

        if (d.Kind == DecisionKind.Refusing)
            return c.Accept(new DecisionDrafted(c.State.DraftVersion + 1, Drafted(null, null, null) with { RedirectedTo = c.State.RedirectedTo }));

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
