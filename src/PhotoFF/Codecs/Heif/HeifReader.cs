namespace PhotoFF.Codecs.Heif;

/// <summary>
/// Reads the container of a HEIF file (ISO/IEC 23008-12 on ISO base media, 14496-12): ftyp, then meta with hdlr, pitm,
/// iinf, iloc, iref, iprp (ipco, ipma) and idat. Strict: every size is checked against its parent, every reference
/// against the items, and the counts are bounded, so a damaged or hostile file ends in a
/// <see cref="HeifFormatException"/> after a bounded amount of work, never in a crash, a loop or a huge allocation.
/// </summary>
internal static class HeifReader
{
    public const int MaxItems = 10_000;
    public const int MaxProperties = 10_000;
    public const int MaxReferences = 100_000;
    public const int MaxExtentsPerItem = 1_000;

    /// <summary>The brands of HEIF files whose images may be HEVC-coded (heic, heix, mif1 and the rest).</summary>
    private static readonly HashSet<uint> HeifBrands =
        new[] { "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "mif2", "msf1", "miaf" }
            .Select(FourCc.Of).ToHashSet();

    /// <summary>Whether the first bytes of a file are an ftyp box naming a HEIF brand (a cheap test before reading it).</summary>
    public static bool LooksLikeHeif(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var size = (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        for (var at = 8; at + 4 <= size; at += at == 8 ? 8 : 4)
        {
            if (HeifBrands.Contains(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head[at..])))
            {
                return true;
            }
        }

        return false;
    }

    public static HeifContainer Read(byte[] file)
    {
        var top = IsoBox.Children(file, 0, file.Length, "file");
        if (top.Count == 0 || top[0].Type != FourCc.Ftyp)
        {
            throw new HeifFormatException("the file does not start with an ftyp box");
        }

        var brands = ReadBrands(file, top[0]);
        var meta = Single(top, FourCc.Meta, "file") ?? throw new HeifFormatException("the file has no meta box");
        var metaCursor = meta.Content(file);
        metaCursor.FullBoxHeader();
        var children = IsoBox.Children(file, metaCursor.Position, meta.End, "meta");

        var handler = Single(children, FourCc.Hdlr, "meta") ?? throw new HeifFormatException("the meta box has no hdlr box");
        var hdlr = handler.Content(file);
        hdlr.FullBoxHeader();
        hdlr.U32(); // pre_defined
        var handlerType = hdlr.U32();
        if (handlerType != FourCc.Pict)
        {
            throw new HeifFormatException($"the meta box's handler is '{FourCc.Name(handlerType)}', not 'pict'");
        }

        var items = ReadItemInfo(file, Single(children, FourCc.Iinf, "meta")
            ?? throw new HeifFormatException("the meta box has no iinf box"));
        var primaryId = ReadPrimaryId(file, Single(children, FourCc.Pitm, "meta")
            ?? throw new HeifFormatException("the meta box has no pitm box"));
        if (!items.ContainsKey(primaryId))
        {
            throw new HeifFormatException($"the primary item {primaryId} is not in the iinf box");
        }

        ReadLocations(file, Single(children, FourCc.Iloc, "meta")
            ?? throw new HeifFormatException("the meta box has no iloc box"), items);
        var iref = Single(children, FourCc.Iref, "meta");
        var references = iref is null ? [] : ReadReferences(file, iref.Value, items);
        var iprp = Single(children, FourCc.Iprp, "meta") ?? throw new HeifFormatException("the meta box has no iprp box");
        ReadProperties(file, iprp, items);
        var idatBox = Single(children, FourCc.Idat, "meta");
        var idat = idatBox is { } box ? file.AsMemory(box.ContentStart, box.End - box.ContentStart) : ReadOnlyMemory<byte>.Empty;
        return new HeifContainer(file, brands, items, references, primaryId, idat);
    }

    private static IsoBox? Single(List<IsoBox> boxes, uint type, string container)
    {
        IsoBox? found = null;
        foreach (var box in boxes)
        {
            if (box.Type != type)
            {
                continue;
            }

            if (found is not null)
            {
                throw new HeifFormatException($"the {container} box has more than one {FourCc.Name(type)} box");
            }

            found = box;
        }

        return found;
    }

    private static List<uint> ReadBrands(byte[] file, IsoBox ftyp)
    {
        var cursor = ftyp.Content(file);
        var brands = new List<uint> { cursor.U32() };
        cursor.U32(); // minor version
        while (cursor.Remaining >= 4)
        {
            brands.Add(cursor.U32());
        }

        return brands;
    }

    private static uint ReadPrimaryId(byte[] file, IsoBox pitm)
    {
        var cursor = pitm.Content(file);
        var (version, _) = cursor.FullBoxHeader();
        return version == 0 ? cursor.U16() : cursor.U32();
    }

    private static Dictionary<uint, HeifItem> ReadItemInfo(byte[] file, IsoBox iinf)
    {
        var cursor = iinf.Content(file);
        var (version, _) = cursor.FullBoxHeader();
        var declared = version == 0 ? cursor.U16() : cursor.U32();
        if (declared > MaxItems)
        {
            throw new HeifFormatException($"the iinf box declares {declared} items, more than {MaxItems}");
        }

        var items = new Dictionary<uint, HeifItem>();
        foreach (var box in IsoBox.Children(file, cursor.Position, iinf.End, "iinf"))
        {
            if (box.Type != FourCc.Infe)
            {
                continue;
            }

            if (items.Count == MaxItems)
            {
                throw new HeifFormatException($"the iinf box holds more than {MaxItems} items");
            }

            var item = ReadItemInfoEntry(file, box);
            if (!items.TryAdd(item.Id, item))
            {
                throw new HeifFormatException($"item {item.Id} is declared twice");
            }
        }

        return items;
    }

    private static HeifItem ReadItemInfoEntry(byte[] file, IsoBox infe)
    {
        var cursor = infe.Content(file);
        var (version, _) = cursor.FullBoxHeader();
        if (version < 2)
        {
            throw new HeifFormatException($"an infe box has version {version}; HEIF needs version 2 or 3", unsupported: true);
        }

        var id = version == 2 ? cursor.U16() : cursor.U32();
        cursor.U16(); // protection index
        var type = cursor.U32();
        cursor.CString(); // name
        var contentType = type == FourCc.Mime && cursor.Remaining > 0 ? cursor.CString() : string.Empty;
        return new HeifItem(id, type, contentType);
    }

    private static void ReadLocations(byte[] file, IsoBox iloc, Dictionary<uint, HeifItem> items)
    {
        var cursor = iloc.Content(file);
        var (version, _) = cursor.FullBoxHeader();
        if (version > 2)
        {
            throw new HeifFormatException($"the iloc box has version {version}", unsupported: true);
        }

        var sizes = cursor.U16();
        int offsetSize = sizes >> 12, lengthSize = (sizes >> 8) & 15, baseOffsetSize = (sizes >> 4) & 15;
        var indexSize = version >= 1 ? sizes & 15 : 0;
        foreach (var size in (int[])[offsetSize, lengthSize, baseOffsetSize, indexSize])
        {
            if (size is not (0 or 4 or 8))
            {
                throw new HeifFormatException($"the iloc box uses fields of {size} bytes (0, 4 or 8 are allowed)");
            }
        }

        var count = version < 2 ? cursor.U16() : cursor.U32();
        if (count > MaxItems)
        {
            throw new HeifFormatException($"the iloc box locates {count} items, more than {MaxItems}");
        }

        for (var i = 0u; i < count; i++)
        {
            var id = version < 2 ? cursor.U16() : cursor.U32();
            var method = version >= 1 ? cursor.U16() & 15 : 0;
            var dataReference = cursor.U16();
            var baseOffset = cursor.Sized(baseOffsetSize);
            var extentCount = cursor.U16();
            if (extentCount > MaxExtentsPerItem)
            {
                throw new HeifFormatException($"item {id} has {extentCount} extents, more than {MaxExtentsPerItem}");
            }

            var extents = new List<(long, long)>(extentCount);
            for (var e = 0; e < extentCount; e++)
            {
                cursor.Sized(indexSize);
                var offset = cursor.Sized(offsetSize);
                var length = cursor.Sized(lengthSize);
                if (offset > long.MaxValue / 2 || baseOffset > long.MaxValue / 2 || length > long.MaxValue / 2)
                {
                    throw new HeifFormatException($"item {id} has an extent at an absurd offset");
                }

                extents.Add(((long)(baseOffset + offset), (long)length));
            }

            if (!items.TryGetValue(id, out var item))
            {
                continue; // located but not declared: nothing refers to it
            }

            if (item.Location is not null)
            {
                throw new HeifFormatException($"item {id} is located twice");
            }

            if (dataReference != 0)
            {
                throw new HeifFormatException($"item {id} has its data in another file", unsupported: true);
            }

            if (method > 1)
            {
                throw new HeifFormatException($"item {id} uses iloc construction method {method}", unsupported: true);
            }

            item.Location = new HeifItemLocation(method, extents);
        }
    }

    private static List<HeifReference> ReadReferences(byte[] file, IsoBox iref, Dictionary<uint, HeifItem> items)
    {
        var cursor = iref.Content(file);
        var (version, _) = cursor.FullBoxHeader();
        var references = new List<HeifReference>();
        var total = 0;
        foreach (var box in IsoBox.Children(file, cursor.Position, iref.End, "iref"))
        {
            var entry = box.Content(file);
            var from = version == 0 ? entry.U16() : entry.U32();
            var count = entry.U16();
            var to = new uint[count];
            for (var i = 0; i < count; i++)
            {
                to[i] = version == 0 ? entry.U16() : entry.U32();
                if (!items.ContainsKey(to[i]))
                {
                    throw new HeifFormatException($"a {box.Name} reference of item {from} names item {to[i]}, which does not exist");
                }
            }

            total += count;
            if (total > MaxReferences)
            {
                throw new HeifFormatException($"the iref box holds more than {MaxReferences} references");
            }

            if (!items.ContainsKey(from))
            {
                throw new HeifFormatException($"a {box.Name} reference comes from item {from}, which does not exist");
            }

            references.Add(new HeifReference(box.Type, from, to));
        }

        return references;
    }

    private static void ReadProperties(byte[] file, IsoBox iprp, Dictionary<uint, HeifItem> items)
    {
        var children = IsoBox.Children(file, iprp.ContentStart, iprp.End, "iprp");
        var ipco = Single(children, FourCc.Ipco, "iprp") ?? throw new HeifFormatException("the iprp box has no ipco box");
        var boxes = IsoBox.Children(file, ipco.ContentStart, ipco.End, "ipco");
        if (boxes.Count > MaxProperties)
        {
            throw new HeifFormatException($"the ipco box holds {boxes.Count} properties, more than {MaxProperties}");
        }

        // Parsed on first use: a file may carry properties that no item of interest uses.
        var properties = new HeifProperty?[boxes.Count];
        var associated = new HashSet<uint>();
        foreach (var ipma in children.Where(b => b.Type == FourCc.Ipma))
        {
            var cursor = ipma.Content(file);
            var (version, flags) = cursor.FullBoxHeader();
            var entries = cursor.U32();
            if (entries > MaxItems)
            {
                throw new HeifFormatException($"the ipma box has {entries} entries, more than {MaxItems}");
            }

            for (var e = 0u; e < entries; e++)
            {
                var id = version < 1 ? cursor.U16() : cursor.U32();
                if (!associated.Add(id))
                {
                    throw new HeifFormatException($"item {id} has two entries in the ipma boxes");
                }

                items.TryGetValue(id, out var item);
                var count = cursor.U8();
                for (var a = 0; a < count; a++)
                {
                    int value = (flags & 1) != 0 ? cursor.U16() : cursor.U8();
                    var wide = (flags & 1) != 0;
                    var essential = (value & (wide ? 0x8000 : 0x80)) != 0;
                    var index = value & (wide ? 0x7fff : 0x7f);
                    if (index == 0)
                    {
                        continue;
                    }

                    if (index > boxes.Count)
                    {
                        throw new HeifFormatException($"item {id} is associated with property {index} of {boxes.Count}");
                    }

                    item?.Properties.Add((properties[index - 1] ??= HeifPropertyParser.Parse(file, boxes[index - 1]), essential));
                }
            }
        }
    }
}
