using LiveChat.Core;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;

namespace LiveChat.Orleans.Serialization.Exceptions;

/// <summary>Carries <see cref="ClientAlreadyInCrmException"/> across grain boundaries with its values.</summary>
[RegisterConverter]
internal sealed class ClientAlreadyInCrmExceptionConverter : ExceptionConverter<ClientAlreadyInCrmException>
{
    /// <inheritdoc />
    protected override object?[] Values(ClientAlreadyInCrmException exception) => [exception.ConversationId, exception.ExistingRecord];

    /// <inheritdoc />
    protected override ClientAlreadyInCrmException Restore(object?[] values, Exception? inner) => new((ConversationId)values[0]!, (CrmRecordId)values[1]!);
}
