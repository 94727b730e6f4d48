using PhotoFF.Backends;

namespace PhotoFF.Imaging;

/// <summary>
/// The .NET entry points: one line each, building the operation's definition and applying it through
/// <see cref="Apply"/> or <see cref="Evaluate"/>. Each operation adds its own in a partial file
/// <c>ImageOperations.&lt;Op&gt;.cs</c>.
/// </summary>
public static partial class ImageOperations
{
    /// <summary>Runs an operation that changes the image in place and returns the image.</summary>
    internal static CudaImage Apply(CudaImage image, Action<CudaImage> operation) =>
        Run(image.Backend, () =>
        {
            operation(image);
            return image;
        });

    /// <summary>Runs an operation that returns a result.</summary>
    internal static T Evaluate<T>(CudaImage image, Func<CudaImage, T> operation) => Run(image.Backend, () => operation(image));

    /// <summary>
    /// Runs work on <paramref name="backend"/>: the one place, with the two host transfers below (a span cannot be
    /// captured by a delegate), where a failure is reported to <see cref="BackendSelector"/>, so that a CUDA context
    /// broken by a sticky error is dropped and the next image gets a new one. Every piece of work on a backend comes
    /// through here: the operations (the cmdlets too, through <see cref="Apply"/>) and <see cref="CudaImage"/>'s
    /// creation, uploads, downloads, copies and waits. Nothing else reports a fault.
    /// </summary>
    internal static T Run<T>(IImageBackend backend, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception error)
        {
            ReportFault(backend, error);
            throw;
        }
    }

    /// <summary><see cref="IImageBackend.Upload"/> with the fault report of <see cref="Run"/>.</summary>
    internal static void Upload(IImageBackend backend, ReadOnlySpan<byte> source, PixelBuffer destination)
    {
        try
        {
            backend.Upload(source, destination);
        }
        catch (Exception error)
        {
            ReportFault(backend, error);
            throw;
        }
    }

    /// <summary><see cref="IImageBackend.Download"/> with the fault report of <see cref="Run"/>.</summary>
    internal static void Download(IImageBackend backend, PixelBuffer source, Span<byte> destination)
    {
        try
        {
            backend.Download(source, destination);
        }
        catch (Exception error)
        {
            ReportFault(backend, error);
            throw;
        }
    }

    private static void ReportFault(IImageBackend backend, Exception error) => BackendSelector.ReportFault(backend, error);
}
