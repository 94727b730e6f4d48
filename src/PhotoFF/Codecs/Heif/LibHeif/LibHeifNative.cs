using PhotoFF.Cuda;
using System.Runtime.InteropServices;

namespace PhotoFF.Codecs.Heif.LibHeif;

/// <summary>
/// The few entry points of the system's libheif (libheif.so.1, heif.dll) that decoding needs, loaded at run time and
/// never required: without it HEIC still decodes on a GPU, or fails with a clear MissingCodec error. Declarations
/// follow libheif's heif.h (1.15 and later: the functions used here have not changed since 1.4).
/// </summary>
internal static unsafe partial class LibHeifNative
{
    internal const string Library = "photoff-libheif";

    // heif_colorspace and heif_chroma values of heif.h.
    internal const int ColorspaceRgb = 1;
    internal const int ChromaInterleavedRgb = 10;
    internal const int ChromaInterleavedRgba = 11;
    internal const int ChromaInterleavedRrggbbLe = 14;
    internal const int ChromaInterleavedRrggbbaaLe = 15;
    internal const int ChannelInterleaved = 10;
    internal const int CompressionHevc = 1;

    internal static readonly string[] FileNames = OperatingSystem.IsWindows()
        ? ["heif.dll", "libheif.dll"]
        : OperatingSystem.IsMacOS() ? ["libheif.1.dylib", "libheif.dylib"] : ["libheif.so.1", "libheif.so"];

    static LibHeifNative()
    {
        NativeLibraries.Register(Library, FileNames);
    }

    /// <summary>Forces the static constructor (and so the resolver) before the first call.</summary>
    internal static void EnsureResolver() { }

    /// <summary>heif.h's struct heif_error: returned by value (16 bytes, in registers on x64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct HeifError
    {
        public readonly int Code;
        public readonly int Subcode;
        public readonly nint Message;

        public bool Failed => Code != 0;

        public string Text => Message == 0 ? $"libheif error {Code}.{Subcode}" : Marshal.PtrToStringUTF8(Message) ?? string.Empty;
    }

    [LibraryImport(Library)] internal static partial nint heif_get_version();
    [LibraryImport(Library)] internal static partial HeifError heif_init(nint parameters);
    [LibraryImport(Library)] internal static partial int heif_have_decoder_for_format(int format);
    [LibraryImport(Library)] internal static partial nint heif_context_alloc();
    [LibraryImport(Library)] internal static partial void heif_context_free(nint context);
    [LibraryImport(Library)] internal static partial HeifError heif_context_read_from_memory_without_copy(nint context, byte* data, nuint size, nint options);
    [LibraryImport(Library)] internal static partial HeifError heif_context_get_primary_image_handle(nint context, out nint handle);
    [LibraryImport(Library)] internal static partial void heif_image_handle_release(nint handle);
    [LibraryImport(Library)] internal static partial int heif_image_handle_has_alpha_channel(nint handle);
    [LibraryImport(Library)] internal static partial int heif_image_handle_get_luma_bits_per_pixel(nint handle);
    [LibraryImport(Library)] internal static partial HeifError heif_decode_image(nint handle, out nint image, int colorspace, int chroma, nint options);
    [LibraryImport(Library)] internal static partial void heif_image_release(nint image);
    [LibraryImport(Library)] internal static partial int heif_image_get_width(nint image, int channel);
    [LibraryImport(Library)] internal static partial int heif_image_get_height(nint image, int channel);
    [LibraryImport(Library)] internal static partial byte* heif_image_get_plane_readonly(nint image, int channel, out int stride);
}
