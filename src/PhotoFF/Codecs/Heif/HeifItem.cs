namespace PhotoFF.Codecs.Heif;

/// <summary>One item of the meta box: its type, where its data lies, and its properties in association order.</summary>
internal sealed class HeifItem
{
    public HeifItem(uint id, uint type, string contentType)
    {
        Id = id;
        Type = type;
        ContentType = contentType;
    }

    public uint Id { get; }

    public uint Type { get; }

    /// <summary>The MIME type of a 'mime' item (XMP is application/rdf+xml); empty otherwise.</summary>
    public string ContentType { get; }

    public HeifItemLocation? Location { get; set; }

    /// <summary>The associated properties in ipma order, which is the order transformations apply in.</summary>
    public List<(HeifProperty Property, bool Essential)> Properties { get; } = [];

    public T? Property<T>() where T : HeifProperty =>
        Properties.Select(p => p.Property).OfType<T>().FirstOrDefault();

    public override string ToString() => $"item {Id} ({FourCc.Name(Type)})";
}

/// <summary>Where an item's bytes are: extents of the file (construction method 0) or of the idat box (method 1).</summary>
internal sealed record HeifItemLocation(int ConstructionMethod, IReadOnlyList<(long Offset, long Length)> Extents);
