using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Hosting;

/// <summary>Where the county's process configuration comes from (section <c>ProcessConfiguration</c>): a file
/// (<see cref="Path"/>) or a blob (<see cref="BlobContainer"/>/<see cref="BlobName"/>, in the app's storage account);
/// with neither, the configuration embedded in the domain (the development default). The earlier versions that referrals
/// in flight started under stay loadable from <see cref="EarlierPaths"/> or <see cref="EarlierBlobNames"/> (same container).</summary>
internal sealed class ProcessConfigurationOptions
{
    public const string Section = "ProcessConfiguration";

    public string? Path { get; set; }
    public string? BlobContainer { get; set; }
    public string? BlobName { get; set; }
    public string[] EarlierPaths { get; set; } = [];
    public string[] EarlierBlobNames { get; set; } = [];
}

/// <summary>The configuration loaded at start: the version in force, the earlier versions kept, and every problem
/// found (each "setting (source): place: reason"). The host does not start while there is a problem.</summary>
internal sealed record LoadedProcessConfiguration(
    ProcessConfiguration? Current, IReadOnlyList<ProcessConfiguration> Earlier, string Source, IReadOnlyList<string> Problems);

internal static class ProcessConfigurationLoader
{
    /// <summary>Reads and checks the configuration the options name; never throws for a bad file, blob or setting.</summary>
    public static LoadedProcessConfiguration Load(ProcessConfigurationOptions options, Func<BlobServiceClient> blobs)
    {
        var problems = new List<string>();
        var usesFile = !string.IsNullOrWhiteSpace(options.Path);
        var usesBlob = !string.IsNullOrWhiteSpace(options.BlobContainer) || !string.IsNullOrWhiteSpace(options.BlobName);
        if (usesFile && usesBlob)
            return new(null, [], "settings", [$"{ProcessConfigurationOptions.Section}: name a file (Path) or a blob (BlobContainer, BlobName), not both"]);
        if (usesBlob && (string.IsNullOrWhiteSpace(options.BlobContainer) || string.IsNullOrWhiteSpace(options.BlobName)))
            return new(null, [], "settings", [$"{ProcessConfigurationOptions.Section}:BlobContainer and {ProcessConfigurationOptions.Section}:BlobName: a blob needs both"]);
        if (!usesBlob && (options.EarlierBlobNames?.Length ?? 0) > 0)
            problems.Add($"{ProcessConfigurationOptions.Section}:EarlierBlobNames: earlier versions in blobs need the current one in a blob (BlobContainer, BlobName)");

        ProcessConfiguration? current;
        string source;
        if (usesFile)
        {
            source = $"{ProcessConfigurationOptions.Section}:Path ({options.Path})";
            current = Read(source, () => File.ReadAllText(options.Path!), problems);
        }
        else if (usesBlob)
        {
            source = $"{ProcessConfigurationOptions.Section}:BlobName ({options.BlobContainer}/{options.BlobName})";
            current = Read(source, () => Download(blobs(), options.BlobContainer!, options.BlobName!), problems);
        }
        else
        {
            source = "embedded (Profiles/Config/process.json)";
            current = DefaultProcessConfiguration.Load();
            if (ConfigurationProblems.Of(current) is { Count: > 0 } embedded) problems.AddRange(embedded.Select(p => $"{source}: {p}"));
        }

        var earlier = new List<ProcessConfiguration>();
        for (var i = 0; i < (options.EarlierPaths?.Length ?? 0); i++)
        {
            var path = options.EarlierPaths![i];
            if (Read($"{ProcessConfigurationOptions.Section}:EarlierPaths:{i} ({path})", () => File.ReadAllText(path), problems) is { } version)
                earlier.Add(version);
        }
        for (var i = 0; usesBlob && i < (options.EarlierBlobNames?.Length ?? 0); i++)
        {
            var name = options.EarlierBlobNames![i];
            if (Read($"{ProcessConfigurationOptions.Section}:EarlierBlobNames:{i} ({options.BlobContainer}/{name})",
                    () => Download(blobs(), options.BlobContainer!, name), problems) is { } version)
                earlier.Add(version);
        }
        foreach (var duplicate in earlier.Append(current).Where(c => c is not null).GroupBy(c => c!.Version).Where(g => g.Count() > 1))
            problems.Add($"{ProcessConfigurationOptions.Section}: version {duplicate.Key} is loaded more than once; each version is one configuration");
        problems.AddRange(ConfigurationProblems.AcrossVersions(earlier.Prepend(current)).Select(p => $"{ProcessConfigurationOptions.Section}: {p}"));
        return new(problems.Count == 0 ? current : null, earlier, source, problems);
    }

