// Stand-ins with the public signatures listed in azure-functions-api.md, only to type-check the Azure shell.
// Never run: every method throws or does nothing.
#pragma warning disable CS1591, CA1822, CA2016
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker
{
    public enum AuthorizationLevel { Anonymous, User, Function, System, Admin }
    [AttributeUsage(AttributeTargets.Method)] public sealed class FunctionAttribute(string name) : Attribute { public string Name => name; }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class HttpTriggerAttribute(AuthorizationLevel level, params string[] methods) : Attribute { public string? Route { get; set; } public AuthorizationLevel Level => level; public string[] Methods => methods; }
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class OrchestrationTriggerAttribute : Attribute;
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class ActivityTriggerAttribute : Attribute;
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class DurableClientAttribute : Attribute;
    [AttributeUsage(AttributeTargets.Parameter)] public sealed class TimerTriggerAttribute(string schedule) : Attribute { public string Schedule => schedule; }
    public class TimerInfo { public bool IsPastDue { get; set; } }
    public abstract class FunctionContext { public abstract CancellationToken CancellationToken { get; } }
}

namespace Microsoft.Azure.Functions.Worker.Builder
{
    public static class FunctionsApplication { public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotImplementedException(); }
    public abstract class FunctionsApplicationBuilder : IHostApplicationBuilder
    {
        public abstract IDictionary<object, object> Properties { get; }
        public abstract IConfigurationManager Configuration { get; }
        public abstract IHostEnvironment Environment { get; }
        public abstract ILoggingBuilder Logging { get; }
        public abstract IMetricsBuilder Metrics { get; }
        public abstract IServiceCollection Services { get; }
        public abstract void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null) where TContainerBuilder : notnull;
        public abstract FunctionsApplicationBuilder ConfigureFunctionsWebApplication();
        public abstract IHost Build();
    }
}

namespace Microsoft.DurableTask
{
    public readonly struct TaskName(string name) { public static implicit operator TaskName(string name) => new(name); public override string ToString() => name; }
    public sealed class RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    { public int Max => maxNumberOfAttempts; public TimeSpan First => firstRetryInterval; public double B => backoffCoefficient; public TimeSpan? M => maxRetryInterval; public TimeSpan? R => retryTimeout; }
    public class TaskOptions { public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(); }
    public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
    public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage);
    public sealed class TaskFailedException(string message, TaskFailureDetails details) : Exception(message) { public TaskFailureDetails FailureDetails => details; }
    public abstract class TaskOrchestrationContext
    {
        public abstract string InstanceId { get; }
        public abstract DateTime CurrentUtcDateTime { get; }
        public abstract bool IsReplaying { get; }
        public abstract T? GetInput<T>();
        public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);
        public abstract Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null);
        public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);
        public abstract Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken);
        public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);
        public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);
        public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);
        public abstract void SetCustomStatus(object? customStatus);
        public abstract Guid NewGuid();
    }
}

namespace Microsoft.DurableTask.Client
{
    using Microsoft.DurableTask;
    public enum OrchestrationRuntimeStatus
    {
        Running, Completed, [Obsolete("unused")] ContinuedAsNew, Failed, [Obsolete("unused")] Canceled, Terminated, Pending, Suspended,
    }
    public sealed class OrchestrationMetadata(string name, string instanceId)
    {
        public string Name => name; public string InstanceId => instanceId;
        public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
        public DateTimeOffset LastUpdatedAt { get; init; }
    }
    public sealed class TerminateInstanceOptions { public object? Output { get; init; } }
    public abstract class DurableTaskClient
    {
        public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);
        public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);
        public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);
        public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default) => Task.CompletedTask;
        public virtual Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => Task.CompletedTask;
    }
}
