using Referrals.Domain.Common;
using Referrals.Domain.Scheduling;

namespace Referrals.Domain.Referrals;

/// <summary>Everything that can move a referral: a person's action or a timer that came due.</summary>
public abstract record ReferralCommand
{
    public required Actor By { get; init; }
}

/// <summary>hakemus: the case owner applies for a service for a client. The client is an opaque id;
/// the birth date (derived at the edge from the personal identity code, which never enters the
/// process) is needed for the profile's age range.</summary>
public sealed record SubmitReferral(
    string ProfileId,
    string ClientId,
    DateOnly ClientBirthDate,
    string ServiceTypeCode,
    string AssessmentSummary,
    IReadOnlyList<string> Goals,
    DateOnly RequestedStart,
    EsyScores? EsyBaseline = null) : ReferralCommand
{
    /// <summary>The client's home municipality (kotikunta), its Statistics Finland code: one of the configured municipalities
    /// of the profile's authority. Optional.</summary>
    public string? HomeMunicipality { get; init; }

    /// <summary>The instrument the baseline (<see cref="EsyBaseline"/>) was measured with, one the profile uses; none: the
    /// profile's first.</summary>
    public string? BaselineInstrumentId { get; init; }
}

public enum ReviewOutcome
{
    /// <summary>myönteinen linjaus</summary>
    Approve,
    /// <summary>kielteinen linjaus</summary>
    Refuse,
    /// <summary>lisäselvityspyyntö</summary>
    RequestInformation,
    /// <summary>ohjaus toiseen palveluun: the requested service is not given, so a refusing decision with
    /// guidance to the other service follows, unless the worker records that the client withdrew.</summary>
    Redirect,
    /// <summary>A service team (Steppi) passes the case to the profile's escalation body.</summary>
    TransferToSteeringGroup,
}

/// <summary>linjaus: the review body's line on the application.</summary>
public sealed record ReviewReferral(ReviewOutcome Outcome, string Reasons, string? RedirectTo = null) : ReferralCommand;

/// <summary>The worker answers a request for more information; the referral is reviewed again.</summary>
public sealed record SupplementInformation(string Text) : ReferralCommand;

/// <summary>The worker withdraws the referral before a decision is signed.</summary>
public sealed record WithdrawReferral(string Reason) : ReferralCommand;

/// <summary>What a decision decides. Stored by name: never rename. Granting and Refusing answer the
/// application; Ending, Continuation and Change are later decisions on a granted service.</summary>
public enum DecisionKind
{
    Granting,
    Refusing,
    /// <summary>lopettamispäätös: a granted service ends before its decided end.</summary>
    Ending,
    /// <summary>jatkopäätös: a running service goes on past its decided end.</summary>
    Continuation,
    /// <summary>muutospäätös: what a running service consists of, or how much, changes.</summary>
    Change,
}

/// <summary>Why a granted service ends early (the ending decision's reason; its reasons say more).
/// Stored by name: never rename.</summary>
public enum EndingReason
{
    /// <summary>asiakkaan toive</summary>
    ClientWish,
    /// <summary>tavoitteet saavutettu</summary>
    GoalsMet,
    /// <summary>asiakas ei osallistu</summary>
    NotTakingPart,
    /// <summary>palvelu ei alkanut</summary>
    NeverStarted,
}

