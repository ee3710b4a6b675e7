using System.Collections.Immutable;
using LiveChat.Core.Agents;
using LiveChat.Core.Conversations;
using LiveChat.Core.Identity;
using LiveChat.Core.Internal;
using LiveChat.Core.Routing;
using LiveChat.Core.Storage;
using LiveChat.Core.Texts;

namespace LiveChat.Core.Playbooks;

/// <content>The runtime: a stimulus (start, answer, form) walks the machine to the next waiting card, then effects run.</content>
public sealed partial class PlaybookService
{
    private enum StimulusKind
    {
        Start,
        Answer,
        Form,
    }

    /// <summary>
    /// A contact form was submitted through <see cref="VisitorService.SubmitContactFormAsync"/>: the timed form is no longer
    /// due, and a run waiting on a contact-form card moves on (features E1, P7).
    /// </summary>
    private async ValueTask ContactFormSubmittedAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        await CancelTimerAsync(conversation.Workspace, conversation.Id, DueWorkKind.ContactForm, cancellationToken).ConfigureAwait(false);
        await DriveAsync(conversation, StimulusKind.Form, null, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PlaybookRun?> StartAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var run = await DriveAsync(conversation, StimulusKind.Start, null, cancellationToken).ConfigureAwait(false);
        if (run is not null && run.Status is PlaybookRunStatus.Waiting or PlaybookRunStatus.Finished && run.PendingForm is null
            && await MachineOfAsync(conversation.Workspace, run, cancellationToken).ConfigureAwait(false) is { } machine
            && machine.Playbook.Timers.ContactFormAfterGreeting is { } delay)
        {
            await ArmTimerAsync(conversation.Workspace, conversation.Id, DueWorkKind.ContactForm, delay, cancellationToken).ConfigureAwait(false);
        }

        return run;
    }

    private ValueTask<PlaybookRun?> AnswerAsync(Conversation conversation, string text, CancellationToken cancellationToken)
        => DriveAsync(conversation, StimulusKind.Answer, text, cancellationToken);

