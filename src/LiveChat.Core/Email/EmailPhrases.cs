namespace LiveChat.Core.Email;

/// <summary>The words of the built-in templates in one language; the subjects are Liquid sources.</summary>
internal sealed record EmailPhrases(
    string Conversation,
    string Started,
    string Ended,
    string TranscriptSubject,
    string TranscriptIntro,
    string UnreadSubject,
    string UnreadIntro,
    string OfflineSubject,
    string OfflineIntro,
    string YourQuestion,
    string MoreReplies,
    string Continue)
{
    public static EmailPhrases English { get; } = new(
        "Conversation", "Started", "Ended",
        "Your conversation #{{ conversation_number }} with {{ workspace_name }}",
        "Here is a copy of your conversation.",
        "New reply in your conversation #{{ conversation_number }}",
        "You have replies you have not read yet.",
        "We have replied to your message (conversation #{{ conversation_number }})",
        "Thank you for waiting. Here is our reply to your message.",
        "Your question", "… and {{ more_replies }} earlier replies", "Continue the conversation");

    public static EmailPhrases French { get; } = new(
        "Conversation", "Début", "Fin",
        "Votre conversation n°{{ conversation_number }} avec {{ workspace_name }}",
        "Voici une copie de votre conversation.",
        "Nouvelle réponse dans votre conversation n°{{ conversation_number }}",
        "Vous avez des réponses que vous n'avez pas encore lues.",
        "Nous avons répondu à votre message (conversation n°{{ conversation_number }})",
        "Merci de votre patience. Voici notre réponse à votre message.",
        "Votre question", "… et {{ more_replies }} réponses précédentes", "Continuer la conversation");

    public static EmailPhrases Czech { get; } = new(
        "Konverzace", "Začátek", "Konec",
        "Vaše konverzace č. {{ conversation_number }} s {{ workspace_name }}",
        "Zde je kopie vaší konverzace.",
        "Nová odpověď ve vaší konverzaci č. {{ conversation_number }}",
        "Máte odpovědi, které jste ještě nečetli.",
        "Odpověděli jsme na vaši zprávu (konverzace č. {{ conversation_number }})",
        "Děkujeme za trpělivost. Zde je naše odpověď na vaši zprávu.",
        "Váš dotaz", "… a {{ more_replies }} starších odpovědí", "Pokračovat v konverzaci");

    public static EmailPhrases German { get; } = new(
        "Unterhaltung", "Beginn", "Ende",
        "Ihre Unterhaltung Nr. {{ conversation_number }} mit {{ workspace_name }}",
        "Hier ist eine Kopie Ihrer Unterhaltung.",
        "Neue Antwort in Ihrer Unterhaltung Nr. {{ conversation_number }}",
        "Sie haben Antworten, die Sie noch nicht gelesen haben.",
        "Wir haben auf Ihre Nachricht geantwortet (Unterhaltung Nr. {{ conversation_number }})",
        "Danke für Ihre Geduld. Hier ist unsere Antwort auf Ihre Nachricht.",
        "Ihre Frage", "… und {{ more_replies }} frühere Antworten", "Unterhaltung fortsetzen");

    public static EmailPhrases Spanish { get; } = new(
        "Conversación", "Inicio", "Fin",
        "Su conversación n.º {{ conversation_number }} con {{ workspace_name }}",
        "Aquí tiene una copia de su conversación.",
        "Nueva respuesta en su conversación n.º {{ conversation_number }}",
        "Tiene respuestas que aún no ha leído.",
        "Hemos respondido a su mensaje (conversación n.º {{ conversation_number }})",
        "Gracias por esperar. Esta es nuestra respuesta a su mensaje.",
        "Su pregunta", "… y {{ more_replies }} respuestas anteriores", "Continuar la conversación");
}
