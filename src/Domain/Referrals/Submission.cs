using System.Collections.Immutable;
using Referrals.Domain.Common;

namespace Referrals.Domain.Referrals;

/// <summary>hakemus: a referring worker applies for a service. The worker's unit becomes the referral's
/// unit and the worker its case owner. Where the profile has a review body the referral queues for it;
/// where it has none (Espoo) the worker goes straight on to drafting.</summary>
internal static class Submission
{
    public static Outcome Decide(DecisionContext c, SubmitReferral s)
    {
        if (c.By.Role != Role.ReferringWorker) return Outcome.Reject(RejectionCode.NotPermitted, c.By.Role.ToString());
        var invalid = Input.Id(s.ProfileId, nameof(s.ProfileId))
            ?? Input.Id(s.ClientId, nameof(s.ClientId))
            ?? Input.Id(s.ServiceTypeCode, nameof(s.ServiceTypeCode))
            ?? Input.Text(s.AssessmentSummary, nameof(s.AssessmentSummary))
            ?? Input.Goals(s.Goals)
            ?? Input.Date(s.ClientBirthDate, nameof(s.ClientBirthDate))
            ?? Input.Date(s.RequestedStart, nameof(s.RequestedStart))
            ?? (s.HomeMunicipality is null ? null : Input.Id(s.HomeMunicipality, nameof(s.HomeMunicipality)))
            ?? (s.ClientBirthDate >= s.RequestedStart ? Input.Invalid(nameof(s.ClientBirthDate)) : null);
        if (invalid is not null) return invalid;

        var profile = c.Configuration.Profile(s.ProfileId);
        if (profile is null) return Outcome.Reject(RejectionCode.UnknownProfile, s.ProfileId);
        if (c.Configuration.Catalogue.Find(s.ServiceTypeCode) is null || !profile.ServiceTypes.Contains(s.ServiceTypeCode))
            return Outcome.Reject(RejectionCode.UnknownServiceType, s.ServiceTypeCode);
        if (profile.Ages is { } ages)
        {
            var age = AgeOn(s.ClientBirthDate, s.RequestedStart);
            if (age < ages.Min || age > ages.Max) return Outcome.Reject(RejectionCode.AgeOutOfRange, $"{age}");
        }
        string? baselineInstrument = null;
        if (s.EsyBaseline is not null)
        {
            if (Esy.Check(c.Configuration, profile, s.BaselineInstrumentId, s.EsyBaseline, nameof(s.EsyBaseline), out var instrument) is { } misfit)
                return misfit;
            baselineInstrument = instrument.Id;
        }
        else if (s.BaselineInstrumentId is not null) return Input.Invalid(nameof(s.BaselineInstrumentId));
        // The home municipality is one of the configured municipalities of the county that decides.
        if (s.HomeMunicipality is { } home && c.Configuration.MunicipalityOf(home)?.AuthorityId != profile.AuthorityId)
            return Outcome.Reject(RejectionCode.UnknownMunicipality, home);

        return c.Accept(new ReferralSubmitted(
            profile.Id, profile.ReviewBodyId ?? "", s.ClientId, s.ClientBirthDate, s.ServiceTypeCode,
            s.AssessmentSummary, s.Goals.ToImmutableList(), s.RequestedStart, s.EsyBaseline)
        {
            ConfigurationVersion = string.IsNullOrEmpty(c.Configuration.Version) ? null : c.Configuration.Version,
            HomeMunicipality = s.HomeMunicipality,
            BaselineInstrumentId = baselineInstrument,
        });
    }

    /// <summary>Age in whole years on a date (the birthday counts from the day itself).</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }
}
