using System.Collections.Immutable;
using LiveChat.Core.Conversations;
using LiveChat.Core.Crm;
using LiveChat.Core.Email;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <content>Carrying out a step's effects: bot messages, forms, handoff, qualification and follow-up actions (P3, P4, P6).</content>
public sealed partial class PlaybookService
{
    private async ValueTask<PlaybookRun> ApplyAsync(Conversation conversation, PlaybookMachine machine, PlaybookRun run, List<PlaybookEffect> effects, CancellationToken cancellationToken)
    {
        var workspace = conversation.Workspace;
        var playbook = machine.Playbook;
        var landed = ImmutableArray.CreateBuilder<CrmRecordId>();
        try
        {
            foreach (var effect in effects)
            {
                switch (effect)
                {
                    case PlaybookEffect.Introduce introduce:
                        await _commands.ChangeAsync(workspace, conversation.Id, c => c.State == ConversationState.BotFlow && c.CounterpartName != introduce.BotName
                            ? new ConversationCommands.Change(c with { CounterpartName = introduce.BotName }, [])
                            : null, cancellationToken).ConfigureAwait(false);
                        break;
                    case PlaybookEffect.Say say:
                        await SayAsync(workspace, conversation.Id, playbook, say.Text, cancellationToken).ConfigureAwait(false);
                        break;
                    case PlaybookEffect.ShowForm form:
                        await _commands.PublishAsync(new PlaybookFormRequested(workspace, conversation.Id, form.Kind, form.Text, playbook.Language, _commands.Time.GetUtcNow()), cancellationToken)
                            .ConfigureAwait(false);
                        break;
                    case PlaybookEffect.HandOff handOff:
                        await HandOffAsync(workspace, conversation.Id, playbook.Language, handOff.Target, cancellationToken).ConfigureAwait(false);
                        break;
                    case PlaybookEffect.Qualify qualify:
                        await ChangeDetailsAsync(workspace, conversation.Id, d => d.Qualified == qualify.Qualified ? null : d with { Qualified = qualify.Qualified }, cancellationToken)
                            .ConfigureAwait(false);
                        break;
                    case PlaybookEffect.Identify identify:
                        await IdentifyAnswerAsync(conversation, identify, cancellationToken).ConfigureAwait(false);
                        break;
                    case PlaybookEffect.FollowUp followUp:
                        await FollowUpAsync(conversation, playbook, followUp, landed, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is SenderNotAllowedException or ConversationEndedException)
        {
            // An agent took the conversation, or it ended, while the bot was speaking: the bot steps back.
            Log.PlaybookStopped(_logger, conversation.Id, ex.Message);
            return await UpdateRunAsync(workspace, conversation.Id, r => r with { Status = PlaybookRunStatus.Stopped, CrmRecords = r.CrmRecords.AddRange(landed) }, cancellationToken)
                .ConfigureAwait(false) ?? run;
        }

        return landed.Count == 0
            ? run
            : await UpdateRunAsync(workspace, conversation.Id, r => r with { CrmRecords = r.CrmRecords.AddRange(landed) }, cancellationToken).ConfigureAwait(false) ?? run;
    }

    private ValueTask<ChatMessage> SayAsync(WorkspaceId workspace, ConversationId conversationId, Playbook playbook, string text, CancellationToken cancellationToken)
    {
        var bot = new MessageSender(SenderKind.Bot, playbook.Appearance.BotName);
        if (text.Length > _commands.Options.MaxMessageLength)
        {
            text = text[.._commands.Options.MaxMessageLength];
        }

        return _commands.PostAsync(workspace, conversationId, bot, bot, ConversationService.BotMayPost, text, null, cancellationToken);
    }

    private async ValueTask HandOffAsync(WorkspaceId workspace, ConversationId conversationId, string language, RoutingTarget target, CancellationToken cancellationToken)
    {
        var texts = (Texts.Get(language, SystemText.ConnectingToAgent), Texts.Get(language, SystemText.NobodyAvailable));
        try
        {
            await _conversations.RequestAgentLocalizedAsync(workspace, conversationId, target, texts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TeamNotFoundException or AgentNotFoundException)
        {
            // The team or teammate was removed after publication: anyone in the workspace may take the visitor instead.
            Log.PlaybookTargetMissing(_logger, workspace, target.ToString(), ex.Message);
            await _conversations.RequestAgentLocalizedAsync(workspace, conversationId, RoutingTarget.Workspace, texts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask FollowUpAsync(
        Conversation conversation, Playbook playbook, PlaybookEffect.FollowUp followUp, ImmutableArray<CrmRecordId>.Builder landed, CancellationToken cancellationToken)
    {
        var workspace = conversation.Workspace;
        foreach (var action in followUp.Actions)
        {
            switch (action)
            {
                case TagAction tag:
                    var value = tag.Tag.Trim();
                    await ChangeDetailsAsync(workspace, conversation.Id, d => d.Tags.Contains(value) ? null : d with { Tags = d.Tags.Add(value) }, cancellationToken).ConfigureAwait(false);
                    break;
                case AssignToTeamAction assign:
                    await HandOffAsync(workspace, conversation.Id, playbook.Language, RoutingTarget.ToTeam(new TeamId(assign.Team)), cancellationToken).ConfigureAwait(false);
                    break;
                case CreateLeadAction lead:
                    await EnsureRecordAsync(conversation, lead.DistributionGroup, landed, cancellationToken).ConfigureAwait(false);
                    break;
                case CreateDealAction deal:
                    // The deal goes to the action's group, else to whoever the lead it is about is assigned to.
                    var person = await EnsureRecordAsync(conversation, deal.DistributionGroup, landed, cancellationToken).ConfigureAwait(false);
                    var record = await ChatRecords.CreateAsync(_crm, _commands.Locales, conversation, new CrmRecordDraft
                    {
                        Kind = CrmRecordKind.Deal,
                        Name = deal.Title,
                        PersonId = person.Id,
                        Owner = deal.DistributionGroup is null ? person.Owner : null,
                        DistributionGroup = deal.DistributionGroup,
                    }, null, cancellationToken).ConfigureAwait(false);
                    landed.Add(record.Id);
                    break;
                case CreateActivityAction activity:
                    var target = await EnsureRecordAsync(conversation, null, landed, cancellationToken).ConfigureAwait(false);
                    var answers = string.Concat(followUp.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"\n{a.Key}: {a.Value}"));
                    await _crm.AddActivityAsync(workspace, new CrmActivity
                    {
                        RecordId = target.Id,
                        Type = CrmActivityType.Note,
                        OccurredAt = _commands.Time.GetUtcNow(),
                        Text = activity.Text + answers,
                        ContactName = conversation.VisitorName,
                        TranscriptReference = IdentityService.TranscriptReference(conversation),
                    }, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>
    /// The visitor's CRM record: the contact's when identity resolution filed (or found) it, else one this run created,
    /// else a new lead named after the visitor with their e-mail and phone, assigned like every lead the SDK creates, and
    /// filed on the conversation's contact so that what the visitor says later lands on it. Whichever it is, the run lists
    /// it (once) in <see cref="PlaybookRun.CrmRecords"/>, so the host sees where the follow-up landed.
    /// </summary>
    private async ValueTask<CrmRecord> EnsureRecordAsync(
        Conversation conversation, string? distributionGroup, ImmutableArray<CrmRecordId>.Builder landed, CancellationToken cancellationToken)
    {
        var workspace = conversation.Workspace;
        var contact = await _identity.FindByConversationAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        var run = await _runs.FindAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
        foreach (var id in (contact?.CrmRecord is { } known ? [known] : Enumerable.Empty<CrmRecordId>()).Concat(run?.CrmRecords ?? []).Concat(landed))
        {
            if (await _crm.FindAsync(workspace, id, cancellationToken).ConfigureAwait(false) is { Kind: CrmRecordKind.Lead or CrmRecordKind.Person } existing)
            {
                return Listed(existing);
            }
        }

        var draft = ChatRecords.Lead(
            _identity.GetSettings(workspace),
            contact?.Name is { Length: > 0 } name ? name : conversation.VisitorName,
            ChatRecords.Email(contact?.Identifiers),
            ChatRecords.Phone(contact?.Identifiers),
            conversation.AssignedAgentId,
            distributionGroup);
        var lead = await ChatRecords.CreateAsync(_crm, _commands.Locales, conversation, draft, null, cancellationToken).ConfigureAwait(false);

        // Chat tracking may have filed the visitor meanwhile: the record it found wins, and this one goes again.
        var filed = await _identity.FileCrmRecordAsync(conversation, lead.Id, "playbook", contact?.CrmRecord, cancellationToken).ConfigureAwait(false);
        if (filed is { } other && other != lead.Id && await _crm.FindAsync(workspace, other, cancellationToken).ConfigureAwait(false) is { } theirs)
        {
            await _crm.EraseAsync(workspace, lead.Id, CancellationToken.None).ConfigureAwait(false);
            return Listed(theirs);
        }

        return Listed(lead);

        CrmRecord Listed(CrmRecord record)
        {
            if (!landed.Contains(record.Id) && run?.CrmRecords.Contains(record.Id) != true)
            {
                landed.Add(record.Id);
            }

            return record;
        }
    }

    /// <summary>
    /// An e-mail, phone or name the visitor answered goes through identity resolution, like the contact form's (seed 000,
    /// feature P4): it lands on the contact and fills what its CRM record lacks, or files a new client as a lead; a name
    /// also becomes the visitor's name in the conversation, and agent replies the visitor does not read are e-mailed to an
    /// e-mail address (features E3, E4). An answer identity resolution refuses (a phone number the workspace's region
    /// cannot place) stays in the run's answers only.
    /// </summary>
    private async ValueTask IdentifyAnswerAsync(Conversation conversation, PlaybookEffect.Identify answer, CancellationToken cancellationToken)
    {
        var request = new IdentifyRequest { ConversationId = conversation.Id };
        request = answer.Kind switch
        {
            AnswerValidation.Email => request with { Email = answer.Value },
            AnswerValidation.Phone => request with { Phone = answer.Value },
            _ => request with { Name = answer.Value },
        };
        try
        {
            await _identity.IdentifyAsync(conversation.Workspace, request, cancellationToken).ConfigureAwait(false);
            if (answer.Kind == AnswerValidation.Email)
            {
                var offline = conversation.State == ConversationState.Offline;
                await _email.SaveRecipientAsync(conversation, EmailAddress.Create(answer.Value), offline, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ArgumentException ex)
        {
            Log.PlaybookAnswerNotIdentified(_logger, conversation.Id, ex.Message);
            return;
        }

        if (answer.Kind == AnswerValidation.Name)
        {
            await _commands.ChangeAsync(conversation.Workspace, conversation.Id, c => c.VisitorName == answer.Value
                ? null
                : new ConversationCommands.Change(c with { VisitorName = answer.Value }, []), cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask<Conversation> ChangeDetailsAsync(
        WorkspaceId workspace, ConversationId conversationId, Func<ConversationDetails, ConversationDetails?> change, CancellationToken cancellationToken)
        => _commands.ChangeAsync(workspace, conversationId, c => change(c.Details) is { } details ? new ConversationCommands.Change(c with { Details = details }, []) : null, cancellationToken);

    private async ValueTask<PlaybookRun?> UpdateRunAsync(WorkspaceId workspace, ConversationId conversationId, Func<PlaybookRun, PlaybookRun> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await _runs.FindAsync(workspace, conversationId, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                return null;
            }

            var next = change(run);
            if (await _runs.TryReplaceAsync(workspace, conversationId, run, next, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }
        }
    }
}
