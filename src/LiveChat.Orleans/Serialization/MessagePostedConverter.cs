using LiveChat.Core.Transport;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries the <see cref="MessagePosted"/> event across silos (feature X7) as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class MessagePostedConverter : JsonRecordConverter<MessagePosted>;
