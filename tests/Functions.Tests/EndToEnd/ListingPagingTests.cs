using System.Net;
using System.Text;
using System.Text.Json;
using Referrals.Domain.Common;
using Referrals.Functions.Edge;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The paging contract at the edge, on the whole host against Azurite: limit bounds, next and the
/// Link header, continuation across pages, and a tampered or foreign token as a 400 problem.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ListingPagingTests(DevServices devServices) : IDisposable
{
    private const string Unit = "vantaa-adult-social-work";
    private const string ReviewBody = "vantaa-steering-group";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_listing_walks_its_pages_by_next_and_refuses_bad_limits_and_tokens()
    {
        var worker = host.Client(host.Token("worker-1", Role.ReferringWorker, Unit));
        var member = host.Client(host.Token("member-1", Role.ReviewBodyMember, ReviewBody));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = new StringContent(JsonSerializer.Serialize(new
            {
                unit = Unit, profileId = ReviewBody, personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
                assessmentSummary = "Arvio.", goals = new[] { "Päivärytmi" }, requestedStart = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd"),
            }), Encoding.UTF8, "application/json") };
            submit.Headers.Add("Idempotency-Key", $"paging-{i}");
            var created = await (await worker.SendAsync(submit)).Content.ReadAsStringAsync();
            ids.Add(JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!);
            await Task.Delay(5); // distinct submission times
        }

        // The listing follows the outbox; wait until all five are there.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Page(worker, $"/api/referrals?unit={Unit}&limit=200")).Items.Count < 5 && DateTime.UtcNow < deadline) await Task.Delay(100);

        var walked = new List<string>();
        var path = $"/api/referrals?unit={Unit}&status=AwaitingReview&limit=2";
        var sizes = new List<int>();
        while (path is not null)
        {
            var page = await Page(worker, path);
            walked.AddRange(page.Items);
            sizes.Add(page.Items.Count);
            Assert.Equal(page.Next is null, page.Link is null);
            if (page.Next is not null) Assert.Equal($"<{page.Next}>; rel=\"next\"", page.Link);
            path = page.Next;
        }
        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(ids.AsEnumerable().Reverse(), walked);

        var queue = await Page(member, $"/api/review-queue?reviewBody={ReviewBody}&limit=3");
        Assert.Equal(ids.Take(3), queue.Items);
        var rest = await Page(member, queue.Next!);
        Assert.Equal(ids.Skip(3), rest.Items);
        Assert.Null(rest.Next);

        var first = await Page(worker, $"/api/referrals?unit={Unit}&limit=1");
        var token = first.Continuation!;
        foreach (var bad in new[]
                 {
                     $"/api/referrals?unit={Unit}&limit=0", $"/api/referrals?unit={Unit}&limit={Paging.MaxLimit + 1}",
                     $"/api/referrals?unit={Unit}&continuation=not-a-token", $"/api/referrals?unit={Unit}&continuation={token[..^3]}",
                     $"/api/referrals?unit={Unit}&status=Closed&continuation={token}",
                     $"/api/review-queue?reviewBody={ReviewBody}&continuation={token}", $"/api/review-queue?reviewBody={ReviewBody}&limit=-1",
                 })
        {
            var response = await (bad.StartsWith("/api/review-queue", StringComparison.Ordinal) ? member : worker).GetAsync(bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/referrals?unit={Unit}&limit={Paging.MaxLimit}")).StatusCode);
        Assert.Equal(Paging.DefaultLimit, 50);
    }

    private sealed record PageSeen(List<string> Items, string? Continuation, string? Next, string? Link);

    private static async Task<PageSeen> Page(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        return new PageSeen(
            body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("referralId").GetString()!).ToList(),
            body.GetProperty("continuation").GetString(), body.GetProperty("next").GetString(),
            response.Headers.TryGetValues("Link", out var link) ? link.Single() : null);
    }
}
