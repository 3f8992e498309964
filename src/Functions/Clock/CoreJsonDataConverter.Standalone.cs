using System.Text.Json;

namespace Referrals.Functions.Clock;

/// <summary>The engine client's data converter, System.Text.Json with the options of the Durable Task
/// SDK's own default converter, so what the client sends (the clock's input, event payloads) is what
/// the orchestrator reads, and the custom status it reads back is what the orchestrator wrote.</summary>
internal sealed class CoreJsonDataConverter : DurableTask.Core.Serializing.DataConverter
{
    /// <summary>As Microsoft.DurableTask's JsonDataConverter.Default: never change, in-flight instances depend on it.</summary>
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = true };

    public override string Serialize(object value) => Serialize(value, formatted: false);

    public override string Serialize(object value, bool formatted) =>
        JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), formatted ? new JsonSerializerOptions(Options) { WriteIndented = true } : Options);

    public override object Deserialize(string data, Type objectType) =>
        data is null ? null! : JsonSerializer.Deserialize(data, objectType, Options)!;
}
