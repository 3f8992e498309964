using System.Text.Json;

namespace Referrals.Domain.Esy;

/// <summary>Reads an ESY instrument from JSON (the same shape as the "esyInstrument" of the process
/// configuration), so that an instrument is data a county can replace without code. Errors are values:
/// null with the reason, never an exception for bad input.</summary>
public static class EsyInstrumentJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static EsyInstrument? Parse(string json, out string? problem)
    {
        EsyInstrument? instrument;
        try
        {
            instrument = JsonSerializer.Deserialize<EsyInstrument>(json, Options);
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return null;
        }
        problem = instrument is null ? "empty" : Problem(instrument);
        return problem is null ? instrument : null;
    }

    /// <summary>What makes an instrument unusable: no areas, a blank or repeated area code, or a scale
    /// that runs backwards. Null when it is fine.</summary>
    public static string? Problem(EsyInstrument instrument)
    {
        if (string.IsNullOrWhiteSpace(instrument.Id)) return "id";
        if (instrument.Areas is null || instrument.Areas.Count == 0) return "areas";
        if (instrument.Areas.Any(a => a is null || string.IsNullOrWhiteSpace(a.Code))) return "areas.code";
        if (instrument.Areas.Select(a => a!.Code).Distinct(StringComparer.Ordinal).Count() != instrument.Areas.Count)
            return "areas.code.duplicate";
        if (instrument.ScaleMin >= instrument.ScaleMax) return "scale";
        return null;
    }
}