    /// <summary>Decides the step on the current run, stores the new run if nobody else moved it meanwhile, then carries out the effects.</summary>
    private async ValueTask<PlaybookRun?> DriveAsync(Conversation conversation, StimulusKind kind, string? text, CancellationToken cancellationToken)
    {
        var workspace = conversation.Workspace;
        bool? known = null;
        // Each lost race means another stimulus was taken on this conversation, so the loop always makes progress.
        while (true)
        {
            var run = await _runs.FindAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            PlaybookMachine? machine;
            PlaybookRun current;
            if (run is null)
            {
                // A visitor who writes on a conversation that started before the publication gets the greeting first.
                machine = await _published.ActiveAsync(workspace, cancellationToken).ConfigureAwait(false);
                if (machine is null)
                {
                    return null;
                }

                current = new PlaybookRun { PlaybookId = machine.Playbook.Id, Version = machine.Playbook.Version, CardId = machine.Playbook.StartCardId };
                kind = StimulusKind.Start;
            }
            else
            {
                machine = await MachineOfAsync(workspace, run, cancellationToken).ConfigureAwait(false);
                if (kind == StimulusKind.Start || machine is null || run.Status != PlaybookRunStatus.Waiting)
                {
                    return run;
                }

                current = run;
            }

            var fresh = await _commands.LoadAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false);
            if (kind == StimulusKind.Start && !IsNewInbound(fresh))
            {
                return null;
            }

            known ??= await _identity.FindByConversationAsync(workspace, conversation.Id, cancellationToken).ConfigureAwait(false) is not null;
            var effects = new List<PlaybookEffect>();
            var next = fresh.State is ConversationState.Assigned or ConversationState.Ended
                ? current with { Status = PlaybookRunStatus.Stopped }
                : await WalkAsync(machine, fresh, current, kind, text, known.Value, effects, cancellationToken).ConfigureAwait(false);
            if (!await _runs.TryReplaceAsync(workspace, conversation.Id, run, next, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            return await ApplyAsync(fresh, machine, next, effects, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fires the stimulus, then walks through cards that do not wait until one that does, collecting effects.</summary>
    private async ValueTask<PlaybookRun> WalkAsync(
        PlaybookMachine machine, Conversation conversation, PlaybookRun run, StimulusKind kind, string? text, bool known, List<PlaybookEffect> effects, CancellationToken cancellationToken)
    {
        var playbook = machine.Playbook;
        var language = playbook.Language;
        var state = run.CardId;
        var answers = run.Answers;
        var pendingForm = run.PendingForm;
        switch (kind)
        {
            case StimulusKind.Start:
                effects.Add(new PlaybookEffect.Introduce(playbook.Appearance.BotName));
                break;
            case StimulusKind.Answer:
                var card = machine.Cards[state];
                var (next, rejected) = machine.Fire(state, PlaybookTrigger.Answer, text);
                if (rejected && card is RoutingQuestionCard && answers.GetValueOrDefault(card.Id) == UnsureAnswer)
                {
                    // Asked again once and still unsure: a person decides rather than leave the visitor waiting (P5).
                    effects.Add(new PlaybookEffect.HandOff(RoutingTarget.Workspace));
                    return run with { CardId = PlaybookMachine.AgentState, Status = PlaybookRunStatus.HandedOff };
                }

                if (rejected)
                {
                    effects.Add(new PlaybookEffect.Say(Reprompt(card, language)));
                    return card is RoutingQuestionCard ? run with { Answers = answers.SetItem(card.Id, UnsureAnswer) } : run;
                }

                answers = Record(card, text!, machine, answers);
                if (card is FreeTextQuestionCard { Validation: AnswerValidation.Email or AnswerValidation.Phone or AnswerValidation.Name } detail)
                {
                    // Before the cards that follow: their follow-up actions find the contact with what was just said.
                    effects.Add(new PlaybookEffect.Identify(detail.Validation, text!.Trim()));
                }

                state = next;
                break;
            case StimulusKind.Form:
                pendingForm = null;
                if (!machine.CanFire(state, PlaybookTrigger.FormSubmitted))
                {
                    effects.Add(new PlaybookEffect.Say(Texts.Get(language, SystemText.ContactFormThanks)));
                    return run with { PendingForm = null };
                }

                known = true;
                state = machine.Fire(state, PlaybookTrigger.FormSubmitted).State;
                effects.Add(new PlaybookEffect.Say(Texts.Get(language, SystemText.ContactFormThanks)));
                break;
        }

        // Validation guarantees every loop contains a card that always waits; the bound only guards against a bug.
        for (var steps = 0; steps <= playbook.Cards.Length * 2; steps++)
        {
            if (state == PlaybookMachine.AgentState)
            {
                return run with { CardId = state, Answers = answers, Status = PlaybookRunStatus.HandedOff, PendingForm = pendingForm };
            }

            if (state == PlaybookMachine.DoneState)
            {
                return run with { Answers = answers, Status = PlaybookRunStatus.Finished, PendingForm = pendingForm };
            }

            var card = machine.Cards[state];
            var trigger = PlaybookTrigger.Continue;
            switch (card)
            {
                case MessageCard m:
                    effects.Add(new PlaybookEffect.Say(m.Text));
                    break;
                case OfflineFlowCard o:
                    if (o.Text is not null)
                    {
                        effects.Add(new PlaybookEffect.Say(o.Text));
                    }

                    break;
                case QualificationCard q:
                    effects.Add(new PlaybookEffect.Qualify(q.Qualified));
                    break;
                case FollowUpActionsCard f:
                    effects.Add(new PlaybookEffect.FollowUp(f.Actions, answers));
                    break;
                case ChoiceQuestionCard c:
                    effects.Add(new PlaybookEffect.Say(WithOptions(c.Text, c.Options.Select(o => o.Label))));
                    return Waiting(run, state, answers, pendingForm);
                case FreeTextQuestionCard t:
                    effects.Add(new PlaybookEffect.Say(t.Text));
                    return Waiting(run, state, answers, pendingForm);
                case ContactFormCard form when known:
                    trigger = PlaybookTrigger.Skip;
                    break;
                case ContactFormCard form:
                    var invitation = form.Text ?? Texts.Get(language, SystemText.ContactFormInvitation);
                    effects.Add(new PlaybookEffect.Say(invitation));
                    effects.Add(new PlaybookEffect.ShowForm(PlaybookFormKind.ContactForm, invitation));
                    return Waiting(run, state, answers, PlaybookFormKind.ContactForm);
                case RoutingQuestionCard r when known || !IsNewInbound(conversation):
                    trigger = PlaybookTrigger.Skip;
                    break;
                case RoutingQuestionCard r:
                    effects.Add(new PlaybookEffect.Say(WithOptions(
                        r.Text ?? Texts.Get(language, SystemText.RoutingQuestion),
                        [Texts.Get(language, SystemText.RoutingYes), Texts.Get(language, SystemText.RoutingNo)])));
                    return Waiting(run, state, answers, pendingForm);
                case LiveChatCard live:
                    var target = TargetOf(live.Team, live.Agent);
                    var available = await IsAvailableAsync(conversation.Workspace, target, cancellationToken).ConfigureAwait(false);
                    if (available && live.Text is not null)
                    {
                        effects.Add(new PlaybookEffect.Say(live.Text));
                    }

                    effects.Add(new PlaybookEffect.HandOff(target));
                    trigger = available ? PlaybookTrigger.AgentAvailable : PlaybookTrigger.NoAgentAvailable;
                    break;
                case EndCard end:
                    if (end.Text is not null)
                    {
                        effects.Add(new PlaybookEffect.Say(end.Text));
                    }

                    if (end.Redirect is { } redirect)
                    {
                        effects.Add(new PlaybookEffect.Say(string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.Get(language, redirect.Kind switch
                        {
                            RedirectKind.Email => SystemText.RedirectEmail,
                            RedirectKind.Url => SystemText.RedirectUrl,
                            _ => SystemText.RedirectPhone,
                        }), redirect.Address)));
                    }

                    return run with { CardId = state, Answers = answers, Status = PlaybookRunStatus.Finished, PendingForm = pendingForm };
            }

            state = machine.Fire(state, trigger).State;
        }

        return run with { CardId = state, Answers = answers, Status = PlaybookRunStatus.Stopped, PendingForm = pendingForm };
    }

    /// <summary>The routing answer recorded while the visitor's answer could not be read as customer or prospect.</summary>
    private const string UnsureAnswer = "unsure";

    private static PlaybookRun Waiting(PlaybookRun run, string state, ImmutableDictionary<string, string> answers, PlaybookFormKind? pendingForm)
        => run with { CardId = state, Answers = answers, Status = PlaybookRunStatus.Waiting, PendingForm = pendingForm };

    private static ImmutableDictionary<string, string> Record(PlaybookCard card, string text, PlaybookMachine machine, ImmutableDictionary<string, string> answers) => card switch
    {
        ChoiceQuestionCard c => answers.SetItem(c.AnswerKey ?? c.Id, c.Options[PlaybookMachine.MatchOption(c, text)].Label),
        FreeTextQuestionCard t => answers.SetItem(t.AnswerKey ?? t.Id, text.Trim()),
        RoutingQuestionCard r => answers.SetItem(r.Id, machine.MatchCustomer(text) == true ? "customer" : "prospect"),
        _ => answers,
    };

    private string Reprompt(PlaybookCard card, string language) => card switch
    {
        ChoiceQuestionCard c => WithOptions(Texts.Get(language, SystemText.PickAnOption), c.Options.Select(o => o.Label)),
        FreeTextQuestionCard { Validation: AnswerValidation.Email } => Texts.Get(language, SystemText.InvalidEmail),
        FreeTextQuestionCard { Validation: AnswerValidation.Phone } => Texts.Get(language, SystemText.InvalidPhone),
        FreeTextQuestionCard { Validation: AnswerValidation.Number } => Texts.Get(language, SystemText.InvalidNumber),
        FreeTextQuestionCard t => t.Text,
        RoutingQuestionCard => WithOptions(Texts.Get(language, SystemText.PickAnOption), [Texts.Get(language, SystemText.RoutingYes), Texts.Get(language, SystemText.RoutingNo)]),
        _ => Texts.Get(language, SystemText.PleaseUseTheForm),
    };

    private static string WithOptions(string question, IEnumerable<string> options)
        => question + string.Concat(options.Select((label, i) => $"\n{i + 1}. {label}"));

    private static RoutingTarget TargetOf(string? team, string? agent)
        => agent is not null
            ? RoutingTarget.ToAgent(new AgentId(agent), team is null ? null : new TeamId(team))
            : team is not null ? RoutingTarget.ToTeam(new TeamId(team)) : RoutingTarget.Workspace;

    /// <summary>A team or teammate that no longer exists counts as nobody available, so the visitor gets the offline flow.</summary>
    private async ValueTask<bool> IsAvailableAsync(WorkspaceId workspace, RoutingTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await _agents.IsAvailableAsync(workspace, target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TeamNotFoundException or AgentNotFoundException)
        {
            Log.PlaybookTargetMissing(_logger, workspace, target.ToString(), ex.Message);
            return false;
        }
    }
}
