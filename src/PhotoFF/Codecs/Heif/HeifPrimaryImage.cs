namespace PhotoFF.Codecs.Heif;

/// <summary>
/// What a HEIF file shows: its primary image as coded (one HEVC item or a grid of tiles), the transformations that
/// orient it, its alpha plane when an auxiliary image carries one, its colour information and its metadata. Built by
/// <see cref="Resolve"/> from a parsed container, before any pixel is decoded.
/// </summary>
internal sealed class HeifPrimaryImage
{
    /// <summary>The URNs that mark an auxiliary image as the alpha plane (HEVC's, and MPEG-B's).</summary>
    private static readonly string[] AlphaTypes = ["urn:mpeg:hevc:2015:auxid:1", "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"];

    private HeifPrimaryImage(HeifCodedImage coded, IReadOnlyList<HeifProperty> transforms, HeifCodedImage? alpha,
        NclxColourProperty? nclx, byte[]? icc, byte[]? exif, byte[]? xmp)
    {
        Coded = coded;
        Transforms = transforms;
        Alpha = alpha;
        Nclx = nclx;
        Icc = icc;
        Exif = exif;
        Xmp = xmp;
        (Width, Height) = HeifTransform.OutputSize(coded.Width, coded.Height, transforms);
    }

    public HeifCodedImage Coded { get; }

    /// <summary>clap, irot and imir in the order they apply.</summary>
    public IReadOnlyList<HeifProperty> Transforms { get; }

    /// <summary>The alpha plane, coded at the primary image's coded size; null when the image is opaque.</summary>
    public HeifCodedImage? Alpha { get; }

    /// <summary>The primary item's nclx colour information, if any (tiles may carry their own).</summary>
    public NclxColourProperty? Nclx { get; }

    public byte[]? Icc { get; }

    /// <summary>The Exif block without HEIF's 4-byte offset header: "Exif\0\0" and the TIFF structure, as libvips keeps it.</summary>
    public byte[]? Exif { get; }

    public byte[]? Xmp { get; }

    /// <summary>The width after the transformations: what the user sees.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>The bit depth of the luma samples of the first tile (8 for most photos, 10 for HDR ones).</summary>
    public int BitDepth => Coded.Tiles[0].Configuration.BitDepthLuma;

    /// <summary>
    /// The primary image of <paramref name="container"/>, or null when it is not HEVC (an AVIF file: libvips reads
    /// those). Throws <see cref="HeifFormatException"/> when the file's structure does not hold together.
    /// </summary>
    public static HeifPrimaryImage? Resolve(HeifContainer container)
    {
        var primary = container.Primary;
        if (!IsHevc(container, primary))
        {
            return null;
        }

        CheckEssentialProperties(primary);
        var coded = ReadCodedImage(container, primary);
        var alpha = FindAlpha(container, primary, coded);
        var icc = primary.Property<IccColourProperty>()?.Profile;
        var (exif, xmp) = ReadMetadata(container, primary);
        return new HeifPrimaryImage(coded, HeifTransform.Of(primary), alpha, primary.Property<NclxColourProperty>(), icc, exif, xmp);
    }

    private static bool IsHevc(HeifContainer container, HeifItem item)
    {
        if (item.Type == FourCc.Hvc1)
        {
            return true;
        }

        if (item.Type != FourCc.Grid)
        {
            if (item.Type == FourCc.Av01)
            {
                return false;
            }

            throw new HeifFormatException($"the primary image is of type '{FourCc.Name(item.Type)}', which is not supported", unsupported: true);
        }

        // A grid of AV1 tiles is AVIF, for libvips; any other grid is checked tile by tile as HEVC.
        var tiles = container.ReferencesFrom(item.Id, FourCc.Dimg);
        return tiles.Count == 0 || container.Items[tiles[0]].Type != FourCc.Av01;
    }

    private static void CheckEssentialProperties(HeifItem item)
    {
        foreach (var (property, essential) in item.Properties)
        {
            if (essential && property is OtherProperty other)
            {
                throw new HeifFormatException($"{item} has the essential property '{FourCc.Name(other.Type)}', which is not supported", unsupported: true);
            }
        }
    }

