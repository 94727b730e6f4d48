using System.Buffers.Binary;
using System.Text;

namespace PhotoFF.Codecs.Heif;

/// <summary>The four-character codes of ISO base media boxes, item types and properties, as big-endian integers.</summary>
internal static class FourCc
{
    public static readonly uint Ftyp = Of("ftyp");
    public static readonly uint Meta = Of("meta");
    public static readonly uint Hdlr = Of("hdlr");
    public static readonly uint Pict = Of("pict");
    public static readonly uint Pitm = Of("pitm");
    public static readonly uint Iinf = Of("iinf");
    public static readonly uint Infe = Of("infe");
    public static readonly uint Iloc = Of("iloc");
    public static readonly uint Iref = Of("iref");
    public static readonly uint Iprp = Of("iprp");
    public static readonly uint Ipco = Of("ipco");
    public static readonly uint Ipma = Of("ipma");
    public static readonly uint Idat = Of("idat");
    public static readonly uint Uuid = Of("uuid");

    // Item types.
    public static readonly uint Hvc1 = Of("hvc1");
    public static readonly uint Av01 = Of("av01");
    public static readonly uint Grid = Of("grid");
    public static readonly uint Exif = Of("Exif");
    public static readonly uint Mime = Of("mime");

    // Reference types.
    public static readonly uint Dimg = Of("dimg");
    public static readonly uint Thmb = Of("thmb");
    public static readonly uint Auxl = Of("auxl");
    public static readonly uint Cdsc = Of("cdsc");

    // Properties.
    public static readonly uint HvcC = Of("hvcC");
    public static readonly uint Ispe = Of("ispe");
    public static readonly uint Irot = Of("irot");
    public static readonly uint Imir = Of("imir");
    public static readonly uint Clap = Of("clap");
    public static readonly uint Colr = Of("colr");
    public static readonly uint Pixi = Of("pixi");
    public static readonly uint AuxC = Of("auxC");
    public static readonly uint Nclx = Of("nclx");
    public static readonly uint Prof = Of("prof");
    public static readonly uint RIcc = Of("rICC");

    public static uint Of(string code)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (Encoding.ASCII.GetBytes(code, bytes) != 4)
        {
            throw new ArgumentException($"'{code}' is not a four-character code.", nameof(code));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The code as text for messages; bytes outside printable ASCII as \xNN.</summary>
    public static string Name(uint code)
    {
        var text = new StringBuilder(4);
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            var b = (byte)(code >> shift);
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : $"\\x{b:x2}");
        }

        return text.ToString();
    }
}
