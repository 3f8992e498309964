using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Decisions;
using Referrals.Domain.Referrals;
using Referrals.Functions.Clients;

namespace Referrals.Functions.Decisions;

/// <summary>Assembles what <see cref="DecisionDocument.Render"/> needs where a decision is rendered at the
/// edge: the referral, the process configuration and the client as a party, read from the protected client
/// record (<see cref="IClientRecords"/>). The caller has already passed the access check that logs the
/// read. A referral without a record (one from before the record existed) renders with a placeholder.</summary>
internal static class DecisionRendering
{
    /// <summary>The client as a party of the referral's decision, or null when no record is stored.</summary>
    public static async Task<DecisionClient?> ClientAsync(IServiceProvider services, ReferralState state, CancellationToken cancellationToken) =>
        services.GetService<IClientRecords>() is { } records && state.ClientId.Length > 0
            ? DecisionClient.From(await records.GetAsync(state.ClientId, cancellationToken))
            : null;

    public static async Task<DecisionContent> ForDraftAsync(IServiceProvider services, ReferralState state, CancellationToken cancellationToken) =>
        DecisionContents.ForDraft(Configuration(services, state), state, await ClientAsync(services, state, cancellationToken));

    public static async Task<DecisionContent> ForSignedAsync(IServiceProvider services, ReferralState state, CancellationToken cancellationToken) =>
        DecisionContents.ForSigned(Configuration(services, state), state, await ClientAsync(services, state, cancellationToken));

    /// <summary>One of the referral's signed decisions (an earlier one, or the latest).</summary>
    public static async Task<DecisionContent> ForSignedAsync(IServiceProvider services, ReferralState state, SignedDecision decision, CancellationToken cancellationToken) =>
        DecisionContents.ForSigned(Configuration(services, state), state, await ClientAsync(services, state, cancellationToken), decision);

    /// <summary>The configuration the referral runs under (the version it started under, while loaded).</summary>
    private static Domain.Profiles.ProcessConfiguration? Configuration(IServiceProvider services, ReferralState state) =>
        services.GetService<ReferralDecider>()?.ConfigurationOf(state);
}
