using System.Text.Json;
using System.Text.Json.Serialization;
using LiveChat.Core.Email;

namespace LiveChat.Core.Json;

/// <summary>
/// Writes an <see cref="EmailAddress"/> as its address and display name, named as the options name properties, and
/// reads it back through <see cref="EmailAddress.Create"/>, so it is checked again (an invalid one is refused with
/// <see cref="InvalidEmailAddressException"/>). The one place that shape is written: the workspace settings' JSON and
/// the cluster's wire form of an e-mail event (<c>LiveChat.Orleans</c>) both use it. Thread-safe and stateless.
/// </summary>
internal sealed class EmailAddressJsonConverter : JsonConverter<EmailAddress>
{
    /// <inheritdoc />
    public override EmailAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("An e-mail address is null.");
        return EmailAddress.Create(shape.Address, shape.DisplayName);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmailAddress value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, new Shape(value.Address, value.DisplayName), options);

    private sealed record Shape(string Address, string? DisplayName);
}
