using System.ComponentModel.DataAnnotations;

namespace Referrals.Functions.Clock;

/// <summary>The Durable Task engine of the standalone host. The names follow the Functions extension's
/// host.json (<c>extensions.durableTask.hubName</c>, <c>….storageProvider.partitionCount</c>, …), so
/// one set of values means the same in both hosts: section <c>DurableTask</c>, e.g.
/// <c>DurableTask__StorageProvider__MaxQueuePollingInterval</c>. The defaults are host.json's values (a test
/// holds the two to each other): what kept the outbox backlog bounded in the sustained benchmark
/// (<c>scripts/bench --sustained</c>; with 4 partitions, no sessions and 10/10 the backlog grew for the whole run).</summary>
internal sealed class DurableTaskOptions
{
    public const string Section = "DurableTask";

    /// <summary>The task hub (queues, History and Instances tables, lease blobs). Hosts with the same hub share its work.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "DurableTask:HubName must be 3–45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "Referrals";

    public DurableTaskStorageProviderOptions StorageProvider { get; set; } = new();

    /// <summary>host.json: maxConcurrentActivityFunctions. An activity (a referral's courier or timer turn) spends
    /// its time waiting on storage and SMTP, not on the processor: 10 at a time delivered fewer referrals per second
    /// than the request path commits, 50 kept up.</summary>
    [Range(1, 100, ErrorMessage = "DurableTask:MaxConcurrentActivityFunctions must be 1–100.")]
    public int MaxConcurrentActivityFunctions { get; set; } = 50;

    /// <summary>host.json: maxConcurrentOrchestratorFunctions. With extended sessions an idle session holds one of
    /// these for <see cref="ExtendedSessionIdleTimeoutInSeconds"/>, so this bounds how many referrals a host moves at
    /// once: about this many divided by (a turn plus the idle timeout) per second.</summary>
    [Range(1, 100, ErrorMessage = "DurableTask:MaxConcurrentOrchestratorFunctions must be 1–100.")]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 50;

    /// <summary>host.json: extendedSessionsEnabled. An orchestration's history stays in memory between its turns for
    /// <see cref="ExtendedSessionIdleTimeoutInSeconds"/>, so the turn after an activity does not read it again; each
    /// session holds one of <see cref="MaxConcurrentOrchestratorFunctions"/> while it idles. On: a referral's turn is
    /// "run one activity, then sleep", so without a session every turn reads its history twice (a History query,
    /// a full scan on Azurite).</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>host.json: extendedSessionIdleTimeoutInSeconds. 2 s: long enough for the activity's answer (the
    /// courier of one referral takes well under a second), short enough that sessions waiting for a change that
    /// may come in months do not hold the orchestrator slots (the Functions default, 30 s, would hold a slot per
    /// referral moved in the last half minute).</summary>
    [Range(1, 300, ErrorMessage = "DurableTask:ExtendedSessionIdleTimeoutInSeconds must be 1–300.")]
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 2;

    /// <summary>How often the standalone host sweeps for lost wake-ups and missing clocks (the Azure
    /// build's timer trigger runs every 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "DurableTask:SweepInterval must be between 1 second and 1 day.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>host.json: extensions.durableTask.storageProvider.</summary>
internal sealed class DurableTaskStorageProviderOptions
{
    /// <summary>Control-queue partitions: how many hosts can share the orchestrations. Fixed when the task hub
    /// is created (a hub made with another count keeps it). One: a referral's orchestration only sleeps and
    /// schedules one activity per turn, so one host keeps up with the whole command rate, while the activities
    /// (the actual work) spread over every host through the one work-item queue; each further partition is
    /// another control queue to poll and lease.</summary>
    [Range(1, 16, ErrorMessage = "DurableTask:StorageProvider:PartitionCount must be 1–16.")]
    public int PartitionCount { get; set; } = 1;

    /// <summary>The longest an idle host waits between queue polls: how late it may notice an event
    /// after a quiet spell, and what idling costs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "DurableTask:StorageProvider:MaxQueuePollingInterval must be between 0.1 second and 1 minute.")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a host owns a control-queue partition without renewing its lease: how soon the
    /// partitions of a host that died are taken over by another.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:05:00", ErrorMessage = "DurableTask:StorageProvider:LeaseInterval must be between 2 seconds and 5 minutes.")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dequeued control-queue message stays hidden: after a host dies mid-turn, its
    /// orchestrations' messages reappear for the next owner this much later (host.json: controlQueueVisibilityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "DurableTask:StorageProvider:ControlQueueVisibilityTimeout must be between 5 seconds and 1 hour.")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The same for activity messages (host.json: workItemQueueVisibilityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "DurableTask:StorageProvider:WorkItemQueueVisibilityTimeout must be between 5 seconds and 1 hour.")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Production: https://{account}.queue.core.windows.net (the engine also needs the account's
    /// table and blob URIs from the Storage section). Unset: Storage:ConnectionString.</summary>
    public Uri? QueueServiceUri { get; set; }
}
