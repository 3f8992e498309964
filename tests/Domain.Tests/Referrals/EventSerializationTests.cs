using System.Collections.Immutable;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Domain.Tests.Support;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>Events are stored as JSON with a "$type" discriminator that must never change.</summary>
public class EventSerializationTests
{
    private static readonly Actor By = Actors.Worker;
    private static readonly DateTimeOffset At = History.T0;

    public static TheoryData<string, ReferralEvent> Samples() => new()
    {
        { "submitted", History.Submitted() with { EsyBaseline = Commands.Scores(4), ConfigurationVersion = "2027.1", HomeMunicipality = "092", BaselineInstrumentId = "esy-example" } },
        { "approved", new ReferralApproved("r") },
        { "refused", new ReferralRefused("r") },
        { "information-requested", new InformationRequested("q", new DateOnly(2026, 2, 16)) },
        { "information-supplemented", new InformationSupplemented("t") },
        { "redirected", new ReferralRedirected("to", "r") },
        { "redirected-for-refusal", new ReferralRedirectedForRefusal("to", "r") },
        { "transferred", new ReferralTransferred(Process.SteeringGroup, "r") { ToProfileId = Process.SteeringGroup } },
        { "withdrawn", new ReferralWithdrawn("r") },
        { "decision-drafted", new DecisionDrafted(2, History.GrantingDraft) },
        { "decision-signed", new DecisionSigned(2, new string('a', 64), new DateOnly(2026, 2, 6)) },
        { "decision-notified", new DecisionNotified(global::Referrals.Domain.Decisions.NotificationMethod.Letter, new DateOnly(2026, 2, 6), new DateOnly(2026, 2, 13), new DateOnly(2026, 3, 16)) },
        { "request-for-review-received", new RequestForReviewReceived(new DateOnly(2026, 3, 1), RequestForReviewBy.Representative, InTime: true) },
        { "request-for-review-decided", new RequestForReviewDecided(RequestForReviewOutcome.Upheld, new DateOnly(2026, 3, 20), "r") },
        { "decision-returned", new DecisionReturned(2, "c") },
        { "decision-final", new DecisionBecameFinal(new DateOnly(2026, 3, 17)) },
        { "service-started", new ServiceStarted(new DateOnly(2026, 3, 2), "Oy") { ProviderUnit = Actors.ProviderUnit, ProviderKind = ProviderKind.Purchased } },
        { "client-plan-recorded", new ClientPlanRecorded(new DateOnly(2026, 3, 20)) },
        { "interim-evaluation-recorded", new InterimEvaluationRecorded(new DateOnly(2026, 6, 1), "n") },
        { "provider-report-recorded", new ProviderReportRecorded(new DateOnly(2026, 6, 1), "s") },
        { "esy-measured", new EsyMeasured(new DateOnly(2026, 9, 2), Commands.Scores(7)) { InstrumentId = "functioning-example" } },
        { "service-closed", new ServiceClosed(new DateOnly(2026, 12, 31), "s", true) },
        { "reminder-raised", new ReminderRaised(TimerKind.ClientPlanDue, History.T0.AddDays(30)) },
        { "client-record-corrected", new ClientRecordCorrected(["address", "fullName"]) },
        { "rehabilitation-plan-recorded", new RehabilitationPlanRecorded(new DateOnly(2026, 3, 20), "p") },
        { "attachment-added", new AttachmentAdded("a-1", "application/pdf", 1234, new string('b', 64)) },
        { "case-owner-changed", new CaseOwnerChanged("worker-1", "worker-3", "r") },
        { "joint-assessment-recorded", new JointAssessmentRecorded(new DateOnly(2026, 2, 3), "counsellor-1", "s") },
        { "service-recorded-in-client-plan", new ServiceRecordedInClientPlan(new DateOnly(2026, 3, 2), "sr-group-activity", new DateOnly(2026, 3, 9), null, 6, "c") },
    };

    [Fact]
    public void A_signing_event_stored_with_the_notification_day_once_assumed_still_reads_and_counts_from_it()
    {
        // Streams written before the sending was recorded carry the day then assumed (signing + 7).
        var legacy = """{"$type":"decision-signed","DraftVersion":1,"DocumentSha256":"h","SignedOn":"2026-02-06","NotifiedOn":"2026-02-13"}""";
        var signed = Assert.IsType<DecisionSigned>(JsonSerializer.Deserialize<ReferralEvent>(legacy));
        Assert.Equal(new DateOnly(2026, 2, 13), signed.NotifiedOn);
        var state = ReferralDecider.Replay("r", [.. History.AwaitingSignature, signed with { At = History.Day(4), By = Actors.Signer }]);
        Assert.Equal(new DateOnly(2026, 3, 17), ReferralSchedule.FinalOn(state));
        // A new signing stores no assumed day at all.
        Assert.DoesNotContain("NotifiedOn", JsonSerializer.Serialize<ReferralEvent>(new DecisionSigned(1, "h", new DateOnly(2026, 2, 6))), StringComparison.Ordinal);
    }

