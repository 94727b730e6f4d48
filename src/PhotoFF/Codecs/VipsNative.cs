using System.Runtime.InteropServices;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// The few libvips entry points that NetVips does not expose in the form PhotoFF needs: clearing the error buffer, and
/// computing a region's pixels into memory PhotoFF keeps (<see cref="RegionStrips"/>; NetVips' <see cref="Region.Fetch"/>
/// returns a new array per call: a 1 MB strip lands on the large object heap, and a 1 GB image leaves a gigabyte of such
/// garbage behind).
/// </summary>
/// <remarks>
/// The functions are looked up in the library NetVips has loaded (its own, NetVips.Native's), because NetVips maps
/// library names at run time; where that fails, <see cref="CanComputeIntoMemory"/> is false and the decoder falls back
/// to <see cref="Region.Fetch"/>.
/// </remarks>
internal static unsafe class VipsNative
{
    private static readonly nint Library = Load();

    private static readonly delegate* unmanaged[Cdecl]<void> ErrorClearFunction =
        (delegate* unmanaged[Cdecl]<void>)Export("vips_error_clear");

    private static readonly delegate* unmanaged[Cdecl]<void*, nuint, int, int, int, int, nint> ImageFromMemoryFunction =
        (delegate* unmanaged[Cdecl]<void*, nuint, int, int, int, int, nint>)Export("vips_image_new_from_memory");

    private static readonly delegate* unmanaged[Cdecl]<nint, nint> RegionNewFunction =
        (delegate* unmanaged[Cdecl]<nint, nint>)Export("vips_region_new");

    private static readonly delegate* unmanaged[Cdecl]<nint, VipsRect*, int> RegionImageFunction =
        (delegate* unmanaged[Cdecl]<nint, VipsRect*, int>)Export("vips_region_image");

    private static readonly delegate* unmanaged[Cdecl]<nint, nint, VipsRect*, int, int, int> RegionPrepareToFunction =
        (delegate* unmanaged[Cdecl]<nint, nint, VipsRect*, int, int, int>)Export("vips_region_prepare_to");

    private static readonly delegate* unmanaged[Cdecl]<nint, void> UnrefFunction =
        (delegate* unmanaged[Cdecl]<nint, void>)Export("g_object_unref");

    /// <summary>Whether the entry points that <see cref="RegionStrips"/> computes strips with were found.</summary>
    public static bool CanComputeIntoMemory =>
        ImageFromMemoryFunction != null && RegionNewFunction != null && RegionImageFunction != null &&
        RegionPrepareToFunction != null && UnrefFunction != null;

    public static void ErrorClear()
    {
        if (ErrorClearFunction != null)
        {
            ErrorClearFunction();
        }
    }

    /// <summary>A region over <paramref name="pixels"/> (<paramref name="bytes"/> long, which must outlive it): an image
    /// wrapping that memory (vips_image_new_from_memory, no copy) and a region on it, which holds the image's only
    /// reference, so that <see cref="Unref"/> of the region releases both.</summary>
    /// <exception cref="VipsException">libvips refused the size or format.</exception>
    public static nint NewMemoryRegion(void* pixels, nuint bytes, int width, int height, int bands, Enums.BandFormat format)
    {
        nint image = ImageFromMemoryFunction(pixels, bytes, width, height, bands, (int)format);
        if (image == 0)
        {
            throw new VipsException("unable to wrap memory in an image");
        }

        nint region = RegionNewFunction(image);
        UnrefFunction(image);
        if (region == 0)
        {
            throw new VipsException("unable to make a region");
        }

        return region;
    }

    /// <summary>
    /// Computes <paramref name="area"/> of <paramref name="source"/>'s image straight into the memory of
    /// <paramref name="memory"/> (a region from <see cref="NewMemoryRegion"/>), from its top-left corner on
    /// (vips_region_image, then vips_region_prepare_to).
    /// </summary>
    /// <exception cref="VipsException">libvips could not compute the pixels (damaged data, a failed operation).</exception>
    public static void ComputeInto(Region source, nint memory, VipsRect area)
    {
        bool added = false;
        source.DangerousAddRef(ref added);
        try
        {
            VipsRect attached = new(0, 0, area.Width, area.Height);
            if (RegionImageFunction(memory, &attached) != 0)
            {
                throw new VipsException("unable to attach a region to memory");
            }

            if (RegionPrepareToFunction(source.DangerousGetHandle(), memory, &area, 0, 0) != 0)
            {
                throw new VipsException("unable to fetch from region");
            }
        }
        finally
        {
            if (added)
            {
                source.DangerousRelease();
            }
        }
    }

    public static void Unref(nint gobject) => UnrefFunction(gobject);

    private static nint Load()
    {
        // NetVips has loaded libvips by now; asking for it by its platform name hands back that same library.
        foreach (var name in (string[])["libvips.so.42", "libvips-42.dll", "libvips.42.dylib"])
        {
            if (NativeLibrary.TryLoad(name, typeof(Image).Assembly, null, out var library))
            {
                return library;
            }
        }

        return 0;
    }

    private static nint Export(string name) =>
        Library != 0 && NativeLibrary.TryGetExport(Library, name, out var address) ? address : 0;
}
