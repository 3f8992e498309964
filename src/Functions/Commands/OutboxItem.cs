using System.Text.Json.Serialization;
using Referrals.Domain.Notifications;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Commands;

/// <summary>Work that a committed command leaves for the courier, written in the same transaction as
/// the events (an <c>out-…</c> row), so it is never lost and done at least once. The discriminators are
/// stored: never change them.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MailItem), "mail")]
[JsonDerivedType(typeof(IndexItem), "index")]
internal abstract record OutboxItem;

/// <summary>A mail to send (its Message-ID derives from the row, so a re-send is the same mail).</summary>
internal sealed record MailItem(OutgoingMessage Message) : OutboxItem;

/// <summary>The read models as of a version: the unit listing row, the row in its status's listing (and
/// the status it leaves, <see cref="PreviousStatus"/>; absent in rows written before it existed), and the
/// review-queue row while the referral waits for review (and the one to remove when it leaves or re-enters the queue).</summary>
internal sealed record IndexItem(ReferralSummary Summary, QueueEntry? Queue, QueueEntry? PreviousQueue, ReferralStatus? PreviousStatus = null) : OutboxItem;

/// <summary>A place in a review body's queue: oldest first by the time it was queued.</summary>
internal sealed record QueueEntry(string ReviewBodyId, DateTimeOffset QueuedAt);
