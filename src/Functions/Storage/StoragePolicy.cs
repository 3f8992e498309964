using Azure.Core.Pipeline;

namespace Referrals.Functions.Storage;

/// <summary>An extra pipeline policy for every storage client (per retry), registered in DI: the tests
/// use it to inject faults before or after a request reaches storage.</summary>
internal abstract class StoragePolicy : HttpPipelinePolicy;
