using System.Numerics;

namespace LiveChat.Core.Routing;

/// <summary>
/// The available agents of one routing target (the workspace or a team), indexed for constant-time, allocation-free
/// decisions: a two-level bitset for strict round robin and one FIFO list per load level for least busy and balanced
/// round robin.
/// </summary>
/// <remarks>
/// Members are numbered in the order they joined, which is the rotation order. A member is in the indexes only while
/// available; within a load level, members are kept in the order they entered it, so the head of the lowest non-empty
/// level is the least busy agent idle longest. Not thread-safe: the owning <see cref="RoutingTable"/> serializes access.
/// </remarks>
internal sealed class AgentPool
{
    private const int None = -1;

    private int[] _ordinals = new int[8];
    private ulong[] _bits = new ulong[1];
    private ulong[] _summary = new ulong[1];
    private int[] _next = new int[8];
    private int[] _prev = new int[8];
    private int[] _level = new int[8];
    private int[] _head = [None];
    private int[] _tail = [None];
    private int _minLevel;
    private int _cursor = None;

    /// <summary>How many members the pool has ever had; members are never removed, only made unavailable.</summary>
    public int Count { get; private set; }

    /// <summary>How many members are available now.</summary>
    public int AvailableCount { get; private set; }

    /// <summary>The agent ordinal (in the table) of a member.</summary>
    public int OrdinalOf(int member) => _ordinals[member];

    /// <summary>Adds an unavailable member and returns its member index.</summary>
    public int Add(int ordinal)
    {
        var member = Count++;
        if (member == _ordinals.Length)
        {
            var size = member * 2;
            Array.Resize(ref _ordinals, size);
            Array.Resize(ref _next, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _level, size);
        }

        var words = (Count + 63) >> 6;
        if (words > _bits.Length)
        {
            Array.Resize(ref _bits, _bits.Length * 2);
            Array.Resize(ref _summary, ((_bits.Length + 63) >> 6) + 1);
        }

        _ordinals[member] = ordinal;
        _level[member] = None;
        return member;
    }

    /// <summary>Puts the member in the indexes at <paramref name="load"/>, or takes it out.</summary>
    /// <param name="member">The member.</param>
    /// <param name="available">Whether the agent may receive a conversation now.</param>
    /// <param name="load">The agent's open conversations plus held seats; only read when available.</param>
    /// <param name="moved">Whether the load changed, so an available member goes to the back of its new level.</param>
    public void Update(int member, bool available, int load, bool moved)
    {
        var current = _level[member];
        if (current != None && (!available || moved || current != load))
        {
            Unlink(member, current);
            _level[member] = None;
            _bits[member >> 6] &= ~(1UL << member);
            if (_bits[member >> 6] == 0)
            {
                _summary[member >> 12] &= ~(1UL << (member >> 6));
            }

            AvailableCount--;
        }

        if (available && _level[member] == None)
        {
            Append(member, load);
            _level[member] = load;
            _bits[member >> 6] |= 1UL << member;
            _summary[member >> 12] |= 1UL << (member >> 6);
            AvailableCount++;
        }
    }

    /// <summary>Whether the member is in the indexes.</summary>
    public bool IsAvailable(int member) => _level[member] != None;

    /// <summary>Records that the rotation gave the member a conversation: the next round-robin pick starts after it.</summary>
    public void Picked(int member) => _cursor = member;

    /// <summary>The next available member after the last one picked, wrapping around; <paramref name="exclude"/> only when alone.</summary>
    public int PickRoundRobin(int exclude = None)
    {
        if (AvailableCount == 0)
        {
            return None;
        }

        var member = NextAvailableFrom(_cursor + 1);
        if (member == None)
        {
            member = NextAvailableFrom(0);
        }

        if (member == exclude && AvailableCount > 1)
        {
            member = NextAvailableFrom(member + 1);
            if (member == None)
            {
                member = NextAvailableFrom(0);
            }
        }

        return member;
    }

