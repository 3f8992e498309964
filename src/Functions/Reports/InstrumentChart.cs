using System.Globalization;
using System.Text;
using Referrals.Domain;
using Referrals.Domain.Esy;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;
using Referrals.Functions.Text;

namespace Referrals.Functions.Reports;

/// <summary>GET /api/referrals/{id}/instrument-chart: one client's instrument (ESY) per area, the baseline, the previous
/// and the latest measurement side by side, as an SVG image in Finnish or Swedish; for whoever may read the referral
/// (access-logged as a read of client data), the same chart the report page draws for the county.</summary>
internal static class InstrumentChart
{
    private static readonly string[] Colours = ["#999999", "#e9a03b", "#1f5f8b"];

    public static async Task<IResult> Get(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var (access, denied) = await ClientDataReads.OpenAsync(context, id, cancellationToken);
        if (denied is not null) return denied;
        var language = ApiTexts.PageLanguageOf(context);
        var decider = context.RequestServices.GetRequiredService<ReferralDecider>();
        var configuration = decider.ConfigurationOf(access!.State);
        var asked = context.Request.Query["instrument"].ToString();
        var instrument = asked.Length > 0 ? configuration.Instrument(asked)
            : configuration.Profile(access.State.ProfileId) is { } profile ? configuration.DefaultInstrumentOf(profile) : configuration.AllInstruments.FirstOrDefault();
        if (instrument is null) return Edge.Problem.Of(context, StatusCodes.Status404NotFound, "unknown-instrument");
        context.Response.Headers.ContentLanguage = language;
        return Results.Content(Render(access.State, instrument, language), "image/svg+xml; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The baseline is the assessment at the referral (or the first measurement when there was none), of this
    /// instrument only (<see cref="MeasurementHistory"/>).</summary>
    public static EsyComparison Compare(ReferralState state, EsyInstrument instrument) => MeasurementHistory.Of(state, instrument).Comparison;

    public static string Render(ReferralState state, EsyInstrument instrument, string language)
    {
        string T(string key) => ApiTexts.Get(key, language);
        var comparison = Compare(state, instrument);
        const int left = 240, bar = 7, row = 30, width = 640;
        const int heading = 24;
        var height = 40 + heading + comparison.Areas.Count * row;
        var scale = (width - left - 30.0) / Math.Max(1, instrument.ScaleMax);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" lang=\"{language}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        // The instrument's name is shown as well as told: an example instrument says so on the chart itself.
        var title = T("report.chart.client-instrument") + ": " + (language == "sv" ? instrument.NameSv : instrument.NameFi);
        svg.Append("<title>").Append(E(title)).Append("</title>");
        svg.Append("<style>text{font-family:system-ui,sans-serif;font-size:11px}</style>");
        svg.Append("<text x=\"4\" y=\"14\" font-weight=\"bold\">").Append(E(title)).Append("</text>");
        string[] series = ["baseline", "previous", "latest"];
        for (var i = 0; i < comparison.Areas.Count; i++)
        {
            var area = comparison.Areas[i];
            var y = 10 + heading + i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{E(language == "sv" ? area.Area.NameSv : area.Area.NameFi)}</text>");
            int?[] values = [area.Baseline, area.Previous, area.Current];
            for (var s = 0; s < series.Length; s++)
            {
                if (values[s] is not { } v) continue;
                svg.Append(CultureInfo.InvariantCulture, $"<rect data-area=\"{E(area.Area.Code)}\" data-series=\"{series[s]}\" data-value=\"{v}\" x=\"{left}\" y=\"{y + s * (bar + 1)}\" width=\"{v * scale:0.#}\" height=\"{bar}\" fill=\"{Colours[s]}\"><title>{E(T("report.series." + series[s]))}: {v}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + v * scale + 3:0.#}\" y=\"{y + s * (bar + 1) + bar}\">{v}</text>");
            }
        }
        for (var s = 0; s < series.Length; s++)
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + s * 110}\" y=\"{height - 16}\" width=\"10\" height=\"10\" fill=\"{Colours[s]}\"/><text x=\"{left + s * 110 + 14}\" y=\"{height - 7}\">{E(T("report.series." + series[s]))}</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Escapes markup only: Finnish and Swedish letters stay as they are.</summary>
    private static string E(string text) => Encoder.Encode(text);

    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
