using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Storage;
using static Referrals.Functions.Clock.ReferralClockNames;

namespace Referrals.Functions.Clock;

/// <summary>The engine Durable Functions runs on, in-process: DurableTask.Core's <see cref="TaskHubWorker"/>
/// over the Azure Storage provider (Azurite locally), running the same orchestrator and activities as
/// the Functions host through the Durable Task SDK's shims. Hosts that share a task hub share its work
/// by partition leases. <see cref="Client"/> is the engine's client, behind <see cref="IOrchestrationInstances"/>.</summary>
internal sealed class DurableTaskEngine : IHostedService, IAsyncDisposable
{
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggers;
    private TaskHubWorker? worker;

    public DurableTaskEngine(
        IOptions<DurableTaskOptions> options, IOptions<StorageOptions> storage, StorageRequestCounter counter,
        IServiceProvider services, ILoggerFactory loggers)
    {
        this.services = services;
        this.loggers = loggers;
        Options = options.Value;
        Service = new AzureStorageOrchestrationService(Settings(Options, storage.Value, counter, loggers));
        Client = new TaskHubClient(Service, new CoreJsonDataConverter(), loggers);
    }

    public DurableTaskOptions Options { get; }

    public AzureStorageOrchestrationService Service { get; }

    public TaskHubClient Client { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggers);
        var adapt = services.GetService<ReferralClockContextFactory>();
        var activities = services.GetRequiredService<ReferralClockActivities>();

        var engine = new TaskHubWorker(Service, loggers);
        // A fresh orchestrator shim per execution (it holds the execution's state); activities are stateless.
        engine.AddTaskOrchestrations(new Creator<TaskOrchestration>(Orchestrator,
            () => shims.CreateOrchestration(Orchestrator, new ReferralClockOrchestrator(adapt))));
        var fire = shims.CreateActivity<FireDueTimersInput, ClockReading>(FireDueTimers,
            async (_, input) => await activities.FireDueTimersAsync(input!));
        var deliver = shims.CreateActivity<ReferralActivityInput, ClockReading>(DeliverOutbox,
            async (_, input) => await activities.DeliverOutboxAsync(input!));
        engine.AddTaskActivities(new Creator<TaskActivity>(FireDueTimers, () => fire), new Creator<TaskActivity>(DeliverOutbox, () => deliver));
        await engine.StartAsync();
        worker = engine;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (worker is null) return;
        var stopping = worker;
        worker = null;
        // Graceful: in-flight work items finish and release their messages; a host killed instead loses
        // nothing either (the messages become visible again and the next owner of the partition redoes them).
        await stopping.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (worker is not null) await StopAsync(CancellationToken.None);
    }

    /// <summary>Azurite (connection string) locally; the account's service URIs with DefaultAzureCredential
    /// (managed identity) in production. Every request is counted like the application's own.</summary>
    public static AzureStorageOrchestrationServiceSettings Settings(
        DurableTaskOptions options, StorageOptions storage, StorageRequestCounter counter, ILoggerFactory loggers)
    {
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter.EnginePolicy("blob"), Azure.Core.HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter.EnginePolicy("queue"), Azure.Core.HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.EnginePolicy("table"), Azure.Core.HttpPipelinePosition.PerRetry);

        StorageAccountClientProvider provider;
        if (storage.TableServiceUri is { } tables && storage.BlobServiceUri is { } blobs)
        {
            var queues = options.StorageProvider.QueueServiceUri ?? throw new OptionsValidationException(
                DurableTaskOptions.Section, typeof(DurableTaskOptions),
                ["DurableTask:StorageProvider:QueueServiceUri must be set when Storage uses service URIs."]);
            var credential = new DefaultAzureCredential();
            provider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(blobs, credential, blobOptions),
                StorageServiceClientProvider.ForQueue(queues, credential, queueOptions),
                StorageServiceClientProvider.ForTable(tables, credential, tableOptions));
        }
        else
        {
            var connection = storage.ConnectionString!;
            provider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, blobOptions),
                StorageServiceClientProvider.ForQueue(connection, queueOptions),
                StorageServiceClientProvider.ForTable(connection, tableOptions));
        }

        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            PartitionCount = options.StorageProvider.PartitionCount,
            MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.StorageProvider.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,
            LeaseInterval = options.StorageProvider.LeaseInterval,
            LeaseRenewInterval = options.StorageProvider.LeaseInterval / 3,
            LeaseAcquireInterval = options.StorageProvider.LeaseInterval / 3,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
            StorageAccountClientProvider = provider,
            // Several hosts on one machine (tests) must not share a lease owner's name.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            LoggerFactory = loggers,
        };
    }
}

/// <summary>Registers a task with DurableTask.Core under its name; the factory makes it for each use.</summary>
internal sealed class Creator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public Creator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    public override T Create() => create();
}
