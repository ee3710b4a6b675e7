using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ConversationAlreadyClaimedException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class ConversationAlreadyClaimedExceptionConverter : ExceptionConverter<ConversationAlreadyClaimedException>
{
    /// <inheritdoc />
    protected override object?[] Values(ConversationAlreadyClaimedException exception) => [exception.ConversationId, exception.Owner];

    /// <inheritdoc />
    protected override ConversationAlreadyClaimedException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (AgentId)values[1]!);
}
