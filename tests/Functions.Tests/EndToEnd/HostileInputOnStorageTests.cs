using System.Text;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>The hostile-input test again, through the real process and Azure Table Storage: valid JSON
/// with extreme values, wrong types and odd ids on every command of a real referral; never a 5xx.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class HostileInputOnStorageTests(DevServices devServices) : IDisposable
{
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    private static readonly string[] Extreme =
    [
        """{"startedOn":"1900-01-01"}""", """{"startedOn":"2200-12-31"}""", """{"agreedOn":"1900-01-01"}""",
        """{"heldOn":"2200-12-31","notes":"x"}""", """{"receivedOn":"1900-01-01","summary":"x"}""",
        """{"measuredOn":"2200-12-31","scores":{"nope":99}}""", """{"endedOn":"2200-12-31","summary":"x","feedbackCollected":true}""",
        """{"kind":"Refusing","reasons":"r","contactPerson":"c","contactDetails":"d","start":"2200-12-31","end":"1900-01-01","esyRemeasurementMonth":120}""",
        """{"kind":"Granting","reasons":"r","contactPerson":"c","contactDetails":"d","start":"1900-01-01","end":"2200-12-31","esyRemeasurementMonth":0}""",
        """{"outcome":"Redirect","reasons":"r","redirectTo":"x"}""", """{"outcome":"TransferToSteeringGroup","reasons":"r"}""",
        """{"outcome":"RequestInformation","reasons":"r"}""", """{"text":"t"}""", """{"reason":"r"}""",
    ];

    [Fact]
    public async Task Random_commands_on_a_real_referral_never_get_a_5xx()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("w-h", Role.ReferringWorker, "vantaa-adult-social-work"));
        var member = host.Client(host.Token("m-h", Role.ReviewBodyMember, "vantaa-steering-group"));
        var submit = await worker.PostAsync("/api/referrals", new StringContent(JsonSerializer.Serialize(new
        {
            profileId = "vantaa-steering-group", personalIdentityCode = "010594Y9021", fullName = "Matti Meikäläinen", language = "fi", address = new { street = "Kotikatu 1 A 2", postalCode = "01300", postOffice = "Vantaa" }, serviceTypeCode = "sr-everyday-coaching",
            assessmentSummary = "a", goals = new[] { "g" }, requestedStart = today.AddDays(10),
        }), Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var random = new Random(703_2023);
        var failures = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var segment = HostileInputTests.Segments[random.Next(HostileInputTests.Segments.Length)];
            var body = random.Next(2) == 0 ? Extreme[random.Next(Extreme.Length)] : HostileInputTests.Bodies[random.Next(HostileInputTests.Bodies.Length)];
            var type = random.Next(4) == 0 ? HostileInputTests.ContentTypes[random.Next(HostileInputTests.ContentTypes.Length)] : "application/json";
            using var request = new HttpRequestMessage(segment.Contains('/') || random.Next(5) == 0 ? HttpMethod.Get : HttpMethod.Post, $"/api/referrals/{id}/{segment}");
            if (request.Method == HttpMethod.Post)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("If-Match", $"\"{random.Next(0, 6)}\"");
            if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", $"k{random.Next(0, 5)}");
            using var response = await (segment == "review" ? member : worker).SendAsync(request);
            if ((int)response.StatusCode >= 500) failures.Add($"{request.Method} {segment} {body[..Math.Min(80, body.Length)]}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }
}
