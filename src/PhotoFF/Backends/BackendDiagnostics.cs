namespace PhotoFF.Backends;

/// <summary>A switch for tests (set through InternalsVisibleTo): poisoning every rented buffer makes an operation that
/// leaves pixels unwritten fail visibly instead of passing on memory that happened to hold the right values.</summary>
internal static class BackendDiagnostics
{
    /// <summary>The word every pixel of a newly rented buffer is set to while <see cref="PoisonAllocations"/> is on.</summary>
    public const uint PoisonPixel = 0xA57F3CC3;

    internal static bool PoisonAllocations { get; set; }
}
