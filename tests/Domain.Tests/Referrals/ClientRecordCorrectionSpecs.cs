using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

/// <summary>A correction of the client's details is recorded on the referral as the names of the fields
/// that changed (never their values), by a referring worker of the referral's unit, in any state after
/// submission; the referral's state does not change beyond its version.</summary>
public class ClientRecordCorrectionSpecs
{
    [Fact]
    public void A_worker_of_the_unit_corrects_the_address_and_the_name_and_the_event_names_the_fields_in_order()
    {
        var spec = Spec.Given(History.AwaitingReview).When(CorrectClient(fields: ["fullName", "address"]));
        spec.Then(new ClientRecordCorrected(["address", "fullName"]));
        var before = ReferralDecider.Replay(Spec.ReferralId, History.AwaitingReview);
        Assert.Equal(before with { Version = before.Version + 1 }, spec.ThenState());
    }

    [Fact]
    public void After_the_referral_ended_the_details_can_still_be_corrected()
    {
        Spec.Given(History.Refused).When(CorrectClient(fields: "email")).Then(new ClientRecordCorrected(["email"]));
    }

    [Theory]
    [InlineData("personalIdentityCode")]
    [InlineData("")]
    [InlineData("Matti Meikäläinen")]
    public void Only_the_correctable_fields_are_named_never_a_value_or_the_identity_code(string field)
    {
        Spec.Given(History.AwaitingReview).When(CorrectClient(fields: field)).ThenRejected(RejectionCode.InvalidInput, "Fields");
    }

    [Fact]
    public void An_empty_or_repeated_list_is_refused()
    {
        Spec.Given(History.AwaitingReview).When(new CorrectClientRecord([]) { By = Actors.Worker }).ThenRejected(RejectionCode.InvalidInput, "Fields");
        Spec.Given(History.AwaitingReview).When(CorrectClient(fields: ["email", "email"])).ThenRejected(RejectionCode.InvalidInput, "Fields");
    }

    [Theory]
    [MemberData(nameof(Outsiders))]
    public void Only_a_referring_worker_of_the_unit_corrects(Actor by)
    {
        Spec.Given(History.AwaitingReview).When(CorrectClient(by)).ThenRejected(RejectionCode.NotPermitted);
    }

    public static TheoryData<Actor> Outsiders() => new() { Actors.OtherUnitWorker, Actors.Signer, Actors.SteeringGroupMember, Actors.Auditor, Actors.Operator };
}
