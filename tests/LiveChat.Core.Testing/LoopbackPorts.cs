using System.Net;
using System.Net.Sockets;

namespace LiveChat.Core.Testing;

/// <summary>Free TCP ports of 127.0.0.1 for servers a test or a load driver starts (silos, web servers).</summary>
/// <remarks>
/// Ports are drawn at random below the range the operating system hands out itself (Linux: 32768 and up, for port 0 and
/// for outgoing connections): a port the system gave a test's listener for a moment would go back to that range, where
/// a browser's, a database client's or another server's connection could take it before the silo binds it (seen as
/// "Address already in use" in a CI run). Below it, only another process drawing the same way can take it first.
/// </remarks>
public static class LoopbackPorts
{
    /// <summary>The lowest port drawn.</summary>
    public const int Lowest = 20_000;

    /// <summary>The port after the highest drawn: where Linux starts handing out ports itself.</summary>
    public const int End = 32_768;

    /// <summary>One port free now, drawn at random in [<see cref="Lowest"/>, <see cref="End"/>).</summary>
    /// <exception cref="InvalidOperationException">No free port was found in 1,000 draws.</exception>
    public static int Free()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, End);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in [{Lowest}, {End}) after 1,000 draws.");
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports, from a random start or after <paramref name="after"/>.</summary>
    public static int Consecutive(int count, int? after = null)
    {
        for (var first = after ?? Random.Shared.Next(Lowest, End - (64 * count)); ; first += count)
        {
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = first; port < first + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return first;
            }
            catch (SocketException)
            {
                // Taken: try the next range.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
