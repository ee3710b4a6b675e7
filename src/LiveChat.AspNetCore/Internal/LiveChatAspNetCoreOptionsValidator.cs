using LiveChat.Core;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Internal;

/// <summary>Checks <see cref="LiveChatAspNetCoreOptions"/> when the host starts and lists every problem at once.</summary>
internal sealed class LiveChatAspNetCoreOptionsValidator(IOptions<LiveChatOptions> core) : IValidateOptions<LiveChatAspNetCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveChatAspNetCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Widgets.Count == 0)
        {
            failures.Add("Widgets: configure at least one public widget key.");
        }

        foreach (var (key, widget) in options.Widgets)
        {
            if (key.Length is 0 or > 128 || key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                failures.Add($"Widgets: a key must be 1 to 128 characters without control characters or white space (a key of {key.Length} characters).");
            }

            if (widget is null || widget.Workspace == default)
            {
                failures.Add($"Widgets[{key}].Workspace is required.");
                continue;
            }

            if (widget.AllowedOrigins.Count == 0)
            {
                failures.Add($"Widgets[{key}].AllowedOrigins: name at least one origin, such as https://www.example.com.");
            }

            failures.AddRange(widget.AllowedOrigins
                .Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || o.EndsWith('/'))
                .Select(o => $"Widgets[{key}].AllowedOrigins: '{o}' is not an origin (scheme://host[:port], no path)."));
        }

        Require(failures, !string.IsNullOrWhiteSpace(options.WorkspaceClaimType), "WorkspaceClaimType is required.");
        Require(failures, !string.IsNullOrWhiteSpace(options.AgentIdClaimType), "AgentIdClaimType is required.");
        Require(failures, !string.IsNullOrWhiteSpace(options.CookieName) && options.CookieName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'),
            "CookieName must be letters, digits, '_', '-' or '.'.");
        Require(failures, options.CookieLifetime >= TimeSpan.FromMinutes(1) && options.CookieLifetime <= TimeSpan.FromDays(400), "CookieLifetime must be from 1 minute to 400 days.");
        Require(failures, options.MaxMessageBytes is >= 4096 and <= 1024 * 1024, "MaxMessageBytes must be from 4,096 to 1,048,576.");
        Require(failures, options.HeartbeatInterval >= TimeSpan.FromSeconds(1), "HeartbeatInterval must be at least 1 s.");
        var presence = core.Value.Routing.PresenceTimeout;
        Require(failures, presence == Timeout.InfiniteTimeSpan || options.HeartbeatInterval < presence,
            $"HeartbeatInterval ({options.HeartbeatInterval}) must be shorter than LiveChatOptions.Routing.PresenceTimeout ({presence}), or agents lapse while connected.");
        Require(failures, options.RateLimitWindow >= TimeSpan.FromSeconds(1) && options.RateLimitWindow <= TimeSpan.FromHours(1), "RateLimitWindow must be from 1 s to 1 hour.");
        Require(failures, options.PostsPerConnection >= 1, "PostsPerConnection must be at least 1.");
        Require(failures, options.PostsPerIp >= 1, "PostsPerIp must be at least 1.");
        Require(failures, options.StartsPerIp >= 1, "StartsPerIp must be at least 1.");
        Require(failures, options.MaxOpenConversationsPerAgentConnection is >= 1 and <= 10_000, "MaxOpenConversationsPerAgentConnection must be from 1 to 10,000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
