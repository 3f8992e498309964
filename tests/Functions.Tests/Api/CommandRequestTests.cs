using System.Reflection;
using Referrals.Domain.Common;
using Referrals.Functions.AccessLog;
using Referrals.Functions.Edge;

namespace Referrals.Functions.Tests.Api;

/// <summary>Every command body checks itself as it becomes its command: an empty body is field errors, never an exception
/// (a null-forgiving <c>!</c> or <c>.Value</c> on a missing field would throw here), and a request's Validate is its ToCommand's checks.</summary>
public class CommandRequestTests
{
    public static TheoryData<Type> Requests()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(CommandRequest).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CommandRequest)) && !t.IsAbstract).OrderBy(t => t.Name))
            data.Add(type);
        return data;
    }

    private static CommandRequest Empty(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return (CommandRequest)constructor.Invoke(constructor.GetParameters().Select(_ => (object?)null).ToArray());
    }

    [Fact]
    public void The_command_routes_bodies_are_all_command_requests()
    {
        var count = typeof(CommandRequest).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(CommandRequest)));
        Assert.True(count >= 17, $"{count} command requests");
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void An_empty_body_is_field_errors_and_no_exception(Type type)
    {
        var check = new FieldCheck();
        var toCommand = Empty(type).ToCommand(check);
        Assert.False(check.Passed);
        Assert.All(check.Errors, e => Assert.StartsWith("field.", e.TextKey));
        Assert.Equal(check.Errors, Empty(type).Validate());
        Assert.NotNull(toCommand);
    }

    [Fact]
    public void A_checked_request_becomes_its_command_for_the_actor_the_command_path_names()
    {
        var check = new FieldCheck();
        var toCommand = new Functions.Review.ReviewRequest(Domain.Referrals.ReviewOutcome.Approve, "Tarve on selvä.", null).ToCommand(check);
        Assert.True(check.Passed);
        var by = new Actor("member-1", Role.ReviewBodyMember, "vantaa-steering-group");
        var command = Assert.IsType<Domain.Referrals.ReviewReferral>(toCommand(by));
        Assert.Equal(by, command.By);
        Assert.Equal("Tarve on selvä.", command.Reasons);
    }
}
