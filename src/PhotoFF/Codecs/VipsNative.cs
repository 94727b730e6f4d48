using System.Runtime.InteropServices;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// The few libvips entry points that NetVips does not expose in the form PhotoFF needs: clearing the error buffer, and
/// fetching a region's pixels without a managed copy (NetVips' <see cref="Region.Fetch"/> returns a new array per call:
/// a 1 MB strip lands on the large object heap, and a 1 GB image leaves a gigabyte of such garbage behind).
/// </summary>
/// <remarks>
/// The functions are looked up in the library NetVips has loaded (its own, NetVips.Native's, whose GLib is linked
/// in statically, so <c>g_free</c> is exported there too), because NetVips maps library names at run time.
/// </remarks>
internal static unsafe class VipsNative
{
    private static readonly nint Library = Load();

    private static readonly delegate* unmanaged[Cdecl]<void> ErrorClearFunction =
        (delegate* unmanaged[Cdecl]<void>)Export("vips_error_clear");

    private static readonly delegate* unmanaged[Cdecl]<nint, int, int, int, int, nuint*, byte*> RegionFetchFunction =
        (delegate* unmanaged[Cdecl]<nint, int, int, int, int, nuint*, byte*>)Export("vips_region_fetch");

    private static readonly delegate* unmanaged[Cdecl]<void*, void> FreeFunction =
        (delegate* unmanaged[Cdecl]<void*, void>)Export("g_free");

    public static void ErrorClear()
    {
        if (ErrorClearFunction != null)
        {
            ErrorClearFunction();
        }
    }

    /// <summary>
    /// Computes the pixels of <paramref name="region"/>'s image in a rectangle and hands them, packed, to
    /// <paramref name="consume"/>, then frees them: the only copy is the caller's own.
    /// </summary>
    /// <exception cref="VipsException">libvips could not compute the pixels (damaged data, a failed operation).</exception>
    public static void Fetch<TState>(Region region, int left, int top, int width, int height, TState state,
        System.Buffers.ReadOnlySpanAction<byte, TState> consume)
    {
        if (RegionFetchFunction == null || FreeFunction == null)
        {
            consume(region.Fetch(left, top, width, height), state);
            return;
        }

        bool added = false;
        region.DangerousAddRef(ref added);
        try
        {
            nuint length;
            byte* pixels = RegionFetchFunction(region.DangerousGetHandle(), left, top, width, height, &length);
            if (pixels == null)
            {
                throw new VipsException("unable to fetch from region");
            }

            try
            {
                consume(new ReadOnlySpan<byte>(pixels, checked((int)length)), state);
            }
            finally
            {
                FreeFunction(pixels);
            }
        }
        finally
        {
            if (added)
            {
                region.DangerousRelease();
            }
        }
    }

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
