using System.Runtime.InteropServices;
using NetVips;

namespace PhotoFF.Codecs;

/// <summary>The one libvips entry point that NetVips does not expose publicly: clearing the error buffer.</summary>
internal static unsafe class VipsNative
{
    private static readonly delegate* unmanaged[Cdecl]<void> ErrorClearFunction = Resolve("vips_error_clear");

    public static void ErrorClear()
    {
        if (ErrorClearFunction != null)
        {
            ErrorClearFunction();
        }
    }

    private static delegate* unmanaged[Cdecl]<void> Resolve(string export)
    {
        // NetVips has loaded libvips by now; asking for it by its platform name hands back that same library.
        foreach (var name in (string[])["libvips.so.42", "libvips-42.dll", "libvips.42.dylib"])
        {
            if (NativeLibrary.TryLoad(name, typeof(Image).Assembly, null, out var library) &&
                NativeLibrary.TryGetExport(library, export, out var address))
            {
                return (delegate* unmanaged[Cdecl]<void>)address;
            }
        }

        return null;
    }
}
