// LiveChat visitor widget (feature W3): <script src="/_content/LiveChat.AspNetCore/livechat-widget.js" async></script>
// and <livechat-widget key="PUBLIC-WIDGET-KEY"></livechat-widget>. Optional attributes: server (the MapLiveChat prefix,
// default /livechat on the script's origin), name (the visitor's name), open (start opened).
// Plain modern JavaScript with no build step: no inline script or style, no eval, styles only in the shadow root, user
// content only ever set as textContent. Needs: script-src and style-src of this file's origin, connect-src of the server.
(() => {
  'use strict';
  if (customElements.get('livechat-widget')) {
    return;
  }

  const base = new URL('.', document.currentScript.src);
  const load = (file, ready) => ready() ? Promise.resolve() : new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(file, base).href;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`LiveChat widget: ${file} did not load`));
    document.head.appendChild(script);
  });
  const ready = Promise.all([
    load('lib/signalr.min.js', () => !!window.signalR),
    load('livechat-widget-texts.js', () => !!window.LiveChatWidgetTexts),
  ]);

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key in node && !key.startsWith('aria')) node[key] = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  };
  const hex = /^#[0-9a-fA-F]{3,8}$/;
  // A speech bubble drawn in SVG (no icon font, no emoji font needed), built node by node: nothing inline to allow.
  const bubble = () => {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'bubble');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.append(path);
    return svg;
  };
  // A bot question ends with its options as numbered lines ("\n1. Pricing"): the widget shows them as buttons.
  const optionLine = /^(\d+)\. (.+)$/;

  class LiveChatWidget extends HTMLElement {
    #root = this.attachShadow({ mode: 'open' });
    #t = null;
    #connection = null;
    #lastSequence = 0;
    #state = null;
    #retry = 0;
    #retryTimer = 0;
    #typingTimer = 0;
    #typingSent = false;
    #parts = {};
    #loaded = null;
    #starting = null;
    #stopping = false;

    async connectedCallback() {
      if (this.#parts.panel) {
        return;
      }

      await ready;
      this.#t = window.LiveChatWidgetTexts.textsFor(this.getAttribute('lang') || document.documentElement.lang);
      this.#render();
      this.#setStatus('idle');
      window.addEventListener('online', () => this.#reconnectNow());
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.#resync());
      // A page load never starts a conversation: it only resumes the visitor's stored one, ended or not (read-only then).
      this.#loaded = this.#session(true).then(found => found && this.#connect()).catch(error => this.#fail(error));
      if (this.hasAttribute('open')) {
        this.#toggle();
      }
    }

    /**
     * The visitor opened the chat: the stored conversation goes on; without one, a new one starts and its playbook greets
     * the visitor (seed 000: the bot's first card is what an opened chat shows). Opening twice starts one conversation.
     */
    #begin() {
      this.#starting ??= (async () => {
        await this.#loaded;
        if (this.#state) return;
        this.#setStatus('connecting');
        await this.#session(false);
        await this.#connect();
      })().catch(error => this.#fail(error)).finally(() => { this.#starting = null; });
      return this.#starting;
    }

    /** The visitor asked for a new conversation after the end: the ended one stays stored, the widget starts afresh. */
    async #restart() {
      const p = this.#parts;
      this.#stopping = true;
      try {
        await this.#connection?.stop();
      } finally {
        this.#stopping = false;
      }

      p.log.replaceChildren();
      p.forms.replaceChildren();
      p.choices.replaceChildren();
      this.#lastSequence = 0;
      this.#state = null;
      try {
        this.#setStatus('connecting');
        await this.#session(false);
        await this.#connect();
        p.input.focus();
      } catch (error) {
        this.#fail(error);
      }
    }

    get #server() {
      return (this.getAttribute('server') || new URL('/livechat', base).href).replace(/\/$/, '');
    }

    #render() {
      const t = this.#t;
      const p = this.#parts;
      this.#root.append(el('link', { rel: 'stylesheet', href: new URL('livechat-widget.css', base).href }));
      p.launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-label': t.open, onclick: () => this.#toggle() }, bubble());
      p.icon = el('span', { class: 'icon', 'aria-hidden': 'true' }, bubble());
      p.name = el('span', { class: 'name' }, t.title);
      p.number = el('span', { class: 'number' });
      p.status = el('span', { class: 'status', role: 'status' });
      p.closeButton = el('button', { class: 'close', type: 'button', 'aria-label': t.close, onclick: () => this.#toggle() }, '×');
      p.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t.title, tabIndex: 0 });
      p.typing = el('p', { class: 'typing', 'aria-live': 'polite' });
      p.choices = el('div', { class: 'choices', role: 'group', 'aria-label': t.choices });
      p.forms = el('div', { class: 'forms' });
      p.input = el('textarea', { class: 'input', rows: 2, maxLength: 4000, 'aria-label': t.message, placeholder: t.message });
      p.input.addEventListener('input', () => this.#typed());
      p.input.addEventListener('keydown', e => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          p.composer.requestSubmit();
        }
      });
      p.composer = el('form', { class: 'composer', onsubmit: e => { e.preventDefault(); this.#post(p.input.value); } },
        p.input, el('button', { type: 'submit', class: 'send' }, t.send));
      p.actions = el('div', { class: 'actions' },
        p.human = el('button', { type: 'button', onclick: () => this.#call('RequestAgent') }, t.human),
        p.end = el('button', { type: 'button', onclick: () => this.#call('End').then(s => s && this.#apply(s)) }, t.end),
        p.transcriptButton = el('button', { type: 'button', hidden: true, onclick: () => this.#transcriptForm(true) }, t.transcript),
        p.newChat = el('button', { type: 'button', class: 'new-chat', hidden: true, onclick: () => this.#restart() }, t.newChat));
      p.panel = el('section', { class: 'panel', hidden: true, 'aria-label': t.title },
        el('header', {}, p.icon, el('div', { class: 'heading' }, p.name, p.number, p.status), p.closeButton),
        p.log, p.typing, p.choices, p.forms, p.composer, p.actions);
      this.#root.append(p.launcher, p.panel);
    }

    #toggle() {
      const p = this.#parts;
      const open = p.panel.hidden;
      p.panel.hidden = !open;
      p.launcher.setAttribute('aria-expanded', String(open));
      p.launcher.setAttribute('aria-label', open ? this.#t.close : this.#t.open);
      (open ? p.input : p.launcher).focus();
      if (open) {
        // Messages resumed while the panel was closed had no height to scroll by: show the newest now.
        p.log.scrollTop = p.log.scrollHeight;
        this.#begin();
      }
    }

    /** Resumes the visitor cookie's conversation, or (unless resumeOnly) starts one; resolves to whether there is one. */
    async #session(resumeOnly) {
      const response = await fetch(`${this.#server}/visitor/session`, {
        method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ widgetKey: this.getAttribute('key'), visitorName: this.getAttribute('name') || null, resumeOnly }),
      });
      if (response.status === 204) {
        return false;
      }

      if (!response.ok) {
        throw new Error(`LiveChat widget: the session was refused (${response.status})`);
      }

      this.#apply(await response.json());
      return true;
    }

    async #connect() {
      if (!this.#connection) {
        const url = `${this.#server}/visitor?widget=${encodeURIComponent(this.getAttribute('key'))}`;
        const c = new window.signalR.HubConnectionBuilder().withUrl(url, { withCredentials: true })
          .configureLogging(window.signalR.LogLevel.None).build();
        c.on('MessageReceived', m => this.#message(m));
        c.on('StateChanged', s => this.#apply(s));
        c.on('FormRequested', f => f.kind === 'TranscriptOffer' ? this.#transcriptForm(false) : this.#contactForm(false));
        c.on('Typing', t => this.#typing(t));
        c.onclose(() => this.#stopping || this.#lost());
        this.#connection = c;
      }

      await this.#connection.start();
      this.#retry = 0;
      this.#apply(await this.#connection.invoke('Resume', this.#lastSequence));
      this.#look(await this.#connection.invoke('GetAppearance'));
      this.#setStatus('online');
    }

    #lost() {
      this.#setStatus('reconnecting');
      clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => this.#reconnectNow(), Math.min(250 * 2 ** this.#retry++, 5000));
    }

    async #reconnectNow() {
      clearTimeout(this.#retryTimer);
      if (!this.#connection || this.#connection.state !== 'Disconnected') {
        return;
      }

      try {
        await this.#connect();
      } catch {
        if (this.#connection.state === 'Disconnected') {
          this.#lost();
        }
      }
    }

    /** A tab back from the background, or a phone that woke: the socket may be dead without anyone noticing. */
    async #resync() {
      if (this.#connection?.state === 'Connected') {
        await this.#call('Resume', this.#lastSequence).then(s => s && this.#apply(s));
      } else {
        await this.#reconnectNow();
      }
    }

    #look(look) {
      const p = this.#parts;
      this.#t = window.LiveChatWidgetTexts.textsFor(this.getAttribute('lang') || look.language);
      // CSSOM custom properties on the host, never a style attribute: allowed under a strict style-src.
      if (hex.test(look.primaryColor)) this.style.setProperty('--livechat-primary', look.primaryColor);
      if (hex.test(look.textColor)) this.style.setProperty('--livechat-on-primary', look.textColor);
      // The playbook's icon name is the host's to style (data-icon on the element); the header shows the bot's initial.
      this.dataset.icon = look.icon || '';
      this.#botName = look.botName;
      this.#relabel();
      this.#heading();
    }

    #botName = '';

    #relabel() {
      const t = this.#t;
      const p = this.#parts;
      p.launcher.setAttribute('aria-label', p.panel.hidden ? t.open : t.close);
      p.closeButton.setAttribute('aria-label', t.close);
      p.input.placeholder = t.message;
      p.input.setAttribute('aria-label', t.message);
      p.composer.querySelector('.send').textContent = t.send;
      p.human.textContent = t.human;
      p.end.textContent = t.end;
      p.transcriptButton.textContent = t.transcript;
      p.newChat.textContent = t.newChat;
      p.choices.setAttribute('aria-label', t.choices);
      this.#setStatus(this.#status);
    }

    #apply(state) {
      // States arrive by several paths (the session, Resume and End replies, StateChanged pushes) and a late one would undo
      // a newer one: the conversation's stored version orders them, and a lower one is stale.
      if (!state || (this.#state && (state.conversationId !== this.#state.conversationId || state.version < this.#state.version))) return;
      this.#state = state;
      this.#heading();
      const ended = state.state === 'Ended';
      const withPerson = ended || state.state === 'Assigned' || state.state === 'Unassigned';
      const p = this.#parts;
      p.composer.hidden = ended;
      // The hand-off and the bot's answer buttons belong to the bot's part of the chat: gone once a person has it.
      p.human.hidden = withPerson;
      if (withPerson) p.choices.replaceChildren();
      p.end.hidden = ended;
      this.dataset.state = state.state;
      if (ended) {
        // Nothing that asks for the live chat's input stays: the reply box, the answers, the typing line, the contact form.
        p.typing.textContent = '';
        p.forms.querySelector('.contact-form')?.remove();
        this.#transcriptForm(false);
      } else if (state.state === 'Offline' && !this.#root.querySelector('.contact-form, .contact-done')) {
        this.#contactForm(true);
      }

      this.#actions();
    }

    /** The transcript button only when no transcript form is on screen (it has its own), and a new chat after the end. */
    #actions() {
      const p = this.#parts;
      const ended = this.#state?.state === 'Ended';
      p.transcriptButton.hidden = !ended || !!p.forms.querySelector('.transcript-form');
      p.newChat.hidden = !ended;
    }

    #heading() {
      const p = this.#parts;
      const s = this.#state;
      p.name.textContent = s?.counterpartName || this.#botName || this.#t.title;
      // The avatar is whoever answers: the bot's initial, then the agent's once one joined (feature C4).
      p.icon.replaceChildren((s?.counterpartName || this.#botName).slice(0, 1).toUpperCase() || bubble());
      p.number.textContent = s ? window.LiveChatWidgetTexts.format(this.#t.number, s.number) : '';
    }

    #message(m) {
      if (m.sequence <= this.#lastSequence) return;
      this.#lastSequence = m.sequence;
      const p = this.#parts;
      const lines = m.text.split('\n');
      const options = [];
      while (m.sender === 'bot' && lines.length > 1 && optionLine.test(lines[lines.length - 1])) {
        options.unshift(lines.pop().match(optionLine)[2]);
      }

      const item = el('div', { class: `message ${m.sender}` });
      item.dataset.sequence = String(m.sequence);
      if (m.sender !== 'system' && m.sender !== 'visitor') item.append(el('span', { class: 'sender' }, m.senderName));
      item.append(el('span', { class: 'text' }, options.length ? lines.join('\n') : m.text));
      p.log.append(item);
      p.log.scrollTop = p.log.scrollHeight;
      // The buttons answer the bot's last question: a bot's "thank you" keeps them, the visitor's answer or an agent clears them.
      if (options.length || m.sender === 'visitor' || m.sender === 'agent' || (m.systemEvent && m.systemEvent !== 'ContactFormSubmitted')) {
        p.choices.replaceChildren(...options.map(label => el('button', { type: 'button', onclick: () => this.#post(label) }, label)));
      }

      if (m.sender === 'agent') p.typing.textContent = '';
      if (!p.panel.hidden && document.visibilityState === 'visible') this.#call('MarkRead', m.sequence);
    }

    /** A line of the widget's own in the transcript (not a stored message: it has no sequence and a reload drops it). */
    #notice(kind, text) {
      const p = this.#parts;
      p.log.append(el('div', { class: `message system notice ${kind}`, role: 'status' }, el('span', { class: 'text' }, text)));
      p.log.scrollTop = p.log.scrollHeight;
    }

    #typing(t) {
      this.#parts.typing.textContent = t.isTyping ? window.LiveChatWidgetTexts.format(this.#t.typing, t.displayName) : '';
    }

    #typed() {
      clearTimeout(this.#typingTimer);
      if (!this.#typingSent) {
        this.#typingSent = true;
        this.#call('Typing', true);
      }

      this.#typingTimer = setTimeout(() => {
        this.#typingSent = false;
        this.#call('Typing', false);
      }, 3000);
    }

    async #post(text) {
      const value = text.trim();
      if (!value) return;
      const p = this.#parts;
      p.input.value = '';
      p.choices.replaceChildren();
      if (this.#typingSent) {
        clearTimeout(this.#typingTimer);
        this.#typingSent = false;
        this.#call('Typing', false);
      }

      if (await this.#call('Post', value, crypto.randomUUID()) === undefined) p.input.value = value;
    }

    #contactForm(offline) {
      const t = this.#t;
      const forms = this.#parts.forms;
      // Asked again after a reconnect: the form being filled in stays as it is; an ended chat asks for nothing.
      if (forms.querySelector('.contact-form') || this.#state?.state === 'Ended') return;
      const name = el('input', { name: 'name', autocomplete: 'name', required: true, maxLength: 200 });
      const email = el('input', { name: 'email', type: 'email', autocomplete: 'email', maxLength: 254 });
      const phone = el('input', { name: 'phone', type: 'tel', autocomplete: 'tel', maxLength: 40 });
      const second = el('div', { class: 'step', hidden: true }, this.#field(t.email, email), this.#field(t.phone, phone),
        el('button', { type: 'submit' }, t.submit));
      const advance = () => { if (name.reportValidity()) { next.hidden = true; second.hidden = false; email.focus(); } };
      const next = el('button', { type: 'button', onclick: advance }, t.next);
      // Name first, then e-mail and phone (feature E1); the offline form asks for the same (feature E3). A submit before
      // the last step (Enter in the name field) is the "Next" button's, so the e-mail and phone are always asked for.
      const form = el('form', {
        class: 'contact-form', 'aria-label': offline ? t.offline : t.introduce,
        onsubmit: async e => {
          e.preventDefault();
          if (second.hidden) return advance();
          const sent = await this.#call('SubmitContactForm', { name: name.value.trim(), email: email.value.trim() || null, phone: phone.value.trim() || null });
          if (sent !== undefined) {
            // The thanks is a line of the transcript, not a box above the reply box for the rest of the chat.
            form.remove();
            this.#notice('contact-done', t.thanks);
          }
        },
      }, el('p', { class: 'intro' }, offline ? t.offline : t.introduce), this.#field(t.name, name), next, second);
      forms.append(form);
    }

    /** The transcript form: once after the end (its offer may come twice: the end and the playbook's timer), again on request. */
    #transcriptForm(requested) {
      const t = this.#t;
      const forms = this.#parts.forms;
      if (forms.querySelector('.transcript-form') || (!requested && forms.querySelector('.transcript-done'))) return;
      forms.querySelector('.transcript-done')?.remove();
      const email = el('input', { name: 'email', type: 'email', autocomplete: 'email', maxLength: 254 });
      const form = el('form', {
        class: 'transcript-form', 'aria-label': t.transcript,
        onsubmit: async e => {
          e.preventDefault();
          const status = await this.#call('SendTranscript', email.value.trim() || null, crypto.randomUUID());
          if (status !== undefined) {
            form.replaceWith(el('p', { class: 'done transcript-done', role: 'status' }, t.transcriptSent));
            this.#actions();
          }
        },
      }, el('p', { class: 'intro' }, t.ended), this.#field(t.email, email), el('button', { type: 'submit' }, t.transcript));
      forms.append(form);
      this.#actions();
      if (requested) email.focus();
    }

    #field(label, input) {
      return el('label', { class: 'field' }, el('span', {}, label), input);
    }

    #status = 'connecting';

    #setStatus(status) {
      this.#status = status;
      this.dataset.connection = status;
      this.#parts.status.textContent = this.#t[status] || '';
    }

    /** Invokes a hub method; a refusal shows a short notice and resolves to undefined. */
    async #call(method, ...args) {
      try {
        return await this.#connection.invoke(method, ...args);
      } catch (error) {
        this.#fail(error);
        return undefined;
      }
    }

    #fail(error) {
      this.#parts.status.textContent = this.#t.failed;
      this.dispatchEvent(new CustomEvent('livechat-error', { detail: String(error?.message || error), bubbles: true }));
    }
  }

  ready.then(() => customElements.define('livechat-widget', LiveChatWidget), error => console.error(error));
})();
