using LiveChat.Core.Agents;
using LiveChat.Core.Internal;

namespace LiveChat.Core.Conversations;

/// <summary>
/// The details panel and the "created results" list of a conversation (feature C7). They stay editable after the
/// conversation ended, so that leads and deals can still be recorded on it.
/// </summary>
/// <remarks>
/// While an agent owns the conversation only that agent writes here; otherwise any registered agent of the workspace
/// may. Thread-safe.
/// </remarks>
public sealed class ConversationDetailsService
{
    private const int MaxNameLength = 200;
    private const int MaxNoteLength = 4000;
    private readonly ConversationCommands _commands;
    private readonly AgentResolver _resolver;
    private readonly ConversationPortRef _port;

    internal ConversationDetailsService(ConversationCommands commands, AgentResolver resolver, ConversationPortRef port)
    {
        _commands = commands;
        _resolver = resolver;
        _port = port;
    }

    /// <summary>Sets the deal value, person or organization; fields left <see langword="null"/> keep their value.</summary>
    /// <exception cref="ArgumentException">The deal value is <c>default(Money)</c>, or a name is empty, longer than 200 characters or not storable text.</exception>
    /// <exception cref="NotAssignedAgentException">Another agent owns the conversation.</exception>
    public ValueTask<Conversation> UpdateAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, ConversationDetailsUpdate update, CancellationToken cancellationToken = default)
    {
        if (_port.Remote is not { } port)
        {
            return UpdateHereAsync(workspace, conversationId, agentId, update, cancellationToken);
        }

        CheckUpdate(update);
        return port.UpdateDetailsAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, update, cancellationToken);
    }

    /// <summary>Adds a note to the details panel.</summary>
    /// <exception cref="ArgumentException">The note is empty or longer than 4,000 characters.</exception>
    public ValueTask<Conversation> AddNoteAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, CancellationToken cancellationToken = default)
    {
        if (_port.Remote is not { } port)
        {
            return AddNoteHereAsync(workspace, conversationId, agentId, text, cancellationToken);
        }

        Guard.NotNullOrWhiteSpace(text, MaxNoteLength);
        return port.AddNoteAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, text, cancellationToken);
    }

    /// <summary>Records a lead, deal or other record created from the conversation in its "created results" list.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="agentId">The agent who created it.</param>
    /// <param name="kind">What was created.</param>
    /// <param name="externalId">Its id in the CRM; at most 200 characters.</param>
    /// <param name="title">Its title; at most 200 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public ValueTask<Conversation> AddCreatedResultAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CreatedResultKind kind, string externalId, string title, CancellationToken cancellationToken = default)
    {
        if (_port.Remote is not { } port)
        {
            return AddCreatedResultHereAsync(workspace, conversationId, agentId, kind, externalId, title, cancellationToken);
        }

        CheckCreatedResult(kind, externalId, title);
        return port.AddCreatedResultAsync(ConversationPortRef.CheckIds(workspace, conversationId, agentId), conversationId, agentId, kind, externalId, title, cancellationToken);
    }

    internal ValueTask<Conversation> UpdateHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, ConversationDetailsUpdate update, CancellationToken cancellationToken)
    {
        CheckUpdate(update);
        return ChangeAsync(workspace, conversationId, agentId, (c, _) => c with
        {
            Details = c.Details with
            {
                DealValue = update.DealValue ?? c.Details.DealValue,
                PersonName = update.PersonName ?? c.Details.PersonName,
                OrganizationName = update.OrganizationName ?? c.Details.OrganizationName,
            },
        }, cancellationToken);
    }

    internal ValueTask<Conversation> AddNoteHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, string text, CancellationToken cancellationToken)
    {
        Guard.NotNullOrWhiteSpace(text, MaxNoteLength);
        return ChangeAsync(workspace, conversationId, agentId, (c, agent) => c with
        {
            Details = c.Details with { Notes = c.Details.Notes.Add(new ConversationNote(agent.Id, text, _commands.Time.GetUtcNow())) },
        }, cancellationToken);
    }

    internal ValueTask<Conversation> AddCreatedResultHereAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, CreatedResultKind kind, string externalId, string title, CancellationToken cancellationToken)
    {
        CheckCreatedResult(kind, externalId, title);
        return ChangeAsync(workspace, conversationId, agentId, (c, agent) => c with
        {
            CreatedResults = c.CreatedResults.Add(new CreatedResult(kind, externalId, title, agent.Id, _commands.Time.GetUtcNow())),
        }, cancellationToken);
    }

    private static void CheckUpdate(ConversationDetailsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.DealValue is { } dealValue)
        {
            Guard.Defined(dealValue, nameof(update.DealValue));
        }

        Guard.OptionalText(update.PersonName, MaxNameLength, nameof(update.PersonName));
        Guard.OptionalText(update.OrganizationName, MaxNameLength, nameof(update.OrganizationName));
    }

    private static void CheckCreatedResult(CreatedResultKind kind, string externalId, string title)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of created result.");
        }

        Guard.NotNullOrWhiteSpace(externalId, MaxNameLength);
        Guard.NotNullOrWhiteSpace(title, MaxNameLength);
    }

    private async ValueTask<Conversation> ChangeAsync(
        WorkspaceId workspace, ConversationId conversationId, AgentId agentId, Func<Conversation, Agent, Conversation> change, CancellationToken cancellationToken)
    {
        var agent = await _resolver.RequireAsync(workspace, agentId, cancellationToken).ConfigureAwait(false);
        return await _commands.ChangeAsync(workspace, conversationId, c =>
        {
            if (c.State == ConversationState.Assigned && c.AssignedAgentId != agent.Id)
            {
                throw new NotAssignedAgentException(c.Id, agent.Id);
            }

            return new ConversationCommands.Change(change(c, agent), []);
        }, cancellationToken).ConfigureAwait(false);
    }
}
