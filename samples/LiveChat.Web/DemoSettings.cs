using LiveChat.Core.Playbooks;

namespace LiveChat.Web;

/// <summary>How the web demo starts: where it stores, where it listens, and the playbook's timers (the browser tests shorten them).</summary>
internal sealed record DemoSettings
{
    /// <summary>The public widget key of the demo workspace, in the visitor page.</summary>
    public const string WidgetKey = "demo-acme";

    /// <summary>The SQLite file; <see langword="null"/> keeps everything in memory.</summary>
    public string? DatabaseFile { get; init; } = Path.GetFullPath("livechat-web.db");

    /// <summary>The address Kestrel listens on; port 0 picks a free one.</summary>
    public string Url { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The playbook's language (en, fr, cs, de or es).</summary>
    public string Language { get; init; } = "en";

    /// <summary>
    /// The playbook's timers (feature P7): the "introduce yourself" form after the greeting and the transcript offer after
    /// the end; <see langword="null"/> keeps those of <c>playbook.json</c> (5 s each).
    /// </summary>
    public PlaybookTimers? Timers { get; init; }

    /// <summary>
    /// The other sites' origins that embed the widget (docs/reference.md, "Embed the widget on another origin"): each is
    /// allowed by the widget and by the CORS policy of the LiveChat endpoints. Pages of the demo itself always are.
    /// </summary>
    public IReadOnlyList<string> EmbedOrigins { get; init; } = ["https://www.acme.example"];

    /// <summary>The settings from the command line: <c>--in-memory</c>, <c>--urls URL</c>, <c>--language CODE</c>, <c>--embed-origin ORIGIN</c>.</summary>
    public static DemoSettings FromArgs(string[] args)
    {
        var settings = new DemoSettings();
        for (var i = 0; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--in-memory" => settings with { DatabaseFile = null },
                "--urls" when i + 1 < args.Length => settings with { Url = args[++i] },
                "--language" when i + 1 < args.Length => settings with { Language = args[++i] },
                "--embed-origin" when i + 1 < args.Length => settings with { EmbedOrigins = [.. settings.EmbedOrigins, args[++i]] },
                _ => settings,
            };
        }

        return settings;
    }
}
