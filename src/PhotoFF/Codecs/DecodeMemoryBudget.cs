namespace PhotoFF.Codecs;

/// <summary>
/// Bounds the memory that decoding takes at once, across every worker that shares the budget: each decode reserves its
/// estimated bytes (<see cref="ImageReader.DecodeBytes"/>) before its pixels are decoded and gives them back when its
/// pixels have moved on (uploaded to the backend, or dropped). A decode that does not fit waits; one that alone
/// exceeds the whole budget fails at once with a clear error. A per-image pixel limit cannot do this: six images under
/// the limit, decoded on six workers, still take six times the memory.
/// </summary>
/// <remarks>
/// Reservations are granted strictly in the order the tickets were taken (<see cref="Enqueue"/>): the order in which a
/// consumer takes results. Otherwise a later decode could hold the memory that an earlier one waits for, while the
/// consumer waits for the earlier one: a deadlock. A ticket that fails or is cancelled before its turn gives its turn up,
/// so the ones behind it go on.
/// </remarks>
public sealed class DecodeMemoryBudget
{
    /// <summary>The smallest default: enough for a 64-megapixel photo on a small machine.</summary>
    public const long MinimumDefaultBytes = 512L << 20;

    private readonly object gate = new();
    private readonly HashSet<long> givenUp = [];
    private long issued;
    private long nextTurn;
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

    /// <summary>A place in line. Take tickets in the order their results will be consumed.</summary>
    public Ticket Enqueue()
    {
        lock (gate)
        {
            return new Ticket(this, issued++);
        }
    }

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

            while (ticket.Turn != nextTurn || inUse + bytes > LimitBytes)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(gate);
            }

            inUse += bytes;
            peakInUse = Math.Max(peakInUse, inUse);
            ticket.Reserved = bytes;
            ticket.State = TicketState.Reserved;
            Advance();
        }
    }

    private void Release(Ticket ticket)
    {
        lock (gate)
        {
            switch (ticket.State)
            {
                case TicketState.Reserved:
                    inUse -= ticket.Reserved;
                    ticket.State = TicketState.Done;
                    Monitor.PulseAll(gate);
                    break;
                case TicketState.Waiting:
                    GiveUpTurn(ticket);
                    break;
            }
        }
    }

    private void GiveUpTurn(Ticket ticket)
    {
        ticket.State = TicketState.Done;
        if (ticket.Turn == nextTurn)
        {
            Advance();
        }
        else
        {
            givenUp.Add(ticket.Turn);
        }
    }

    private void Advance()
    {
        nextTurn++;
        while (givenUp.Remove(nextTurn))
        {
            nextTurn++;
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

    /// <summary>One decode's place in line and, once granted, its reservation. Disposing it returns the reservation,
    /// or gives the turn up if it was never used; it is safe from any thread and more than once.</summary>
    public sealed class Ticket : IDisposable
    {
        private readonly DecodeMemoryBudget budget;

        internal Ticket(DecodeMemoryBudget budget, long turn)
        {
            this.budget = budget;
            Turn = turn;
        }

        internal long Turn { get; }

        internal TicketState State { get; set; }

        internal long Reserved { get; set; }

        /// <summary>Waits for this ticket's turn and for <paramref name="bytes"/> of room, then holds them.</summary>
        /// <exception cref="CodecException"><paramref name="bytes"/> exceed the whole budget (<paramref name="name"/>
        /// is the file the error names); the turn is given up.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled while waiting.</exception>
        public void Reserve(long bytes, string? name, CancellationToken cancellation) =>
            budget.Reserve(this, bytes, name, cancellation);

        public void Dispose() => budget.Release(this);
    }
}
