using Referrals.Domain.Esy;
using Referrals.Domain.Profiles;
using Referrals.Functions.Text;

namespace Referrals.Functions.Operations;

/// <summary>An instrument as the API shows it (GET /api/configuration, the comparison): its id, names, scale, direction
/// and areas, and, for an example instrument (the shipped ones), <see cref="ExampleNote"/> saying so in both languages,
/// so no answer shows an example as if it were the official form.</summary>
internal sealed record InstrumentView(
    string Id, Bilingual Name, bool IsExample, Bilingual? ExampleNote, ScoreDirection Direction, int ScaleMin, int ScaleMax,
    IReadOnlyList<InstrumentAreaView> Areas)
{
    public static InstrumentView Of(EsyInstrument i) => new(
        i.Id, new Bilingual(i.NameFi, i.NameSv), i.IsExample,
        i.IsExample ? new Bilingual(ApiTexts.Get("instrument.example-note", "fi"), ApiTexts.Get("instrument.example-note", "sv")) : null,
        i.Better, i.ScaleMin, i.ScaleMax, [.. i.Areas.Select(a => new InstrumentAreaView(a.Code, new Bilingual(a.NameFi, a.NameSv)))]);
}

internal sealed record InstrumentAreaView(string Code, Bilingual Name);
