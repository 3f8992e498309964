namespace Referrals.Functions.Clock;

/// <summary>Marks code that runs inside the referral clock's own turn (the FireDueTimers activity). A
/// timer command committed there needs no "referral changed": the clock re-reads the truth right after
/// the activity, and an event raised to itself would only buy a needless extra turn.</summary>
internal static class ClockTurn
{
    private static readonly AsyncLocal<bool> Active = new();

    public static bool IsActive => Active.Value;

    /// <summary>Until disposed, in this async flow only.</summary>
    public static IDisposable Begin()
    {
        var previous = Active.Value;
        Active.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}
