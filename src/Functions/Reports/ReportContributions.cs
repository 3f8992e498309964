using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;

namespace Referrals.Functions.Reports;

/// <summary>The slice of the county a referral is counted in: its referring unit, profile and service type.
/// Authority, municipality and legal basis follow from these by configuration, so they are not stored.</summary>
internal sealed record ReportCell(string Unit, string ProfileId, string ServiceTypeCode);

/// <summary>What one event adds to the reporting model: <paramref name="Value"/> to <paramref name="Counter"/>
/// on the day <paramref name="On"/>. Contributions are a pure function of the referral's stream, so redelivery
/// and rebuild compute the same ones; (version, counter) names each one once.</summary>
internal sealed record Contribution(int Version, DateOnly On, string Counter, long Value = 1);

/// <summary>A referral's whole contribution to the reports: its cell, the client's opaque id and submission
/// (to tell new clients from returning ones: never shown), and the counts its events add.</summary>
internal sealed record ReferralReportFacts(
    string ReferralId, int Version, ReportCell? Cell, string ClientId, DateTimeOffset SubmittedAt, IReadOnlyList<Contribution> Contributions);

/// <summary>Folds a referral's events into <see cref="Contribution"/>s. An event this fold does not know
/// (a kind added later) adds nothing; counting a new kind is one case in <see cref="Fold"/>.</summary>
internal static class ReportContributions
{
    /// <param name="risingIsBetter">Whether a higher score of an instrument (by id) is better; higher is better for an
    /// instrument it does not know.</param>
    public static ReferralReportFacts Fold(string referralId, IEnumerable<(int Version, ReferralEvent Event)> events, Func<string, bool>? risingIsBetter = null)
    {
        var f = new Folding();
        var version = 0;
        foreach (var (v, e) in events.OrderBy(x => x.Version))
        {
            version = v;
            f.Version = v;
            if (f.Cell is null && e is not ReferralSubmitted) continue;
            switch (e)
            {
                case ReferralSubmitted s:
                    f.Cell = new ReportCell(e.By.Unit, s.ProfileId, s.ServiceTypeCode);
                    f.ClientId = s.ClientId;
                    f.BirthDate = s.ClientBirthDate;
                    f.SubmittedAt = s.At;
                    if (s.EsyBaseline is { } atReferral) f.Baselines[s.BaselineInstrumentId ?? Domain.Esy.EsyInstrument.EarlierEsyId] = atReferral;
                    f.Add(Day(s.At), ReportCounters.Submitted);
                    break;
                case ReferralApproved: f.Line(e, "approved", toDrafting: true); break;
                case ReferralRefused: f.Line(e, "refused", toDrafting: true); break;
                case InformationRequested: f.Line(e, "information-requested", toDrafting: false); break;
                case ReferralRedirected: f.Line(e, "redirected", toDrafting: false); break;
                // Redirected since the redirect leads to a refusing decision: the line is the same, and the draft follows.
                case ReferralRedirectedForRefusal: f.Line(e, "redirected", toDrafting: true); break;
                case ReferralTransferred: f.Line(e, "transferred", toDrafting: false); break;
                case ReferralWithdrawn: f.Add(Day(e.At), ReportCounters.Withdrawn); break;
                case DecisionDrafted d:
                    if (f.DraftingSince is { } since && !f.DraftCounted)
                    {
                        f.Lead(ReportCounters.LineToDraft, since, Day(d.At));
                        f.DraftCounted = true;
                    }
                    f.Drafts[d.DraftVersion] = Day(d.At);
                    f.DraftsByVersion[d.DraftVersion] = d.Draft;
                    break;
                case DecisionSigned s:
                    // Every decision counts by its kind; the client's age and the lead times count at the first
                    // decision only (a later ending, continuation or change decision is the same client).
                    f.Add(s.SignedOn, ReportCounters.Signed(f.KindOf(s.DraftVersion)));
                    if (f.SignedOn is not null) break;
                    f.SignedOn = s.SignedOn;
                    if (f.Drafts.TryGetValue(s.DraftVersion, out var drafted)) f.Lead(ReportCounters.DraftToSignature, drafted, s.SignedOn);
                    f.Add(s.SignedOn, ReportCounters.AgeDecade(AgeOn(f.BirthDate, s.SignedOn)));
                    f.Add(s.SignedOn, ReportCounters.BirthDecade(f.BirthDate.Year));
                    break;
                case ServiceStarted st:
                    f.StartedOn = st.On;
                    f.Add(st.On, ReportCounters.Started);
                    f.Add(st.On, ReportCounters.RunningFrom);
                    if (f.SignedOn is { } signedOn) f.Lead(ReportCounters.SignatureToStart, signedOn, st.On);
                    break;
                case ClientPlanRecorded p:
                    f.PlanEsyMonth = p.EsyRemeasurementMonth ?? f.PlanEsyMonth;
                    if (f.StartedOn is not { } start || f.PlanCounted) break;
                    f.PlanCounted = true;
                    f.Lead(ReportCounters.StartToPlan, start, p.On);
                    f.Add(p.On, ReportCounters.Plans);
                    if (p.On <= FollowUpLimits.ClientPlanDue(start)) f.Add(p.On, ReportCounters.PlansInTime);
                    break;
                case EsyMeasured m:
                    if (f.StartedOn is { } from && m.On >= from && !f.RemeasureCounted)
                    {
                        f.RemeasureCounted = true;
                        f.Add(m.On, ReportCounters.Remeasurements);
                        // In the window the schedule times (no window without an agreed month: not in it).
                        if (f.EsyMonth is { } month && FollowUpLimits.EsyWindow(from, month) is var (opens, overdue) && m.On >= opens && m.On <= overdue)
                            f.Add(m.On, ReportCounters.RemeasurementsInWindow);
                    }
                    // Per instrument: its first score is the baseline where the referral had none, the last the latest.
                    if (!f.Baselines.ContainsKey(m.InstrumentId)) f.Baselines[m.InstrumentId] = m.Scores;
                    else f.Latests[m.InstrumentId] = m.Scores;
                    break;
                case ServiceClosed c:
                    // Closed by an ending decision: its reason; otherwise at, before or without the decided end.
                    f.Add(c.On, ReportCounters.Closed(c.EndingReason is { } ending ? ReportCounters.EndedBecause(ending) : ClosedReason(c.On, f.PlannedEnd)));
                    if (f.StartedOn is not null) f.Add(c.On, ReportCounters.RunningUntil);
                    foreach (var (instrument, latest) in f.Latests.OrderBy(l => l.Key, StringComparer.Ordinal))
                        if (f.Baselines.TryGetValue(instrument, out var baseline))
                            f.Change(c.On, instrument, baseline, latest, risingIsBetter?.Invoke(instrument) ?? true);
                    break;
                default:
                    break;
            }
        }
        return new ReferralReportFacts(referralId, version, f.Cell, f.ClientId, f.SubmittedAt, f.Contributions);
    }

