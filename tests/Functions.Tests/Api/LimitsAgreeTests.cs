using System.Collections.Immutable;
using Referrals.Domain.Common;
using Referrals.Domain.Profiles;
using Referrals.Domain.Referrals;
using Referrals.Functions.Decisions;
using Referrals.Functions.Referrals;
using Referrals.Functions.Review;

namespace Referrals.Functions.Tests.Api;

/// <summary>The edge and the domain read one set of limits (<see cref="Limits"/>): what the edge lets
/// through at the limit the domain accepts, and one character or item past it the edge refuses with a
/// 400 naming the field (before, a 600-character goal passed the edge and came back as a 422).</summary>
public sealed class LimitsAgreeTests
{
    private static readonly ReferralDecider Decider = new(DefaultProcessConfiguration.Load());
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(2));
    private static readonly Actor Worker = new("worker-1", Role.ReferringWorker, "vantaa-adult-social-work");

    private static string Text(int length) => new('a', length);

    private static SubmitReferralRequest Request(int goals, int goalLength, int summaryLength) => new()
    {
        ProfileId = "vantaa-steering-group", PersonalIdentityCode = "010594Y9021", ServiceTypeCode = "sr-everyday-coaching",
        AssessmentSummary = Text(summaryLength), Goals = Enumerable.Repeat(Text(goalLength), goals).ToList(), RequestedStart = new DateOnly(2026, 4, 1),
        FullName = "Matti Meikäläinen", Language = "fi", Address = new PostalAddressRequest("Kotikatu 1", "01300", "Vantaa"),
    };

    private static Outcome Decide(SubmitReferralRequest r) => Decider.Decide(ReferralState.Initial, new SubmitReferral(
        r.ProfileId!, "c-1", new DateOnly(1994, 5, 1), r.ServiceTypeCode!, r.AssessmentSummary!, r.Goals!.ToImmutableList(), r.RequestedStart!.Value, null)
        { By = Worker }, Now);

    [Fact]
    public void A_submission_at_every_limit_passes_the_edge_and_the_domain()
    {
        var atLimit = Request(Limits.MaxGoals, Limits.MaxShortText, Limits.MaxText);
        Assert.Empty(atLimit.Validate());
        Assert.IsType<Outcome.Accepted>(Decide(atLimit));
    }

    [Theory]
    [InlineData(Limits.MaxGoals + 1, Limits.MaxShortText, Limits.MaxText, "goals")]
    [InlineData(1, Limits.MaxShortText + 1, 10, "goals[0]")]
    [InlineData(1, 10, Limits.MaxText + 1, "assessmentSummary")]
    public void One_past_a_limit_is_refused_at_the_edge_and_would_be_by_the_domain(int goals, int goalLength, int summaryLength, string field)
    {
        var past = Request(goals, goalLength, summaryLength);
        Assert.Contains(past.Validate(), e => e.Field == field && e.TextKey == "field.too-long");
        Assert.IsNotType<Outcome.Accepted>(Decide(past));
    }

    [Fact]
    public void Short_texts_of_review_and_drafting_share_the_domains_limit()
    {
        Assert.Empty(new ReviewRequest(ReviewOutcome.Redirect, "r", Text(Limits.MaxShortText)).Validate());
        Assert.Contains(new ReviewRequest(ReviewOutcome.Redirect, "r", Text(Limits.MaxShortText + 1)).Validate(), e => e.Field == "redirectTo");
        var draft = new DecisionDraftRequest(DecisionKind.Granting, "r", null, null, null, Text(Limits.MaxShortText), Text(Limits.MaxShortText), null);
        Assert.Empty(draft.Validate());
        Assert.Contains((draft with { ContactPerson = Text(Limits.MaxShortText + 1) }).Validate(), e => e.Field == "contactPerson");
    }
}
