using LiveChat.Core.Routing;
using Microsoft.Extensions.Options;

namespace LiveChat.Core;

/// <summary>Checks <see cref="LiveChatOptions"/> and names every invalid setting at once.</summary>
public sealed class LiveChatOptionsValidator : IValidateOptions<LiveChatOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LiveChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(options.MaxMessageLength, 1, 100_000, nameof(options.MaxMessageLength));
        Range(options.MaxPageSize, 1, 1000, nameof(options.MaxPageSize));
        Range(options.EventBufferCapacity, 1, 1_000_000, nameof(options.EventBufferCapacity));
        Text(options.BotDisplayName, nameof(options.BotDisplayName));
        if (options.DefaultVisitorName is not null)
        {
            Text(options.DefaultVisitorName, nameof(options.DefaultVisitorName));
        }
        if (!Enum.IsDefined(options.EventBufferFullMode))
        {
            failures.Add($"{nameof(LiveChatOptions)}.{nameof(options.EventBufferFullMode)} has the unknown value {options.EventBufferFullMode}.");
        }

        if (options.PagingKey is { } pagingKey && Storage.InboxTokenCodec.DecodeKey(pagingKey) is null)
        {
            failures.Add($"{nameof(LiveChatOptions)}.{nameof(options.PagingKey)} must be {Storage.InboxTokenCodec.KeyBytes} bytes in base64.");
        }

        var routing = options.Routing;
        if (!Enum.IsDefined(routing.Mode))
        {
            failures.Add($"{nameof(LiveChatOptions)}.Routing.{nameof(routing.Mode)} has the unknown value {routing.Mode}.");
        }

        if (!Enum.IsDefined(routing.RequeuePolicy))
        {
            failures.Add($"{nameof(LiveChatOptions)}.Routing.{nameof(routing.RequeuePolicy)} has the unknown value {routing.RequeuePolicy}.");
        }

        if (routing.Strategy is null)
        {
            failures.Add($"{nameof(LiveChatOptions)}.Routing.{nameof(routing.Strategy)} is required.");
        }

        Delay(routing.OfferTimeout, TimeSpan.FromSeconds(1), "Routing." + nameof(routing.OfferTimeout), allowInfinite: false);
        Delay(routing.PresenceTimeout, TimeSpan.FromSeconds(1), "Routing." + nameof(routing.PresenceTimeout), allowInfinite: true);
        Delay(routing.RequeueAfter, TimeSpan.Zero, "Routing." + nameof(routing.RequeueAfter), allowInfinite: false);

        if (options.WorkspaceCacheDuration < TimeSpan.Zero || options.WorkspaceCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{nameof(LiveChatOptions)}.{nameof(options.WorkspaceCacheDuration)} must be from zero to one hour.");
        }

        var email = options.Email;
        Range(email.MaxAttempts, 1, 100, "Email.MaxAttempts");
        Range(email.MaxRepliesPerEmail, 1, 500, "Email.MaxRepliesPerEmail");
        Delay(email.InitialRetryDelay, TimeSpan.FromSeconds(1), "Email.InitialRetryDelay", allowInfinite: false);
        Delay(email.MaxRetryDelay, email.InitialRetryDelay, "Email.MaxRetryDelay", allowInfinite: false);
        Delay(email.SendingLease, TimeSpan.FromSeconds(1), "Email.SendingLease", allowInfinite: false);
        Delay(email.UnreadDelay, TimeSpan.FromSeconds(1), "Email.UnreadDelay", allowInfinite: false);
        if (!Email.BuiltInEmailTemplates.IsBuiltIn(email.DefaultLanguage))
        {
            failures.Add($"{nameof(LiveChatOptions)}.Email.{nameof(email.DefaultLanguage)} is \"{email.DefaultLanguage}\"; it must be one of {string.Join(", ", Email.BuiltInEmailTemplates.Languages)}.");
        }

        if (email.DefaultSenderAddress is not null && !Email.EmailAddress.IsValid(email.DefaultSenderAddress))
        {
            failures.Add($"{nameof(LiveChatOptions)}.Email.{nameof(email.DefaultSenderAddress)} is not a valid e-mail address.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Range(int value, int min, int max, string property)
        {
            if (value < min || value > max)
            {
                failures.Add($"{nameof(LiveChatOptions)}.{property} is {value}; it must be between {min} and {max}.");
            }
        }

        void Delay(TimeSpan value, TimeSpan min, string property, bool allowInfinite)
        {
            if ((value < min || value > RoutingOptions.MaxDelay) && !(allowInfinite && value == Timeout.InfiniteTimeSpan))
            {
                failures.Add($"{nameof(LiveChatOptions)}.{property} is {value}; it must be between {min} and {RoutingOptions.MaxDelay}{(allowInfinite ? ", or Timeout.InfiniteTimeSpan" : string.Empty)}.");
            }
        }

        void Text(string? value, string property)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            {
                failures.Add($"{nameof(LiveChatOptions)}.{property} must be 1 to 100 characters, not empty.");
            }
        }
    }
}
