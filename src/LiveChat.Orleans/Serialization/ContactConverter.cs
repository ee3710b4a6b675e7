using LiveChat.Core.Identity;

namespace LiveChat.Orleans.Serialization;

/// <summary>Carries <see cref="Contact"/> across grain boundaries as its JSON in the stores' shape.</summary>
[RegisterConverter]
internal sealed class ContactConverter : JsonRecordConverter<Contact>;
