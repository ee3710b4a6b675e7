using LiveChat.Core;
using LiveChat.Core.Crm;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="CrmRecordHasNoOwnerException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class CrmRecordHasNoOwnerExceptionConverter : ExceptionConverter<CrmRecordHasNoOwnerException>
{
    /// <inheritdoc />
    protected override object?[] Values(CrmRecordHasNoOwnerException exception) => [exception.RecordId];

    /// <inheritdoc />
    protected override CrmRecordHasNoOwnerException Restore(object?[] values, Exception? inner) => new((CrmRecordId)values[0]!);
}
