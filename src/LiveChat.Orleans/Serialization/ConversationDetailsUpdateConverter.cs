using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ConversationDetailsUpdate"/> across grain boundaries (a conversation command's argument or answer) as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ConversationDetailsUpdateConverter : JsonRecordConverter<ConversationDetailsUpdate>;
