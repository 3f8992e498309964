using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Functions.Mail;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Referrals;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Outbox;

/// <summary>Delivers a referral's outbox rows: read-model and schedule updates (idempotent) and mail (at
/// least once, with the row's stable Message-ID). A row is deleted once done; a failure is retried with
/// backoff and, after <see cref="MailOptions.MaxAttempts"/>, parked for an operator.</summary>
public sealed class OutboxCourier(
    StorageAccount storage,
    ReadModelProjector readModels,
    ScheduleProjector schedule,
    MailComposer composer,
    IMailTransport transport,
    ReferralSignals signals,
    ParkedMessages parked,
    TimeProvider time,
    IOptionsMonitor<MailOptions> mailOptions,
    IOptions<ClockOptions> clockOptions,
    ILogger<OutboxCourier> logger) : IOutboxCourier
{
    // One referral's rows are delivered in order by one flow of this host; a fixed set of gates keeps
    // the memory bounded however many referrals pass through.
    private readonly SemaphoreSlim[] gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<int> DeliverAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await DeliverPendingAsync(referralId, cancellationToken)).Delivered;

    /// <summary>Delivers what is due now; Remaining counts rows left for a later attempt.</summary>
    public async Task<(int Delivered, int Remaining)> DeliverPendingAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        var gate = gates[(int)((uint)StringComparer.Ordinal.GetHashCode(referralId) % (uint)gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {referralId} and RowKey ge {ReferralRows.OutboxPrefix} and RowKey lt {ReferralRows.OutboxEnd}");
            var rows = new List<TableEntity>();
            await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);

            int delivered = 0, remaining = 0;
            foreach (var row in rows)
            {
                var now = time.GetUtcNow();
                if (row.GetDateTimeOffset("NextAttemptAt") is { } next && next > now ||
                    row.GetDateTimeOffset("LeaseUntil") is { } lease && lease > now)
                {
                    remaining++;
                    continue;
                }
                switch (await DeliverRowAsync(row, now, cancellationToken))
                {
                    case RowOutcome.Delivered: delivered++; break;
                    case RowOutcome.Pending: remaining++; break;
                }
            }
            return (delivered, remaining);
        }
        finally
        {
            gate.Release();
        }
    }

    private enum RowOutcome { Delivered, Pending, Parked }

    private async Task<RowOutcome> DeliverRowAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var etag = row.ETag;
        OutboxItem item;
        try
        {
            item = ReferralRows.ReadOutboxItem(row);
        }
        catch (Exception unreadable) when (unreadable is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            // Written by a version of the code that this one cannot read: for an operator, not a retry loop.
            return await FailAsync(row, etag, new UndeliverableException($"Unreadable outbox row: {unreadable.Message}"), now, cancellationToken)
                ? RowOutcome.Parked : RowOutcome.Pending;
        }
        try
        {
            if (item is MailItem)
            {
                // Claim first, so that of several hosts only one sends (a crash after the send may still
                // send it again, as the same mail).
                row["LeaseUntil"] = now + clockOptions.Value.ClaimDuration;
                etag = (await storage.Referrals.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken)).Headers.ETag ?? ETag.All;
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return RowOutcome.Pending; // another courier has it
        }

        try
        {
            await ApplyAsync(row, item, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return await FailAsync(row, etag, failure, now, cancellationToken) ? RowOutcome.Parked : RowOutcome.Pending;
        }

        try
        {
            await storage.Referrals.DeleteEntityAsync(row.PartitionKey, row.RowKey, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Done by another courier too: both results are the same.
        }
        return RowOutcome.Delivered;
    }

    private async Task ApplyAsync(TableEntity row, OutboxItem item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case IndexItem index:
                await readModels.ApplyAsync(index, cancellationToken);
                break;
            case ScheduleItem timers:
                await schedule.ApplyAsync(row.PartitionKey, timers, cancellationToken);
                signals.WakeClock();
                break;
            case MailItem mail:
                var message = await composer.ComposeAsync(mail.Message, row.PartitionKey, row.RowKey,
                    row.GetDateTimeOffset("CreatedAt") ?? time.GetUtcNow(), cancellationToken)
                    ?? throw new UndeliverableException($"No address for {mail.Message.To.Role} '{mail.Message.To.Key}' in Mail:Recipients.");
                await transport.SendAsync(message, cancellationToken);
                break;
            default:
                throw new UndeliverableException($"Unknown outbox item {item.GetType().Name}.");
        }
    }

    /// <summary>Schedules the retry, or parks the row; true when parked.</summary>
    private async Task<bool> FailAsync(TableEntity row, ETag etag, Exception failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        var settings = mailOptions.CurrentValue;
        // The exception's type and message only: they name hosts and codes, never client data.
        var reason = $"{failure.GetType().Name}: {failure.Message}";
        if (reason.Length > 1000) reason = reason[..1000];
        logger.LogWarning("Outbox row {ReferralId}/{Row} failed (attempt {Attempts}): {Reason}", row.PartitionKey, row.RowKey, attempts, reason);
        try
        {
            if (attempts >= settings.MaxAttempts || failure is UndeliverableException)
            {
                await parked.ParkAsync(row, attempts, reason, now, cancellationToken);
                await storage.Referrals.DeleteEntityAsync(row.PartitionKey, row.RowKey, etag, cancellationToken);
                return true;
            }
            var update = new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["Attempts"] = attempts,
                ["NextAttemptAt"] = now + settings.RetryBackoff * Math.Pow(2, attempts - 1),
                ["LeaseUntil"] = now,
                ["LastError"] = reason,
            };
            await storage.Referrals.UpdateEntityAsync(update, etag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another courier moved it on.
        }
        return false;
    }

    /// <summary>A row that no retry can deliver (no address, unknown item): parked at once.</summary>
    private sealed class UndeliverableException(string message) : Exception(message);
}
