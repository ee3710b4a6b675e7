// The agent inbox of the web demo (feature W4) on the agent hub of LiveChat.AspNetCore: status, folders with counts and
// unread badges, alerts until someone accepts (R5), claim, offers, reassign, chat, end, transcript. The details panel and
// the CRM card are in inbox-details.js. Plain modern JavaScript; every text from the server goes in as textContent.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const baseTitle = document.title;
  const state = { me: null, agents: [], folder: 'Unassigned', folders: { Unassigned: [], Mine: [], Ended: [] }, alerts: new Map(), unread: new Map(), open: null, last: 0 };
  const connection = new signalR.HubConnectionBuilder().withUrl('/livechat/agent').configureLogging(signalR.LogLevel.None).build();
  let refreshTimer = 0;
  let blinkTimer = 0;
  let readTimer = 0;

  const background = new Set(['Resync', 'ListInbox', 'ListAgents', 'GetUnreadCounts', 'MarkRead', 'GetDetails', 'GetMatchedRecord', 'GetLeadEligibility']);
  const call = async (method, ...args) => {
    try {
      if (!background.has(method)) $('error').textContent = '';
      return await connection.invoke(method, ...args);
    } catch (error) {
      $('error').textContent = String(error.message || error).replace(/^.*HubException: /, '');
      return undefined;
    }
  };
  // Every action on "the open conversation" goes through this: with none open (nothing selected yet, or a scripted click on a
  // hidden button) it does nothing instead of throwing.
  const onOpen = action => async e => {
    e?.preventDefault();
    const id = state.open?.conversationId;
    if (id) await action(id);
  };
  window.LiveChatInbox = { call, el, state };

  connection.on('MessageReceived', m => {
    if (m.conversationId !== state.open?.conversationId || m.sequence <= state.last) return;
    state.last = m.sequence;
    const item = el('div', `message ${m.sender}`);
    item.dataset.sequence = String(m.sequence);
    item.append(el('span', 'sender', m.senderName), el('span', 'text', m.text));
    $('log').append(item);
    $('log').scrollTop = $('log').scrollHeight;
    if (m.sender === 'visitor') $('typing').textContent = '';
    // The visitor left their details: whether a lead can be created may have changed.
    if (m.systemEvent === 'ContactFormSubmitted') window.LiveChatInboxDetails.load(m.conversationId);
    clearTimeout(readTimer);
    readTimer = setTimeout(() => state.open && call('MarkRead', state.open.conversationId, state.last), 200);
  });
  connection.on('Typing', t => {
    if (t.conversationId === state.open?.conversationId) $('typing').textContent = t.isTyping ? 'The visitor is typing…' : '';
  });
  connection.on('ConversationChanged', c => {
    // A push can arrive after the reply of a later call (a claim): its version tells. A newer one is read again, with the
    // messages since; a stale one changes nothing.
    if (c.conversationId === state.open?.conversationId && c.version > (state.open.version ?? 0)) reload(c.conversationId);
    scheduleRefresh();
  });
  connection.on('Notified', a => {
    switch (a.kind) {
      case 'NewRequest':
      case 'Offered':
        state.alerts.set(a.conversationId, a);
        if (window.Notification?.permission === 'granted') new Notification('New chat request', { body: 'A visitor is waiting for an agent.', tag: a.conversationId });
        break;
      case 'NewMessage':
        if (a.conversationId !== state.open?.conversationId) state.unread.set(a.conversationId, (state.unread.get(a.conversationId) || 0) + 1);
        break;
      default:
        // RequestTaken, OfferWithdrawn, Assigned, ReassignedToYou, ReassignedAway, Ended: the request is no one's to take any more.
        state.alerts.delete(a.conversationId);
    }

    renderAlerts();
    renderList();
    scheduleRefresh();
  });
  connection.onclose(() => setTimeout(start, 1000));

  async function start() {
    try {
      await connection.start();
    } catch (error) {
      if (String(error).includes('Unauthorized')) location.assign('/login');
      else setTimeout(start, 2000);
      return;
    }

    await refresh();
    if (state.open) await open(state.open.conversationId);
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 100);
  }

  async function refresh() {
    const r = await call('Resync');
    if (!r) return;
    const ended = await call('ListInbox', 'Ended', 50, null);
    state.me = r.agent;
    state.agents = await call('ListAgents') || state.agents;
    state.folders = { Unassigned: r.unassigned.items, Mine: r.mine.items, Ended: ended ? ended.items : [] };
    state.alerts = new Map(r.pendingAlerts.map(a => [a.conversationId, a]));
    // Every badge of the page in one call (one store read), the open conversation's excepted: it is read as it arrives.
    const others = r.mine.items.map(c => c.conversationId).filter(id => id !== state.open?.conversationId);
    const counts = others.length ? await call('GetUnreadCounts', others) || {} : {};
    for (const id of others) state.unread.set(id, counts[id] || 0);

    $('me').textContent = `${r.agent.displayName}`;
    $('status').value = r.agent.status;
    for (const [folder, count] of Object.entries({ Unassigned: r.counts.unassigned, Mine: r.counts.mine, Ended: r.counts.ended })) {
      document.querySelector(`[data-count="${folder}"]`).textContent = String(count);
    }

    renderAlerts();
    renderList();
    renderReassign();
  }

  function renderAlerts() {
    // Keyed: a row that is still wanted is kept as it is (only its text follows), never rebuilt, so a click on its button
    // is never lost to a re-render that an event or the periodic refresh starts under the pointer.
    const box = $('alerts');
    const rows = new Map([...box.children].map(row => [row.dataset.conversation, row]));
    for (const [id, row] of rows) {
      const a = state.alerts.get(id);
      if (!a || row.dataset.key !== alertKey(a)) {
        row.remove();
        rows.delete(id);
      }
    }

    for (const a of state.alerts.values()) {
      const c = Object.values(state.folders).flat().find(x => x.conversationId === a.conversationId);
      const text = `${a.kind === 'Offered' ? 'Chat offered to you' : 'New chat request'}${c ? ` #${c.number} from ${c.visitorName}` : ''}`;
      let row = rows.get(a.conversationId);
      if (!row) {
        row = el('div', 'alert');
        row.dataset.conversation = a.conversationId;
        row.dataset.key = alertKey(a);
        row.append(el('span', '', text));
        const take = el('button', '', a.kind === 'Offered' ? 'Accept' : 'Claim');
        take.type = 'button';
        take.addEventListener('click', () => a.kind === 'Offered' ? accept(a.conversationId, a.offerToken) : claim(a.conversationId));
        row.append(take);
        box.append(row);
      } else if (row.firstChild.textContent !== text) {
        row.firstChild.textContent = text;
      }
    }

    clearInterval(blinkTimer);
    document.title = baseTitle;
    if (state.alerts.size > 0) {
      // The blinking title of seed 001: until someone accepts, withdrawn for all when one does (R5).
      let on = false;
      blinkTimer = setInterval(() => {
        on = !on;
        document.title = on ? `(${state.alerts.size}) New chat request` : baseTitle;
      }, 800);
      document.title = `(${state.alerts.size}) New chat request`;
    }
  }

  function alertKey(a) {
    return `${a.kind}:${a.offerToken ?? ''}`;
  }

  function renderList() {
    for (const tab of document.querySelectorAll('[data-folder]')) tab.setAttribute('aria-selected', String(tab.dataset.folder === state.folder));
    // Keyed like the alerts: a conversation's row is updated in place, so a click on it is never lost to a re-render.
    const list = $('list');
    const items = new Map([...list.children].map(item => [item.firstChild.dataset.conversation, item]));
    const shown = state.folders[state.folder];
    const wanted = new Set(shown.map(c => c.conversationId));
    for (const [id, item] of items) {
      if (!wanted.has(id)) {
        item.remove();
        items.delete(id);
      }
    }

    let previous = null;
    for (const c of shown) {
      let item = items.get(c.conversationId);
      if (!item) {
        item = el('li');
        const button = el('button');
        button.type = 'button';
        button.dataset.conversation = c.conversationId;
        const badge = el('span', 'badge');
        badge.append(el('span', 'count'), el('span', 'sr-only', ' unread'));
        button.append(el('span', 'number'), el('span', 'visitor'), el('span', 'state'), badge);
        button.addEventListener('click', () => open(c.conversationId));
        item.append(button);
      }

      const button = item.firstChild;
      button.className = c.conversationId === state.open?.conversationId ? 'open' : '';
      setText(button.querySelector('.number'), `#${c.number}`);
      setText(button.querySelector('.visitor'), c.visitorName);
      setText(button.querySelector('.state'), c.assignedAgentName ? `${c.state} · ${c.assignedAgentName}` : c.state);
      const unread = state.unread.get(c.conversationId) || 0;
      const badge = button.querySelector('.badge');
      badge.hidden = unread === 0;
      setText(badge.querySelector('.count'), String(unread));
      // Moved only when out of place: a row that stays where it is is never detached.
      const at = previous ? previous.nextSibling : list.firstChild;
      if (at !== item) list.insertBefore(item, at);
      previous = item;
    }
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function renderReassign() {
    const select = $('reassign-to');
    const chosen = select.value;
    select.replaceChildren(...state.agents.filter(a => a.agentId !== state.me?.agentId).map(a => {
      const option = el('option', '', `${a.displayName} (${a.status}${a.present ? '' : ', away from the inbox'})`);
      option.value = a.agentId;
      return option;
    }));
    if (chosen) select.value = chosen;
  }

  async function open(id) {
    if (state.open && state.open.conversationId !== id) await call('CloseConversation', state.open.conversationId);
    $('log').replaceChildren();
    $('typing').textContent = '';
    $('transcript').hidden = true;
    // Nothing is typed into a conversation before it is loaded: the reply box comes back with show(), for its owner.
    $('composer').hidden = true;
    state.last = 0;
    state.open = { conversationId: id };
    const c = await call('OpenConversation', id, 0);
    if (!c) return;
    state.unread.set(id, 0);
    show(c);
    renderList();
    await window.LiveChatInboxDetails.load(id);
  }

  async function reload(id) {
    const c = await call('OpenConversation', id, state.last);
    if (c && state.open?.conversationId === id) show(c);
  }

  function show(c) {
    if (c.conversationId === state.open?.conversationId && c.version < (state.open.version ?? 0)) return;
    state.open = c;
    const mine = c.assignedAgentId === state.me?.agentId;
    const ended = c.state === 'Ended';
    $('chat').hidden = false;
    $('details').hidden = false;
    $('title').textContent = `#${c.number} ${c.visitorName}`;
    $('subtitle').textContent = ended ? 'Ended' : c.assignedAgentName ? `${c.state}: ${c.assignedAgentName}` : c.state;
    $('claim').hidden = c.state !== 'Unassigned' || c.offeredTo === state.me?.agentId;
    $('accept').hidden = c.offeredTo !== state.me?.agentId || !c.offerToken;
    $('reassign-box').hidden = $('reassign').hidden = ended || !(mine || c.state === 'Unassigned');
    $('end').hidden = !mine || ended;
    $('composer').hidden = !mine || ended;
  }

  async function claim(id) {
    const c = await call('Claim', id);
    if (!c) return;
    state.alerts.delete(id);
    renderAlerts();
    state.folder = 'Mine';
    await refresh();
    await open(id);
  }

  async function accept(id, token) {
    if (await call('AcceptOffer', id, token)) {
      state.folder = 'Mine';
      await refresh();
      await open(id);
    }
  }

  for (const tab of document.querySelectorAll('[data-folder]')) {
    tab.addEventListener('click', () => {
      state.folder = tab.dataset.folder;
      renderList();
    });
  }

  $('status').addEventListener('change', async e => (await call('SetStatus', e.target.value)) && scheduleRefresh());
  $('notify').addEventListener('click', () => window.Notification?.requestPermission());
  $('claim').addEventListener('click', onOpen(id => claim(id)));
  $('accept').addEventListener('click', onOpen(id => accept(id, state.open.offerToken)));
  $('reassign').addEventListener('click', onOpen(async id => {
    const c = await call('Reassign', id, $('reassign-to').value);
    if (c) {
      show(c);
      await refresh();
    }
  }));
  $('end').addEventListener('click', onOpen(async id => {
    const c = await call('End', id);
    if (c) show(c);
  }));
  $('show-transcript').addEventListener('click', onOpen(async id => {
    const t = await call('GetTranscript', id);
    if (!t) return;
    $('transcript-text').textContent = t.plainText;
    $('transcript').hidden = false;
    $('close-transcript').focus();
  }));
  $('close-transcript').addEventListener('click', () => { $('transcript').hidden = true; });
  // Typing indicators to the visitor (feature W6): on the first key, off after 3 s without one or when sent.
  let typingTimer = 0;
  let typing = false;
  const stopTyping = () => {
    clearTimeout(typingTimer);
    if (typing && state.open) call('Typing', state.open.conversationId, false);
    typing = false;
  };
  $('reply').addEventListener('input', () => {
    if (!state.open || state.open.assignedAgentId !== state.me?.agentId) return;
    if (!typing) call('Typing', state.open.conversationId, true);
    typing = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  $('reply').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('composer').addEventListener('submit', onOpen(async id => {
    const text = $('reply').value.trim();
    if (!text) return;
    stopTyping();
    $('reply').value = '';
    if (await call('Post', id, text, crypto.randomUUID()) === undefined) $('reply').value = text;
  }));

  start();
})();
