using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ChatMessage"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ChatMessageConverter : JsonRecordConverter<ChatMessage>;
