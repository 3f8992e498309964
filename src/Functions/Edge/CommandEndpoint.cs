using Referrals.Functions.AccessLog;
using Referrals.Functions.Referrals;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.Auth;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Edge;

/// <summary>One command on an existing referral, end to end at the HTTP edge: authenticate, check the
/// role (403), read the headers (<see cref="CommandHeaders"/>) and the body (400/413/415; the request record
/// checks its fields and turns itself into the command, <see cref="CommandRequest"/>), run the command (the
/// caller's unit is checked against the referral inside the command path's one read: 404, so existence is not
/// revealed) through <see cref="IReferralCommands"/>, and answer with the new state and its version as ETag
/// (or the matching problem).</summary>
internal static class CommandEndpoint
{
    /// <summary>The answer of a command whose actor sees the whole referral.</summary>
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RunAsync<TRequest>(
        HttpContext context, string referralId, CommandHeaders headers, Role role, CancellationToken cancellationToken)
        where TRequest : CommandRequest =>
        RunAsync<TRequest>(context, referralId, headers, [role], cancellationToken);

    /// <summary>The same, given by any of <paramref name="roles"/> (the first whose unit owns the referral's step).</summary>
    public static Task<Results<VersionedOk<ReferralView>, ProblemHttpResult>> RunAsync<TRequest>(
        HttpContext context, string referralId, CommandHeaders headers, IReadOnlyList<Role> roles, CancellationToken cancellationToken)
        where TRequest : CommandRequest =>
        RunAsync<TRequest, VersionedOk<ReferralView>>(context, referralId, headers, roles, (r, check) => r.ToCommand(check),
            ReferralAnswer(context), cancellationToken);

    /// <summary>The answer of a command for an actor who sees the whole referral: the referral and its version.</summary>
    public static Func<ReferralState, Actor?, VersionedOk<ReferralView>> ReferralAnswer(HttpContext context) =>
        (state, _) => Versions.Ok(ReferralView.From(state, context.RequestServices.GetService<ReferralDecider>()), state.Version);

    /// <summary>A command that any of <paramref name="roles"/> may give: the caller acts in the first of them whose
    /// unit owns the referral's step (e.g. the case owner, or the provider unit the service is assigned to), and
    /// <paramref name="answer"/> says what that actor gets back.</summary>
    public static async Task<Results<TAnswer, ProblemHttpResult>> RunAsync<TRequest, TAnswer>(
        HttpContext context, string referralId, CommandHeaders headers, IReadOnlyList<Role> roles,
        Func<TRequest, FieldCheck, Func<Actor, ReferralCommand>> toCommand, Func<ReferralState, Actor?, TAnswer> answer,
        CancellationToken cancellationToken)
        where TRequest : class where TAnswer : IResult
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!roles.Any(caller.Has)) return Problem.Of(context, 403, "forbidden");
        if (headers.KeyError is { } keyError) return Problem.Validation(context, [keyError]);

        if (!Ids.IsWellFormed(referralId)) return Problem.Of(context, 404, "not-found");
        var (body, problem) = await JsonBody.ParseAsync<TRequest>(context, cancellationToken);
        if (body is null) return problem ?? Problem.Of(context, 400, "malformed-json");
        var check = new FieldCheck();
        var commandBy = toCommand(body, check);
        if (!check.Passed) return Problem.Validation(context, check.Errors);

        // The caller's unit is checked against the state the command path reads anyway: one read per command.
        ReferralCommand? CommandFor(ReferralState state)
        {
            if (state.Status == ReferralStatus.None || ReferralAccess.RoleFor(caller, roles, state) is not { } role) return null;
            return commandBy(caller.As(role, ReferralAccess.UnitFor(role, state)));
        }
        return await ExecuteAsync(context, referralId, CommandFor, headers, answer, cancellationToken);
    }

    /// <summary>Runs a command and turns its result into HTTP: <paramref name="answer"/> on acceptance (a replay
    /// included; the actor is null when a retry is answered with its first answer without a new decision), a problem otherwise.</summary>
    /// <remarks>The command path itself tells the clock and courier after it commits.</remarks>
    /// <param name="onAccepted">Work that follows the commit, before the answer (a replay included), e.g. the
    /// client record write that a correction's event records.</param>
    public static async Task<Results<TAnswer, ProblemHttpResult>> ExecuteAsync<TAnswer>(
        HttpContext context, string referralId, Func<ReferralState, ReferralCommand?> commandFor, CommandHeaders headers,
        Func<ReferralState, Actor?, TAnswer> answer, CancellationToken cancellationToken, Func<CommandResult.Accepted, Task>? onAccepted = null)
        where TAnswer : IResult
    {
        var services = context.RequestServices;
        var caller = Caller.Of(context);
        var fingerprint = headers.IdempotencyKey is null || caller is null ? null : CommandHeaders.Fingerprint(caller.UserId, context);
        Actor? actingAs = null;
        ReferralCommand? Capture(ReferralState state)
        {
            var command = commandFor(state);
            actingAs = command?.By;
            return command;
        }
        var result = await services.GetRequiredService<IReferralCommands>()
            .ExecuteAsync(referralId, Capture, headers.IdempotencyKey, headers.ExpectedVersion, cancellationToken, fingerprint);
        switch (result)
        {
            case CommandResult.Accepted accepted:
                if (onAccepted is not null) await onAccepted(accepted);
                // A replay hands back the first answer's client data: logged like any read of it.
                if (accepted.Replayed && caller is not null && actingAs is { } actor)
                    await ClientDataReads.RecordAsync(context, caller, actor.Role, actor.Unit, referralId, cancellationToken);
                return answer(accepted.State, actingAs);
            case CommandResult.Rejected rejected:
                return RejectionProblems.Of(context, rejected.Rejection);
            case CommandResult.Conflict { PreconditionFailed: true } conflict:
                Versions.Stamp(context.Response, conflict.CurrentVersion);
                return Problem.Of(context, 412, "precondition-failed");
            case CommandResult.Conflict:
                return Problem.Of(context, 409, "conflict");
            case CommandResult.KeyReused:
                return Problem.Of(context, 422, "idempotency-key-reused");
            default:
                return Problem.Of(context, 404, "not-found");
        }
    }
}

