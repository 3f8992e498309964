using Azure.Core;
using Azure.Core.Pipeline;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Tests.Infrastructure;

/// <summary>Fails the next entity-group transaction on purpose: before it reaches storage (nothing may be
/// written) or after storage answered (everything must be there, though the caller saw a failure).</summary>
internal sealed class BatchFault : StoragePolicy
{
    private int armed; // 0 off, 1 before, 2 after

    public void FailNextBefore() => Interlocked.Exchange(ref armed, 1);

    public void FailNextAfter() => Interlocked.Exchange(ref armed, 2);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var isBatch = message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);
        var mode = isBatch ? Interlocked.Exchange(ref armed, 0) : 0;
        if (mode == 1) throw new InjectedFault("before the commit");
        await ProcessNextAsync(message, pipeline);
        if (mode == 2) throw new InjectedFault("after the commit");
    }
}

internal sealed class InjectedFault(string where) : Exception("Injected fault " + where);
