using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Referrals.Domain;
using Referrals.Domain.Calendar;
using Referrals.Domain.Common;
using Referrals.Domain.Decisions;
using Referrals.Domain.Esy;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Auth;
using Referrals.Functions.Text;

namespace Referrals.Functions.Reports;

/// <summary>GET /api/referrals/{id}/page: the referral as a printable page in Finnish or Swedish (<c>lang</c>, else
/// Accept-Language, Finnish by default): its status, service, unit and key dates, and for each instrument it has
/// measurements of (the profile's default instrument first) the client's chart (<see cref="InstrumentChart"/>: baseline,
/// previous and latest per area) inline as SVG with the same figures as a table. Server-rendered from
/// Reports/Templates/referral-page.html and the texts; no script, no external resource. No client name or identity code
/// is on the page (the referral holds neither). For whoever may read the referral (<see cref="ReferralAccess.Readers"/>),
/// access-logged as a read of client data; the service provider's view (<see cref="Referrals.ProviderReferralView"/>)
/// has no measurements, so a provider gets 404 as for a referral it does not reach. Errors are problem+json, as the
/// report page's are.</summary>
internal static class ReferralHtmlPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly Lazy<HtmlTemplate> Template = new(() => new HtmlTemplate(Load("referral-page.html")));

    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (Caller.Of(context) is { } caller && caller.Has(Role.ServiceProvider) && !ReferralAccess.Readers.Any(caller.Has))
            return Problem.Of(context, StatusCodes.Status404NotFound, "not-found");
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var language = ApiTexts.PageLanguageOf(context);
        var configuration = context.RequestServices.GetRequiredService<ReferralDecider>().ConfigurationOf(access!.State);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var headers = context.Response.Headers;
        headers.ContentLanguage = language;
        // Client data: never cached, never framed, no referrer; the page loads nothing but itself.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        return Results.Content(Render(access.State, configuration, language, now), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The instruments the referral has a score of (its baseline's and its measurements'), the profile's
    /// default instrument first, then in the order the profile (then the configuration) lists them.</summary>
    public static IReadOnlyList<EsyInstrument> MeasuredInstruments(ReferralState state, ProcessConfiguration configuration)
    {
        var ids = state.EsyMeasurements.Select(m => m.InstrumentId).ToHashSet(StringComparer.Ordinal);
        if (state.EsyBaseline is not null) ids.Add(state.EsyBaselineInstrumentId ?? EsyInstrument.EarlierEsyId);
        var ordered = configuration.Profile(state.ProfileId) is { } profile ? configuration.InstrumentsOf(profile) : [];
        return [.. ordered.Concat(configuration.AllInstruments).Where(i => i is not null && ids.Contains(i.Id)).DistinctBy(i => i.Id)];
    }

    public static string Render(ReferralState state, ProcessConfiguration configuration, string language, DateTimeOffset now)
    {
        string T(string key) => ApiTexts.Get(key, language);
        var service = configuration.Catalogue.Find(state.ServiceTypeCode);
        var instruments = MeasuredInstruments(state, configuration);
        var values = new TemplateValues()
            .WithFallback(T)
            .With("lang", language)
            .With("id", state.Id)
            .With("statusCode", state.Status.ToString())
            .With("status", T("status." + state.Status))
            .With("serviceTypeCode", state.ServiceTypeCode)
            .With("serviceType", service is null ? state.ServiceTypeCode : language == "sv" ? service.NameSv : service.NameFi)
            .With("unit", state.Unit)
            .With("generatedAt", now.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture))
            .WithFlag("measured", instruments.Count > 0)
            .WithMarkup("style", Load("referral-page.css"))
            .WithMarkup("dates", Dates(state, T))
            .WithMarkup("charts", string.Concat(instruments.Select(i => Chart(state, i, language, T))));
        return Template.Value.Render(values);
    }

    /// <summary>The key dates, each a row naming itself (<c>data-date</c>) with the ISO day (<c>datetime</c>); "–" for one not reached.</summary>
    private static string Dates(ReferralState state, Func<string, string> t)
    {
        (string Key, DateOnly? On)[] dates =
        [
            ("submitted", FinnishCalendar.DateIn(state.SubmittedAt)),
            ("decision", state.Decision?.SignedOn),
            ("service-start", state.ServiceStartedOn),
            ("client-plan", state.ClientPlanOn),
            ("decided-end", state.ServiceEndsOn),
            ("closed", state.ClosedOn),
        ];
        var html = new StringBuilder();
        foreach (var (key, on) in dates)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(t("referral-page.date." + key))).Append("</th><td data-date=\"").Append(key).Append("\">");
            if (on is { } day)
                html.Append("<time datetime=\"").Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(day.ToString("d.M.yyyy", CultureInfo.InvariantCulture)).Append("</time>");
            else html.Append("–");
            html.Append("</td></tr>\n");
        }
        return html.ToString();
    }

    /// <summary>One instrument: the chart the SVG route draws, and its figures as a table (area × baseline, previous, latest).</summary>
    private static string Chart(ReferralState state, EsyInstrument instrument, string language, Func<string, string> t)
    {
        var history = MeasurementHistory.Of(state, instrument);
        var name = language == "sv" ? instrument.NameSv : instrument.NameFi;
        string[] series = ["baseline", "previous", "latest"];
        MeasurementPoint?[] points = [history.Baseline, history.Previous, history.Latest];
        var html = new StringBuilder();
        html.Append("<figure data-instrument=\"").Append(E(instrument.Id)).Append("\">");
        html.Append(InstrumentChart.Render(state, instrument, language));
        html.Append("<table class=\"figures\" data-instrument=\"").Append(E(instrument.Id)).Append("\"><caption>")
            .Append(E(t("referral-page.figures"))).Append(": ").Append(E(name)).Append("</caption><thead><tr><th scope=\"col\">")
            .Append(E(t("referral-page.area"))).Append("</th>");
        for (var s = 0; s < series.Length; s++)
        {
            html.Append("<th scope=\"col\">").Append(E(t("report.series." + series[s])));
            if (points[s] is { } point) html.Append(" <time datetime=\"").Append(point.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
                .Append(point.On.ToString("d.M.yyyy", CultureInfo.InvariantCulture)).Append("</time>");
            html.Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var area in history.Comparison.Areas)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(language == "sv" ? area.Area.NameSv : area.Area.NameFi)).Append("</th>");
            int?[] scores = [area.Baseline, area.Previous, area.Current];
            for (var s = 0; s < series.Length; s++)
            {
                html.Append("<td data-area=\"").Append(E(area.Area.Code)).Append("\" data-series=\"").Append(series[s]).Append('"');
                html.Append(scores[s] is { } v ? string.Create(CultureInfo.InvariantCulture, $" data-value=\"{v}\">{v}") : ">–").Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></figure>\n");
        return html.ToString();
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Load(string fileName) => EmbeddedFiles.Template("Reports", fileName);
}
