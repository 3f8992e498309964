using System.Collections.Concurrent;
using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Tests.Api;

/// <summary>An in-memory stand-in for the storage runtime's reader and command executor: enough process
/// (submit, draft, sign, idempotency, If-Match) to drive the HTTP edge without Azurite.</summary>
public sealed class FakeReferrals : IReferralReader, IReferralCommands
{
    public ConcurrentDictionary<string, ReferralState> States { get; } = new();
    public ConcurrentQueue<(string Id, ReferralCommand Command, string? Key, int? Expected)> Executed { get; } = new();
    private readonly ConcurrentDictionary<string, CommandResult> byKey = new();
    private readonly ConcurrentDictionary<string, string> fingerprints = new();

    /// <summary>Overrides the default behaviour for a command (return null to fall through).</summary>
    public Func<ReferralState?, ReferralCommand, CommandResult?>? Override { get; set; }

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public ReferralState Seed(string id, string unit, string reviewBody, ReferralStatus status = ReferralStatus.AwaitingReview, int draftVersion = 0)
    {
        var state = ReferralState.Initial with
        {
            Id = id, Version = 3, Status = status, Unit = unit, ReviewBodyId = reviewBody, ProfileId = "test-profile",
            CaseOwner = "u1", ClientId = "c-0123", ClientBirthDate = new DateOnly(1981, 1, 1), ServiceTypeCode = "group",
            AssessmentSummary = "summary", Goals = ["goal"], RequestedStart = new DateOnly(2026, 4, 1), SubmittedAt = Now,
            DraftVersion = draftVersion,
            Draft = draftVersion > 0 ? Draft() : null,
        };
        States[id] = state;
        return state;
    }

    public static DecisionDraft Draft() => new(DecisionKind.Granting, "group", "shl-17", "Tarve todettu.", new DateOnly(2026, 4, 1),
        new DateOnly(2026, 9, 30), 6, "Maija Meikäläinen", "p. 09 123", "u1");

    public Task<CommandResult> ExecuteAsync(string referralId, ReferralCommand command, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null)
    {
        Executed.Enqueue((referralId, command, idempotencyKey, expectedVersion));
        if (idempotencyKey is not null && byKey.TryGetValue($"{referralId}/{idempotencyKey}", out var first))
        {
            if (fingerprints.TryGetValue($"{referralId}/{idempotencyKey}", out var bound) && bound != fingerprint)
                return Task.FromResult<CommandResult>(new CommandResult.KeyReused());
            return Task.FromResult(first is CommandResult.Accepted a ? a with { Replayed = true } : first);
        }
        States.TryGetValue(referralId, out var state);
        var result = Override?.Invoke(state, command) ?? Decide(referralId, state, command, expectedVersion);
        if (result is CommandResult.Accepted accepted) States[referralId] = accepted.State;
        if (idempotencyKey is not null)
        {
            byKey[$"{referralId}/{idempotencyKey}"] = result;
            if (fingerprint is not null) fingerprints[$"{referralId}/{idempotencyKey}"] = fingerprint;
        }
        return Task.FromResult(result);
    }

    public Task<CommandResult> ExecuteAsync(string referralId, Func<ReferralState, ReferralCommand?> commandFor, string? idempotencyKey, int? expectedVersion,
        CancellationToken cancellationToken = default, string? fingerprint = null)
    {
        var state = States.TryGetValue(referralId, out var existing) ? existing : ReferralState.Initial with { Id = referralId };
        return commandFor(state) is { } command
            ? ExecuteAsync(referralId, command, idempotencyKey, expectedVersion, cancellationToken, fingerprint)
            : Task.FromResult<CommandResult>(new CommandResult.NotFound());
    }

    private static CommandResult Decide(string id, ReferralState? state, ReferralCommand command, int? expected)
    {
        if (command is SubmitReferral s)
        {
            if (state is not null) return new CommandResult.Rejected(new Rejection(RejectionCode.AlreadySubmitted));
            var created = ReferralState.Initial with
            {
                Id = id, Version = 1, Status = ReferralStatus.AwaitingReview, Unit = s.By.Unit, CaseOwner = s.By.UserId,
                ProfileId = s.ProfileId, ReviewBodyId = "body-a", ClientId = s.ClientId, ClientBirthDate = s.ClientBirthDate,
                ServiceTypeCode = s.ServiceTypeCode, AssessmentSummary = s.AssessmentSummary, Goals = [.. s.Goals],
                RequestedStart = s.RequestedStart, SubmittedAt = Now,
            };
            return new CommandResult.Accepted(created, [], false);
        }
        if (state is null) return new CommandResult.NotFound();
        if (expected is not null && expected != state.Version) return new CommandResult.Conflict(state.Version, PreconditionFailed: true);
        var next = state with { Version = state.Version + 1 };
        next = command switch
        {
            ReviewReferral { Outcome: ReviewOutcome.Approve } => next with { Status = ReferralStatus.AwaitingGrantingDraft },
            DraftDecision => next with { Status = ReferralStatus.AwaitingSignature, DraftVersion = state.DraftVersion + 1, Draft = Draft() },
            SignDecision sign when state.Status != ReferralStatus.AwaitingSignature || sign.DraftVersion != state.DraftVersion => null!,
            SignDecision sign => next with
            {
                Status = ReferralStatus.AwaitingServiceStart,
                Decision = new SignedDecision(sign.DraftVersion, state.Draft!, "hash", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), sign.By.UserId),
            },
            ReturnDecision => next with { Status = ReferralStatus.AwaitingGrantingDraft },
            StartService st => next with { Status = ReferralStatus.ServiceActive, ServiceStartedOn = st.StartedOn },
            RecordClientPlan p => next with { ClientPlanOn = p.AgreedOn },
            _ => next,
        };
        return next is null
            ? new CommandResult.Rejected(new Rejection(RejectionCode.InvalidState))
            : new CommandResult.Accepted(next, [], false);
    }

    public Task<ReferralState?> GetAsync(string referralId, CancellationToken cancellationToken = default) =>
        Task.FromResult(States.TryGetValue(referralId, out var s) ? s : null);

    public Task<IReadOnlyList<RecordedEvent>> TimelineAsync(string referralId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecordedEvent>>([new RecordedEvent(1, new ReferralApproved("ok") { At = Now, By = new Actor("u3", Role.ReviewBodyMember, "body-a") })]);

    public Task<Page<ReferralSummary>?> ListAsync(string unit, ReferralStatus? status, string? continuation, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<Page<ReferralSummary>?>(new Page<ReferralSummary>(
            States.Values.Where(s => s.Unit == unit && (status is null || s.Status == status)).Select(Summary).Take(limit).ToList(), null));

    public Task<Page<ReferralSummary>?> ReviewQueueAsync(string reviewBodyId, string? continuation, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<Page<ReferralSummary>?>(new Page<ReferralSummary>(
            States.Values.Where(s => s.ReviewBodyId == reviewBodyId).Select(Summary).Take(limit).ToList(), null));

    private static ReferralSummary Summary(ReferralState s) =>
        new(s.Id, s.Unit, s.ProfileId, s.ReviewBodyId, s.Status, s.ServiceTypeCode, s.SubmittedAt, s.SubmittedAt, s.Version);
}
