using LiveChat.Core.Transport;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries the <see cref="ConversationStateChanged"/> event across silos (feature X7) as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ConversationStateChangedConverter : JsonRecordConverter<ConversationStateChanged>;
