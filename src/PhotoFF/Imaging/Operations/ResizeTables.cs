using PhotoFF.Backends;

namespace PhotoFF.Imaging.Operations;

/// <summary>
/// The last few resample tables built, so that a batch of same-sized images (a folder through one Resize-CudaImage)
/// builds its tables once: building them costs the host hundreds of microseconds per axis (Lanczos's sines), more
/// than the GPU's resize of a 4K image. A table is a pure function of its key, so a cached one gives the same bits.
/// </summary>
internal static class ResizeTables
{
    private const int Capacity = 16;

    private static readonly LinkedList<(Key Key, ResampleTable Table)> Recent = new();

    public static ResampleTable Get(ResizeInterpolation filter, int sourceLength, int outputLength, double scale, double origin)
    {
        Key key = new(filter, sourceLength, outputLength, scale, origin);
        lock (Recent)
        {
            for (LinkedListNode<(Key Key, ResampleTable Table)>? node = Recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    Recent.Remove(node);
                    Recent.AddFirst(node);
                    return node.Value.Table;
                }
            }
        }

        ResampleTable table = ResampleWeights.Build(filter, sourceLength, outputLength, scale, origin);
        lock (Recent)
        {
            Recent.AddFirst((key, table));
            while (Recent.Count > Capacity)
            {
                Recent.RemoveLast();
            }
        }

        return table;
    }

    private readonly record struct Key(ResizeInterpolation Filter, int SourceLength, int OutputLength, double Scale, double Origin);
}
