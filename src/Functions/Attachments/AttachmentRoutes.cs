using Referrals.Functions.Documents;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Attachments;

/// <summary>A referral's attachments: upload (scanned for malware), list, and read once clean.</summary>
internal static class AttachmentRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var referrals = app.MapReferralGroup("Attachments");
        referrals.MapPost("/{id}/attachments", AttachmentHandlers.Add).WithName("AddAttachment")
            .WithSummary("Upload an attachment (multipart/form-data, field file); with Idempotency-Key a retry stores it once").Accepts<IFormFile>("multipart/form-data")
            .Produces<StoredAttachment>(StatusCodes.Status201Created).WithProblems(400, 401, 403, 404, 409, 413, 415, 422).DisableAntiforgery();
        referrals.MapGet("/{id}/attachments", AttachmentHandlers.List).WithName("ListAttachments")
            .WithSummary("The referral's attachments").Produces<IReadOnlyList<StoredAttachment>>().WithProblems(401, 403, 404);
        referrals.MapGet("/{id}/attachments/{attachmentId}", AttachmentHandlers.Get).WithName("GetAttachment")
            .WithSummary("One attachment's content, once its malware scan is clean (409 while pending, 422 if infected)")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf", "image/png", "image/jpeg").WithProblems(401, 403, 404, 409, 422);
    }
}