    /// <summary>
    /// Balanced round robin (feature R3): among the available members with the lowest load, the first in rotation order
    /// after the last one picked; <paramref name="exclude"/> only when alone. Costs time in proportion to the members
    /// at that load, not to the pool.
    /// </summary>
    public int PickBalanced(int exclude = None)
    {
        if (AvailableCount == 0)
        {
            return None;
        }

        for (var level = LowestLevel(); level < _head.Length; level++)
        {
            var best = None;
            var bestDistance = int.MaxValue;
            for (var member = _head[level]; member != None; member = _next[member])
            {
                // How far after the cursor the member comes in rotation order, wrapping around.
                var distance = (member - _cursor - 1 + Count) % Count;
                if (member != exclude && distance < bestDistance)
                {
                    best = member;
                    bestDistance = distance;
                }
            }

            if (best != None)
            {
                return best;
            }
        }

        return exclude != None && IsAvailable(exclude) ? exclude : None;
    }

    /// <summary>The available member with the lowest load, idle longest; <paramref name="exclude"/> only when alone.</summary>
    public int PickLeastBusy(int exclude = None)
    {
        if (AvailableCount == 0)
        {
            return None;
        }

        for (var level = LowestLevel(); level < _head.Length; level++)
        {
            var member = _head[level];
            if (member == None)
            {
                continue;
            }

            if (member == exclude)
            {
                member = _next[member];
                if (member == None)
                {
                    continue;
                }
            }

            return member;
        }

        return exclude != None && IsAvailable(exclude) ? exclude : None;
    }

    /// <summary>The lowest load level that may hold a member: every level below it is empty.</summary>
    private int LowestLevel()
    {
        while (_minLevel < _head.Length - 1 && _head[_minLevel] == None)
        {
            _minLevel++;
        }

        return _minLevel;
    }

    /// <summary>Copies the available members, in rotation order (starting after the last pick), into <paramref name="destination"/>.</summary>
    /// <returns>How many were written.</returns>
    public int CopyAvailableInRotationOrder(Span<int> destination)
    {
        var written = 0;
        var start = _cursor + 1;
        for (var member = NextAvailableFrom(start); member != None && written < destination.Length; member = NextAvailableFrom(member + 1))
        {
            destination[written++] = member;
        }

        for (var member = NextAvailableFrom(0); member != None && member < start && written < destination.Length; member = NextAvailableFrom(member + 1))
        {
            destination[written++] = member;
        }

        return written;
    }

    /// <summary>The first available member at or after <paramref name="from"/>, or -1.</summary>
    private int NextAvailableFrom(int from)
    {
        if (from >= Count)
        {
            return None;
        }

        var word = from >> 6;
        var bits = _bits[word] & (ulong.MaxValue << from);
        if (bits != 0)
        {
            return (word << 6) + BitOperations.TrailingZeroCount(bits);
        }

        // Find the next non-empty word through the summary, 64 words (4,096 members) per summary word.
        var nextWord = word + 1;
        var words = (Count + 63) >> 6;
        while (nextWord < words)
        {
            var summary = _summary[nextWord >> 6] & (ulong.MaxValue << nextWord);
            if (summary != 0)
            {
                var found = ((nextWord >> 6) << 6) + BitOperations.TrailingZeroCount(summary);
                return found < words ? (found << 6) + BitOperations.TrailingZeroCount(_bits[found]) : None;
            }

            nextWord = ((nextWord >> 6) + 1) << 6;
        }

        return None;
    }

    private void Append(int member, int level)
    {
        if (level >= _head.Length)
        {
            var old = _head.Length;
            var size = Math.Max(level + 1, old * 2);
            Array.Resize(ref _head, size);
            Array.Resize(ref _tail, size);
            _head.AsSpan(old).Fill(None);
            _tail.AsSpan(old).Fill(None);
        }

        _next[member] = None;
        _prev[member] = _tail[level];
        if (_tail[level] == None)
        {
            _head[level] = member;
        }
        else
        {
            _next[_tail[level]] = member;
        }

        _tail[level] = member;
        if (level < _minLevel)
        {
            _minLevel = level;
        }
    }

    private void Unlink(int member, int level)
    {
        var prev = _prev[member];
        var next = _next[member];
        if (prev == None)
        {
            _head[level] = next;
        }
        else
        {
            _next[prev] = next;
        }

        if (next == None)
        {
            _tail[level] = prev;
        }
        else
        {
            _prev[next] = prev;
        }
    }
}
