namespace Referrals.Functions.Signing;

/// <summary>The signing page's form, for the OpenAPI document: <c>decision</c> is "sign" or "return";
/// <c>comment</c> is required to return; <c>form-check</c> is the anti-forgery token from the page.</summary>
internal sealed record SigningForm(string Decision, string? Comment, string Lang);
