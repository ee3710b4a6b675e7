// The inbox's details panel (feature C7: deal value, person, organization, notes, create lead or deal, created results)
// and the CRM card of the matched contact laid out by the workspace's field layout (feature I8), with "notify the owner".
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const inbox = () => window.LiveChatInbox;
  let current = null;
  let record = null;
  // The SDK decides whether a lead can be created (GetLeadEligibility); the button follows it and says why not.
  const leadRefusals = {
    RecordMatches: 'The client is already in the CRM: notify the owner instead.',
    NoEmail: 'No e-mail address yet: a lead needs one.',
  };
  // The panel's actions act on the conversation it shows; with none shown, they do nothing.
  const onCurrent = action => async e => {
    e?.preventDefault();
    if (current) await action(current);
  };

  async function load(id) {
    current = id;
    const details = await inbox().call('GetDetails', id);
    if (details && current === id) showDetails(details);
    showCard(await inbox().call('GetMatchedRecord', id));
    await showLead(id);
  }

  async function showLead(id) {
    const lead = await inbox().call('GetLeadEligibility', id);
    if (current !== id) return;
    $('create-lead').disabled = !lead?.canCreate;
    $('lead-reason').textContent = lead ? leadRefusals[lead.refusal] ?? '' : '';
  }

  function showDetails(d) {
    const { el } = inbox();
    $('deal-value').value = d.dealValue ?? '';
    $('deal-currency').value = d.dealCurrency ?? 'EUR';
    $('person').value = d.personName ?? '';
    $('organization').value = d.organizationName ?? '';
    $('notes').replaceChildren(...d.notes.map(n => el('li', '', n.text)));
    $('results').replaceChildren(...d.createdResults.map(r => el('li', '', `${r.kind}: ${r.title}`)));
  }

  function showCard(card) {
    const { el } = inbox();
    record = card;
    $('owner-form').hidden = !card?.ownerId;
    if (!card) {
      $('card').replaceChildren(el('p', '', 'No CRM record matched yet.'));
      return;
    }

    const list = el('dl');
    for (const f of card.fields) {
      list.append(el('dt', '', f.field), el('dd', '', f.value ?? '—'));
    }

    $('card').replaceChildren(el('p', 'card-title', `${card.kind}: ${card.name}`), list);
  }

  async function afterCreate(card) {
    if (!card) return;
    showCard(card);
    const details = await inbox().call('GetDetails', current);
    if (details) showDetails(details);
    await showLead(current);
  }

  $('details-form').addEventListener('submit', onCurrent(async id => {
    const value = $('deal-value').value;
    const change = {
      dealValue: value === '' ? null : Number(value),
      dealCurrency: value === '' ? null : $('deal-currency').value.trim().toUpperCase(),
      personName: $('person').value.trim() || null,
      organizationName: $('organization').value.trim() || null,
    };
    const details = await inbox().call('UpdateDetails', id, change);
    if (details) showDetails(details);
  }));
  $('note-form').addEventListener('submit', onCurrent(async id => {
    const text = $('note').value.trim();
    if (!text) return;
    const details = await inbox().call('AddNote', id, text);
    if (details) {
      $('note').value = '';
      showDetails(details);
    }
  }));
  $('create-lead').addEventListener('click', onCurrent(async id => afterCreate(await inbox().call('CreateLead', id, null))));
  $('create-deal').addEventListener('click', onCurrent(async id => {
    const title = $('deal-title').value.trim();
    if (title) afterCreate(await inbox().call('CreateDeal', id, title));
  }));
  $('owner-form').addEventListener('submit', async e => {
    e.preventDefault();
    const message = $('owner-message').value.trim();
    if (!record || !message) return;
    if (await inbox().call('NotifyOwner', record.recordId, message) !== undefined) $('owner-message').value = '';
  });

  window.LiveChatInboxDetails = { load };
})();
