using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="OfferExpiredException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class OfferExpiredExceptionConverter : ExceptionConverter<OfferExpiredException>
{
    /// <inheritdoc />
    protected override object?[] Values(OfferExpiredException exception) => [exception.ConversationId, exception.AgentId, exception.Token];

    /// <inheritdoc />
    protected override OfferExpiredException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (AgentId)values[1]!, (long)values[2]!);
}
