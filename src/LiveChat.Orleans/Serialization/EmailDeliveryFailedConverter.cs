using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core.Email;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans.Serialization;

/// <summary>
/// Carries the <see cref="EmailDeliveryFailed"/> event across silos (feature X7) as JSON: the stores' shape, plus the
/// recipient's <see cref="EmailAddress"/>, which the stores' options do not carry (it would arrive empty).
/// </summary>
[RegisterConverter]
internal sealed class EmailDeliveryFailedConverter : JsonRecordConverter<EmailDeliveryFailed>
{
    /// <summary>The stores' options plus <see cref="EmailAddress"/>, shared by every converter of a record holding an address.</summary>
    internal static readonly JsonSerializerOptions WithAddresses = new(StoreJson.Options) { Converters = { new AddressConverter() } };

    /// <inheritdoc />
    protected override JsonSerializerOptions Options => WithAddresses;

    /// <summary>An address as <c>{"address": …, "displayName": …}</c>, read back through <see cref="EmailAddress.Create"/>.</summary>
    private sealed class AddressConverter : JsonConverter<EmailAddress>
    {
        public override EmailAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var wire = JsonSerializer.Deserialize<Wire>(ref reader, options) ?? throw new JsonException("An e-mail address on the wire is null.");
            return EmailAddress.Create(wire.Address, wire.DisplayName);
        }

        public override void Write(Utf8JsonWriter writer, EmailAddress value, JsonSerializerOptions options)
            => JsonSerializer.Serialize(writer, new Wire(value.Address, value.DisplayName), options);

        private sealed record Wire(string Address, string? DisplayName);
    }
}
