namespace PhotoFF.Codecs.Heif;

/// <summary>Parses the properties of an ipco box that affect decoding; any other becomes an <see cref="OtherProperty"/>.</summary>
internal static class HeifPropertyParser
{
    /// <summary>An ICC profile larger than this is not a colour profile but a payload.</summary>
    private const int MaxIccBytes = 4 << 20;

    public static HeifProperty Parse(byte[] data, IsoBox box)
    {
        var cursor = box.Content(data);
        if (box.Type == FourCc.HvcC)
        {
            return new HevcConfigurationProperty(HevcConfiguration.Parse(cursor));
        }

        if (box.Type == FourCc.Ispe)
        {
            cursor.FullBoxHeader();
            var width = cursor.U32();
            var height = cursor.U32();
            if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            {
                throw new HeifFormatException($"the ispe property gives an image size of {width}x{height}");
            }

            return new SpatialExtentProperty((int)width, (int)height);
        }

        if (box.Type == FourCc.Irot)
        {
            return new RotationProperty(cursor.U8() & 3);
        }

        if (box.Type == FourCc.Imir)
        {
            return new MirrorProperty((cursor.U8() & 1) == 1);
        }

        if (box.Type == FourCc.Clap)
        {
            return ParseCleanAperture(cursor);
        }

        if (box.Type == FourCc.Colr)
        {
            return ParseColour(cursor);
        }

        if (box.Type == FourCc.Pixi)
        {
            cursor.FullBoxHeader();
            var channels = cursor.U8();
            var bits = new int[channels];
            for (var i = 0; i < channels; i++)
            {
                bits[i] = cursor.U8();
            }

            return new PixelInformationProperty(bits);
        }

        if (box.Type == FourCc.AuxC)
        {
            cursor.FullBoxHeader();
            return new AuxiliaryTypeProperty(cursor.CString());
        }

        return new OtherProperty(box.Type);
    }

    private static CleanApertureProperty ParseCleanAperture(BoxCursor cursor)
    {
        long widthN = cursor.U32(), widthD = cursor.U32(), heightN = cursor.U32(), heightD = cursor.U32();
        long horizontalN = (int)cursor.U32(), horizontalD = cursor.U32();
        long verticalN = (int)cursor.U32(), verticalD = cursor.U32();
        foreach (var value in (long[])[widthN, widthD, heightN, heightD, horizontalD, verticalD])
        {
            if (value > int.MaxValue)
            {
                throw new HeifFormatException("the clap property has a fraction out of range");
            }
        }

        if (widthD == 0 || heightD == 0 || horizontalD == 0 || verticalD == 0)
        {
            throw new HeifFormatException("the clap property has a fraction with denominator 0");
        }

        return new CleanApertureProperty(widthN, widthD, heightN, heightD, horizontalN, horizontalD, verticalN, verticalD);
    }

    private static HeifProperty ParseColour(BoxCursor cursor)
    {
        var type = cursor.U32();
        if (type == FourCc.Nclx)
        {
            int primaries = cursor.U16(), transfer = cursor.U16(), matrix = cursor.U16();
            var fullRange = (cursor.U8() & 0x80) != 0;
            return new NclxColourProperty(primaries, transfer, matrix, fullRange);
        }

        if (type == FourCc.Prof || type == FourCc.RIcc)
        {
            if (cursor.Remaining == 0 || cursor.Remaining > MaxIccBytes)
            {
                throw new HeifFormatException($"the colr property holds an ICC profile of {cursor.Remaining} bytes");
            }

            return new IccColourProperty(cursor.Bytes(cursor.Remaining).ToArray());
        }

        return new OtherProperty(FourCc.Colr);
    }
}
