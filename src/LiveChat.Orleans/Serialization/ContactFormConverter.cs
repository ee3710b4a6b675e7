using LiveChat.Core.Conversations;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="ContactForm"/> across grain boundaries (a conversation command's argument or answer) as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ContactFormConverter : JsonRecordConverter<ContactForm>;
