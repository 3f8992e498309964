using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace Referrals.Functions.Storage;

/// <summary>How state, events and outbox payloads are stored: System.Text.Json (events are polymorphic
/// by their stable discriminators), split across properties because a Table string property holds at
/// most 32K characters.</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Stored, never embedded in HTML: Finnish and Swedish letters stay one character each.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Characters per property (the service limit is 32K UTF-16 code units).</summary>
    public const int ChunkLength = 30_000;

    public static void Write<T>(TableEntity entity, string property, T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        entity[property + "Parts"] = Math.Max(chunks, 1);
        for (var i = 0; i < chunks; i++)
        {
            entity[property + (i == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))] =
                json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - i * ChunkLength));
        }
    }

    public static T Read<T>(TableEntity entity, string property)
    {
        var parts = entity.GetInt32(property + "Parts") ?? 1;
        var json = parts == 1
            ? entity.GetString(property)
            : string.Concat(Enumerable.Range(0, parts).Select(i =>
                entity.GetString(property + (i == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        return JsonSerializer.Deserialize<T>(json, Options)
            ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey}: {property} is empty.");
    }

    /// <summary>A rough size of an entity on the wire, to stay under the 4 MB transaction limit.</summary>
    public static long ApproximateSize(TableEntity entity) =>
        entity.Sum(p => p.Key.Length * 2L + p.Value switch { string s => s.Length * 2L, _ => 16L });
}
