using System.Globalization;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Support;

/// <summary>Plays a referral's life hour by hour, as the clock and courier would: at every hour it first
/// fires each timer that has come due (through Decide, as TimerElapsed), then runs the people's actions
/// planned for that hour. Everything must be accepted; rejections fail the scenario with their reason.</summary>
public sealed class ClockSimulation(ReferralDecider decider)
{
    private readonly List<(DateTimeOffset At, ReferralCommand Command)> plan = [];

    public ReferralDecider Decider => decider;
    public ReferralState State { get; private set; } = ReferralState.Initial with { Id = Spec.ReferralId };
    public List<ReferralEvent> Events { get; } = [];
    public List<OutgoingMessage> Messages { get; } = [];
    /// <summary>Each timer fired, as "Kind yyyy-MM-dd HH:mm" in Helsinki time.</summary>
    public List<string> Fired { get; } = [];
    /// <summary>Every signed decision seen after signing, to show it never changed.</summary>
    public HashSet<SignedDecision> Decisions { get; } = [];

    /// <summary>Plans a person's action at a Helsinki wall-clock hour.</summary>
    public ClockSimulation On(int year, int month, int day, int hour, ReferralCommand command)
    {
        plan.Add((FinnishCalendar.At(new DateOnly(year, month, day), hour), command));
        return this;
    }

    public ClockSimulation RunUntil(DateOnly last)
    {
        var actions = new Queue<(DateTimeOffset At, ReferralCommand Command)>(plan.OrderBy(p => p.At));
        var end = FinnishCalendar.At(last, 23);
        for (var now = actions.Peek().At; now <= end; now = now.AddHours(1))
        {
            while (decider.Schedule(State).Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).FirstOrDefault() is { } due)
            {
                Apply(decider.Decide(State, new TimerElapsed(due.Kind, due.DueAt) { By = Actor.System }, now), $"{due.Kind}");
                Fired.Add($"{due.Kind} {Local(due.DueAt)}");
            }
            while (actions.Count > 0 && actions.Peek().At <= now)
            {
                var (at, command) = actions.Dequeue();
                Apply(decider.Decide(State, command, at), command.GetType().Name);
            }
        }
        Assert.Empty(actions);
        return this;
    }

    private void Apply(Outcome outcome, string what)
    {
        if (outcome is Outcome.Rejected rejected)
            Assert.Fail($"{what} rejected: {rejected.Rejection.Code} {rejected.Rejection.Detail} in {State.Status}");
        var events = ((Outcome.Accepted)outcome).Events;
        Assert.NotEmpty(events);
        foreach (var @event in events)
        {
            State = ReferralDecider.Evolve(State, @event);
            Events.Add(@event);
        }
        Messages.AddRange(decider.Notify(State, events));
        if (State.Decision is { } decision) Decisions.Add(decision);
    }

    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, FinnishCalendar.Helsinki).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
