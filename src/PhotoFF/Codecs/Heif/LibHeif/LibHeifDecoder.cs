using System.Runtime.InteropServices;

namespace PhotoFF.Codecs.Heif.LibHeif;

/// <summary>
/// Decodes a HEIF file's primary image to RGBA8 with the system's libheif, the way libvips' heifload does: libheif
/// applies the file's transformations (irot, imir, clap) and its alpha plane; more than 8 bits are reduced with correct
/// rounding. Colour management (an ICC profile) is left to the caller.
/// </summary>
internal static class LibHeifDecoder
{
    private static readonly Lazy<string?> Unavailable = new(() => Probe(LibHeifNative.FileNames));

    /// <summary>Null when libheif with an HEVC decoder is loaded; otherwise why not, in words for the user.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public static bool IsAvailable => UnavailableReason is null;

    /// <summary>The RGBA8 pixels of the primary image, <paramref name="width"/> x <paramref name="height"/> as the
    /// container says; throws <see cref="HeifFormatException"/> when libheif refuses the data.</summary>
    public static unsafe byte[] Decode(byte[] file, int width, int height)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var context = LibHeifNative.heif_context_alloc();
        if (context == 0)
        {
            throw new OutOfMemoryException("libheif could not allocate a context.");
        }

        nint handle = 0, image = 0;
        try
        {
            fixed (byte* data = file)
            {
                Check(LibHeifNative.heif_context_read_from_memory_without_copy(context, data, (nuint)file.Length, 0));
                Check(LibHeifNative.heif_context_get_primary_image_handle(context, out handle));
                var deep = LibHeifNative.heif_image_handle_get_luma_bits_per_pixel(handle) > 8;
                var alpha = LibHeifNative.heif_image_handle_has_alpha_channel(handle) != 0;
                var chroma = (deep, alpha) switch
                {
                    (false, false) => LibHeifNative.ChromaInterleavedRgb,
                    (false, true) => LibHeifNative.ChromaInterleavedRgba,
                    (true, false) => LibHeifNative.ChromaInterleavedRrggbbLe,
                    (true, true) => LibHeifNative.ChromaInterleavedRrggbbaaLe,
                };
                Check(LibHeifNative.heif_decode_image(handle, out image, LibHeifNative.ColorspaceRgb, chroma, 0));
                return CopyPixels(image, width, height, deep, alpha,
                    deep ? LibHeifNative.heif_image_handle_get_luma_bits_per_pixel(handle) : 8);
            }
        }
        finally
        {
            if (image != 0)
            {
                LibHeifNative.heif_image_release(image);
            }

            if (handle != 0)
            {
                LibHeifNative.heif_image_handle_release(handle);
            }

            LibHeifNative.heif_context_free(context);
        }
    }

    private static unsafe byte[] CopyPixels(nint image, int width, int height, bool deep, bool alpha, int bits)
    {
        var decodedWidth = LibHeifNative.heif_image_get_width(image, LibHeifNative.ChannelInterleaved);
        var decodedHeight = LibHeifNative.heif_image_get_height(image, LibHeifNative.ChannelInterleaved);
        if (decodedWidth != width || decodedHeight != height)
        {
            throw new HeifFormatException($"libheif decoded {decodedWidth}x{decodedHeight} pixels where the file says {width}x{height}");
        }

        var plane = LibHeifNative.heif_image_get_plane_readonly(image, LibHeifNative.ChannelInterleaved, out var stride);
        var channels = alpha ? 4 : 3;
        var sampleBytes = deep ? 2 : 1;
        if (plane is null || stride < width * channels * sampleBytes)
        {
            throw new HeifFormatException("libheif returned no interleaved RGB plane");
        }

        var pixels = GC.AllocateUninitializedArray<byte>(checked(4 * width * height));
        var max = (1 << bits) - 1;
        Parallel.For(0, height, y =>
        {
            var row = new ReadOnlySpan<byte>(plane + (long)y * stride, width * channels * sampleBytes);
            var output = pixels.AsSpan(4 * width * y, 4 * width);
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 4; c++)
                {
                    if (c == 3 && !alpha)
                    {
                        output[4 * x + 3] = 255;
                        continue;
                    }

                    var at = x * channels + c;
                    output[4 * x + c] = deep
                        ? Reduce(row[2 * at] | (row[2 * at + 1] << 8), max)
                        : row[at];
                }
            }
        });
        return pixels;
    }

    /// <summary>A sample of 0..<paramref name="max"/> to 0..255, rounded to nearest (half up).</summary>
    internal static byte Reduce(int sample, int max) => (byte)((Math.Min(sample, max) * 255 * 2 + max) / (2 * max));

    private static void Check(LibHeifNative.HeifError error)
    {
        if (error.Failed)
        {
            throw new HeifFormatException($"libheif: {error.Text}");
        }
    }

    /// <summary>Why libheif cannot decode HEVC here, or null when it can; <paramref name="fileNames"/> are the files
    /// to look for, so that a test can ask about one that is not installed.</summary>
    internal static string? Probe(IReadOnlyList<string> fileNames)
    {
        if (!fileNames.Any(name => NativeLibrary.TryLoad(name, typeof(LibHeifDecoder).Assembly, null, out _)))
        {
            return $"libheif is not installed; {InstallHint}";
        }

        try
        {
            LibHeifNative.EnsureResolver();
            var version = Marshal.PtrToStringUTF8(LibHeifNative.heif_get_version()) ?? "?";
            try
            {
                // libheif 1.13 and later load their decoder plugins here; earlier versions have them built in.
                var init = LibHeifNative.heif_init(0);
                if (init.Failed)
                {
                    return $"libheif {version} did not initialize ({init.Text}); {InstallHint}";
                }
            }
            catch (EntryPointNotFoundException)
            {
            }

            return LibHeifNative.heif_have_decoder_for_format(LibHeifNative.CompressionHevc) != 0
                ? null
                : $"libheif {version} is installed but has no HEVC decoder; {InstallHint}";
        }
        catch (DllNotFoundException)
        {
            return $"libheif is not installed; {InstallHint}";
        }
        catch (EntryPointNotFoundException e)
        {
            return $"the installed libheif is too old ({e.Message}); {InstallHint}";
        }
    }

    /// <summary>What to install for HEVC decoding on the CPU, per platform.</summary>
    public static string InstallHint => OperatingSystem.IsWindows()
        ? "install libheif with its HEVC decoder (vcpkg install libheif[hevc] and put heif.dll with libde265.dll on PATH), or use an NVIDIA GPU"
        : OperatingSystem.IsMacOS()
            ? "install libheif (brew install libheif), or use an NVIDIA GPU"
            : "install libheif with its HEVC decoder (Debian 12: apt install libheif1; Debian 13 and Ubuntu 24.04: apt install libheif1 libheif-plugin-libde265; Fedora: dnf install libheif), or use an NVIDIA GPU";
}
