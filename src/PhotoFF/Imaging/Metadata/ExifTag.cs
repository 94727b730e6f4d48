namespace PhotoFF.Imaging.Metadata;

/// <summary>The tags PhotoFF reads or edits, by the directory they belong to (EXIF 2.32, CIPA DC-008).</summary>
internal static class ExifTag
{
    // IFD0 (and IFD1).
    public const ushort Make = 0x010F;
    public const ushort Model = 0x0110;
    public const ushort Orientation = 0x0112;
    public const ushort ThumbnailOffset = 0x0201;
    public const ushort ThumbnailLength = 0x0202;
    public const ushort ExifPointer = 0x8769;
    public const ushort GpsPointer = 0x8825;

    // EXIF sub-directory.
    public const ushort ExposureTime = 0x829A;
    public const ushort FNumber = 0x829D;
    public const ushort PhotographicSensitivity = 0x8827;
    public const ushort IsoSpeed = 0x8833;
    public const ushort DateTimeOriginal = 0x9003;
    public const ushort OffsetTimeOriginal = 0x9011;
    public const ushort SubSecTimeOriginal = 0x9291;
    public const ushort FocalLength = 0x920A;
    public const ushort MakerNote = 0x927C;
    public const ushort InteroperabilityPointer = 0xA005;
    public const ushort CameraOwnerName = 0xA430;
    public const ushort BodySerialNumber = 0xA431;
    public const ushort LensSpecification = 0xA432;
    public const ushort LensMake = 0xA433;
    public const ushort LensModel = 0xA434;
    public const ushort LensSerialNumber = 0xA435;

    // GPS sub-directory.
    public const ushort GpsLatitudeRef = 0x0001;
    public const ushort GpsLatitude = 0x0002;
    public const ushort GpsLongitudeRef = 0x0003;
    public const ushort GpsLongitude = 0x0004;
    public const ushort GpsAltitudeRef = 0x0005;
    public const ushort GpsAltitude = 0x0006;
}
