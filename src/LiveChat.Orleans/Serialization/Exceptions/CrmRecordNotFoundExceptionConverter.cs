using LiveChat.Core;
using LiveChat.Core.Crm;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="CrmRecordNotFoundException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class CrmRecordNotFoundExceptionConverter : ExceptionConverter<CrmRecordNotFoundException>
{
    /// <inheritdoc />
    protected override object?[] Values(CrmRecordNotFoundException exception) => [exception.Workspace, exception.RecordId];

    /// <inheritdoc />
    protected override CrmRecordNotFoundException Restore(object?[] values, Exception? inner) => new((WorkspaceId)values[0]!, (CrmRecordId)values[1]!);
}
