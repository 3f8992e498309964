using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Hosting;
using Referrals.Functions.Referrals;
using Referrals.Functions.Tests.Api;
using Referrals.Functions.Tests.Infrastructure;

namespace Referrals.Functions.Tests.Edge;

/// <summary>The county's process configuration, from a file or a blob named in settings: checked when the host starts,
/// every problem named by its place; the host does not start on a broken one. GET /api/configuration shows what is in force.</summary>
[Collection(DevServicesCollection.Name)]
public sealed class ProcessConfigurationStartupTests(DevServices services)
{
    /// <summary>The shipped configuration as JSON, for a test to break.</summary>
    public static JsonObject Shipped()
    {
        var assembly = typeof(DefaultProcessConfiguration).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Config.process.json", StringComparison.Ordinal)))!;
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
    }

    private static JsonObject Profile(JsonObject root, string id) =>
        root["Profiles"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["Id"] == id);

    private static JsonObject Unit(JsonObject root, string id) =>
        root["Units"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["Id"] == id);

    private static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"process-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every kind of broken configuration, and the place (and reason) the refusal must name.</summary>
    private static readonly (string Kind, Func<string> Json, string Expected)[] Broken =
    [
        ("not JSON", () => "{ \"Version\": ", "(root): not valid JSON"),
        ("not an object", () => "[1, 2]", "(root): not a JSON object"),
        ("no version", () => Edit(r => r.Remove("Version")), "version: missing"),
        ("a bad version", () => Edit(r => r["Version"] = "2027 first"), "version: at most 40 letters"),
        ("a misspelt property", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["ReviewWorkingDay"] = 10),
            "profiles[2].deadlines.reviewWorkingDay: no such property"),
        ("a value of the wrong kind", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["ReviewWorkingDays"] = "ten"),
            "profiles[2].deadlines.reviewWorkingDays: not a value of the expected kind"),
        ("an unknown signer rule", () => Edit(r => Profile(r, "espoo")["Signer"] = "Anybody"), "profiles[2].signer: not a value of the expected kind"),
        ("no profiles", () => Edit(r => r["Profiles"] = new JsonArray()), "profiles: none configured"),
        ("a profile twice", () => Edit(r => r["Profiles"]!.AsArray().Add(Profile(r, "espoo").DeepClone())), "profiles[espoo]: defined more than once"),
        ("a profile without a name", () => Edit(r => Profile(r, "espoo")["Name"] = " "), "profiles[espoo].name: missing"),
        ("an unknown service in a profile", () => Edit(r => Profile(r, "vantaa-steppi")["ServiceTypes"]!.AsArray().Add("sr-dancing")),
            "profiles[vantaa-steppi].serviceTypes: unknown service type sr-dancing"),
        ("a profile without services", () => Edit(r => Profile(r, "espoo")["ServiceTypes"] = new JsonArray()), "profiles[espoo].serviceTypes: none"),
        ("an unknown authority", () => Edit(r => Profile(r, "espoo")["AuthorityId"] = "nowhere"), "profiles[espoo].authorityId: unknown authority nowhere"),
        ("no authority", () => Edit(r => Profile(r, "espoo").Remove("AuthorityId")), "profiles[espoo].authorityId: missing"),
        ("an escalation body no profile runs", () => Edit(r => Profile(r, "vantaa-steppi")["EscalationReviewBodyId"] = "vantaa-board"),
            "profiles[vantaa-steppi].escalationReviewBodyId: vantaa-board must be the review body of exactly one profile"),
        ("an escalation without a review body", () => Edit(r => Profile(r, "espoo")["EscalationReviewBodyId"] = "vantaa-steering-group"),
            "profiles[espoo].escalationReviewBodyId: an escalation body needs a review body"),
        ("an empty age range", () => Edit(r => Profile(r, "vantaa-steppi")["Ages"] = new JsonObject { ["Min"] = 65, ["Max"] = 18 }),
            "profiles[vantaa-steppi].ages: age range is empty"),
        ("an empty duration range", () => Edit(r => Profile(r, "vantaa-steppi")["Duration"] = new JsonObject { ["Min"] = 6, ["Max"] = 3 }),
            "profiles[vantaa-steppi].duration: duration range is empty"),
        ("no deadlines", () => Edit(r => Profile(r, "espoo").Remove("Deadlines")), "profiles[espoo].deadlines: missing"),
        ("a deadline of zero", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["DraftingWorkingDays"] = 0),
            "profiles[espoo].deadlines.draftingWorkingDays: deadlines must be positive"),
        ("an implausibly long deadline", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["ReviewWorkingDays"] = 100000),
            "profiles[espoo].deadlines.reviewWorkingDays: a deadline or duration is implausibly long"),
        ("a reminder at night", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["ReminderHour"] = 3),
            "profiles[espoo].deadlines.reminderHour: reminder hour 3 is outside working hours"),
        ("escalation before the reminder", () => Edit(r => Profile(r, "espoo")["Deadlines"]!["SignatureEscalationWorkingDays"] = 1),
            "profiles[espoo].deadlines.signatureEscalationWorkingDays: escalation must come after the signature reminder"),
        ("no catalogue", () => Edit(r => r.Remove("Catalogue")), "catalogue: missing"),
        ("a service twice", () => Edit(r => r["Catalogue"]!["Services"]!.AsArray().Add(r["Catalogue"]!["Services"]![0]!.DeepClone())),
            "catalogue.services[sr-assessment]: defined more than once"),
        ("an unknown legal basis", () => Edit(r => r["Catalogue"]!["Services"]![4]!["LegalBasisCode"] = "SHL-99"),
            "catalogue.services[sr-youth].legalBasisCode: unknown legal basis SHL-99"),
        ("a provision in one language", () => Edit(r => r["Catalogue"]!["Services"]![0]!.AsObject().Remove("ProvisionSv")),
            "catalogue.services[sr-assessment].provision: give it in both languages or in neither"),
        ("a service without its Swedish name", () => Edit(r => r["Catalogue"]!["Services"]![0]!["NameSv"] = ""),
            "catalogue.services[sr-assessment].nameSv: missing"),
        ("no authorities", () => Edit(r => r["Authorities"] = new JsonArray()), "authorities: none configured"),
        ("a business id with a wrong check digit", () => Edit(r => r["Authorities"]![0]!["BusinessId"] = "3221350-3"),
            "authorities[vantaa-kerava].businessId: not a business id with a valid check digit"),
        ("a review body without an e-mail", () => Edit(r => r["Authorities"]![0]!["ReviewBody"]!["Email"] = "kirjaamo"),
            "authorities[vantaa-kerava].reviewBody.email: missing or not an e-mail address"),
        ("a unit named in one language", () => Edit(r => Unit(r, "vantaa-steppi-team")["Name"]!["Sv"] = ""), "units[vantaa-steppi-team].name.sv: missing"),
        ("a unit in an unknown municipality", () => Edit(r => Unit(r, "vantaa-steppi-team")["Municipality"] = "999"),
            "units[vantaa-steppi-team].municipality: unknown municipality 999"),
        ("a municipality with a bad code", () => Edit(r => r["Municipalities"]![0]!["Code"] = "92"), "municipalities[92].code: not a three-digit municipality code"),
        ("a municipality of an unknown authority", () => Edit(r => r["Municipalities"]![0]!["AuthorityId"] = "nowhere"),
            ".authorityId: unknown authority nowhere"),
        ("an instrument without areas", () => Edit(r => Instrument(r, "esy-example")["Areas"] = new JsonArray()), "instruments[esy-example].areas: no areas"),
        ("an instrument scale backwards", () => Edit(r => Instrument(r, "esy-example")["ScaleMin"] = 11),
            "instruments[esy-example].scale: the scale's minimum must be below its maximum"),
        ("no instrument", () => Edit(r => r.Remove("Instruments")), "instruments: none configured"),
        ("an instrument twice", () => Edit(r => r["Instruments"]!.AsArray().Add(Instrument(r, "esy-example").DeepClone())),
            "instruments[esy-example]: defined more than once"),
        ("an instrument without a direction", () => Edit(r => Instrument(r, "functioning-example").Remove("Direction")),
            "instruments[functioning-example].direction: missing"),
        ("an instrument named in one language", () => Edit(r => Instrument(r, "functioning-example")["NameSv"] = ""),
            "instruments[functioning-example].nameSv: missing"),
        ("an area without its label", () => Edit(r => Instrument(r, "functioning-example")["Areas"]![0]!["NameFi"] = " "),
            "instruments[functioning-example].areas[understanding].nameFi: missing"),
        ("an area code twice", () => Edit(r => Instrument(r, "functioning-example")["Areas"]!.AsArray().Add(Instrument(r, "functioning-example")["Areas"]![0]!.DeepClone())),
            "instruments[functioning-example].areas[understanding]: an area code given twice"),
        ("an instrument id unfit for a route", () => Edit(r => Instrument(r, "functioning-example")["Id"] = "Functioning/2"),
            "instruments[Functioning/2].id: at most 40 lower-case letters"),
        ("both shapes of instrument", () => Edit(r => r["EsyInstrument"] = Instrument(r, "esy-example").DeepClone()),
            "esyInstrument: give the instruments in instruments[] only"),
        ("a profile using an unknown instrument", () => Edit(r => Profile(r, "espoo")["Instruments"]!.AsArray().Add("whodas")),
            "profiles[espoo].instruments: unknown instrument whodas"),
    ];

    private static JsonObject Instrument(JsonObject root, string id) =>
        root["Instruments"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["Id"] == id);

    private static string Edit(Action<JsonObject> change)
    {
        var root = Shipped();
        change(root);
        return root.ToJsonString();
    }

    public static TheoryData<string> Kinds() => [.. Broken.Select(b => b.Kind)];

    /// <summary>Starts a host registered as both hosts register the application (AddReferralsApplication) and returns
    /// why it refused to start. A generic host, not a WebApplicationFactory: a factory whose start fails sometimes
    /// disposes its host before the refusal reaches the caller, so the test read an ObjectDisposedException.</summary>
    private string StartFailure(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        foreach (var (key, value) in TestRuntime.Settings(services, DevServices.NewPrefix()))
            builder.Configuration[key] = value;
        foreach (var (key, value) in settings)
            builder.Configuration[key] = value;
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            builder.Services.AddReferralsApplication(builder.Configuration);
            builder.Services.AddSingleton(new Moq.Mock<global::Referrals.Functions.Clock.IOrchestrationInstances>().Object);
            using var host = builder.Build();
            host.StartAsync().GetAwaiter().GetResult();
        });
        return error.ToString();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_host_refuses_to_start_on_a_broken_configuration_and_names_the_place(string kind)
    {
        var (_, json, expected) = Broken.Single(b => b.Kind == kind);
        var path = WriteTemp(json());
        try
        {
            var failure = StartFailure(new() { ["ProcessConfiguration:Path"] = path });
            Assert.Contains("The process configuration is refused: ProcessConfiguration:Path (" + path + "): ", failure, StringComparison.Ordinal);
            Assert.Contains(expected, failure, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var path = WriteTemp(Edit(r =>
        {
            r["Authorities"]![0]!["BusinessId"] = "1";
            Profile(r, "espoo")["Deadlines"]!["ReminderHour"] = 3;
            Unit(r, "vantaa-steppi-team")["Name"]!["Fi"] = "";
        }));
        var failure = StartFailure(new() { ["ProcessConfiguration:Path"] = path });
        File.Delete(path);
        foreach (var place in new[] { "authorities[vantaa-kerava].businessId", "profiles[espoo].deadlines.reminderHour", "units[vantaa-steppi-team].name.fi" })
            Assert.Contains(place, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing file", "ProcessConfiguration:Path (/nonexistent/process.json): the file cannot be read")]
    [InlineData("file and blob", "ProcessConfiguration: name a file (Path) or a blob (BlobContainer, BlobName), not both")]
    [InlineData("blob without a name", "ProcessConfiguration:BlobContainer and ProcessConfiguration:BlobName: a blob needs both")]
    [InlineData("an earlier version twice", "ProcessConfiguration: version 2026.1 is loaded more than once")]
    [InlineData("an instrument changed under its id", "ProcessConfiguration: version 2026.1: instruments[functioning-example]: its areas, scale or direction differ from version 2027.1")]
    public void Settings_that_name_no_usable_configuration_are_refused(string kind, string expected)
    {
        var shipped = WriteTemp(Shipped().ToJsonString());
        Dictionary<string, string?> settings = kind switch
        {
            "missing file" => new() { ["ProcessConfiguration:Path"] = "/nonexistent/process.json" },
            "file and blob" => new() { ["ProcessConfiguration:Path"] = shipped, ["ProcessConfiguration:BlobContainer"] = "c", ["ProcessConfiguration:BlobName"] = "n" },
            "blob without a name" => new() { ["ProcessConfiguration:BlobContainer"] = "c" },
            // A new version that rescales an instrument under the same id, while the version in-flight referrals measured with is loaded.
            "an instrument changed under its id" => new()
            {
                ["ProcessConfiguration:Path"] = WriteTemp(Edit(r => { r["Version"] = "2027.1"; Instrument(r, "functioning-example")["ScaleMax"] = 5; })),
                ["ProcessConfiguration:EarlierPaths:0"] = shipped,
            },
            _ => new() { ["ProcessConfiguration:Path"] = shipped, ["ProcessConfiguration:EarlierPaths:0"] = shipped },
        };
        var failure = StartFailure(settings);
        File.Delete(shipped);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    /// <summary>The Functions host registers the application with the same call (AddReferralsApplication): a generic host
    /// built that way refuses to start too.</summary>
    [Fact]
    public async Task The_shared_registration_refuses_to_start_a_host_on_a_broken_configuration()
    {
        var path = WriteTemp(Edit(r => Profile(r, "espoo")["AuthorityId"] = "nowhere"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        foreach (var (key, value) in TestRuntime.Settings(services, DevServices.NewPrefix()))
            builder.Configuration[key] = value;
        builder.Configuration["ProcessConfiguration:Path"] = path;
        builder.Services.AddReferralsApplication(builder.Configuration);
        // As the Functions host does: its durable client is the orchestration port.
        builder.Services.AddSingleton(new Moq.Mock<global::Referrals.Functions.Clock.IOrchestrationInstances>().Object);
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        File.Delete(path);
        Assert.Contains("profiles[espoo].authorityId: unknown authority nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_county_file_is_in_force_and_shown_to_anyone_signed_in()
    {
        var county = Edit(r =>
        {
            r["Version"] = "2027.1";
            Profile(r, "espoo")["Deadlines"]!["DraftingWorkingDays"] = 7;
        });
        var path = WriteTemp(county);
        var earlier = WriteTemp(Shipped().ToJsonString());
        using var factory = new ApiFactory { Settings = new() { ["ProcessConfiguration:Path"] = path, ["ProcessConfiguration:EarlierPaths:0"] = earlier } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientWith(null).GetAsync("/api/configuration")).StatusCode);
        foreach (var role in new[] { Role.ReferringWorker, Role.Operator, Role.ReportViewer })
        {
            var answer = await factory.ClientAs(role, "unit-a").GetAsync("/api/configuration");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("2027.1", (string?)body!["version"]);
            Assert.Equal(DefaultProcessConfiguration.Version, (string?)body["earlierVersions"]![0]);
            var espoo = body["profiles"]!.AsArray().Single(p => (string?)p!["id"] == "espoo")!;
            Assert.Equal(7, (int)espoo["deadlines"]!["draftingWorkingDays"]!);
            Assert.Contains(body["reviewBodies"]!.AsArray(), b => (string?)b!["id"] == "vantaa-steering-group" && (string?)b["runsProfileId"] == "vantaa-steering-group");
            foreach (var part in new[] { "authorities", "municipalities", "units", "catalogue", "instruments" }) Assert.NotNull(body[part]);
            // The shipped instruments are examples, and every answer that shows one says so in both languages.
            Assert.All(body["instruments"]!.AsArray(), i =>
            {
                Assert.True((bool)i!["isExample"]!);
                Assert.Contains("esimerkki", (string?)i["exampleNote"]!["fi"], StringComparison.OrdinalIgnoreCase);
                Assert.Contains("exempel", (string?)i["exampleNote"]!["sv"], StringComparison.OrdinalIgnoreCase);
            });
            Assert.Equal(["HigherIsBetter", "LowerIsBetter"], body["instruments"]!.AsArray().Select(i => (string?)i!["direction"]));
        }
        var decider = factory.Services.GetRequiredService<ReferralDecider>();
        Assert.Equal("2027.1", decider.Configuration.Version);
        Assert.Equal(["2026.1", "2027.1"], decider.Versions.Select(v => v.Version).Order(StringComparer.Ordinal));
        File.Delete(path);
        File.Delete(earlier);
    }

    [Fact]
    public async Task A_county_blob_is_loaded_and_a_missing_one_refused()
    {
        var container = DevServices.NewPrefix();
        var blobs = new BlobServiceClient(services.StorageConnectionString);
        await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(container).UploadBlobAsync("process-2027.json",
            BinaryData.FromString(Edit(r => r["Version"] = "2027.2")));
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = services.StorageConnectionString,
            ["ProcessConfiguration:BlobContainer"] = container,
            ["ProcessConfiguration:BlobName"] = "process-2027.json",
        };
        using (var factory = new ApiFactory { Settings = settings })
        {
            var body = await (await factory.ClientAs(Role.Auditor, "unit-a").GetAsync("/api/configuration")).Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("2027.2", (string?)body!["version"]);
        }
        settings["ProcessConfiguration:BlobName"] = "process-2028.json";
        Assert.Contains($"ProcessConfiguration:BlobName ({container}/process-2028.json): no such blob", StartFailure(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_embedded_configuration_is_in_force()
    {
        using var factory = new ApiFactory();
        _ = factory.CreateClient();
        Assert.Equal(DefaultProcessConfiguration.Version, factory.Services.GetRequiredService<ProcessConfiguration>().Version);
        Assert.Equal(DefaultProcessConfiguration.Version, DefaultProcessConfiguration.Load().Version);
    }
}
