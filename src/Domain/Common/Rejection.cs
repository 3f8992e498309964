namespace Referrals.Domain.Common;

/// <summary>Why a command was not accepted. A value, never an exception: every command in every state
/// is either accepted (events) or rejected with one of these.</summary>
public sealed record Rejection(RejectionCode Code, string? Detail = null)
{
    /// <summary>The message a social worker understands, in the language asked for (fi, sv, en).</summary>
    public string Message(string language = "fi") => Texts.Rejection(Code, language);
}

/// <summary>Typed reasons. The names are stable: they form the `type` of problem details.</summary>
public enum RejectionCode
{
    /// <summary>The referral does not exist yet (any command but submit).</summary>
    NotSubmitted,
    /// <summary>A referral with this id already exists.</summary>
    AlreadySubmitted,
    /// <summary>The command does not fit the referral's current step.</summary>
    InvalidState,
    /// <summary>The actor's role or unit may not do this for this referral.</summary>
    NotPermitted,
    /// <summary>A field is missing or out of range; Detail names it.</summary>
    InvalidInput,
    /// <summary>The profile id is unknown.</summary>
    UnknownProfile,
    /// <summary>The service type is not in the catalogue or not offered by the profile.</summary>
    UnknownServiceType,
    /// <summary>The client's age is outside the profile's range (e.g. Steppi 18–64).</summary>
    AgeOutOfRange,
    /// <summary>The duration is outside the profile's range (e.g. Steppi 3–6 months).</summary>
    DurationOutOfRange,
    /// <summary>The ESY re-measurement month must be 6–12.</summary>
    EsyMonthOutOfRange,
    /// <summary>The draft version named is not the current draft.</summary>
    DraftVersionMismatch,
    /// <summary>The decision is signed and can no longer change.</summary>
    DecisionAlreadySigned,
    /// <summary>The referral has ended (closed, withdrawn, redirected, refused and final).</summary>
    ReferralEnded,
    /// <summary>A date is before the event it follows (e.g. plan before service start).</summary>
    DateOutOfOrder,
    /// <summary>The ESY scores do not fit the instrument.</summary>
    InvalidEsyScores,
    /// <summary>The draft's kind does not follow the review (granting after approval, refusing after refusal).</summary>
    DecisionKindMismatch,
    /// <summary>The profile has no escalation body to pass the case to (or it is already there).</summary>
    TransferNotAvailable,
    /// <summary>Something that has happened cannot be dated in the future.</summary>
    DateInFuture,
    /// <summary>A field holds what looks like a personal identity code, which never enters the process.</summary>
    PersonalIdentityCodeNotAllowed,
    /// <summary>The sending of the decision to the client is already recorded.</summary>
    NotificationAlreadyRecorded,
    /// <summary>The decision is final: the review period has passed; a request for review can no longer be recorded.</summary>
    DecisionFinal,
    /// <summary>A request for review of this decision is already recorded.</summary>
    RequestForReviewAlreadyRecorded,
    /// <summary>There is no request for review waiting for the review body's decision.</summary>
    NoOpenRequestForReview,
    /// <summary>The profile does not allow a service granted until further notice: an end date is needed.</summary>
    UntilFurtherNoticeNotAllowed,
    /// <summary>The home municipality is not one of the municipalities of the county that decides.</summary>
    UnknownMunicipality,
    /// <summary>The instrument is not configured or not one the referral's profile uses.</summary>
    UnknownInstrument,
    /// <summary>An area of the instrument has no score (Detail: the area's code).</summary>
    InstrumentAreaMissing,
    /// <summary>A score names an area the instrument does not have (Detail: the code given, where it is a plain code).</summary>
    InstrumentAreaUnknown,
    /// <summary>A score is outside the instrument's scale (Detail: the area's code).</summary>
    InstrumentScoreOutOfRange,
    /// <summary>The provider unit named at the service start is not a provider unit of the configuration.</summary>
    UnknownProviderUnit,
    /// <summary>The signer holds the Signer grant but is not the decision-maker the profile's signer rule names (another
    /// unit's leader, or under "the case owner decides" someone other than the case owner); Detail: rule@unit.</summary>
    NotTheDecisionMaker,
    /// <summary>Only the current case owner (or the unit's signer) hands the referral over to another case owner.</summary>
    NotTheCaseOwner,
    /// <summary>The profile decides services by decision: writing the service into the client plan instead is not its path.</summary>
    ClientPlanPathNotAvailable,
    /// <summary>The profile has no joint assessment step (Espoo's case owner and counsellor).</summary>
    JointAssessmentNotAvailable,
    /// <summary>The profile assesses the service need jointly before drafting, and the joint assessment is not recorded yet.</summary>
    JointAssessmentMissing,
}
