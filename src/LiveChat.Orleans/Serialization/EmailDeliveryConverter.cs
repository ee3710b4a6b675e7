using System.Text.Json;
using LiveChat.Core.Email;

namespace LiveChat.Orleans.Serialization;

/// <summary>
/// Carries <see cref="EmailDelivery"/> (the answer of a transcript or page-closed command) across grain boundaries as
/// JSON: the stores' shape plus the e-mail addresses of its message.
/// </summary>
[RegisterConverter]
internal sealed class EmailDeliveryConverter : JsonRecordConverter<EmailDelivery>
{
    /// <inheritdoc />
    protected override JsonSerializerOptions Options => EmailDeliveryFailedConverter.WithAddresses;
}
