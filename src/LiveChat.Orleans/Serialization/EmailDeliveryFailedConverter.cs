using System.Text.Json;
using LiveChat.Core.Email;
using LiveChat.Core.Json;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Serialization;

/// <summary>
/// Carries the <see cref="EmailDeliveryFailed"/> event across silos (feature X7) as JSON: the stores' shape, plus the
/// recipient's <see cref="EmailAddress"/>, which the stores' options do not carry (it would arrive empty), written by the
/// core's own converter for addresses, as the workspace settings write them.
/// </summary>
[RegisterConverter]
internal sealed class EmailDeliveryFailedConverter : JsonRecordConverter<EmailDeliveryFailed>
{
    /// <summary>The stores' options plus <see cref="EmailAddress"/>, shared by every converter of a record holding an address.</summary>
    internal static readonly JsonSerializerOptions WithAddresses = new(StoreJson.Options) { Converters = { new EmailAddressJsonConverter() } };

    /// <inheritdoc />
    protected override JsonSerializerOptions Options => WithAddresses;
}
