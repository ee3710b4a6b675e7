using Microsoft.Extensions.Options;

namespace LiveChat.Email.MailKit;

/// <summary>Checks <see cref="SmtpOptions"/> and names every invalid setting at once.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{nameof(SmtpOptions)}.{nameof(options.Host)} must be a host name or an IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{nameof(SmtpOptions)}.{nameof(options.Port)} is {options.Port}; it must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{nameof(SmtpOptions)}.{nameof(options.Security)} has the unknown value {options.Security}.");
        }

        if (options.UserName is not null && (string.IsNullOrWhiteSpace(options.UserName) || options.Password is null))
        {
            failures.Add($"{nameof(SmtpOptions)}.{nameof(options.UserName)} must not be blank, and needs a {nameof(options.Password)}.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{nameof(SmtpOptions)}.{nameof(options.Timeout)} is {options.Timeout}; it must be between 1 second and 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
