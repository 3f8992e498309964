using Referrals.Domain.Esy;

namespace Referrals.Domain.Tests.Esy;

/// <summary>The test-only example instrument (Esy/example-esy-instrument.json, labelled as an
/// example and not the official form), loaded through the same JSON reader as configuration.</summary>
internal static class ExampleInstrument
{
    public static EsyInstrument Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Esy", "example-esy-instrument.json");
        var instrument = EsyInstrumentJson.Parse(File.ReadAllText(path), out var problem);
        Assert.True(instrument is not null, problem);
        return instrument;
    }

    public static EsyScores Scores(params (string Area, int Score)[] scores) =>
        EsyScores.Of(scores.Select(s => KeyValuePair.Create(s.Area, s.Score)));
}
