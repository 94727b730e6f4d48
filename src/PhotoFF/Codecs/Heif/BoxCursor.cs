using System.Buffers.Binary;
using System.Text;

namespace PhotoFF.Codecs.Heif;

/// <summary>
/// Reads big-endian fields from one box's content and never past its end: every read checks the bytes left first, so a
/// size field that lies ends in a <see cref="HeifFormatException"/>, not in a read of another box or of nothing.
/// </summary>
internal sealed class BoxCursor
{
    private readonly byte[] data;
    private readonly string box;

    public BoxCursor(byte[] data, int start, int end, string box)
    {
        if (start < 0 || end < start || end > data.Length)
        {
            throw new HeifFormatException($"the {box} box lies outside the file");
        }

        this.data = data;
        Position = start;
        End = end;
        this.box = box;
    }

    public int Position { get; private set; }

    public int End { get; }

    public int Remaining => End - Position;

    public byte U8()
    {
        Need(1);
        return data[Position++];
    }

    public ushort U16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(Position));
        Position += 2;
        return value;
    }

    public uint U32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(Position));
        Position += 4;
        return value;
    }

    public ulong U64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(Position));
        Position += 8;
        return value;
    }

    /// <summary>An unsigned field of 0, 2, 4 or 8 bytes (iloc's variable-size fields); 0 bytes read as 0.</summary>
    public ulong Sized(int bytes) => bytes switch
    {
        0 => 0,
        1 => U8(),
        2 => U16(),
        4 => U32(),
        8 => U64(),
        _ => throw new HeifFormatException($"the {box} box has a field of {bytes} bytes"),
    };

    /// <summary>A full box's version and flags.</summary>
    public (byte Version, uint Flags) FullBoxHeader()
    {
        var word = U32();
        return ((byte)(word >> 24), word & 0xffffff);
    }

    /// <summary>A NUL-terminated UTF-8 string; a missing terminator at the box's end is accepted as the end.</summary>
    public string CString()
    {
        var rest = data.AsSpan(Position, Remaining);
        var length = rest.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(length < 0 ? rest : rest[..length]);
        Position += length < 0 ? rest.Length : length + 1;
        return text;
    }

    public ReadOnlyMemory<byte> Bytes(int count)
    {
        Need(count);
        var bytes = data.AsMemory(Position, count);
        Position += count;
        return bytes;
    }

    public void Skip(int count)
    {
        Need(count);
        Position += count;
    }

    private void Need(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new HeifFormatException($"the {box} box is truncated (needs {count} more bytes, has {Remaining})");
        }
    }
}
