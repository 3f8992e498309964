using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Referrals.Functions.Mail;
using Referrals.Functions.Commands;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Outbox;

[Collection(DevServicesCollection.Name)]
public sealed class CourierTests(DevServices services)
{
    /// <summary>Sends through the real SMTP transport, failing on the calls the test chooses: before the
    /// send (the relay is down) or after it (the host dies between send and mark).</summary>
    private sealed class FlakyTransport(IMailTransport real) : IMailTransport
    {
        public Func<int, string?> Fault { get; set; } = _ => null;
        /// <summary>Fault "hang": the send waits for this (a relay that accepted the connection and says nothing).</summary>
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> MessageIds { get; } = [];
        private int calls;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            var call = Interlocked.Increment(ref calls);
            lock (MessageIds) MessageIds.Add(message.MessageId ?? "");
            var fault = Fault(call);
            if (fault == "before") throw new IOException("relay unreachable");
            if (fault == "hang")
            {
                Hanging.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            await real.SendAsync(message, cancellationToken);
            if (fault == "after") throw new IOException("connection lost after the send");
        }
    }

    private static TestRuntime Runtime(DevServices services, out FlakyTransport transport)
    {
        FlakyTransport? created = null;
        var runtime = TestRuntime.Create(services, Scenario.Start, s => s.AddSingleton<IMailTransport>(sp =>
            created = new FlakyTransport(ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp))));
        _ = runtime.Services.GetRequiredService<IMailTransport>();
        transport = created!;
        return runtime;
    }

    [Fact]
    public async Task A_send_that_fails_after_the_relay_took_it_is_resent_as_the_same_mail()
    {
        await using var runtime = Runtime(services, out var transport);
        transport.Fault = call => call == 1 ? "after" : null;
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);

        var first = await runtime.Courier.DeliverAsync(id);
        Assert.Equal(1, first.Remaining); // the mail row waits for its retry
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        await runtime.Courier.DeliverAsync(id);

        Assert.Equal(2, transport.MessageIds.Count);
        Assert.Single(transport.MessageIds.Distinct());
        var inbox = await services.Maildev.WaitAsync(all => all.Count(m => m.IsTo(runtime.Mailbox("ReviewBody"))) >= 2);
        var copies = inbox.Where(m => m.IsTo(runtime.Mailbox("ReviewBody"))).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Single(copies.Select(m => (m.MessageId, m.Subject, m.Text)).Distinct());
        Assert.Equal($"<{transport.MessageIds[0]}>", copies[0].MessageId);
        // Opaque: the Message-ID names neither the referral nor the outbox row (160 bits of an HMAC, hex).
        Assert.Matches("^[0-9a-f]{40}@referrals.test$", transport.MessageIds[0]);
        Assert.DoesNotContain(id, transport.MessageIds[0], StringComparison.Ordinal);
        Assert.DoesNotContain("out-", transport.MessageIds[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mail_that_keeps_failing_is_retried_with_backoff_then_parked_for_operators()
    {
        await using var runtime = Runtime(services, out var transport);
        transport.Fault = _ => "before";
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);

        var failed = await runtime.Courier.DeliverAsync(id);
        Assert.Equal(1, failed.Remaining);
        Assert.Equal(runtime.Time.GetUtcNow() + TimeSpan.FromSeconds(1), failed.RetryAt); // the clock wakes for it
        Assert.Single(transport.MessageIds);
        // Not yet due again: the backoff holds it.
        var held = await runtime.Courier.DeliverAsync(id);
        Assert.Equal((0, 1), (held.Delivered, held.Remaining));
        Assert.NotNull(held.RetryAt);
        Assert.Single(transport.MessageIds);

        runtime.Time.Advance(TimeSpan.FromSeconds(1.5)); // RetryBackoff 1 s
        await runtime.Courier.DeliverAsync(id);
        Assert.Equal(2, transport.MessageIds.Count);
        runtime.Time.Advance(TimeSpan.FromSeconds(2.5)); // then 2 s; the third failure parks it (MaxAttempts 3)
        Assert.Equal(new OutboxDelivery(0, 0, null), await runtime.Courier.DeliverAsync(id));
        Assert.Equal(3, transport.MessageIds.Count);

        var parked = await runtime.Parked.ListAsync();
        var message = Assert.Single(parked);
        Assert.Equal(id, message.ReferralId);
        Assert.Equal("mail", message.Kind);
        Assert.Equal(3, message.Attempts);
        Assert.Contains("relay unreachable", message.LastError);
        Assert.DoesNotContain(id, await runtime.Outbox.PendingReferralsAsync());
    }

    [Fact]
    public async Task Read_model_rows_are_written_while_a_hanging_relay_holds_the_mail_before_them()
    {
        await using var runtime = Runtime(services, out var transport);
        transport.Fault = _ => "before";
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        await runtime.Courier.DeliverAsync(id); // version 1: listed; its mail fails and waits for a retry
        runtime.Time.Advance(TimeSpan.FromSeconds(2));
        await runtime.Commands.ExecuteAsync(id, Scenario.Approve(), null, null);

        // Now the relay hangs: version 1's mail (due again, and first by key) must not hold version 2's listing.
        transport.Fault = _ => "hang";
        var delivery = runtime.Courier.DeliverAsync(id);
        await transport.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var approved = await runtime.Reader.ListAsync(Scenario.Unit, Domain.Referrals.ReferralStatus.AwaitingGrantingDraft, null, 10);
        Assert.Contains(approved!.Items, r => r.ReferralId == id);
        Assert.False(delivery.IsCompleted);

        transport.Fault = _ => null;
        transport.Release.SetResult();
        var done = await delivery.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, done.Remaining);
    }

    [Fact]
    public async Task Parked_mail_requeued_by_an_operator_is_delivered_once()
    {
        await using var runtime = Runtime(services, out var transport);
        transport.Fault = _ => "before";
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        var parked = runtime.Parked;
        for (var i = 0; i < 3; i++)
        {
            await runtime.Courier.DeliverAsync(id);
            runtime.Time.Advance(TimeSpan.FromSeconds(10));
        }
        var row = Assert.Single(await parked.ListAsync(), p => p.ReferralId == id);

        Assert.Empty(await parked.RequeueAsync(id, "out-0000000099-001"));
        Assert.Equal([row.OutboxRow], await parked.RequeueAsync(id, null));
        Assert.DoesNotContain(await parked.ListAsync(), p => p.ReferralId == id);
        Assert.Contains(id, await runtime.Outbox.PendingReferralsAsync());
        Assert.Empty(await parked.RequeueAsync(id, null)); // nothing left to requeue

        transport.Fault = _ => null;
        var delivered = await runtime.Courier.DeliverAsync(id); // a fresh row: no attempts, no backoff
        Assert.Equal((1, 0), (delivered.Delivered, delivered.Remaining));
        var inbox = await services.Maildev.WaitAsync(all => all.Any(m => m.IsTo(runtime.Mailbox("ReviewBody"))));
        await Task.Delay(500);
        inbox = await services.Maildev.AllAsync();
        Assert.Single(inbox, m => m.IsTo(runtime.Mailbox("ReviewBody")));
    }

    [Fact]
    public async Task A_role_without_an_address_is_parked_at_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start, settings: new Dictionary<string, string?>
        {
            ["Mail:Recipients:ReviewBody:Any"] = null,
        });
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        await runtime.Courier.DeliverAsync(id);
        var parked = Assert.Single(await runtime.Parked.ListAsync());
        Assert.Contains("No address for ReviewBody", parked.LastError);
    }

    [Fact]
    public async Task Rows_left_behind_by_a_crash_are_found_by_the_sweep_and_delivered_once()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        // No signal was acted on (as if the host died right after the commit): the sweep finds the rows.
        var sweep = runtime.Outbox;
        Assert.Contains(id, await sweep.PendingReferralsAsync());
        await runtime.SettleAsync();
        await runtime.SettleAsync();
        Assert.DoesNotContain(id, await sweep.PendingReferralsAsync());

        var inbox = await services.Maildev.WaitAsync(all => all.Any(m => m.IsTo(runtime.Mailbox("ReviewBody"))));
        Assert.Single(inbox, m => m.IsTo(runtime.Mailbox("ReviewBody")));
        var queue = await runtime.Reader.ReviewQueueAsync(Scenario.Profile, null, 10);
        Assert.Equal(id, Assert.Single(queue!.Items).ReferralId);
    }

    [Fact]
    public async Task An_outbox_row_this_code_cannot_read_is_parked_not_retried_forever()
    {
        await using var runtime = TestRuntime.Create(services, Scenario.Start);
        var id = DevServices.NewReferralId();
        await runtime.Commands.ExecuteAsync(id, Scenario.Submit(), null, null);
        await runtime.Storage.Referrals.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(id, "out-0000000001-900")
        {
            ["Kind"] = "mail",
            ["Item"] = "{\"$type\":\"carrier-pigeon\"}",
        });

        await runtime.SettleAsync();

        var parked = Assert.Single(await runtime.Parked.ListAsync());
        Assert.Equal(("out-0000000001-900", "mail"), (parked.OutboxRow, parked.Kind));
        Assert.Contains("Unreadable outbox row", parked.LastError);
        Assert.DoesNotContain(id, await runtime.Outbox.PendingReferralsAsync());
    }
}
