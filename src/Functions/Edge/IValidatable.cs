
namespace Referrals.Functions.Edge;

/// <summary>A request body that can say what is wrong with it, field by field (text keys, not messages).</summary>
internal interface IValidatable
{
    IEnumerable<FieldError> Validate();
}
