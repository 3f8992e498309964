using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Domain.Common;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;
using Referrals.Domain.Scheduling;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>The command path on Table Storage: one point read of the snapshot, the pure process, and one
/// entity-group transaction in the referral's partition (events + snapshot with If-Match + idempotency
/// row + outbox rows). Everything else (read models, schedule, mail) follows from the outbox.</summary>
internal sealed class TableReferralCommands(
    StorageAccount storage,
    ReferralDecider decider,
    IReferralChangeNotifier notifier,
    TimeProvider time,
    IOptions<CommandOptions> options,
    ILogger<TableReferralCommands> logger) : IReferralCommands
{
    /// <summary>The service's limit per entity-group transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>Under the service's 4 MB per transaction, with room for the envelope.</summary>
    public const long MaxTransactionBytes = 3_500_000;

    public Task<CommandResult> ExecuteAsync(
        string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null) =>
        ExecuteAsync(referralId, _ => command, idempotencyKey, expectedVersion, cancellationToken, fingerprint);

    public async Task<CommandResult> ExecuteAsync(
        string referralId, Func<ReferralState, ReferralCommand?> commandFor, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null)
    {
        await storage.EnsureCreatedAsync();
        var key = idempotencyKey is null ? null : new Key(idempotencyKey, fingerprint);
        for (var attempt = 1; ; attempt++)
        {
            var result = await TryOnceAsync(referralId, commandFor, key, expectedVersion, cancellationToken);
            if (result is not LostRace lost) return (CommandResult)result;
            var attempts = lost.Command is TimerElapsed ? options.Value.TimerAttempts : options.Value.PersonAttempts;
            if (attempt >= attempts)
            {
                var current = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(
                    referralId, ReferralRows.SnapshotKey(referralId), ["Version"], cancellationToken);
                return new CommandResult.Conflict(current.HasValue ? current.Value!.GetInt32("Version") ?? 0 : 0, false);
            }
            logger.LogDebug("{Command} on {ReferralId} lost a race at version {Version}; deciding it again", lost.Command.GetType().Name, referralId, lost.Version);
            // A pause in real time between two storage round trips, not business time.
            var pause = options.Value.TimerBackoff * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());
            await Task.Delay(pause, cancellationToken);
        }
    }

    private async Task<object> TryOnceAsync(
        string referralId, Func<ReferralState, ReferralCommand?> commandFor, Key? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken)
    {
        var table = storage.Referrals;
        var snapshot = await table.GetEntityIfExistsAsync<TableEntity>(referralId, ReferralRows.SnapshotKey(referralId), cancellationToken: cancellationToken);
        var exists = snapshot.HasValue;
        var state = exists ? ReferralRows.ReadState(snapshot.Value!) : ReferralState.Initial with { Id = referralId };

        var command = commandFor(state);
        if (command is null || (!exists && command is not SubmitReferral))
        {
            // The caller may no longer reach the referral because their own first attempt moved it on (a
            // review body's line leaves its queue) and its answer was lost: the retry gets that first answer.
            // Anything else (another caller, another request under the key) learns nothing: not found.
            return exists && await ReplayAsync(referralId, idempotencyKey, cancellationToken) is CommandResult.Accepted first
                ? first
                : new CommandResult.NotFound();
        }

        if (expectedVersion is { } expected && expected != state.Version)
        {
            return await ReplayAsync(referralId, idempotencyKey, cancellationToken)
                ?? new CommandResult.Conflict(state.Version, PreconditionFailed: true);
        }

        var now = time.GetUtcNow();
        var outcome = decider.Decide(state, command, now);
        if (outcome is Outcome.Rejected rejected)
        {
            return await ReplayAsync(referralId, idempotencyKey, cancellationToken)
                ?? new CommandResult.Rejected(rejected.Rejection);
        }

        var events = ((Outcome.Accepted)outcome).Events;
        if (events.Count == 0)
        {
            // Nothing to write (a timer after the state moved on): a retry may still owe its first answer.
            return await ReplayAsync(referralId, idempotencyKey, cancellationToken)
                ?? new CommandResult.Accepted(state, [], Replayed: false);
        }

        var newState = events.Aggregate(state, ReferralDecider.Evolve);
        var timers = decider.Schedule(newState);
        var messages = decider.Notify(newState, events);
        var actions = Transaction(state, newState, exists ? snapshot.Value!.ETag : (ETag?)null, events, timers, messages,
            command, idempotencyKey, now);

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException failure)
        {
            var replay = await ReplayAsync(referralId, idempotencyKey, cancellationToken);
            if (replay is not null) return replay;
            if (failure.Status is 409 or 412) return new LostRace(state.Version, command);
            throw;
        }

        await WakeClockAsync(referralId, newState.Version);
        return new CommandResult.Accepted(newState, events, Replayed: false);
    }

    private async Task WakeClockAsync(string referralId, int version)
    {
        try
        {
            // Not the request's token: a caller who hangs up right after the commit must not cancel the wake-up.
            await notifier.ReferralChangedAsync(referralId, version, CancellationToken.None);
        }
        catch (Exception notifyFailure)
        {
            // The commit stands; the sweep finds the version its clock has not seen.
            logger.LogWarning(notifyFailure, "Could not signal the change of {ReferralId}", referralId);
        }
    }

    private static List<TableTransactionAction> Transaction(
        ReferralState state, ReferralState newState, ETag? snapshotETag, IReadOnlyList<ReferralEvent> events,
        IReadOnlyList<DueTimer> timers, IReadOnlyList<OutgoingMessage> messages,
        ReferralCommand command, Key? idempotencyKey, DateTimeOffset now)
    {
        var id = newState.Id;
        var actions = new List<TableTransactionAction>();
        for (var i = 0; i < events.Count; i++)
        {
            actions.Add(new(TableTransactionActionType.Add, ReferralRows.EventRow(id, state.Version + 1 + i, events[i])));
        }

        var snapshotRow = ReferralRows.SnapshotRow(newState, timers);
        actions.Add(snapshotETag is { } etag
            ? new(TableTransactionActionType.UpdateReplace, snapshotRow, etag)
            : new(TableTransactionActionType.Add, snapshotRow));

        if (idempotencyKey is not null)
        {
            actions.Add(new(TableTransactionActionType.Add,
                ReferralRows.CommandRow(id, idempotencyKey.Value, command.GetType().Name, state.Version + 1, newState.Version, now, idempotencyKey.Fingerprint)));
        }

        // The timers are in the snapshot row: the referral's clock reads them there, so no row of ours schedules anything.
        var outbox = new List<OutboxItem> { IndexItemFor(state, newState, now) };
        outbox.AddRange(messages.Select(m => new MailItem(m)));
        for (var n = 0; n < outbox.Count; n++)
        {
            actions.Add(new(TableTransactionActionType.Add,
                ReferralRows.OutboxRow(id, ReferralRows.OutboxKey(newState.Version, n), outbox[n], now)));
        }

        if (actions.Count > MaxOperations ||
            actions.Sum(a => StorageJson.ApproximateSize((TableEntity)a.Entity)) > MaxTransactionBytes)
        {
            throw new InvalidOperationException(
                $"A command on {id} would need {actions.Count} rows; one transaction holds at most {MaxOperations} rows and 4 MB.");
        }
        return actions;
    }

    /// <summary>The read-model update a command from <paramref name="before"/> to <paramref name="after"/> leaves in the outbox.</summary>
    public static IndexItem IndexItemFor(ReferralState before, ReferralState after, DateTimeOffset now)
    {
        var summary = new ReferralSummary(after.Id, after.Unit, after.ProfileId, after.ReviewBodyId, after.Status,
            after.ServiceTypeCode, after.SubmittedAt, now, after.Version) { OpenAfterEnd = after.HasEnded && !after.IsSettled };
        return new IndexItem(summary, QueueOf(after), QueueOf(before), before.Status == ReferralStatus.None ? null : before.Status);
    }

    private static QueueEntry? QueueOf(ReferralState state) =>
        state.Status == ReferralStatus.AwaitingReview ? new QueueEntry(state.ReviewBodyId, state.QueuedForReviewAt) : null;

    /// <summary>The first answer to an idempotency key, if one was committed: the state at that version
    /// and the events that command appended. Costs reads only on the retry path.</summary>
    private async Task<CommandResult?> ReplayAsync(string referralId, Key? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null) return null;
        var row = await storage.Referrals.GetEntityIfExistsAsync<TableEntity>(
            referralId, ReferralRows.CommandKey(idempotencyKey.Value), cancellationToken: cancellationToken);
        if (!row.HasValue) return null;
        // Bound to the caller, route and body of its first use: anything else learns nothing from it.
        if (row.Value!.GetString("Fingerprint") is { } bound && bound != idempotencyKey.Fingerprint) return new CommandResult.KeyReused();
        var first = row.Value!.GetInt32("FirstVersion") ?? 1;
        var version = row.Value.GetInt32("Version") ?? 0;
        var state = ReferralState.Initial with { Id = referralId };
        var events = new List<ReferralEvent>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey gt {ReferralRows.EventPrefix} and RowKey le {ReferralRows.EventKey(referralId, version)}");
        await foreach (var eventRow in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var recorded = ReferralRows.ReadEvent(eventRow);
            state = ReferralDecider.Evolve(state, recorded.Event);
            if (recorded.Version >= first) events.Add(recorded.Event);
        }
        // The first attempt committed, but its caller never got the answer: it failed right after the commit,
        // before it woke the clock (the transaction landed though its try timed out: the SDK's own retry then finds
        // the idempotency row, or the caller sends again after a 503). Without this the clock of a new referral
        // would not exist until the sweep, and every later "referral changed" would be discarded meanwhile. A second wake-up costs the clock one turn at most.
        await WakeClockAsync(referralId, first);
        return new CommandResult.Accepted(state, events, Replayed: true);
    }

    /// <summary>An idempotency key and what it is bound to.</summary>
    private sealed record Key(string Value, string? Fingerprint);

    /// <summary>The snapshot moved on between the read and the commit.</summary>
    private sealed record LostRace(int Version, ReferralCommand Command);
}