/// <summary>päätöksen valmistelu: a new draft version. Kind follows the review (granting after
/// approval, refusing after refusal); where the profile has no review body the worker chooses. On a
/// granted service the worker drafts an ending, continuation or change decision; after the review body
/// changed a decision on review, the new version of that decision.</summary>
public sealed record DraftDecision(
    DecisionKind Kind,
    string Reasons,
    DateOnly? Start,
    DateOnly? End,
    int? EsyRemeasurementMonth,
    string ContactPerson,
    string ContactDetails,
    string? GrantedServiceTypeCode = null) : ReferralCommand
{
    /// <summary>The preparer's name and title from their sign-in (the token's name and title claims); the
    /// decision shows them, never the user id.</summary>
    public string? PreparerName { get; init; }

    public string? PreparerTitle { get; init; }

    /// <summary>Exactly what is granted (HL § 44): how, what, how much and by whom. Optional; printed when given.</summary>
    public ServiceForm? Form { get; init; }

    public string? Content { get; init; }

    public string? Extent { get; init; }

    public string? Provider { get; init; }

    public ProviderKind? ProviderKind { get; init; }

    /// <summary>Granted until further notice (toistaiseksi), where the profile allows: then no end date and no
    /// ESY month (it is agreed in the client plan).</summary>
    public bool UntilFurtherNotice { get; init; }

    /// <summary>Why the service ends (an ending decision only; its <c>End</c> is the day the service ends).</summary>
    public EndingReason? EndingReason { get; init; }
}

/// <summary>The signer signs the named draft version. The document is rendered from the draft and its
/// SHA-256 becomes part of the signing event. The signer's name and title (from their sign-in) go on
/// the decision and into the event beside their object id (<c>By.UserId</c>).</summary>
public sealed record SignDecision(int DraftVersion) : ReferralCommand
{
    public string? SignerName { get; init; }

    public string? SignerTitle { get; init; }

    /// <summary>The client as a party, from the protected client record, so that the document whose hash is
    /// signed names them (HL § 44). Only rendered, never stored in the event; null where no record exists.</summary>
    public Decisions.DecisionClient? Client { get; init; }
}

/// <summary>The signer returns the draft to the worker with a comment.</summary>
public sealed record ReturnDecision(int DraftVersion, string Comment) : ReferralCommand;

public sealed record StartService(DateOnly StartedOn, string? Provider = null) : ReferralCommand
{
    /// <summary>The provider unit the service is assigned to (a provider unit of the configuration). Optional.</summary>
    public string? ProviderUnit { get; init; }

    /// <summary>Own or purchased; defaults to the provider unit's kind, and must agree with it when both are given.</summary>
    public ProviderKind? ProviderKind { get; init; }
}

/// <summary>asiakassuunnitelma (SHL § 39) agreed with the client.</summary>
public sealed record RecordClientPlan(DateOnly AgreedOn) : ReferralCommand
{
    /// <summary>The ESY re-measurement month (6–12 after the start) agreed in the plan: required when the
    /// decision granted the service until further notice, refused when the decision already set it.</summary>
    public int? EsyRemeasurementMonth { get; init; }
}

/// <summary>välitapaaminen / väliarvio.</summary>
public sealed record RecordInterimEvaluation(DateOnly HeldOn, string Notes) : ReferralCommand;

/// <summary>palveluntuottajan raportti: recorded by the case owner, or by the provider unit the service is assigned to.</summary>
public sealed record RecordProviderReport(DateOnly ReceivedOn, string Summary) : ReferralCommand;

/// <summary>kuntoutussuunnitelma: the provider unit records its rehabilitation plan, agreed with the client and the case owner.</summary>
public sealed record RecordRehabilitationPlan(DateOnly AgreedOn, string Summary) : ReferralCommand;

/// <summary>A measurement with a self-assessment instrument (ESY's re-measurement, or another instrument the profile uses).</summary>
public sealed record RecordEsyMeasurement(DateOnly MeasuredOn, EsyScores Scores) : ReferralCommand
{
    /// <summary>The instrument measured with, one the profile uses; none: the profile's first.</summary>
    public string? InstrumentId { get; init; }
}

/// <summary>liite: a document stored for the referral (the bytes are in Blob Storage). The event says
/// which, who, when and its SHA-256; never the file name, which may name the client.</summary>
public sealed record RecordAttachment(string AttachmentId, string ContentType, long Length, string Sha256Hex) : ReferralCommand;

