namespace Referrals.Domain.Profiles;

/// <summary>A local variant of the process (domain.md, "Local variants"), as data: who reviews, who
/// signs, the age and duration limits, and every deadline. ReviewBodyId is null where there is no
/// review body (Espoo); EscalationReviewBodyId is where a service team may pass a case (Steppi → the
/// steering group); Duration is the allowed length in months (Steppi 3–6), null if open.</summary>
public sealed record ProcessProfile(
    string Id,
    string Name,
    string? ReviewBodyId,
    string? EscalationReviewBodyId,
    SignerRule Signer,
    IReadOnlyList<string> ServiceTypes,
    AgeRange? Ages,
    MonthRange? Duration,
    Deadlines Deadlines)
{
    /// <summary>The authority (wellbeing services county) that decides under this profile: an id in
    /// <see cref="ProcessConfiguration.Authorities"/>.</summary>
    public string AuthorityId { get; init; } = "";

    /// <summary>Whether a granting decision may run "until further notice" (toistaiseksi) instead of to an end
    /// date (Espoo's open-ended group participation). The ESY re-measurement month is then agreed in the
    /// client plan, not in the decision.</summary>
    public bool AllowsUntilFurtherNotice { get; init; }

    /// <summary>Whether a granting decision must set the ESY re-measurement month (6–12). False where the service is
    /// shorter than the window (Steppi's 3–6 months): the month may then be left out, and no re-measurement is due.</summary>
    public bool EsyRemeasurementRequired { get; init; } = true;

    /// <summary>The ids of the instruments (<see cref="ProcessConfiguration.Instruments"/>) this profile measures with, the
    /// default first (a measurement that names no instrument is of the first). None listed: every configured instrument.</summary>
    public IReadOnlyList<string>? Instruments { get; init; }
    /// <summary>Whether the referral's clock watches the three months of SHL § 45 from the day the matter became pending
    /// (the application's submission) to the start of the service: a warning <see cref="Deadlines.ServiceStartLimitWarningDays"/>
    /// before the limit and an overdue reminder after it, both cleared by the start.</summary>
    public bool ServiceStartLimit { get; init; }
    /// <summary>The unit whose decision-maker signs under <see cref="SignerRule.NamedUnitDecisionMaker"/> (Espoo's
    /// social-rehabilitation team, whose group instructor decides for group participants); a unit of
    /// <see cref="ProcessConfiguration.Units"/>. Null under every other rule.</summary>
    public string? SignerUnitId { get; init; }

    /// <summary>Helsinki: the case owner writes the service into the client plan (asiakassuunnitelma, SHL § 39) instead of a
    /// separate § 17 decision (<see cref="Referrals.RecordServiceInClientPlan"/>). The decision path stays open: a service
    /// the client applies for calls for an appealable decision, which the case owner drafts instead. No review body.</summary>
    public bool ServicesInClientPlan { get; init; }

    /// <summary>Espoo: before the decision is drafted, the case owner and a counsellor (sosiaalisen kuntoutuksen ohjaaja) of this
    /// unit assess the service need together (<see cref="Referrals.RecordJointAssessment"/>); the first decision cannot be drafted
    /// before it is recorded. A unit of <see cref="ProcessConfiguration.Units"/>; null: the profile has no joint assessment step.</summary>
    public string? JointAssessmentUnitId { get; init; }

    /// <summary>The unit that signs a referral's decision: the named unit under <see cref="SignerRule.NamedUnitDecisionMaker"/>,
    /// otherwise the referring unit (<paramref name="referringUnit"/>).</summary>
    public string SigningUnit(string referringUnit) =>
        Signer == SignerRule.NamedUnitDecisionMaker && !string.IsNullOrEmpty(SignerUnitId) ? SignerUnitId : referringUnit;
}

/// <summary>Who signs the decision (päätöksentekijä), and on whose delegation the decision names. Who holds the
/// title is the county's grant, not the title claim: the <c>Signer:{unit}</c> grant is given to the person the rule
/// names in that unit (README, "Who signs"). Stored by name: never rename.</summary>
public enum SignerRule
{
    /// <summary>johtava sosiaalityöntekijä of the referring unit (Vantaa, Steppi, Satakunta): a Signer of the referral's unit.</summary>
    LeadSocialWorkerOfReferringUnit,
    /// <summary>ryhmänjohtaja of the referring unit: a Signer of the referral's unit.</summary>
    GroupLeaderOfReferringUnit,
    /// <summary>The decision-maker of the unit the profile names (<see cref="ProcessProfile.SignerUnitId"/>), who need not
    /// belong to the referring unit (Espoo: the group's instructor in the social-rehabilitation team): a Signer of that unit.</summary>
    NamedUnitDecisionMaker,
    /// <summary>The case owner (vastuutyöntekijä, SHL § 42) decides their own client's matter: only the referral's current
    /// case owner, and only while they hold the Signer grant of the referral's unit (the delegation).</summary>
    CaseOwner,
}

public sealed record AgeRange(int Min, int Max);

public sealed record MonthRange(int Min, int Max);

/// <summary>Deadlines of a profile. Working days skip weekends and Finnish public holidays. The legal periods
/// of notification and review are not here: the law sets them (<see cref="Decisions.NotificationLaw"/>).</summary>
public sealed record Deadlines(
    int ReviewWorkingDays,
    int InformationWorkingDays,
    int DraftingWorkingDays,
    int SignatureReminderWorkingDays,
    int SignatureEscalationWorkingDays,
    int ClientPlanDueSoonDays,
    int InterimEvaluationIntervalMonths,
    int ServiceEndApproachingDays,
    int NotificationWorkingDays = 3,
    int ReminderHour = 9)
{
    /// <summary>How often the service provider reports to the case owner while the service runs, in months from the start
    /// or the last report; 0: the profile sets no provider-report timer.</summary>
    public int ProviderReportIntervalMonths { get; init; }

    /// <summary>How many days before the SHL § 45 limit the case owner is warned (where the profile watches it); 0: no warning.</summary>
    public int ServiceStartLimitWarningDays { get; init; }
}
