using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PhotoFF.Imaging.Metadata;

/// <summary>
/// Removes the properties of a metadata group from an XMP packet: the RDF is parsed (no DTDs, no external entities) and
/// every element or attribute of a removed property goes, wherever it is written. A packet that does not parse cannot be
/// edited with certainty, so it is dropped whole (<see cref="MetadataFormatException"/> tells the caller).
/// </summary>
internal static class XmpEditor
{
    private const string Exif = "http://ns.adobe.com/exif/1.0/";
    private const string ExifEx = "http://cipa.jp/exif/1.0/";
    private const string Aux = "http://ns.adobe.com/exif/1.0/aux/";
    private const string Tiff = "http://ns.adobe.com/tiff/1.0/";
    private const string Photoshop = "http://ns.adobe.com/photoshop/1.0/";
    private const string IptcCore = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
    private const string IptcExtension = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

    /// <summary>The XMP of where a photo was taken: GPS tags and the IPTC and Photoshop location fields.</summary>
    private static bool IsLocation(XName name) => name.NamespaceName switch
    {
        Exif => name.LocalName.StartsWith("GPS", StringComparison.Ordinal),
        Photoshop => name.LocalName is "City" or "State" or "Country",
        IptcCore => name.LocalName is "Location" or "CountryCode",
        IptcExtension => name.LocalName is "LocationCreated" or "LocationShown",
        _ => false,
    };

    /// <summary>The XMP of what took it: the camera and lens, their serial numbers, the owner.</summary>
    private static bool IsCamera(XName name) => name.NamespaceName switch
    {
        Tiff => name.LocalName is "Make" or "Model",
        ExifEx => name.LocalName is "BodySerialNumber" or "CameraOwnerName" or "LensMake" or "LensModel" or "LensSerialNumber" or "LensSpecification",
        Aux => true,
        _ => false,
    };

    /// <summary>A copy of <paramref name="xmp"/> without the properties of <paramref name="groups"/> (Gps, Camera).</summary>
    /// <exception cref="MetadataFormatException">The packet is not well-formed XML.</exception>
    public static byte[] Remove(byte[] xmp, IReadOnlySet<MetadataGroup> groups)
    {
        bool location = groups.Contains(MetadataGroup.Gps);
        bool camera = groups.Contains(MetadataGroup.Camera);
        if (!location && !camera)
        {
            return xmp;
        }

        XDocument document = Parse(xmp);
        bool Removed(XName name) => (location && IsLocation(name)) || (camera && IsCamera(name));
        document.Descendants().Where(e => Removed(e.Name)).ToList().ForEach(e => e.Remove());
        document.Descendants().SelectMany(e => e.Attributes()).Where(a => Removed(a.Name)).ToList().ForEach(a => a.Remove());

        using MemoryStream output = new();
        using (XmlWriter writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private static XDocument Parse(byte[] xmp)
    {
        XmlReaderSettings settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false };
        try
        {
            // Packets often end in NUL padding or a terminator that is not XML.
            int length = Array.IndexOf(xmp, (byte)0) is int end and >= 0 ? end : xmp.Length;
            using MemoryStream input = new(xmp, 0, length);
            using XmlReader reader = XmlReader.Create(input, settings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            throw new MetadataFormatException($"the XMP packet is not well-formed XML ({e.Message})");
        }
    }
}
