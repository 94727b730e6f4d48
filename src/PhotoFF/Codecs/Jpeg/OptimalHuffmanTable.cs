namespace PhotoFF.Codecs.Jpeg;

/// <summary>
/// The Huffman table libjpeg builds for a scan's symbol counts when it optimizes coding (T.81 annex K.2, as
/// <c>jpeg_gen_optimal_table</c> in mozjpeg 5's jchuff.c does it, ties and all), so that a scan recoded with it is the
/// stream libjpeg itself writes.
/// </summary>
internal static class OptimalHuffmanTable
{
    /// <summary>Longest code the unconstrained Huffman procedure may give before lengths are limited to 16.</summary>
    private const int MaxInitialLength = 32;

    /// <summary>libjpeg's "no frequency yet" bound; counts must stay below it (<see cref="MaxTotalCount"/>).</summary>
    private const long Unset = 1_000_000_000L;

    /// <summary>The most symbols a table may count: libjpeg's search treats sums at <see cref="Unset"/> or above as
    /// merged already.</summary>
    public const long MaxTotalCount = Unset - 1;

    /// <summary>
    /// The table for <paramref name="counts"/> (how often each symbol 0..255 occurs; at least one nonzero, the total at
    /// most <see cref="MaxTotalCount"/>).
    /// </summary>
    public static HuffmanTable Build(ReadOnlySpan<long> counts)
    {
        if (counts.Length != 256)
        {
            throw new ArgumentException("A Huffman table counts 256 symbols.", nameof(counts));
        }

        Span<long> frequency = stackalloc long[257];
        Span<int> symbolAt = stackalloc int[257];
        Span<int> codeLength = stackalloc int[257];
        Span<int> next = stackalloc int[257];
        codeLength.Clear();
        next.Fill(-1);

        // The pseudo-symbol 256 keeps every real symbol off the all-ones code: it takes the last code of the longest length.
        // Nonzero counts are gathered at the front, in symbol order, and the procedure runs on their indices.
        int used = 0;
        long total = 0;
        for (int symbol = 0; symbol <= 256; symbol++)
        {
            long count = symbol == 256 ? 1 : counts[symbol];
            if (count < 0)
            {
                throw new ArgumentException("Symbol counts are not negative.", nameof(counts));
            }

            if (count != 0)
            {
                symbolAt[used] = symbol;
                frequency[used] = count;
                used++;
                total += count;
            }
        }

        if (used < 2 || total > MaxTotalCount)
        {
            throw new ArgumentException($"A Huffman table needs 1 to {MaxTotalCount} symbols counted.", nameof(counts));
        }

        while (true)
        {
            // The two smallest frequencies, ties to the later index; merged nodes are parked above Unset.
            int first = -1, second = -1;
            long smallest = Unset, nextSmallest = Unset;
            for (int i = 0; i < used; i++)
            {
                if (frequency[i] <= nextSmallest)
                {
                    if (frequency[i] <= smallest)
                    {
                        second = first;
                        nextSmallest = smallest;
                        smallest = frequency[i];
                        first = i;
                    }
                    else
                    {
                        nextSmallest = frequency[i];
                        second = i;
                    }
                }
            }

            if (second < 0)
            {
                break;
            }

            frequency[first] += frequency[second];
            frequency[second] = Unset + 1;
            codeLength[first]++;
            while (next[first] >= 0)
            {
                first = next[first];
                codeLength[first]++;
            }

            next[first] = second;
            codeLength[second]++;
            while (next[second] >= 0)
            {
                second = next[second];
                codeLength[second]++;
            }
        }

        Span<int> lengthCount = stackalloc int[MaxInitialLength + 1];
        lengthCount.Clear();
        for (int i = 0; i < used; i++)
        {
            if (codeLength[i] > MaxInitialLength)
            {
                throw new InvalidOperationException($"A Huffman code of {codeLength[i]} bits before limiting to 16.");
            }

            lengthCount[codeLength[i]]++;
        }

        // Where each length's symbols start in the value list, from the lengths before limiting (as libjpeg does).
        Span<int> position = stackalloc int[MaxInitialLength + 1];
        int start = 0;
        for (int length = 1; length <= MaxInitialLength; length++)
        {
            position[length] = start;
            start += lengthCount[length];
        }

        // Codes longer than 16 bits: a pair leaves the longest length, one takes the prefix a bit shorter, and a code of
        // the next shorter used length becomes the prefix of two (T.81 figure K.3).
        int longest = MaxInitialLength;
        for (; longest > 16; longest--)
        {
            while (lengthCount[longest] > 0)
            {
                int prefix = longest - 2;
                while (lengthCount[prefix] == 0)
                {
                    prefix--;
                }

                lengthCount[longest] -= 2;
                lengthCount[longest - 1]++;
                lengthCount[prefix + 1] += 2;
                lengthCount[prefix]--;
            }
        }

        while (lengthCount[longest] == 0)
        {
            longest--;
        }

        lengthCount[longest]--;
        byte[] counted = new byte[16];
        for (int length = 1; length <= 16; length++)
        {
            counted[length - 1] = (byte)lengthCount[length];
        }

        // Symbols by code length, then by value. The pseudo-symbol, counted once and last, lands at the end, on the
        // longest length, whose count has just dropped it.
        Span<int> ordered = stackalloc int[257];
        for (int i = 0; i < used; i++)
        {
            ordered[position[codeLength[i]]++] = symbolAt[i];
        }

        if (ordered[used - 1] != 256)
        {
            throw new InvalidOperationException("The pseudo-symbol did not take the last Huffman code.");
        }

        byte[] values = new byte[used - 1];
        for (int i = 0; i < used - 1; i++)
        {
            values[i] = (byte)ordered[i];
        }

        return new HuffmanTable(counted, values);
    }
}
