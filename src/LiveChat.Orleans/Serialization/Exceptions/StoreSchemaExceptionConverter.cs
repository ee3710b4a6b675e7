using LiveChat.Core;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="StoreSchemaException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class StoreSchemaExceptionConverter : ExceptionConverter<StoreSchemaException>
{
    /// <inheritdoc />
    protected override object?[] Values(StoreSchemaException exception) => [exception.FoundVersion, exception.SupportedVersion];

    /// <inheritdoc />
    protected override StoreSchemaException Restore(object?[] values, Exception? inner) => new((int)values[0]!, (int)values[1]!);
}
