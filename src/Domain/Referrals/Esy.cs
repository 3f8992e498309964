using Referrals.Domain.Common;
using Referrals.Domain.Esy;
using Referrals.Domain.Profiles;

namespace Referrals.Domain.Referrals;

/// <summary>A measurement (a baseline at the referral or a later measurement) names its instrument: one the referral's
/// profile uses (its first when none is named), and its scores fit that instrument's areas and scale. The rejection names
/// what is wrong and where (the area's code), so a worker can correct it.</summary>
internal static class Esy
{
    public static Outcome? Check(ProcessConfiguration configuration, ProcessProfile profile, string? instrumentId, EsyScores? scores,
        string field, out EsyInstrument instrument)
    {
        instrument = null!;
        if (instrumentId is not null && Input.Id(instrumentId, field) is { } badId) return badId;
        var uses = configuration.InstrumentsOf(profile);
        var named = instrumentId is null ? uses.FirstOrDefault() : uses.FirstOrDefault(i => i.Id == instrumentId);
        if (named is null) return Outcome.Reject(RejectionCode.UnknownInstrument, instrumentId is null ? null : PlainOrNothing(instrumentId));
        instrument = named;
        if (scores?.ByArea is null) return Outcome.Reject(RejectionCode.InvalidEsyScores, field);
        return named.Misfit(scores) switch
        {
            null => null,
            { Kind: ScoreMisfitKind.AreaMissing } m => Outcome.Reject(RejectionCode.InstrumentAreaMissing, m.AreaCode),
            { Kind: ScoreMisfitKind.OutOfRange } m => Outcome.Reject(RejectionCode.InstrumentScoreOutOfRange, m.AreaCode),
            var m => Outcome.Reject(RejectionCode.InstrumentAreaUnknown, PlainOrNothing(m.AreaCode)),
        };
    }

    /// <summary>A code the caller gave is echoed only when it is a plain code, never free text that might carry a name.</summary>
    private static string? PlainOrNothing(string code) =>
        code.Length <= 40 && code.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-') ? code : null;
}
