using System.Reflection;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// Takes back the hint NetVips gives the garbage collector for an image made from memory. NetVips records the pixels'
/// size on the image and calls <see cref="GC.AddMemoryPressure"/> with it whenever the image is an operation's argument;
/// the runtime answers added pressure with an induced full collection each time a few megabytes more have been added
/// since the last one (as often as a fifth of the time allows), whether or not anything was freed. Exporting 24 photos
/// ran 5 to 8 gen2 collections that way, all of them for the saver's input. PhotoFF disposes each such image as soon as
/// the operation is done, so the hint only costs: an image passed through <see cref="Untracked"/> reports nothing.
/// </summary>
/// <remarks>
/// NetVips keeps the size in an internal field (<c>GObject.MemoryPressure</c>, NetVips 3.2); if a later version renames
/// it, nothing is cleared and only the collections come back (<see cref="IsAvailable"/> says which; a test pins it).
/// </remarks>
internal static class VipsMemoryPressure
{
    private static readonly FieldInfo? Field = FindField();

    /// <summary>Whether this NetVips has the field that <see cref="Untracked"/> clears.</summary>
    public static bool IsAvailable => Field is not null;

    /// <summary>The same image, no longer reported to the garbage collector when operations take it.</summary>
    public static Image Untracked(Image image)
    {
        Field?.SetValue(image, 0L);
        return image;
    }

    /// <summary>What NetVips would report to the garbage collector for <paramref name="image"/> (null without the field).</summary>
    internal static long? ReportedBytes(Image image) => (long?)Field?.GetValue(image);

    private static FieldInfo? FindField()
    {
        FieldInfo? field = typeof(GObject).GetField("MemoryPressure", BindingFlags.Instance | BindingFlags.NonPublic);
        return field?.FieldType == typeof(long) ? field : null;
    }
}
