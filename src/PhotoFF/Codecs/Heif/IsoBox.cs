using System.Buffers.Binary;

namespace PhotoFF.Codecs.Heif;

/// <summary>One box of an ISO base media file: its type and where its content lies in the file.</summary>
internal readonly record struct IsoBox(uint Type, int ContentStart, int End)
{
    /// <summary>Boxes within one container: more than this is no photo, only a way to make a reader work.</summary>
    public const int MaxChildren = 100_000;

    public string Name => FourCc.Name(Type);

    public BoxCursor Content(byte[] data) => new(data, ContentStart, End, Name);

    /// <summary>
    /// The boxes laid end to end in <paramref name="start"/>..<paramref name="end"/>. Each size is checked against the
    /// container before the box is returned; a size of 0 means "to the container's end", as ISO 14496-12 allows.
    /// </summary>
    public static List<IsoBox> Children(byte[] data, int start, int end, string container)
    {
        var boxes = new List<IsoBox>();
        var position = start;
        while (position < end)
        {
            if (boxes.Count == MaxChildren)
            {
                throw new HeifFormatException($"the {container} box holds more than {MaxChildren} boxes");
            }

            if (end - position < 8)
            {
                throw new HeifFormatException($"the {container} box ends with {end - position} stray bytes");
            }

            var span = data.AsSpan(position, end - position);
            ulong size = BinaryPrimitives.ReadUInt32BigEndian(span);
            var type = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
            var header = 8;
            if (size == 1)
            {
                if (span.Length < 16)
                {
                    throw new HeifFormatException($"the {FourCc.Name(type)} box in {container} is truncated");
                }

                size = BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = (ulong)span.Length;
            }

            if (type == FourCc.Uuid)
            {
                header += 16;
            }

            if (size < (ulong)header || size > (ulong)span.Length)
            {
                throw new HeifFormatException(
                    $"the {FourCc.Name(type)} box in {container} claims {size} bytes but {span.Length} are left");
            }

            boxes.Add(new IsoBox(type, position + header, position + (int)size));
            position += (int)size;
        }

        return boxes;
    }
}
