using NetVips;

namespace PhotoFF.Codecs;

/// <summary>
/// One-time libvips setup for the codec layer: checks that the native library loaded, routes every GLib/libvips
/// log message into <see cref="VipsMessageCapture"/> instead of stderr, blocks libvips' untrusted loaders, and sets the
/// operation cache for a streaming workload (off, unless <see cref="VipsCacheSettings"/> says otherwise) and one worker
/// thread per libvips operation (unless VIPS_CONCURRENCY says otherwise).
/// </summary>
public static class VipsRuntime
{
    // GLib dispatches on the exact domain string. "VIPS" is libvips itself; the GLib ones cover the static
    // GLib inside NetVips.Native; null is the default domain that some bundled libraries log to.
    private static readonly string?[] LogDomains = ["VIPS", "GLib", "GLib-GObject", "GLib-GIO", "GModule", null];

    /// <summary>libvips' own setting of its worker threads per operation, which PhotoFF leaves to the user.</summary>
    internal const string ConcurrencyVariable = "VIPS_CONCURRENCY";

    private static readonly Lazy<string> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    // GLib keeps a bare function pointer: the delegate must outlive every native call that may log.
    private static readonly Log.LogDelegate Handler = OnLog;

    /// <summary>The libvips version, e.g. "8.18.7".</summary>
    public static string Version => Initialized.Value;

    /// <summary>Initializes once; later calls are free. Throws <see cref="CodecException"/> when libvips is absent.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    private static string Initialize()
    {
        if (!ModuleInitializer.VipsInitialized)
        {
            var why = ModuleInitializer.Exception?.Message ?? "the native library did not initialize";
            throw new CodecException(CodecErrorKind.MissingCodec, null,
                $"libvips (NetVips.Native) could not be loaded, so no image can be decoded or encoded: {why}",
                ModuleInitializer.Exception);
        }

        // Info and debug stay with GLib's default handler, which drops them unless G_MESSAGES_DEBUG asks
        // for them: libvips logs info messages on hot paths, and a managed callback for each costs time.
        const Enums.LogLevelFlags levels = Enums.LogLevelFlags.Error | Enums.LogLevelFlags.Critical |
                                           Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message |
                                           Enums.LogLevelFlags.FlagFatal | Enums.LogLevelFlags.FlagRecursion;
        foreach (var domain in LogDomains)
        {
            Log.SetLogHandler(domain, levels, Handler);
        }

        // Files come from users: loaders that libvips itself marks as unsafe for untrusted input (ImageMagick,
        // Matlab, FITS, raw vips files...) stay off. The formats PhotoFF promises are all trusted loaders.
        NetVips.NetVips.BlockUntrusted = true;

        // PhotoFF runs its own workers, one image each (Import-CudaImage and Export-CudaImage's -ThrottleLimit), and its
        // own operations: libvips' worker threads inside each save or conversion only hand tiles between threads. The CPU
        // pipeline of 200 photos on 16 cores ran 53.2 -> 55.8 images/s (221 -> 209 CPU ms an image) with one. A user's
        // VIPS_CONCURRENCY still decides.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConcurrencyVariable)))
        {
            NetVips.NetVips.Concurrency = 1;
        }

        // A streaming workload gains nothing from libvips' operation cache and pays for what it keeps (VipsCacheSettings).
        try
        {
            VipsCacheSettings.Apply();
        }
        catch (FormatException e)
        {
            throw new CodecException(CodecErrorKind.MissingCodec, null, e.Message, e);
        }

        return $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";
    }

    private static void OnLog(string? domain, Enums.LogLevelFlags level, string? message)
    {
        try
        {
            VipsMessageCapture.Add(domain, message);
        }
        catch
        {
            // An exception must never unwind into native code.
        }
    }
}
