using System.Collections.Immutable;
using System.Globalization;
using Azure.Data.Tables;
using Referrals.Domain;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Commands;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Reports;

/// <summary>A referral's generated stream and where it stands.</summary>
internal sealed record SeededReferral(string Id, IReadOnlyList<(int Version, ReferralEvent Event)> Events, ReferralState State);

/// <summary>Generated referrals for the reports' benchmark and tests: every step is a command through the real
/// decider (rejections end the referral's story there), over <c>years</c> across <c>units</c> referring units
/// (<c>unit-01</c>…; the first two thirds Vantaa's steering group or Steppi team, the rest Espoo), with some
/// clients returning. Deterministic for a seed. No storage: <see cref="WriteAsync"/> stores the streams.</summary>
internal static class SeededReferrals
{
    public static string UnitName(int i) => "unit-" + (i + 1).ToString("D2", CultureInfo.InvariantCulture);

    public static string MunicipalityOf(int unit, int units) => unit < units * 2 / 3 ? (unit % 2 == 0 ? "Vantaa" : "Kerava") : "Espoo";

    public static IReadOnlyList<SeededReferral> Generate(ProcessConfiguration configuration, int count, DateOnly from, int years, int units,
        DateTimeOffset now, int seed = 11)
    {
        var decider = new ReferralDecider(configuration);
        var random = new Random(seed);
        var days = new DateOnly(from.Year + years, from.Month, from.Day).DayNumber - from.DayNumber;
        var clients = Math.Max(1, (int)(count * 0.85));
        // Every shipped profile measures with the ESY example first (its default instrument), on its 1–10 scale.
        var areas = configuration.Instrument(Domain.Esy.EsyInstrument.EarlierEsyId)!.Areas.Select(a => a.Code).ToList();
        var result = new List<SeededReferral>(count);
        for (var i = 0; i < count; i++)
        {
            var unitIndex = random.Next(units);
            var unit = UnitName(unitIndex);
            var vantaa = unitIndex < units * 2 / 3;
            var profile = configuration.Profile(vantaa ? (random.NextDouble() < 0.7 ? "vantaa-steering-group" : "vantaa-steppi") : "espoo")!;
            var submitted = FinnishCalendar.NextWorkingDayOnOrAfter(DateOnly.FromDayNumber(from.DayNumber + random.Next(days)));
            var age = profile.Ages is { } range ? random.Next(range.Min, range.Max + 1) : random.Next(18, 80);
            var birth = submitted.AddYears(-age).AddDays(-random.Next(1, 360));
            var baseline = EsyScores.Of(areas.Select(a => KeyValuePair.Create(a, random.Next(2, 8))));
            var id = "seed-" + seed.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString("D7", CultureInfo.InvariantCulture);
            var story = new Story(decider, id, unit, profile, random, now);
            story.Run(new SubmitReferral(profile.Id, "client-" + random.Next(clients).ToString(CultureInfo.InvariantCulture), birth,
                profile.ServiceTypes[random.Next(profile.ServiceTypes.Count)], "Arvio.", ImmutableList.Create("Tavoite"), submitted.AddDays(30), baseline) { By = Nobody }, submitted);
            story.Live(submitted, baseline, areas);
            result.Add(new SeededReferral(id, story.Events, story.State));
        }
        return result;
    }