/// <summary>The headers every command route takes, declared once (<c>[AsParameters]</c>): <c>Idempotency-Key</c>
/// (the same key again answers with the first result and writes nothing; keys become storage row keys, so their
/// alphabet and length are limited; a key is bound to its first use: the caller, the route and a hash of the body,
/// and the same key with any of them different is refused, 422 <c>idempotency-key-reused</c>) and <c>If-Match</c>
/// (the version the command expects: 412 when the referral has moved on).</summary>
internal sealed record CommandHeaders(
    [FromHeader(Name = CommandHeaders.IdempotencyKeyHeader)] string? IdempotencyKey,
    [FromHeader(Name = CommandHeaders.IfMatchHeader)] string? IfMatch)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string IfMatchHeader = "If-Match";
    public const int MaxKeyLength = 64;

    private const string BodyHashItem = "referrals.body-sha256";

    /// <summary>The headers as an Azure Functions trigger reads them (the standalone host binds them).</summary>
    public static CommandHeaders Of(HttpRequest request) =>
        new(HeaderOf(request, IdempotencyKeyHeader), HeaderOf(request, IfMatchHeader));

    /// <summary>The field error of a malformed key, or null.</summary>
    public FieldError? KeyError => CheckKey(IdempotencyKey);

    /// <summary>Null when there is no If-Match (or it is <c>*</c>); -1 when it names no version of ours,
    /// which never matches and so gives 412.</summary>
    public int? ExpectedVersion
    {
        get
        {
            if (string.IsNullOrWhiteSpace(IfMatch)) return null;
            var value = IfMatch.Trim();
            if (value == "*") return null;
            if (!Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParse(value, out var tag)) return -1;
            var inner = tag.Tag.Value?.Trim('"');
            return int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;
        }
    }

    public static FieldError? CheckKey(string? key) =>
        key is null || (key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            ? null
            : new FieldError(IdempotencyKeyHeader, "field.idempotency-key");

    /// <summary>What a key is bound to: SHA-256 over the caller's user id, the method and path, and the body's hash.</summary>
    public static string Fingerprint(string userId, HttpRequest request, string bodySha256Hex) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{userId}\n{request.Method} {request.Path.Value}\n{bodySha256Hex}")));

    /// <summary>The fingerprint of this request, whose body <see cref="JsonBody"/> has read (and hashed).</summary>
    public static string Fingerprint(string userId, HttpContext context) =>
        Fingerprint(userId, context.Request, context.Items[BodyHashItem] as string ?? "");

    /// <summary>Remembers the hash of the body read for this request.</summary>
    public static void RememberBody(HttpContext context, ReadOnlySpan<byte> body) =>
        context.Items[BodyHashItem] = Convert.ToHexStringLower(SHA256.HashData(body));

    private static string? HeaderOf(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}
