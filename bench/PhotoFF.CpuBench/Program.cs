using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using PhotoFF.Backends.Cpu;
using PhotoFF.CpuBench;
using PhotoFF.Imaging;

// Usage: dotnet PhotoFF.CpuBench.dll [output.md] [--no-scalar] [--only <text>[|<text>...]]
// Prints a markdown table of the CPU backend's time per operation on a 4000x3000 RGBA8 image: the CPU time (all threads
// added up: the time on one core) beside the operation's memory floor on one core (the bytes it must move, each input
// read once and each output written once, over the bandwidth of a large single-threaded copy measured in the same run),
// the wall time on all cores, and the scalar reference's CPU time with the speed-up (unless --no-scalar).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string? outputPath = null;
bool scalar = true;
string? only = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--no-scalar":
            scalar = false;
            break;
        case "--only":
            only = args[++i];
            break;
        default:
            outputPath = args[i];
            break;
    }
}

const int Width = CpuOperations.Width;
const int Height = CpuOperations.Height;
double bandwidth = CopyBandwidth();
using CpuBackend vectorized = new();
using CpuBackend reference = new(scalarOnly: true);
byte[] pixels = RandomPixels(Width, Height, seed: 1);
byte[] opaquePixels = Opaque(pixels);
byte[] keyPixels = RandomPixels(Width, Height, seed: 2);
byte[] logoPixels = RandomPixels(512, 512, seed: 3);

StringBuilder table = new();
table.AppendLine($"CPU: {CpuName()}, {Environment.ProcessorCount} cores; {RuntimeInformation.FrameworkDescription}; Vector<float>: {Vector<float>.Count} lanes, " +
    $"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}; vectorized paths: {vectorized.Vectorized}");
table.AppendLine($"Image: {Width}x{Height} RGBA8 ({4.0 * Width * Height / 1e6:0.0} MB). One core copies {bandwidth / 1e9:0.0} GB/s (read + write, a 256 MB copy on one thread).");
table.AppendLine();
table.AppendLine("| operation | CPU ms (one core) | MB moved | floor ms (one core) | CPU / floor | wall ms (all cores) |" + (scalar ? " scalar CPU ms | speed-up |" : string.Empty));
table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |" + (scalar ? " ---: | ---: |" : string.Empty));
Console.Write(table);

using CudaImage key = CudaImage.FromPixels(keyPixels, Width, Height, vectorized);
using CudaImage logo = CudaImage.FromPixels(logoPixels, 512, 512, vectorized);
using CudaImage scalarKey = CudaImage.FromPixels(keyPixels, Width, Height, reference);
using CudaImage scalarLogo = CudaImage.FromPixels(logoPixels, 512, 512, reference);
byte[] shape = Shape(vectorized);
List<CpuOperations.Entry> scalarEntries = CpuOperations.All(scalarKey, scalarLogo).ToList();
int index = 0;
foreach (CpuOperations.Entry entry in CpuOperations.All(key, logo))
{
    CpuOperations.Entry scalarEntry = scalarEntries[index++];
    if (only is not null && !only.Split('|').Any(text => entry.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
    {
        continue;
    }

    byte[] start = entry.Start switch
    {
        CpuOperations.StartPixels.Shape => shape,
        CpuOperations.StartPixels.Opaque => opaquePixels,
        _ => pixels,
    };
    (double cpu, double wall) = Time(vectorized, start, entry.Operation, new CpuTimer());
    double floor = entry.Bytes / bandwidth * 1e3;
    string row = $"| {entry.Name} | {cpu:0.0} | {entry.Bytes / 1e6:0.0} | {floor:0.00} | {cpu / floor:0.0} | {wall:0.0} |";
    if (scalar)
    {
        (double slow, _) = Time(reference, start, scalarEntry.Operation, new CpuTimer(warmups: 0, runs: 1, untilCompiled: false));
        row += $" {slow:0} | {slow / cpu:0.0}x |";
    }

    Console.WriteLine(row);
    table.AppendLine(row);
}

if (outputPath is not null)
{
    File.WriteAllText(outputPath, table.ToString());
}

return 0;

static (double Cpu, double Wall) Time(CpuBackend backend, byte[] start, Action<CudaImage> operation, CpuTimer timer)
{
    // Each run on a fresh image of the starting pixels, made before the clock starts (its buffer from the backend's pool).
    CudaImage? image = null;
    try
    {
        return timer.Best(
            () =>
            {
                image?.Dispose();
                image = CudaImage.FromPixels(start, Width, Height, backend);
            },
            () => operation(image!));
    }
    finally
    {
        image?.Dispose();
    }
}

// Random pixels, a quarter of them opaque and a quarter transparent in blocks, as RandomImages makes for the tests.
static byte[] RandomPixels(int width, int height, int seed)
{
    byte[] bytes = new byte[4L * width * height];
    new Random(seed).NextBytes(bytes);
    for (int y = 0; y < height; y++)
    {
        for (int x = 0; x < width; x++)
        {
            int region = (x / 256 + 2 * (y / 256)) % 4;
            if (region < 2)
            {
                bytes[4L * (y * width + x) + 3] = region == 0 ? (byte)0 : (byte)255;
            }
        }
    }

    return bytes;
}

// The same pixels with alpha 255 everywhere, as a decoded photo has.
static byte[] Opaque(byte[] pixels)
{
    byte[] opaque = (byte[])pixels.Clone();
    for (int i = 3; i < opaque.Length; i += 4)
    {
        opaque[i] = 255;
    }

    return opaque;
}

// An opaque pill: the shape stroke and shadow draw around.
static byte[] Shape(CpuBackend backend)
{
    using CudaImage pill = CudaImage.Create(Width, Height, new Rgba(200, 120, 40), backend);
    return pill.CornerRadius(1500).ToArray();
}

static unsafe double CopyBandwidth()
{
    const long bytes = 256L << 20;
    byte* source = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
    byte* target = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
    try
    {
        new Span<byte>(source, (int)bytes).Fill(1);
        new Span<byte>(target, (int)bytes).Fill(2);
        (double cpu, _) = new CpuTimer(warmups: 1, runs: 5, untilCompiled: false).Best(() => { }, () => Buffer.MemoryCopy(source, target, bytes, bytes));
        return 2.0 * bytes / (cpu / 1e3);
    }
    finally
    {
        NativeMemory.AlignedFree(source);
        NativeMemory.AlignedFree(target);
    }
}

static string CpuName()
{
    if (File.Exists("/proc/cpuinfo"))
    {
        string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        if (line is not null)
        {
            return line[(line.IndexOf(':') + 1)..].Trim();
        }
    }

    return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? RuntimeInformation.ProcessArchitecture.ToString();
}
