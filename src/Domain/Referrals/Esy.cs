using Referrals.Domain.Esy;

namespace Referrals.Domain.Referrals;

/// <summary>Whether scores fit the configured instrument, tolerating scores deserialized with no areas.</summary>
internal static class Esy
{
    public static bool Fits(EsyInstrument instrument, EsyScores? scores) =>
        scores?.ByArea is not null && instrument.Accepts(scores);
}
