using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Documents;
using Referrals.Functions.Commands;

namespace Referrals.Functions.Attachments;

/// <summary>Attachments of a referral: uploaded by the worker (multipart, field <c>file</c>), read by anyone
/// who may read the referral (access-logged).</summary>
internal static partial class AttachmentHandlers
{
    public static async Task<IResult> Add(
        HttpContext context, string id, [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.ReferringWorker)) return Problem.Of(context, 403, "forbidden");
        if (CommandHeaders.CheckKey(idempotencyKey) is { } keyError) return Problem.Validation(context, [keyError]);
        if (!Ids.IsWellFormed(id)) return Problem.Of(context, 404, "not-found");
        var state = await context.RequestServices.GetRequiredService<IReferralReader>().GetAsync(id, cancellationToken);
        if (state is null || state.Status == ReferralStatus.None || !ReferralAccess.Covers(caller, Role.ReferringWorker, state))
            return Problem.Of(context, 404, "not-found");
        // Store nothing for a referral that can no longer take it.
        if (state.HasEnded) return RejectionProblems.Of(context, new Rejection(RejectionCode.ReferralEnded));

        var max = context.RequestServices.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxAttachmentBytes;
        if (!context.Request.HasFormContentType || !(context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false))
            return Problem.Of(context, 415, "unsupported-media-type");
        if (context.Request.ContentLength > max + 64 * 1024) return Problem.Of(context, 413, "payload-too-large");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 64 * 1024;

        IFormFile? file;
        try
        {
            var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }, cancellationToken);
            file = form.Files.GetFile("file");
        }
        catch (InvalidDataException) { return Problem.Of(context, 413, "payload-too-large"); }
        catch (BadHttpRequestException e) when (e.StatusCode == 413) { return Problem.Of(context, 413, "payload-too-large"); }
        if (file is null) return Problem.Validation(context, [new FieldError("file", "field.multipart")]);
        if (file.Length == 0) return Problem.Of(context, 400, "empty-attachment");
        if (file.Length > max) return Problem.Of(context, 413, "payload-too-large");

        StoredAttachment stored;
        try
        {
            await using var content = file.OpenReadStream();
            var name = SafeFileName(file.FileName);
            // Bound to the caller, the route and the file's name; the store compares the bytes themselves.
            var fingerprint = idempotencyKey is null ? null : CommandHeaders.Fingerprint(caller.UserId, context.Request, "name:" + name);
            stored = await context.RequestServices.GetRequiredService<IDocumentStore>().AddAttachmentAsync(
                id, name, content, IdempotencyKeys.AttachmentIdFor(id, idempotencyKey), cancellationToken, fingerprint);
        }
        catch (DocumentRejectedException e)
        {
            var (status, code) = ProblemHandling.Classify(e);
            return Problem.Of(context, status, code);
        }
        if (stored.Scan == AttachmentScan.Pending)
        {
            // Stored as pending first: a crash before the verdict leaves a file that is never served.
            var bytesForScan = await ReadAllAsync(file, cancellationToken);
            var verdict = await context.RequestServices.GetRequiredService<IMalwareScanner>().ScanAsync(bytesForScan, cancellationToken);
            if (verdict != AttachmentScan.Pending)
            {
                await context.RequestServices.GetRequiredService<IDocumentStore>().SetScanAsync(id, stored.AttachmentId, verdict, cancellationToken);
                stored = stored with { Scan = verdict };
            }
        }
        // The upload goes into the referral's event stream (who, when, which file by id and hash): the audit
        // trail. A retried upload (same key, so same id) is already on record and adds nothing.
        var recorded = await context.RequestServices.GetRequiredService<IReferralCommands>().ExecuteAsync(
            id, new RecordAttachment(stored.AttachmentId, stored.ContentType, stored.Length, stored.Sha256Hex)
            {
                By = caller.As(Role.ReferringWorker, state.Unit),
            }, idempotencyKey: null, expectedVersion: null, cancellationToken);
        switch (recorded)
        {
            case CommandResult.Rejected rejected: return RejectionProblems.Of(context, rejected.Rejection);
            case CommandResult.Conflict: return Problem.Of(context, 409, "conflict");
            case CommandResult.NotFound: return Problem.Of(context, 404, "not-found");
        }
        await ClientDataReads.RecordAsync(context, caller, Role.ReferringWorker, state.Unit, id, cancellationToken);
        return TypedResults.Created($"/api/referrals/{Uri.EscapeDataString(id)}/attachments/{Uri.EscapeDataString(stored.AttachmentId)}", stored);
    }

    public static async Task<IResult> List(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (_, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        return TypedResults.Ok(await context.RequestServices.GetRequiredService<IDocumentStore>().ListAttachmentsAsync(id, cancellationToken));
    }

    public static async Task<IResult> Get(HttpContext context, string id, string attachmentId, CancellationToken cancellationToken)
    {
        var (_, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        if (!Ids.IsWellFormed(attachmentId)) return Problem.Of(context, 404, "not-found");
        var opened = await context.RequestServices.GetRequiredService<IDocumentStore>().OpenAttachmentAsync(id, attachmentId, cancellationToken);
        if (opened is not { } found) return Problem.Of(context, 404, "not-found");
        switch (found.Info.Scan)
        {
            case AttachmentScan.Pending:
                await found.Content.DisposeAsync();
                context.Response.Headers.RetryAfter = "10";
                return Problem.Of(context, 409, "attachment-scan-pending");
            case AttachmentScan.Infected:
                await found.Content.DisposeAsync();
                return Problem.Of(context, 422, "attachment-infected");
        }
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(found.Content, found.Info.ContentType, found.Info.FileName);
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Only the last path segment (after a slash or a backslash), without control or bidirectional
    /// formatting characters (a name like "fdp.exe" shown as "exe.pdf"), bounded, and never a personal
    /// identity code (people do name files after the client): such a sequence is blanked before the name is stored.</summary>
    public static string SafeFileName(string? name)
    {
        var text = name ?? "";
        var last = text[(text.LastIndexOfAny(['/', '\\']) + 1)..];
        last = new string(last.Where(c => !char.IsControl(c) && !Fields.IsBidiControl(c) && c is not ('\u200E' or '\u200F' or '\u061C')).ToArray()).Trim().Trim('.').Trim();
        last = Domain.Clients.PersonalIdentityCode.MaskIn(last, "xxxxxx-xxxx");
        if (last.Length == 0) last = "attachment";
        return last.Length > 150 ? last[^150..] : last;
    }
}
