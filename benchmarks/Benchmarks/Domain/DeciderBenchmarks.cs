using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Benchmarks.Domain;

/// <summary>The cost of the pure process per command: what every HTTP command and every timer pays on
/// top of storage. A referral with a running service (the most timers) is the worst case.
/// dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*DeciderBenchmarks*' --job short --inProcess
/// (measured on the shared 2-core machine: Decide ~1 µs, Schedule ~10 µs, replaying 16 events ~10 µs).</summary>
[MemoryDiagnoser]
public class DeciderBenchmarks
{
    private static readonly Actor Worker = new("worker-1", Role.ReferringWorker, "unit-1");
    private static readonly Actor Member = new("member-1", Role.ReviewBodyMember, "vantaa-steering-group");
    private static readonly Actor Signer = new("leader-1", Role.Signer, "unit-1");

    private readonly ReferralDecider decider = new(DefaultProcessConfiguration.Load());
    private ReferralState active = ReferralState.Initial;
    private List<ReferralEvent> stream = [];
    private DateTimeOffset now;

    [GlobalSetup]
    public void Setup()
    {
        var state = ReferralState.Initial with { Id = "bench" };
        var at = FinnishCalendar.At(new DateOnly(2026, 2, 2), 10);
        var start = new DateOnly(2026, 3, 2);
        ReferralCommand[] commands =
        [
            new SubmitReferral("vantaa-steering-group", "client-1", new DateOnly(1990, 5, 5), "sr-everyday-coaching", "summary",
                ImmutableList.Create("goal"), start) { By = Worker },
            new ReviewReferral(ReviewOutcome.Approve, "ok") { By = Member },
            new DraftDecision(DecisionKind.Granting, "reasons", start, new DateOnly(2027, 2, 28), 6, "contact", "09 123") { By = Worker },
            new SignDecision(1) { By = Signer },
        ];
        foreach (var command in commands)
        {
            state = Apply(state, command, at);
            at = at.AddDays(2);
        }
        at = FinnishCalendar.At(start, 10);
        state = Apply(state, new StartService(start) { By = Worker }, at);
        for (var month = 1; month <= 10; month++)
            state = Apply(state, new RecordProviderReport(start.AddMonths(month), "report") { By = Worker }, at = FinnishCalendar.At(start.AddMonths(month), 12));
        active = state;
        now = at.AddDays(1);
    }

    private ReferralState Apply(ReferralState state, ReferralCommand command, DateTimeOffset at)
    {
        var events = ((Outcome.Accepted)decider.Decide(state, command, at)).Events;
        stream.AddRange(events);
        return events.Aggregate(state, ReferralDecider.Evolve);
    }

    [Benchmark]
    public Outcome DecideRecordInterimEvaluation() =>
        decider.Decide(active, new RecordInterimEvaluation(new DateOnly(2026, 12, 1), "notes") { By = Worker }, now);

    [Benchmark]
    public Outcome DecideStaleTimer() =>
        decider.Decide(active, new TimerElapsed(Referrals.Domain.Scheduling.TimerKind.ReviewOverdue, now) { By = Actor.System }, now);

    [Benchmark]
    public int Schedule() => decider.Schedule(active).Count;

    [Benchmark]
    public ReferralState ReplayStream() => ReferralDecider.Replay("bench", stream);
}
