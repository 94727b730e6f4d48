namespace PhotoFF.Codecs;

/// <summary>
/// Bounds the memory that decoding takes at once, across every worker that shares the budget: each decode reserves its
/// estimated bytes (<see cref="ImageReader.DecodeBytes"/>) before its pixels are decoded and gives them back when its
/// pixels have moved on (uploaded to the backend, or dropped). A decode that does not fit waits; one that alone
/// exceeds the whole budget fails at once with a clear error. A per-image pixel limit cannot do this: six images under
/// the limit, decoded on six workers, still take six times the memory.
/// </summary>
/// <remarks>
/// Each consumer (an Import-CudaImage command) has its own <see cref="Line"/>, whose tickets are taken in the order in
/// which the consumer takes results; the first ticket of a line that has not reserved yet is the one in turn. A ticket
/// that fits within the limit reserves at once, in turn or not: while memory is plentiful no worker waits for an
/// earlier one to finish reading its file. One that does not fit waits. The ticket in turn is the one the consumer waits
/// for next, so it must not wait for memory that only comes back after it: when the line's earlier tickets hold nothing
/// (what the line holds belongs to later tickets, given back after this one is consumed), it reserves even over the
/// limit; otherwise it waits for the earlier ones, which the consumer takes first. The same covers a consumer waiting
/// for another one (an import inside the pipeline of another import): a line whose earlier tickets hold nothing can
/// always start its next decode. A ticket that fails or is cancelled before its turn gives the turn up, so the ones
/// behind it go on. Only the ticket in turn goes over the limit, and a line's next one waits until it is consumed, so
/// the bound is the limit plus at most one decode for each line in progress at once.
/// </remarks>
public sealed class DecodeMemoryBudget
{
    /// <summary>The smallest default: enough for a 64-megapixel photo on a small machine.</summary>
    public const long MinimumDefaultBytes = 512L << 20;

    private readonly object gate = new();
    private long inUse;
    private long peakInUse;

    public DecodeMemoryBudget(long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        LimitBytes = limitBytes;
    }

    /// <summary>The budget that imports share unless they are given one of their own: a quarter of the memory
    /// available to the process (physical memory, or the container's limit), at least <see cref="MinimumDefaultBytes"/>.</summary>
    public static DecodeMemoryBudget Shared { get; } = new(DefaultLimitBytes);

    public static long DefaultLimitBytes => Math.Max(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4, MinimumDefaultBytes);

    public long LimitBytes { get; }

    /// <summary>Bytes reserved now.</summary>
    public long BytesInUse
    {
        get
        {
            lock (gate)
            {
                return inUse;
            }
        }
    }

    /// <summary>The most bytes reserved at once so far.</summary>
    public long PeakBytesInUse
    {
        get
        {
            lock (gate)
            {
                return peakInUse;
            }
        }
    }

    /// <summary>A line for one consumer, which takes the results of its decodes in the order of its tickets.</summary>
    public Line OpenLine() => new(this);

    private void Reserve(Ticket ticket, long bytes, string? name, CancellationToken cancellation)
    {
        using CancellationTokenRegistration wake = cancellation.Register(() =>
        {
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }
        });
        lock (gate)
        {
            Line line = ticket.Line;
            if (ticket.State != TicketState.Waiting)
            {
                throw new InvalidOperationException("A decode budget ticket reserves once.");
            }

            if (bytes > LimitBytes)
            {
                GiveUpTurn(ticket);
                throw new CodecException(CodecErrorKind.TooLarge, name,
                    $"decoding it takes about {Megabytes(bytes)}, more than the whole decode memory budget of {Megabytes(LimitBytes)}; " +
                    "raise the budget (MaxDecodeMemory) to decode it");
            }

            while (!CanReserve(ticket, bytes))
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(gate);
            }