    /// <summary>Stores the streams as the command path would have: the event rows and the snapshot, one transaction per referral.</summary>
    public static async Task WriteAsync(StorageAccount storage, ReferralDecider process, IEnumerable<SeededReferral> referrals, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        await Parallel.ForEachAsync(referrals, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (r, ct) =>
        {
            var actions = r.Events.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ReferralRows.EventRow(r.Id, e.Version, e.Event)))
                .Append(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ReferralRows.SnapshotRow(r.State, process.Schedule(r.State))));
            await storage.Referrals.SubmitTransactionAsync(actions, ct);
        });
    }

    private static readonly Actor Nobody = Actor.System;

    private sealed class Story(ReferralDecider decider, string id, string unit, ProcessProfile profile, Random random, DateTimeOffset now)
    {
        public ReferralState State = ReferralState.Initial with { Id = id };
        public readonly List<(int, ReferralEvent)> Events = [];
        private bool stopped;

        private Actor Worker => new("worker-" + unit, Role.ReferringWorker, unit);

        /// <summary>Runs a command at 10:00 on a working day; false (and the story stops) when that is after now or the process says no.</summary>
        public bool Run(ReferralCommand command, DateOnly on)
        {
            if (stopped) return false;
            var at = FinnishCalendar.At(FinnishCalendar.NextWorkingDayOnOrAfter(on), 10);
            if (at > now) return !(stopped = true);
            var by = command switch
            {
                ReviewReferral => new Actor("member-" + State.ReviewBodyId, Role.ReviewBodyMember, State.ReviewBodyId),
                // The signer the profile names: Espoo's social-rehabilitation team signs for its groups.
                SignDecision => new Actor("leader-" + profile.SigningUnit(unit), Role.Signer, profile.SigningUnit(unit)),
                _ => Worker,
            };
            if (decider.Decide(State, command with { By = by }, at) is not Outcome.Accepted accepted) return !(stopped = true);
            foreach (var e in accepted.Events)
            {
                State = ReferralDecider.Evolve(State, e);
                Events.Add((State.Version, e));
            }
            return !stopped;
        }

        private DateOnly Later(DateOnly day, int min, int max) => FinnishCalendar.NextWorkingDayOnOrAfter(day.AddDays(random.Next(min, max + 1)));

        public void Live(DateOnly day, EsyScores baseline, IReadOnlyList<string> areas)
        {
            var kind = DecisionKind.Granting;
            if (profile.ReviewBodyId is not null)
            {
                day = Later(day, 2, 15);
                var roll = random.NextDouble();
                if (roll < 0.04) { Run(new WithdrawReferral("Asiakas perui.") { By = Nobody }, day); return; }
                if (roll < 0.14)
                {
                    Run(new ReviewReferral(ReviewOutcome.RequestInformation, "Lisätietoa.") { By = Nobody }, day);
                    day = Later(day, 2, 8);
                    Run(new SupplementInformation("Lisätiedot.") { By = Nobody }, day);
                    day = Later(day, 2, 10);
                }
                else if (roll < 0.19) { Run(new ReviewReferral(ReviewOutcome.Redirect, "Muu palvelu.", "another-service") { By = Nobody }, day); return; }
                else if (roll < 0.23 && profile.EscalationReviewBodyId is not null)
                {
                    Run(new ReviewReferral(ReviewOutcome.TransferToSteeringGroup, "Ohjausryhmälle.") { By = Nobody }, day);
                    day = Later(day, 2, 10);
                }
                kind = random.NextDouble() < 0.12 ? DecisionKind.Refusing : DecisionKind.Granting;
                if (!Run(new ReviewReferral(kind == DecisionKind.Granting ? ReviewOutcome.Approve : ReviewOutcome.Refuse, "Linjaus.") { By = Nobody }, day)) return;
            }
            day = Later(day, 1, 8);
            if (profile.JointAssessmentUnitId is { } counsellors)
            {
                if (!Run(new RecordJointAssessment(day, "counsellor-" + counsellors, "Yhteisarvio.") { By = Nobody }, day)) return;
                day = Later(day, 1, 5);
            }
            var start = Later(day, 10, 30);
            var months = profile.Duration is { } d ? random.Next(d.Min, d.Max + 1) : random.Next(6, 13);
            var end = start.AddMonths(months);
            var draft = kind == DecisionKind.Granting
                ? new DraftDecision(kind, "Perustelut.", start, end, Math.Min(6, months), "Sosiaalityöntekijä", "09 123 456") { By = Nobody }
                : new DraftDecision(kind, "Perustelut.", null, null, null, "Sosiaalityöntekijä", "09 123 456") { By = Nobody };
            if (!Run(draft, day)) return;
            day = Later(day, 1, 6);
            if (!Run(new SignDecision(State.DraftVersion) { By = Nobody }, day)) return;
            day = Later(day, 0, 2);
            if (!Run(new RecordNotification(Domain.Decisions.NotificationMethod.Letter, day) { By = Nobody }, day)) return;
            if (kind == DecisionKind.Refusing) return;
            if (!Run(new StartService(start, "Palveluntuottaja Oy") { By = Nobody }, start)) return;
            var plan = start.AddDays(random.Next(7, 45));
            if (!Run(new RecordClientPlan(plan) { By = Nobody }, plan)) return;
            var report = start.AddMonths(2);
            if (report < end && !Run(new RecordProviderReport(report, "Edistynyt.") { By = Nobody }, report)) return;
            var evaluation = start.AddMonths(3);
            if (evaluation < end && !Run(new RecordInterimEvaluation(evaluation, "Arviointi.") { By = Nobody }, evaluation)) return;
            var measured = start.AddMonths(Math.Min(6, months)).AddDays(random.Next(-5, 40));
            if (measured < end && random.NextDouble() < 0.8)
            {
                var scores = EsyScores.Of(areas.Select(a => KeyValuePair.Create(a, Math.Clamp(baseline.ByArea[a] + random.Next(-1, 4), 1, 10))));
                if (!Run(new RecordEsyMeasurement(measured, scores) { By = Nobody }, measured)) return;
            }
            var closed = random.NextDouble() < 0.15 ? end.AddDays(-random.Next(20, 60)) : end;
            Run(new CloseService(closed, "Yhteenveto.", true) { By = Nobody }, closed);
        }
    }
}
