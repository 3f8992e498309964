using Referrals.Domain.Common;
using Referrals.Domain.Referrals;
using Referrals.Domain.Tests.Support;
using static Referrals.Domain.Tests.Support.Commands;

namespace Referrals.Domain.Tests.Referrals;

public class AttachmentSpecs
{
    private static readonly DateTimeOffset Later = History.Day(60);

    [Fact]
    public void A_worker_of_the_unit_records_an_attachment_at_any_step_until_the_end()
    {
        var spec = Spec.Given(History.AwaitingReview).When(Attach("a-7"), Later);
        spec.Then(new AttachmentAdded("a-7", "application/pdf", 2048, new string('c', 64)));
        Assert.Equal(["a-7"], spec.ThenState().Attachments);
        Spec.Given(History.Closed).When(Attach("a-8"), Later).ThenRejected(RejectionCode.ReferralEnded);
    }

    [Fact]
    public void The_same_attachment_again_adds_nothing()
    {
        var recorded = Spec.Given(History.ServiceActive).When(Attach("a-7"), Later).Then(new AttachmentAdded("a-7", "application/pdf", 2048, new string('c', 64)));
        Spec.Given([.. History.ServiceActive, .. recorded]).When(Attach("a-7"), Later).ThenNothing();
    }

    [Fact]
    public void A_bad_hash_an_empty_file_or_an_identity_code_as_the_id_is_refused()
    {
        Spec.Given(History.AwaitingReview).When(Attach() with { Sha256Hex = "not-a-hash" }, Later).ThenRejected(RejectionCode.InvalidInput, "Sha256Hex");
        Spec.Given(History.AwaitingReview).When(Attach() with { Length = 0 }, Later).ThenRejected(RejectionCode.InvalidInput, "Length");
        Spec.Given(History.AwaitingReview).When(Attach("131052-308T"), Later).ThenRejected(RejectionCode.PersonalIdentityCodeNotAllowed);
        Spec.Given(History.AwaitingReview).When(Attach(by: Actors.OtherUnitWorker), Later).ThenRejected(RejectionCode.NotPermitted);
    }
}
