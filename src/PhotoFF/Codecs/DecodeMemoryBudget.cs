namespace PhotoFF.Codecs;

/// <summary>
/// Bounds the memory that decoding takes at once, across every worker that shares the budget: each decode reserves its
/// estimated bytes (<see cref="ImageReader.DecodeBytes"/>) before its pixels are decoded and gives them back when its
/// pixels have moved on (uploaded to the backend, or dropped). A decode that does not fit waits; one that alone
/// exceeds the whole budget fails at once with a clear error. A per-image pixel limit cannot do this: six images under
/// the limit, decoded on six workers, still take six times the memory.
/// </summary>
/// <remarks>
/// Each consumer (an Import-CudaImage command) has its own <see cref="Line"/>, whose reservations are granted strictly in
/// the order its tickets were taken: the order in which the consumer takes results. Otherwise a later decode could hold
/// the memory that an earlier one waits for while the consumer waits for the earlier one: a deadlock. A ticket that
/// fails or is cancelled before its turn gives its turn up, so the ones behind it go on. Across lines, a line that holds
/// nothing may always reserve for its next decode, even over the limit: a consumer can be waiting for another one (an
/// import inside the pipeline of another import), whose decoded images it cannot take until then. The bound is
/// therefore the limit plus at most one decode for each further line in progress at once.
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

            while (ticket.Turn != line.NextTurn || (inUse + bytes > LimitBytes && line.Held > 0))
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(gate);
            }

            inUse += bytes;
            line.Held += bytes;
            peakInUse = Math.Max(peakInUse, inUse);
            ticket.Reserved = bytes;
            ticket.State = TicketState.Reserved;
            Advance(line);
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
                    ticket.Line.Held -= ticket.Reserved;
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
            ticket.Line.GivenUp.Add(ticket.Turn);
        }
    }

    private void Advance(Line line)
    {
        line.NextTurn++;
        while (line.GivenUp.Remove(line.NextTurn))
        {
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

        internal HashSet<long> GivenUp { get; } = [];

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
