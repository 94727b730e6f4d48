using System.Runtime.InteropServices;

namespace PhotoFF.Codecs;

/// <summary>libvips' <c>VipsRect</c>: an area of an image, in pixels.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct VipsRect(int Left, int Top, int Width, int Height);
