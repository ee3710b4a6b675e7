using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ConversationId"/> across grain boundaries as its value.</summary>
[RegisterConverter]
internal sealed class ConversationIdConverter : IConverter<ConversationId, GuidIdSurrogate>
{
    /// <inheritdoc />
    public ConversationId ConvertFromSurrogate(in GuidIdSurrogate surrogate) => new(surrogate.Value);

    /// <inheritdoc />
    public GuidIdSurrogate ConvertToSurrogate(in ConversationId value) => new() { Value = value.Value };
}
