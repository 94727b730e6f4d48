namespace PhotoFF.Backends.Cpu;

public sealed partial class CpuBackend
{
    public void CopyRegion(PixelBuffer source, int sourceWidth, int sourceHeight, PixelBuffer destination, int destinationWidth, int destinationHeight, int x, int y)
    {
        ClippedRegion region = ClippedRegion.Of(sourceWidth, sourceHeight, destinationWidth, destinationHeight, x, y);
        if (region.IsEmpty)
        {
            return;
        }

        CpuPixelBuffer input = Own(source);
        CpuPixelBuffer output = Own(destination);
        long sourceCount = (long)sourceWidth * sourceHeight;
        long destinationCount = (long)destinationWidth * destinationHeight;
        ForEachRow(region.Width, region.Height, row =>
        {
            int sy = region.Top + row;
            ReadOnlySpan<uint> from = input.Pixels(sourceCount).Slice(sy * sourceWidth + region.Left, region.Width);
            from.CopyTo(output.Pixels(destinationCount).Slice((sy + y) * destinationWidth + region.Left + x, region.Width));
        });
    }
}
