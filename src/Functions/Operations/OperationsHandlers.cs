using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Domain.Common;
using Referrals.Functions.Auth;
using Referrals.Functions.Problems;

namespace Referrals.Functions.Operations;

/// <summary>Operators run the service: they see parked mail (never client data), and nobody else does.</summary>
public static class OperationsHandlers
{
    public static async Task<IResult> ParkedMail(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (caller is null) return Problem.Of(context, 401, "unauthorized");
        if (!caller.Has(Role.Operator)) return Problem.Of(context, 403, "forbidden");
        return TypedResults.Ok(await context.RequestServices.GetRequiredService<IParkedMail>().ListAsync(cancellationToken));
    }
}
