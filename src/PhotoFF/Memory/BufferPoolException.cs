namespace PhotoFF.Memory;

/// <summary>A pool could not provide a buffer: memory exhausted or the pool's limit reached, even after trimming.</summary>
public sealed class BufferPoolException : Exception
{
    public BufferPoolException(string message)
        : base(message)
    {
    }
}
