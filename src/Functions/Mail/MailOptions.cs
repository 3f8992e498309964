using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Referrals.Functions.Mail;

/// <summary>The SMTP relay (maildev locally, any relay in production), the sender, the public address
/// that links point to, and the directory of role addresses. Validated at start.</summary>
internal sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    [Required(ErrorMessage = "Mail:Host is required (the SMTP relay, e.g. 127.0.0.1 for maildev).")]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "Mail:Port must be a TCP port (1–65535).")]
    public int Port { get; set; } = 1025;

    /// <summary>None (maildev), StartTls, SslOnConnect, or Auto (StartTls when offered).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required(ErrorMessage = "Mail:From is required (the sender address, e.g. sosiaalinen.kuntoutus@hyvinvointialue.fi).")]
    public string From { get; set; } = "sosiaalinen.kuntoutus@localhost";

    /// <summary>The address of the API as users reach it; mail links start with it.</summary>
    [Required(ErrorMessage = "Mail:PublicBaseUrl is required (e.g. https://referrals.example.fi).")]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>The right-hand side of Message-IDs (default: the host of <see cref="PublicBaseUrl"/>).</summary>
    public string? MessageIdDomain { get; set; }

    [Range(1, 100, ErrorMessage = "Mail:MaxAttempts must be 1–100.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The pause after the first failure; doubled after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Mail:RetryBackoff must be between 1 second and 1 day.")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a courier holds a mail row it is sending before another host may send it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Mail:SendLease must be between 5 seconds and 1 hour.")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long connecting to the relay (greeting and sign-in included) may take before the
    /// attempt fails and the mail is retried later.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:01:00", ErrorMessage = "Mail:ConnectTimeout must be between 0.5 seconds and 1 minute.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long handing one message to the relay may take once connected.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:02:00", ErrorMessage = "Mail:SendTimeout must be between 0.5 seconds and 2 minutes.")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many messages one host hands to the relay at once, across referrals.</summary>
    [Range(1, 64, ErrorMessage = "Mail:MaxConcurrentSends must be 1–64.")]
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>The key of a role's fallback address. A word, not "*": Azure app settings on Linux
    /// (Mail__Recipients__Signer__Any) allow only letters, digits and underscores in names.</summary>
    public const string AnyKey = "Any";

    /// <summary>Role addresses: Recipients:{RecipientRole}:{key} = address; the key <see cref="AnyKey"/> is
    /// the role's fallback. Mailboxes of units and bodies, never a client's address.</summary>
    public Dictionary<string, Dictionary<string, string>> Recipients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string IdDomain => string.IsNullOrWhiteSpace(MessageIdDomain) ? PublicBaseUrl.Host : MessageIdDomain;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Mail:From '{From}' is not an e-mail address.", [nameof(From)]);
        }
        if (!PublicBaseUrl.IsAbsoluteUri || PublicBaseUrl.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Mail:PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Set both Mail:UserName and Mail:Password, or neither.", [nameof(UserName), nameof(Password)]);
        }
        foreach (var (role, addresses) in Recipients)
        {
            if (!Enum.TryParse<Domain.Notifications.RecipientRole>(role, ignoreCase: true, out _))
            {
                yield return new ValidationResult($"Mail:Recipients:{role} is not a recipient role (CaseOwner, ReviewBody, Signer, DeputySigner).", [nameof(Recipients)]);
            }
            foreach (var (key, address) in addresses)
            {
                if (!MailboxAddress.TryParse(address, out _))
                {
                    yield return new ValidationResult($"Mail:Recipients:{role}:{key} '{address}' is not an e-mail address.", [nameof(Recipients)]);
                }
            }
        }
    }
}

internal enum MailSecurity { None, StartTls, SslOnConnect, Auto }
