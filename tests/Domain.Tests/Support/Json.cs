using System.Text.Json;
using Referrals.Domain.Referrals;

namespace Referrals.Domain.Tests.Support;

/// <summary>Events and states hold lists, which records compare by reference; comparing their JSON
/// compares their content.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Of(ReferralEvent @event) => JsonSerializer.Serialize(@event, Options);

    public static string Of(IEnumerable<ReferralEvent> events) => "[" + string.Join(",", events.Select(Of)) + "]";

    /// <summary>A state's JSON with the raised reminders in a fixed order (a hash set has none).</summary>
    public static string Of(ReferralState state) =>
        JsonSerializer.Serialize(state with { RemindersRaised = [] }, Options) + "|" +
        string.Join(",", state.RemindersRaised.Select(r => $"{r.Kind}@{r.DueAt.UtcTicks}").Order(StringComparer.Ordinal));
}
