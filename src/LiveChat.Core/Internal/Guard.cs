using System.Runtime.CompilerServices;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Core.Internal;

/// <summary>Argument checks shared by every public entry point, so errors read the same everywhere.</summary>
internal static class Guard
{
    public static string NotNullOrWhiteSpace(string? value, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty or white space.", paramName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The value is {value.Length} characters long; at most {maxLength} are allowed.", paramName);
        }

        return value;
    }

    public static string? OptionalText(string? value, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        => value is null ? null : NotNullOrWhiteSpace(value, maxLength, paramName);

    public static WorkspaceId Defined(WorkspaceId workspace, [CallerArgumentExpression(nameof(workspace))] string? paramName = null)
        => workspace.IsDefault ? throw new ArgumentException("A workspace id is required; default(WorkspaceId) is not a workspace.", paramName) : workspace;

    public static AgentId Defined(AgentId agent, [CallerArgumentExpression(nameof(agent))] string? paramName = null)
        => agent.IsDefault ? throw new ArgumentException("An agent id is required; default(AgentId) is not an agent.", paramName) : agent;

    public static ConversationId Defined(ConversationId conversation, [CallerArgumentExpression(nameof(conversation))] string? paramName = null)
        => conversation.Value == Guid.Empty ? throw new ArgumentException("A conversation id is required; the empty Guid is not a conversation.", paramName) : conversation;

    public static int InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        => value < min || value > max
            ? throw new ArgumentOutOfRangeException(paramName, value, $"The value must be between {min} and {max}.")
            : value;
}
