namespace LiveChat.Storage.HostDriver;

/// <summary>Writes one line per acknowledged write to stdout, flushed at once, so a killed process loses none it printed.</summary>
internal static class Acknowledgements
{
    private static readonly Lock Gate = new();

    public static void Write(string line)
    {
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