    /// <summary>How a service ended: at or after the end its decision set, before it, or without a set end.</summary>
    private static string ClosedReason(DateOnly on, DateOnly? plannedEnd) =>
        plannedEnd is not { } end ? "open-ended" : on >= end ? "planned-end" : "early";

    private static DateOnly Day(DateTimeOffset at) => FinnishCalendar.DateIn(at);

    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on < birth.AddYears(age)) age--;
        return age;
    }

    private sealed class Folding
    {
        public int Version;
        public ReportCell? Cell;
        public string ClientId = "";
        public DateOnly BirthDate;
        public DateTimeOffset SubmittedAt;
        public bool LineCounted, DraftCounted, PlanCounted, RemeasureCounted;
        public DateOnly? DraftingSince, SignedOn, StartedOn;
        public readonly Dictionary<string, EsyScores> Baselines = new(StringComparer.Ordinal), Latests = new(StringComparer.Ordinal);
        public readonly Dictionary<int, DateOnly> Drafts = [];
        public readonly Dictionary<int, DecisionDraft> DraftsByVersion = [];
        public readonly List<Contribution> Contributions = [];
        private DecisionDraft? signedDraft;

        public DateOnly? PlannedEnd => signedDraft?.End;

        public int? PlanEsyMonth;

        /// <summary>The re-measurement month agreed: the decision's, or for a service until further notice the client plan's (as the schedule reads it).</summary>
        public int? EsyMonth => signedDraft?.EsyRemeasurementMonth ?? PlanEsyMonth;

        public void Add(DateOnly on, string counter, long value = 1) => Contributions.Add(new Contribution(Version, on, counter, value));

        public void Lead(string name, DateOnly from, DateOnly to) => Add(to, ReportCounters.LeadDays(name, Math.Max(0, to.DayNumber - from.DayNumber)));

        public void Line(Domain.Referrals.ReferralEvent e, string outcome, bool toDrafting)
        {
            var on = Day(e.At);
            Add(on, ReportCounters.Line(outcome));
            if (!LineCounted)
            {
                LineCounted = true;
                Lead(ReportCounters.SubmissionToLine, Day(SubmittedAt), on);
            }
            if (toDrafting)
            {
                DraftingSince = on;
                DraftCounted = false;
            }
        }

        /// <summary>The kind of the signed draft; a decision that grants (first, continuation, change) becomes the one whose end and ESY month count.</summary>
        public string KindOf(int draftVersion)
        {
            var draft = DraftsByVersion.GetValueOrDefault(draftVersion);
            if (draft?.Kind is DecisionKind.Granting or DecisionKind.Continuation or DecisionKind.Change) signedDraft = draft;
            return draft?.Kind.ToString() ?? "Unknown";
        }

        public void Change(DateOnly on, string instrument, EsyScores baseline, EsyScores latest, bool higherIsBetter)
        {
            foreach (var (area, before) in baseline.ByArea)
            {
                if (!latest.ByArea.TryGetValue(area, out var after)) continue;
                var change = after - before;
                Add(on, ReportCounters.Change(instrument, area, "n"));
                Add(on, ReportCounters.Change(instrument, area, "sum"), change);
                var direction = change == 0 ? "same" : (change > 0) == higherIsBetter ? "better" : "worse";
                Add(on, ReportCounters.Change(instrument, area, direction));
            }
        }
    }
}

