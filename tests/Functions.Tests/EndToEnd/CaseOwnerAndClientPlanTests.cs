using System.Net;
using System.Text.Json;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Functions.Tests.Infrastructure;
using static Referrals.Functions.Tests.EndToEnd.LiveApi;
using Referrals.Functions.Tests.Hosts;

namespace Referrals.Functions.Tests.EndToEnd;

/// <summary>Through the standalone host's HTTP API on Azurite: the case owner change (SHL § 42) lands and the referral shows the
/// new owner, who alone (with the unit's leader) hands it over again; and Helsinki's path, the service written into the client
/// plan with no separate § 17 decision, from submission to the service's start with its provider unit.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class CaseOwnerAndClientPlanTests(DevServices devServices) : IDisposable
{
    private const string HelsinkiUnit = "helsinki-adult-social-work";
    private readonly LoopbackHost host = new(devServices);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task The_case_owner_hands_over_the_referral_shows_the_new_owner_and_the_former_owner_is_refused_with_the_reason()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var owner = host.Client(host.Token("worker-co1", Role.ReferringWorker, Unit));
        var id = (await PostAsync(owner, "/api/referrals", Submission(today), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var changed = await PostAsync(owner, $"/api/referrals/{id}/case-owner", new { newOwner = "worker-co2", reason = "Vastuutyöntekijä jää vuorotteluvapaalle." });
        Assert.Equal("worker-co2", changed.GetProperty("caseOwner").GetString());
        Assert.Equal("worker-co2", (await GetAsync(owner, $"/api/referrals/{id}")).GetProperty("caseOwner").GetString());
        var timeline = await GetAsync(owner, $"/api/referrals/{id}/timeline");
        var change = timeline.EnumerateArray().Last().GetProperty("event");
        Assert.Equal(("case-owner-changed", "worker-co1", "worker-co2", "Vastuutyöntekijä jää vuorotteluvapaalle."),
            (change.GetProperty("$type").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("reason").GetString()));
        var version = changed.GetProperty("version").GetInt32();

        // The former owner is now just another worker of the unit: 403 with the reason, in the caller's language, and nothing changes.
        foreach (var (language, words) in new[] { ("fi", "vastuutyöntekijä"), ("sv", "ansvariga arbetstagare") })
        {
            owner.DefaultRequestHeaders.AcceptLanguage.Clear();
            owner.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var refused = await PostAsync(owner, $"/api/referrals/{id}/case-owner", new { newOwner = "worker-co3", reason = "Takaisin." }, HttpStatusCode.Forbidden);
            Assert.Equal("not-the-case-owner", refused.GetProperty("code").GetString());
            Assert.Contains(words, refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        }
        var after = await GetAsync(owner, $"/api/referrals/{id}");
        Assert.Equal(("worker-co2", version), (after.GetProperty("caseOwner").GetString(), after.GetProperty("version").GetInt32()));

        // The unit's leader hands it over; the new owner now acts as the case owner.
        var leader = host.Client(host.Token("leader-co", Role.Signer, Unit));
        var byLeader = await PostAsync(leader, $"/api/referrals/{id}/case-owner", new { newOwner = "worker-co1", reason = "Palaa vapaalta." });
        Assert.Equal("worker-co1", byLeader.GetProperty("caseOwner").GetString());
        // A leader of another unit does not see the referral.
        var otherLeader = host.Client(host.Token("leader-x", Role.Signer, "vantaa-youth-social-work"));
        await PostAsync(otherLeader, $"/api/referrals/{id}/case-owner", new { newOwner = "worker-co2", reason = "r" }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Helsinki_writes_the_service_into_the_client_plan_and_starts_it_at_a_provider_unit_without_a_decision()
    {
        var today = FinnishCalendar.DateIn(DateTimeOffset.UtcNow);
        var worker = host.Client(host.Token("worker-hel", Role.ReferringWorker, HelsinkiUnit));
        var submission = JsonSerializer.SerializeToElement(Submission(today));
        var body = submission.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        body["profileId"] = "helsinki";
        var submitted = await PostAsync(worker, "/api/referrals", body, HttpStatusCode.Created);
        var id = submitted.GetProperty("id").GetString()!;
        Assert.Equal("AwaitingGrantingDraft", submitted.GetProperty("status").GetString());

        var planned = await PostAsync(worker, $"/api/referrals/{id}/service-in-client-plan", new
        {
            agreedOn = today, start = today, end = today.AddMonths(6), content = "Ryhmätoimintaa kerran viikossa.", esyRemeasurementMonth = 6,
        });
        Assert.Equal("AwaitingServiceStart", planned.GetProperty("status").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), planned.GetProperty("followUp").GetProperty("clientPlanOn").GetString());
        Assert.False(planned.GetProperty("decision").GetProperty("signed").GetBoolean());
        var version = planned.GetProperty("version").GetInt32();

        // An unknown provider unit is refused and changes nothing.
        var refused = await PostAsync(worker, $"/api/referrals/{id}/service-start", new { startedOn = today, providerUnit = "no-such-provider" },
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unknown-provider-unit", refused.GetProperty("code").GetString());
        Assert.Equal(version, (await GetAsync(worker, $"/api/referrals/{id}")).GetProperty("version").GetInt32());

        var started = await PostAsync(worker, $"/api/referrals/{id}/service-start", new { startedOn = today, providerUnit = "vantaa-social-rehabilitation-services" });
        Assert.Equal("ServiceActive", started.GetProperty("status").GetString());
        var start = (await GetAsync(worker, $"/api/referrals/{id}/timeline")).EnumerateArray().Last().GetProperty("event");
        Assert.Equal(("service-started", "vantaa-social-rehabilitation-services", "Own"),
            (start.GetProperty("$type").GetString(), start.GetProperty("providerUnit").GetString(), start.GetProperty("providerKind").GetString()));
        // The referral view says where the service runs, and whether it is the county's own.
        var followUp = started.GetProperty("followUp");
        Assert.Equal(("vantaa-social-rehabilitation-services", "Own"), (followUp.GetProperty("providerUnit").GetString(), followUp.GetProperty("providerKind").GetString()));
    }
}
