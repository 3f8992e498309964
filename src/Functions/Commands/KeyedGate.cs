namespace Referrals.Functions.Commands;

/// <summary>One flow at a time per key (here: per referral), any number of keys at once. A key's gate exists
/// only while someone holds or waits for it, so a host that delivers millions of referrals over its life keeps
/// no gate for those it is not delivering now.</summary>
internal sealed class KeyedGate
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> gates = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> once no other flow holds <paramref name="key"/>.</summary>
    public async Task<T> RunAsync<T>(string key, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var gate = Enter(key);
        try
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            Leave(key);
        }
    }

    /// <summary>How many keys have a gate now (held or waited for).</summary>
    public int Count
    {
        get { lock (gates) return gates.Count; }
    }

    private SemaphoreSlim Enter(string key)
    {
        lock (gates)
        {
            var (gate, users) = gates.TryGetValue(key, out var known) ? known : (new SemaphoreSlim(1, 1), 0);
            gates[key] = (gate, users + 1);
            return gate;
        }
    }

    private void Leave(string key)
    {
        lock (gates)
        {
            var (gate, users) = gates[key];
            if (users == 1)
            {
                gates.Remove(key);
                gate.Dispose();
            }
            else gates[key] = (gate, users - 1);
        }
    }
}
