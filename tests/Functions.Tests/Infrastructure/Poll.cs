namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Polls in real time, bounded, for tests of what runs in the background (the engine's clocks).</summary>
public static class Poll
{
    /// <summary>Reads until the condition holds and returns that value; fails the test after <paramref name="within"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan within, string? what = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (until(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"not reached in {within.TotalSeconds} s: {what ?? "the condition"}; last: {value}");
            await Task.Delay(100);
        }
    }
}