    private static ProcessConfiguration? Read(string source, Func<string> text, List<string> problems)
    {
        string json;
        try
        {
            json = text();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{source}: the file cannot be read ({e.GetType().Name})");
            return null;
        }
        catch (RequestFailedException e)
        {
            problems.Add(e.Status == 404
                ? $"{source}: no such blob"
                : $"{source}: the blob cannot be read (storage answered {e.Status} {e.ErrorCode})");
            return null;
        }
        catch (AggregateException e) when (e.InnerException is RequestFailedException or HttpRequestException)
        {
            problems.Add($"{source}: the blob cannot be read (storage not reachable)");
            return null;
        }
        var configuration = DefaultProcessConfiguration.TryRead(json, out var found);
        problems.AddRange(found.Select(p => $"{source}: {p}"));
        return configuration;
    }

    private static string Download(BlobServiceClient blobs, string container, string name) =>
        blobs.GetBlobContainerClient(container).GetBlobClient(name).DownloadContent().Value.Content.ToString();
}

/// <summary>Loads the configuration once, when the host starts (the options' validation runs it, ValidateOnStart),
/// and hands out what was loaded.</summary>
internal sealed class ProcessConfigurationStore(IServiceProvider services)
{
    private readonly Lock gate = new();
    private LoadedProcessConfiguration? loaded;

    public LoadedProcessConfiguration Load(ProcessConfigurationOptions options)
    {
        lock (gate)
            return loaded ??= ProcessConfigurationLoader.Load(options, services.GetRequiredService<BlobServiceClient>);
    }

    /// <summary>What was loaded (loading it now if the start-up validation has not).</summary>
    public LoadedProcessConfiguration Loaded =>
        loaded ?? Load(services.GetRequiredService<IOptions<ProcessConfigurationOptions>>().Value);

    /// <summary>The configuration in force; throws when it could not be loaded (the host does not start then).</summary>
    public ProcessConfiguration Current => Loaded.Current
        ?? throw new InvalidOperationException("The process configuration is not usable: " + string.Join("; ", Loaded.Problems));
}

internal sealed class ValidateProcessConfiguration(ProcessConfigurationStore store) : IValidateOptions<ProcessConfigurationOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessConfigurationOptions options)
    {
        var problems = store.Load(options).Problems;
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => "The process configuration is refused: " + p));
    }
}

internal static class ProcessConfigurationRegistration
{
    /// <summary>The configuration, the versions kept and the decider over them; checked when the host starts.</summary>
    public static IServiceCollection AddProcessConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessConfigurationOptions>().Bind(configuration.GetSection(ProcessConfigurationOptions.Section)).ValidateOnStart();
        services.TryAddSingleton<ProcessConfigurationStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessConfigurationOptions>, ValidateProcessConfiguration>());
        services.TryAddSingleton(sp => sp.GetRequiredService<ProcessConfigurationStore>().Current);
        services.TryAddSingleton(sp =>
        {
            var store = sp.GetRequiredService<ProcessConfigurationStore>();
            return new ReferralDecider(sp.GetRequiredService<ProcessConfiguration>(), store.Loaded.Earlier);
        });
        return services;
    }
}
