using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Referrals.Functions.Tests.Hosts;

/// <summary>What every test host of the application shares (the in-process and loopback hosts here, the Azure
/// trigger tests' sides, which link this file): one home for the settings and the removal of background work.</summary>
public static class TestHosts
{
    /// <summary>Settings every test host gets before its own: the tests send far more than a person would
    /// (RateLimitTests sets its own limits).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings() =>
        new[] { "ApiPerUser", "SigningPerIp", "AnonymousPerIp" }
            .Select(section => KeyValuePair.Create($"RateLimits:{section}:PermitLimit", "1000000"));

    /// <summary>Removes the application's hosted services (the engine and the sweeps), not the framework's
    /// (the web server): nothing runs behind the requests.</summary>
    public static void RemoveBackgroundWork(IServiceCollection services)
    {
        foreach (var hosted in services.Where(IsTheApplications).ToList()) services.Remove(hosted);
    }

    private static bool IsTheApplications(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService) && (
            (descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.ReturnType)?.Namespace?.StartsWith("Referrals.Functions", StringComparison.Ordinal) == true
            // A factory lambda returns IHostedService; its declaring (closure) type says whose it is.
            || descriptor.ImplementationFactory?.Method.DeclaringType?.Namespace?.StartsWith("Referrals.Functions", StringComparison.Ordinal) == true);
}

/// <summary>Every log message a host writes, formatted with its arguments, scopes and exception text (for the
/// tests that no identity code or token is ever logged).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