/// <summary>The names of the counters in the model (stored: never rename one, add new ones).</summary>
internal static class ReportCounters
{
    public const string Submitted = "submitted";
    public const string Withdrawn = "withdrawn";
    public const string Started = "started";
    public const string Plans = "plans";
    public const string PlansInTime = "plans-in-time";
    public const string Remeasurements = "remeasurements";
    public const string RemeasurementsInWindow = "remeasurements-in-window";
    public const string ClientNew = "client.new";
    public const string ClientReturning = "client.returning";
    /// <summary>A service running from this month on / until this month: running at a month's end is the
    /// sum of the two up to it (kept per year as well, so that sum never reads every month).</summary>
    public const string RunningFrom = "run.from";
    public const string RunningUntil = "run.until";

    public const string SubmissionToLine = "submission-line";
    public const string LineToDraft = "line-draft";
    public const string DraftToSignature = "draft-signature";
    public const string SignatureToStart = "signature-start";
    public const string StartToPlan = "start-plan";

    public static readonly IReadOnlyList<string> LeadTimes = [SubmissionToLine, LineToDraft, DraftToSignature, SignatureToStart, StartToPlan];
    public static readonly IReadOnlyList<string> LineOutcomes = ["approved", "refused", "information-requested", "redirected", "transferred"];
    public static readonly IReadOnlyList<string> DecisionKinds = Enum.GetNames<DecisionKind>();
    public static readonly IReadOnlyList<string> ClosedReasons =
        ["planned-end", "early", "open-ended", .. Enum.GetValues<EndingReason>().Select(EndedBecause)];

    /// <summary>The closing reason of a service an ending decision ended.</summary>
    public static string EndedBecause(EndingReason reason) => "ended-" + reason;

    public static string Line(string outcome) => "line." + outcome;
    public static string Signed(string kind) => "signed." + kind;
    public static string Closed(string reason) => "closed." + reason;
    public static string AgeDecade(int age) => "age." + (Math.Max(0, age) / 10 * 10).ToString(CultureInfo.InvariantCulture);
    public static string BirthDecade(int year) => "birth." + (year / 10 * 10).ToString(CultureInfo.InvariantCulture);
    public static string LeadDays(string name, int days) => "lead." + name + "." + days.ToString(CultureInfo.InvariantCulture);
    public static string Esy(string area, string what) => "esy." + area + "." + what;

    /// <summary>The change counters of an instrument's area: the earlier ESY example keeps its <see cref="Esy"/> names (rows
    /// already stored), every other instrument counts under its id.</summary>
    public static string Change(string instrument, string area, string what) =>
        instrument == Domain.Esy.EsyInstrument.EarlierEsyId ? Esy(area, what) : "instrument." + instrument + "." + area + "." + what;

    /// <summary>Whether a counter also goes to the year's balance (see <see cref="RunningFrom"/>).</summary>
    public static bool IsBalance(string counter) => counter is RunningFrom or RunningUntil;
}