    private static HeifCodedImage ReadCodedImage(HeifContainer container, HeifItem item)
    {
        if (item.Type == FourCc.Hvc1)
        {
            var tile = ReadTile(container, item);
            return new HeifCodedImage(item, tile.Width, tile.Height, 1, 1, [tile]);
        }

        if (item.Type != FourCc.Grid)
        {
            throw new HeifFormatException($"{item} is neither an HEVC image nor a grid");
        }

        var data = container.ItemData(item);
        var descriptor = new BoxCursor(data[..Math.Min(data.Length, 16)].ToArray(), 0, Math.Min(data.Length, 16), "grid descriptor");
        var (version, flags) = (descriptor.U8(), descriptor.U8());
        if (version != 0)
        {
            throw new HeifFormatException($"{item} has a grid descriptor of version {version}", unsupported: true);
        }

        int rows = descriptor.U8() + 1, columns = descriptor.U8() + 1;
        var wide = (flags & 1) != 0;
        var width = wide ? descriptor.U32() : descriptor.U16();
        var height = wide ? descriptor.U32() : descriptor.U16();
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new HeifFormatException($"{item} is a grid of {width}x{height} pixels");
        }

        var tileIds = container.ReferencesFrom(item.Id, FourCc.Dimg);
        if (tileIds.Count != rows * columns)
        {
            throw new HeifFormatException($"{item} is a grid of {columns}x{rows} tiles but refers to {tileIds.Count}");
        }

        var tiles = new HeifTile[tileIds.Count];
        for (var i = 0; i < tiles.Length; i++)
        {
            var tileItem = container.Items[tileIds[i]];
            if (tileItem.Type != FourCc.Hvc1)
            {
                // Tiles of tiles would let a file refer to itself; HEIF's grids hold coded images only.
                throw new HeifFormatException($"tile {i} of {item} is {tileItem}, not an HEVC image");
            }

            if (HeifTransform.Of(tileItem).Count > 0)
            {
                throw new HeifFormatException($"tile {i} of {item} has transformations of its own", unsupported: true);
            }

            tiles[i] = ReadTile(container, tileItem);
            if (tiles[i].Width != tiles[0].Width || tiles[i].Height != tiles[0].Height)
            {
                throw new HeifFormatException($"the tiles of {item} differ in size ({tiles[0].Width}x{tiles[0].Height} and {tiles[i].Width}x{tiles[i].Height})");
            }
        }

        long tileWidth = tiles[0].Width, tileHeight = tiles[0].Height;
        if (tileWidth * columns < width || tileHeight * rows < height ||
            tileWidth * (columns - 1) >= width || tileHeight * (rows - 1) >= height)
        {
            throw new HeifFormatException(
                $"{columns}x{rows} tiles of {tileWidth}x{tileHeight} do not make a grid of {width}x{height}");
        }

        return new HeifCodedImage(item, (int)width, (int)height, columns, rows, tiles);
    }

    private static HeifTile ReadTile(HeifContainer container, HeifItem item)
    {
        var configuration = item.Property<HevcConfigurationProperty>()?.Configuration
            ?? throw new HeifFormatException($"{item} has no hvcC property");
        var extent = item.Property<SpatialExtentProperty>()
            ?? throw new HeifFormatException($"{item} has no ispe property");
        return new HeifTile(item, configuration, container.ItemData(item), extent.Width, extent.Height);
    }

    private static HeifCodedImage? FindAlpha(HeifContainer container, HeifItem primary, HeifCodedImage coded)
    {
        foreach (var id in container.ReferencesTo(primary.Id, FourCc.Auxl))
        {
            var item = container.Items[id];
            var type = item.Property<AuxiliaryTypeProperty>()?.Type;
            if (type is null || !AlphaTypes.Contains(type))
            {
                continue; // depth maps and other auxiliary images are not part of the picture
            }

            if (item.Type != FourCc.Hvc1 && item.Type != FourCc.Grid)
            {
                throw new HeifFormatException($"the alpha plane is {item}, not HEVC-coded", unsupported: true);
            }

            if (HeifTransform.Of(item).Count > 0)
            {
                throw new HeifFormatException("the alpha plane has transformations of its own", unsupported: true);
            }

            var alpha = ReadCodedImage(container, item);
            if (alpha.Width != coded.Width || alpha.Height != coded.Height)
            {
                throw new HeifFormatException(
                    $"the alpha plane is {alpha.Width}x{alpha.Height} but the image is {coded.Width}x{coded.Height}");
            }

            return alpha;
        }

        return null;
    }

    private static (byte[]? Exif, byte[]? Xmp) ReadMetadata(HeifContainer container, HeifItem primary)
    {
        byte[]? exif = null, xmp = null;
        foreach (var id in container.ReferencesTo(primary.Id, FourCc.Cdsc))
        {
            var item = container.Items[id];
            if (item.Type == FourCc.Exif && exif is null)
            {
                var data = container.ItemData(item);
                if (data.Length <= 4)
                {
                    throw new HeifFormatException("the Exif item is too short to hold its offset header");
                }

                exif = data[4..].ToArray();
            }
            else if (item.Type == FourCc.Mime && item.ContentType == "application/rdf+xml" && xmp is null)
            {
                xmp = container.ItemData(item).ToArray();
            }
        }

        return (exif, xmp);
    }
}
