namespace PhotoFF.Backends;

/// <summary>Poisoning every rented buffer makes an operation that leaves pixels unwritten fail visibly instead of passing
/// on memory that happened to hold the right values. On with PHOTOFF_POISON_BUFFERS=1 (README.md: a debugging aid, and
/// what the Pester suite runs with); the xunit tests turn it on through InternalsVisibleTo.</summary>
internal static class BackendDiagnostics
{
    /// <summary>The word every pixel of a newly rented buffer is set to while <see cref="PoisonAllocations"/> is on.</summary>
    public const uint PoisonPixel = 0xA57F3CC3;

    internal static bool PoisonAllocations { get; set; } = Environment.GetEnvironmentVariable("PHOTOFF_POISON_BUFFERS") == "1";
}
