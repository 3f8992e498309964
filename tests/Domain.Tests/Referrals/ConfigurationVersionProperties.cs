using FsCheck.Xunit;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using Outcome = Referrals.Domain.Common.Outcome;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>A new configuration version between any two commands never changes what happens to a referral in flight: it
/// runs under the version it started under (kept loaded), exactly as if the configuration had never changed.</summary>
public class ConfigurationVersionProperties
{
    /// <summary>A later version that changes every kind of rule: deadlines, durations, services, ages, open-ended decisions,
    /// a profile withdrawn, another instrument.</summary>
    public static readonly ProcessConfiguration Next = Changed(Process.Configuration);

    private static Domain.Esy.EsyInstrument Esy(ProcessConfiguration c) => c.Instrument(Domain.Esy.EsyInstrument.EarlierEsyId)!;

    public static ProcessConfiguration Changed(ProcessConfiguration c) => c with
    {
        Version = "2027.1",
        Profiles = [.. c.Profiles.Where(p => p.Id != Process.Satakunta).Select(p => p with
        {
            ServiceTypes = [.. p.ServiceTypes.Where(s => s != "sr-everyday-coaching")],
            Instruments = ["esy-2027"],
            Duration = new MonthRange(1, 2),
            Ages = new AgeRange(30, 40),
            AllowsUntilFurtherNotice = false,
            Deadlines = p.Deadlines with
            {
                ReviewWorkingDays = 3, InformationWorkingDays = 4, DraftingWorkingDays = 2, SignatureReminderWorkingDays = 1,
                SignatureEscalationWorkingDays = 2, InterimEvaluationIntervalMonths = 1, ServiceEndApproachingDays = 3, ReminderHour = 14,
            },
        })],
        // Another instrument under a new id (an id keeps its meaning across versions: ConfigurationProblems.AcrossVersions).
        Instruments = [Esy(c) with { Id = "esy-2027", Areas = [.. Esy(c).Areas.Take(3)], ScaleMax = 5 }],
    };

    /// <summary>The host as an operator may run it: the new version in force with the old kept, or rolled back to the old
    /// one with the new kept.</summary>
    private static readonly ReferralDecider[] Hosts = [new(Next, [Process.Configuration]), new(Process.Configuration, [Next])];

    /// <summary>A decider that knows only the referral's own version: what would have happened with no change.</summary>
    private static readonly Dictionary<string, ReferralDecider> Alone = new()
    {
        [Process.Configuration.Version] = new(Process.Configuration),
        [Next.Version] = new(Next),
    };

    [Property(Arbitrary = [typeof(StepArbitraries)], MaxTest = 300)]
    public bool Changing_the_version_between_random_commands_never_changes_an_in_flight_referral(Step[] steps, bool[] switches)
    {
        ReferralDecider HostAt(int i) => Hosts[switches.Length == 0 ? 0 : switches[i % switches.Length] ? 1 : 0];
        foreach (var turn in RandomRun.Run(steps, HostAt))
        {
            if (turn.Before.Status == ReferralStatus.None)
            {
                // A submission records the version in force at that moment.
                if (turn.Outcome is Outcome.Accepted { Events: [ReferralSubmitted submitted] }
                    && submitted.ConfigurationVersion is not ("2026.1" or "2027.1")) return false;
                continue;
            }
            var own = Alone[turn.Before.ConfigurationVersion];
            var alone = own.Decide(turn.Before, turn.Command, turn.Now);
            if (Show(alone) != Show(turn.Outcome)) return false;
            var schedule = System.Text.Json.JsonSerializer.Serialize(own.Schedule(turn.After));
            if (Hosts.Any(h => System.Text.Json.JsonSerializer.Serialize(h.Schedule(turn.After)) != schedule)) return false;
        }
        return true;
    }

    private static string Show(Outcome outcome) => outcome switch
    {
        Outcome.Accepted a => Json.Of(a.Events),
        Outcome.Rejected r => $"{r.Rejection.Code}:{r.Rejection.Detail}",
        _ => "?",
    };
}