    /// <summary>Later decisions name the decision they are about, the ending decision its reason, a changed outcome
    /// that a new version follows; events from before carry none of it and read as they were written.</summary>
    [Fact]
    public void The_fields_of_later_decisions_round_trip_and_are_absent_from_events_written_before_them()
    {
        ReferralEvent[] written =
        [
            new DecisionNotified(global::Referrals.Domain.Decisions.NotificationMethod.Letter, new DateOnly(2026, 2, 6), new DateOnly(2026, 2, 13), new DateOnly(2026, 3, 16)) { DecisionNumber = 1 },
            new RequestForReviewDecided(RequestForReviewOutcome.Changed, new DateOnly(2026, 3, 20), "r") { DecisionNumber = 2, NewVersionFollows = true },
            new DecisionBecameFinal(new DateOnly(2026, 3, 17)) { DecisionNumber = 1 },
            new ServiceClosed(new DateOnly(2026, 6, 30), "s", false) { EndedByDecision = 2, EndingReason = EndingReason.NotTakingPart },
            new DecisionDrafted(3, History.GrantingDraft with { Kind = DecisionKind.Ending, EndingReason = EndingReason.ClientWish, Changes = 2 }),
        ];
        foreach (var @event in written)
        {
            var json = JsonSerializer.Serialize(@event);
            Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ReferralEvent>(json)));
        }
        Assert.Contains("\"DecisionNumber\":1", JsonSerializer.Serialize(written[0]), StringComparison.Ordinal);

        var before = """{"$type":"request-for-review-decided","Outcome":1,"DecidedOn":"2026-03-20","Reasons":"r"}""";
        var decided = Assert.IsType<RequestForReviewDecided>(JsonSerializer.Deserialize<ReferralEvent>(before));
        Assert.Equal((null, false), (decided.DecisionNumber, decided.NewVersionFollows));
        foreach (var sample in Samples().Select(row => (ReferralEvent)row[1]))
        {
            var json = JsonSerializer.Serialize(sample);
            foreach (var field in new[] { "DecisionNumber", "NewVersionFollows", "EndedByDecision", "EndingReason", "Changes" })
                Assert.DoesNotContain($"\"{field}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_event_type_has_a_sample()
    {
        var types = typeof(ReferralEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ReferralEvent)) && !t.IsAbstract);
        Assert.Equal(types.Select(t => t.Name).Order(), Samples().Select(row => row[1].GetType().Name).Order());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Events_round_trip_through_System_Text_Json_with_their_discriminator(string discriminator, ReferralEvent sample)
    {
        var @event = sample with { At = At, By = By };
        var json = JsonSerializer.Serialize(@event);
        using (var document = JsonDocument.Parse(json))
            Assert.Equal(discriminator, document.RootElement.GetProperty("$type").GetString());

        var back = JsonSerializer.Deserialize<ReferralEvent>(json)!;
        Assert.IsType(sample.GetType(), back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal((At, By), (back.At, back.By));
    }

    [Fact]
    public void A_stream_read_back_replays_to_the_same_state()
    {
        var json = JsonSerializer.Serialize(History.Closed.ToArray());
        var back = JsonSerializer.Deserialize<ReferralEvent[]>(json)!;
        Assert.Equal(Json.Of(ReferralDecider.Replay("r", History.Closed)), Json.Of(ReferralDecider.Replay("r", back)));
    }

    [Fact]
    public void Scores_keep_their_values_and_compare_by_content()
    {
        var measured = new EsyMeasured(new DateOnly(2026, 9, 2), EsyScores.Of([KeyValuePair.Create("b", 2), KeyValuePair.Create("a", 9)]));
        var back = (EsyMeasured)JsonSerializer.Deserialize<ReferralEvent>(JsonSerializer.Serialize<ReferralEvent>(measured))!;
        Assert.Equal(measured.Scores, back.Scores);
        Assert.Equal(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, measured.Scores.ByArea), back.Scores.ByArea);
    }

    /// <summary>The snapshot row stores the state as JSON: it must read back to the same state, and a
    /// message in the outbox to the same message.</summary>
    [Fact]
    public void States_and_messages_round_trip_for_every_status()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            var state = ReferralDecider.Replay("r", History.To(status));
            state = state with { RemindersRaised = state.RemindersRaised.Add(new RaisedReminder(TimerKind.ReviewOverdue, History.T0)) };
            var back = JsonSerializer.Deserialize<ReferralState>(JsonSerializer.Serialize(state))!;
            Assert.Equal(Json.Of(state), Json.Of(back));
            Assert.Equal(state.HasEnded, back.HasEnded);
            Assert.Equal(Json.Of(Process.Decider.Schedule(state).Select(t => (ReferralEvent)new ReminderRaised(t.Kind, t.DueAt))),
                Json.Of(Process.Decider.Schedule(back).Select(t => (ReferralEvent)new ReminderRaised(t.Kind, t.DueAt))));
            foreach (var message in Process.Decider.Notify(state, History.To(status)))
                Assert.Equal(message, JsonSerializer.Deserialize<OutgoingMessage>(JsonSerializer.Serialize(message)));
        }
    }
}
