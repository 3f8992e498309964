using Referrals.Domain.Referrals;
using Referrals.Functions.Referrals;

namespace Referrals.Functions.Tests.Referrals;

/// <summary>The referral view shows the day of the joint assessment, and where and how the service runs.</summary>
public sealed class ReferralViewProvisionTests
{
    [Fact]
    public void The_view_carries_the_joint_assessment_day_the_provider_unit_its_kind_and_the_rehabilitation_plan()
    {
        var state = ReferralState.Initial with
        {
            Id = "r-1", JointAssessedOn = new DateOnly(2026, 2, 10), ProviderUnit = "espoo-group-activities",
            ProviderKind = ProviderKind.Own, RehabilitationPlanOn = new DateOnly(2026, 3, 20),
        };
        var view = ReferralView.From(state, null);
        Assert.Equal(new DateOnly(2026, 2, 10), view.JointAssessedOn);
        Assert.Equal(("espoo-group-activities", ProviderKind.Own, new DateOnly(2026, 3, 20)),
            (view.FollowUp.ProviderUnit, view.FollowUp.ProviderKind, view.FollowUp.RehabilitationPlanOn));
    }
}
