namespace PhotoFF.Codecs.Heif;

/// <summary>
/// An image as coded: one HEVC item, or a grid of HEVC tiles (all of one size) laid row by row and cropped to
/// <see cref="Width"/> x <see cref="Height"/>. Transformations are not applied here.
/// </summary>
internal sealed class HeifCodedImage
{
    public HeifCodedImage(HeifItem item, int width, int height, int columns, int rows, IReadOnlyList<HeifTile> tiles)
    {
        Item = item;
        Width = width;
        Height = height;
        Columns = columns;
        Rows = rows;
        Tiles = tiles;
    }

    /// <summary>The hvc1 or grid item.</summary>
    public HeifItem Item { get; }

    public int Width { get; }

    public int Height { get; }

    public int Columns { get; }

    public int Rows { get; }

    public IReadOnlyList<HeifTile> Tiles { get; }

    public int TileWidth => Tiles[0].Width;

    public int TileHeight => Tiles[0].Height;

    /// <summary>Pixels the decoder reconstructs: every tile whole, which can be more than the cropped image.</summary>
    public long CodedPixels => (long)Tiles.Count * TileWidth * TileHeight;

    public bool IsGrid => Item.Type == FourCc.Grid;
}

/// <summary>One HEVC-coded picture: its configuration, its length-prefixed NAL units and its size (ispe).</summary>
internal sealed record HeifTile(HeifItem Item, HevcConfiguration Configuration, ReadOnlyMemory<byte> Data, int Width, int Height)
{
    /// <summary>The item's nclx colour, when it has one of its own.</summary>
    public NclxColourProperty? Nclx => Item.Property<NclxColourProperty>();
}
