// The widget's own texts (feature W3, P2) in the five languages of the playbooks: en, fr, cs, de, es. The bot's and the
// system's messages arrive already localized from the server; these are the labels around them.
// Plain modern JavaScript, no build step: loaded by livechat-widget.js before it defines the element.
(() => {
  'use strict';
  const texts = {
    en: {
      open: 'Open chat', close: 'Close chat', title: 'Chat', number: 'Conversation #{0}', message: 'Your message', send: 'Send',
      human: 'Talk to a person', end: 'End chat', connecting: 'Connecting…', reconnecting: 'Reconnecting…', online: 'Connected',
      typing: '{0} is typing…', name: 'Your name', email: 'E-mail', phone: 'Phone', next: 'Next', submit: 'Send my details',
      introduce: 'Introduce yourself', offline: 'Nobody is available right now. Leave your contacts and we will notify you of the reply.',
      thanks: 'Thank you, we have your details.', transcript: 'E-mail me the transcript', transcriptSent: 'The transcript is on its way.',
      ended: 'This conversation has ended.', newChat: 'Start a new chat', choices: 'Answers', failed: 'That did not work. Please try again.',
    },
    fr: {
      open: 'Ouvrir le chat', close: 'Fermer le chat', title: 'Chat', number: 'Conversation n° {0}', message: 'Votre message', send: 'Envoyer',
      human: 'Parler à une personne', end: 'Terminer', connecting: 'Connexion…', reconnecting: 'Reconnexion…', online: 'Connecté',
      typing: '{0} écrit…', name: 'Votre nom', email: 'E-mail', phone: 'Téléphone', next: 'Suivant', submit: 'Envoyer mes coordonnées',
      introduce: 'Présentez-vous', offline: 'Personne n’est disponible pour le moment. Laissez vos coordonnées, nous vous préviendrons de la réponse.',
      thanks: 'Merci, nous avons vos coordonnées.', transcript: 'M’envoyer la transcription', transcriptSent: 'La transcription est en route.',
      ended: 'Cette conversation est terminée.', newChat: 'Nouvelle discussion', choices: 'Réponses', failed: 'Cela n’a pas fonctionné. Réessayez.',
    },
    cs: {
      open: 'Otevřít chat', close: 'Zavřít chat', title: 'Chat', number: 'Konverzace č. {0}', message: 'Vaše zpráva', send: 'Odeslat',
      human: 'Mluvit s člověkem', end: 'Ukončit chat', connecting: 'Připojování…', reconnecting: 'Obnovování spojení…', online: 'Připojeno',
      typing: '{0} píše…', name: 'Vaše jméno', email: 'E-mail', phone: 'Telefon', next: 'Další', submit: 'Odeslat kontakt',
      introduce: 'Představte se', offline: 'Nikdo teď není k dispozici. Nechte nám kontakt a dáme vám vědět o odpovědi.',
      thanks: 'Děkujeme, máme vaše údaje.', transcript: 'Poslat přepis e-mailem', transcriptSent: 'Přepis je na cestě.',
      ended: 'Tato konverzace skončila.', newChat: 'Začít nový chat', choices: 'Odpovědi', failed: 'Nepovedlo se. Zkuste to prosím znovu.',
    },
    de: {
      open: 'Chat öffnen', close: 'Chat schließen', title: 'Chat', number: 'Unterhaltung Nr. {0}', message: 'Ihre Nachricht', send: 'Senden',
      human: 'Mit einer Person sprechen', end: 'Chat beenden', connecting: 'Verbinden…', reconnecting: 'Verbindung wird wiederhergestellt…', online: 'Verbunden',
      typing: '{0} schreibt…', name: 'Ihr Name', email: 'E-Mail', phone: 'Telefon', next: 'Weiter', submit: 'Kontaktdaten senden',
      introduce: 'Stellen Sie sich vor', offline: 'Gerade ist niemand erreichbar. Hinterlassen Sie Ihre Kontaktdaten, wir melden uns mit der Antwort.',
      thanks: 'Danke, wir haben Ihre Angaben.', transcript: 'Verlauf per E-Mail senden', transcriptSent: 'Der Verlauf ist unterwegs.',
      ended: 'Diese Unterhaltung ist beendet.', newChat: 'Neuen Chat beginnen', choices: 'Antworten', failed: 'Das hat nicht geklappt. Bitte erneut versuchen.',
    },
    es: {
      open: 'Abrir chat', close: 'Cerrar chat', title: 'Chat', number: 'Conversación n.º {0}', message: 'Su mensaje', send: 'Enviar',
      human: 'Hablar con una persona', end: 'Terminar chat', connecting: 'Conectando…', reconnecting: 'Reconectando…', online: 'Conectado',
      typing: '{0} está escribiendo…', name: 'Su nombre', email: 'Correo electrónico', phone: 'Teléfono', next: 'Siguiente', submit: 'Enviar mis datos',
      introduce: 'Preséntese', offline: 'Ahora no hay nadie disponible. Deje sus datos y le avisaremos de la respuesta.',
      thanks: 'Gracias, tenemos sus datos.', transcript: 'Enviarme la transcripción', transcriptSent: 'La transcripción está en camino.',
      ended: 'Esta conversación ha terminado.', newChat: 'Iniciar un nuevo chat', choices: 'Respuestas', failed: 'No ha funcionado. Inténtelo de nuevo.',
    },
  };

  /** The texts of `language` (a BCP 47 tag such as `cs` or `de-AT`), English when it is not one of the five. */
  function textsFor(language) {
    const primary = String(language || 'en').toLowerCase().split('-')[0];
    return texts[primary] || texts.en;
  }

  /** `template` with `{0}` replaced by `value`, for text nodes only. */
  function format(template, value) {
    return template.replace('{0}', String(value));
  }

  window.LiveChatWidgetTexts = Object.freeze({ textsFor, format, languages: Object.keys(texts) });
})();
