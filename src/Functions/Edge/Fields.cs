using Referrals.Domain.Common;
using Referrals.Domain.Referrals;

namespace Referrals.Functions.Edge;

/// <summary>Small checks shared by the request bodies.</summary>
internal static class Fields
{
    /// <summary>Free text such as reasons, summaries, notes (the domain's limit).</summary>
    public const int LongText = Limits.MaxText;

    /// <summary>Ids and codes (the domain's limit).</summary>
    public const int Id = Limits.MaxId;

    /// <summary>One line of text (the domain's limit).</summary>
    public const int ShortText = Limits.MaxShortText;

    /// <summary>Text fields: required, bounded, and free of invisible characters (<see cref="Characters"/>).</summary>
    public static IEnumerable<FieldError> Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) yield return new FieldError(field, "field.required");
        else if (value.Length > maxLength) yield return new FieldError(field, "field.too-long");
        else if (Characters(field, value, maxLength >= LongText) is { } bad) yield return bad;
    }

    public static IEnumerable<FieldError> Optional(string field, string? value, int maxLength)
    {
        if (value is { } v && v.Length > maxLength) yield return new FieldError(field, "field.too-long");
        else if (value is not null && Characters(field, value, maxLength >= LongText) is { } bad) yield return bad;
    }

    /// <summary>Control characters (C0, DEL, C1) are refused, except newline and tab (and a CR before a
    /// newline) in long text; so are the bidirectional embedding, override and isolate characters
    /// (U+202A–U+202E, U+2066–U+2069), which make text read differently from what it says.</summary>
    public static FieldError? Characters(string field, string value, bool longText)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsBidiControl(c)) return new FieldError(field, "field.bidi-characters");
            if (!char.IsControl(c)) continue;
            var allowed = longText && (c is '\n' or '\t' || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'));
            if (!allowed) return new FieldError(field, "field.control-characters");
        }
        return null;
    }

    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static IEnumerable<FieldError> Present<T>(string field, T? value) where T : struct
    {
        if (value is null) yield return new FieldError(field, "field.required");
    }

    /// <summary>Dates a referral can sensibly carry. Far-off dates are refused here so that date
    /// arithmetic in the process (deadlines, months ahead) can never overflow.</summary>
    public static readonly DateOnly EarliestDate = Limits.EarliestDate, LatestDate = Limits.LatestDate;

    public static IEnumerable<FieldError> Date(string field, DateOnly? value, bool required = true)
    {
        if (value is null) { if (required) yield return new FieldError(field, "field.required"); }
        else if (value < EarliestDate || value > LatestDate) yield return new FieldError(field, "field.invalid");
    }

}

/// <summary>A request's fields checked one by one, each check handing back the value as the command needs it
/// (not null), so a request turns itself into its command without a null-forgiving <c>!</c>. When any check
/// failed, <see cref="Errors"/> says which (text keys, in the order checked) and the values handed back are not used.</summary>
internal sealed class FieldCheck
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public bool Passed => errors.Count == 0;

    public void Add(string field, string textKey) => errors.Add(new FieldError(field, textKey));

    public void Add(IEnumerable<FieldError> more) => errors.AddRange(more);

    /// <summary>Required text within <paramref name="maxLength"/> (<see cref="Fields.Required"/>).</summary>
    public string Text(string field, string? value, int maxLength)
    {
        errors.AddRange(Fields.Required(field, value, maxLength));
        return value ?? "";
    }

    /// <summary>Optional text within <paramref name="maxLength"/> (<see cref="Fields.Optional"/>).</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        errors.AddRange(Fields.Optional(field, value, maxLength));
        return value;
    }

    /// <summary>A required date within the dates a referral can carry (<see cref="Fields.Date"/>).</summary>
    public DateOnly Date(string field, DateOnly? value)
    {
        errors.AddRange(Fields.Date(field, value));
        return value ?? default;
    }

    public DateOnly? OptionalDate(string field, DateOnly? value)
    {
        errors.AddRange(Fields.Date(field, value, required: false));
        return value;
    }

    /// <summary>A required value of a value type (an enum, a number).</summary>
    public T Present<T>(string field, T? value) where T : struct
    {
        errors.AddRange(Fields.Present(field, value));
        return value ?? default;
    }
}

/// <summary>The body of a command on an existing referral: it checks its fields and turns itself into the command
/// (<see cref="ToCommand"/>), so the checks and the mapping are one piece of code and every value the command takes
/// comes from its check.</summary>
internal abstract record CommandRequest : IValidatable
{
    /// <summary>The command, for whoever the command path finds gives it; used only when <paramref name="check"/> passed.</summary>
    public abstract Func<Actor, ReferralCommand> ToCommand(FieldCheck check);

    public IEnumerable<FieldError> Validate()
    {
        var check = new FieldCheck();
        ToCommand(check);
        return check.Errors;
    }
}
