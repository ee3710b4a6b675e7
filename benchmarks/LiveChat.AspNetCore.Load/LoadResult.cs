using System.Globalization;

namespace LiveChat.AspNetCore.Load;

/// <summary>One row of the table: one server mode at one number of concurrent conversations.</summary>
internal sealed record LoadResult(string Mode, int Conversations, int Messages, double P50Ms, double P99Ms, double MessagesPerSecond, double BytesPerIdleVisitor)
{
    public const string Header = "| Server | Conversations | Messages | p50 (ms) | p99 (ms) | Messages/s | Server memory per idle visitor |";
    public const string Rule = "| --- | ---: | ---: | ---: | ---: | ---: | ---: |";

    public string ToRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Mode} | {Conversations:N0} | {Messages:N0} | {P50Ms:0.00} | {P99Ms:0.00} | {MessagesPerSecond:N0} | {BytesPerIdleVisitor / 1024:0.0} KB |");
}
