namespace PhotoFF.Codecs.Heif;

/// <summary>
/// The parsed meta box of a HEIF file: brands, items, references and the primary item. Everything in it has been
/// checked against the file's bounds; <see cref="ItemData"/> returns an item's bytes.
/// </summary>
internal sealed class HeifContainer
{
    /// <summary>The data of one item larger than this is refused: no photo's tile, grid or Exif block comes near.</summary>
    public const long MaxItemBytes = 1L << 30;

    private readonly byte[] file;
    private readonly ReadOnlyMemory<byte> idat;

    public HeifContainer(byte[] file, IReadOnlyList<uint> brands, IReadOnlyDictionary<uint, HeifItem> items,
        IReadOnlyList<HeifReference> references, uint primaryId, ReadOnlyMemory<byte> idat)
    {
        this.file = file;
        this.idat = idat;
        Brands = brands;
        Items = items;
        References = references;
        PrimaryId = primaryId;
    }

    /// <summary>The major brand and the compatible brands of the ftyp box.</summary>
    public IReadOnlyList<uint> Brands { get; }

    public IReadOnlyDictionary<uint, HeifItem> Items { get; }

    public IReadOnlyList<HeifReference> References { get; }

    public uint PrimaryId { get; }

    public HeifItem Primary => Items[PrimaryId];

    /// <summary>The items that <paramref name="from"/> refers to with a reference of <paramref name="type"/>, in order.</summary>
    public IReadOnlyList<uint> ReferencesFrom(uint from, uint type) =>
        References.Where(r => r.From == from && r.Type == type).SelectMany(r => r.To).ToArray();

    /// <summary>The items that refer to <paramref name="to"/> with a reference of <paramref name="type"/>.</summary>
    public IEnumerable<uint> ReferencesTo(uint to, uint type) =>
        References.Where(r => r.Type == type && r.To.Contains(to)).Select(r => r.From).Distinct();

    /// <summary>The bytes of an item, its extents joined; a view into the file when there is one extent.</summary>
    public ReadOnlyMemory<byte> ItemData(HeifItem item)
    {
        var location = item.Location ?? throw new HeifFormatException($"{item} has no location in the iloc box");
        var source = location.ConstructionMethod == 1 ? idat : file.AsMemory();
        var where = location.ConstructionMethod == 1 ? "the idat box" : "the file";
        long total = 0;
        var pieces = new List<ReadOnlyMemory<byte>>(location.Extents.Count);
        foreach (var (offset, declared) in location.Extents)
        {
            // ISO 14496-12 8.11.3: a length of 0 means "to the end of the source".
            var length = declared == 0 ? source.Length - offset : declared;
            if (offset < 0 || offset > source.Length || length < 0 || length > source.Length - offset)
            {
                throw new HeifFormatException(
                    $"{item} has data at {offset}..{offset + length}, outside {where} ({source.Length} bytes)");
            }

            total += length;
            if (total > MaxItemBytes)
            {
                throw new HeifFormatException($"{item} claims more than {MaxItemBytes >> 20} MB of data");
            }

            pieces.Add(source.Slice((int)offset, (int)length));
        }

        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var joined = new byte[total];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.Span.CopyTo(joined.AsSpan(at));
            at += piece.Length;
        }

        return joined;
    }
}

/// <summary>One reference of the iref box: <see cref="From"/> refers to each of <see cref="To"/>.</summary>
internal sealed record HeifReference(uint Type, uint From, IReadOnlyList<uint> To);