            inUse += bytes;
            line.Held += bytes;
            peakInUse = Math.Max(peakInUse, inUse);
            ticket.Reserved = bytes;
            ticket.State = TicketState.Reserved;
            if (ticket.Turn == line.NextTurn)
            {
                Advance(line);
            }
            else
            {
                line.HeldAhead += bytes;
                line.SettledAhead[ticket.Turn] = bytes;
            }
        }
    }

    /// <summary>Within the limit, any ticket; over it, only the ticket in turn, and only when its line's earlier tickets
    /// hold nothing (see the remarks). Under the lock.</summary>
    private bool CanReserve(Ticket ticket, long bytes)
    {
        Line line = ticket.Line;
        return inUse + bytes <= LimitBytes || (ticket.Turn == line.NextTurn && line.Held == line.HeldAhead);
    }

    private void Release(Ticket ticket)
    {
        lock (gate)
        {
            switch (ticket.State)
            {
                case TicketState.Reserved:
                    Line line = ticket.Line;
                    inUse -= ticket.Reserved;
                    line.Held -= ticket.Reserved;
                    if (line.SettledAhead.ContainsKey(ticket.Turn))
                    {
                        // Given back before its turn came (a result nobody took): the turn stays settled, with nothing held.
                        line.HeldAhead -= ticket.Reserved;
                        line.SettledAhead[ticket.Turn] = 0;
                    }

                    ticket.State = TicketState.Done;
                    Monitor.PulseAll(gate);
                    break;
                case TicketState.Waiting:
                    GiveUpTurn(ticket);
                    break;
            }
        }
    }

    private Ticket Issue(Line line)
    {
        lock (gate)
        {
            return new Ticket(line, line.Issued++);
        }
    }

    private void GiveUpTurn(Ticket ticket)
    {
        ticket.State = TicketState.Done;
        if (ticket.Turn == ticket.Line.NextTurn)
        {
            Advance(ticket.Line);
        }
        else
        {
            ticket.Line.SettledAhead[ticket.Turn] = 0;
        }
    }

    private void Advance(Line line)
    {
        line.NextTurn++;
        while (line.SettledAhead.Remove(line.NextTurn, out long held))
        {
            // A ticket that reserved ahead of its turn: what it still holds is now behind the turn.
            line.HeldAhead -= held;
            line.NextTurn++;
        }

        Monitor.PulseAll(gate);
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MiB";

    internal enum TicketState
    {
        Waiting,
        Reserved,
        Done,
    }

    /// <summary>The tickets of one consumer, granted in the order they were taken. Its state is the budget's, guarded
    /// by the budget's lock.</summary>
    public sealed class Line
    {
        private readonly DecodeMemoryBudget budget;

        internal Line(DecodeMemoryBudget budget) => this.budget = budget;

        internal long Issued { get; set; }

        internal long NextTurn { get; set; }

        internal long Held { get; set; }

        /// <summary>Bytes the line holds for tickets after <see cref="NextTurn"/> (reserved ahead of their turn).</summary>
        internal long HeldAhead { get; set; }

        /// <summary>The tickets after <see cref="NextTurn"/> that no longer wait (reserved ahead, given up), with the bytes
        /// each still holds; the turn passes over them.</summary>
        internal Dictionary<long, long> SettledAhead { get; } = [];

        /// <summary>The next place in this line. Take tickets in the order their results will be consumed.</summary>
        public Ticket Enqueue() => budget.Issue(this);

        internal DecodeMemoryBudget Budget => budget;
    }

    /// <summary>One decode's place in its line and, once granted, its reservation. Disposing it returns the
    /// reservation, or gives the turn up if it was never used; it is safe from any thread and more than once.</summary>
    public sealed class Ticket : IDisposable
    {
        internal Ticket(Line line, long turn)
        {
            Line = line;
            Turn = turn;
        }

        internal Line Line { get; }

        internal long Turn { get; }

        internal TicketState State { get; set; }

        internal long Reserved { get; set; }

        /// <summary>Waits for this ticket's turn and for <paramref name="bytes"/> of room, then holds them.</summary>
        /// <exception cref="CodecException"><paramref name="bytes"/> exceed the whole budget (<paramref name="name"/>
        /// is the file the error names); the turn is given up.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting.</exception>
        public void Reserve(long bytes, string? name, CancellationToken cancellation) =>
            Line.Budget.Reserve(this, bytes, name, cancellation);

        public void Dispose() => Line.Budget.Release(this);
    }
}
