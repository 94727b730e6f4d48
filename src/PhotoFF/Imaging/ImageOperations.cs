using System.Runtime.CompilerServices;
using PhotoFF.Backends;

namespace PhotoFF.Imaging;

/// <summary>
/// The .NET entry points: one line each, building the operation's definition and applying it through
/// <see cref="Apply"/> or <see cref="Evaluate"/>. Each operation adds its own in a partial file
/// <c>ImageOperations.&lt;Op&gt;.cs</c>.
/// </summary>
public static partial class ImageOperations
{
    /// <summary>Failures already reported (see <see cref="ReportFault"/>); weak, so exceptions are not kept alive.</summary>
    private static readonly ConditionalWeakTable<Exception, Exception> Reported = new();

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
    /// creation, uploads, downloads, copies and waits, copies between devices included (see <see cref="ReportFault"/>).
    /// Nothing else reports a fault.
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

    /// <summary>A failure in a copy between two devices is reported against the device it came from, not against the
    /// backend the work ran on: a broken context on one device must not cost the other device its images.</summary>
    private static void ReportFault(IImageBackend backend, Exception error)
    {
        // Work on one device nested in work on another (a grid's cell resized on its own device) reports there; the
        // outer Run must not report the same failure against its own device.
        if (!Reported.TryAdd(error, error))
        {
            return;
        }

        if (error is CrossDeviceCopyException { InnerException: { } cause } crossing)
        {
            BackendSelector.ReportFault(crossing.Backend, cause);
            return;
        }

        BackendSelector.ReportFault(backend, error);
    }
}
