using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace Referrals.Functions.Storage;

/// <summary>Counts the storage requests the application makes, by operation (method, table or
/// container, kind), so that tests can assert and report the cost of a command: the target is one
/// point read and one transaction. Requests are attributed to the innermost
/// <see cref="Measure"/> scope of the async flow that made them, and always to the totals.</summary>
internal sealed class StorageRequestCounter(IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.NamePrefix;

    private static readonly AsyncLocal<Measurement?> Current = new();
    private readonly ConcurrentDictionary<string, int> totals = new();

    public IReadOnlyDictionary<string, int> Totals => totals;

    /// <summary>Starts counting the requests of this async flow (and the flows it starts).</summary>
    public Measurement Measure()
    {
        var measurement = new Measurement(Current.Value);
        Current.Value = measurement;
        return measurement;
    }

    /// <summary>The policy to add to the table clients.</summary>
    public HttpPipelinePolicy TablePolicy => new CountingPolicy(this, request => DescribeTable(request, prefix));

    /// <summary>The policy to add to the blob clients.</summary>
    public HttpPipelinePolicy BlobPolicy => new CountingPolicy(this, request => DescribeBlob(request, prefix));

    /// <summary>The policy to add to the Durable Task engine's clients of <paramref name="service"/> (blob,
    /// queue, table): its requests count as "engine {service} …" (the operation and its table, queue or container,
    /// partition numbers left out), apart from the application's own.</summary>
    public HttpPipelinePolicy EnginePolicy(string service) => new CountingPolicy(this, request => "engine " + service + " " + service switch
    {
        "table" => DescribeTable(request),
        "blob" => DescribeBlob(request),
        _ => DescribeQueue(request),
    });

    private void Count(HttpMessage message, Func<Request, string> describe)
    {
        var operation = describe(message.Request);
        totals.AddOrUpdate(operation, 1, (_, n) => n + 1);
        Current.Value?.Add(operation);
    }

    /// <summary>Requests of the Durable Task engine so far (all hosts of this process).</summary>
    public int EngineTotal => totals.Where(t => t.Key.StartsWith("engine ", StringComparison.Ordinal)).Sum(t => t.Value);

    /// <summary>"GET Referrals point-read", "POST $batch", "GET Schedule query", "POST Referrals insert" …</summary>
    public static string DescribeTable(Request request, string namePrefix = "")
    {
        var method = request.Method.ToString();
        var last = request.Uri.Path.TrimEnd('/').Split('/')[^1];
        if (last == "$batch") return $"{method} $batch";
        var paren = last.IndexOf('(');
        if (paren < 0) return last == "Tables" ? $"{method} Tables" : $"{method} {Unprefixed(last, namePrefix)} insert";
        var table = Unprefixed(last[..paren], namePrefix);
        if (table == "Tables") return $"{method} Tables";
        var isEntity = last.Length > paren + 2;
        var kind = (method, isEntity) switch
        {
            ("GET", true) => "point-read",
            ("GET", false) => "query",
            ("DELETE", _) => "delete",
            _ => "update",
        };
        return $"{method} {table} {kind}";
    }

    /// <summary>"PUT attachments blob", "GET decisions blob", "GET attachments list" …</summary>
    public static string DescribeBlob(Request request, string namePrefix = "")
    {
        var method = request.Method.ToString();
        var segments = request.Uri.Path.Trim('/').Split('/');
        var offset = segments.Length > 0 && segments[0] == "devstoreaccount1" ? 1 : 0;
        var container = segments.Length > offset ? Unprefixed(segments[offset], namePrefix.ToLowerInvariant()) : "";
        var query = request.Uri.Query;
        var kind = query.Contains("comp=list", StringComparison.Ordinal) ? "list"
            : query.Contains("restype=container", StringComparison.Ordinal) ? "container"
            : "blob";
        return $"{method} {container} {kind}";
    }

    /// <summary>"GET control messages", "DELETE workitems message", "PUT control message" …</summary>
    public static string DescribeQueue(Request request)
    {
        var segments = request.Uri.Path.Trim('/').Split('/');
        var offset = segments.Length > 0 && segments[0] == "devstoreaccount1" ? 1 : 0;
        var queue = segments.Length > offset ? segments[offset] : "";
        var kind = queue.Contains("-control-", StringComparison.Ordinal) ? "control" : queue.EndsWith("-workitems", StringComparison.Ordinal) ? "workitems" : "queue";
        var what = segments.Length > offset + 2 ? "message" : segments.Length > offset + 1 ? "messages" : "queue";
        return $"{request.Method} {kind} {what}";
    }

    private static string Unprefixed(string name, string namePrefix) =>
        namePrefix.Length > 0 && name.StartsWith(namePrefix, StringComparison.Ordinal) ? name[namePrefix.Length..] : name;

    private sealed class CountingPolicy(StorageRequestCounter counter, Func<Request, string> describe) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(message, describe);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(message, describe);
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>The requests counted in one scope, by operation.</summary>
    public sealed class Measurement(Measurement? parent) : IDisposable
    {
        private readonly ConcurrentDictionary<string, int> counts = new();

        public IReadOnlyDictionary<string, int> Counts => counts;

        public int Total => counts.Values.Sum();

        internal void Add(string operation)
        {
            counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            parent?.Add(operation);
        }

        public override string ToString() =>
            string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value}× {c.Key}"));

        public void Dispose()
        {
            if (Current.Value == this) Current.Value = parent;
        }
    }
}