/// <summary>yhteenveto: the service ends.</summary>
public sealed record CloseService(DateOnly EndedOn, string Summary, bool FeedbackCollected) : ReferralCommand;

/// <summary>tiedoksianto: how and when the signed decision was sent to the client. The deemed day of
/// notification and the end of the review period follow by law (<see cref="Decisions.NotificationLaw"/>).</summary>
public sealed record RecordNotification(Decisions.NotificationMethod Method, DateOnly SentOn) : ReferralCommand
{
    /// <summary>Which signed decision (1, 2, … in signing order); null: the latest.</summary>
    public int? DecisionNumber { get; init; }
}

/// <summary>A correction of the client's details (name, language, address, e-mail, consent, interpreter)
/// in the protected client record. The command and its event carry the names of the fields that changed,
/// never their values: the values live only in the encrypted client record.</summary>
public sealed record CorrectClientRecord(IReadOnlyList<string> Fields) : ReferralCommand;

public enum RequestForReviewBy
{
    Client,
    /// <summary>A representative or guardian on the client's behalf.</summary>
    Representative,
}

/// <summary>oikaisuvaatimus: a request for review of the decision arrived (the arrival date counts).</summary>
public sealed record RecordRequestForReview(DateOnly ReceivedOn, RequestForReviewBy Requester) : ReferralCommand
{
    /// <summary>Which signed decision is asked to be reviewed; null: the latest.</summary>
    public int? DecisionNumber { get; init; }
}

public enum RequestForReviewOutcome
{
    /// <summary>The decision stands.</summary>
    Upheld,
    /// <summary>The decision is changed: the changed decision is a new decision version, drafted, signed and
    /// notified like any decision, with its own review instructions.</summary>
    Changed,
    /// <summary>The decision is annulled.</summary>
    Annulled,
    /// <summary>Not examined (e.g. the request arrived after the review period).</summary>
    Dismissed,
}

/// <summary>The review body's decision on the request for review.</summary>
public sealed record RecordRequestForReviewDecision(RequestForReviewOutcome Outcome, DateOnly DecidedOn, string Reasons) : ReferralCommand
{
    /// <summary>Which signed decision the request was about; null: the latest.</summary>
    public int? DecisionNumber { get; init; }
}

/// <summary>A derived timer came due. Ignored (accepted with no events) when the state has moved on.</summary>
/// <summary>yhteisarvio (Espoo): the case owner records the service need assessed together with the counsellor
/// <paramref name="CounsellorId"/> (a user id of the profile's <see cref="Profiles.ProcessProfile.JointAssessmentUnitId"/>)
/// on <paramref name="AssessedOn"/>, and what they concluded. Before the first decision is drafted.</summary>
public sealed record RecordJointAssessment(DateOnly AssessedOn, string CounsellorId, string Summary) : ReferralCommand;

public sealed record TimerElapsed(TimerKind Kind, DateTimeOffset DueAt) : ReferralCommand;

/// <summary>vastuutyöntekijän vaihto (SHL § 42): the referral's case owner changes to <paramref name="NewOwner"/> (a user id of a
/// worker of the referral's unit), for <paramref name="Reason"/>. By the unit's signer or the current case owner.</summary>
public sealed record ChangeCaseOwner(string NewOwner, string Reason) : ReferralCommand;

/// <summary>Helsinki: the service written into the client plan (SHL § 39) instead of a separate § 17 decision, where the
/// profile has <see cref="Profiles.ProcessProfile.ServicesInClientPlan"/>: the plan's date, the service (default: the one
/// applied for), its start and end (none: until the plan says otherwise), the ESY month agreed, and what the plan says of it.</summary>
public sealed record RecordServiceInClientPlan(
    DateOnly AgreedOn, DateOnly Start, DateOnly? End, string Content, string? ServiceTypeCode = null, int? EsyRemeasurementMonth = null) : ReferralCommand;
