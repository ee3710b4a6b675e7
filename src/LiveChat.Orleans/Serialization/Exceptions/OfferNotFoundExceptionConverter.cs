using LiveChat.Core;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="OfferNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class OfferNotFoundExceptionConverter : ExceptionConverter<OfferNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(OfferNotFoundException exception) => [exception.ConversationId, exception.AgentId, exception.Token];

    /// <inheritdoc />
    protected override OfferNotFoundException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (AgentId)values[1]!, (long)values[2]!);
}
