using Microsoft.Extensions.DependencyInjection;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Referrals.Functions.Clock;
using Referrals.Functions.Mail;
using Referrals.Functions.ReadModels;
using Referrals.Functions.Storage;

namespace Referrals.Functions.Commands;

/// <summary>Delivers a referral's outbox rows: read-model updates (idempotent) and mail (at least once,
/// with the row's stable Message-ID). The rows done are deleted together at the end, in one transaction; a failure is retried with backoff
/// and, after <see cref="MailOptions.MaxAttempts"/>, parked for an operator. Runs as the referral
/// clock's DeliverOutbox activity, so referrals are delivered in parallel, each by its own clock.</summary>
internal sealed class OutboxCourier(
    [FromKeyedServices(StorageAccount.Background)] StorageAccount storage,
    ReadModelProjector readModels,
    Reports.ReportProjector reports,
    MailComposer composer,
    IMailTransport transport,
    ParkedMessages parked,
    TimeProvider time,
    IOptionsMonitor<MailOptions> mailOptions,
    ILogger<OutboxCourier> logger) : IOutboxCourier
{
    // One referral's rows are delivered by one flow of this host at a time; each referral has its own
    // gate while it is in use (none is kept for referrals that are not), so referrals never wait on each other.
    private readonly KeyedGate gates = new();
    // However many referrals deliver at once, only so many hold an SMTP connection (Mail:MaxConcurrentSends).
    private readonly SemaphoreSlim sends = new(mailOptions.CurrentValue.MaxConcurrentSends, mailOptions.CurrentValue.MaxConcurrentSends);

    /// <summary>Delivers what is due now; Remaining counts rows left for a later attempt, RetryAt says when.
    /// Read-model rows go first and never wait for mail: a relay that hangs delays only the mail. When
    /// one mail of the referral fails, the rest of its mail waits for the same retry instead of each
    /// waiting out its own timeout now.</summary>
    public async Task<OutboxDelivery> DeliverAsync(string referralId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync();
        return await gates.RunAsync(referralId, () => DeliverRowsAsync(referralId, cancellationToken), cancellationToken);
    }

    private async Task<OutboxDelivery> DeliverRowsAsync(string referralId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {referralId} and RowKey ge {ReferralRows.OutboxPrefix} and RowKey lt {ReferralRows.OutboxEnd}");
        var rows = new List<TableEntity>();
        await foreach (var row in storage.Referrals.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(row);

        int delivered = 0, remaining = 0;
        DateTimeOffset? retryAt = null;
        void Later(DateTimeOffset at)
        {
            remaining++;
            if (retryAt is null || at < retryAt) retryAt = at;
        }
        DateTimeOffset? mailFailedUntil = null;
        var finished = new List<(TableEntity Row, ETag ETag)>();
        // Read-model rows first (in their order), then mail (in its order).
        foreach (var row in rows.Where(r => r.GetString("Kind") != "mail").Concat(rows.Where(r => r.GetString("Kind") == "mail")))
        {
            var now = time.GetUtcNow();
            var isMail = row.GetString("Kind") == "mail";
            if (NotBefore(row) is { } notBefore && notBefore > now)
            {
                Later(notBefore);
                continue;
            }
            if (isMail && mailFailedUntil is { } until)
            {
                Later(until);
                continue;
            }
            var outcome = isMail ? await SendRowAsync(row, now, cancellationToken) : await DeliverRowAsync(row, now, cancellationToken);
            if (outcome.Delivered)
            {
                delivered++;
                finished.Add((row, outcome.ETag));
            }
            else if (!outcome.Done)
            {
                var at = outcome.RetryAt ?? now + mailOptions.CurrentValue.SendLease;
                Later(at);
                if (isMail && outcome.RetryAt is not null) mailFailedUntil = at;
            }
        }
        await RemoveAsync(finished, cancellationToken);
        return new OutboxDelivery(delivered, remaining, retryAt);
    }

    /// <summary>Removes the rows delivered, in one transaction (they share the referral's partition; up to 100 at a
    /// time), each only as this courier left it. A crash before it delivers them again: read models are idempotent and
    /// a mail goes again with its own Message-ID. Should another courier have moved one on, one by one.</summary>
    private async Task RemoveAsync(List<(TableEntity Row, ETag ETag)> finished, CancellationToken cancellationToken)
    {
        foreach (var batch in finished.Chunk(100))
        {
            try
            {
                await storage.Referrals.SubmitTransactionAsync(
                    batch.Select(f => new TableTransactionAction(TableTransactionActionType.Delete, f.Row, f.ETag)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                foreach (var (row, etag) in batch)
                {
                    try
                    {
                        await storage.Referrals.DeleteEntityAsync(row.PartitionKey, row.RowKey, etag, cancellationToken);
                    }
                    catch (RequestFailedException gone) when (gone.Status is 404 or 412)
                    {
                        // Done by another courier too: both results are the same.
                    }
                }
            }
        }
    }

    /// <summary>A mail row, within <see cref="MailOptions.MaxConcurrentSends"/> for the whole host.</summary>
    private async Task<RowOutcome> SendRowAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await sends.WaitAsync(cancellationToken);
        try
        {
            return await DeliverRowAsync(row, time.GetUtcNow(), cancellationToken);
        }
        finally
        {
            sends.Release();
        }
    }

    /// <summary>When a row may next be tried: after its retry backoff, and after another courier's lease.</summary>
    private static DateTimeOffset? NotBefore(TableEntity row)
    {
        var next = row.GetDateTimeOffset("NextAttemptAt");
        var lease = row.GetDateTimeOffset("LeaseUntil");
        return next is null ? lease : lease is null ? next : next > lease ? next : lease;
    }

    /// <summary>What became of a row: done (delivered or parked), or left for a later attempt at <see cref="RetryAt"/>
    /// (null: another courier holds it, try after a lease).</summary>
    private readonly record struct RowOutcome(bool Done, bool Delivered, DateTimeOffset? RetryAt, ETag ETag = default)
    {
        /// <summary>Delivered; the row is removed with the others at the end, if it is still as <paramref name="etag"/> says.</summary>
        public static RowOutcome Sent(ETag etag) => new(true, true, null, etag);

        public static readonly RowOutcome Parked = new(true, false, null);
        public static readonly RowOutcome Held = new(false, false, null);
        public static RowOutcome Retry(DateTimeOffset at) => new(false, false, at);
    }

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
            return await FailAsync(row, etag, new UndeliverableException($"Unreadable outbox row: {unreadable.Message}"), now, cancellationToken);
        }
        try
        {
            if (item is MailItem)
            {
                // Claim first, so that of several hosts only one sends (a crash after the send may still
                // send it again, as the same mail).
                row["LeaseUntil"] = now + mailOptions.CurrentValue.SendLease;
                etag = (await storage.Referrals.UpdateEntityAsync(row, etag, TableUpdateMode.Merge, cancellationToken)).Headers.ETag ?? ETag.All;
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return RowOutcome.Held; // another courier has it
        }

        try
        {
            await ApplyAsync(row, item, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return await FailAsync(row, etag, failure, now, cancellationToken);
        }

        return RowOutcome.Sent(etag);
    }

    private async Task ApplyAsync(TableEntity row, OutboxItem item, CancellationToken cancellationToken)
    {
        switch (item)
        {
            case IndexItem index:
                await readModels.ApplyAsync(index, cancellationToken);
                await reports.ApplyAsync(index.Summary.ReferralId, index.Summary.Version, cancellationToken);
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

    /// <summary>Schedules the retry, or parks the row.</summary>
    private async Task<RowOutcome> FailAsync(TableEntity row, ETag etag, Exception failure, DateTimeOffset now, CancellationToken cancellationToken)
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
                return RowOutcome.Parked;
            }
            var retryAt = now + settings.RetryBackoff * Math.Pow(2, attempts - 1);
            var update = new TableEntity(row.PartitionKey, row.RowKey)
            {
                ["Attempts"] = attempts,
                ["NextAttemptAt"] = retryAt,
                ["LeaseUntil"] = now,
                ["LastError"] = reason,
            };
            await storage.Referrals.UpdateEntityAsync(update, etag, TableUpdateMode.Merge, cancellationToken);
            return RowOutcome.Retry(retryAt);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another courier moved it on.
            return RowOutcome.Held;
        }
    }

    /// <summary>A row that no retry can deliver (no address, unknown item): parked at once.</summary>
    private sealed class UndeliverableException(string message) : Exception(message);
}
